"""Match-rate parity as the *strict* option: every gender group with at least
``min_group_size`` applicants gets a share of the matched adepts no lower than its share of the
applicants minus X points, even if fewer people are matched. (By default the rule lifts
instead — :mod:`smile_core.matching.solver.leximin` — and X is only a reported target.)

With N applicants, n_g of them in group g, M matched and M_g of those in g, the rule is
``M_g / M >= n_g / N - X / 100``, kept linear and exact in whole numbers as
``10000 * N * M_g >= (10000 * n_g - round(100 * X) * N) * M``.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from smile_core.matching.solver.context import ModelContext, enforce
from smile_core.matching.solver.problem import MatchProblem
from smile_core.matching.solver.rules.rule import Rule
from smile_core.matching.violation import PlanFacts, Violation
from smile_core.text import Message


def target_met(problem: MatchProblem, matched: np.ndarray, group: str) -> bool:
    """True when ``group`` meets the X-point target with the adepts ``matched`` (a mask)."""
    return int(coefficients(problem, group)[matched].sum()) >= 0


def coefficients(problem: MatchProblem, group: str) -> np.ndarray:
    """Per-adept coefficient c_a: the rule for ``group`` is sum(c_a * matched_a) >= 0."""
    n = problem.n_adepts
    n_g = problem.group_sizes()[group]
    shortfall = round(100 * problem.settings.equality.match_rate.max_shortfall_points)
    member = problem.gender_members(group).astype(np.int64)
    return 10000 * n * member - (10000 * n_g - shortfall * n)


def add(ctx: ModelContext) -> None:
    """One row per constrained gender group (only when the strict option is on)."""
    problem = ctx.problem
    rule = problem.settings.equality.match_rate
    if not (rule.enabled and rule.strict):
        return
    for group in problem.constrained_groups():
        per_pair = coefficients(problem, group)[problem.pair_adept]
        guard = ctx.guard(
            "match_rate",
            Message.of("conflict.match_rate", group=group, points=float(rule.max_shortfall_points)),
        )
        pairs = np.arange(problem.n_pairs)
        enforce(ctx.model.add(ctx.total(pairs, per_pair) >= 0), guard)


def violated_groups(problem: MatchProblem, matched: np.ndarray) -> list[str]:
    """Constrained gender groups whose *strict* match-rate parity row fails with the adepts
    ``matched`` (a mask; the default rule lifts instead and keeps X points only as a target:
    see :mod:`smile_core.matching.solver.leximin`)."""
    rule = problem.settings.equality.match_rate
    if not (rule.enabled and rule.strict):
        return []
    return [
        g for g in problem.constrained_groups() if int(coefficients(problem, g)[matched].sum()) < 0
    ]


def mirror(problem: MatchProblem, chosen: np.ndarray) -> bool:
    """The strict rows hold for the pairs ``chosen``."""
    matched = np.zeros(problem.n_adepts, dtype=bool)
    matched[problem.pair_adept[chosen]] = True
    return not violated_groups(problem, matched)


def check(plan: PlanFacts) -> list[Violation]:
    """Groups whose share of the matched is more than X points below their share of the
    applicants (exact fractions); only with ``strict`` or ``targets``."""
    rule = plan.settings.equality.match_rate
    total_matched = len(plan.pairs)
    if not (rule.enabled and (rule.strict or plan.targets) and total_matched):
        return []
    applicants = len(plan.programme.adepts)
    allowed_short = Fraction(round(100 * rule.max_shortfall_points), 10000)
    out = []
    for g in plan.groups:
        applicant_share = Fraction(plan.applicants[g], applicants)
        matched_share = Fraction(plan.matched_per_group[g], total_matched)
        if matched_share < applicant_share - allowed_short:
            out.append(
                Violation(
                    "match_rate",
                    f"{g}: {float(matched_share):.1%} of the matched against "
                    f"{float(applicant_share):.1%} of the applicants",
                    (
                        ("g", g),
                        ("got", f"{100 * float(matched_share):.1f}"),
                        ("want", f"{100 * float(applicant_share):.1f}"),
                    ),
                )
            )
    return out


def _add(ctx: ModelContext, counts_fixed: bool) -> dict:
    add(ctx)
    return {}


RULE = Rule(
    name="match_rate",
    settings=(
        "equality.match_rate.enabled",
        "equality.match_rate.max_shortfall_points",
        "equality.match_rate.strict",
        "equality.min_group_size",
    ),
    applies=lambda s: s.equality.match_rate.enabled,
    build=_add,
    check=check,
    codes=("match_rate",),
    mirror=mirror,
    equality=True,
)
