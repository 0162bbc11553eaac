"""A plan with roles is kept with its run: placements, people by role, unmet needs and forbids
by role come back as they were saved, on SQLite and PostgreSQL; erasure takes a person's rows
with them and an access request lists them (issue 10)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
import sqlalchemy as sa
from role_demo_data import role_demo

from smile_core.access import LOCAL_USER, Service
from smile_core.ingest.participants import Programme
from smile_core.matching.plan import MatchResult, UnmatchedReason
from smile_core.matching.role_plan import RoleUnmatched
from smile_core.matching.roles import PLACEMENT
from smile_core.matching.saved_runs import (
    result_from_stored,
    role_plan_from_stored,
    stored_role_decisions,
)
from smile_core.matching.settings import MatchSettings
from smile_core.store import Repository, StoreError, schema
from smile_core.store.records import StoredRoles
from smile_core.text import Message, stored
from smile_core.workflows import leaving

from .conftest import Cohort


def _with_unmet(result: MatchResult) -> MatchResult:
    """``result`` with one handledare taken away and that need unmet, in words carrying the
    role's name in both languages (as the joint solve writes them), so the words' round trip
    is tested too."""
    roles = result.roles
    assert roles is not None
    gone = next(p for p in roles.pairs if p.role == "supervisor")
    extra = RoleUnmatched(
        gone.adept_id,
        "supervisor",
        UnmatchedReason.MENTOR_FULL,
        Message.of("role_reason.role_full", role=stored("handledare", "workplace supervisor")),
    )
    unmatched = tuple(sorted((*roles.unmatched, extra), key=lambda u: (u.adept_id, u.role)))
    pairs = tuple(p for p in roles.pairs if p != gone)
    return dataclasses.replace(
        result, roles=dataclasses.replace(roles, pairs=pairs, unmatched=unmatched)
    )


@pytest.fixture(scope="module")
def demo() -> tuple[Programme, MatchResult]:
    """The vocational role demo and its plan with roles (one extra unmet need)."""
    programme, result = role_demo("vocational")
    return programme, _with_unmet(result)


@pytest.fixture
def role_cohort(repo: Repository, demo: tuple[Programme, MatchResult]) -> Cohort:
    """The vocational role demo stored as version 1 of a cohort."""
    programme_id = repo.create_programme("Yrkes med roller", "vocational", {}, "kim")
    cohort_id = repo.create_cohort(programme_id, "2026 höst", "kim")
    repo.save_participants(cohort_id, demo[0], "kim")
    return Cohort(programme_id, cohort_id)


def _forbids(result: MatchResult) -> list[tuple[str, str, str]]:
    """A placement forbid and a forbid by role of people in the plan (as the form gives)."""
    roles = result.roles
    assert roles is not None
    placement = roles.placements[0]
    pair = next(p for p in roles.pairs if p.role == "supervisor")
    other = next(p for p in roles.pairs if p.mentor_id != pair.mentor_id)
    return [
        (placement.adept_id, "W01" if placement.workplace_id != "W01" else "W02", PLACEMENT),
        (pair.adept_id, other.mentor_id, "supervisor"),
    ]


def _rows(repo: Repository, run_id: int | None = None) -> int:
    table = schema.run_role_choices
    query = sa.select(sa.func.count()).select_from(table)
    if run_id is not None:
        query = query.where(table.c.run_id == run_id)
    with repo.engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def test_a_plan_with_roles_comes_back_as_it_was_saved(
    repo: Repository, role_cohort: Cohort, demo: tuple[Programme, MatchResult]
) -> None:
    """Setup, placements, people by role, unmet needs in words and forbids by role round-trip,
    also as the agreed run; read back with the participants, the plan by role equals the
    solve's."""
    programme, result = demo
    roles = result.roles
    assert roles is not None and roles.placements and roles.unmatched
    forbids = _forbids(result)
    run_id = repo.save_run(
        role_cohort.cohort_id, MatchSettings(seed=1), result, 1, "kim", role_forbids=forbids
    )
    loaded = repo.load_run(run_id)
    assert loaded.roles == StoredRoles(
        roles.setup, roles.placements, roles.pairs, roles.unmatched, tuple(sorted(forbids))
    )
    assert repo.load_roles(run_id) == loaded.roles
    repo.mark_agreed(run_id, "kim")  # agreed, it opens with its roles (the cohort reopened)
    assert repo.agreed_run(role_cohort.cohort_id).roles == loaded.roles
    assert role_plan_from_stored(loaded.roles, programme) == dataclasses.replace(roles, diff=None)
    back = result_from_stored(loaded, programme)
    assert back.roles == dataclasses.replace(roles, diff=None)
    assert back.plan == result.plan
    assert [u.message("sv") for u in back.roles.unmatched] == [
        u.message("sv") for u in roles.unmatched
    ]
    assert _rows(repo, run_id) == (
        len(roles.placements) + len(roles.pairs) + len(roles.unmatched) + len(forbids)
    )


