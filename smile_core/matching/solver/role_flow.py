"""Placement + the role tied to it (the handledare) as one flow network, solved exactly.

Network: source → group node g (the placement line's gender groups) → adept (1) → workplace
(a placement: one arc per fitting workplace) or → person at a workplace (a placement there
with them as handledare) → person → their workplace (their seats) → sink (the workplace's
placements). Adepts outside the groups come straight from the source; source → sink carries
those left unplaced. A unit of flow is one adept placed; an adept → person arc is one more
need met (the handledare), so coverage is 1 per placement arc and 2 per handledare arc.
A locked adept is *forced*: its unit is a supply at its own node (no arc from the source or
its group) and its arcs that would break a lock are closed, so every flow keeps the locks
and each stage below is exact with them; a group's bounds count its forced adepts.

Stages with the coverage priority (each exact, so the plan is proven optimal):

1. Coverage C*: the most needs met (a min-cost flow).
2. Placement lift, leximin: "can every group g have at least L_g placed at coverage C*?" is a
   min-cost flow with lower bounds L_g on the group arcs that must still reach C*; the
   leximin counts come from a binary search on the rate per level, as in
   :mod:`.leximin` for one role. The counts are then fixed (lower = upper).
3. Handledare lift: a group's handledare count is a count of arcs, not one arc, so it is no
   group arc. When the line's two groups cover every adept who can have a handledare and the
   handledare total is fixed by stages 1-2, the line is one number k (the first group's
   count); its range comes from two flows, and the leximin k in that range is reached
   parametrically with a weight λ on that group's handledare arcs: a plan best for
   score + λ·k that has exactly k has the best score among all plans with that k (the λ term
   is the same for all of them). The λ where the plans either side of k meet is found
   exactly (a rational); when k lies inside a tie there, the plans between the two ends
   along cycles of their difference are all best at that λ, and cycles are added until the
   count is k (:func:`_walk`). When none lands on k, :attr:`FlowOutcome.exact` is False
   and CP-SAT decides the line, from this plan and these bounds.
4. Score: the best total score at those counts (the same min-cost flow).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
from ortools.graph.python import min_cost_flow


@dataclass(frozen=True)
class Line:
    """One equality line: its group names, each adept's group index (-1 outside), and the
    number of applicants per group (adepts needing it, with or without an arc)."""

    groups: tuple[str, ...]
    adept_group: np.ndarray
    applicants: tuple[int, ...]


@dataclass
class FlowOutcome:
    """The flow's plan (chosen placement and handledare arcs), its coverage and score, the
    stages run, and whether every stage is exact (else CP-SAT must decide the handledare
    line from here, with ``placement_counts`` fixed and ``role_bound`` as a bound)."""

    used_y: np.ndarray
    used_x: np.ndarray
    coverage: int
    score: int
    exact: bool
    stages: list[str] = field(default_factory=list)
    placement_counts: dict[str, int] | None = None
    #: An upper bound on the handledare line's lowest rate, when the flow has one.
    role_bound: Fraction | None = None


class PlacementNetwork:
    """The network of the module docstring over arrays of arcs.

    ``y_adept``/``y_workplace``/``y_score``: placement arcs; ``x_adept``/``x_person``/
    ``x_score``: handledare arcs (score = the pair's plus the placement's there);
    ``person_workplace``/``seats``: each person's workplace index and seats;
    ``capacity``: each workplace's placements.
    """

    def __init__(
        self,
        n_adepts: int,
        y_adept: np.ndarray,
        y_workplace: np.ndarray,
        y_score: np.ndarray,
        x_adept: np.ndarray,
        x_person: np.ndarray,
        x_score: np.ndarray,
        person_workplace: np.ndarray,
        seats: np.ndarray,
        capacity: np.ndarray,
        place_line: Line | None,
        forced: np.ndarray | None = None,
        closed: np.ndarray | None = None,
    ) -> None:
        self.n_adepts = n_adepts
        # Locks: each ``forced`` adept is placed on one of its arcs not ``closed`` (a mask over
        # the placement arcs, then the handledare arcs). Its unit is a supply at its own node,
        # not flow from the source, so every flow of the network keeps the locks and every
        # stage below stays exact; group bounds count it (see run_flows).
        self.forced = np.asarray(forced if forced is not None else [], dtype=np.int64)
        self.y_adept, self.y_score = y_adept, y_score.astype(np.int64)
        self.x_adept, self.x_score = x_adept, x_score.astype(np.int64)
        self.place_line = place_line
        groups = place_line.groups if place_line else ()
        adept_group = (
            place_line.adept_group if place_line else np.full(n_adepts, -1, dtype=np.int64)
        )
        n_g, n_m, n_w = len(groups), len(seats), len(capacity)
        source, sink = 0, 1
        group_node = 2 + np.arange(n_g)
        adept_node = 2 + n_g + np.arange(n_adepts)
        person_node = 2 + n_g + n_adepts + np.arange(n_m)
        workplace_node = 2 + n_g + n_adepts + n_m + np.arange(n_w)
        self.n_nodes = 2 + n_g + n_adepts + n_m + n_w
        self.source, self.group_node = source, group_node
        feed_tail = np.full(n_adepts, source, dtype=np.int64)
        feed_tail[adept_group >= 0] = group_node[adept_group[adept_group >= 0]]
        self.n_groups = n_g
        self.adept_node = adept_node
        forced_group = adept_group[self.forced]
        self.forced_in_group = np.bincount(forced_group[forced_group >= 0], minlength=n_g)
        self.group_size = (
            np.bincount(adept_group[adept_group >= 0], minlength=n_g) - self.forced_in_group
        )
        self.tails = np.concatenate(
            [
                np.full(n_g, source),
                feed_tail,
                adept_node[y_adept],
                adept_node[x_adept],
                person_node,
                workplace_node,
                [source],
            ]
        ).astype(np.int64)
        self.heads = np.concatenate(
            [
                group_node,
                adept_node,
                workplace_node[y_workplace],
                person_node[x_person],
                workplace_node[person_workplace],
                np.full(n_w, sink),
                [sink],
            ]
        ).astype(np.int64)
        self.base_caps = np.concatenate(
            [
                self.group_size,
                np.ones(n_adepts + len(y_adept) + len(x_adept), np.int64),
                seats,
                capacity,
                [n_adepts],
            ]
        ).astype(np.int64)
        self.y_start = n_g + n_adepts
        self.x_start = self.y_start + len(y_adept)
        self.base_caps[n_g + self.forced] = 0  # a forced adept's unit is its own supply
        if closed is not None:
            self.base_caps[self.y_start : self.x_start + len(x_adept)][closed] = 0
        self.calls = 0

    def run(
        self,
        gain_y: np.ndarray,
        gain_x: np.ndarray,
        lower: dict[int, int] | None = None,
        upper: dict[int, int] | None = None,
    ) -> tuple[np.ndarray, np.ndarray] | None:
        """The flow that maximises the total gain, with at least ``lower[g]`` and at most
        ``upper[g]`` adepts of placement group g placed; (placement arcs used, handledare
        arcs used), or ``None`` when the bounds cannot be met."""
        flows = self.run_flows(gain_y, gain_x, lower, upper)
        return None if flows is None else self.split(flows)

    def split(self, flows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(placement arcs used, handledare arcs used) of a flow on every arc."""
        used_y = flows[self.y_start : self.x_start] > 0
        used_x = flows[self.x_start : self.x_start + len(self.x_adept)] > 0
        return used_y, used_x

    def run_flows(
        self,
        gain_y: np.ndarray,
        gain_x: np.ndarray,
        lower: dict[int, int] | None = None,
        upper: dict[int, int] | None = None,
    ) -> np.ndarray | None:
        """:meth:`run`, as the flow on every arc (group arcs net of their lower bounds)."""
        caps = self.base_caps.copy()
        supplies = np.zeros(self.n_nodes, dtype=np.int64)
        supplies[0], supplies[1] = self.n_adepts - len(self.forced), -self.n_adepts
        supplies[self.adept_node[self.forced]] = 1
        # A group's bounds count its forced adepts, who do not pass its arc.
        for g, cap in (upper or {}).items():
            if cap < self.forced_in_group[g]:
                return None
            caps[g] = min(caps[g], cap - self.forced_in_group[g])
        for g, low in (lower or {}).items():
            low = max(0, low - int(self.forced_in_group[g]))
            if low > caps[g]:
                return None
            # Lower bound L on source → g: L units move as supply, the arc keeps cap - L.
            caps[g] -= low
            supplies[0] -= low
            supplies[self.group_node[g]] += low
        costs = np.zeros(len(caps), dtype=np.int64)
        costs[self.y_start : self.x_start] = -gain_y
        costs[self.x_start : self.x_start + len(gain_x)] = -gain_x
        network = min_cost_flow.SimpleMinCostFlow()
        arcs = network.add_arcs_with_capacity_and_unit_cost(self.tails, self.heads, caps, costs)
        network.set_nodes_supplies(np.arange(self.n_nodes), supplies)
        self.calls += 1
        if network.solve() != network.OPTIMAL:
            return None
        return network.flows(arcs)

    # Counting helpers -------------------------------------------------------------------

    def top_score(self) -> int:
        """No plan scores more: each adept's best arc, summed."""
        best = np.zeros(self.n_adepts, np.int64)
        np.maximum.at(best, self.y_adept, self.y_score)
        np.maximum.at(best, self.x_adept, self.x_score)
        return int(best.sum())

    def coverage(self, used: tuple[np.ndarray, np.ndarray]) -> int:
        """Needs met: one per placement, two per placement with a handledare."""
        return int(used[0].sum()) + 2 * int(used[1].sum())

    def score(self, used: tuple[np.ndarray, np.ndarray]) -> int:
        """The plan's total score (centi)."""
        return int(self.y_score[used[0]].sum()) + int(self.x_score[used[1]].sum())

    def placed(self, used: tuple[np.ndarray, np.ndarray], line: Line) -> list[int]:
        """Adepts placed per group of ``line``."""
        groups = line.adept_group
        n = len(line.groups)
        ys = groups[self.y_adept[used[0]]]
        xs = groups[self.x_adept[used[1]]]
        return list(np.bincount(ys[ys >= 0], minlength=n) + np.bincount(xs[xs >= 0], minlength=n))

    def with_role(self, used: tuple[np.ndarray, np.ndarray], line: Line) -> list[int]:
        """Adepts with a handledare per group of ``line``."""
        xs = line.adept_group[self.x_adept[used[1]]]
        return list(np.bincount(xs[xs >= 0], minlength=len(line.groups)))


