"""Saving a cohort's mentor groups; the group cascade (a member leads a new group)."""

from __future__ import annotations

from collections.abc import Iterable

from smile_core.access import Capability, Service
from smile_core.matching.group_cascade import CascadeGroup
from smile_core.matching.mentor_groups import PlannedGroup
from smile_core.store import StoreError
from smile_core.text import Message


def replace_groups(service: Service, cohort_id: int, groups: Iterable[PlannedGroup]) -> None:
    """Make the cohort's mentor groups these (one transaction): every stored group is
    emptied first, so an adept may move between groups; a leader's existing group keeps its
    id, a new leader gets a new group."""
    service.require_cohort(cohort_id, Capability.PEOPLE)
    with service.repository.atomic() as repo:
        existing = {g.mentor_id: g.id for g in repo.list_groups(cohort_id)}
        for group_id in existing.values():
            repo.set_group_members(group_id, [])
        for group in groups:
            if group.mentor_id in existing:
                repo.set_group_members(existing[group.mentor_id], group.adept_ids)
            else:
                repo.create_group(
                    cohort_id,
                    group.mentor_id,
                    group.min_size,
                    group.max_size,
                    service.who,
                    adept_ids=group.adept_ids,
                )


def promote_to_lead_group(
    service: Service,
    group_id: int,
    adept_id: str,
    next_cohort_id: int,
    *,
    workplace: str = "",
    mentor_id: str | None = None,
    min_size: int = 2,
    max_size: int = 4,
) -> int:
    """A member of group ``group_id`` leads a new group in ``next_cohort_id`` (one
    transaction); returns the new group's id.

    The Finnish model: the member becomes a mentor of the later cohort as the same person
    (:meth:`~smile_core.access.Service.promote_to_mentor`, history kept) and leads a new group
    of ``min_size`` to ``max_size`` at their own workplace, recorded as seeded by
    ``group_id``. ``workplace`` is the group's label; blank takes the member's own
    organisation from the cohort's newest participant version. ``mentor_id`` is their id in
    the later cohort (default: ``adept_id``). Refused (``StoreError``) when the adept is not
    in the group, the cohort is the group's own, or they already lead a group grown from
    this one there; ``NotFound`` for what the user may not see.
    """
    service.require_group(group_id)
    seed_cohort = service.repository.group_cohort_id(group_id)
    service.require_cohort(next_cohort_id, Capability.PEOPLE)
    if next_cohort_id == seed_cohort:
        raise StoreError(Message.of("store.group.same_cohort"))
    leader = mentor_id or adept_id
    label = workplace.strip() or _own_workplace(service, seed_cohort, adept_id)
    with service.repository.atomic() as repo:
        seed = next(g for g in repo.list_groups(seed_cohort) if g.id == group_id)
        if adept_id not in seed.adept_ids:
            raise StoreError(Message.of("store.group.not_member", id=adept_id, group=group_id))
        # Promoting locks the later cohort, so the check below sees every group made there.
        repo.promote_to_mentor(seed_cohort, adept_id, next_cohort_id, service.who, mentor_id=leader)
        if any(
            g.seeded_by == group_id and g.mentor_id == leader
            for g in repo.list_groups(next_cohort_id)
        ):
            raise StoreError(Message.of("store.group.already_leads", id=leader, group=group_id))
        return repo.create_group(
            next_cohort_id,
            leader,
            min_size,
            max_size,
            service.who,
            label=label,
            seeded_by=group_id,
        )


def _own_workplace(service: Service, cohort_id: int, adept_id: str) -> str:
    """The adept's own organisation in the cohort's newest version (blank when none)."""
    if not service.list_versions(cohort_id):
        return ""
    adepts = service.load_participants(cohort_id).adepts
    return next((a.organisation for a in adepts if a.id == adept_id), "")


def programme_groups(service: Service, programme_id: int) -> tuple[CascadeGroup, ...]:
    """Every stored group of the programme's cohorts, as the cascade sees them (cohort by
    cohort, in the order they were made)."""
    out: list[CascadeGroup] = []
    for cohort in service.list_cohorts(programme_id):
        for g in service.list_groups(cohort.id):
            out.append(
                CascadeGroup(
                    id=g.id,
                    cohort=cohort.name,
                    leader_id=g.mentor_id,
                    workplace=g.label,
                    seeded_by=g.seeded_by,
                    members=len(g.adept_ids),
                )
            )
    return tuple(out)
