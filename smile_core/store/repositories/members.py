"""A cohort's people across versions: who is or was in it, who left, who became a mentor."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from smile_core.store import schema as t
from smile_core.store.errors import StoreError
from smile_core.store.lookups import (
    audit,
    cohort_row,
    member_ids,
)
from smile_core.store.records import (
    Member,
)
from smile_core.store.unit_of_work import UnitOfWork
from smile_core.text import Message


class MemberRepository(UnitOfWork):
    """Cohort members: list them, their person keys, leaving, promotion to mentor."""

    # ------------------------------------------------------------------ people

    def list_members(self, cohort_id: int) -> tuple[Member, ...]:
        """Everyone who is or was in the cohort, adepts first, by the coordinator's id."""
        m, source = t.cohort_members, sa.alias(t.cohort_members)
        with self._read() as connection:
            cohort_row(connection, cohort_id)
            rows = connection.execute(
                sa.select(
                    m,
                    t.people.c.person_key,
                    source.c.cohort_id.label("from_cohort"),
                    source.c.role.label("from_role"),
                    source.c.source_id.label("from_id"),
                )
                .join(t.people, t.people.c.id == m.c.person_id)
                .outerjoin(source, source.c.id == m.c.promoted_from_id)
                .where(m.c.cohort_id == cohort_id)
                .order_by(m.c.role, m.c.source_id)
            ).all()
        return tuple(
            Member(
                cohort_id=row.cohort_id,
                role=row.role,
                source_id=row.source_id,
                person_key=row.person_key,
                left_on=row.left_on,
                promoted_from=(row.from_cohort, row.from_role, row.from_id)
                if row.from_cohort is not None
                else None,
            )
            for row in rows
        )

    def person_key(self, cohort_id: int, role: str, source_id: str) -> str:
        """The person key of the cohort's ``role`` member with the coordinator's id."""
        with self._read() as connection:
            member = member_ids(connection, cohort_id, role, [source_id])[source_id]
            return connection.execute(
                sa.select(t.people.c.person_key)
                .join(t.cohort_members, t.cohort_members.c.person_id == t.people.c.id)
                .where(t.cohort_members.c.id == member)
            ).scalar_one()

    def mark_left(
        self,
        cohort_id: int,
        source_id: str,
        left_on: date | None,
        who: str,
        *,
        role: str = "adept",
    ) -> None:
        """Record that the adept (or mentor) left the programme on ``left_on`` (``None``
        undoes it). Their pairs in saved runs stay as they were: re-match from the agreed plan."""
        with self._write() as connection:
            cohort = cohort_row(connection, cohort_id, lock=True)
            member = member_ids(connection, cohort_id, role, [source_id])[source_id]
            connection.execute(
                sa.update(t.cohort_members)
                .where(t.cohort_members.c.id == member)
                .values(left_on=left_on)
            )
            action = "participant left" if left_on else "participant back"
            audit(
                connection, self._now(), who, action, cohort.programme_id, {"cohort_id": cohort_id}
            )

    def promote_to_mentor(
        self,
        cohort_id: int,
        adept_id: str,
        next_cohort_id: int,
        who: str,
        *,
        mentor_id: str | None = None,
    ) -> str:
        """Make an adept of one cohort a mentor of a later cohort of the same programme, as
        the same person (history kept); returns their person key.

        ``mentor_id`` is their id in the next cohort's mentor file (default: ``adept_id``).
        If that file was already uploaded and gave them a new, otherwise unused identity,
        that identity is merged into theirs.
        """
        mentor_id = mentor_id or adept_id
        m = t.cohort_members
        with self._write() as connection:
            cohort = cohort_row(connection, cohort_id)
            target = cohort_row(connection, next_cohort_id, lock=True)
            if target.programme_id != cohort.programme_id or target.id == cohort.id:
                raise StoreError(Message.of("store.member.promote_elsewhere"))
            adept_member = member_ids(connection, cohort_id, "adept", [adept_id])[adept_id]
            person_id = connection.execute(
                sa.select(m.c.person_id).where(m.c.id == adept_member)
            ).scalar_one()
            existing = connection.execute(
                sa.select(m.c.id, m.c.person_id).where(
                    m.c.cohort_id == next_cohort_id,
                    m.c.role == "mentor",
                    m.c.source_id == mentor_id,
                )
            ).first()
            if existing is None:
                connection.execute(
                    sa.insert(m).values(
                        cohort_id=next_cohort_id,
                        person_id=person_id,
                        role="mentor",
                        source_id=mentor_id,
                        created_at=self._now(),
                        promoted_from_id=adept_member,
                    )
                )
            elif existing.person_id != person_id:
                self._merge_fresh_identity(connection, existing, person_id, mentor_id)
                connection.execute(
                    sa.update(m)
                    .where(m.c.id == existing.id)
                    .values(person_id=person_id, promoted_from_id=adept_member)
                )
            audit(
                connection,
                self._now(),
                who,
                "promoted to mentor",
                cohort.programme_id,
                {"cohort_id": next_cohort_id},
            )
            return connection.execute(
                sa.select(t.people.c.person_key).where(t.people.c.id == person_id)
            ).scalar_one()

    @staticmethod
    def _merge_fresh_identity(
        connection: Connection, existing: Row, person_id: int, mentor_id: str
    ) -> None:
        m = t.cohort_members
        others = connection.execute(
            sa.select(sa.func.count())
            .select_from(m)
            .where(m.c.person_id == existing.person_id, m.c.id != existing.id)
        ).scalar_one()
        if others:
            raise StoreError(Message.of("store.member.mentor_id_taken", id=mentor_id))
        # Re-point first, then drop the identity the upload made up for them.
        connection.execute(sa.update(m).where(m.c.id == existing.id).values(person_id=person_id))
        connection.execute(sa.delete(t.people).where(t.people.c.id == existing.person_id))
