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
) -> tuple[Unmatched, ...]:
    """One :class:`Unmatched` per adept without a pair in ``chosen``, in adept order.

    With ``scores`` (the problem's :func:`~smile_core.matching.scoring.score_pairs` frame) an adept
    with no allowed mentor is told which rule rules the mentors out when one rule rules them
    all out (the scoring's block reason, or the coordinator's forbids)."""
    if status not in (Status.OPTIMAL, Status.FEASIBLE):
        return tuple(_entry(problem, a, UnmatchedReason.NO_PLAN) for a in range(problem.n_adepts))
    matched = np.zeros(problem.n_adepts, dtype=bool)
    matched[problem.pair_adept[chosen]] = True
    n_w = len(problem.workplace_ids)
    mentor_load = np.bincount(problem.pair_mentor[chosen], minlength=len(problem.mentor_ids))
    wp = problem.pair_workplace[chosen]
    workplace_load = np.bincount(wp[wp >= 0], minlength=n_w)
    locked = chosen[problem.pair_locked[chosen]]
    locked_mentors = set(problem.pair_mentor[locked].tolist())
    locked_workplaces = set(problem.pair_workplace[locked].tolist()) - {-1}

    lifted_from = _lifted_from(problem, chosen, matched)
    result = []
    for adept in np.flatnonzero(~matched):
        pairs = problem.pairs_of_adept[adept]
        result.append(
            _entry(
                problem,
                adept,
                _reason(
                    problem,
                    chosen,
                    pairs,
                    mentor_load,
                    workplace_load,
                    locked_mentors,
                    locked_workplaces,
                ),
            )
        )
        if result[-1].reason in FULL and _lost_to_lift(problem, chosen, adept, lifted_from):
            result[-1] = _entry(problem, adept, UnmatchedReason.LIFTED_OTHER)
        elif result[-1].reason is UnmatchedReason.NO_ALLOWED_MENTOR and scores is not None:
            result[-1] = _entry(problem, adept, _blocked_reason(problem, scores, adept))
    return tuple(result)


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


def _lifted_from(problem: MatchProblem, chosen: np.ndarray, matched: np.ndarray) -> dict:
    """Per constrained group: its match rate in the plan, and whether it has fewer matched
    than the most-matched plan without the equality rules (empty unless lifting)."""
    rule = problem.settings.equality.match_rate
    if not rule.enabled or rule.strict:
        return {}
    genders = np.array(problem.adept_gender)
    plain = solve_flow(problem, problem.pair_value, coverage_bonus(problem, problem.pair_value))
    if plain is None:
        return {}
    plain_matched = genders[problem.pair_adept[plain.chosen]]
    sizes = problem.group_sizes()
    out = {}
    for g in problem.constrained_groups():
        now = int((matched & (genders == g)).sum())
        out[g] = (Fraction(now, sizes[g]), now < int((plain_matched == g).sum()))
    return out


def _lost_to_lift(problem: MatchProblem, chosen: np.ndarray, adept: int, lifted_from: dict) -> bool:
    """True when ``adept``'s group gave up seats and a seat that fits them is held by an adept
    of a group whose rate is no higher."""
    group = problem.adept_gender[adept]
    if group not in lifted_from or not lifted_from[group][1]:
        return False
    rate = lifted_from[group][0]
    mentors = set(problem.pair_mentor[problem.pairs_of_adept[adept]].tolist())
    holders = problem.pair_adept[chosen[np.isin(problem.pair_mentor[chosen], list(mentors))]]
    return any(
        problem.adept_gender[h] in lifted_from
        and problem.adept_gender[h] != group
        and lifted_from[problem.adept_gender[h]][0] <= rate
        for h in holders
    )


def _reason(
    problem: MatchProblem,
    chosen: np.ndarray,
    pairs: np.ndarray,
    mentor_load: np.ndarray,
    workplace_load: np.ndarray,
    locked_mentors: set[int],
    locked_workplaces: set[int],
) -> UnmatchedReason:
    pairs = pairs[~problem.pair_forbidden[pairs]]
    if len(pairs) == 0:
        return UnmatchedReason.NO_ALLOWED_MENTOR
    mentors = problem.pair_mentor[pairs]
    workplaces = problem.pair_workplace[pairs]
    mentor_room = mentor_load[mentors] < problem.mentor_capacity[mentors]
    # Mentors without a workplace have no workplace limit (and a programme may have no
    # workplaces at all, so only the others are indexed).
    has_workplace = workplaces >= 0
    workplace_room = np.ones(len(pairs), dtype=bool)
    placed = workplaces[has_workplace]
    workplace_room[has_workplace] = workplace_load[placed] < problem.workplace_capacity[placed]
    with_room = pairs[mentor_room & workplace_room]
    if len(with_room):
        if any(satisfies_rules(problem, np.append(chosen, p)) for p in with_room[:50]):
            return UnmatchedReason.NOT_WORTH_IT
        # A rule that alone keeps them out names itself; else an equality rule did.
        for rule in _ROOM_RULES:
            reason = rule.room_reason(problem, with_room, mentor_load)
            if reason is not None:
                return reason
        return UnmatchedReason.EQUALITY_RULE
    if locked_mentors.intersection(mentors.tolist()) or locked_workplaces.intersection(
        workplaces.tolist()
    ):
        return UnmatchedReason.DISPLACED_BY_LOCK
    if not mentor_room.any():
        return UnmatchedReason.MENTOR_FULL
    if not workplace_room.any():
        return UnmatchedReason.WORKPLACE_FULL
    return UnmatchedReason.ALL_FULL


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
