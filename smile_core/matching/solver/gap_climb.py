"""A primal search for the score stage under the gap target: local moves at fixed group counts.

At the lifted counts the score stage maximises the total gain while the women's and men's mean
scores stay within the target (one linear row, S_w * M_m - S_m * M_w, within ± the band). Its
Lagrangian bound (:func:`~.leximin.gap_score_bound`) is usually the optimum itself, but
the flow plans it meets sit on either side of the band, and CP-SAT searched minutes for a plan
at the bound: at the Lagrangian multiplier the higher group's pairs all cost about the same,
so reaching the bound is a subset-sum over that group's pairs, where CP-SAT's propagation
and HiGHS's branching both wander (measured on 12 binding cohorts of 100-200 adepts that the
engine left unproven at 10 s: HiGHS on the whole model proved 5 of them in 3-23 s).

This climbs from a plan that keeps the band by moves that keep every group count and every
capacity: one adept to another mentor, or an unmatched adept taking the seat of a matched one
of the same group at the same mentor; and pairs of such moves, the first leaving the band or
a full mentor or workplace behind, the second bringing it back. Each step takes the move (or
pair) that gains most. Small score steps are plentiful, so the climb ends close to the band's
edge: on the 12 cohorts above it reached the bound (a proof, once CP-SAT has checked the plan)
on 3 in 0.03-0.15 s, and beat the engine's plan on 7 more.

Only a heuristic: the plan is checked against every rule by the caller (and CP-SAT), and no
optimality is claimed except through the bound. Deterministic: ties go to the lowest index.
"""

from __future__ import annotations

import numpy as np

from smile_core.matching.solver.leximin import gap_row, group_labels
from smile_core.matching.solver.problem import MatchProblem

#: At most this many steps (each one or two moves): every step gains at least one centipoint,
#: so this only caps a long climb on a very large cohort.
_STEPS = 200
#: For a pair of moves, the first moves tried (by gain, highest first) and, per first move,
#: the second moves tried (the same order) among those that bring the row back into the band.
_FIRSTS = 2000
_SECONDS = 100


class _Climb:
    """A plan under local moves: per adept its pair (or -1), the loads and the gap row."""

    def __init__(
        self, problem: MatchProblem, gain: np.ndarray, plan: np.ndarray, counts: dict[str, int]
    ) -> None:
        self.problem = problem
        self.gain = gain.astype(np.int64)
        self.row = gap_row(problem, counts)
        self.group = np.array(group_labels(problem))[problem.pair_adept]
        # A mentor outside every workplace (-1) counts under one extra, unlimited workplace.
        n_workplaces = len(problem.workplace_ids)
        workplace = problem.mentor_workplace[problem.pair_mentor]
        self.workplace = np.where(workplace >= 0, workplace, n_workplaces)
        self.workplace_capacity = np.append(problem.workplace_capacity, problem.n_adepts + 1)
        self.pair_of = np.full(problem.n_adepts, -1, dtype=np.int64)
        self.pair_of[problem.pair_adept[plan]] = plan
        self.mentor_load = np.bincount(problem.pair_mentor[plan], minlength=len(problem.mentor_ids))
        self.workplace_load = np.bincount(self.workplace[plan], minlength=n_workplaces + 1)
        self.total_row = int(self.row[plan].sum())
        # Locked pairs and must-match adepts stay as they are: moving them could only break
        # a rule the caller would then reject the plan for.
        self.fixed = np.zeros(problem.n_adepts, dtype=bool)
        self.fixed[problem.pair_adept[problem.pair_locked]] = True
        self.fixed[list(problem.must_match)] = True

    def plan(self) -> np.ndarray:
        return np.sort(self.pair_of[self.pair_of >= 0])

    def moves(self) -> tuple[np.ndarray, ...]:
        """Every move from the plan: the pair taken in and the pair let go, their change in
        gain and in the row, and whether the destination has room (two rows: its mentor, its
        workplace)."""
        problem, pair_adept, mentor = (
            self.problem,
            self.problem.pair_adept,
            self.problem.pair_mentor,
        )
        held = self.pair_of[pair_adept]
        movable = ~self.fixed[pair_adept]
        # An adept with a mentor moves to another mentor.
        moved = np.flatnonzero(movable & (held >= 0) & (mentor != mentor[np.maximum(held, 0)]))
        taken, let_go = [moved], [held[moved]]
        # An adept without one takes the seat of a matched adept of the same group, same mentor.
        waiting = np.flatnonzero(movable & (held < 0))
        seated = self.plan()
        seated = seated[~self.fixed[pair_adept[seated]]]
        if len(waiting) and len(seated):
            seated = seated[np.argsort(mentor[seated], kind="stable")]
            first = np.searchsorted(mentor[seated], mentor[waiting], "left")
            count = np.searchsorted(mentor[seated], mentor[waiting], "right") - first
            newcomer = np.repeat(waiting, count)
            offset = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
            leaving = seated[np.repeat(first, count) + offset]
            same = self.group[newcomer] == self.group[leaving]
            taken.append(newcomer[same])
            let_go.append(leaving[same])
        take_in, let_out = np.concatenate(taken), np.concatenate(let_go)
        gain = self.gain[take_in] - self.gain[let_out]
        row = self.row[take_in] - self.row[let_out]
        to_mentor, to_workplace = mentor[take_in], self.workplace[take_in]
        mentor_room = (to_mentor == mentor[let_out]) | (
            self.mentor_load[to_mentor] < problem.mentor_capacity[to_mentor]
        )
        workplace_room = (to_workplace == self.workplace[let_out]) | (
            self.workplace_load[to_workplace] < self.workplace_capacity[to_workplace]
        )
        room = np.stack([mentor_room, workplace_room])
        return take_in, let_out, gain, row, room

    def apply(self, take_in: int, let_out: int) -> None:
        mentor, workplace = self.problem.pair_mentor, self.workplace
        self.mentor_load[mentor[let_out]] -= 1
        self.workplace_load[workplace[let_out]] -= 1
        self.mentor_load[mentor[take_in]] += 1
        self.workplace_load[workplace[take_in]] += 1
        self.total_row += int(self.row[take_in] - self.row[let_out])
        self.pair_of[self.problem.pair_adept[let_out]] = -1
        self.pair_of[self.problem.pair_adept[take_in]] = take_in

    def fits_together(self, moves: tuple[tuple[int, int], ...]) -> bool:
        """Whether the moves, made one after the other from the plan as it is, keep one pair per
        adept and every capacity (the band is the caller's)."""
        adept, mentor = self.problem.pair_adept, self.problem.pair_mentor
        held: dict[int, int] = {}  # the adepts' pairs as the moves change them
        for take_in, let_out in moves:
            coming, going = int(adept[take_in]), int(adept[let_out])
            if held.get(going, int(self.pair_of[going])) != let_out:
                return False
            held[going] = -1
            if held.get(coming, int(self.pair_of[coming])) >= 0:
                return False
            held[coming] = take_in
        mentor_change: dict[int, int] = {}
        workplace_change: dict[int, int] = {}
        for take_in, let_out in moves:
            for pair, step in ((take_in, 1), (let_out, -1)):
                m, w = int(mentor[pair]), int(self.workplace[pair])
                mentor_change[m] = mentor_change.get(m, 0) + step
                workplace_change[w] = workplace_change.get(w, 0) + step
        return all(
            self.mentor_load[m] + change <= self.problem.mentor_capacity[m]
            for m, change in mentor_change.items()
            if change > 0
        ) and all(
            self.workplace_load[w] + change <= self.workplace_capacity[w]
            for w, change in workplace_change.items()
            if change > 0
        )


