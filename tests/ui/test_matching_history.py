"""Matching applies history: last cohort's agreed pairs are not offered again, and it says so."""

from datetime import date

from apptest_support import assert_no_error

from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import solve
from smile_core.store import Repository
from smile_core.text import t
from smile_ui.session import demo_load


def test_no_adept_meets_last_cohorts_mentor_again(app, temporary_database):
    """Spring's run forbids every pair of autumn's agreed plan and the page tells how many."""
    programme = demo_load("vocational").programme
    repo = Repository.open(temporary_database)
    programme_id = repo.create_programme("Yrkesmentor", "vocational", {}, "test")
    autumn = repo.create_cohort(programme_id, "Hösten", "test", starts_on=date(2026, 9, 1))
    repo.save_participants(autumn, programme, "test")
    settings = MatchSettings(time_limit_seconds=10)
    autumn_result = solve(programme, settings)
    autumn_plan = autumn_result.plan
    repo.mark_agreed(repo.save_run(autumn, settings, autumn_result, 0, "test"), "test")
    spring = repo.create_cohort(programme_id, "Våren", "test", starts_on=date(2027, 2, 1))
    repo.save_participants(spring, programme, "test")

    app.query_params = {"programme": str(programme_id), "cohort": str(spring)}
    app.run()
    assert_no_error(app)
    app.switch_page("pages/matching.py").run()
    next(b for b in app.button if b.label == t("matching.run", "sv")).click().run()
    assert_no_error(app)
    ws = app.session_state["workspaces"]["uploaded"]
    assert ws.result.has_plan
    assert not ws.plan.keys & autumn_plan.keys
    assert len(ws.history) == len(autumn_plan.pairs)
    caption = t("matching.history.forbid", "sv", count=len(autumn_plan.pairs))
    assert caption in [c.value for c in app.caption]
