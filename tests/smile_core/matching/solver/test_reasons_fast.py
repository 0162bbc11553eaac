"""The vectorised unmatched reasons against the per-adept loop they replaced (the oracle
below, kept verbatim apart from names): the same reason for every adept, on random plans of
random programmes and on solved generated programmes."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from instances import decisions, match_settings, programmes

from smile_core.demo.synthetic import binding_programme, random_programme
from smile_core.matching.plan import Status, UnmatchedReason
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import reasons, solve
from smile_core.matching.solver.feasibility import satisfies_rules
from smile_core.matching.solver.flow import coverage_bonus, solve_flow
from smile_core.matching.solver.problem import build_problem

FAST = settings(
    max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


def _oracle(problem, chosen, status, scores=None):
    """The reasons as computed before the vectorisation (one loop per unmatched adept)."""
    if status not in (Status.OPTIMAL, Status.FEASIBLE):
        return tuple(
            reasons._entry(problem, a, UnmatchedReason.NO_PLAN) for a in range(problem.n_adepts)
        )
    matched = np.zeros(problem.n_adepts, dtype=bool)
    matched[problem.pair_adept[chosen]] = True
    n_w = len(problem.workplace_ids)
    mentor_load = np.bincount(problem.pair_mentor[chosen], minlength=len(problem.mentor_ids))
    wp = problem.pair_workplace[chosen]
    workplace_load = np.bincount(wp[wp >= 0], minlength=n_w)
    locked = chosen[problem.pair_locked[chosen]]
    locked_mentors = set(problem.pair_mentor[locked].tolist())
    locked_workplaces = set(problem.pair_workplace[locked].tolist()) - {-1}
    lifted_from = _oracle_lifted_from(problem, chosen, matched)
    result = []
    for adept in np.flatnonzero(~matched):
        pairs = problem.pairs_of_adept[adept]
        reason = _oracle_reason(
            problem,
            chosen,
            pairs,
            mentor_load,
            workplace_load,
            locked_mentors,
            locked_workplaces,
            status,
        )
        if reason in reasons.FULL and _oracle_lost(problem, chosen, adept, lifted_from):
            reason = UnmatchedReason.LIFTED_OTHER
        elif reason is UnmatchedReason.NO_ALLOWED_MENTOR and scores is not None:
            reason = reasons._blocked_reason(problem, scores, adept)
        result.append(reasons._entry(problem, adept, reason))
    return tuple(result)


def _oracle_lifted_from(problem, chosen, matched):
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


def _oracle_lost(problem, chosen, adept, lifted_from):
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


def _oracle_reason(
    problem, chosen, pairs, mentor_load, workplace_load, locked_mentors, locked_workplaces, status
):
    pairs = pairs[~problem.pair_forbidden[pairs]]
    if len(pairs) == 0:
        return UnmatchedReason.NO_ALLOWED_MENTOR
    mentors = problem.pair_mentor[pairs]
    workplaces = problem.pair_workplace[pairs]
    mentor_room = mentor_load[mentors] < problem.mentor_capacity[mentors]
    has_workplace = workplaces >= 0
    workplace_room = np.ones(len(pairs), dtype=bool)
    placed = workplaces[has_workplace]
    workplace_room[has_workplace] = workplace_load[placed] < problem.workplace_capacity[placed]
    with_room = pairs[mentor_room & workplace_room]
    if len(with_room):
        if any(satisfies_rules(problem, np.append(chosen, p)) for p in with_room[:50]):
            if status is Status.OPTIMAL:
                return UnmatchedReason.NOT_WORTH_IT
            return UnmatchedReason.SEARCH_STOPPED
        for rule in reasons._ROOM_RULES:
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


@st.composite
def _cases(draw):
    prog = draw(programmes(max_adepts=14, max_mentors=7))
    settings_ = draw(match_settings())
    locks, forbids, _must = draw(decisions(prog))
    scores = score_pairs(prog, settings_)
    problem = build_problem(prog, scores, settings_, locks=locks, forbids=forbids)
    # Any plan of at most one pair per adept (capacities may be broken: the reasons are
    # defined from the plan alone), the locked pairs always in it.
    taken = np.flatnonzero(problem.pair_locked).tolist()
    for adept in range(problem.n_adepts):
        own = problem.pairs_of_adept[adept]
        if len(own) and adept not in problem.pair_adept[taken] and draw(st.booleans()):
            taken.append(int(own[draw(st.integers(0, len(own) - 1))]))
    chosen = np.array(sorted(set(taken)), dtype=np.int64)
    return problem, scores, chosen


@FAST
@given(_cases(), st.sampled_from([Status.OPTIMAL, Status.FEASIBLE, Status.INFEASIBLE]))
def test_random_plans_get_the_same_reasons_as_the_per_adept_loop(case, status):
    """Any plan of any small programme: every unmatched adept has the oracle's reason."""
    problem, scores, chosen = case
    assert reasons.unmatched(problem, chosen, status, scores) == _oracle(
        problem, chosen, status, scores
    )
    assert reasons.unmatched(problem, chosen, status) == _oracle(problem, chosen, status)


def test_solved_generated_programmes_get_the_same_reasons_as_the_per_adept_loop():
    """Solved generated programmes (lifting on, so some adepts lose a seat to the lift)."""
    seen = set()
    for prog, hard in (
        (random_programme(200, 1), False),
        (random_programme(300, 2), False),
        (binding_programme(40), True),
    ):
        settings_ = MatchSettings(seed=0, gender_preference_hard=hard)
        scores = score_pairs(prog, settings_)
        problem = build_problem(prog, scores, settings_)
        result = solve(prog, settings_, scores=scores)
        chosen = problem.plan_pairs(result.plan)
        expected = _oracle(problem, chosen, result.status, scores)
        assert reasons.unmatched(problem, chosen, result.status, scores) == expected
        assert result.unmatched == expected
        seen |= {u.reason for u in expected}
    assert {UnmatchedReason.LIFTED_OTHER, UnmatchedReason.MENTOR_FULL} <= seen
