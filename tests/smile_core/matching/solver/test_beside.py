"""A stage run beside the solve's own search (``solve._Beside``): its result, its stop, the
solve's cancel reaching it, and its errors."""

import random
import threading
import time

import pytest
from ortools.sat.python import cp_model

from smile_core.matching.solver.solve import _CANCEL, _Beside, _Cancel, _search


def _endless_search() -> int:
    """A subset-sum search CP-SAT does not finish within its 30 s: what a stop must cut short."""
    rng = random.Random(0)
    model = cp_model.CpModel()
    weights = [rng.randrange(10**6, 10**7) for _ in range(70)]
    chosen = [model.new_bool_var("") for _ in weights]
    total = sum(w * x for w, x in zip(weights, chosen, strict=True))
    model.add(total <= sum(weights) // 2 + 1)
    model.maximize(total)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 30
    solver.parameters.num_workers = 1
    return _search(solver, model)


def test_the_result_is_what_the_stage_returned():
    """The caller gets the stage's own return value once it has finished."""
    marker = object()
    assert _Beside(lambda: marker).result() is marker


def test_a_stop_ends_the_stage_search_at_once():
    """stop() cuts a 30 s search short and returns within seconds."""
    beside = _Beside(_endless_search)
    time.sleep(0.3)
    started = time.perf_counter()
    beside.stop()
    assert time.perf_counter() - started < 3


def test_the_solve_cancel_stops_the_stage_and_is_recorded():
    """A cancel of the running solve stops the stage's search and marks the solve cancelled."""
    event = threading.Event()
    outer = _Cancel(event)
    token = _CANCEL.set(outer)
    try:
        beside = _Beside(_endless_search)
        threading.Timer(0.3, event.set).start()
        started = time.perf_counter()
        status = beside.result()
    finally:
        _CANCEL.reset(token)
    assert time.perf_counter() - started < 3
    assert status in (cp_model.FEASIBLE, cp_model.UNKNOWN)
    assert outer.hit


def test_an_error_in_the_stage_reaches_the_caller():
    """What the stage raises is raised again in the caller's thread, not lost in the thread."""

    def broken():
        raise ValueError("stage failed")

    with pytest.raises(ValueError, match="stage failed"):
        _Beside(broken).result()
