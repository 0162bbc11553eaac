"""Group cascade in the store: a member leads a new group, seeded by theirs, in one step."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from smile_core.access import LOCAL_USER, Service, User
from smile_core.demo.group_cascade import PROGRAMME_NAME, seed_group_cascade
from smile_core.matching.group_cascade import generation_counts, lineage
from smile_core.store import NotFound, Repository, StoreError
from smile_core.store import schema as t
from smile_core.store.accounts import Accounts
from smile_core.workflows.groups import programme_groups, promote_to_lead_group

from .conftest import Cohort


@pytest.fixture
def service(repo: Repository) -> Service:
    """The store as the local single user uses it."""
    return Service(repo, LOCAL_USER)


def test_a_member_leads_a_new_group_seeded_by_theirs(service, repo, cohort: Cohort, vocational):
    """The member becomes a mentor of the later cohort (same person) leading a group whose
    seed is their old group and whose label is their own organisation."""
    seed = service.create_group(cohort.cohort_id, "M01", 1, 4, adept_ids=["A01", "A02"])
    later = service.create_cohort(cohort.programme_id, "2027 vår")
    new = promote_to_lead_group(service, seed, "A02", later, min_size=2, max_size=3)
    (group,) = repo.list_groups(later)
    own = next(a.organisation for a in vocational.adepts if a.id == "A02")
    assert (group.id, group.mentor_id, group.seeded_by, group.label) == (new, "A02", seed, own)
    assert (group.min_size, group.max_size) == (2, 3)
    assert repo.person_key(later, "mentor", "A02") == repo.person_key(
        cohort.cohort_id, "adept", "A02"
    )
    table = lineage(programme_groups(service, cohort.programme_id))
    assert table.select("group_id", "generation", "seeded_by").rows() == [
        (seed, 1, None),
        (new, 2, seed),
    ]


def test_a_given_workplace_names_the_new_group(service, repo, cohort: Cohort):
    """A workplace typed by the coordinator wins over the member's organisation."""
    seed = service.create_group(cohort.cohort_id, "M01", 1, 4, adept_ids=["A01"])
    later = service.create_cohort(cohort.programme_id, "2027 vår")
    promote_to_lead_group(service, seed, "A01", later, workplace="  Hotelli Aalto ")
    assert repo.list_groups(later)[0].label == "Hotelli Aalto"


def test_only_a_member_of_the_seed_may_lead_and_not_in_the_same_cohort(
    service, repo, cohort: Cohort
):
    """A non-member, the seed's own cohort, an unknown group and a second group from the
    same seed for the same leader are refused."""
    seed = service.create_group(cohort.cohort_id, "M01", 1, 4, adept_ids=["A01"])
    later = service.create_cohort(cohort.programme_id, "2027 vår")
    with pytest.raises(StoreError, match="not a member of group"):
        promote_to_lead_group(service, seed, "A05", later)
    with pytest.raises(StoreError, match="another cohort"):
        promote_to_lead_group(service, seed, "A01", cohort.cohort_id)
    with pytest.raises(NotFound):
        promote_to_lead_group(service, seed + 100, "A01", later)
    assert repo.list_groups(later) == () and repo.list_members(later) == ()
    promote_to_lead_group(service, seed, "A01", later)
    with pytest.raises(StoreError, match="already leads a group there"):
        promote_to_lead_group(service, seed, "A01", later)
    assert len(repo.list_groups(later)) == 1


def test_a_failed_new_group_leaves_no_promotion(service, repo, cohort: Cohort):
    """Promotion and group are one transaction: an impossible size undoes the promotion."""
    seed = service.create_group(cohort.cohort_id, "M01", 1, 4, adept_ids=["A01"])
    later = service.create_cohort(cohort.programme_id, "2027 vår")
    with pytest.raises(StoreError, match="impossible"):
        promote_to_lead_group(service, seed, "A01", later, min_size=5, max_size=2)
    assert repo.list_members(later) == ()


def test_a_seed_from_another_programme_is_refused(service, repo, cohort: Cohort):
    """A group cannot name another programme's group as its seed."""
    seed = service.create_group(cohort.cohort_id, "M01", 1, 4, adept_ids=["A01"])
    later = service.create_cohort(cohort.programme_id, "2027 vår")
    promote_to_lead_group(service, seed, "A01", later)
    other = seed_group_cascade(service)
    first = service.list_cohorts(other)[0].id
    with pytest.raises(StoreError, match="same programme"):
        service.create_group(first, "M01", 1, 2, seeded_by=seed)


def test_erasing_the_seed_keeps_the_new_group_as_a_first_generation(service, repo, cohort: Cohort):
    """Deleting the seeding group leaves the later group, its seed blank."""
    seed = service.create_group(cohort.cohort_id, "M01", 1, 4, adept_ids=["A01"])
    later = service.create_cohort(cohort.programme_id, "2027 vår")
    promote_to_lead_group(service, seed, "A01", later)
    with repo.engine.begin() as connection:  # the foreign key's own rule, not a workflow
        connection.execute(sa.delete(t.mentor_groups).where(t.mentor_groups.c.id == seed))
    (group,) = repo.list_groups(later)
    assert group.seeded_by is None


def test_the_finnish_demo_has_three_generations(service):
    """The demo: 2 first groups, 5 led by their members, 2 more; small counts hidden."""
    programme_id = seed_group_cascade(service)
    assert service.get_programme(programme_id).name == PROGRAMME_NAME
    groups = programme_groups(service, programme_id)
    table = lineage(groups)
    assert table.group_by("generation").len().sort("generation")["len"].to_list() == [2, 5, 2]
    assert all(w for w in table["workplace"].to_list())
    counts = generation_counts(groups)
    assert counts["members"].to_list() == [8, 15, 6, 29]
    assert counts["groups"].to_list() == [None, 5, None, 9]
    with pytest.raises(StoreError):
        seed_group_cascade(service)


def _steering(repo: Repository, name: str, programme_id: int) -> Service:
    accounts = Accounts(repo.engine)
    user_id = accounts.add_user(name, "steering", "correct horse battery", "kim", (programme_id,))
    return Service(repo, User.from_record(accounts.get_user(user_id)))


def test_steering_sees_generation_counts_of_its_programme_only(service, repo):
    """A steering user gets the suppressed counts of their programme, not another's, and no
    group itself; a programme without groups has no generation figures."""
    programme_id = seed_group_cascade(service)
    other = repo.create_programme("Annat", "group", {}, "kim")
    board = _steering(repo, "board", programme_id)
    counts = board.generation_figures(programme_id)
    assert counts is not None and counts["groups"].to_list() == [None, 5, None, 9]
    assert _steering(repo, "b2", other).generation_figures(other) is None
    with pytest.raises(NotFound):
        board.generation_figures(other)
    with pytest.raises(NotFound):
        board.list_groups(service.list_cohorts(programme_id)[0].id)
