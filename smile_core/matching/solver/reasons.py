"""Why each unmatched adept is unmatched, in words.

Decided from the final plan alone, in this order: no allowed mentor at all (with the scores,
which rule rules every mentor out, when one does); some allowed mentor
still has room (then an equality rule kept them out when adding them would break one, else
matching them would not raise the total score, or the only mentors with room lead groups that
would stay below their minimum size); every allowed mentor or workplace is full and
a locked pair holds one of those seats (displaced by a lock); every allowed mentor or
workplace is full, one of those seats is held by an adept of a group with a lower or equal
match rate, and the adept's group has fewer matched than in the most-matched plan without the
equality rules (lost a seat so that the other group could be lifted); every allowed mentor is
full; every allowed mentor's workplace is full; every allowed mentor or workplace is full (some
the one, some the other).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import polars as pl

from smile_core.matching.plan import Conflict, Status, Unmatched, UnmatchedReason
from smile_core.matching.scoring import (
    BLOCK_AVOIDED,
    BLOCK_GENDER_PREFERENCE,
    BLOCK_NO_SHARED_LANGUAGE,
    BLOCK_SAME_ORGANISATION,
    BLOCK_WORKPLACE_CLOSED,
)
from smile_core.matching.solver.feasibility import satisfies_rules
from smile_core.matching.solver.flow import coverage_bonus, solve_flow
from smile_core.matching.solver.problem import MatchProblem
from smile_core.matching.solver.rules.registry import RULES
from smile_core.text import Message

#: The rules with a part in "a mentor has room, yet the adept is out" (registry order).
_ROOM_RULES = tuple(rule for rule in RULES if rule.room_reason is not None)

#: The scoring's block reasons (``blocked_by``) as unmatched reasons.
_BLOCKED: dict[str, UnmatchedReason] = {
    BLOCK_NO_SHARED_LANGUAGE: UnmatchedReason.NO_SHARED_LANGUAGE,
    BLOCK_GENDER_PREFERENCE: UnmatchedReason.GENDER_WISH,
    BLOCK_AVOIDED: UnmatchedReason.AVOIDED,
    BLOCK_SAME_ORGANISATION: UnmatchedReason.SAME_ORGANISATION,
    BLOCK_WORKPLACE_CLOSED: UnmatchedReason.WORKPLACE_CLOSED,
}

#: The reasons that mean "every fitting seat is full" (one of them may become LIFTED_OTHER).
FULL = frozenset(
    {UnmatchedReason.ALL_FULL, UnmatchedReason.MENTOR_FULL, UnmatchedReason.WORKPLACE_FULL}
)


def unmatched(
    problem: MatchProblem,
    chosen: np.ndarray,
    status: Status,
    scores: pl.DataFrame | None = None,
    *,
    plain_start: np.ndarray | None = None,
) -> tuple[Unmatched, ...]:
    """One :class:`Unmatched` per adept without a pair in ``chosen``, in adept order.

    With ``scores`` (the problem's :func:`~smile_core.matching.scoring.score_pairs` frame) an adept
    with no allowed mentor is told which rule rules the mentors out when one rule rules them
    all out (the scoring's block reason, or the coordinator's forbids). ``plain_start``: the
    pairs the most-matched plan's flow may start its pricing from (the lifted flow's network,
    :attr:`~smile_core.matching.solver.leximin.Lift.network`): one pricing round instead of
    five at 10,000 adepts. The flow's optimum is the same from any start; only among plans
    of equal coverage and score may another one be found (as with any other start)."""
    if status not in (Status.OPTIMAL, Status.FEASIBLE):
        return tuple(_entry(problem, a, UnmatchedReason.NO_PLAN) for a in range(problem.n_adepts))
    n_a = problem.n_adepts
    matched = np.zeros(n_a, dtype=bool)
    matched[problem.pair_adept[chosen]] = True
    out = np.flatnonzero(~matched)
    if len(out) == 0:
        return ()
    mentor_load, workplace_load, mentor_locked, workplace_locked = _seats(problem, chosen)

    # Every allowed pair of every unmatched adept at once (the seats question is the same for
    # all of them; one pass over the pairs instead of a loop per adept).
    out_mask = ~matched
    allowed = np.flatnonzero(out_mask[problem.pair_adept] & ~problem.pair_forbidden)
    adepts = problem.pair_adept[allowed]
    mentors = problem.pair_mentor[allowed]
    workplaces = problem.mentor_workplace[mentors]
    mentor_room = mentor_load[mentors] < problem.mentor_capacity[mentors]
    # Mentors without a workplace have no workplace limit (and a programme may have no
    # workplaces at all, so only the others are indexed).
    has_workplace = workplaces >= 0
    workplace_room = np.ones(len(allowed), dtype=bool)
    placed = workplaces[has_workplace]
    workplace_room[has_workplace] = workplace_load[placed] < problem.workplace_capacity[placed]

    def any_per_adept(flag: np.ndarray) -> np.ndarray:
        return np.bincount(adepts[flag], minlength=n_a) > 0

    n_allowed = np.bincount(adepts, minlength=n_a)
    some_room = any_per_adept(mentor_room & workplace_room)
    lock_held = any_per_adept(mentor_locked[mentors] | workplace_locked[workplaces])
    any_mentor_room = any_per_adept(mentor_room)
    any_workplace_room = any_per_adept(workplace_room)

    reason_of: dict[int, UnmatchedReason] = {}
    by_adept = starts = None
    for adept in out.tolist():
        if n_allowed[adept] == 0:
            reason = UnmatchedReason.NO_ALLOWED_MENTOR
        elif some_room[adept]:
            if by_adept is None:
                by_adept = np.argsort(adepts, kind="stable")  # keeps pair order per adept
                starts = np.searchsorted(adepts[by_adept], np.arange(n_a + 1))
            own = by_adept[starts[adept] : starts[adept + 1]]
            room = (mentor_room & workplace_room)[own]
            reason = _room_reason(problem, chosen, allowed[own][room], mentor_load, status)
        elif lock_held[adept]:
            reason = UnmatchedReason.DISPLACED_BY_LOCK
        elif not any_mentor_room[adept]:
            reason = UnmatchedReason.MENTOR_FULL
        elif not any_workplace_room[adept]:
            reason = UnmatchedReason.WORKPLACE_FULL
        else:
            reason = UnmatchedReason.ALL_FULL
        reason_of[adept] = reason

    full = [a for a, r in reason_of.items() if r in FULL]
    for adept in _lost_to_lift(problem, chosen, matched, full, plain_start):
        reason_of[adept] = UnmatchedReason.LIFTED_OTHER
    if scores is not None:
        for adept, reason in reason_of.items():
            if reason is UnmatchedReason.NO_ALLOWED_MENTOR:
                reason_of[adept] = _blocked_reason(problem, scores, adept)
    return tuple(_entry(problem, a, reason_of[a]) for a in out.tolist())


def _seats(
    problem: MatchProblem, chosen: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The plan ``chosen``'s load per mentor and per workplace, and which mentors and which
    workplaces a locked pair holds (the latter with one cell more, for "no workplace" (-1),
    never held)."""
    n_m, n_w = len(problem.mentor_ids), len(problem.workplace_ids)
    mentor_load = np.bincount(problem.pair_mentor[chosen], minlength=n_m)
    wp = problem.workplace_of(chosen)
    workplace_load = np.bincount(wp[wp >= 0], minlength=n_w)
    locked = chosen[problem.pair_locked[chosen]]
    mentor_locked = np.zeros(n_m, dtype=bool)
    mentor_locked[problem.pair_mentor[locked]] = True
    workplace_locked = np.zeros(n_w + 1, dtype=bool)  # the last cell: no workplace (-1)
    workplace_locked[problem.workplace_of(locked)] = True
    workplace_locked[-1] = False
    return mentor_load, workplace_load, mentor_locked, workplace_locked


