"""A cancel stops CP-SAT promptly and keeps the best checked plan with an honest status."""

import dataclasses
import threading
import time

import pytest

from smile_core.demo.synthetic import random_programme
from smile_core.matching.checks import check_plan
from smile_core.matching.plan import Status
from smile_core.matching.settings import MatchRateParity, MatchSettings, Priority
from smile_core.matching.solver import solve
from smile_core.matching.solver.solve import CANCELLED


@pytest.fixture(scope="module")
def slow():
    """120 adepts with a strict zero-shortfall rule under the quality priority (the flows
    settle it only under the coverage priority): CP-SAT searches for 30 s unless stopped."""
    base = MatchSettings(time_limit_seconds=30, priority=Priority.QUALITY)
    strict = dataclasses.replace(
        base,
        equality=dataclasses.replace(
            base.equality, match_rate=MatchRateParity(True, 0.0, strict=True)
        ),
    )
    return random_programme(120, seed=0), strict


def test_cancel_during_search_returns_promptly_with_a_checked_feasible_plan(slow):
    """A cancel 0.5 s into the search: back within seconds, a rule-keeping plan, not 'optimal'."""
    programme, settings = slow
    cancel = threading.Event()
    stages: list[str] = []
    timer = threading.Timer(0.5, cancel.set)
    started = time.perf_counter()
    timer.start()
    result = solve(programme, settings, cancel=cancel, progress=lambda s, _t: stages.append(s))
    elapsed = time.perf_counter() - started
    timer.cancel()
    assert elapsed < 5
    assert result.status is Status.FEASIBLE
    assert result.gap > 0 and result.best_bound > result.total_score
    assert result.stages[-1] == CANCELLED
    assert result.matched > 0
    assert check_plan(programme, result.plan.keys, settings) == []
    assert stages[0] == "scored"


def test_cancel_before_the_search_skips_it(slow):
    """A cancel set before the solve skips every search: the checked warm start, or no plan."""
    programme, settings = slow
    cancel = threading.Event()
    cancel.set()
    started = time.perf_counter()
    result = solve(programme, settings, cancel=cancel)
    assert time.perf_counter() - started < 3
    assert result.status in (Status.FEASIBLE, Status.NO_SOLUTION_IN_TIME)
    assert result.stages[-1] == CANCELLED
    if result.has_plan:
        assert check_plan(programme, result.plan.keys, settings) == []


def test_an_unset_event_changes_nothing():
    """With an event that is never set the plan and status are those of a plain solve."""
    programme = random_programme(30, seed=1)
    plain = solve(programme)
    watched = solve(programme, cancel=threading.Event())
    assert watched.status is plain.status is Status.OPTIMAL
    assert watched.plan == plain.plan
    assert CANCELLED not in watched.stages
