"""Intakes on the Programmes page: cohorts with start dates, and one upload split by Kohort."""

import dataclasses
from datetime import date

from apptest_support import assert_no_error

from smile_core.store import Repository
from smile_core.text import t
from smile_ui.session import demo_load


def _stored_upload(database: str) -> tuple[Repository, int, int]:
    """A programme whose one stored cohort holds the demo's adepts in two Kohort values."""
    programme = demo_load("vocational").programme
    half = len(programme.adepts) // 2
    adepts = tuple(
        dataclasses.replace(a, cohort="ht 2026" if i < half else "vt 2027")
        for i, a in enumerate(programme.adepts)
    )
    repo = Repository.open(database)
    programme_id = repo.create_programme("Facket", "academic", {}, "test")
    cohort = repo.create_cohort(programme_id, "Alla", "test", starts_on=date(2026, 8, 15))
    repo.save_participants(cohort, dataclasses.replace(programme, adepts=adepts), "test")
    return repo, programme_id, cohort


def _open(app, programme_id: int, cohort: int):
    app.query_params = {"programme": str(programme_id), "cohort": str(cohort)}
    app.run()
    assert_no_error(app)
    app.switch_page("pages/programmes.py").run()
    assert_no_error(app)
    return app


def test_the_intakes_table_shows_start_dates(app, temporary_database):
    """The programme's cohorts are listed with their start dates."""
    _, programme_id, cohort = _stored_upload(temporary_database)
    at = _open(app, programme_id, cohort)
    table = at.dataframe[-1].value
    assert list(table["cohort"]) == ["Alla"]
    assert list(table["starts_on"].astype(str)) == ["2026-08-15"]


def test_one_upload_splits_into_a_cohort_per_intake(app, temporary_database):
    """The split button stores each Kohort value as a cohort with its adepts and start date."""
    repo, programme_id, cohort = _stored_upload(temporary_database)
    at = _open(app, programme_id, cohort)
    at.button(key="split_upload").click().run()
    assert_no_error(at)
    assert t("programmes.intakes.split_done", "sv", count=2) in [s.value for s in at.success]
    cohorts = {c.name: c for c in repo.list_cohorts(programme_id)}
    assert cohorts["ht 2026"].starts_on == date(2026, 9, 1)
    assert cohorts["vt 2027"].starts_on == date(2027, 2, 1)
    autumn = repo.load_participants(cohorts["ht 2026"].id)
    spring = repo.load_participants(cohorts["vt 2027"].id)
    assert {a.cohort for a in autumn.adepts} == {"ht 2026"}
    assert len(autumn.adepts) + len(spring.adepts) == 40
    assert len(autumn.mentors) == len(spring.mentors) == 28