def pool_witnesses(problem: MatchProblem, chosen: np.ndarray) -> np.ndarray:
    """The keys of the pool pairs (:attr:`MatchProblem.pool`) that :func:`unmatched` must see
    to give each adept left out of ``chosen`` the reason it would give with every pair.

    Each test of :func:`unmatched` and :func:`_lost_to_lift` asks whether some allowed pair of
    the adept has a property of its mentor alone (the mentor or its workplace has room; a lock
    holds one of them; the mentor holds an adept of group h), or lists the pairs whose mentor
    and workplace both have room. So the adept's pairs with room, and for each other property
    its first pair that has it (and its first pair at all), answer every test as all of its
    pairs do — a few per adept instead of every allowed one (6 million pairs for the 1,600
    unmatched adepts of 10,000). The flow those reasons solve prices the pool itself."""
    pool = problem.pool
    if pool is None:
        return np.zeros(0, np.int64)
    n_a, n_m = problem.n_adepts, len(problem.mentor_ids)
    matched = np.zeros(n_a, dtype=bool)
    matched[problem.pair_adept[chosen]] = True
    out = np.flatnonzero(~matched)
    mentor_load, workplace_load, held, workplace_locked = _seats(problem, chosen)
    workplace = problem.mentor_workplace
    mentor_room = mentor_load < problem.mentor_capacity
    workplace_room = np.ones(n_m, dtype=bool)
    placed = workplace >= 0
    workplace_room[placed] = (
        workplace_load[workplace[placed]] < problem.workplace_capacity[workplace[placed]]
    )
    held = held | workplace_locked[workplace]
    genders = np.array(problem.adept_gender)
    holder = genders[problem.pair_adept[chosen]]
    holds = [
        np.bincount(problem.pair_mentor[chosen][holder == g], minlength=n_m) > 0
        for g in sorted(set(problem.adept_gender))
    ]
    firsts = [np.ones(n_m, dtype=bool), mentor_room, workplace_room, held, *holds]
    found = [np.zeros(0, np.int64)]
    for lo in range(0, len(out), 256):
        rows = out[lo : lo + 256]
        allowed = np.stack([pool.allowed_row(a) for a in rows.tolist()])
        row, mentor = np.nonzero(allowed & (mentor_room & workplace_room)[None, :])
        found.append(rows[row] * n_m + mentor)
        for mask in firsts:
            hit = allowed & mask[None, :]
            first = hit.argmax(axis=1)
            some = hit[np.arange(len(rows)), first]
            found.append(rows[some] * n_m + first[some])
    return np.sort(np.concatenate(found))


