"""Phase bars from stage marks, and a job in a worker thread with its cancel and pickling."""

import pickle
import threading
import time

import pytest

from smile_core.progress import Job, phase_bars, while_running


def test_bars_fill_the_phases_ended_and_show_the_search_share_of_its_time_limit():
    """Scoring and flow done; the search running 5 s of a 20 s limit; the checks waiting."""
    bars = phase_bars([("scored", 0.5), ("relaxation", 1.0), ("warm start", 2.0)], 7.0, 20.0)
    assert [(b.phase, b.state) for b in bars] == [
        ("scoring", "done"),
        ("flow", "done"),
        ("search", "running"),
        ("check", "waiting"),
    ]
    assert bars[0].seconds == 0.5 and bars[1].seconds == 1.5
    assert bars[2].fraction == 0.25 and bars[2].seconds == 5.0


def test_a_running_search_past_its_limit_never_shows_a_full_bar():
    """A search over its time limit is capped below full: only its end fills the bar."""
    assert phase_bars([("scored", 0.1)], 1.0, 0.0)[1].fraction == 0.0
    assert phase_bars([("relaxation", 0.1)], 99.0, 10.0)[2].fraction == 0.95
    assert all(b.fraction == 1.0 for b in phase_bars([("done", 3.0)], 3.0, 10.0))


def test_job_runs_in_a_thread_hears_cancel_and_pickles_as_a_detached_record():
    """The work sees the cancel; the result, marks and meta survive a pickle round trip."""
    started = threading.Event()

    def work(progress, cancel):
        progress("scored", 0.1)
        started.set()
        return cancel.wait(10)

    job = Job(work, meta={"k": 1})
    assert started.wait(5) and not job.done
    job.cancel.set()
    assert job.wait(5) and job.result is True and job.error is None
    copy = pickle.loads(pickle.dumps(job))
    assert copy.done and copy.result is True and copy.marks == [("scored", 0.1)]
    assert copy.meta == {"k": 1}


def test_job_keeps_the_error_of_failed_work():
    """Work that raises leaves the error for the starter, not a dead thread's traceback."""

    def work(progress, cancel):
        raise ValueError("bad")

    job = Job(work)
    assert job.wait(5)
    assert isinstance(job.error, ValueError) and job.result is None


def test_while_running_ticks_in_the_calling_thread_and_returns_or_raises():
    """A 0.3 s step ticks in the caller's thread; its value comes back, its error is raised."""
    ticks: list[tuple[float, str]] = []
    value = while_running(
        lambda: time.sleep(0.3) or 7,
        lambda s: ticks.append((s, threading.current_thread().name)),
        every=0.05,
    )
    assert value == 7
    assert ticks and all(name == threading.current_thread().name for _, name in ticks)
    with pytest.raises(KeyError):
        while_running(lambda: {}["x"], lambda s: None)
