"""Stored runs and participant versions kept in memory until the store changes: read once,
fresh again after any write of this process or an audited write of another one."""

from __future__ import annotations

import dataclasses
from datetime import date

import sqlalchemy as sa

from smile_core.access import LOCAL_USER, Service
from smile_core.matching.settings import MatchSettings
from smile_core.store import Repository, create_engine
from smile_core.store import schema as t
from smile_core.workflows.runs import save_run


def test_a_run_is_read_once_and_fresh_after_another_sessions_write(
    repo: Repository, cohort, settings: MatchSettings, solved
) -> None:
    """Two reads give the one kept value; a second coordinator's agreeing is seen at once."""
    run_id = repo.save_run(cohort.cohort_id, settings, solved, 0, "kim")
    first = repo.load_run(run_id)
    assert repo.load_run(run_id) is first
    other = Repository(create_engine(repo.engine.url.render_as_string(hide_password=False)))
    try:
        assert other.load_run(run_id) is first  # the same database: the same kept value
        other.mark_agreed(run_id, "lena")
    finally:
        other.engine.dispose()
    again = repo.load_run(run_id)
    assert again is not first and again.summary.agreed and not first.summary.agreed


def test_an_audited_write_of_another_process_makes_the_kept_run_stale(
    repo: Repository, cohort, settings: MatchSettings, solved
) -> None:
    """A write this process never saw (raw SQL, as another server would) with its audit entry."""
    run_id = repo.save_run(cohort.cohort_id, settings, solved, 0, "kim")
    assert not repo.load_run(run_id).summary.agreed
    with repo.engine.connect() as connection, connection.begin():  # not write_transaction
        connection.execute(sa.update(t.runs).where(t.runs.c.id == run_id).values(agreed=True))
        connection.execute(
            sa.insert(t.audit_log).values(
                at=sa.func.current_timestamp(), who="x", action="run_agreed", detail={}
            )
        )
    assert repo.load_run(run_id).summary.agreed


def test_participants_are_kept_per_version_until_someone_leaves(repo: Repository, cohort) -> None:
    """A numbered version is kept; marking an adept as left shows in the next read."""
    first = repo.load_participants(cohort.cohort_id, 1, without_left=True)
    assert repo.load_participants(cohort.cohort_id, 1, without_left=True) is first
    leaving = first.adepts[0].id
    repo.mark_left(cohort.cohort_id, leaving, date(2026, 12, 1), "kim")
    after = repo.load_participants(cohort.cohort_id, 1, without_left=True)
    assert leaving not in {a.id for a in after.adepts}
    assert len(after.adepts) == len(first.adepts) - 1


def test_saving_a_new_run_keeps_the_older_run_and_its_figures(
    repo: Repository, cohort, settings: MatchSettings, solved
) -> None:
    """A new run only adds rows: the kept older run and the cohort's figures stay kept."""
    service = Service(repo, LOCAL_USER)
    first = repo.save_run(cohort.cohort_id, settings, solved, 0, "kim")
    repo.mark_agreed(first, "kim")
    kept_run = repo.load_run(first)
    figures = service.cohort_figures(cohort.cohort_id)
    repo.save_run(cohort.cohort_id, settings, solved, 1, "kim", parent_run_id=first)
    repo.record_edit(first, "kim", "byte", "test")
    assert repo.load_run(first) is kept_run
    assert service.cohort_figures(cohort.cohort_id) is figures
    repo.mark_left(cohort.cohort_id, solved.plan.pairs[0].adept_id, date(2026, 12, 1), "kim")
    assert repo.load_run(first) is not kept_run


def test_the_plan_alone_is_the_runs_plan_without_components(
    repo: Repository, cohort, settings: MatchSettings, solved
) -> None:
    """load_plan: the same pairs in the same order as load_run, scores kept, no components."""
    run_id = repo.save_run(cohort.cohort_id, settings, solved, 0, "kim")
    full = repo.load_run(run_id).plan
    light = repo.load_plan(run_id)
    assert [dataclasses.replace(p, components=()) for p in full.pairs] == list(light.pairs)
    assert all(p.components for p in full.pairs)


def test_the_save_workflow_keeps_the_kept_participants(
    repo: Repository, cohort, settings: MatchSettings, solved
) -> None:
    """workflows.runs.save_run (a run and its edits in one transaction) only adds rows."""
    service = Service(repo, LOCAL_USER)
    people = repo.load_participants(cohort.cohort_id, 1)
    save_run(service, cohort.cohort_id, settings, solved, 0)
    assert repo.load_participants(cohort.cohort_id, 1) is people