def solve_flow(
    net: PlacementNetwork, role_line: Line | None, *, lift_placements: bool
) -> FlowOutcome:
    """Stages 1-4 of the module docstring (the coverage priority)."""
    n_y, n_x = len(net.y_adept), len(net.x_adept)
    cov_y, cov_x = np.ones(n_y, np.int64), np.full(n_x, 2, np.int64)
    total = int(net.y_score.sum() + net.x_score.sum()) + 1
    stages = ["flow coverage"]
    best = net.run(total * cov_y + net.y_score, total * cov_x + net.x_score)
    assert best is not None  # no bounds: the bypass arc always carries the rest
    coverage = net.coverage(best)
    line = net.place_line
    fixed: dict[int, int] = {}
    lifted = lift_placements and line is not None and len(line.groups) > 1
    options = [fixed]
    if lifted:
        fixed = _placement_leximin(net, line, coverage)
        options = _same_rate_placements(net, line, coverage, fixed)
        stages.append("flow lift placement")
    results = []
    for option in options:
        outcome = _after_placements(net, role_line, coverage, option, total)
        if not outcome.exact:
            # Which swap the handledare line prefers is then not settled by flows: keep the
            # leximin counts found first, as before (CP-SAT decides from there).
            if option != fixed:
                outcome = _after_placements(net, role_line, coverage, fixed, total)
            results = [(fixed, outcome)]
            break
        results.append((option, outcome))
    chosen, outcome = max(results, key=lambda r: (_role_rates(net, role_line, r[1]), r[1].score))
    outcome.stages[:0] = stages
    if lifted:
        outcome.placement_counts = {line.groups[g]: c for g, c in chosen.items()}
    return outcome


