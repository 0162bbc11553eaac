"""The price-of-equality sweep in a worker: a bar over its points, cancel keeps what is done."""

import time

from apptest_support import assert_no_error

from smile_core.text import t
from smile_ui import jobs_view, session


def test_cancelled_sweep_keeps_its_finished_points_and_says_so(open_page, monkeypatch):
    """One point done, then Avbryt: the curve has that point and the page says it is cut."""
    original = session.price_of_equality

    def one_point_then_wait(programme, settings, *, targets, progress, cancel, **kwargs):
        points = original(programme, settings, targets=targets[:1], **kwargs)
        progress("point", 0.1)
        cancel.wait(20)
        return points

    monkeypatch.setattr(session, "price_of_equality", one_point_then_wait)
    monkeypatch.setattr(jobs_view, "WAIT_SECONDS", 0.3)
    at = open_page("matching")
    next(b for b in at.button if b.label == t("matching.run", "sv")).click().run()
    at.switch_page("pages/equality.py").run()
    at.button(key="price_run").click().run()
    assert_no_error(at)
    assert "price:vocational" in at.session_state["running_jobs"]
    bar = at.get("progress")[0]
    assert bar.proto.text.startswith("1 av ")
    next(b for b in at.button if b.label == t("progress.cancel", "sv")).click().run()
    deadline = time.monotonic() + 20
    while "price:vocational" in at.session_state["running_jobs"]:
        assert time.monotonic() < deadline
        time.sleep(0.1)
        at.run()
    assert_no_error(at)
    assert t("progress.cancelled_curve", "sv") in [i.value for i in at.info]
    _, curve = at.session_state["workspaces"]["vocational"].tradeoffs["match_rate"]
    assert curve.height == 1
