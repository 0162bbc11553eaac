"""Every run is saved, edits go to the audit trail, and a new session comes back from the URL."""

from datetime import UTC, datetime

from apptest_support import APP_PATH, RUN_TIMEOUT_SECONDS, add_account, assert_no_error, log_in
from streamlit.testing.v1 import AppTest

from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import solve
from smile_core.store import Repository
from smile_core.text import t
from smile_ui.plan_editor import editor_key
from smile_ui.session import demo_load


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


def test_a_plan_edit_is_saved_as_a_new_run_with_who_and_why(open_page, temporary_database):
    """A logged-in coordinator's lock with a note is saved as a child run with its audit entry
    naming them; a new session of theirs shows it."""
    add_account(temporary_database, "Kim", "coordinator")
    at = open_page("matching", user="Kim")
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
    edited = at.session_state["workspaces"]["vocational"]
    repo = Repository.open(temporary_database)
    child = repo.load_run(edited.run_id)
    assert child.summary.parent_run_id == ws.run_id and child.summary.created_by == "Kim"
    first = ws.plan.pairs[0]
    assert [(p.adept_id, p.mentor_id) for p in child.plan.pairs if p.locked] == [
        (first.adept_id, first.mentor_id)
    ]
    assert {(e.what, e.adept_id, e.who, e.why) for e in repo.list_edits(child.id)} == {
        ("note changed", first.adept_id, "Kim", "känner varandra"),
        ("pair locked", first.adept_id, "Kim", "känner varandra"),
    }
    fresh = AppTest.from_file(str(APP_PATH), default_timeout=RUN_TIMEOUT_SECONDS)
    link = at.session_state["store_links"]["vocational"]
    fresh.query_params = {"programme": str(link[0]), "cohort": str(link[1]), "run": str(child.id)}
    fresh.run()
    log_in(fresh, "Kim")
    assert_no_error(fresh)
    assert fresh.session_state["workspaces"]["vocational"].locks == {
        (first.adept_id, first.mentor_id)
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


def test_a_cohort_of_ones_own_opens_in_the_upload_slot(app, temporary_database):
    """A URL naming a stored non-demo cohort and run opens its participants and plan."""
    programme = demo_load("academic").programme
    repo = Repository.open(temporary_database)
    programme_id = repo.create_programme("Akademiker", "academic", {"months": 7}, "test")
    cohort_id = repo.create_cohort(programme_id, "2026", "test")
    repo.save_participants(cohort_id, programme, "test")
    result = solve(programme, MatchSettings(time_limit_seconds=20))
    run_id = repo.save_run(cohort_id, MatchSettings(time_limit_seconds=20), result, 0, "test")
    app.query_params = {
        "programme": str(programme_id),
        "cohort": str(cohort_id),
        "run": str(run_id),
    }
    app.run()
    assert_no_error(app)
    assert app.session_state["active_programme"] == "uploaded"
    assert app.session_state["uploaded_programme"].programme == programme
    restored = app.session_state["workspaces"]["uploaded"]
    assert restored.plan.mentor_of == result.plan.mentor_of
    assert restored.result.total_score == result.total_score


def test_a_run_after_the_cohort_was_purged_starts_a_new_one(open_page, temporary_database):
    """If the linked programme is purged meanwhile, the next run is saved into a new one."""
    at = _run(open_page("matching"))
    repo = Repository.open(temporary_database)
    (programme,) = repo.list_programmes()
    repo.close_programme(programme.id, "test", closed_at=datetime(2020, 1, 1, tzinfo=UTC))
    repo.purge(12, "test")
    _run(at)
    (again,) = repo.list_programmes()
    (cohort,) = repo.list_cohorts(again.id)
    (run,) = repo.list_runs(cohort.id)
    assert at.session_state["workspaces"]["vocational"].run_id == run.id


def test_a_newer_run_saved_by_someone_else_is_announced_and_shown_on_request(
    open_page, temporary_database
):
    """Carl saves after the run on screen: the Matching page names it, and its button shows it."""
    at = _run(open_page("matching"))
    ws = at.session_state["workspaces"]["vocational"]
    cohort = at.session_state["store_links"]["vocational"][1]
    notice = t("matching.newer.notice", "sv", count=1, who="carl", runs="", own=ws.run_id)
    assert not [i for i in at.info if i.value.startswith(notice.split(":")[0])]
    repo = Repository.open(temporary_database)
    stored = repo.load_run(ws.run_id)
    newer = repo.save_run(
        cohort, MatchSettings(), ws.result, 0, "carl", parent_run_id=stored.summary.id
    )
    repo.engine.dispose()
    at.run()
    assert_no_error(at)
    expected = t("matching.newer.notice", "sv", count=1, who="carl", runs=str(newer), own=ws.run_id)
    assert [i.value for i in at.info if i.value == expected] == [expected]
    next(b for b in at.button if b.label == t("matching.newer.open", "sv", run=newer)).click()
    at.run()
    assert_no_error(at)
    assert at.session_state["workspaces"]["vocational"].run_id == newer
    assert not [i for i in at.info if i.value == expected]
