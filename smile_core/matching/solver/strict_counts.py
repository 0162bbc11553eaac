"""The strict match-rate option by flows: the most adepts matched while every gender group keeps
its share, then the best score — exact, without a CP-SAT search.

The strict rule (:mod:`.rules.match_rate`) is, per constrained gender group g,
``10000 * N * M_g >= K_g * M`` with ``K_g = 10000 * n_g - round(100 * X) * N`` (M matched in
all, M_g of them in g). It depends on the plan only through the group counts, and the count
vectors a plan can reach form a polymatroid: with f(S) the most adepts of the groups in S
matched at once (a max-flow), a vector is reachable exactly when its sum over every set S of
groups is at most f(S) (Gale's theorem for the sources of a network). So the most matched
under the rule is a search over at most (f_w + 1)(f_m + 1) count pairs, with the adepts
outside the gender groups (:data:`~.leximin.OTHER`) taking as many seats as the rule leaves.

With that total M fixed the rule is a lower bound per group,
``M_g >= ceil(K_g * M / (10000 * N))``, so the best score among the plans with the most
matched is one min-cost flow: a hub arc of capacity M before the groups, each group's lower
bound as an arc worth more than everything else, the rest of the group's adepts behind a
free arc.

Only the coverage priority, and the rules the flow
carries (capacities, locks, at most one mentor each); the façade has CP-SAT check the plan
against every rule, and falls back to its own search when the check fails.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
from ortools.graph.python import min_cost_flow

from smile_core.matching.solver.leximin import OTHER, _Supply, lift_groups
from smile_core.matching.solver.problem import MatchProblem

#: The most count vectors the search looks at (the product of the groups' supplies); beyond
#: it CP-SAT decides (not reached by two groups of 1,000 adepts each).
_MOST_VECTORS = 2_000_000


def strict_plan(problem: MatchProblem, gain: np.ndarray, bonus: int) -> np.ndarray | None:
    """The best plan under the strict match-rate rule and the flow's rules: the most adepts
    matched, then the most ``gain`` (pair indices, sorted) — or ``None`` when this module does
    not apply (no gender groups, too many count vectors, locks that break a capacity) or no
    plan keeps the rule (CP-SAT then explains)."""
    genders = tuple(g for g in problem.constrained_groups())
    if not genders:
        return None
    groups = lift_groups(problem)
    supply = _Supply(problem, groups)
    if not supply.ok:
        return None
    labels = np.array([g if g in genders else OTHER for g in problem.adept_gender])
    applicants = {g: int((labels == g).sum()) for g in groups}
    locked = supply.locked_count
    n = problem.n_adepts
    shortfall = round(100 * problem.settings.equality.match_rate.max_shortfall_points)
    need = {g: 10000 * applicants[g] - shortfall * n for g in genders}

    def most(subset: tuple[str, ...]) -> int:
        """f(S) over the free adepts: the groups outside S closed."""
        return supply.most({g: applicants[g] if g in subset else locked[g] for g in groups})

    rank = {
        subset: most(subset)
        for k in range(1, len(groups) + 1)
        for subset in itertools.combinations(groups, k)
    }
    total = _most_matched(groups, genders, rank, locked, need, n)
    if total is None:
        return None
    lower = {
        g: max(locked[g], -(-need[g] * total // (10000 * n)) if need[g] > 0 else 0) for g in genders
    }
    return _best_plan(problem, supply, labels, groups, total, lower, gain, bonus)


def _most_matched(
    groups: tuple[str, ...],
    genders: tuple[str, ...],
    rank: dict[tuple[str, ...], int],
    locked: dict[str, int],
    need: dict[str, int],
    n: int,
) -> int | None:
    """The largest total M over reachable count vectors that keep the rule (``None``: none)."""
    other = OTHER in groups
    if math.prod(rank[(g,)] + 1 for g in genders) > _MOST_VECTORS:
        return None
    ranges = [np.arange(rank[(g,)] + 1) for g in genders]
    grids = np.meshgrid(*ranges, indexing="ij")
    free = {g: grid.ravel().astype(np.int64) for g, grid in zip(genders, grids, strict=True)}
    ok = np.ones(len(free[genders[0]]), dtype=bool)
    for k in range(2, len(genders) + 1):
        for subset in itertools.combinations(genders, k):
            ok &= sum(free[g] for g in subset) <= rank[subset]
    counts = {g: free[g] + locked[g] for g in genders}
    genders_total = sum(counts.values())
    if other:
        # The most "other" adepts the polymatroid allows beside these gender counts...
        room = np.full(len(ok), rank[(OTHER,)], dtype=np.int64)
        for k in range(1, len(genders) + 1):
            for subset in itertools.combinations(genders, k):
                key = tuple(g for g in groups if g in subset or g == OTHER)
                room = np.minimum(room, rank[key] - sum(free[g] for g in subset))
        # ... and the rule allows: M <= 10000 * N * M_g / K_g for every group with K_g > 0.
        allowed = np.full(len(ok), np.iinfo(np.int64).max // 4, dtype=np.int64)
        for g in genders:
            if need[g] > 0:
                allowed = np.minimum(allowed, 10000 * n * counts[g] // need[g])
        extra = np.minimum(room, allowed - genders_total - locked[OTHER])
        ok &= extra >= 0
        totals = genders_total + locked[OTHER] + np.maximum(extra, 0)
    else:
        totals = genders_total
        for g in genders:
            ok &= 10000 * n * counts[g] >= need[g] * totals
    if not ok.any():
        return None
    return int(totals[ok].max())


def _best_plan(
    problem: MatchProblem,
    supply: _Supply,
    labels: np.ndarray,
    groups: tuple[str, ...],
    total: int,
    lower: dict[str, int],
    gain: np.ndarray,
    bonus: int,
) -> np.ndarray | None:
    """The min-cost flow with ``total`` matched (locked included), at least ``lower[g]`` of each
    gender group, and the most gain; ``None`` when it cannot reach them (not expected: the
    counts were found reachable)."""
    source, sink, _, adept_node, mentor_node, workplace_node, mentor_out = supply.nodes
    n_a = problem.n_adepts
    free_pairs = supply.free_pairs
    locked_pairs = np.flatnonzero(problem.pair_locked)
    n_locked = len(locked_pairs)
    free_adepts = np.flatnonzero(supply.free_adept)
    pair_gain = gain[free_pairs].astype(np.int64)
    big = (bonus + 1) * (n_a + 1) + int(np.abs(pair_gain).sum()) + 1
    # Nodes: the network's own, then a hub and, per group, a "lower bound" node.
    base_nodes = 2 + len(groups) + n_a + len(mentor_node) + len(workplace_node)
    hub = base_nodes
    group_node = {g: base_nodes + 1 + i for i, g in enumerate(groups)}
    mandatory = {g: max(lower.get(g, 0) - supply.locked_count[g], 0) for g in groups}
    tails, heads, caps, costs = [source], [hub], [total - n_locked], [0]
    for g in groups:
        # The group's lower bound (worth more than anything else), then the rest for free.
        tails += [hub, hub]
        heads += [group_node[g], group_node[g]]
        size = int((labels[free_adepts] == g).sum())
        caps += [mandatory[g], max(size - mandatory[g], 0)]
        costs += [-big, 0]
    fixed = len(tails)
    tails += [group_node[labels[a]] for a in free_adepts]
    heads += list(adept_node[free_adepts])
    caps += [1] * len(free_adepts)
    costs += [-bonus] * len(free_adepts)
    network_tails = np.concatenate(
        [
            np.array(tails, np.int64),
            adept_node[problem.pair_adept[free_pairs]],
            mentor_node,
            workplace_node,
            [source],
        ]
    ).astype(np.int64)
    network_heads = np.concatenate(
        [
            np.array(heads, np.int64),
            mentor_node[problem.pair_mentor[free_pairs]],
            mentor_out,
            np.full(len(workplace_node), sink),
            [sink],
        ]
    ).astype(np.int64)
    seat_caps = np.concatenate([supply.mentor_left, supply.workplace_left])
    network_caps = np.concatenate(
        [np.array(caps, np.int64), np.ones(len(free_pairs), np.int64), seat_caps, [n_a]]
    ).astype(np.int64)
    network_costs = np.concatenate(
        [
            np.array(costs, np.int64),
            -pair_gain,
            np.zeros(len(mentor_node) + len(workplace_node) + 1, np.int64),
        ]
    ).astype(np.int64)
    network = min_cost_flow.SimpleMinCostFlow()
    arcs = network.add_arcs_with_capacity_and_unit_cost(
        network_tails, network_heads, network_caps, network_costs
    )
    n_nodes = base_nodes + 1 + len(groups)
    supplies = np.zeros(n_nodes, dtype=np.int64)
    supplies[source], supplies[sink] = n_a, -n_a
    network.set_nodes_supplies(np.arange(n_nodes), supplies)
    if network.solve() != network.OPTIMAL:
        return None
    flows = network.flows(arcs)
    if flows[0] != total - n_locked:
        return None
    for i, g in enumerate(groups):
        if flows[1 + 2 * i] != mandatory[g]:
            return None
    start = fixed + len(free_adepts)
    used = flows[start : start + len(free_pairs)] > 0
    return np.sort(np.concatenate([locked_pairs, free_pairs[used]])).astype(np.int64)


#: The most count vectors :func:`count_vectors` lists; beyond it the caller's search decides.
MOST_LISTED_VECTORS = 8


def count_vectors(problem: MatchProblem, plan: np.ndarray) -> list[dict[str, int]] | None:
    """Every count vector (each lifting group's count) that a plan with ``plan``'s total M can
    have while keeping the strict match-rate rule and the supply, ``plan``'s own first; ``None``
    when they are not known to be these or there are more than :data:`MOST_LISTED_VECTORS`.
    They are known when the rule and the supply force one vector, or else when there are
    exactly two gender groups and no adepts outside them (any such adept, matched or not,
    gives ``None``).

    A group's count lies between its least count under the rule, ``ceil(K_g * M / (10000 *
    N))``, and the most of its adepts matched at once (a max-flow; locks included), and the
    counts add up to M. With two groups that is all (the pair's joint most is at least M,
    since ``plan`` has M), so the vectors are the women's counts in one range. When the least
    counts already add up to M, that is the one vector whatever the groups."""
    genders = tuple(problem.constrained_groups())
    if not genders:
        return None
    groups = lift_groups(problem)
    labels = np.array([g if g in genders else OTHER for g in problem.adept_gender])
    chosen = labels[problem.pair_adept[plan]]
    counts = {g: int((chosen == g).sum()) for g in groups}
    if counts.get(OTHER, 0):
        return None
    n = problem.n_adepts
    total = len(plan)
    shortfall = round(100 * problem.settings.equality.match_rate.max_shortfall_points)
    least = {}
    for g in genders:
        need = 10000 * int((labels == g).sum()) - shortfall * n
        least[g] = -(-need * total // (10000 * n)) if need > 0 else 0
    if sum(least.values()) == total:
        return [counts]
    supply = _Supply(problem, groups)
    if not supply.ok or OTHER in groups:
        return None
    applicants = {g: int((labels == g).sum()) for g in groups}
    locked = supply.locked_count
    most = {
        g: supply.most({h: applicants[h] if h == g else locked[h] for h in groups}) + locked[g]
        for g in genders
    }
    ranges = {}
    for g in genders:
        others = [h for h in genders if h != g]
        low = max(least[g], locked[g], total - sum(most[h] for h in others))
        high = min(most[g], total - sum(least[h] for h in others))
        ranges[g] = (low, high)
    if all(low == high for low, high in ranges.values()):
        return [counts]  # forced: every group at its one possible count
    first, second = genders if len(genders) == 2 else (None, None)
    if first is None or second is None:
        return None
    low, high = ranges[first]
    if high - low + 1 > MOST_LISTED_VECTORS:
        return None
    vectors = [{first: k, second: total - k} for k in range(low, high + 1)]
    # (``plan`` keeps the rule, so its own vector is among them.)
    return [counts] + [v for v in vectors if v != counts]
