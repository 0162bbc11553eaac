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

import itertools
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from smile_core.matching.solver.pool_pricing import PoolArcs
from smile_core.matching.solver.problem import MatchProblem


@dataclass(frozen=True, eq=False)
class FlowPlan:
    """An optimal flow: the chosen pairs, their total gain, and every pair's reduced cost."""

    chosen: np.ndarray  # pair indices, sorted
    value: int  # total gain incl. adept bonuses and locked pairs
    reduced_cost: np.ndarray | None  # per pair (>= 0), None when not asked for


def coverage_bonus(problem: MatchProblem, pair_gain: np.ndarray) -> int:
    """A per-adept bonus that makes one more matched adept worth more than any score total,
    so maximising gain + bonus * matched is lexicographic: coverage first, then score.

    A plan has at most one pair per adept, so each adept's best positive gain, summed, bounds
    every plan's total (summing over every pair instead overflowed the flow's cost range at
    10,000 adepts: 42 million pairs)."""
    best = np.zeros(problem.n_adepts, dtype=np.int64)
    # best starts at 0, so each adept's entry is its best gain or 0: no clipped copy of
    # every pair's gain (1 s at 41.7 million pairs).
    np.maximum.at(best, problem.pair_adept, np.asarray(pair_gain, dtype=np.int64))
    return int(best.sum()) + 1


#: Above this many free pairs the network starts from each adept's best pairs and adds the
#: rest by pricing (column generation), instead of loading every pair at once.
PRICING_THRESHOLD = 250_000
_INITIAL_PAIRS_PER_ADEPT = 16


