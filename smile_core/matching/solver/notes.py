"""What a plan means for the equality targets, in words (Swedish and English).

- A group that misses the match-rate target (X points) gets a note with the numbers and the
  cause: its supply (at most this many of them can be matched at all, by the mentors whose
  language, field and gender fit their wishes) or the lifting of a lower group.
- A strict option's cost in people: how many more of each group the lifted plan (the
  default) would match.
- The quality target (Y points) missed at the lifted counts.
- The quality target kept only by lowering the better-off group: at the plan's counts the
  worse-off group's mean cannot rise further, so the gap was narrowed by giving the other
  group less suitable mentors (the plan is dominated by the lifting one; see
  :func:`_levelled_note`).
- The workplace mix target missed: which workplaces, with how many women of how many, and
  how many women are missing in all.

Decided from the final plan and max-flow questions only (:mod:`.leximin`), never from the
search that produced the plan — save one fact about it: whether the stages before the score
were proven (``settled``). A note's claim that holds only of the best plan (the gap cannot be
narrowed; a group's seats went to lifting another; a strict rule costs exactly so many) is
made only then; otherwise the note says the search stopped first, or "up to".
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import numpy as np

from smile_core.matching.plan import EqualityNote
from smile_core.matching.settings import QualityParityMode
from smile_core.matching.solver.feasibility import group_score_sums, satisfies_rules
from smile_core.matching.solver.leximin import (
    Lift,
    best_lifted_plan,
    leximin_counts,
    lift_groups,
    lifted_plan,
    worst_off_plan,
)
from smile_core.matching.solver.problem import MatchProblem
from smile_core.matching.solver.rules import match_rate, workplace_mix
from smile_core.text import Message


def group_words(group: str) -> Message:
    """A gender group's name in running text ("kvinnor", "women"): the catalogue's
    ``groups.<code>``."""
    return Message.of(f"groups.{group}")


def equality_notes(
    problem: MatchProblem,
    chosen: np.ndarray,
    *,
    settled: bool = True,
    flow_plan: bool = False,
) -> tuple[EqualityNote, ...]:
    """Every note for the plan ``chosen`` (pair indices), in a fixed order. ``settled``: every
    stage before the score is proven for it (the counts, the quality stage, the mix).
    ``flow_plan``: ``chosen`` is the best-score flow's plan at its counts, as the solve found
    it (then the quality target did not bind, and no flow need say so again)."""
    equality = problem.settings.equality
    groups = tuple(problem.constrained_groups())
    mix = ()
    if equality.workplace_mix.enabled and not equality.workplace_mix.strict:
        # Judged per workplace, whatever the group sizes.
        mix = tuple(_mix_note(problem, chosen))
    if not groups:
        return mix
    matched_mask = np.zeros(problem.n_adepts, dtype=bool)
    matched_mask[problem.pair_adept[chosen]] = True
    genders = np.array(problem.adept_gender)
    sizes = problem.group_sizes()
    counts = {g: int((matched_mask & (genders == g)).sum()) for g in groups}
    notes: list[EqualityNote] = []
    lift = leximin_counts(problem, groups)
    strict = equality.match_rate.enabled and equality.match_rate.strict
    strict_quality = (
        equality.quality.enabled
        and equality.quality.strict
        and equality.quality.mode is QualityParityMode.MAX_GAP
    )
    strict_mix = equality.workplace_mix.enabled and equality.workplace_mix.strict
    # The strict options that are on, by the names the settings form gives them.
    strict_rules = tuple(
        Message.of(f"matching.check.rule.{name}")
        for name, on in (
            ("match_rate", strict),
            ("quality_parity", strict_quality),
            ("workplace_mix", strict_mix),
        )
        if on
    )
    if equality.match_rate.enabled and matched_mask.any():
        for g in groups:
            if match_rate.target_met(problem, matched_mask, g):
                continue
            matched_all = int(matched_mask.sum())
            alone = lift.alone if lift else None
            notes.append(
                _rate_note(problem, g, counts, sizes, alone, matched_all, settled, strict_rules)
            )
    if strict_rules and lift is not None:
        notes += _strict_cost(problem, groups, counts, settled, strict_rules)
    if (
        equality.quality.enabled
        and equality.quality.mode is QualityParityMode.MAX_GAP
        and not equality.quality.strict
        and "woman" in groups
        and "man" in groups
        and counts["woman"]
        and counts["man"]
    ):
        gap = _gap(problem, chosen) / 100
        if gap > Fraction(round(100 * equality.quality.max_gap_points), 100):
            notes.append(_missed_note(problem, chosen, groups, counts, sizes, gap, settled))
        elif not flow_plan:
            notes += _levelled_note(problem, chosen, groups, counts, sizes)
    return (*notes, *mix)


def _missed_note(
    problem: MatchProblem,
    chosen: np.ndarray,
    groups: tuple[str, ...],
    counts: dict[str, int],
    sizes: dict[str, int],
    gap: Fraction,
    settled: bool,
) -> EqualityNote:
    """The Y-point quality target missed (``gap`` in points). Proven (``settled``) and with the
    lifting plan ``L`` at hand (:func:`_lifting`) that misses it too, the note names how far
    lifting the worse-off group would go — the target could be met only by lowering the
    other group, which the engine does not do (``solve._lifting_short_of_target``); else
    "cannot be narrowed further" (no plan at these counts keeps it) or, unproven, that the
    search stopped first."""
    target = float(problem.settings.equality.quality.max_gap_points)
    if not settled:
        return EqualityNote(
            "quality_target",
            Message.of("note.quality_target_unproven", gap=float(gap), target=target),
        )
    lifting = _lifting(problem, chosen, groups, counts, sizes, check_best=False)
    if lifting is None:
        text = Message.of("note.quality_target", gap=float(gap), target=target)
        return EqualityNote("quality_target", text)
    worse, other, means = lifting
    text = Message.of(
        "note.quality_target_lifting",
        gap=float(gap),
        target=target,
        worse=group_words(worse),
        other=group_words(other),
        best=float(means[worse] / 100),
        could=float(means[other] / 100),
        apart=float((means[other] - means[worse]) / 100),
    )
    return EqualityNote("quality_target", text)


def _lifting(
    problem: MatchProblem,
    chosen: np.ndarray,
    groups: tuple[str, ...],
    counts: dict[str, int],
    sizes: dict[str, int],
    *,
    check_best: bool = True,
) -> tuple[str, str, dict[str, Fraction]] | None:
    """The lifting plan ``L`` at ``chosen``'s counts when it misses the quality target: the
    worse-off group, the other, and ``L``'s two means (centipoints, exact); ``None`` when it
    keeps the target, breaks a rule the flows do not carry, matches fewer than ``chosen``, the
    flows do not settle it (the means cross) or the problem is pooled.

    ``L``: the worse-off group's score sum as high as any plan at these counts allows, then
    the best total score (:func:`worst_off_plan`, two exact flows). When it misses the target
    (its better-off group's mean ``O_L`` more than Y above the worse-off group's ``W_L``),
    every plan keeping the target is dominated by it: its worse-off mean is at most ``W_L``
    (nothing beats ``L`` there) and its other mean at most ``W_L + Y < O_L``. ``check_best``
    runs the best-score flow first: when that plan keeps the target so does ``L`` (``L``
    has the worse-off group's sum at least, and the other's at most, the best-score plan's),
    and ``L``'s weighted flows are far slower (1,000 random adepts: 3.6 s)."""
    if problem.pool is not None:
        return None
    lift = Lift(groups, sizes, counts, {})
    target = Fraction(round(100 * problem.settings.equality.quality.max_gap_points))
    if (
        check_best
        and _gap(problem, lifted_plan(problem, lift, problem.pair_score, 0).chosen) <= target
    ):
        return None
    plan = worst_off_plan(problem, lift, problem.pair_score)
    if plan is None or len(plan) < len(chosen) or not satisfies_rules(problem, plan):
        return None
    sums = group_score_sums(problem, plan)
    means = {g: Fraction(s, m) for g, (s, m) in sums.items() if m}
    if len(means) < 2:
        return None
    worse, other = sorted(means, key=lambda g: means[g])
    if means[other] - means[worse] <= target:
        return None
    return worse, other, means


def _levelled_note(
    problem: MatchProblem,
    chosen: np.ndarray,
    groups: tuple[str, ...],
    counts: dict[str, int],
    sizes: dict[str, int],
) -> list[EqualityNote]:
    """A note when the plan keeps the quality target only by lowering the better-off group:
    the lifting plan misses it (:func:`_lifting`), so the plan is dominated by it — the gap
    narrowed by giving the better-off group less suitable mentors, with no gain to the
    worse-off group. The engine's own stages never do this at the lifted counts
    (``solve._lifting_short_of_target``); a search without them (CP-SAT choosing the counts
    itself: strict options, must-match) still may, and the steering group must be told."""
    lifting = _lifting(problem, chosen, groups, counts, sizes)
    if lifting is None:
        return []
    worse, other, means = lifting
    now = group_score_sums(problem, chosen)[other]
    text = Message.of(
        "note.quality_levelled",
        target=float(problem.settings.equality.quality.max_gap_points),
        worse=group_words(worse),
        other=group_words(other),
        best=float(means[worse] / 100),
        could=float(means[other] / 100),
        now=float(Fraction(now[0], now[1]) / 100),
    )
    return [EqualityNote("quality_levelled", text, other)]


def _gap(problem: MatchProblem, chosen: np.ndarray) -> Fraction:
    """The women's and men's mean scores' difference in ``chosen`` (centipoints, exact; 0
    when a group has nobody matched)."""
    (s_w, m_w), (s_m, m_m) = group_score_sums(problem, chosen).values()
    return abs(Fraction(s_w, m_w) - Fraction(s_m, m_m)) if m_w and m_m else Fraction(0)


def _mix_note(problem: MatchProblem, chosen: np.ndarray) -> list[EqualityNote]:
    """The workplaces below the mix target's share (two or more placed), with their counts,
    and the women missing in all; none when every workplace meets it."""
    placed, women, missing = workplace_mix.shortfalls(problem, chosen)
    short = np.flatnonzero(missing)
    if not len(short):
        return []
    places = tuple(
        Message.of(
            "note.mix_place",
            workplace=problem.workplace_ids[w],
            k=int(women[w]),
            n=int(placed[w]),
        )
        for w in short
    )
    text = Message.of(
        "note.mix_target",
        count=len(short),
        share=problem.settings.equality.workplace_mix.min_women_share,
        places=places,
        missing=int(missing.sum()),
    )
    return [EqualityNote("mix_target", text, "woman", int(missing.sum()))]


def _rate_note(
    problem: MatchProblem,
    group: str,
    counts: dict[str, int],
    sizes: dict[str, int],
    alone: dict[str, int] | None,
    matched_all: int,
    settled: bool,
    strict_rules: tuple[Message, ...],
) -> EqualityNote:
    """The missed X-point target in its own measure: the group's share of all matched adepts
    against its share of all applicants, and how many points short; then the counts and cause
    (the group's supply, proven by a flow whatever the search; else, when the counts are not
    proven, that the search stopped first; else the strict options that are on, which replace
    the lifting; else the lifting of another group)."""
    n_g, m_g = sizes[group], counts[group]
    total = sum(counts.values())
    others = tuple(
        Message.of("note.group_count", group=group_words(h), m=counts[h], n=sizes[h])
        for h in counts
        if h != group
    )
    if total and alone is not None and alone[group] <= m_g:
        cause = Message.of("note.cause.supply", most=alone[group], n=n_g, group=group_words(group))
    elif not settled:
        cause = Message.of("note.cause.unproven")
    elif strict_rules:
        cause = Message.of("note.cause.strict", rules=strict_rules)
    else:
        cause = Message.of("note.cause.lifted")
    # Shares rounded as shown (0,1 %), so the points short are their difference as read.
    matched_share = round(m_g / matched_all, 3)
    applicant_share = round(n_g / problem.n_adepts, 3)
    text = Message.of(
        "note.rate_target.share",
        points=float(problem.settings.equality.match_rate.max_shortfall_points),
        group=group_words(group),
        matched_share=matched_share,
        applicant_share=applicant_share,
        short=round(100 * (applicant_share - matched_share), 1),
        m=m_g,
        n=n_g,
        others=others,
        cause=cause,
    )
    return EqualityNote("rate_target", text, group, m_g)


def _strict_cost(
    problem: MatchProblem,
    groups: tuple[str, ...],
    counts: dict[str, int],
    settled: bool,
    rules: tuple[Message, ...],
) -> list[EqualityNote]:
    """How many more of each group the default (lifting, not strict) plan would match: exactly
    when both plans' counts are proven (the lifted one by flows keeping every rule, the strict
    one by the search), else "up to" (a better strict plan may match more)."""
    equality = problem.settings.equality
    lifting = dataclasses.replace(
        equality,
        match_rate=dataclasses.replace(equality.match_rate, enabled=True, strict=False),
        quality=dataclasses.replace(equality.quality, strict=False),
        workplace_mix=dataclasses.replace(equality.workplace_mix, strict=False),
    )
    relaxed = dataclasses.replace(
        problem, settings=dataclasses.replace(problem.settings, equality=lifting)
    )
    lift = leximin_counts(relaxed, lift_groups(relaxed))
    if lift is None:
        return []
    plan = best_lifted_plan(relaxed, lift, relaxed.pair_value, 1 + int(relaxed.pair_value.sum()))
    exact = settled and satisfies_rules(relaxed, plan.chosen)
    genders = np.array(problem.adept_gender)[problem.pair_adept[plan.chosen]]
    notes = []
    for g in groups:
        lost = int((genders == g).sum()) - counts[g]
        if lost <= 0:
            continue
        text = Message.of(
            "note.strict_cost_named" if exact else "note.strict_cost_up_to_named",
            rules=rules,
            count=lost,
            group=group_words(g),
            one=Message.of(f"groups.{g}.one"),  # in running text: "1 man", not "1 Man"
        )
        notes.append(EqualityNote("strict_cost", text, g, lost))
    return notes
