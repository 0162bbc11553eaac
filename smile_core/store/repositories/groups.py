"""Mentor groups: a mentor leading several adepts of a cohort."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from smile_core.store import schema as t
from smile_core.store.errors import StoreError, not_found
from smile_core.store.lookups import (
    audit,
    cohort_row,
    insert_many,
    member_ids,
    source_ids,
)
from smile_core.store.records import (
    MentorGroup,
)
from smile_core.store.unit_of_work import UnitOfWork
from smile_core.text import Message


class GroupRepository(UnitOfWork):
    """Create mentor groups, set their adepts, list them."""

    # ------------------------------------------------------------------ group mentoring

    def create_group(
        self,
        cohort_id: int,
        mentor_id: str,
        min_size: int,
        max_size: int,
        who: str,
        *,
        label: str = "",
        adept_ids: Iterable[str] = (),
        seeded_by: int | None = None,
    ) -> int:
        """A group the mentor leads, for ``min_size`` to ``max_size`` adepts; returns its id.

        ``seeded_by``: the group (of the same programme) whose member was promoted to lead
        this one (group cascade); None for a first-generation group.
        """
        if not 1 <= min_size <= max_size:
            raise StoreError(Message.of("store.group.bad_size", low=min_size, high=max_size))
        with self._write() as connection:
            cohort = cohort_row(connection, cohort_id, lock=True)
            leader = member_ids(connection, cohort_id, "mentor", [mentor_id])[mentor_id]
            if seeded_by is not None:
                _check_seed(connection, seeded_by, cohort.programme_id)
            group_id = connection.execute(
                sa.insert(t.mentor_groups)
                .values(
                    cohort_id=cohort_id,
                    leader_member_id=leader,
                    label=label,
                    min_size=min_size,
                    max_size=max_size,
                    created_at=self._now(),
                    seeded_by_group_id=seeded_by,
                )
                .returning(t.mentor_groups.c.id)
            ).scalar_one()
            _set_group_members(connection, group_id, cohort_id, max_size, list(adept_ids))
            audit(
                connection,
                self._now(),
                who,
                "group created",
                cohort.programme_id,
                {"cohort_id": cohort_id, "group_id": group_id},
            )
        return group_id

    def set_group_members(self, group_id: int, adept_ids: Iterable[str]) -> None:
        """Replace the group's adepts (at most its maximum; each adept in one group only)."""
        with self._write() as connection:
            group = connection.execute(
                sa.select(t.mentor_groups).where(t.mentor_groups.c.id == group_id)
            ).first()
            if group is None:
                raise not_found("group", group_id)
            cohort_row(connection, group.cohort_id, lock=True)
            _set_group_members(
                connection, group_id, group.cohort_id, group.max_size, list(adept_ids)
            )

    def list_groups(self, cohort_id: int) -> tuple[MentorGroup, ...]:
        """The cohort's mentor groups, in the order they were made."""
        g, gm = t.mentor_groups, t.group_members
        with self._read() as connection:
            cohort_row(connection, cohort_id)
            groups = connection.execute(
                sa.select(g).where(g.c.cohort_id == cohort_id).order_by(g.c.id)
            ).all()
            members = connection.execute(
                sa.select(gm.c.group_id, gm.c.adept_member_id)
                .join(g, g.c.id == gm.c.group_id)
                .where(g.c.cohort_id == cohort_id)
            ).all()
            names = source_ids(
                connection,
                [row.leader_member_id for row in groups] + [row.adept_member_id for row in members],
            )
        adepts: dict[int, list[str]] = {}
        for row in members:
            adepts.setdefault(row.group_id, []).append(names[row.adept_member_id])
        return tuple(
            MentorGroup(
                id=row.id,
                cohort_id=row.cohort_id,
                mentor_id=names[row.leader_member_id],
                label=row.label,
                min_size=row.min_size,
                max_size=row.max_size,
                adept_ids=tuple(sorted(adepts.get(row.id, []))),
                seeded_by=row.seeded_by_group_id,
            )
            for row in groups
        )

    def group_cohort_id(self, group_id: int) -> int:
        """The cohort the mentor group belongs to (``NotFound`` for an unknown group)."""
        with self._read() as connection:
            cohort_id = connection.execute(
                sa.select(t.mentor_groups.c.cohort_id).where(t.mentor_groups.c.id == group_id)
            ).scalar()
        if cohort_id is None:
            raise not_found("group", group_id)
        return cohort_id


def _check_seed(connection: Connection, group_id: int, programme_id: int) -> None:
    """Refuse a seeding group that is unknown or belongs to another programme."""
    g = t.mentor_groups
    seed_programme = connection.execute(
        sa.select(t.cohorts.c.programme_id)
        .join(g, g.c.cohort_id == t.cohorts.c.id)
        .where(g.c.id == group_id)
    ).scalar()
    if seed_programme is None:
        raise not_found("group", group_id)
    if seed_programme != programme_id:
        raise StoreError(Message.of("store.group.seed_elsewhere"))


def _set_group_members(
    connection: Connection, group_id: int, cohort_id: int, max_size: int, adept_ids: list[str]
) -> None:
    if len(set(adept_ids)) > max_size:
        raise StoreError(Message.of("store.group.too_many", n=max_size, count=len(set(adept_ids))))
    members = member_ids(connection, cohort_id, "adept", adept_ids)
    gm = t.group_members
    taken = connection.execute(
        sa.select(gm.c.adept_member_id).where(
            gm.c.adept_member_id.in_(list(members.values())), gm.c.group_id != group_id
        )
    ).scalars()
    names = {member: source for source, member in members.items()}
    busy = sorted(names[m] for m in taken)
    if busy:
        listed = ", ".join(busy)
        raise StoreError(Message.of("store.group.busy", ids=listed))
    connection.execute(sa.delete(gm).where(gm.c.group_id == group_id))
    insert_many(
        connection,
        gm,
        [{"group_id": group_id, "adept_member_id": m} for m in sorted(members.values())],
    )