def test_locks_by_role_come_back_as_the_coordinator_set_them(
    repo: Repository, role_cohort: Cohort, demo: tuple[Programme, MatchResult]
) -> None:
    """A locked placement and handledare are locks by role after loading; a locked main-role
    pair that the one-mentor plan already locks is not counted twice."""
    _programme, result = demo
    roles = result.roles
    assert roles is not None
    placement = roles.placements[0]
    supervisor = next(p for p in roles.pairs if p.role == "supervisor")
    mentor = next(p for p in roles.pairs if p.role == "mentor")
    locked = dataclasses.replace(
        roles,
        placements=tuple(dataclasses.replace(p, locked=p == placement) for p in roles.placements),
        pairs=tuple(dataclasses.replace(p, locked=p in (supervisor, mentor)) for p in roles.pairs),
    )
    plan = dataclasses.replace(
        result.plan,
        pairs=tuple(
            dataclasses.replace(p, locked=p.key == (mentor.adept_id, mentor.mentor_id))
            for p in result.plan.pairs
        ),
    )
    run_id = repo.save_run(
        role_cohort.cohort_id,
        MatchSettings(seed=1),
        dataclasses.replace(result, roles=locked, plan=plan),
        1,
        "kim",
    )
    loaded = repo.load_run(run_id)
    pair_locks = {(p.adept_id, p.mentor_id) for p in loaded.plan.pairs if p.locked}
    assert pair_locks == {(mentor.adept_id, mentor.mentor_id)}
    role_locks, role_forbids = stored_role_decisions(loaded, pair_locks)
    assert role_locks == {
        (placement.adept_id, placement.workplace_id, PLACEMENT),
        (supervisor.adept_id, supervisor.mentor_id, "supervisor"),
    }
    assert role_forbids == frozenset()


def test_a_run_without_roles_is_stored_exactly_as_before(
    repo: Repository, cohort: Cohort, settings: MatchSettings, solved: MatchResult
) -> None:
    """A one-role run writes no role rows and no role setup, and reads back without roles."""
    assert solved.roles is None
    run_id = repo.save_run(cohort.cohort_id, settings, solved, 3, "kim", role_forbids=[])
    loaded = repo.load_run(run_id)
    assert loaded.roles is None and repo.load_roles(run_id) is None
    assert "role_setup" not in loaded.figures
    assert _rows(repo) == 0
    assert stored_role_decisions(loaded) == (frozenset(), frozenset())


def test_a_plan_naming_someone_outside_the_version_is_refused(
    repo: Repository, role_cohort: Cohort, demo: tuple[Programme, MatchResult]
) -> None:
    """A forbid by role naming a mentor the cohort never had is refused; nothing is stored."""
    _programme, result = demo
    adept = result.roles.placements[0].adept_id
    with pytest.raises(StoreError, match="M999"):
        repo.save_run(
            role_cohort.cohort_id,
            MatchSettings(),
            result,
            1,
            "kim",
            role_forbids=[(adept, "M999", "mentor")],
        )
    assert repo.list_runs(role_cohort.cohort_id) == ()
    assert _rows(repo) == 0