def solve_flow(
    problem: MatchProblem,
    pair_gain: np.ndarray,
    adept_bonus: np.ndarray | int = 0,
    *,
    reduced_costs: bool = False,
    start: np.ndarray | None = None,
) -> FlowPlan | None:
    """Maximise ``sum(pair_gain[p] + adept_bonus[adept of p])`` over plans that respect
    at-most-one per adept, mentor and workplace capacities and locks.

    Large problems are solved by pricing: the network holds each adept's best pairs, and every
    other pair is priced against the optimal flow's node potentials; pairs with a negative
    reduced cost join the network and it is solved again, until none is left. The potentials
    are then dual-feasible for every pair, so the flow is optimal for the whole problem.
    ``start`` (pair indices) replaces each adept's best pairs as the first network when
    pricing: the network of a flow just solved on the same pairs with other group limits
    (:attr:`~smile_core.matching.solver.leximin.Lift.network`) needs a round or two of
    pricing instead of five or more. The optimum's value is the same from any start; among
    plans of equal value, which one is returned may differ.

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
    wp_of_locked = problem.workplace_of(locked)
    wp_used = np.bincount(wp_of_locked[wp_of_locked >= 0], minlength=n_w)
    workplace_left = problem.workplace_capacity - wp_used
    if (mentor_left < 0).any() or (workplace_left < 0).any():
        return None

    free_adept = np.ones(n_a, dtype=bool)
    free_adept[locked_adepts] = False
    # Without locks every pair is free, listed only where a list is needed (pricing from a
    # ``start`` needs none: 0.6 s at 41.7 million pairs).
    free = unlocked_pairs(problem, locked) if len(locked) else None

    def listed() -> np.ndarray:
        return unlocked_pairs(problem, locked) if free is None else free

    value_locked = int(pair_gain[locked].sum() + bonus[locked_adepts].sum())
    network = _Network(problem, bonus, free_adept, mentor_left, workplace_left)

    # With a pool, every candidate starts in the network and the pool is priced (as in
    # :func:`~smile_core.matching.solver.leximin.lifted_plan`).
    pricing = (
        problem.n_pairs if free is None else len(free)
    ) > PRICING_THRESHOLD and problem.pool is None
    if free is None:
        free_mask = np.ones(problem.n_pairs, dtype=bool)
    else:
        free_mask = np.zeros(problem.n_pairs, dtype=bool)
        free_mask[free] = True
    if not pricing:
        active = listed()
    elif start is not None:
        active = np.unique(start[free_mask[start]])
    else:
        active = best_per_adept(problem, listed(), pair_gain)
    in_network = np.zeros(problem.n_pairs, dtype=bool)
    in_network[active] = True
    # With a pool, the pool's pairs are priced once the candidates' pricing has converged.
    extra = PoolArcs(problem) if problem.pool is not None else None
    while True:
        used, cost, potential = network.solve(
            active, pair_gain[active], pricing or reduced_costs or extra is not None, extra
        )
        if not pricing and extra is None:
            break
        if not priced_in(
            problem,
            potential[network.adept_node],
            potential[network.mentor_node],
            pair_gain,
            free_mask if pricing else None,
            in_network,
            extra,
            free_adept,
        ):
            break
        active = np.flatnonzero(in_network)
    if extra is not None:
        extra.require_unused(used[len(active) :])
    used = used[: len(active)]
    chosen = np.sort(np.concatenate([locked, active[used]]))
    reduced = None
    if reduced_costs:
        reduced = np.zeros(problem.n_pairs, dtype=np.int64)
        # rc = cost + d(tail) - d(head) >= 0: for an unused pair, the least extra cost of any
        # flow that uses it. Used pairs and locked pairs cost nothing to keep.
        if free is None:
            reduced[:] = network.reduced_all(pair_gain, potential)
        else:
            reduced[free] = network.reduced_all(pair_gain, potential)[free]
        reduced[active[used]] = 0
        # Pairs of locked adepts cannot be used at all while the lock holds.
        blocked = ~free_adept[problem.pair_adept] & ~problem.pair_locked
        reduced[blocked] = np.iinfo(np.int64).max // 4
    return FlowPlan(chosen=chosen, value=value_locked - cost, reduced_cost=reduced)


#: Pairs priced (or ranked) at once: no array of every pair's reduced cost is made (three
#: of 330 MB per round at 41.7 million pairs, 10,000 adepts), and numpy streams through
#: chunks that stay in cache (measured: pricing 41.7 million pairs 1.9 s -> 0.9 s).
_CHUNK = 1 << 21


def unlocked_pairs(problem: MatchProblem, locked: np.ndarray) -> np.ndarray:
    """The pairs a flow may choose: not locked, and of an adept without a lock (``locked``:
    the locked pairs' indices), in order. Without locks, every pair: counted, not searched
    for (listing 41.7 million pairs from a mask took 0.9 s)."""
    if len(locked) == 0:
        return np.arange(problem.n_pairs)
    free_adept = np.ones(problem.n_adepts, dtype=bool)
    free_adept[problem.pair_adept[locked]] = False
    return np.flatnonzero(free_adept[problem.pair_adept] & ~problem.pair_locked)


def entering(
    problem: MatchProblem,
    adept_potential: np.ndarray,
    mentor_potential: np.ndarray,
    gain: np.ndarray,
    eligible: np.ndarray,
) -> np.ndarray:
    """The pairs to take into the network in a pricing round: of the ``eligible`` pairs (a
    mask) with a negative reduced cost (``adept_potential`` of the pair's adept minus
    ``mentor_potential`` of its mentor minus its ``gain``: the network's arc cost is the
    negative gain), each adept's ``_INITIAL_PAIRS_PER_ADEPT`` most negative. Taking every
    negative pair at once loaded 780,000 of 10.5 million pairs at 5,000 adepts (the first
    potentials price most pairs below zero), and a network that size costs seconds per
    solve; a few per adept keep it small, and pricing goes on until no pair is negative, so
    the optimum is the same."""
    found, worth = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    for lo in range(0, problem.n_pairs, _CHUNK):
        hi = lo + _CHUNK
        reduced = adept_potential[problem.pair_adept[lo:hi]]
        reduced -= mentor_potential[problem.pair_mentor[lo:hi]]
        reduced -= gain[lo:hi]
        hit = np.flatnonzero((reduced < 0) & eligible[lo:hi])
        found.append(hit + lo)
        worth.append(-reduced[hit])
    negative = np.concatenate(found)
    return _best_of(problem.pair_adept[negative], np.concatenate(worth), negative)


def priced_in(
    problem: MatchProblem,
    adept_potential: np.ndarray,
    mentor_potential: np.ndarray,
    gain: np.ndarray,
    eligible: np.ndarray | None,
    in_network: np.ndarray,
    extra: PoolArcs | None,
    free_adept: np.ndarray,
) -> bool:
    """One pricing round after a flow's solve, the same for every flow: the ``eligible``
    candidates (a mask; ``None`` when the network holds them all) priced below zero join
    ``in_network`` (marked there); once none does, the pool's pairs join ``extra`` (with a
    pool). True when something joined, so the flow must be solved again."""
    if eligible is not None:
        joining = entering(problem, adept_potential, mentor_potential, gain, eligible & ~in_network)
        if len(joining):
            in_network[joining] = True
            return True
    return extra is not None and extra.price(adept_potential, mentor_potential, free_adept, gain)


def best_per_adept(problem: MatchProblem, free: np.ndarray, gain: np.ndarray) -> np.ndarray:
    """Each adept's ``_INITIAL_PAIRS_PER_ADEPT`` highest-gain pairs among ``free`` (sorted pair
    indices), ties to the earlier pair. When the pairs come in adept order (the pair store's
    and the scores frame's), they are ranked a few thousand adepts at a time: the same pairs,
    without sorting every pair at once."""
    adepts = problem.pair_adept[free]
    if len(free) <= _CHUNK or not (adepts[1:] >= adepts[:-1]).all():
        return _best_of(adepts, gain[free], free)
    step = max(1, problem.n_adepts * _CHUNK // len(free))
    cuts = np.searchsorted(adepts, np.arange(0, problem.n_adepts + step, step))
    return np.sort(
        np.concatenate(
            [_best_of(adepts[a:b], gain[free[a:b]], free[a:b]) for a, b in itertools.pairwise(cuts)]
        )
    )


def _packed_order(adepts: np.ndarray, values: np.ndarray) -> np.ndarray | None:
    """The order of (adept ascending, value descending, position ascending) — a stable sort
    on (adept, -value) — by one sort of whole numbers that pack all three and are therefore
    distinct: about three times faster than the stable argsort (0.09 s -> 0.03 s per 2
    million pairs). ``None`` when the three do not fit in 63 bits."""
    if len(values) == 0:
        return None
    low_adept, top_value = int(adepts.min()), int(values.max())
    position_bits = max(1, (len(values) - 1).bit_length())
    value_bits = max(1, (top_value - int(values.min())).bit_length())
    adept_bits = max(1, (int(adepts.max()) - low_adept).bit_length())
    if adept_bits + value_bits + position_bits > 63:
        return None
    packed = (adepts.astype(np.int64) - low_adept) << (value_bits + position_bits)
    packed |= (top_value - values.astype(np.int64)) << position_bits
    packed |= np.arange(len(values), dtype=np.int64)
    packed.sort()
    packed &= (1 << position_bits) - 1
    return packed


def _best_of(adepts: np.ndarray, values: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Of ``pairs`` (sorted; their ``adepts`` and ``values``), each adept's
    ``_INITIAL_PAIRS_PER_ADEPT`` highest values, ties to the earlier pair; sorted."""
    order = _packed_order(adepts, values)
    if order is None and len(values) and np.abs(values).max() < 2**31:
        # One integer sort on (adept, -value): both fit in 32 bits.
        order = np.argsort(adepts * (1 << 32) - values, kind="stable")
    elif order is None:
        order = np.lexsort((-values, adepts))
    sorted_adepts = adepts[order]
    # Rank within each adept's run: position minus the run's start (one pass, no search).
    starts = np.flatnonzero(np.r_[True, sorted_adepts[1:] != sorted_adepts[:-1]])
    run_start = np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    rank = np.arange(len(order)) - run_start
    return np.sort(pairs[order[rank < _INITIAL_PAIRS_PER_ADEPT]])


class _Network:
    """The flow network (source → adept → mentor → workplace → sink, and a bypass) for a
    chosen set of pairs; node numbering is fixed, so potentials price any pair."""

    def __init__(
        self,
        problem: MatchProblem,
        bonus: np.ndarray,
        free_adept: np.ndarray,
        mentor_left: np.ndarray,
        workplace_left: np.ndarray,
    ) -> None:
        n_a, n_m, n_w = problem.n_adepts, len(problem.mentor_ids), len(problem.workplace_ids)
        self.problem = problem
        self.n_nodes = 2 + n_a + n_m + n_w
        source, sink = 0, 1
        self.adept_node = 2 + np.arange(n_a)
        self.mentor_node = 2 + n_a + np.arange(n_m)
        workplace_node = 2 + n_a + n_m + np.arange(n_w)
        # Mentors without a workplace flow straight to the sink (index only the others: a
        # programme may have no workplaces at all).
        has_workplace = problem.mentor_workplace >= 0
        mentor_out = np.full(n_m, sink, dtype=np.int64)
        mentor_out[has_workplace] = workplace_node[problem.mentor_workplace[has_workplace]]
        # Fixed arcs: source → adept, mentor → workplace or sink, workplace → sink, bypass.
        self.fixed_tails = np.concatenate(
            [np.full(n_a, source), self.mentor_node, workplace_node, [source]]
        )
        self.fixed_heads = np.concatenate([self.adept_node, mentor_out, np.full(n_w, sink), [sink]])
        self.fixed_caps = np.concatenate(
            [free_adept.astype(np.int64), mentor_left, workplace_left, [n_a]]
        )
        self.fixed_costs = np.concatenate([-bonus, np.zeros(n_m + n_w + 1, np.int64)])
        self.n_a = n_a

    def solve(
        self,
        pairs: np.ndarray,
        gain: np.ndarray,
        want_potentials: bool,
        extra: PoolArcs | None = None,
    ) -> tuple[np.ndarray, int, np.ndarray | None]:
        """Min-cost flow over the fixed arcs, ``pairs`` and the ``extra`` pool pairs: (which
        of them carry flow, ``pairs`` first, total cost, node potentials or None)."""
        problem = self.problem
        none = np.zeros(0, np.int64)
        extra_adept = extra.adept if extra is not None else none
        extra_mentor = extra.mentor if extra is not None else none
        extra_gain = extra.gain if extra is not None else none
        tails = np.concatenate(
            [
                self.fixed_tails,
                self.adept_node[problem.pair_adept[pairs]],
                self.adept_node[extra_adept],
            ]
        )
        heads = np.concatenate(
            [
                self.fixed_heads,
                self.mentor_node[problem.pair_mentor[pairs]],
                self.mentor_node[extra_mentor],
            ]
        )
        caps = np.concatenate([self.fixed_caps, np.ones(len(pairs) + len(extra_adept), np.int64)])
        costs = np.concatenate([self.fixed_costs, -gain, -extra_gain]).astype(np.int64)
        network = min_cost_flow.SimpleMinCostFlow()
        arcs = network.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
        supplies = np.zeros(self.n_nodes, dtype=np.int64)
        supplies[0], supplies[1] = self.n_a, -self.n_a
        network.set_nodes_supplies(np.arange(self.n_nodes), supplies)
        status = network.solve()
        if status != network.OPTIMAL:  # cannot happen with the bypass arc
            raise AssertionError(f"min-cost flow ended with status {status}")
        flows = network.flows(arcs)
        used = flows[len(self.fixed_tails) :] > 0
        potential = (
            potentials(self.n_nodes, tails, heads, costs, caps, flows) if want_potentials else None
        )
        return used, int(network.optimal_cost()), potential

    def reduced_all(self, gain: np.ndarray, potential: np.ndarray) -> np.ndarray:
        """Reduced cost of every pair's adept → mentor arc under ``potential`` (contiguous
        passes over the pairs: cheaper than gathering a subset of them)."""
        problem = self.problem
        rc = potential[self.adept_node][problem.pair_adept]
        rc -= potential[self.mentor_node][problem.pair_mentor]
        rc -= gain
        return rc


def potentials(
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
