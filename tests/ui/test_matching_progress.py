"""Matchning in a worker thread: bars and a cancel button while it runs, the result kept."""

import dataclasses
import time

import pytest
from apptest_support import assert_no_error

from smile_core.matching.solver.solve import CANCELLED
from smile_core.text import t
from smile_ui import jobs_view, session
from smile_ui.text import number


@pytest.fixture
def slow_solve(monkeypatch) -> list[bool]:
    """A solve that waits (up to 20 s) for the cancel button, then solves with it set; the
    demo's plan is proven by a check, no search, so the stop is marked as a cut search would
    be (smile_core's own tests cut a real search). Records whether the cancel was set."""
    original = session.solve
    seen: list[bool] = []

    def slow(*args, **kwargs):
        seen.append(kwargs["cancel"].wait(20))
        result = original(*args, **kwargs)
        return dataclasses.replace(result, stages=(*result.stages, CANCELLED))

    monkeypatch.setattr(session, "solve", slow)
    monkeypatch.setattr(jobs_view, "WAIT_SECONDS", 0.3)
    return seen


def _button(at, label):
    return next((b for b in at.button if b.label == label), None)


def test_cancel_button_while_running_then_the_cancelled_plan_is_kept(open_page, slow_solve):
    """While the solve runs: bars and Avbryt; after Avbryt: the checked plan, said cancelled."""
    at = open_page("matching")
    _button(at, t("matching.run", "sv")).click().run()
    assert_no_error(at)
    assert "matching:vocational" in at.session_state["running_jobs"]
    assert len(at.get("progress")) == 4  # scoring, flow, CP-SAT, checks
    assert at.session_state["workspaces"].get("vocational") is None
    _button(at, t("progress.cancel", "sv")).click().run()
    deadline = time.monotonic() + 20
    while "matching:vocational" in at.session_state["running_jobs"]:
        assert time.monotonic() < deadline
        time.sleep(0.2)
        at.run()
    assert_no_error(at)
    ws = at.session_state["workspaces"]["vocational"]
    assert slow_solve == [True]  # the button set the solve's cancel event
    assert ws.result.stages[-1] == CANCELLED
    assert ws.run_id is not None  # saved through persistence.save_result
    cancelled = "progress.cancelled" if ws.result.has_plan else "progress.cancelled_no_plan"
    assert t(cancelled, "sv") in [i.value for i in at.info]


def test_a_finished_job_lands_in_the_workspace_in_the_same_run(open_page):
    """Matcha: the job is done and gone after one run, its result stored and saved."""
    at = open_page("matching")
    _button(at, t("matching.run", "sv")).click().run()
    assert_no_error(at)
    assert at.session_state["running_jobs"] == {}
    ws = at.session_state["workspaces"]["vocational"]
    assert ws.result is not None and CANCELLED not in ws.result.stages
    assert ws.run_id is not None
    assert _button(at, t("progress.cancel", "sv")) is None


def _settings_expanded(at) -> bool:
    heading = t("matching.settings.heading", "sv")
    return next(e for e in at.expander if e.label == heading).proto.expanded


def test_the_first_plan_is_shown_with_the_settings_already_folded(open_page):
    """Matcha on a cohort without a plan: the run that shows it draws the settings folded."""
    at = open_page("matching")
    assert _settings_expanded(at)
    _button(at, t("matching.run", "sv")).click().run()
    assert_no_error(at)
    assert at.session_state["workspaces"]["vocational"].result is not None
    assert not _settings_expanded(at)
    seconds = at.session_state["workspaces"]["vocational"].result.solve_seconds
    done = t("matching.done", "sv", seconds=number(seconds, "sv", 2))
    assert [toast.value for toast in at.toast] == [done]
