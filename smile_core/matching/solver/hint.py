"""Warm starts for CP-SAT that keep the equality rules: a parametric (Lagrangian) min-cost flow.

The flow relaxation ignores the equality rules. When its plan breaks one, each broken rule gets
a multiplier: an under-matched group's adepts earn a bonus per match and everyone else a
matching cut, in the proportions of the rule's own row (match-rate parity), a
lower-scoring group's pairs above its mean a boost and the other group's a cut, in proportion
to their distance from the mean (quality parity). Multipliers start at one
centipoint — enough to pick, among equally good plans, one that keeps the rules — and double
for every rule still broken, for a few dozen flow solves on the most promising pairs, then
each is bisected back down so the plan gives up as little score as possible. Any plan found
keeps every rule, so its value is a valid lower bound.
"""

from __future__ import annotations

import numpy as np

from smile_core.matching.solver.feasibility import (
    group_score_sums,
    lower_mean_group,
    satisfies_rules,
    violated_match_rate_groups,
)
from smile_core.matching.solver.flow import FlowPlan, solve_flow
from smile_core.matching.solver.problem import MatchProblem, restrict
from smile_core.matching.solver.rules import match_rate, workplace_mix

_MAX_DOUBLINGS = 24
_BISECTION_STEPS = 4
#: A multiplier of this many centipoints doubles the boosted group's pair gains.
_BOOST_SCALE = 5000


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
    genders = np.array(problem.adept_gender)
    pair_gender = genders[sub.pair_adept]
    rate_rows = {
        g: match_rate.coefficients(problem, g) / (10000 * max(problem.n_adepts, 1))
        for g in problem.constrained_groups()
    }
    sums = group_score_sums(problem, relaxed.chosen)
    means = {g: total // max(count, 1) for g, (total, count) in sums.items()}

    def attempt(weights: dict[tuple[str, str], int]) -> tuple[np.ndarray | None, list]:
        bonus = np.full(problem.n_adepts, adept_bonus, dtype=np.int64)
        pair_gain = sub_gain.copy()
        for (kind, group), t in weights.items():
            if kind == "match_rate":
                # The Lagrangian of the row sum(c_a * matched_a) >= 0: members gain, everyone
                # else loses, in the row's own proportions (c_a / (10000 N) is about 1 - share
                # for members and -share for the others), t centipoints per unit.
                bonus += np.round(t * rate_rows[group]).astype(np.int64)
            else:
                # The Lagrangian of "mean(low) >= mean(other) - gap", counts held: d mean_g /
                # d x_p = (s_p - mean_g) / M_g. Pairs above their group's mean rise for the
                # lower group and fall for the other, so means move and counts do not.
                other = "man" if group == "woman" else "woman"
                for g, sign in ((group, 1), (other, -1)):
                    members = pair_gender == g
                    shift = (sub_gain - means[g]) * min(t, _BOOST_SCALE) // _BOOST_SCALE
                    pair_gain += sign * np.where(members, shift, 0)
        plan = solve_flow(sub, pair_gain, bonus)
        if plan is None:
            return None, []
        chosen = keep[plan.chosen]
        return chosen, _broken(problem, chosen)

    weights: dict[tuple[str, str], int] = {}
    found = None
    last = relaxed.chosen
    for _ in range(_MAX_DOUBLINGS):
        chosen, broken = attempt(weights)
        if chosen is None:
            break
        last = chosen
        if not broken:
            found = chosen
            break
        if broken == [("unfixable", "")]:
            break
        for rule in broken:
            weights[rule] = max(1, 2 * weights.get(rule, 0))
    if found is None:
        # No multiplier worked (rules pulling apart, or rules without one): repair the last
        # plan by dropping pairs until every rule holds.
        return repair(problem, last)
    for rule in list(weights):
        low, high = weights[rule] // 2, weights[rule]
        for _ in range(_BISECTION_STEPS):
            if high - low <= 1:
                break
            middle = (low + high) // 2
            chosen, broken = attempt({**weights, rule: middle})
            if chosen is not None and not broken:
                high, found = middle, chosen
            else:
                low = middle
        weights[rule] = high
    return found


def repair(problem: MatchProblem, chosen: np.ndarray) -> np.ndarray | None:
    """Drop unlocked pairs, lowest score first, until every rule holds; ``None`` if none can.

    Which pair goes: while a group is under-matched, one of an adept outside the short groups;
    while the quality gap is too wide, one of the lower-scoring group (its mean rises); else
    (workplace mix, group minimum) the lowest-scoring pair of all — at a workplace below the
    strict mix's share, the lowest of its others than women. Dropping keeps capacities,
    so the plan that comes out keeps every rule, or the function says there is none this way.
    """
    genders = np.array(problem.adept_gender)
    current = np.sort(np.asarray(chosen, dtype=np.int64))
    for _ in range(len(current) + 1):
        if satisfies_rules(problem, current):
            return current
        matched = np.zeros(problem.n_adepts, dtype=bool)
        matched[problem.pair_adept[current]] = True
        pair_genders = genders[problem.pair_adept[current]]
        short = violated_match_rate_groups(problem, matched)
        low = None if short else lower_mean_group(problem, current)
        if short:
            pick = ~np.isin(pair_genders, short)
        elif low is not None:
            pick = pair_genders == low
        else:
            pick = np.ones(len(current), dtype=bool)
            short_places = _below_the_share(problem, current)
            if len(short_places):
                # A workplace below the strict mix's share: one of its others than women, not
                # a woman (dropping her makes it worse). Measured on 200 binding adepts (soft
                # wish, 50 %): the lowest pair of all left 3 matched after 20 s.
                here = np.isin(problem.workplace_of(current), short_places)
                if (here & (pair_genders != "woman")).any():
                    pick = here & (pair_genders != "woman")
        pick &= ~problem.pair_locked[current]
        if not pick.any():
            pick = ~problem.pair_locked[current]
            if not pick.any():
                return None
        candidates = current[pick]
        drop = candidates[np.argmin(problem.pair_score[candidates])]
        current = current[current != drop]
    return None


def _below_the_share(problem: MatchProblem, chosen: np.ndarray) -> np.ndarray:
    """The workplaces that miss the strict workplace mix's share (none when not strict)."""
    rule = problem.settings.equality.workplace_mix
    if not (rule.enabled and rule.strict):
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(workplace_mix.shortfalls(problem, chosen)[2])


def _broken(problem: MatchProblem, chosen: np.ndarray) -> list[tuple[str, str]]:
    """The rules a flow plan breaks, as (kind, group) multipliers to raise; the workplace mix
    and must-match rules have no multiplier, so a plan breaking only those ends the search."""
    matched = np.zeros(problem.n_adepts, dtype=bool)
    matched[problem.pair_adept[chosen]] = True
    broken = [("match_rate", g) for g in violated_match_rate_groups(problem, matched)]
    low = lower_mean_group(problem, chosen)
    if low is not None:
        broken.append(("quality", low))
    if not broken and not satisfies_rules(problem, chosen):
        return [("unfixable", "")]
    return broken


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
