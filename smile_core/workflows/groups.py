"""Saving a cohort's mentor groups."""

from __future__ import annotations

from collections.abc import Iterable

from smile_core.access import Capability, Service
from smile_core.matching.mentor_groups import PlannedGroup


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
