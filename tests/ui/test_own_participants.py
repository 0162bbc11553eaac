"""Every run tied to its own participants: uploads get their own cohort, reloads restore them,
old runs open with their own version, and an erasure elsewhere reaches this session."""

from apptest_support import APP_PATH, REPO_ROOT, RUN_TIMEOUT_SECONDS, assert_no_error
from streamlit.testing.v1 import AppTest

from smile_core.store import Repository
from smile_core.text import t

TINY = REPO_ROOT / "tests" / "data" / "tiny_programme"


def _upload(at, adepts: bytes | None = None, *, choose=lambda at: None):
    for table in ("adepts", "mentors", "workplaces"):
        uploader = next(u for u in at.file_uploader if u.key == f"upload_{table}")
        data = adepts if table == "adepts" and adepts else (TINY / f"{table}.csv").read_bytes()
        uploader.set_value((f"{table}.csv", data, "text/csv"))
    at.run()
    choose(at)
    at.button(key="upload_check").click().run()
    assert_no_error(at)
    return at


def _fresh(at, **params) -> AppTest:
    """A new session (a reload) with the URL's parameters, or the given ones."""
    fresh = AppTest.from_file(str(APP_PATH), default_timeout=RUN_TIMEOUT_SECONDS)
    fresh.query_params = params or {k: at.query_params[k] for k in ("programme", "cohort")}
    fresh.run()
    assert_no_error(fresh)
    return fresh


def test_each_upload_gets_a_cohort_of_its_own_and_a_reload_restores_it(
    open_page, temporary_database
):
    """Two uploads are two new cohorts; a reload right after uploading opens the upload."""
    at = _upload(open_page("participants"))
    first = at.session_state["store_links"]["uploaded"]
    _upload(at)
    second = at.session_state["store_links"]["uploaded"]
    assert first[0] == second[0] and first[1] != second[1]
    repo = Repository.open(temporary_database)
    assert [len(repo.list_versions(c)) for c in (first[1], second[1])] == [1, 1]
    fresh = _fresh(at)
    assert fresh.session_state["active_programme"] == "uploaded"
    assert len(fresh.session_state["uploaded_programme"].programme.adepts) == 4


def test_an_old_run_opens_with_the_participants_it_was_solved_on(open_page, temporary_database):
    """After a newer upload into the same cohort, the old run's link still shows its own people."""
    at = _upload(open_page("participants"))
    at.switch_page("pages/matching.py").run()
    next(b for b in at.button if b.label == t("matching.run", "sv")).click().run()
    assert_no_error(at)
    _, cohort_id = at.session_state["store_links"]["uploaded"]
    run_id = at.session_state["workspaces"]["uploaded"].run_id
    repo = Repository.open(temporary_database)
    old = repo.load_participants(cohort_id)
    fewer = old.__class__(adepts=old.adepts[:2], mentors=old.mentors, workplaces=old.workplaces)
    repo.save_participants(cohort_id, fewer, "someone else")
    fresh = _fresh(at, cohort=str(cohort_id), run=str(run_id))
    assert len(fresh.session_state["uploaded_programme"].programme.adepts) == 4
    assert fresh.session_state["pinned_versions"]["uploaded"] == 1


def test_an_erasure_in_another_session_reaches_this_one(open_page, temporary_database):
    """The open session reloads its cohort without the erased person and says why."""
    at = _upload(open_page("participants"))
    _, cohort_id = at.session_state["store_links"]["uploaded"]
    repo = Repository.open(temporary_database)
    repo.erase_person(repo.person_key(cohort_id, "adept", "A02"), "dpo")
    at.run()
    assert_no_error(at)
    assert t("store.erased_reloaded", "sv") in [w.value for w in at.warning]
    adepts = at.session_state["uploaded_programme"].programme.adepts
    assert "A02" not in [a.id for a in adepts]