def _after_placements(
    net: PlacementNetwork,
    role_line: Line | None,
    coverage: int,
    fixed: dict[int, int],
    big: int,
) -> FlowOutcome:
    """Stages 3 and 4 with the placement counts ``fixed`` (per group; {} when not lifted)."""
    n_y, n_x = len(net.y_adept), len(net.x_adept)
    cov_y, cov_x = np.ones(n_y, np.int64), np.full(n_x, 2, np.int64)
    best = net.run(big * cov_y + net.y_score, big * cov_x + net.x_score, fixed, fixed)
    assert best is not None and net.coverage(best) == coverage
    if role_line is None or len(role_line.groups) < 2:
        return FlowOutcome(*best, coverage, net.score(best), True, ["flow score"])
    return _role_lift(net, role_line, coverage, fixed, best)


def _role_rates(net: PlacementNetwork, role_line: Line | None, outcome: FlowOutcome) -> tuple:
    """The handledare line's rates in ``outcome``, lowest first (empty without the line)."""
    if role_line is None or len(role_line.groups) < 2:
        return ()
    have = net.with_role((outcome.used_y, outcome.used_x), role_line)
    return tuple(
        sorted(Fraction(h, n) for h, n in zip(have, role_line.applicants, strict=True) if n)
    )


def _same_rate_placements(
    net: PlacementNetwork, line: Line, coverage: int, fixed: dict[int, int]
) -> list[dict[int, int]]:
    """``fixed`` and every other reachable placement count vector with the same rates, lowest
    first, at coverage ``coverage``: equal groups may swap counts, and the handledare line
    (a later stage) then chooses between them — placing a woman or a man first decided it
    alone before (Hypothesis: the CP-SAT stages had the better handledare rates)."""
    n_y, n_x = len(net.y_adept), len(net.x_adept)
    cov_y, cov_x = np.ones(n_y, np.int64), np.full(n_x, 2, np.int64)
    groups = sorted(fixed)
    applicants = dict(enumerate(line.applicants))
    rates = sorted(Fraction(fixed[g], applicants[g]) for g in groups)
    found = [dict(fixed)]
    for order in itertools.permutations(groups):
        counts = {}
        for g, rate in zip(order, rates, strict=True):
            count = rate * applicants[g]
            if count.denominator != 1:
                break
            counts[g] = int(count)
        else:
            if counts in found:
                continue
            got = net.run(cov_y, cov_x, counts, counts)
            if got is not None and net.coverage(got) == coverage:
                found.append(counts)
    return found


