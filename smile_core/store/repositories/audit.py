"""The audit log, read back."""

from __future__ import annotations

import sqlalchemy as sa

from smile_core.store import schema as t
from smile_core.store.codec import (
    utc,
)
from smile_core.store.records import (
    AuditEntry,
)
from smile_core.store.unit_of_work import UnitOfWork


class AuditRepository(UnitOfWork):
    """Read the audit log."""

    def audit_entries(self, programme_id: int | None = None) -> tuple[AuditEntry, ...]:
        """The audit log (of one programme, or all of it), oldest first."""
        query = sa.select(t.audit_log).order_by(t.audit_log.c.at, t.audit_log.c.id)
        if programme_id is not None:
            query = query.where(t.audit_log.c.programme_id == programme_id)
        with self._read() as connection:
            rows = connection.execute(query).all()
        return tuple(
            AuditEntry(
                id=r.id,
                at=utc(r.at),
                who=r.who,
                action=r.action,
                programme_id=r.programme_id,
                detail=dict(r.detail or {}),
            )
            for r in rows
        )
