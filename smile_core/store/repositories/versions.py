"""Participant versions: every upload of a cohort, as it was uploaded, and what changed."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from smile_core.ingest.participants import Adept, Mentor, Programme, Workplace
from smile_core.store import read_cache
from smile_core.store import schema as t
from smile_core.store.codec import (
    attributes,
    from_attributes,
    utc,
)
from smile_core.store.diff import Snapshot, diff_versions
from smile_core.store.errors import StoreError, not_found
from smile_core.store.lookups import (
    audit,
    cohort_row,
)
from smile_core.store.records import (
    SavedVersion,
    VersionDiff,
    VersionRecord,
)
from smile_core.store.unit_of_work import UnitOfWork
from smile_core.text import Message

_TABLES = ("adepts", "mentors", "workplaces")
_ROLE_OF_TABLE = {"adepts": "adept", "mentors": "mentor"}


class VersionRepository(UnitOfWork):
    """A cohort's participant versions: store an upload, list, load and compare them."""

    # ------------------------------------------------------------------ participants

    def save_participants(
        self, cohort_id: int, programme: Programme, uploaded_by: str
    ) -> SavedVersion:
        """Store an upload as the cohort's next version; returns it with what changed since
        the previous version (everyone added, for the first).

        A coordinator id seen before in this cohort (same role) is the same person; a new id
        is a new person with a new random ``person_key``.
        """
        with self._write() as connection:
            cohort = cohort_row(connection, cohort_id, lock=True)
            previous = _latest_version(connection, cohort_id)
            before: dict[str, Snapshot] = (
                _snapshot(connection, previous.id) if previous is not None else {}
            )
            number = previous.number + 1 if previous is not None else 1
            now = self._now()
            version_id = connection.execute(
                sa.insert(t.participant_versions)
                .values(
                    cohort_id=cohort_id,
                    number=number,
                    label=programme.name,
                    uploaded_at=now,
                    uploaded_by=uploaded_by,
                )
                .returning(t.participant_versions.c.id)
            ).scalar_one()
            after: dict[str, dict[str, dict[str, Any]]] = {table: {} for table in _TABLES}
            participant_rows: list[dict[str, Any]] = []
            for table, people in (("adepts", programme.adepts), ("mentors", programme.mentors)):
                role = _ROLE_OF_TABLE[table]
                members = self._ensure_members(
                    connection, cohort, role, [p.id for p in people], now
                )
                for position, person in enumerate(people):
                    data = attributes(person)
                    after[table][person.id] = data
                    participant_rows.append(
                        {
                            "version_id": version_id,
                            "member_id": members[person.id],
                            "position": position,
                            "attributes": data,
                        }
                    )
            workplace_rows = []
            for position, workplace in enumerate(programme.workplaces):
                data = attributes(workplace)
                after["workplaces"][workplace.id] = data
                workplace_rows.append(
                    {
                        "version_id": version_id,
                        "source_id": workplace.id,
                        "position": position,
                        "attributes": data,
                    }
                )
            if participant_rows:
                connection.execute(sa.insert(t.participants), participant_rows)
            if workplace_rows:
                connection.execute(sa.insert(t.workplaces), workplace_rows)
            audit(
                connection,
                now,
                uploaded_by,
                "participants uploaded",
                cohort.programme_id,
                {
                    "cohort_id": cohort_id,
                    "version": number,
                    "adepts": len(programme.adepts),
                    "mentors": len(programme.mentors),
                    "workplaces": len(programme.workplaces),
                },
            )
        diff = diff_versions(previous.number if previous else None, number, before, after)
        return SavedVersion(id=version_id, number=number, diff=diff)

    @staticmethod
    def _ensure_members(
        connection: Connection, cohort: Row, role: str, ids: list[str], now: datetime
    ) -> dict[str, int]:
        m = t.cohort_members
        existing = dict(
            connection.execute(
                sa.select(m.c.source_id, m.c.id).where(m.c.cohort_id == cohort.id, m.c.role == role)
            ).all()
        )
        for source_id in ids:
            if source_id in existing:
                continue
            person_id = connection.execute(
                sa.insert(t.people)
                .values(
                    programme_id=cohort.programme_id,
                    person_key=uuid.uuid4().hex,
                    created_at=now,
                )
                .returning(t.people.c.id)
            ).scalar_one()
            existing[source_id] = connection.execute(
                sa.insert(m)
                .values(
                    cohort_id=cohort.id,
                    person_id=person_id,
                    role=role,
                    source_id=source_id,
                    created_at=now,
                )
                .returning(m.c.id)
            ).scalar_one()
        return existing

    def list_versions(self, cohort_id: int) -> tuple[VersionRecord, ...]:
        """The cohort's uploads, first to last, with head counts."""
        v, p, m = t.participant_versions, t.participants, t.cohort_members
        with self._read() as connection:
            cohort_row(connection, cohort_id)
            counts: dict[tuple[int, str], int] = {
                (row.version_id, row.role): row.n
                for row in connection.execute(
                    sa.select(p.c.version_id, m.c.role, sa.func.count().label("n"))
                    .join(m, m.c.id == p.c.member_id)
                    .join(v, v.c.id == p.c.version_id)
                    .where(v.c.cohort_id == cohort_id)
                    .group_by(p.c.version_id, m.c.role)
                )
            }
            workplaces = dict(
                connection.execute(
                    sa.select(t.workplaces.c.version_id, sa.func.count())
                    .join(v, v.c.id == t.workplaces.c.version_id)
                    .where(v.c.cohort_id == cohort_id)
                    .group_by(t.workplaces.c.version_id)
                ).all()
            )
            rows = connection.execute(
                sa.select(v).where(v.c.cohort_id == cohort_id).order_by(v.c.number)
            ).all()
        return tuple(
            VersionRecord(
                id=row.id,
                cohort_id=row.cohort_id,
                number=row.number,
                label=row.label,
                uploaded_at=utc(row.uploaded_at),
                uploaded_by=row.uploaded_by,
                adepts=counts.get((row.id, "adept"), 0),
                mentors=counts.get((row.id, "mentor"), 0),
                workplaces=workplaces.get(row.id, 0),
            )
            for row in rows
        )

    def load_participants(
        self, cohort_id: int, version: int | None = None, *, without_left: bool = False
    ) -> Programme:
        """The cohort's participants as uploaded in ``version`` (a number; default the
        latest); ``without_left`` leaves out those marked as having left. A numbered version
        read outside a transaction is kept until the store changes (:mod:`.read_cache`)."""
        if version is not None and self._connection is None:
            return read_cache.kept(
                self.engine,
                ("participants", cohort_id, version, without_left),
                lambda: self._load_participants(cohort_id, version, without_left),
            )
        return self._load_participants(cohort_id, version, without_left)

    def _load_participants(
        self, cohort_id: int, version: int | None, without_left: bool
    ) -> Programme:
        with self._read() as connection:
            cohort_row(connection, cohort_id)
            row = version_row(connection, cohort_id, version)
            snapshot = _snapshot(connection, row.id)
            left: set[tuple[str, str]] = set()
            if without_left:
                m = t.cohort_members
                left = {
                    (r.role, r.source_id)
                    for r in connection.execute(
                        sa.select(m.c.role, m.c.source_id).where(
                            m.c.cohort_id == cohort_id, m.c.left_on.is_not(None)
                        )
                    )
                }
        adepts = tuple(
            from_attributes(Adept, i, data)
            for i, data in snapshot["adepts"].items()
            if ("adept", i) not in left
        )
        mentors = tuple(
            from_attributes(Mentor, i, data)
            for i, data in snapshot["mentors"].items()
            if ("mentor", i) not in left
        )
        workplaces = tuple(
            from_attributes(Workplace, i, data) for i, data in snapshot["workplaces"].items()
        )
        return Programme(adepts=adepts, mentors=mentors, workplaces=workplaces, name=row.label)

    def diff_versions(self, cohort_id: int, before: int, after: int) -> VersionDiff:
        """What changed from version ``before`` to version ``after`` (numbers) of a cohort."""
        with self._read() as connection:
            old = _snapshot(connection, version_row(connection, cohort_id, before).id)
            new = _snapshot(connection, version_row(connection, cohort_id, after).id)
        return diff_versions(before, after, old, new)


