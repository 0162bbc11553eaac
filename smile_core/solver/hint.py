"""Warm starts for CP-SAT that keep the equality rules: a parametric (Lagrangian) min-cost flow.

The flow relaxation ignores the equality rules. When its plan breaks one, the under-matched
group's adepts get a bonus per match (match-rate parity) and the lower-scoring group's pairs a
proportional boost (quality parity), scaled by one parameter ``t``; the smallest ``t`` whose
flow plan keeps every rule is found by doubling then bisection — a dozen flow solves on the
most promising pairs. Any plan found is feasible, so its value is a valid lower bound.
"""

from __future__ import annotations

import numpy as np

from smile_core.solver.feasibility import (
    lower_mean_group,
    satisfies_rules,
    violated_match_rate_groups,
)
from smile_core.solver.flow import FlowPlan, solve_flow
from smile_core.solver.problem import MatchProblem, restrict

_BISECTION_STEPS = 8
_MAX_DOUBLINGS = 7


def feasible_hint(
    problem: MatchProblem,
    gain: np.ndarray,
    adept_bonus: int,
    relaxed: FlowPlan,
    reduced_cost: np.ndarray | None,
    max_pairs_per_adept: int = 12,
) -> np.ndarray | None:
    """Pair indices of a plan that keeps every rule, or ``None`` if none was found.

    ``relaxed`` is the flow optimum without equality rules; when it already keeps them, it is
    returned as is. Otherwise the parametric search runs on the pairs with the smallest reduced
    costs (``max_pairs_per_adept`` per adept, plus the relaxed plan's pairs): a heuristic
    restriction, which is fine for a warm start since only feasibility matters here.
    """
    if satisfies_rules(problem, relaxed.chosen):
        return relaxed.chosen
    keep = _promising_pairs(problem, relaxed.chosen, reduced_cost, max_pairs_per_adept)
    sub = restrict(problem, keep)
    sub_gain = gain[keep]
    matched = np.zeros(problem.n_adepts, dtype=bool)
    matched[problem.pair_adept[relaxed.chosen]] = True
    short_groups = violated_match_rate_groups(problem, matched)
    chosen_in_sub = np.searchsorted(keep, relaxed.chosen)
    low_group = lower_mean_group(sub, chosen_in_sub)
    genders = np.array(problem.adept_gender)
    boost_adept = np.isin(genders, short_groups).astype(np.int64) * 10000
    boost_pair = np.where(genders[sub.pair_adept] == low_group, sub_gain, 0) if low_group else 0

    def attempt(t: float) -> np.ndarray | None:
        bonus = adept_bonus + np.round(t * boost_adept).astype(np.int64)
        pair_gain = sub_gain + np.round(t * boost_pair).astype(np.int64)
        plan = solve_flow(sub, pair_gain, bonus)
        if plan is None:
            return None
        return keep[plan.chosen] if satisfies_rules(problem, keep[plan.chosen]) else None

    low, high, found = 0.0, 0.25, None
    for _ in range(_MAX_DOUBLINGS):
        found = attempt(high)
        if found is not None:
            break
        low, high = high, high * 2
    if found is None:
        return None
    for _ in range(_BISECTION_STEPS):
        middle = (low + high) / 2
        candidate = attempt(middle)
        if candidate is None:
            low = middle
        else:
            high, found = middle, candidate
    return found


def _promising_pairs(
    problem: MatchProblem, chosen: np.ndarray, reduced_cost: np.ndarray | None, per_adept: int
) -> np.ndarray:
    if reduced_cost is None:
        return np.arange(problem.n_pairs)
    keep = [chosen, np.flatnonzero(problem.pair_locked)]
    for pairs in problem.pairs_of_adept:
        if len(pairs) > per_adept:
            pairs = pairs[np.argpartition(reduced_cost[pairs], per_adept)[:per_adept]]
        keep.append(pairs)
    return np.unique(np.concatenate(keep))
