"""Every workflow checks the acting user first and writes in one transaction."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from smile_core.access import LOCAL_USER, Service, User
from smile_core.matching.mentor_groups import PlannedGroup
from smile_core.store import Repository, StoreError
from smile_core.store.accounts import Accounts
from smile_core.workflows import (
    groups,
    leaving,
    outcomes,
    plan_edits,
    privacy,
    programmes,
    runs,
    uploads,
)
from smile_core.workflows.plan_edits import PlanState
from smile_core.workflows.runs import PlanEdit

from .conftest import Cohort

PASSWORD = "correct horse battery"


def _user(repo: Repository, name: str, role: str, programme_ids=()) -> User:
    accounts = Accounts(repo.engine)
    accounts.add_user(name, role, PASSWORD, "test", list(programme_ids))
    return User.from_record(accounts.authenticate(name, PASSWORD))


@pytest.fixture
def agreed(repo: Repository, cohort: Cohort, settings, solved) -> int:
    """The cohort's agreed run."""
    run_id = repo.save_run(cohort.cohort_id, settings, solved, 1, "kim")
    repo.mark_agreed(run_id, "kim")
    return run_id


def _actions(cohort: Cohort, agreed: int, vocational, settings, solved, followups):
    """Every workflow, as (name, call with a service)."""
    pair = solved.plan.pairs[0]
    state = PlanState(solved.plan, frozenset({pair.key}))
    return {
        "create programme": lambda s: programmes.create_programme(s, "Nytt", "group", {}),
        "upload": lambda s: uploads.upload_version(
            s, vocational, cohort.programme_id, cohort_name="2026 vår"
        ),
        "version of": lambda s: uploads.version_of(s, cohort.cohort_id, vocational),
        "save run": lambda s: runs.save_run(s, cohort.cohort_id, settings, solved, 1),
        "save plan edits": lambda s: plan_edits.save_plan_edits(
            s,
            cohort.cohort_id,
            solved,
            state,
            [PlanEdit("pair locked", *pair.key)],
            settings,
            parent_run_id=agreed,
        ),
        "someone leaves": lambda s: leaving.leave_and_rematch(
            s, cohort.cohort_id, pair.adept_id, date(2026, 3, 1)
        ),
        "groups": lambda s: groups.replace_groups(
            s, cohort.cohort_id, [PlannedGroup(pair.mentor_id, (pair.adept_id,), 1, 2)]
        ),
        "outcomes": lambda s: outcomes.record_outcomes(s, cohort.cohort_id, followups, None),
    }


def test_a_user_without_the_programme_is_refused_by_every_workflow(
    repo, cohort: Cohort, agreed, vocational, settings, solved, followups_frame
):
    """Steering, an administrator and another programme's coordinator change nothing."""
    followups = followups_frame.select("adept_id", "months", "status", "mentor_contributed")
    other = repo.create_programme("Annat", "group", {}, "test")
    users = [
        _user(repo, "board", "steering", [cohort.programme_id]),
        _user(repo, "admin", "admin"),
        _user(repo, "south", "coordinator", [other]),
    ]
    actions = _actions(cohort, agreed, vocational, settings, solved, followups)
    before = (repo.audit_entries(), repo.list_runs(cohort.cohort_id), repo.list_programmes())
    for user in users:
        for name, action in actions.items():
            if name == "create programme" and user.role == "coordinator":
                continue  # a coordinator may create programmes of their own
            with pytest.raises(StoreError):  # Forbidden or NotFound, both StoreErrors
                action(Service(repo, user))
    assert (repo.audit_entries(), repo.list_runs(cohort.cohort_id), repo.list_programmes()) == (
        before
    )


def test_only_administrators_erase_and_purge(repo, cohort: Cohort, solved):
    """A coordinator of the programme may neither erase its people nor purge."""
    coordinator = Service(repo, _user(repo, "north", "coordinator", [cohort.programme_id]))
    key = repo.person_key(cohort.cohort_id, "adept", solved.plan.pairs[0].adept_id)
    with pytest.raises(StoreError):
        privacy.erase_person(coordinator, key)
    with pytest.raises(StoreError):
        privacy.purge(coordinator, 0)
    admin = Service(repo, _user(repo, "admin", "admin"))
    assert privacy.erase_person(admin, key).memberships == 1
    with pytest.raises(StoreError, match="has no adept"):
        repo.person_key(cohort.cohort_id, "adept", solved.plan.pairs[0].adept_id)


def test_saved_plan_edits_are_one_transaction(
    repo, cohort: Cohort, agreed, settings, solved, monkeypatch
):
    """A failing audit entry takes the edited run with it; then both are saved together."""
    service = Service(repo, LOCAL_USER)
    pair = solved.plan.pairs[0]
    state = PlanState(solved.plan, frozenset({pair.key}))
    log = [PlanEdit("pair locked", pair.adept_id, pair.mentor_id, "känner varandra")]
    runs_before = repo.list_runs(cohort.cohort_id)
    with monkeypatch.context() as patch:
        patch.setattr(Repository, "record_edit", lambda *a, **k: _broken())
        with pytest.raises(StoreError, match="broken"):
            plan_edits.save_plan_edits(
                service, cohort.cohort_id, solved, state, log, settings, parent_run_id=agreed
            )
    assert repo.list_runs(cohort.cohort_id) == runs_before
    run_id = plan_edits.save_plan_edits(
        service, cohort.cohort_id, solved, state, log, settings, parent_run_id=agreed
    )
    stored = repo.load_run(run_id)
    assert stored.summary.parent_run_id == agreed
    assert [p.key for p in stored.plan.pairs if p.locked] == [pair.key]
    (edit,) = repo.list_edits(run_id)
    assert (edit.what, edit.adept_id, edit.why) == ("pair locked", pair.adept_id, "känner varandra")


def test_an_upload_version_is_its_cohort_next_version_or_nothing(
    repo, cohort: Cohort, vocational, monkeypatch
):
    """A failing upload into a new cohort leaves no cohort; the same participants again are
    the latest version, not a new one."""
    service = Service(repo, LOCAL_USER)
    with monkeypatch.context() as patch:
        patch.setattr(Repository, "save_participants", lambda *a, **k: _broken())
        with pytest.raises(StoreError, match="broken"):
            uploads.upload_version(service, vocational, cohort.programme_id, cohort_name="Ny")
    assert [c.name for c in repo.list_cohorts(cohort.programme_id)] == ["2026 vår"]
    assert uploads.version_of(service, cohort.cohort_id, vocational) == 1
    (stored,) = uploads.upload_version(service, vocational, cohort.programme_id)
    assert stored.cohort_name.startswith(f"{vocational.name or 'upload'} ")
    assert stored.cohort_name.endswith(" UTC")
    assert stored.version.number == 1


def test_a_new_cohort_of_an_unnamed_upload_is_named_in_the_users_language(repo, cohort, vocational):
    """An upload without a name: the cohort is 'Uppladdning <date> <time> UTC', not 'upload'."""
    service = Service(repo, LOCAL_USER)
    unnamed = dataclasses.replace(vocational, name="")
    now = datetime(2026, 12, 5, 1, 10, tzinfo=UTC)
    (stored,) = uploads.upload_version(
        service, unnamed, cohort.programme_id, unnamed="Uppladdning", now=now
    )
    assert stored.cohort_name == "Uppladdning 2026-12-05 01:10 UTC"


def _broken():
    raise StoreError("trasig", "broken")