def test_erasing_an_adept_takes_their_role_rows_and_an_access_request_lists_them(
    repo: Repository, role_cohort: Cohort, demo: tuple[Programme, MatchResult]
) -> None:
    """The export lists the adept's placement, people by role, unmet needs and forbids; after
    erasure none of their rows are left, the others' are, and the run still reads back."""
    _programme, result = demo
    roles = result.roles
    forbids = _forbids(result)
    run_id = repo.save_run(
        role_cohort.cohort_id, MatchSettings(seed=1), result, 1, "kim", role_forbids=forbids
    )
    adept = forbids[1][0]  # has a placement, a handledare and a forbid by role
    mine = (
        [p for p in roles.placements if p.adept_id == adept]
        + [p for p in roles.pairs if p.adept_id == adept]
        + [u for u in roles.unmatched if u.adept_id == adept]
        + [f for f in forbids if f[0] == adept]
    )
    key = next(
        m.person_key
        for m in repo.list_members(role_cohort.cohort_id)
        if (m.role, m.source_id) == ("adept", adept)
    )
    exported = repo.export_person(key, "dpo")["role_choices"]
    assert len(exported) == len(mine)
    assert {(r["kind"], r["role"]) for r in exported} >= {
        ("choice", PLACEMENT),
        ("choice", "supervisor"),
        ("forbid", "supervisor"),
    }
    supervisor = next(p for p in roles.pairs if p.adept_id == adept and p.role == "supervisor")
    assert {
        (r["role"], r["with"], r["workplace_id"], r["agreed_plan"])
        for r in exported
        if r["kind"] == "choice"
    } >= {
        (PLACEMENT, None, roles.placement_of[adept], False),
        ("supervisor", supervisor.mentor_id, supervisor.workplace_id, False),
    }
    before = _rows(repo, run_id)
    report = repo.erase_person(key, "dpo")
    assert report.role_choices == len(mine)
    assert _rows(repo, run_id) == before - len(mine)
    left = repo.load_run(run_id).roles
    assert left is not None
    everyone = (
        [p.adept_id for p in left.placements]
        + [p.adept_id for p in left.pairs]
        + [u.adept_id for u in left.unmatched]
        + [f[0] for f in left.forbids]
    )
    assert adept not in everyone and len(left.placements) == len(roles.placements) - 1
    rest = repo.load_participants(role_cohort.cohort_id)
    assert adept not in rest.adept_by_id
    assert role_plan_from_stored(left, rest).needs == tuple(
        (a, needs) for a, needs in roles.needs if a != adept
    )


def test_erasing_a_mentor_takes_the_role_rows_they_are_in(
    repo: Repository, role_cohort: Cohort, demo: tuple[Programme, MatchResult]
) -> None:
    """A handledare's erasure removes every row naming them (as handledare or forbidden) and
    their access request lists the adepts they had by role, by the coordinator's id."""
    _programme, result = demo
    roles = result.roles
    run_id = repo.save_run(role_cohort.cohort_id, MatchSettings(seed=1), result, 1, "kim")
    supervisor = next(p for p in roles.pairs if p.role == "supervisor").mentor_id
    theirs = [p for p in roles.pairs if p.mentor_id == supervisor]
    key = next(
        m.person_key
        for m in repo.list_members(role_cohort.cohort_id)
        if (m.role, m.source_id) == ("mentor", supervisor)
    )
    exported = repo.export_person(key, "dpo")["role_choices"]
    assert sorted((r["as"], r["role"], r["with"]) for r in exported) == sorted(
        ("mentor", p.role, p.adept_id) for p in theirs
    )
    report = repo.erase_person(key, "dpo")
    assert report.role_choices == len(theirs)
    left = repo.load_run(run_id).roles
    assert supervisor not in {p.mentor_id for p in left.pairs}


def test_someone_leaving_a_plan_with_roles_keeps_everyone_elses_placement_and_people(
    repo: Repository, role_cohort: Cohort
) -> None:
    """An adept with a placement leaves: the re-match is a plan by role again, every other
    adept keeps their placement, handledare and mentor where the plan still allows, the
    leaver is gone, and the forbids by role carry over to the new run."""
    _, result = role_demo("vocational")
    roles = result.roles
    assert roles is not None
    forbids = _forbids(result)
    settings = MatchSettings(seed=1)
    run_id = repo.save_run(role_cohort.cohort_id, settings, result, 1, "kim", role_forbids=forbids)
    repo.mark_agreed(run_id, "kim")
    leaver = next(p.adept_id for p in roles.placements if p.adept_id not in {f[0] for f in forbids})
    service = Service(repo, LOCAL_USER)
    new_id, again = leaving.leave_and_rematch(
        service, role_cohort.cohort_id, leaver, date(2026, 3, 1)
    )
    assert again.roles is not None and again.has_plan
    before = {k: v for k, v in roles.choices().items() if k[0] != leaver}
    after = again.roles.choices()
    assert leaver not in {a for a, _ in after}
    kept = sum(after.get(k) == v for k, v in before.items())
    assert kept >= len(before) - 2  # a freed seat may pull one adept over; was 66 of 92 kept
    assert set(repo.load_run(new_id).roles.forbids) == {f for f in forbids if f[0] != leaver}
