"""A search cut short by the time limit still returns a plan that keeps every rule."""

import dataclasses

from smile_core.demo.synthetic import random_programme
from smile_core.matching.checks import check_plan
from smile_core.matching.plan import Status
from smile_core.matching.settings import MatchRateParity, MatchSettings
from smile_core.matching.solver import solve


def test_strict_target_with_little_time_gives_a_rule_keeping_plan_and_an_honest_gap():
    """Zero allowed shortfall and two seconds: a plan within the rules, a gap in [0, 1)."""
    base = MatchSettings(time_limit_seconds=2)
    strict = dataclasses.replace(
        base,
        equality=dataclasses.replace(
            base.equality, match_rate=MatchRateParity(True, 0.0, strict=True)
        ),
    )
    programme = random_programme(200, seed=0)
    result = solve(programme, strict)
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert result.matched > 0
    assert check_plan(programme, result.plan.keys, strict) == []
    assert 0 <= result.gap < 1
    assert result.best_bound >= result.total_score
