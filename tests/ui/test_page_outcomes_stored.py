"""Utfall with the database: imported follow-ups are stored once, cohorts compared."""

import polars as pl
from apptest_support import assert_no_error

from smile_core.demo.programmes import demo_programme_files
from smile_core.store import Repository
from smile_core.text import t
from smile_ui.session import demo_load

FOLLOWUPS = demo_programme_files("vocational")["followups.csv"]


def test_an_imported_file_is_stored_in_the_demo_cohort(open_page, temporary_database):
    """Imported follow-ups are stored in the demo cohort; importing again replaces, not doubles."""
    lines = FOLLOWUPS.decode("utf-8").splitlines()
    text = ("\n".join(lines[:61]) + "\n").encode("utf-8")
    at = open_page("outcomes")
    at.file_uploader(key="followups_vocational").set_value(("egen.csv", text, "text/csv"))
    at.run()
    at.button(key="outcomes_import_vocational").click().run()
    assert_no_error(at)
    repo = Repository.open(temporary_database)
    stored = repo.load_followups()
    assert stored.height == 60 and set(stored["cohort"]) == {"vocational"}
    at.button(key="outcomes_import_vocational").click().run()
    assert repo.load_followups().height == 60


def test_the_demo_outcomes_are_stored_only_on_request(open_page, temporary_database):
    """Opening Utfall stores nothing; the button stores the demo's 120 follow-ups."""
    at = open_page("outcomes")
    repo = Repository.open(temporary_database)
    assert repo.load_followups().is_empty()
    at.button(key="outcomes_store_demo").click().run()
    assert_no_error(at)
    assert repo.load_followups().height == 120


def test_two_cohorts_are_compared(open_page, temporary_database):
    """Follow-ups stored for two cohorts of a programme appear side by side, by cohort."""
    repo = Repository.open(temporary_database)
    programme = demo_load("vocational").programme
    followups = pl.read_csv(FOLLOWUPS, schema_overrides={"adept_id": pl.String})
    programme_id = repo.create_programme("SMILE", "vocational", {}, "test")
    cohorts = []
    for name in ("2025", "2026"):
        cohort_id = repo.create_cohort(programme_id, name, "test")
        repo.save_participants(cohort_id, programme, "test")
        repo.record_followups(cohort_id, followups, "test")
        cohorts.append(cohort_id)
    at = open_page("outcomes", state={"store_links": {"vocational": (programme_id, cohorts[1])}})
    summary = t("outcomes.stored.summary", "sv", programme="SMILE", cohorts=2, rows=240)
    assert summary in [c.value for c in at.caption]
    shown = [set(frame.value.iloc[:, 0].astype(str)) for frame in at.dataframe]
    assert {"2025", "2026"} in shown