def _placement_leximin(net: PlacementNetwork, line: Line, coverage: int) -> dict[int, int]:
    """The leximin placement counts per group at coverage ``coverage`` (see stage 2)."""
    n_y, n_x = len(net.y_adept), len(net.x_adept)
    cov_y, cov_x = np.ones(n_y, np.int64), np.full(n_x, 2, np.int64)
    groups = range(len(line.groups))
    applicants = dict(zip(groups, line.applicants, strict=True))
    big = n_y + n_x + 1
    alone = {}
    for g in groups:
        mark_y = (line.adept_group[net.y_adept] == g).astype(np.int64)
        mark_x = (line.adept_group[net.x_adept] == g).astype(np.int64)
        got = net.run(big * cov_y + mark_y, big * cov_x + mark_x)
        assert got is not None
        alone[g] = net.placed(got, line)[g]

    def reach(lower: dict[int, int]) -> bool:
        got = net.run(cov_y, cov_x, lower)
        return got is not None and net.coverage(got) == coverage

    return leximin(reach, applicants, alone, dict.fromkeys(groups, 0), set(groups))


def leximin(reach, applicants: dict, alone: dict, lower: dict, free: set) -> dict:
    """Leximin counts for the ``free`` groups, the others held at least at ``lower``:
    ``reach(lower)`` answers whether every group g can have ``lower[g]`` at once."""
    if not free:
        return dict(lower)
    candidates = sorted(
        {Fraction(c, applicants[g]) for g in free for c in range(alone[g] + 1)} | {Fraction(0)}
    )

    def requirement(rate: Fraction) -> dict:
        need = dict(lower)
        for g in free:
            need[g] = max(lower[g], math.ceil(rate * applicants[g]))
        return need

    lo, hi = 0, len(candidates) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if reach(requirement(candidates[mid])):
            lo = mid
        else:
            hi = mid - 1
    rate = candidates[lo]
    level = requirement(rate)
    # Some free group stays at exactly this rate in every leximin plan: try each that can.
    best: dict | None = None
    best_key: tuple[Fraction, ...] | None = None
    bottom = [h for h in sorted(free) if Fraction(level[h], applicants[h]) == rate]
    for h in bottom or sorted(free):
        rest = leximin(reach, applicants, alone, level, free - {h})
        key = tuple(sorted(Fraction(rest[g], applicants[g]) for g in rest))
        if best_key is None or key > best_key:
            best, best_key = rest, key
    assert best is not None
    return best


