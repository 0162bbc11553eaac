"""Every run tied to its own participants, and multi-step actions as one transaction each."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from smile_core.access import LOCAL_USER, Service
from smile_core.ingest.intakes import split_by_cohort
from smile_core.matching.mentor_groups import PlannedGroup
from smile_core.store import Repository, StoreError
from smile_core.workflows import groups, leaving, outcomes, programmes, runs, uploads
from smile_core.workflows.runs import PlanEdit

from .conftest import Cohort


@pytest.fixture
def service(repo: Repository) -> Service:
    """The store as the local single user uses it."""
    return Service(repo, LOCAL_USER)


def test_a_run_naming_someone_erased_meanwhile_is_refused(repo, cohort: Cohort, settings, solved):
    """A session still holding an erased person cannot save them back into the store."""
    key = repo.person_key(cohort.cohort_id, "adept", solved.plan.pairs[0].adept_id)
    repo.erase_person(key, "dpo")
    # Erasure removed them from the cohort itself: the id is unknown there now.
    with pytest.raises(StoreError, match="has no adept with id"):
        repo.save_run(cohort.cohort_id, settings, solved, 1, "coordinator", version=1)
    assert repo.list_runs(cohort.cohort_id) == ()


def test_a_run_is_refused_against_a_version_of_other_people(
    repo, cohort: Cohort, settings, solved, vocational
):
    """A plan is stored only against the version holding its people."""
    fewer = vocational.__class__(
        adepts=vocational.adepts[:5], mentors=vocational.mentors, workplaces=vocational.workplaces
    )
    repo.save_participants(cohort.cohort_id, fewer, "coordinator")
    with pytest.raises(StoreError, match="version 2"):
        repo.save_run(cohort.cohort_id, settings, solved, 1, "coordinator")
    assert repo.save_run(cohort.cohort_id, settings, solved, 1, "coordinator", version=1)


def test_a_run_and_its_edits_are_saved_together_or_not_at_all(
    service, repo, cohort: Cohort, settings, solved
):
    """An edit that cannot be stored takes its run with it."""
    pair = solved.plan.pairs[0]
    good = PlanEdit("pair locked", pair.adept_id, pair.mentor_id, "know each other")
    with pytest.raises(StoreError):
        runs.save_run(
            service, cohort.cohort_id, settings, solved, 1, edits=[good, PlanEdit("x", "NOBODY")]
        )
    assert repo.list_runs(cohort.cohort_id) == ()
    run_id = runs.save_run(service, cohort.cohort_id, settings, solved, 1, edits=[good])
    assert [(e.what, e.who) for e in repo.list_edits(run_id)] == [("pair locked", "samordnare")]


def test_mentor_groups_are_replaced_all_or_nothing(service, repo, cohort: Cohort):
    """A bad second group leaves the stored groups as they were."""
    first = PlannedGroup("M01", 1, 3, ("A01", "A02"))
    groups.replace_groups(service, cohort.cohort_id, [first])
    with pytest.raises(StoreError):
        groups.replace_groups(
            service,
            cohort.cohort_id,
            [PlannedGroup("M01", 1, 3, ("A03",)), PlannedGroup("M99", 1, 2, ())],
        )
    (group,) = repo.list_groups(cohort.cohort_id)
    assert (group.mentor_id, group.adept_ids) == ("M01", ("A01", "A02"))


def test_someone_leaving_is_recorded_with_the_new_run_or_not_at_all(
    service, repo, cohort: Cohort, settings, solved, monkeypatch
):
    """Leaving and the re-matched run commit together; a failing save leaves nobody marked."""
    agreed = repo.save_run(cohort.cohort_id, settings, solved, 1, "coordinator")
    repo.mark_agreed(agreed, "coordinator")
    leaver = solved.plan.pairs[0].adept_id

    def left(source_id: str):
        members = repo.list_members(cohort.cohort_id)
        return next(m for m in members if m.role == "adept" and m.source_id == source_id).left_on

    def broken(*args, **kwargs):
        raise StoreError("trasig", "broken")

    with monkeypatch.context() as patch:
        patch.setattr(Repository, "save_run", broken)
        with pytest.raises(StoreError, match="broken"):
            leaving.leave_and_rematch(service, cohort.cohort_id, leaver, date(2026, 3, 1))
    assert left(leaver) is None
    run_id, result = leaving.leave_and_rematch(service, cohort.cohort_id, leaver, date(2026, 3, 1))
    assert left(leaver) == date(2026, 3, 1)
    stored = repo.load_run(run_id)
    assert stored.summary.parent_run_id == agreed and leaver not in stored.plan.mentor_of
    assert result.has_plan


def _two_intakes(vocational):
    adepts = tuple(
        dataclasses.replace(a, cohort="HT 2026" if i % 2 else "VT 2027")
        for i, a in enumerate(vocational.adepts)
    )
    return split_by_cohort(dataclasses.replace(vocational, adepts=adepts))


def test_an_upload_split_by_cohort_is_stored_whole_or_not_at_all(
    service, repo, vocational, monkeypatch
):
    """A failure after the first intake's version leaves no programme, cohort or version."""
    parts = _two_intakes(vocational)
    real = Repository.save_participants
    calls = []

    def fails_second(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise StoreError("trasig", "broken")
        return real(self, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(Repository, "save_participants", fails_second)
        with pytest.raises(StoreError, match="broken"):
            uploads.store_upload(service, "Uppladdat", parts)
    assert len(calls) == 2 and repo.list_programmes() == ()
    stored = uploads.store_upload(service, "Uppladdat", parts)
    assert [(s.cohort_name, s.version.number) for s in stored] == [("VT 2027", 1), ("HT 2026", 1)]
    assert repo.get_cohort(stored[1].cohort_id).starts_on == date(2026, 9, 1)
    assert len(repo.load_participants(stored[0].cohort_id).adepts) == 20


def test_an_upload_into_an_existing_cohort_is_its_next_version(
    service, repo, cohort: Cohort, vocational
):
    """Picking a cohort that exists adds a version there instead of a new cohort."""
    (stored,) = uploads.store_upload(service, cohort.programme_id, {"2026 vår": vocational})
    assert (stored.cohort_id, stored.version.number) == (cohort.cohort_id, 2)
    assert len(repo.list_cohorts(cohort.programme_id)) == 1


def test_a_programme_and_its_first_cohort_are_created_together(service, repo, monkeypatch):
    """A refused first cohort leaves no programme behind."""
    with monkeypatch.context() as patch:
        patch.setattr(Repository, "create_cohort", lambda *a, **k: _broken())
        with pytest.raises(StoreError, match="broken"):
            programmes.create_programme(service, "Facket", "academic", {}, cohort="HT 2026")
    assert repo.list_programmes() == ()
    programme_id = programmes.create_programme(service, "Facket", "academic", {}, cohort="HT 2026")
    (cohort,) = repo.list_cohorts(programme_id)
    assert (cohort.name, cohort.starts_on) == ("HT 2026", date(2026, 9, 1))


def test_an_outcomes_import_is_stored_whole_or_not_at_all(
    service, repo, cohort: Cohort, followups_frame, evaluations_frame, monkeypatch
):
    """Refused evaluations take the follow-ups of the same import with them."""
    followups = followups_frame.select("adept_id", "months", "status", "mentor_contributed")
    evaluations = evaluations_frame.select("respondent_id", "role", "item", "answer")
    with monkeypatch.context() as patch:
        patch.setattr(Repository, "record_evaluations", lambda *a, **k: _broken())
        with pytest.raises(StoreError, match="broken"):
            outcomes.record_outcomes(service, cohort.cohort_id, followups, evaluations)
    assert repo.load_followups(programme_id=cohort.programme_id).height == 0
    stored = outcomes.record_outcomes(service, cohort.cohort_id, followups, evaluations)
    assert stored == (followups.height, evaluations.height)


def _broken():
    raise StoreError("trasig", "broken")