def _room_reason(
    problem: MatchProblem,
    chosen: np.ndarray,
    with_room: np.ndarray,
    mentor_load: np.ndarray,
    status: Status = Status.OPTIMAL,
) -> UnmatchedReason:
    """Why an adept with a fitting seat that has room (``with_room``: those pairs, in pair
    order) is out: adding them keeps every rule — so in a proven plan it would not raise the
    total, and in an unproven one the search stopped first —, a rule that alone keeps them
    out, else an equality rule."""
    if any(satisfies_rules(problem, np.append(chosen, p)) for p in with_room[:50]):
        if status is Status.OPTIMAL:
            return UnmatchedReason.NOT_WORTH_IT
        return UnmatchedReason.SEARCH_STOPPED
    for rule in _ROOM_RULES:
        reason = rule.room_reason(problem, with_room, mentor_load)
        if reason is not None:
            return reason
    return UnmatchedReason.EQUALITY_RULE


def _lost_to_lift(
    problem: MatchProblem,
    chosen: np.ndarray,
    matched: np.ndarray,
    full: list[int],
    plain_start: np.ndarray | None = None,
) -> list[int]:
    """Of the ``full`` adepts (every fitting seat taken), those whose group gave up seats to
    the lifting and one of whose mentors (any candidate pair) holds an adept of another
    constrained group whose rate is no higher.

    A group "gave up seats" when it has fewer matched than in the most-matched plan without
    the equality rules (most matched, then best score); that plan is a min-cost flow over
    every pair, so it is solved only when some adept passes every other test, and its
    pricing starts from ``plain_start`` when given. That flow is never one the optimisation
    solved: the plain relaxation runs only when the match-rate rule does not lift, and
    without lifting nobody lost a seat to it."""
    rule = problem.settings.equality.match_rate
    if not full or not rule.enabled or rule.strict:
        return []
    genders = np.array(problem.adept_gender)
    sizes = problem.group_sizes()
    groups = problem.constrained_groups()
    rate = {g: Fraction(int((matched & (genders == g)).sum()), sizes[g]) for g in groups}
    n_m = len(problem.mentor_ids)
    holder_gender = genders[problem.pair_adept[chosen]]
    holds = {
        h: np.bincount(problem.pair_mentor[chosen][holder_gender == h], minlength=n_m) > 0
        for h in groups
    }
    full_arr = np.array(full, dtype=np.int64)
    candidate = np.zeros(problem.n_adepts, dtype=bool)
    # Each full adept's group's "seat held by a group no better off" mentors.
    fits = np.zeros((len(groups), n_m), dtype=bool)
    for i, g in enumerate(groups):
        for h in groups:
            if h != g and rate[h] <= rate[g]:
                fits[i] |= holds[h]
    index = {g: i for i, g in enumerate(groups)}
    group_of = np.array([index.get(g, -1) for g in problem.adept_gender], dtype=np.int64)
    candidate[full_arr[group_of[full_arr] >= 0]] = True
    pairs = np.flatnonzero(candidate[problem.pair_adept])
    hit = fits[group_of[problem.pair_adept[pairs]], problem.pair_mentor[pairs]]
    lost = np.flatnonzero(np.bincount(problem.pair_adept[pairs[hit]], minlength=problem.n_adepts))
    if len(lost) == 0:
        return []
    plain = solve_flow(
        problem,
        problem.pair_value,
        coverage_bonus(problem, problem.pair_value),
        start=plain_start,
    )
    if plain is None:
        return []
    plain_gender = genders[problem.pair_adept[plain.chosen]]
    gave_up = {
        g for g in groups if int((matched & (genders == g)).sum()) < int((plain_gender == g).sum())
    }
    return [int(a) for a in lost if problem.adept_gender[a] in gave_up]


