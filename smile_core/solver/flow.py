"""Min-cost flow relaxation: optimal plans without the equality rules, bounds and reduced costs.

Without the equality rules and must-match adepts, the matching problem is a min-cost flow
(source → adept → mentor → workplace → sink, plus a source → sink bypass for adepts left
unmatched), solved exactly by OR-Tools' network simplex in milliseconds. The engine uses it for

- the exact optimum of the quality-only problem (the reference CP-SAT must reach),
- an upper bound on any plan that also meets the equality rules (they only restrict), and
- reduced costs: forcing an unused pair into the plan costs at least its reduced cost, so a pair
  whose reduced cost exceeds (upper bound − best known plan) cannot be in any better plan and is
  safely left out of the CP-SAT model (reduced-cost fixing; never loses optimality).

Locked pairs are taken first: their adepts leave the network and their seats are removed from
the capacities. All values are maximised gains in whole units; the network works on their
negatives.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from smile_core.solver.problem import MatchProblem


@dataclass(frozen=True, eq=False)
class FlowPlan:
    """An optimal flow: the chosen pairs, their total gain, and every pair's reduced cost."""

    chosen: np.ndarray  # pair indices, sorted
    value: int  # total gain incl. adept bonuses and locked pairs
    reduced_cost: np.ndarray | None  # per pair (>= 0), None when not asked for


def coverage_bonus(problem: MatchProblem, pair_gain: np.ndarray) -> int:
    """A per-adept bonus that makes one more matched adept worth more than any score total,
    so maximising gain + bonus * matched is lexicographic: coverage first, then score."""
    return int(pair_gain.clip(min=0).sum()) + 1


def solve_flow(
    problem: MatchProblem,
    pair_gain: np.ndarray,
    adept_bonus: np.ndarray | int = 0,
    *,
    reduced_costs: bool = False,
) -> FlowPlan | None:
    """Maximise ``sum(pair_gain[p] + adept_bonus[adept of p])`` over plans that respect
    at-most-one per adept, mentor and workplace capacities and locks.

    Returns ``None`` when the locks alone break a rule of the network (two locks for one adept,
    or more locks than a capacity): the relaxation has no plan then, and CP-SAT explains why.
    """
    n_a, n_m, n_w = problem.n_adepts, len(problem.mentor_ids), len(problem.workplace_ids)
    bonus = np.broadcast_to(np.asarray(adept_bonus, dtype=np.int64), (n_a,))
    locked = np.flatnonzero(problem.pair_locked)
    locked_adepts = problem.pair_adept[locked]
    if len(np.unique(locked_adepts)) != len(locked_adepts):
        return None
    mentor_left = problem.mentor_capacity - np.bincount(problem.pair_mentor[locked], minlength=n_m)
    wp_of_locked = problem.pair_workplace[locked]
    wp_used = np.bincount(wp_of_locked[wp_of_locked >= 0], minlength=n_w)
    workplace_left = problem.workplace_capacity - wp_used
    if (mentor_left < 0).any() or (workplace_left < 0).any():
        return None

    free_adept = np.ones(n_a, dtype=bool)
    free_adept[locked_adepts] = False
    free = np.flatnonzero(free_adept[problem.pair_adept] & ~problem.pair_locked)
    value_locked = int(pair_gain[locked].sum() + bonus[locked_adepts].sum())

    source, sink = 0, 1
    adept_node = 2 + np.arange(n_a)
    mentor_node = 2 + n_a + np.arange(n_m)
    workplace_node = 2 + n_a + n_m + np.arange(n_w)
    mentor_out = np.where(
        problem.mentor_workplace >= 0, workplace_node[problem.mentor_workplace], sink
    )

    tails = np.concatenate(
        [
            np.full(n_a, source),
            adept_node[problem.pair_adept[free]],
            mentor_node,
            workplace_node,
            [source],
        ]
    )
    heads = np.concatenate(
        [adept_node, mentor_node[problem.pair_mentor[free]], mentor_out, np.full(n_w, sink), [sink]]
    )
    capacities = np.concatenate(
        [
            free_adept.astype(np.int64),
            np.ones(len(free), np.int64),
            mentor_left,
            workplace_left,
            [n_a],
        ]
    )
    costs = np.concatenate([-bonus, -pair_gain[free], np.zeros(n_m + n_w + 1, np.int64)]).astype(
        np.int64
    )

    network = min_cost_flow.SimpleMinCostFlow()
    arcs = network.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    supplies = np.zeros(2 + n_a + n_m + n_w, dtype=np.int64)
    supplies[source], supplies[sink] = n_a, -n_a
    network.set_nodes_supplies(np.arange(len(supplies)), supplies)
    status = network.solve()
    if status != network.OPTIMAL:  # cannot happen with the bypass arc; guard all the same
        return None
    flows = network.flows(arcs)
    pair_flow = flows[n_a : n_a + len(free)]
    chosen = np.sort(np.concatenate([locked, free[pair_flow > 0]]))
    value = value_locked - int(network.optimal_cost())

    reduced = None
    if reduced_costs:
        potential = _potentials(len(supplies), tails, heads, costs, capacities, flows)
        reduced = np.zeros(problem.n_pairs, dtype=np.int64)
        t, h = tails[n_a : n_a + len(free)], heads[n_a : n_a + len(free)]
        # rc = cost + d(tail) - d(head) >= 0; for an unused pair it is the least extra cost of
        # any flow that uses it. Used pairs and locked pairs cost nothing to keep.
        rc = costs[n_a : n_a + len(free)] + potential[t] - potential[h]
        reduced[free] = np.where(pair_flow > 0, 0, rc)
        # Pairs of locked adepts cannot be used at all while the lock holds.
        blocked = ~free_adept[problem.pair_adept] & ~problem.pair_locked
        reduced[blocked] = np.iinfo(np.int64).max // 4
    return FlowPlan(chosen=chosen, value=value, reduced_cost=reduced)


def _potentials(
    n_nodes: int,
    tails: np.ndarray,
    heads: np.ndarray,
    costs: np.ndarray,
    capacities: np.ndarray,
    flows: np.ndarray,
) -> np.ndarray:
    """Shortest-path distances in the residual network from a virtual root joined to every node
    at cost 0 (Bellman–Ford, vectorised). An optimal flow's residual network has no negative
    cycle, so this converges, and ``cost + d(tail) - d(head) >= 0`` on every residual arc."""
    forward = flows < capacities
    backward = flows > 0
    r_tail = np.concatenate([tails[forward], heads[backward]])
    r_head = np.concatenate([heads[forward], tails[backward]])
    r_cost = np.concatenate([costs[forward], -costs[backward]])
    order = np.argsort(r_head, kind="stable")
    r_tail, r_head, r_cost = r_tail[order], r_head[order], r_cost[order]
    starts = np.flatnonzero(np.r_[True, r_head[1:] != r_head[:-1]])
    head_of_group = r_head[starts]
    distance = np.zeros(n_nodes, dtype=np.int64)
    for _ in range(n_nodes + 1):
        best = np.minimum.reduceat(distance[r_tail] + r_cost, starts)
        improved = best < distance[head_of_group]
        if not improved.any():
            return distance
        distance[head_of_group[improved]] = best[improved]
    raise AssertionError("negative cycle in the residual network of an optimal flow")
