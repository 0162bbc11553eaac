"""Group mentoring (the Finnish model) in a plan: which mentors lead groups, and whom.

A group mentor is one with a minimum group size of 2 or more; in a plan their group is the
adepts paired with them, between the minimum and their capacity (or nobody).
"""

from __future__ import annotations

from dataclasses import dataclass

from smile_core.ingest.participants import Programme
from smile_core.matching.plan import Plan


@dataclass(frozen=True, slots=True)
class PlannedGroup:
    """A group mentor's group in a plan: size limits and the adepts (possibly none)."""

    mentor_id: str
    min_size: int
    max_size: int
    adept_ids: tuple[str, ...]


def planned_groups(plan: Plan, programme: Programme) -> tuple[PlannedGroup, ...]:
    """Every group mentor of ``programme`` (minimum group size >= 2), in mentor order, with
    the adepts ``plan`` gives them."""
    adepts: dict[str, list[str]] = {}
    for pair in plan.pairs:
        adepts.setdefault(pair.mentor_id, []).append(pair.adept_id)
    return tuple(
        PlannedGroup(m.id, m.min_group_size, m.capacity, tuple(sorted(adepts.get(m.id, []))))
        for m in programme.mentors
        if m.min_group_size >= 2
    )