def _latest_version(connection: Connection, cohort_id: int) -> Row | None:
    v = t.participant_versions
    return connection.execute(
        sa.select(v).where(v.c.cohort_id == cohort_id).order_by(v.c.number.desc()).limit(1)
    ).first()


def version_row(connection: Connection, cohort_id: int, number: int | None) -> Row:
    if number is None:
        row = _latest_version(connection, cohort_id)
        if row is None:
            raise StoreError(Message.of("store.version.none_yet", cohort=cohort_id))
        return row
    v = t.participant_versions
    row = connection.execute(
        sa.select(v).where(v.c.cohort_id == cohort_id, v.c.number == number)
    ).first()
    if row is None:
        raise not_found("version", f"{number} of cohort {cohort_id}")
    return row


def _snapshot(connection: Connection, version_id: int) -> dict[str, dict[str, dict[str, Any]]]:
    p, m = t.participants, t.cohort_members
    snapshot: dict[str, dict[str, dict[str, Any]]] = {table: {} for table in _TABLES}
    rows = connection.execute(
        sa.select(m.c.role, m.c.source_id, p.c.attributes)
        .join(m, m.c.id == p.c.member_id)
        .where(p.c.version_id == version_id)
        .order_by(m.c.role, p.c.position)
    )
    for row in rows:
        snapshot[f"{row.role}s"][row.source_id] = dict(row.attributes)
    for row in connection.execute(
        sa.select(t.workplaces.c.source_id, t.workplaces.c.attributes)
        .where(t.workplaces.c.version_id == version_id)
        .order_by(t.workplaces.c.position)
    ):
        snapshot["workplaces"][row.source_id] = dict(row.attributes)
    return snapshot
