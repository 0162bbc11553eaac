"""The Lagrangian bound on the MAXIMIN stage (the worse-off mean where the groups' means cross),
against HiGHS at the same counts, and the gap a stopped MAXIMIN search reports."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from milp_oracle import milp_maximin

from smile_core.demo.synthetic import binding_programme
from smile_core.matching.checks import check_plan
from smile_core.matching.plan import Status
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchSettings, QualityParityMode
from smile_core.matching.solver import solve
from smile_core.matching.solver.flow import coverage_bonus
from smile_core.matching.solver.leximin import (
    best_lifted_plan,
    leximin_counts,
    lift_groups,
    worst_off_bound,
    worst_off_plan,
)
from smile_core.matching.solver.problem import build_problem


def _maximin(hard: bool, seconds: float = 30) -> MatchSettings:
    base = MatchSettings(gender_preference_hard=hard, time_limit_seconds=seconds)
    quality = dataclasses.replace(base.equality.quality, mode=QualityParityMode.MAXIMIN)
    return dataclasses.replace(base, equality=dataclasses.replace(base.equality, quality=quality))


def _lifted(prog, settings):
    """The problem, its gains and the leximin counts with the best plan at them."""
    problem = build_problem(prog, score_pairs(prog, settings), settings)
    gain = problem.pair_value
    groups = lift_groups(problem)
    lift = best_lifted_plan(
        problem, leximin_counts(problem, groups), gain, coverage_bonus(problem, gain)
    )
    return problem, gain, lift


def _worst(problem, plan, counts) -> int:
    """min(S_w * M_m, S_m * M_w) of a plan: the MAXIMIN stage's own measure."""
    labels = np.array(problem.adept_gender)[problem.pair_adept[plan]]
    scores = problem.pair_score[plan].astype(np.int64)
    s_w, s_m = int(scores[labels == "woman"].sum()), int(scores[labels == "man"].sum())
    return min(s_w * counts["man"], s_m * counts["woman"])


@pytest.mark.parametrize(
    ("n", "seed", "hard"),
    [(20, 0, True), (20, 3, False), (20, 10, False), (30, 5, True), (30, 8, False), (40, 4, True)],
)
def test_the_worst_off_bound_is_never_below_the_milp_optimum(n, seed, hard):
    """Crossing means: the bound is within 5 % above HiGHS's optimum; its plan keeps the counts."""
    prog = binding_programme(n, seed)
    settings = _maximin(hard)
    problem, gain, lift = _lifted(prog, settings)
    assert worst_off_plan(problem, lift, gain) is None  # the means cross: no flow settles it
    counts = {"woman": lift.counts["woman"], "man": lift.counts["man"]}
    oracle = milp_maximin(prog, settings, counts)
    found = worst_off_bound(problem, lift, gain)
    assert found is not None
    assert oracle.worst_scaled <= found.bound <= oracle.worst_scaled * 1.05
    labels = np.array(problem.adept_gender)[problem.pair_adept[found.plan]]
    assert {g: int((labels == g).sum()) for g in counts} == counts
    assert _worst(problem, found.plan, counts) <= oracle.worst_scaled


def test_the_worst_off_bound_is_exact_when_the_means_do_not_cross():
    """Means that do not cross: the bound is HiGHS's optimum worse-off mean, exactly."""
    prog = binding_programme(41, 1)
    settings = _maximin(False)
    problem, gain, lift = _lifted(prog, settings)
    assert worst_off_plan(problem, lift, gain) is not None
    counts = {"woman": lift.counts["woman"], "man": lift.counts["man"]}
    found = worst_off_bound(problem, lift, gain)
    assert found is not None
    assert found.bound == milp_maximin(prog, settings, counts).worst_scaled


def test_a_stopped_maximin_search_reports_the_worse_off_means_gap():
    """A MAXIMIN stop on time keeps every rule; its gap is the worse-off mean's, 0 < gap < 1 %."""
    # 200 binding adepts, hard wish: the means cross and no search proves the stage. Before,
    # the score's gap was shown (0 at 1,000 adepts); CP-SAT's own bound on the stage is 17 %.
    prog = binding_programme(200, 1)
    settings = _maximin(True, seconds=3)
    result = solve(prog, settings)
    assert result.status is Status.FEASIBLE
    assert 0 < result.gap < 0.01
    assert check_plan(prog, result.plan.keys, settings) == []