def _blocked_reason(problem: MatchProblem, scores: pl.DataFrame, adept: int) -> UnmatchedReason:
    """Why no mentor is allowed for ``adept``: the one rule that rules out every mentor, or
    ``NO_ALLOWED_MENTOR`` when the rules differ between mentors (or there are no mentors).
    A pair the scoring allows but the problem lacks was forbidden by the coordinator."""
    rows = np.flatnonzero(scores["adept_id"].to_numpy() == problem.adept_ids[adept])
    if len(rows) == 0:
        return UnmatchedReason.NO_ALLOWED_MENTOR
    blocked = scores["blocked_by"].gather(rows).to_list()
    causes = {
        _BLOCKED.get(b, UnmatchedReason.NO_ALLOWED_MENTOR) if b else UnmatchedReason.FORBIDDEN
        for b in blocked
    }
    return causes.pop() if len(causes) == 1 else UnmatchedReason.NO_ALLOWED_MENTOR


def _entry(problem: MatchProblem, adept: int, reason: UnmatchedReason) -> Unmatched:
    return Unmatched(problem.adept_ids[adept], reason)


def must_match_blocks(
    problem: MatchProblem, scores: pl.DataFrame, conflicts: tuple[Conflict, ...]
) -> tuple[Conflict, ...]:
    """``conflicts`` with each must-match adept who has no allowed mentor told which rule
    rules every mentor out (when one rule does), as an unmatched adept would be."""
    index = {a: i for i, a in enumerate(problem.adept_ids)}
    out = []
    for c in conflicts:
        adept = index.get(c.subject)
        if c.kind == "must_match" and adept is not None and len(problem.pairs_of_adept[adept]) == 0:
            reason = _blocked_reason(problem, scores, adept)
            if reason is not UnmatchedReason.NO_ALLOWED_MENTOR:
                cause = Message.of(f"reason.{reason.value}.short")
                text = Message.of("conflict.blocked", rule=c.text, cause=cause)
                c = Conflict(c.kind, text, c.subject, c.limit)
        out.append(c)
    return tuple(out)
