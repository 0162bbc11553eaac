"""Quality parity between matched women and men (both groups at least ``min_group_size``).

The gap row: with S_g the summed score (centipoints) and M_g the number matched in group g,
the means differ by at most Y points when ``|S_w * M_m - S_m * M_w| <= 100 * Y * M_w * M_m``:
exact, with the products as CP-SAT multiplication constraints (a group with nobody matched has
no mean and no constraint).

- ``MAX_GAP`` with ``strict``: the gap row always holds (may cost people: the old hard rule).
- ``MAX_GAP`` (default): the gap row holds when a literal ``quality_target`` is true; the
  façade maximises that literal as a stage *after* fixing the counts, so the target is kept
  when the counts allow it and never bought by unmatching anyone.
- ``MAXIMIN``: the term ``worst_off_mean``, the lower of the two means (centipoints), which
  the façade maximises as a stage after fixing the counts.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

import numpy as np
from ortools.sat.python import cp_model

from smile_core.matching.settings import QualityParityMode
from smile_core.matching.solver.context import ModelContext, enforce
from smile_core.matching.solver.problem import MatchProblem
from smile_core.matching.solver.rules.rule import Rule
from smile_core.matching.violation import PlanFacts, Violation
from smile_core.text import Message

GROUPS = ("woman", "man")


def add(ctx: ModelContext, *, counts_fixed: bool = False) -> dict[str, cp_model.IntVar]:
    """Add the parity rows; return the stage terms (``quality_target`` or ``worst_off_mean``;
    none for the strict rule or when the rule does not apply).

    With ``counts_fixed`` (the façade fixes both groups' counts before the quality stage, as
    it does when lifting) no products are built: the sums ``score_<group>`` and counts
    ``matched_<group>`` are returned and the façade adds the then-linear stage rows
    (:func:`linear_stage`)."""
    problem = ctx.problem
    rule = problem.settings.equality.quality
    if not rule.enabled or not all(g in problem.constrained_groups() for g in GROUPS):
        return {}
    model = ctx.model
    sums, counts = {}, {}
    for group in GROUPS:
        member = problem.gender_members(group)[problem.pair_adept]
        pairs = np.flatnonzero(member)
        n_g = problem.group_sizes()[group]
        score = problem.pair_score
        sums[group] = ctx.derive(
            model.new_int_var(0, 10000 * n_g, f"score_{group}"),
            lambda x, pairs=pairs, score=score: int(score[pairs][x[pairs]].sum()),
        )
        counts[group] = ctx.derive(
            model.new_int_var(0, n_g, f"matched_{group}"),
            lambda x, pairs=pairs: int(x[pairs].sum()),
        )
        model.add(sums[group] == ctx.total(pairs, problem.pair_score[pairs]))
        model.add(counts[group] == ctx.total(pairs))
    known = ctx.known_counts or {}
    if rule.strict and rule.mode is QualityParityMode.MAX_GAP and all(g in known for g in GROUPS):
        _strict_rows_at_counts(ctx, sums, {g: known[g] for g in GROUPS})
        return {}
    if counts_fixed and not (rule.strict and rule.mode is QualityParityMode.MAX_GAP):
        return {
            **{f"score_{g}": sums[g] for g in GROUPS},
            **{f"matched_{g}": counts[g] for g in GROUPS},
        }
    if rule.mode is QualityParityMode.MAXIMIN:
        return {"worst_off_mean": _worst_off_mean(ctx, sums, counts)}
    w, m = GROUPS
    gap = round(100 * rule.max_gap_points)
    cross_w = _product(ctx, sums[w], counts[m])
    cross_m = _product(ctx, sums[m], counts[w])
    both = _product(ctx, counts[w], counts[m])
    guard = ctx.guard(
        "quality_parity",
        Message.of("conflict.quality_parity", points=float(rule.max_gap_points)),
    )
    if rule.strict:
        enforce(model.add(cross_w - cross_m <= gap * both), guard)
        enforce(model.add(cross_m - cross_w <= gap * both), guard)
        return {}

    def kept(x: np.ndarray) -> int:
        a, b, c = ctx.value(cross_w, x), ctx.value(cross_m, x), ctx.value(both, x)
        return int(abs(a - b) <= gap * c)

    target = ctx.derive(model.new_bool_var("quality_target"), kept)
    model.add(cross_w - cross_m <= gap * both).only_enforce_if(target)
    model.add(cross_m - cross_w <= gap * both).only_enforce_if(target)
    return {"quality_target": target}


def _product(ctx: ModelContext, a: cp_model.IntVar, b: cp_model.IntVar) -> cp_model.IntVar:
    model = ctx.model
    # The upper bounds from the proto (``domain`` is [lo, hi]; the container does not take
    # negative indices).
    bound = max(model.proto.variables[a.index].domain) * max(model.proto.variables[b.index].domain)
    product = model.new_int_var(0, bound, "")
    model.add_multiplication_equality(product, [a, b])
    return ctx.derive(product, lambda x: ctx.value(a, x) * ctx.value(b, x))


def _worst_off_mean(
    ctx: ModelContext, sums: dict[str, cp_model.IntVar], counts: dict[str, cp_model.IntVar]
) -> cp_model.IntVar:
    model = ctx.model
    means: list[cp_model.IntVar] = []
    worst = ctx.derive(
        model.new_int_var(0, 10000, "worst_off_mean"),
        lambda x: min(ctx.value(v, x) for v in means),
    )
    for group in GROUPS:
        mean = ctx.derive(
            model.new_int_var(0, 10000, f"mean_{group}"),
            lambda x, s=sums[group], c=counts[group]: ctx.value(s, x) // max(ctx.value(c, x), 1),
        )
        # mean * M_g <= S_g makes ``mean`` at most the group's mean; a group nobody from is
        # matched has mean 0, so maximising cannot profit from leaving a group out.
        model.add(_product(ctx, mean, counts[group]) <= sums[group])
        model.add(mean <= 10000 * counts[group])
        model.add(worst <= mean)
        means.append(mean)
    return worst


def linear_stage(
    ctx: ModelContext, terms: dict[str, cp_model.IntVar], fixed: dict[str, int]
) -> tuple[str, cp_model.IntVar]:
    """The quality stage once both groups' counts are ``fixed``: linear rows, and the stage's
    name and variable — ``quality_target`` (a literal: the gap holds) for ``MAX_GAP``, or
    ``worst_off_mean`` (the lower mean exactly, times M_w * M_m) for ``MAXIMIN``. A group
    with nobody matched has no gap to keep, and mean 0 for ``MAXIMIN`` (as in the product
    form)."""
    problem = ctx.problem
    rule = problem.settings.equality.quality
    model = ctx.model
    for g in GROUPS:
        model.add(terms[f"matched_{g}"] == fixed[g])
    present = [g for g in GROUPS if fixed[g] > 0]
    sums = {g: terms[f"score_{g}"] for g in GROUPS}
    if rule.mode is QualityParityMode.MAXIMIN:
        # The lower mean exactly, scaled by both counts (S_w * M_m against S_m * M_w), not
        # floored to centipoints: with the counts fixed it is linear, and the score stage then
        # keeps the worse-off group's sum at its best, which one lexicographic flow settles
        # (:func:`~smile_core.matching.solver.leximin.worst_off_plan`). As in the product form: a
        # group with nobody matched has mean 0.
        w, m = GROUPS
        scale = {w: fixed[m], m: fixed[w]}
        worst = model.new_int_var(0, 10000 * max(fixed[w] * fixed[m], 1), "worst_off_mean")
        for g in present:
            model.add(worst <= sums[g] * scale[g])
        if len(present) < 2:
            model.add(worst == 0)
        ctx.derive(
            worst,
            lambda x: (
                min(ctx.value(sums[g], x) * scale[g] for g in present) if len(present) == 2 else 0
            ),
        )
        return "worst_off_mean", worst
    target = model.new_bool_var("quality_target")
    gap = round(100 * rule.max_gap_points)
    if len(present) == 2:
        w, m = GROUPS
        diff = sums[w] * fixed[m] - sums[m] * fixed[w]
        bound = gap * fixed[w] * fixed[m]
        model.add(diff <= bound).only_enforce_if(target)
        model.add(-diff <= bound).only_enforce_if(target)

        def kept(x: np.ndarray) -> int:
            d = ctx.value(sums[w], x) * fixed[m] - ctx.value(sums[m], x) * fixed[w]
            return int(abs(d) <= bound)

        ctx.derive(target, kept)
    else:
        ctx.derive(target, lambda x: 1)
    return "quality_target", target


def _strict_rows_at_counts(
    ctx: ModelContext, sums: dict[str, cp_model.IntVar], fixed: dict[str, int]
) -> None:
    """The strict gap row once both groups' counts are ``fixed`` (and held so by the caller:
    :attr:`ModelContext.known_counts`): linear in the group score ``sums``, ``|S_w * M_m -
    S_m * M_w| <= 100 * Y * M_w * M_m`` with the counts as numbers, in place of the products
    :func:`add` builds otherwise (CP-SAT's linear relaxation does not see through those).
    Adds nothing when a group has nobody matched (no mean, no gap)."""
    if any(fixed.get(g, 0) == 0 for g in GROUPS):
        return
    w, m = GROUPS
    diff = sums[w] * fixed[m] - sums[m] * fixed[w]
    gap = round(100 * ctx.problem.settings.equality.quality.max_gap_points)
    bound = gap * fixed[w] * fixed[m]
    ctx.model.add(diff <= bound)
    ctx.model.add(-diff <= bound)


def group_score_sums(problem: MatchProblem, chosen: np.ndarray) -> dict[str, tuple[int, int]]:
    """(summed score in centipoints, matched count) for women and men."""
    genders = np.array(problem.adept_gender)[problem.pair_adept[chosen]]
    scores = problem.pair_score[chosen]
    return {g: (int(scores[genders == g].sum()), int((genders == g).sum())) for g in GROUPS}


def lower_mean_group(
    problem: MatchProblem, chosen: np.ndarray, *, target: bool = False
) -> str | None:
    """The group (woman/man) whose mean score is lower by more than the allowed gap, if any.

    By default only the strict (hard) rule counts; ``target=True`` judges the gap as a target
    whatever the mode and strictness (for reporting and for the flow plan's shortcut)."""
    rule = problem.settings.equality.quality
    groups = problem.constrained_groups()
    if not rule.enabled:
        return None
    if not target and (rule.mode is not QualityParityMode.MAX_GAP or not rule.strict):
        return None
    if "woman" not in groups or "man" not in groups:
        return None
    (s_w, m_w), (s_m, m_m) = group_score_sums(problem, chosen).values()
    if not m_w or not m_m:
        return None
    gap = round(100 * rule.max_gap_points)
    if s_w * m_m - s_m * m_w > gap * m_w * m_m:
        return "man"
    if s_m * m_w - s_w * m_m > gap * m_w * m_m:
        return "woman"
    return None


def mirror(problem: MatchProblem, chosen: np.ndarray) -> bool:
    """The strict gap row holds for the pairs ``chosen`` (or the rule is not strict)."""
    return lower_mean_group(problem, chosen) is None


def check(plan: PlanFacts) -> list[Violation]:
    """Matched women's and men's mean scores more than Y points apart (exact fractions); only
    ``MAX_GAP`` with ``strict`` or ``targets``, and only with the scores known."""
    rule = plan.settings.equality.quality
    if not (
        rule.enabled
        and rule.mode is QualityParityMode.MAX_GAP
        and (rule.strict or plan.targets)
        and plan.scores is not None
        and all(g in plan.groups for g in GROUPS)
    ):
        return []
    sums: Counter[str] = Counter()
    for a, m in plan.pairs:
        sums[plan.gender[a]] += round(plan.scores[(a, m)] * 100)
    matched = plan.matched_per_group
    if not (matched["woman"] and matched["man"]):
        return []
    gap = abs(Fraction(sums["woman"], matched["woman"]) - Fraction(sums["man"], matched["man"]))
    if gap <= Fraction(round(100 * rule.max_gap_points)):
        return []
    return [
        Violation(
            "quality_parity",
            f"mean scores differ by {float(gap) / 100:.2f} points",
            (("d", f"{float(gap) / 100:.2f}"),),
        )
    ]


RULE = Rule(
    name="quality_parity",
    settings=(
        "equality.quality.enabled",
        "equality.quality.mode",
        "equality.quality.max_gap_points",
        "equality.quality.strict",
        "equality.min_group_size",
    ),
    applies=lambda s: s.equality.quality.enabled,
    build=lambda ctx, counts_fixed: add(ctx, counts_fixed=counts_fixed),
    check=check,
    codes=("quality_parity",),
    mirror=mirror,
    equality=True,
)
