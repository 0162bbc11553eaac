"""The warm start: a flow plan that keeps the equality rules, judged by the public checks."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from instances import decisions, equality, match_settings, no_equality, programmes, score_of

from smile_core.matching.checks import check_plan
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver.flow import coverage_bonus, solve_flow
from smile_core.matching.solver.hint import feasible_hint
from smile_core.matching.solver.problem import build_problem

FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _setup(prog, settings_, **decisions_):
    scores = score_pairs(prog, settings_)
    problem = build_problem(prog, scores, settings_, **decisions_)
    gain = problem.pair_value
    bonus = coverage_bonus(problem, gain) if settings_.priority == "coverage" else 0
    relaxed = solve_flow(problem, gain, bonus, reduced_costs=True)
    return scores, problem, gain, bonus, relaxed


def _keys(problem, chosen):
    return [
        (problem.adept_ids[problem.pair_adept[p]], problem.mentor_ids[problem.pair_mentor[p]])
        for p in chosen
    ]


@settings(FAST, max_examples=40)
@given(data=st.data(), prog=programmes(), settings_=match_settings())
def test_any_hint_keeps_every_rule_and_bounds_from_below(data, prog, settings_):
    """A hint keeps every rule by the public checks and is worth no more than the relaxation."""
    locks, forbids, must = data.draw(decisions(prog))
    scores, problem, gain, bonus, relaxed = _setup(
        prog, settings_, locks=locks, forbids=forbids, must_match=must
    )
    if relaxed is None:
        return
    hint = feasible_hint(problem, gain, bonus, relaxed, relaxed.reduced_cost)
    if hint is None:
        return
    keys = _keys(problem, hint)
    assert (
        check_plan(
            prog,
            keys,
            settings_,
            scores=score_of(scores),
            locks=locks,
            forbids=forbids,
            must_match=must,
        )
        == []
    )
    assert int(gain[hint].sum()) + bonus * len(hint) <= relaxed.value


def test_relaxed_plan_that_keeps_the_rules_is_the_hint(tiny):
    """Without equality rules the relaxed optimum is returned unchanged."""
    _, problem, gain, bonus, relaxed = _setup(tiny.programme, no_equality())
    hint = feasible_hint(problem, gain, bonus, relaxed, relaxed.reduced_cost)
    assert np.array_equal(hint, relaxed.chosen)


def test_parity_hint_brings_women_in(parity):
    """parity with match-rate parity: the hint swaps men for women and still fills four seats."""
    settings_ = MatchSettings(equality=equality(k=5, match_rate=5.0))
    _, problem, gain, bonus, relaxed = _setup(parity.programme, settings_)
    genders = np.array(problem.adept_gender)
    assert (genders[problem.pair_adept[relaxed.chosen]] == "woman").sum() == 0
    hint = feasible_hint(problem, gain, bonus, relaxed, relaxed.reduced_cost)
    assert hint is not None
    assert len(hint) == 4
    assert (genders[problem.pair_adept[hint]] == "woman").sum() >= 2
    assert check_plan(parity.programme, _keys(problem, hint), settings_) == []


def test_no_hint_when_a_pair_is_locked_and_forbidden(lock_and_forbid):
    """A plan cannot both have and not have a pair: no hint (CP-SAT then explains)."""
    _, problem, gain, bonus, relaxed = _setup(
        lock_and_forbid.programme,
        MatchSettings(),
        locks=lock_and_forbid.locks,
        forbids=lock_and_forbid.forbids,
    )
    assert feasible_hint(problem, gain, bonus, relaxed, relaxed.reduced_cost) is None
