"""The audit trail of a run's manual changes (plan edits)."""

from __future__ import annotations

import sqlalchemy as sa

from smile_core.store import schema as t
from smile_core.store.codec import (
    utc,
)
from smile_core.store.lookups import (
    member_ids,
    source_ids,
)
from smile_core.store.records import (
    EditRecord,
)
from smile_core.store.repositories.runs import run_row
from smile_core.store.unit_of_work import UnitOfWork


class EditRepository(UnitOfWork):
    """Append and list a run's manual changes."""

    def record_edit(
        self,
        run_id: int,
        who: str,
        what: str,
        why: str,
        *,
        adept_id: str | None = None,
        mentor_id: str | None = None,
    ) -> int:
        """Append a manual change to the run's audit trail: who, what, why (now), and the
        adept and mentor it is about, so the entry goes if either is erased."""
        with self._write(adds_only=True) as connection:
            run = run_row(connection, run_id)
            adept = member_ids(connection, run.cohort_id, "adept", [adept_id] if adept_id else [])
            mentor = member_ids(
                connection, run.cohort_id, "mentor", [mentor_id] if mentor_id else []
            )
            return connection.execute(
                sa.insert(t.edits)
                .values(
                    run_id=run_id,
                    created_at=self._now(),
                    who=who,
                    what=what,
                    why=why,
                    adept_member_id=adept.get(adept_id) if adept_id else None,
                    mentor_member_id=mentor.get(mentor_id) if mentor_id else None,
                )
                .returning(t.edits.c.id)
            ).scalar_one()

    def list_edits(self, run_id: int) -> tuple[EditRecord, ...]:
        """The run's manual changes, oldest first."""
        with self._read() as connection:
            run_row(connection, run_id)
            rows = connection.execute(
                sa.select(t.edits)
                .where(t.edits.c.run_id == run_id)
                .order_by(t.edits.c.created_at, t.edits.c.id)
            ).all()
            names = source_ids(
                connection,
                [r.adept_member_id for r in rows if r.adept_member_id]
                + [r.mentor_member_id for r in rows if r.mentor_member_id],
            )
        return tuple(
            EditRecord(
                id=r.id,
                run_id=r.run_id,
                created_at=utc(r.created_at),
                who=r.who,
                what=r.what,
                why=r.why,
                adept_id=names.get(r.adept_member_id),
                mentor_id=names.get(r.mentor_member_id),
            )
            for r in rows
        )
