"""The array problem: which pairs are candidates, and how decisions and groups are recorded."""

import numpy as np
import pytest
from instances import adept, equality, mentor, no_equality, programme

from smile_core.ingest.participants import Gender, Workplace
from smile_core.matching.plan import Plan
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver.problem import PlanInputError, build_problem, restrict


def _programme():
    return programme(
        [
            adept("A01"),
            adept("A02", "man", languages=(), swedish_level=""),  # shares no language
            adept("A03", Gender.UNDISCLOSED),
        ],
        [mentor("M01", workplace_id="W1", capacity=2), mentor("M02")],
        [Workplace("W1", capacity=3)],
    )


def _build(settings_=None, **decisions):
    prog = _programme()
    settings_ = settings_ or no_equality()
    return build_problem(prog, score_pairs(prog, settings_), settings_, **decisions)


def _keys(problem, pairs=None):
    pairs = range(problem.n_pairs) if pairs is None else pairs
    return {
        (problem.adept_ids[problem.pair_adept[p]], problem.mentor_ids[problem.pair_mentor[p]])
        for p in pairs
    }


def test_candidates_are_allowed_pairs_minus_forbids_plus_locks():
    """Allowed pairs are candidates unless forbidden; a lock adds a disallowed pair."""
    problem = _build(forbids=[("A01", "M02")], locks=[("A02", "M01")])
    assert _keys(problem) == {("A01", "M01"), ("A02", "M01"), ("A03", "M01"), ("A03", "M02")}
    locked = _keys(problem, np.flatnonzero(problem.pair_locked))
    assert locked == {("A02", "M01")}


def test_locked_and_forbidden_pair_is_kept_and_flagged():
    """A pair both locked and forbidden stays a candidate, flagged both ways."""
    problem = _build(locks=[("A01", "M02")], forbids=[("A01", "M02")])
    p = problem.pair_index[(0, 1)]
    assert problem.pair_locked[p] and problem.pair_forbidden[p]
    assert problem.pair_forbidden.sum() == 1


def test_scores_capacities_and_workplaces_are_carried_over():
    """Pair scores in centipoints, capacities and each mentor's workplace index."""
    prog = _programme()
    scores = score_pairs(prog, no_equality())
    problem = build_problem(prog, scores, no_equality())
    centi = {
        (a, m): c for a, m, c in scores.select("adept_id", "mentor_id", "score_centi").iter_rows()
    }
    for p in range(problem.n_pairs):
        (key,) = _keys(problem, [p])
        assert problem.pair_score[p] == centi[key]
    assert problem.mentor_capacity.tolist() == [2, 1]
    assert problem.mentor_workplace.tolist() == [0, -1]
    assert problem.workplace_capacity.tolist() == [3]
    assert problem.pair_workplace.tolist() == [
        0 if m == 0 else -1 for m in problem.pair_mentor.tolist()
    ]
    assert [len(g) for g in problem.pairs_of_workplace] == [int((problem.pair_mentor == 0).sum())]


def test_unknown_ids_are_all_named_at_once():
    """Every unknown id in locks, forbids and must-match is named in one error."""
    with pytest.raises(PlanInputError) as error:
        _build(locks=[("A09", "M01")], forbids=[("A01", "M09")], must_match=["A08"])
    message = str(error.value)
    assert "lock A09–M01: no adept 'A09'" in message
    assert "forbid A01–M09: no mentor 'M09'" in message
    assert "must-match: no adept 'A08'" in message


def test_previous_plan_flags_kept_pairs_and_the_stability_bonus():
    """Previous pairs earn the stability bonus; departed people in the previous plan are fine."""
    settings_ = no_equality(MatchSettings(stability_weight=7.5))
    previous = Plan.from_keys([("A01", "M02"), ("A99", "M01")])
    problem = _build(settings_, previous=previous)
    p = problem.pair_index[(0, 1)]
    assert problem.pair_previous.sum() == 1 and problem.pair_previous[p]
    assert problem.stability_bonus[p] == 750
    assert problem.pair_value[p] == problem.pair_score[p] + 750
    assert problem.plan_pairs(previous).tolist() == [p]


def test_constrained_groups_leave_out_small_groups_and_undisclosed():
    """Groups of at least k are constrained; undisclosed never is."""
    problem = _build(MatchSettings(equality=equality(k=1, match_rate=5.0)))
    assert problem.group_sizes() == {"woman": 1, "man": 1, "non_binary": 0, "undisclosed": 1}
    assert problem.constrained_groups() == ["woman", "man"]
    problem = _build(MatchSettings(equality=equality(k=2, match_rate=5.0)))
    assert problem.constrained_groups() == []


def test_must_match_adepts_by_index():
    """Must-match adepts are recorded by their position."""
    assert _build(must_match=["A03", "A01"]).must_match == frozenset({0, 2})


def test_restrict_keeps_only_the_chosen_pairs():
    """A restricted problem keeps the chosen pairs with all their flags, in order."""
    problem = _build(locks=[("A03", "M02")])
    keep = np.array([1, problem.n_pairs - 1])
    sub = restrict(problem, keep)
    assert sub.n_pairs == 2
    assert _keys(sub) == _keys(problem, keep)
    assert sub.pair_locked.tolist() == problem.pair_locked[keep].tolist()
    assert sub.pair_score.tolist() == problem.pair_score[keep].tolist()
