"""What a plan means for the equality targets, in words (Swedish and English).

- A group that misses the match-rate target (X points) gets a note with the numbers and the
  cause: its supply (at most this many of them can be matched at all, by the mentors whose
  language, field and gender fit their wishes) or the lifting of a lower group.
- A strict option's cost in people: how many more of each group the lifted plan (the
  default) would match.
- The quality target (Y points) missed at the lifted counts.

Decided from the final plan and max-flow questions only (:mod:`.leximin`), never from the
search that produced the plan.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import numpy as np

from smile_core.plan import EqualityNote
from smile_core.settings import QualityParityMode
from smile_core.solver.feasibility import group_score_sums, satisfies_rules
from smile_core.solver.leximin import best_lifted_plan, leximin_counts, lift_groups
from smile_core.solver.problem import MatchProblem
from smile_core.solver.rules import match_rate

#: Group names in running text: (Swedish, English).
GROUP_WORDS = {
    "woman": ("kvinnor", "women"),
    "man": ("män", "men"),
    "non_binary": ("icke-binära", "non-binary people"),
}


def _pct(value: Fraction | float) -> str:
    return f"{100 * float(value):.0f} %"


def equality_notes(problem: MatchProblem, chosen: np.ndarray) -> tuple[EqualityNote, ...]:
    """Every note for the plan ``chosen`` (pair indices), in a fixed order."""
    equality = problem.settings.equality
    groups = tuple(problem.constrained_groups())
    if not groups:
        return ()
    matched_mask = np.zeros(problem.n_adepts, dtype=bool)
    matched_mask[problem.pair_adept[chosen]] = True
    genders = np.array(problem.adept_gender)
    sizes = problem.group_sizes()
    counts = {g: int((matched_mask & (genders == g)).sum()) for g in groups}
    notes: list[EqualityNote] = []
    lift = leximin_counts(problem, groups)
    if equality.match_rate.enabled and matched_mask.any():
        for g in groups:
            if match_rate.target_met(problem, matched_mask, g):
                continue
            notes.append(_rate_note(problem, g, counts, sizes, lift.alone if lift else None))
    strict = equality.match_rate.enabled and equality.match_rate.strict
    strict_quality = (
        equality.quality.enabled
        and equality.quality.strict
        and equality.quality.mode is QualityParityMode.MAX_GAP
    )
    if (strict or strict_quality) and lift is not None:
        notes += _strict_cost(problem, groups, counts)
    if (
        equality.quality.enabled
        and equality.quality.mode is QualityParityMode.MAX_GAP
        and not equality.quality.strict
        and "woman" in groups
        and "man" in groups
    ):
        (s_w, m_w), (s_m, m_m) = group_score_sums(problem, chosen).values()
        if m_w and m_m:
            gap = abs(Fraction(s_w, m_w) - Fraction(s_m, m_m)) / 100
            if gap > Fraction(round(100 * equality.quality.max_gap_points), 100):
                y = f"{equality.quality.max_gap_points:g}"
                notes.append(
                    EqualityNote(
                        "quality_target",
                        f"Medelpoängen för matchade kvinnor och män skiljer {float(gap):.1f} "
                        f"poäng (mål: högst {y}). Med de lyfta antalen går gapet inte att "
                        "minska mer; ingen lämnas utan mentor för att nå målet.",
                        f"Matched women's and men's mean scores differ by {float(gap):.1f} "
                        f"points (target: at most {y}). At the lifted counts the gap cannot be "
                        "narrowed further; nobody is left without a mentor to meet it.",
                    )
                )
    return tuple(notes)


def _rate_note(
    problem: MatchProblem,
    group: str,
    counts: dict[str, int],
    sizes: dict[str, int],
    alone: dict[str, int] | None,
) -> EqualityNote:
    sv_g, en_g = GROUP_WORDS[group]
    n_g, m_g = sizes[group], counts[group]
    x = f"{problem.settings.equality.match_rate.max_shortfall_points:g}"
    total = sum(counts.values())
    others_sv = ", ".join(
        f"{GROUP_WORDS[h][0]} {counts[h]} av {sizes[h]}" for h in counts if h != group
    )
    others_en = ", ".join(
        f"{GROUP_WORDS[h][1]} {counts[h]} of {sizes[h]}" for h in counts if h != group
    )
    head_sv = (
        f"Målet för matchningsandel (högst {x} procentenheter under andelen sökande) nås inte "
        f"för {sv_g}: {m_g} av {n_g} matchade ({_pct(Fraction(m_g, n_g))}); {others_sv}."
    )
    head_en = (
        f"The match-rate target (at most {x} points below the share of applicants) is missed "
        f"for {en_g}: {m_g} of {n_g} matched ({_pct(Fraction(m_g, n_g))}); {others_en}."
    )
    if total and alone is not None and alone[group] <= m_g:
        cause_sv = (
            f" Orsak: högst {alone[group]} av de {n_g} {sv_g} kan matchas alls — bara så många "
            "mentorplatser passar deras språk, yrke och önskemål om mentorns kön. Fler mentorer "
            "som passar dem (se Beredskap) skulle minska gapet."
        )
        cause_en = (
            f" Cause: at most {alone[group]} of the {n_g} {en_g} can be matched at all — only "
            "so many mentor seats fit their language, field and mentor-gender wishes. More "
            "mentors who fit them (see Readiness) would close the gap."
        )
    else:
        cause_sv = (
            " Orsak: platserna som passar dem behövs för att lyfta en grupp med lägre "
            "matchningsandel, eller binds av låsta par och adepter som måste matchas."
        )
        cause_en = (
            " Cause: the seats that fit them are needed to lift a group with a lower match "
            "rate, or are held by locked pairs and must-match adepts."
        )
    return EqualityNote("rate_target", head_sv + cause_sv, head_en + cause_en, group, m_g)


def _strict_cost(
    problem: MatchProblem, groups: tuple[str, ...], counts: dict[str, int]
) -> list[EqualityNote]:
    """How many more of each group the default (lifting, not strict) plan would match."""
    equality = problem.settings.equality
    lifting = dataclasses.replace(
        equality,
        match_rate=dataclasses.replace(equality.match_rate, enabled=True, strict=False),
        quality=dataclasses.replace(equality.quality, strict=False),
    )
    relaxed = dataclasses.replace(
        problem, settings=dataclasses.replace(problem.settings, equality=lifting)
    )
    lift = leximin_counts(relaxed, lift_groups(relaxed))
    if lift is None:
        return []
    plan = best_lifted_plan(relaxed, lift, relaxed.pair_value, 1 + int(relaxed.pair_value.sum()))
    exact = satisfies_rules(relaxed, plan.chosen)
    genders = np.array(problem.adept_gender)[problem.pair_adept[plan.chosen]]
    notes = []
    for g in groups:
        lost = int((genders == g).sum()) - counts[g]
        if lost <= 0:
            continue
        sv_g, en_g = GROUP_WORDS[g]
        up_to_sv, up_to_en = ("", "") if exact else ("upp till ", "up to ")
        notes.append(
            EqualityNote(
                "strict_cost",
                f"Den strikta regeln kostar {up_to_sv}{lost} {sv_g} en mentor: de skulle "
                "matchas om gruppernas andelar i stället lyftes (standard).",
                f"The strict rule costs {up_to_en}{lost} {en_g} a mentor: they would be "
                "matched if the groups' rates were lifted instead (the default).",
                g,
                lost,
            )
        )
    return notes