def _role_lift(
    net: PlacementNetwork,
    line: Line,
    coverage: int,
    fixed: dict[int, int],
    plan: tuple[np.ndarray, np.ndarray],
) -> FlowOutcome:
    """Stage 3 and 4 for the handledare line (see the module docstring)."""
    n_y, n_x = len(net.y_adept), len(net.x_adept)
    cov_y, cov_x = np.ones(n_y, np.int64), np.full(n_x, 2, np.int64)
    x_group = line.adept_group[net.x_adept]
    stages: list[str] = []

    def extreme(mark: np.ndarray, sign: int) -> tuple[np.ndarray, np.ndarray]:
        big = 2 * n_x + 1
        got = net.run(big * cov_y, big * cov_x + sign * mark, fixed, fixed)
        assert got is not None and net.coverage(got) == coverage
        return got

    def fallback(bound: Fraction | None) -> FlowOutcome:
        stages.append("flow lift supervisor needs cp-sat")
        return FlowOutcome(*plan, coverage, net.score(plan), False, stages, None, bound)

    every = np.ones(n_x, np.int64)
    total_hi = int(extreme(every, 1)[1].sum())
    total_lo = int(extreme(every, -1)[1].sum())
    mark = (x_group == 0).astype(np.int64)
    if len(line.groups) != 2 or total_hi != total_lo or (x_group < 0).any():
        return fallback(None)
    handled = total_hi
    n0, n1 = line.applicants
    lo = int(extreme(mark, -1)[1][x_group == 0].sum())
    hi = int(extreme(mark, 1)[1][x_group == 0].sum())

    def key(k: int) -> tuple[Fraction, ...]:
        return tuple(sorted((Fraction(k, n0), Fraction(handled - k, n1))))

    top = max(key(k) for k in range(lo, hi + 1))
    targets = [k for k in range(lo, hi + 1) if key(k) == top]
    bound = top[0]
    found = []
    for k in targets:
        got = _lagrange(net, mark, k, fixed)
        if got is None:
            return fallback(bound)
        found.append(got)
    best = max(found, key=net.score)
    assert net.coverage(best) == coverage
    stages += ["flow lift supervisor", "flow score"]
    return FlowOutcome(*best, coverage, net.score(best), True, stages, None, bound)


