"""Match-rate parity as the *strict* option: every gender group with at least
``min_group_size`` applicants gets a share of the matched adepts no lower than its share of the
applicants minus X points, even if fewer people are matched. (By default the rule lifts
instead — :mod:`smile_core.solver.leximin` — and X is only a reported target.)

With N applicants, n_g of them in group g, M matched and M_g of those in g, the rule is
``M_g / M >= n_g / N - X / 100``, kept linear and exact in whole numbers as
``10000 * N * M_g >= (10000 * n_g - round(100 * X) * N) * M``.
"""

from __future__ import annotations

import numpy as np

from smile_core.solver.context import ModelContext, enforce
from smile_core.solver.problem import MatchProblem
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
