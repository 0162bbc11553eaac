"""The service layer: each role gets what it may see, and an id it may not see is "not found"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from smile_core.access import (
    LOCAL_USER,
    Capability,
    Forbidden,
    Service,
    User,
    gender_figures,
    login_expired,
    login_required,
)
from smile_core.ingest.participants import Adept, Gender, Mentor, Programme
from smile_core.matching.plan import Pair, Plan
from smile_core.store import NotFound, Repository
from smile_core.store.accounts import Accounts
from smile_core.workflows import privacy, programmes

PASSWORD = "correct horse battery"


@pytest.fixture
def world(repo: Repository, vocational, solved, settings):
    """Two programmes with a cohort and an agreed run each, and one user of every role."""
    ids = {}
    for name in ("North", "South"):
        programme = repo.create_programme(name, "vocational", {}, "test")
        cohort = repo.create_cohort(programme, "2026", "test")
        repo.save_participants(cohort, vocational, "test")
        run = repo.save_run(cohort, settings, solved, 1, "test")
        repo.mark_agreed(run, "test")
        ids[name] = (programme, cohort, run)
    accounts = Accounts(repo.engine)
    users = {}
    for name, role, given in (
        ("north", "coordinator", [ids["North"][0]]),
        ("board", "steering", [ids["North"][0]]),
        ("admin", "admin", []),
    ):
        accounts.add_user(name, role, PASSWORD, "test", given)
        users[name] = User.from_record(accounts.authenticate(name, PASSWORD))
    return ids, users


def test_a_coordinator_sees_only_their_programme(repo, world):
    """The other programme's ids answer exactly like ids that do not exist."""
    ids, users = world
    service = Service(repo, users["north"])
    assert [p.name for p in service.list_programmes()] == ["North"]
    _, cohort, run = ids["North"]
    assert len(service.load_participants(cohort).adepts) == 40
    assert service.load_run(run).summary.cohort_id == cohort
    _, other_cohort, other_run = ids["South"]
    for call, missing in (
        (lambda: service.load_participants(other_cohort), lambda: repo.get_cohort(10_000)),
        (lambda: service.load_run(other_run), lambda: repo.load_run(10_000)),
    ):
        with pytest.raises(NotFound) as refused:
            call()
        with pytest.raises(NotFound) as absent:
            missing()
        assert str(refused.value).replace(str(other_cohort), "X").replace(
            str(other_run), "X"
        ) == str(absent.value).replace("10000", "X")
    with pytest.raises(Forbidden):
        privacy.purge(service, 0)


def test_a_new_programme_belongs_to_the_coordinator_who_made_it(repo, world):
    """Creating a programme gives it to its coordinator at once (same transaction)."""
    _, users = world
    service = Service(repo, users["north"])
    programme = programmes.create_programme(service, "Mine", "group", {})
    cohort = service.create_cohort(programme, "first")
    assert service.get_cohort(cohort).programme_id == programme
    assert Accounts(repo.engine).programme_ids(users["north"].id) >= {programme}


def test_the_steering_group_gets_figures_only(repo, world):
    """Steering sees its programme's suppressed figures; names, runs and members are not found."""
    ids, users = world
    service = Service(repo, users["board"])
    _, cohort, run = ids["North"]
    figures = service.cohort_figures(cohort)
    assert figures is not None and set(figures.columns) == {
        "gender",
        "applicants",
        "matched",
        "match_rate",
    }
    for call in (
        lambda: service.load_participants(cohort),
        lambda: service.load_run(run),
        lambda: service.list_members(cohort),
        lambda: service.list_runs(cohort),
        lambda: service.cohort_figures(ids["South"][1]),
    ):
        with pytest.raises(NotFound):
            call()
    with pytest.raises(Forbidden):
        privacy.erase_person(service, "anyone")


def test_the_admin_erases_but_reads_no_plans(repo, world):
    """Admins pick and erase people in any programme but cannot open plans or participants."""
    ids, users = world
    service = Service(repo, users["admin"])
    _, cohort, run = ids["South"]
    key = service.person_key(cohort, "adept", "A01")
    assert privacy.erase_person(service, key).memberships == 1
    with pytest.raises(NotFound):
        service.load_run(run)
    with pytest.raises(NotFound):
        service.load_participants(cohort)
    coordinator = Service(repo, users["north"])
    with pytest.raises(Forbidden):
        privacy.erase_person(coordinator, key)
    with pytest.raises(NotFound):
        coordinator.person_key(ids["North"][1], "adept", "A02")


def test_the_audit_names_the_acting_user(repo, world):
    """The audit trail's who is the logged-in user's name."""
    ids, users = world
    service = Service(repo, users["north"])
    service.mark_agreed(ids["North"][2])
    assert repo.audit_entries(ids["North"][0])[-1].who == "north"


def test_gender_figures_hide_small_groups():
    """A group of three is hidden with the total that would give it away; both genders show."""
    genders = ["woman"] * 20 + ["man"] * 17 + ["non_binary"] * 3
    adepts = tuple(
        Adept(f"A{i:02}", Gender(g), "svetsare", languages=("swedish",))
        for i, g in enumerate(genders)
    )
    matched = [*[i for i, g in enumerate(genders) if g != "non_binary"][:27], 37, 38]
    mentors = (Mentor("M01", Gender.MAN, "svetsare", capacity=40, languages=("swedish",)),)
    plan = Plan(tuple(Pair(f"A{i:02}", "M01", "", 50.0) for i in sorted(matched)))
    figures = gender_figures(Programme(adepts, mentors, ()), plan)
    by = {row["gender"]: row for row in figures.iter_rows(named=True)}
    small = next(g for g in by if g not in ("woman", "man", None))
    assert by[small]["applicants"] is None and by[small]["match_rate"] is None
    assert by["woman"]["applicants"] == 20 and by["man"]["applicants"] == 17
    assert by[None]["applicants"] is None  # 20 + 17 + hidden = the total would reveal it


def test_login_is_required_with_accounts_or_off_loopback():
    """Local single-user mode only without accounts and on 127.0.0.1."""
    assert not login_required(False, "127.0.0.1")
    assert login_required(True, "127.0.0.1")
    assert login_required(False, None)
    assert login_required(False, "0.0.0.0")
    assert login_required(False, "127.0.0.1", proxied=True)
    assert LOCAL_USER.local and all(LOCAL_USER.can(c) for c in Capability)


def test_a_login_expires_when_idle_or_old():
    """Thirty idle minutes or ten hours end a login."""
    start = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    assert not login_expired(start, start + timedelta(minutes=20), start + timedelta(minutes=40))
    assert login_expired(start, start, start + timedelta(minutes=31))
    assert login_expired(start, start + timedelta(hours=10), start + timedelta(hours=10, minutes=1))
