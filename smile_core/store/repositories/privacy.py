"""The data-protection duties over the store: erasure, access requests, the retention purge."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from smile_core.store import privacy
from smile_core.store import schema as t
from smile_core.store.codec import (
    utc,
)
from smile_core.store.lookups import (
    audit,
    flush_deleted,
)
from smile_core.store.records import (
    ErasureReport,
    PurgeCandidate,
)
from smile_core.store.unit_of_work import UnitOfWork


class PrivacyRepository(UnitOfWork):
    """Erase a person, export everything about them, purge closed programmes."""

    # ------------------------------------------------------------------ data protection

    def erase_person(self, person_key: str, who: str) -> ErasureReport:
        """Erase the person everywhere (see :mod:`smile_core.store.privacy`)."""
        with self._write() as connection:
            report = privacy.erase_person(connection, person_key, who, self._now())
        if self._connection is None:
            flush_deleted(self.engine)
        return report

    def export_person(self, person_key: str, who: str) -> dict[str, Any]:
        """Everything stored about the person (access request), as plain JSON data; the
        audit log records that an export was made."""
        with self._write() as connection:
            now = self._now()
            data = privacy.export_person(connection, person_key, now)
            programme_id = connection.execute(
                sa.select(t.people.c.programme_id).where(t.people.c.person_key == person_key)
            ).scalar_one()
            audit(connection, now, who, "person exported", programme_id)
        return data

    def export_person_json(self, person_key: str, who: str) -> bytes:
        """:meth:`export_person` as a UTF-8 JSON file's bytes."""
        return privacy.export_json(self.export_person(person_key, who))

    def purge_preview(
        self, closed_before_months: int, *, now: datetime | None = None
    ) -> tuple[PurgeCandidate, ...]:
        """The programmes :meth:`purge` would delete: closed more than
        ``closed_before_months`` months before ``now``."""
        cutoff = privacy.months_before(utc(now) if now else self._now(), closed_before_months)
        with self._read() as connection:
            return tuple(privacy.purge_candidates(connection, cutoff))

    def purge(
        self, closed_before_months: int, who: str, *, now: datetime | None = None
    ) -> tuple[PurgeCandidate, ...]:
        """Delete the programmes closed more than ``closed_before_months`` months ago, with
        everything in them; returns what went (each logged in the audit log)."""
        moment = utc(now) if now else self._now()
        cutoff = privacy.months_before(moment, closed_before_months)
        with self._write() as connection:
            gone = tuple(privacy.purge(connection, cutoff, who, self._now()))
        if gone and self._connection is None:
            flush_deleted(self.engine)
        return gone
