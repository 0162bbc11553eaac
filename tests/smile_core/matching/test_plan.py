"""Plans, results and plan differences."""

import dataclasses

import pytest
from role_demo_data import role_demo

from smile_core.matching.plan import (
    GroupFigures,
    MatchResult,
    Pair,
    Plan,
    PlanDiff,
    Status,
    diff_plans,
)


def test_plan_refuses_an_adept_twice():
    """A plan holds at most one pair per adept."""
    with pytest.raises(ValueError, match="A01"):
        Plan((Pair("A01", "M01"), Pair("A01", "M02")))


def test_plan_views():
    """mentor_of, keys and from_keys agree; from_keys sorts by adept."""
    plan = Plan.from_keys([("A02", "M01"), ("A01", "M03")])
    assert [p.adept_id for p in plan.pairs] == ["A01", "A02"]
    assert plan.mentor_of == {"A01": "M03", "A02": "M01"}
    assert plan.keys == frozenset({("A01", "M03"), ("A02", "M01")})
    assert plan.pairs[0].key == ("A01", "M03")


def test_total_score_is_exact_in_centipoints():
    """Summing many two-decimal scores gives an exact two-decimal total (no float drift)."""
    plan = Plan(tuple(Pair(f"A{i:02d}", "M01", score=0.1) for i in range(30)))
    assert plan.total_score == 3.0
    assert Plan().total_score == 0


def test_diff_added_removed_changed_kept():
    """Added: only now matched; removed: no longer matched; changed: another mentor."""
    before = Plan.from_keys([("A01", "M01"), ("A02", "M02"), ("A03", "M03")])
    after = Plan.from_keys([("A01", "M01"), ("A02", "M03"), ("A04", "M02")])
    diff = diff_plans(before, after)
    assert diff == PlanDiff(
        added=(("A04", "M02"),),
        removed=(("A03", "M03"),),
        changed=(("A02", "M02", "M03"),),
        kept=1,
    )
    assert diff.moved == 3


def test_diff_of_a_plan_with_itself_is_empty():
    """Nothing moves when nothing changed."""
    plan = Plan.from_keys([("A01", "M01"), ("A02", "M02")])
    assert diff_plans(plan, plan) == PlanDiff(kept=2)
    assert diff_plans(Plan(), plan).added == (("A01", "M01"), ("A02", "M02"))
    assert diff_plans(plan, Plan()).removed == (("A01", "M01"), ("A02", "M02"))


def test_group_match_rate():
    """Matched over applicants; None for an empty group."""
    assert GroupFigures("woman", 4, 3, 70.0).match_rate == 0.75
    assert GroupFigures("man", 0, 0, None).match_rate is None


@pytest.mark.parametrize(
    "status, has_plan",
    [
        (Status.OPTIMAL, True),
        (Status.FEASIBLE, True),
        (Status.INFEASIBLE, False),
        (Status.NO_SOLUTION_IN_TIME, False),
    ],
)
def test_result_has_a_plan_only_when_optimal_or_feasible(status, has_plan):
    """has_plan follows the status; matched counts the plan's pairs."""
    plan = Plan.from_keys([("A01", "M01")]) if has_plan else Plan()
    result = MatchResult(status, plan, (), 0.0, 0.0, 0.0, 0.0, 0.1, ())
    assert result.has_plan is has_plan
    assert result.matched == len(plan.pairs)


def test_the_mean_pair_score_of_a_plan_with_roles_counts_every_role_pair():
    """With roles the mean divides the total by every chosen person, so it stays within 0-100."""
    _, result = role_demo("vocational")
    assert result.roles is not None and len(result.roles.pairs) > result.matched
    assert result.mean_pair_score == pytest.approx(result.total_score / len(result.roles.pairs))
    assert 0 < result.mean_pair_score <= 100
    one_role = MatchResult(
        Status.OPTIMAL, Plan.from_keys([("A01", "M01")]), (), 80.0, 80.0, 80.0, 0.0, 0.1, ()
    )
    assert one_role.mean_pair_score == 80.0
    assert (
        MatchResult(Status.OPTIMAL, Plan(), (), 0.0, 0.0, 0.0, 0.0, 0.1, ()).mean_pair_score is None
    )


def _stopped(objective: float, total: float, bound: float, gap: float, **more) -> MatchResult:
    """A plan of 70 pairs stopped unproven: its objective, total score, bound and gap."""
    plan = Plan(tuple(Pair(f"A{i:02}", "M01") for i in range(70)))
    return MatchResult(Status.FEASIBLE, plan, (), total, objective, bound, gap, 20.0, (), **more)


def test_the_score_shortfall_is_the_bound_less_the_plan_when_the_score_stage_stopped():
    """486,419 against a bound of 487,096 centipoints: at most 6.77 points more are possible."""
    result = _stopped(4864.19, 4864.19, 4870.96, (4870.96 - 4864.19) / 4870.96)
    assert result.score_shortfall == pytest.approx(6.77)


def test_no_score_shortfall_when_the_gap_is_an_earlier_stages():
    """A gap larger than the score's own is a rate's or a mean's: no points can be said."""
    assert _stopped(11723.28, 11723.28, 11723.28, 0.0018).score_shortfall is None


def test_no_score_shortfall_when_a_stability_bonus_is_in_the_objective():
    """With the bonus for kept pairs in the objective, its bound is not one on the score."""
    result = _stopped(4900.19, 4864.19, 4906.96, (4906.96 - 4900.19) / 4906.96)
    assert result.score_shortfall is None


@pytest.mark.parametrize(
    ("status", "edits"), [(Status.OPTIMAL, 0), (Status.FEASIBLE, 2), (Status.INFEASIBLE, 0)]
)
def test_no_score_shortfall_for_a_proven_edited_or_missing_plan(status, edits):
    """Proven, changed by hand or no plan: nothing to state as a shortfall."""
    own = (4870.96 - 4864.19) / 4870.96
    result = _stopped(4864.19, 4864.19, 4870.96, own, hand_edits=edits)
    assert dataclasses.replace(result, status=status).score_shortfall is None
