"""Programmes and their cohorts (intakes)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Row

from smile_core.store import accounts
from smile_core.store import schema as t
from smile_core.store.codec import (
    plain,
    utc,
)
from smile_core.store.errors import StoreError
from smile_core.store.lookups import (
    audit,
    cohort_row,
    programme_row,
)
from smile_core.store.records import (
    CohortRecord,
    ProgrammeRecord,
)
from smile_core.store.unit_of_work import UnitOfWork
from smile_core.text import Message


class ProgrammeRepository(UnitOfWork):
    """Programmes (create, list, close) and their cohorts."""

    def create_programme(
        self,
        name: str,
        kind: str,
        rhythm: Mapping[str, Any],
        who: str,
        *,
        owner_user_id: int | None = None,
    ) -> int:
        """A new programme; ``kind`` is vocational, academic or group; ``rhythm`` describes its
        weeks or months, e.g. ``{"weeks": 30, "theory_days": 2, "practice_days": 2,
        "school_days": 1}``. Names are unique. ``owner_user_id`` (a coordinator creating it) is
        given the programme in the same transaction."""
        name = name.strip()
        if not name:
            raise StoreError(Message.of("store.programme.no_name"))
        if kind not in t.PROGRAMME_KINDS:
            kinds = ", ".join(t.PROGRAMME_KINDS)
            raise StoreError(
                Message.of("store.programme.unknown_kind", kind=repr(kind), kinds=kinds)
            )
        with self._write() as connection:
            taken = connection.execute(
                sa.select(t.programmes.c.id).where(t.programmes.c.name == name)
            ).first()
            if taken is not None:
                raise StoreError(Message.of("store.programme.taken", name=repr(name)))
            now = self._now()
            programme_id = connection.execute(
                sa.insert(t.programmes)
                .values(name=name, kind=kind, rhythm=plain(dict(rhythm)), created_at=now)
                .returning(t.programmes.c.id)
            ).scalar_one()
            audit(connection, now, who, "programme created", programme_id)
            if owner_user_id is not None:
                accounts.grant(connection, owner_user_id, programme_id)
        return programme_id

    def list_programmes(self, *, include_closed: bool = True) -> tuple[ProgrammeRecord, ...]:
        """Every programme by name (open ones only unless ``include_closed``)."""
        query = sa.select(t.programmes).order_by(t.programmes.c.name)
        if not include_closed:
            query = query.where(t.programmes.c.closed_at.is_(None))
        with self._read() as connection:
            return tuple(_programme(row) for row in connection.execute(query))

    def get_programme(self, programme_id: int) -> ProgrammeRecord:
        """One programme."""
        with self._read() as connection:
            return _programme(programme_row(connection, programme_id))

    def close_programme(
        self, programme_id: int, who: str, closed_at: datetime | None = None
    ) -> None:
        """Mark the programme closed (now unless ``closed_at``): the retention clock starts."""
        with self._write() as connection:
            programme_row(connection, programme_id)
            closed = utc(closed_at) if closed_at else self._now()
            connection.execute(
                sa.update(t.programmes)
                .where(t.programmes.c.id == programme_id)
                .values(closed_at=closed)
            )
            audit(connection, self._now(), who, "programme closed", programme_id)

    def create_cohort(
        self, programme_id: int, name: str, who: str, starts_on: date | None = None
    ) -> int:
        """A new cohort (intake) of the programme; names are unique within a programme."""
        name = name.strip()
        if not name:
            raise StoreError(Message.of("store.cohort.no_name"))
        with self._write() as connection:
            programme_row(connection, programme_id)
            taken = connection.execute(
                sa.select(t.cohorts.c.id).where(
                    t.cohorts.c.programme_id == programme_id, t.cohorts.c.name == name
                )
            ).first()
            if taken is not None:
                raise StoreError(Message.of("store.cohort.taken", name=repr(name)))
            now = self._now()
            cohort_id = connection.execute(
                sa.insert(t.cohorts)
                .values(programme_id=programme_id, name=name, starts_on=starts_on, created_at=now)
                .returning(t.cohorts.c.id)
            ).scalar_one()
            audit(connection, now, who, "cohort created", programme_id, {"cohort_id": cohort_id})
        return cohort_id

    def list_cohorts(self, programme_id: int) -> tuple[CohortRecord, ...]:
        """The programme's cohorts, oldest first."""
        with self._read() as connection:
            rows = connection.execute(
                sa.select(t.cohorts)
                .where(t.cohorts.c.programme_id == programme_id)
                .order_by(t.cohorts.c.created_at, t.cohorts.c.id)
            )
            return tuple(_cohort(row) for row in rows)

    def get_cohort(self, cohort_id: int) -> CohortRecord:
        """One cohort."""
        with self._read() as connection:
            return _cohort(cohort_row(connection, cohort_id))


def _programme(row: Row) -> ProgrammeRecord:
    return ProgrammeRecord(
        id=row.id,
        name=row.name,
        kind=row.kind,
        rhythm=dict(row.rhythm or {}),
        created_at=utc(row.created_at),
        closed_at=utc(row.closed_at),
    )


def _cohort(row: Row) -> CohortRecord:
    return CohortRecord(
        id=row.id,
        programme_id=row.programme_id,
        name=row.name,
        starts_on=row.starts_on,
        created_at=utc(row.created_at),
    )