def climb_within_gap(
    problem: MatchProblem,
    gain: np.ndarray,
    plan: np.ndarray,
    counts: dict[str, int],
    gap_centi: int,
) -> np.ndarray:
    """A plan with the same adepts per group as ``plan`` (pair indices keeping every capacity
    and the band: women's and men's mean scores within ``gap_centi`` at ``counts``) and at
    least its total ``gain``, every locked pair and must-match adept left as they are; the
    plan itself when no move gains. Only capacities, the counts and the band are kept here:
    other rules are the caller's to check."""
    if "woman" not in counts or "man" not in counts or 0 in (counts["woman"], counts["man"]):
        return plan
    climb = _Climb(problem, gain, plan, counts)
    band = gap_centi * counts["woman"] * counts["man"]
    if abs(climb.total_row) > band:
        return plan
    for _ in range(_STEPS):
        take_in, let_out, gained, row, room = climb.moves()
        after = climb.total_row + row
        single = room.all(axis=0) & (gained > 0) & (np.abs(after) <= band)
        if single.any():
            best = int(np.argmax(np.where(single, gained, -1)))
            climb.apply(int(take_in[best]), int(let_out[best]))
            continue
        if not _pair_of_moves(climb, band, take_in, let_out, gained, row, room):
            break
    return climb.plan()


def _pair_of_moves(
    climb: _Climb,
    band: int,
    take_in: np.ndarray,
    let_out: np.ndarray,
    gained: np.ndarray,
    row: np.ndarray,
    room: np.ndarray,
) -> bool:
    """Make the best-found pair of moves that gains in all: a first move that gains but leaves
    the band or overfills its mentor or workplace, then one that brings the row back into the
    band (and, for an overfilled destination, moves someone out of it). Whether one was made."""
    problem = climb.problem
    firsts = np.flatnonzero(gained > 0)
    if not len(firsts):
        return False
    firsts = firsts[np.argsort(-gained[firsts], kind="stable")][:_FIRSTS]
    by_row = np.argsort(row, kind="stable")
    sorted_row = row[by_row]
    out_mentor = problem.pair_mentor[let_out]
    out_workplace = climb.workplace[let_out]
    for first in firsts:
        shift = climb.total_row + int(row[first])
        low = np.searchsorted(sorted_row, -band - shift, "left")
        high = np.searchsorted(sorted_row, band - shift, "right")
        seconds = by_row[low:high]
        to_mentor = problem.pair_mentor[take_in[first]]
        to_workplace = climb.workplace[take_in[first]]
        if not room[0, first]:
            seconds = seconds[out_mentor[seconds] == to_mentor]  # someone leaves that mentor
        if not room[1, first]:
            seconds = seconds[out_workplace[seconds] == to_workplace]
        # The second's destination must have room, or get it when the first leaves.
        seconds = seconds[
            (room[0, seconds] | (problem.pair_mentor[take_in[seconds]] == out_mentor[first]))
            & (room[1, seconds] | (climb.workplace[take_in[seconds]] == out_workplace[first]))
        ]
        seconds = seconds[gained[first] + gained[seconds] > 0]
        seconds = seconds[np.argsort(-gained[seconds], kind="stable")][:_SECONDS]
        for second in seconds:
            pair = (
                (int(take_in[first]), int(let_out[first])),
                (int(take_in[second]), int(let_out[second])),
            )
            if climb.fits_together(pair):
                for move in pair:
                    climb.apply(*move)
                return True
    return False
