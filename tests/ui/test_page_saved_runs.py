"""Every run is saved, edits go to the audit trail, and a new session comes back from the URL."""

from apptest_support import APP_PATH, RUN_TIMEOUT_SECONDS, assert_no_error
from streamlit.testing.v1 import AppTest

from smile_core.i18n import t
from smile_core.store import Repository
from smile_ui.plan_editor import editor_key


def _run(at):
    """Press Matcha and run."""
    next(b for b in at.button if b.label == t("matching.run", "sv")).click().run()
    assert_no_error(at)
    return at


def _figures(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_a_run_is_saved_into_the_demo_cohort(open_page, temporary_database):
    """Matcha on the demo saves one run (35 matched) under programme Demo, cohort vocational."""
    at = _run(open_page("matching"))
    repo = Repository.open(temporary_database)
    (programme,) = repo.list_programmes()
    (cohort,) = repo.list_cohorts(programme.id)
    assert (programme.name, cohort.name) == ("Demo", "vocational")
    (run,) = repo.list_runs(cohort.id)
    assert run.matched == 35 and run.created_by == "samordnare"
    assert at.session_state["workspaces"]["vocational"].run_id == run.id
    _run(at)
    assert len(repo.list_runs(cohort.id)) == 2
    assert len(repo.list_versions(cohort.id)) == 1  # same participants: no new version


def test_a_plan_edit_is_recorded_with_who_and_why(open_page, temporary_database):
    """Locking a pair with a note records the edit with the sidebar's name and the note."""
    at = open_page("matching", state={"user_name": "Kim"})
    _run(at)
    ws = at.session_state["workspaces"]["vocational"]
    key = editor_key(ws, "vocational")
    at.session_state[key] = {
        "edited_rows": {0: {"locked": True, "note": "känner varandra"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    at.button(key=f"apply_{key}").click().run()
    assert_no_error(at)
    edits = Repository.open(temporary_database).list_edits(ws.run_id)
    first = ws.plan.pairs[0]
    assert {(e.what, e.adept_id, e.who, e.why) for e in edits} == {
        ("note changed", first.adept_id, "Kim", "känner varandra"),
        ("pair locked", first.adept_id, "Kim", "känner varandra"),
    }


def test_a_new_session_with_the_url_shows_the_same_plan(open_page, temporary_database):
    """A fresh session opened with ?programme=&cohort=&run= shows the saved plan and figures."""
    at = _run(open_page("matching"))
    ws = at.session_state["workspaces"]["vocational"]
    figures = _figures(at)
    assert figures[t("matching.figures.matched", "sv")] == "35 av 40"
    link = at.session_state["store_links"]["vocational"]
    fresh = AppTest.from_file(str(APP_PATH), default_timeout=RUN_TIMEOUT_SECONDS)
    fresh.query_params = {
        "programme": str(link[0]),
        "cohort": str(link[1]),
        "run": str(ws.run_id),
    }
    fresh.run()
    assert_no_error(fresh)
    fresh.switch_page("pages/matching.py").run()
    assert_no_error(fresh)
    restored = fresh.session_state["workspaces"]["vocational"]
    assert restored.plan.mentor_of == ws.plan.mentor_of
    assert restored.run_id == ws.run_id
    assert _figures(fresh) == figures


def test_an_unknown_run_in_the_url_is_a_warning_not_a_crash(app):
    """A URL naming a cohort and run that are not stored shows a warning and the demo."""
    app.query_params = {"programme": "9", "cohort": "9", "run": "9"}
    app.run()
    assert not app.exception
    assert any("9" in w.value for w in app.warning)
