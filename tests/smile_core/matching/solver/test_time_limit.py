"""A search cut short by the time limit still returns a plan that keeps every rule."""

import dataclasses
import importlib
import time

from ortools.sat.python import cp_model

from smile_core.demo.synthetic import binding_programme, random_programme
from smile_core.matching.checks import check_plan
from smile_core.matching.plan import Status
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchRateParity, MatchSettings
from smile_core.matching.solver import solve
from smile_core.matching.solver.problem import build_problem


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


def _strict_half_mix(seconds: float) -> MatchSettings:
    """Default settings with the strict workplace mix at 50 % women, and a time limit."""
    base = MatchSettings(time_limit_seconds=seconds)
    mix = dataclasses.replace(
        base.equality.workplace_mix, enabled=True, min_women_share=0.5, strict=True
    )
    return dataclasses.replace(base, equality=dataclasses.replace(base.equality, workplace_mix=mix))


def test_time_out_after_a_stage_that_ties_the_warm_start_returns_the_warm_start(monkeypatch):
    """60 binding adepts, strict 50 % mix: the first rate stage proves the warm start's value
    with another plan; when time runs out after it, the warm start (more score) comes back."""
    solve_module = importlib.import_module("smile_core.matching.solver.solve")
    settings_ = _strict_half_mix(20)
    starts, searches = [], []
    full_search, cp_sat = solve_module._search, solve_module._cp_sat

    def out_of_time_after_the_first(solver, model):
        """Every search after the first stops at once, as when the time limit is reached."""
        if searches:
            solver.parameters.max_deterministic_time = 1e-6
        searches.append(full_search(solver, model))
        return searches[-1]

    def spy(problem, hint, *args, **kwargs):
        starts.append(hint)
        return cp_sat(problem, hint, *args, **kwargs)

    monkeypatch.setattr(solve_module, "_search", out_of_time_after_the_first)
    monkeypatch.setattr(solve_module, "_cp_sat", spy)
    programme = binding_programme(60, 2)
    result = solve(programme, settings_)
    assert result.status is Status.FEASIBLE and result.stages[:2] == ("lift_1", "lift_2")
    assert searches[:2] == [cp_model.OPTIMAL, cp_model.UNKNOWN]
    (start,) = starts
    problem = build_problem(programme, score_pairs(programme, settings_), settings_)
    warm = {
        (problem.adept_ids[a], problem.mentor_ids[m])
        for a, m in zip(problem.pair_adept[start], problem.pair_mentor[start], strict=True)
    }
    assert set(result.plan.keys) == warm
    assert check_plan(programme, result.plan.keys, settings_) == []


def test_a_warm_start_matching_as_many_as_the_relaxation_settles_coverage_without_a_search(
    monkeypatch,
):
    """100 binding adepts, strict 5-point match rate: the warm start matches 70, as many as
    with no rule, so the coverage stage is proven at once (it once took the whole limit)."""
    # This cohort's rule leaves a few count vectors, which the strict route now settles
    # itself (proven in 0.4 s); without them the search from the coverage stage runs, as
    # for rules that leave many.
    solve_module = importlib.import_module("smile_core.matching.solver.solve")
    monkeypatch.setattr(solve_module, "count_vectors", lambda *_args: None)
    base = MatchSettings(time_limit_seconds=3)
    strict = dataclasses.replace(
        base,
        equality=dataclasses.replace(
            base.equality, match_rate=MatchRateParity(True, 5.0, strict=True)
        ),
    )
    programme = binding_programme(100, 7)
    result = solve(programme, strict)
    assert result.stages[0] == "coverage (relaxation's count)"
    assert result.matched == 70
    assert check_plan(programme, result.plan.keys, strict) == []


def test_each_stage_before_the_score_searches_at_most_half_the_time_left(monkeypatch):
    """60 binding adepts, strict 50 % mix, 4 s: the first stage's search (a rate, before the
    score) may use at most half the time left, so the later stages always get some of it."""
    solve_module = importlib.import_module("smile_core.matching.solver.solve")
    settings_ = _strict_half_mix(4)
    full_search, started = solve_module._search, []
    searches: list[tuple[float, float]] = []  # (the search's own limit, the time left)

    def timed(solver, model):
        """Record each search capped only by the clock (not by a fixed amount of work)."""
        if solver.parameters.max_deterministic_time > 1e9:
            left = settings_.time_limit_seconds - (time.perf_counter() - started[0])
            searches.append((solver.parameters.max_time_in_seconds, left))
        return full_search(solver, model)

    monkeypatch.setattr(solve_module, "_search", timed)
    started.append(time.perf_counter())
    result = solve(binding_programme(60, 2), settings_)
    assert result.stages[0] == "lift_1" and searches
    # (Which later stages run depends on the machine's speed: only the first is judged.)
    limit, left = searches[0]
    assert left > 2  # the 0.5 s floor on a search does not apply
    assert limit <= left / 2 + 0.05