def test_a_session_holding_an_erased_demo_person_cannot_save_them_back(
    open_page, temporary_database
):
    """After an erasure elsewhere, the next Matcha is not saved and the page says why."""
    at = open_page("matching")
    run = next(b for b in at.button if b.label == t("matching.run", "sv"))
    run.click().run()
    _, cohort_id = at.session_state["store_links"]["vocational"]
    repo = Repository.open(temporary_database)
    repo.erase_person(repo.person_key(cohort_id, "adept", "A02"), "dpo")
    at.run()
    assert t("store.erased_demo", "sv") in [w.value for w in at.warning]
    next(b for b in at.button if b.label == t("matching.run", "sv")).click().run()
    assert any(w.value.startswith("Resultatet sparades inte") for w in at.warning)
    assert len(repo.list_runs(cohort_id)) == 1
    assert "A02" not in {m.source_id for m in repo.list_members(cohort_id)}


def test_the_coordinator_picks_another_cohort_for_an_upload(open_page, temporary_database):
    """Saving the work in a chosen cohort stores the upload there at once; a reload finds it."""
    repo = Repository.open(temporary_database)
    programme_id = repo.create_programme("Mitt program", "group", {}, "test")
    cohort_id = repo.create_cohort(programme_id, "Höst", "test")
    at = _upload(open_page("participants"))
    at.switch_page("pages/programmes.py").run()
    at.selectbox(key="pick_programme_sv").set_value(programme_id).run()
    at.selectbox(key=f"pick_cohort_sv_{programme_id}").set_value(cohort_id).run()
    at.button(key="cohort_use").click().run()
    assert_no_error(at)
    assert at.session_state["store_links"]["uploaded"] == (programme_id, cohort_id)
    assert [v.adepts for v in repo.list_versions(cohort_id)] == [4]
    fresh = _fresh(at)
    assert fresh.session_state["store_links"]["uploaded"] == (programme_id, cohort_id)
    assert len(fresh.session_state["uploaded_programme"].programme.adepts) == 4


def test_an_upload_into_a_picked_cohort_is_its_next_version(open_page, temporary_database):
    """The coordinator picks an existing cohort at upload; the file becomes its version 2."""
    repo = Repository.open(temporary_database)
    programme_id = repo.create_programme("Facket", "academic", {}, "samordnare")
    cohort_id = repo.create_cohort(programme_id, "HT 2026", "samordnare")

    def pick(at):
        at.selectbox(key="upload_programme").set_value(programme_id).run()
        at.selectbox(key=f"upload_cohort_{programme_id}").set_value("HT 2026").run()

    at = _upload(open_page("participants"), choose=pick)
    assert at.session_state["store_links"]["uploaded"] == (programme_id, cohort_id)
    assert [v.number for v in repo.list_versions(cohort_id)] == [1]
    stored = t("participants.target.stored", "sv", programme="Facket", cohort="HT 2026", version=1)
    assert stored in [c.value for c in at.caption]


def test_an_upload_split_by_kohort_is_one_cohort_per_value(open_page, temporary_database):
    """Split at upload: two Kohort values make two cohorts; the first intake is open."""
    lines = (TINY / "adepts.csv").read_text(encoding="utf-8").splitlines()
    lines[3:] = [line.replace("Vår 2026", "HT 2026") for line in lines[3:]]
    at = _upload(
        open_page("participants"),
        "\n".join(lines).encode(),
        choose=lambda at: at.checkbox(key="upload_split").check().run(),
    )
    repo = Repository.open(temporary_database)
    programme_id, cohort_id = at.session_state["store_links"]["uploaded"]
    cohorts = {c.name: c.id for c in repo.list_cohorts(programme_id)}
    assert set(cohorts) == {"vår 2026", "ht 2026"} and cohorts["vår 2026"] == cohort_id
    assert len(at.session_state["uploaded_programme"].programme.adepts) == 2
    assert len(repo.load_participants(cohorts["ht 2026"]).adepts) == 2