def _lagrange(
    net: PlacementNetwork, mark: np.ndarray, k: int, fixed: dict[int, int]
) -> tuple[np.ndarray, np.ndarray] | None:
    """A flow at full coverage with ``fixed`` counts, exactly ``k`` marked handledare arcs and
    the best score among such flows; ``None`` when none is found (CP-SAT decides).

    Parametric in λ (the weight of a marked arc against the score): the two plans either side
    of ``k`` give the λ where their values meet; the plans best at that λ either replace one
    side or, when both sides are best there, every plan between them on a cycle of the
    difference is best too (each cycle costs nothing there), so cycles are added until the
    count is ``k``. A plan best at some λ with count ``k`` has the best score for ``k``."""
    n = net.n_adepts  # at most one marked arc per adept
    ties = n + 1
    spread = net.top_score() + 1

    def at(lam: Fraction | None, tie: int) -> tuple[np.ndarray, int, int] | None:
        """The plan best for score + λ·count (λ = ``tie``·∞ when ``lam`` is None), ties
        broken toward the fewest (``tie`` = -1) or the most (1) marked arcs."""
        if lam is None:
            p, q, scale = tie * spread, 1, 1
        else:
            p, q, scale = lam.numerator, lam.denominator, ties
        # Coverage outweighs the λ objective, which outweighs the tie-break on the count.
        big = scale * (q * spread + abs(p) * ties) + ties
        if big * 2 * (net.n_nodes + 1) >= 2**62:
            return None  # beyond the flow's cost range: CP-SAT decides
        gain_y = big + scale * q * net.y_score
        gain_x = 2 * big + scale * (q * net.x_score + p * mark) + tie * mark
        flows = net.run_flows(gain_y, gain_x, fixed, fixed)
        if flows is None:
            return None
        used = net.split(flows)
        return flows, net.score(used), int(mark[used[1]].sum())

    low, high = at(None, -1), at(None, 1)
    if low is None or high is None:
        return None
    for _ in range(4 * n + 8):
        for side in (low, high):
            if side[2] == k:
                return net.split(side[0])
        if not low[2] < k < high[2]:
            return None
        lam = Fraction(low[1] - high[1], high[2] - low[2])
        least, most = at(lam, -1), at(lam, 1)
        if least is None or most is None:
            return None
        if least[2] <= k <= most[2]:
            return _walk(net, mark, least[0], most[0], k)
        if most[2] < k:
            low = most
        else:
            high = least
    return None


def _walk(
    net: PlacementNetwork, mark: np.ndarray, start: np.ndarray, end: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """From ``start`` toward ``end`` (two flows best at the same λ) along cycles of their
    difference until exactly ``k`` marked arcs are used."""
    weight = np.zeros(len(start), np.int64)
    weight[net.x_start : net.x_start + len(mark)] = mark
    diff = end - start
    out: dict[int, list[int]] = {}
    left = {}
    for e in np.flatnonzero(diff):
        tail = net.tails[e] if diff[e] > 0 else net.heads[e]
        out.setdefault(int(tail), []).append(int(e))
        left[int(e)] = abs(int(diff[e]))

    def other(e: int, node: int) -> int:
        return int(net.heads[e] if net.tails[e] == node else net.tails[e])

    cycles: list[tuple[list[int], int]] = []
    for first in list(out):
        while out.get(first):
            path, seen, node = [], {first: 0}, first
            while True:
                edges = out[node]
                while left[edges[-1]] == 0:
                    edges.pop()
                e = edges[-1]
                path.append(e)
                node = other(e, node)
                if node in seen:
                    cycle = path[seen[node] :]
                    amount = min(left[c] for c in cycle)
                    for c in cycle:
                        left[c] -= amount
                    cycles.append((cycle, amount))
                    break
                seen[node] = len(path)
            for n in list(out):
                out[n] = [e for e in out[n] if left[e] > 0]
    sign = np.sign(diff)
    need = k - int(mark[net.split(start)[1]].sum())
    # Reachable count changes with the cycles chosen so far (a small bounded knapsack).
    reach: dict[int, list[tuple[int, int]]] = {0: []}
    for i, (cycle, amount) in enumerate(cycles):
        step = int(sum(weight[c] * sign[c] for c in cycle))
        if step == 0:
            continue
        for total, chosen in list(reach.items()):
            for times in range(1, amount + 1):
                reach.setdefault(total + times * step, [*chosen, (i, times)])
        if need in reach:
            break
    if need not in reach:
        return None
    flows = start.copy()
    for i, times in reach[need]:
        for c in cycles[i][0]:
            flows[c] += times * sign[c]
    return net.split(flows)
