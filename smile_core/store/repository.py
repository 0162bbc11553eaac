"""The store's one entry point: :class:`Repository`, reading and writing over an engine.

Every method is one short transaction: it commits everything or, on any error, nothing;
:meth:`Repository.atomic` runs several methods as one transaction instead.
Writers take the database's write lock at their start (SQLite ``BEGIN IMMEDIATE``; on
PostgreSQL writers to one cohort lock its row), so concurrent sessions, threads or processes
queue instead of losing each other's work.

Adepts and mentors are addressed by the coordinator's id within a cohort (``"A017"``) or, for
a person across cohorts and for the data-protection duties, by their ``person_key``.
Nothing here logs anything.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

import polars as pl
import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine, Row

from smile_core.participants import Adept, Mentor, Programme, Workplace
from smile_core.plan import Conflict, MatchResult, Pair, Plan, Status
from smile_core.settings import MatchSettings
from smile_core.store import accounts, outcomes, privacy
from smile_core.store import schema as t
from smile_core.store.codec import (
    attributes,
    from_attributes,
    package_versions,
    plain,
    result_figures,
    settings_from_json,
    settings_json,
    solver_name,
    utc,
    utc_now,
)
from smile_core.store.diff import Snapshot, diff_versions
from smile_core.store.engine import create_engine, read_transaction, write_transaction
from smile_core.store.errors import StoreError, not_found
from smile_core.store.lookups import (
    audit,
    cohort_row,
    flush_deleted,
    member_ids,
    programme_row,
    source_ids,
)
from smile_core.store.migrate import upgrade
from smile_core.store.records import (
    AuditEntry,
    CohortRecord,
    EditRecord,
    ErasureReport,
    Member,
    MentorGroup,
    ProgrammeRecord,
    PurgeCandidate,
    RunSummary,
    SavedVersion,
    StoredRun,
    VersionDiff,
    VersionRecord,
)
from smile_core.text import Message

_TABLES = ("adepts", "mentors", "workplaces")
_ROLE_OF_TABLE = {"adepts": "adept", "mentors": "mentor"}


class Repository:
    """Programmes, cohorts, participant versions, runs, edits, groups and outcomes.

    ``clock`` gives the current UTC time (tests pass a fixed one).
    """

    def __init__(
        self,
        engine: Engine,
        *,
        clock: Callable[[], datetime] = utc_now,
        connection: Connection | None = None,
    ) -> None:
        self.engine = engine
        self._clock = clock
        # Set only on the repository :meth:`atomic` hands out: every method then runs in
        # that one transaction instead of its own.
        self._connection = connection

    @contextmanager
    def atomic(self) -> Iterator[Repository]:
        """A repository whose every method runs in one write transaction: all of it is
        committed at the end of the ``with`` block, or nothing if anything raised."""
        if self._connection is not None:
            yield self
            return
        with write_transaction(self.engine) as connection:
            yield Repository(self.engine, clock=self._clock, connection=connection)

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        if self._connection is not None:
            yield self._connection
        else:
            with write_transaction(self.engine) as connection:
                yield connection

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        if self._connection is not None:
            yield self._connection
        else:
            with read_transaction(self.engine) as connection:
                yield connection

    @classmethod
    def open(cls, url: str | URL | None = None) -> Repository:
        """Connect to ``url`` (default: ``SMILE_DATABASE_URL`` or ``data/smile.db``), migrate
        it to the current schema, and return a repository over it."""
        engine = create_engine(url)
        upgrade(engine)
        return cls(engine)

    def _now(self) -> datetime:
        return utc(self._clock())

    # ------------------------------------------------------------------ programmes, cohorts

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
            raise StoreError("Programmet behöver ett namn", "The programme needs a name")
        if kind not in t.PROGRAMME_KINDS:
            kinds = ", ".join(t.PROGRAMME_KINDS)
            raise StoreError(
                f"Programtyp {kind!r} finns inte (välj {kinds})",
                f"Programme kind {kind!r} does not exist (choose {kinds})",
            )
        with self._write() as connection:
            taken = connection.execute(
                sa.select(t.programmes.c.id).where(t.programmes.c.name == name)
            ).first()
            if taken is not None:
                raise StoreError(
                    f"Det finns redan ett program som heter {name!r}",
                    f"A programme called {name!r} already exists",
                )
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

    def save_column_mapping(self, programme_id: int, mapping: Mapping[str, Any], who: str) -> None:
        """Keep ``mapping`` (:meth:`smile_core.mapping.ColumnMapping.to_json`) as the
        programme's column mapping, replacing the one before; an empty one forgets it."""
        with write_transaction(self.engine) as connection:
            programme_row(connection, programme_id)
            table = t.column_mappings
            connection.execute(sa.delete(table).where(table.c.programme_id == programme_id))
            if mapping:
                connection.execute(
                    sa.insert(table).values(
                        programme_id=programme_id,
                        mapping=plain(dict(mapping)),
                        updated_at=self._now(),
                        updated_by=who,
                    )
                )

    def column_mapping(self, programme_id: int) -> dict[str, Any]:
        """The programme's saved column mapping as JSON data (``{}`` when none)."""
        table = t.column_mappings
        with read_transaction(self.engine) as connection:
            found = connection.execute(
                sa.select(table.c.mapping).where(table.c.programme_id == programme_id)
            ).scalar_one_or_none()
        return dict(found or {})

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
            raise StoreError("Kohorten behöver ett namn", "The cohort needs a name")
        with self._write() as connection:
            programme_row(connection, programme_id)
            taken = connection.execute(
                sa.select(t.cohorts.c.id).where(
                    t.cohorts.c.programme_id == programme_id, t.cohorts.c.name == name
                )
            ).first()
            if taken is not None:
                raise StoreError(
                    f"Programmet har redan en kohort som heter {name!r}",
                    f"The programme already has a cohort called {name!r}",
                )
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
        latest); ``without_left`` leaves out those marked as having left."""
        with self._read() as connection:
            cohort_row(connection, cohort_id)
            row = _version(connection, cohort_id, version)
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
            old = _snapshot(connection, _version(connection, cohort_id, before).id)
            new = _snapshot(connection, _version(connection, cohort_id, after).id)
        return diff_versions(before, after, old, new)

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
                raise StoreError(
                    "En adept kan bli mentor i en annan kohort i samma program",
                    "An adept can become a mentor in another cohort of the same programme",
                )
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
            raise StoreError(
                f"Mentor-id {mentor_id} används redan av en annan person",
                f"Mentor id {mentor_id} already belongs to another person",
            )
        # Re-point first, then drop the identity the upload made up for them.
        connection.execute(sa.update(m).where(m.c.id == existing.id).values(person_id=person_id))
        connection.execute(sa.delete(t.people).where(t.people.c.id == existing.person_id))

    # ------------------------------------------------------------------ runs

    def save_run(
        self,
        cohort_id: int,
        settings: MatchSettings,
        result: MatchResult,
        seed: int,
        who: str,
        *,
        version: int | None = None,
        forbids: Iterable[tuple[str, str]] = (),
        must_match: Iterable[str] = (),
        parent_run_id: int | None = None,
    ) -> int:
        """Store a run: its settings, seed, solver and package versions, status, figures,
        time, who, the plan and the unmatched adepts, against participants ``version``
        (default the latest) and with the coordinator's ``forbids`` and ``must_match``;
        ``parent_run_id`` names the run it re-solved. Returns the run id.

        Everyone the run names must be in that version: a session still holding someone who
        was erased meanwhile (or a plan of other participants) is refused, never saved back."""
        forbids = list(forbids)
        must_match = list(must_match)
        versions = package_versions()
        with self._write() as connection:
            cohort_row(connection, cohort_id)
            version_row = _version(connection, cohort_id, version)
            if parent_run_id is not None:
                parent = _run_row(connection, parent_run_id)
                if parent.cohort_id != cohort_id:
                    raise StoreError(
                        f"Körning {parent_run_id} hör till en annan kohort",
                        f"Run {parent_run_id} belongs to another cohort",
                    )
            adepts = member_ids(
                connection,
                cohort_id,
                "adept",
                [p.adept_id for p in result.plan.pairs]
                + [u.adept_id for u in result.unmatched]
                + [a for a, _ in forbids]
                + must_match,
            )
            mentors = member_ids(
                connection,
                cohort_id,
                "mentor",
                [p.mentor_id for p in result.plan.pairs] + [m for _, m in forbids],
            )
            # Ids the cohort never had are named above; these are in it but not in this version.
            _require_in_version(connection, version_row, result, forbids, must_match)
            run_id = connection.execute(
                sa.insert(t.runs)
                .values(
                    cohort_id=cohort_id,
                    version_id=version_row.id,
                    parent_run_id=parent_run_id,
                    settings=settings_json(settings),
                    seed=seed,
                    solver=solver_name(versions),
                    versions=versions,
                    status=result.status.value,
                    figures=result_figures(result),
                    solve_seconds=float(result.solve_seconds),
                    created_at=self._now(),
                    created_by=who,
                    agreed=False,
                )
                .returning(t.runs.c.id)
            ).scalar_one()
            _insert_many(
                connection,
                t.run_pairs,
                [
                    {
                        "run_id": run_id,
                        "adept_member_id": adepts[p.adept_id],
                        "mentor_member_id": mentors[p.mentor_id],
                        "workplace_id": p.workplace_id,
                        "score": float(p.score),
                        "components": plain([list(c) for c in p.components]),
                        "locked": bool(p.locked),
                    }
                    for p in result.plan.pairs
                ],
            )
            _insert_many(
                connection,
                t.run_unmatched,
                [
                    {
                        "run_id": run_id,
                        "adept_member_id": adepts[u.adept_id],
                        "reason": u.reason.value,
                    }
                    for u in result.unmatched
                ],
            )
            _insert_many(
                connection,
                t.run_constraints,
                [
                    {
                        "run_id": run_id,
                        "kind": "forbid",
                        "adept_member_id": adepts[a],
                        "mentor_member_id": mentors[m],
                    }
                    for a, m in forbids
                ]
                + [
                    {
                        "run_id": run_id,
                        "kind": "must_match",
                        "adept_member_id": adepts[a],
                        "mentor_member_id": None,
                    }
                    for a in must_match
                ],
            )
            _insert_many(
                connection,
                t.run_conflicts,
                [
                    {
                        "run_id": run_id,
                        "position": i,
                        "kind": c.kind,
                        "subject": c.subject,
                        "limit_value": c.limit,
                        "text_key": c.text.key,
                        "params": json.dumps(c.text.to_json()["params"], ensure_ascii=False),
                    }
                    for i, c in enumerate(result.conflicts)
                ],
            )
        return run_id

    def list_runs(self, cohort_id: int) -> tuple[RunSummary, ...]:
        """The cohort's runs, oldest first."""
        with self._read() as connection:
            cohort_row(connection, cohort_id)
            rows = connection.execute(
                _run_query()
                .where(t.runs.c.cohort_id == cohort_id)
                .order_by(t.runs.c.created_at, t.runs.c.id)
            ).all()
        return tuple(_summary(row) for row in rows)

    def run_cohort_id(self, run_id: int) -> int:
        """The cohort the run belongs to (``NotFound`` for an unknown run)."""
        with self._read() as connection:
            return _run_row(connection, run_id).cohort_id

    def group_cohort_id(self, group_id: int) -> int:
        """The cohort the mentor group belongs to (``NotFound`` for an unknown group)."""
        with self._read() as connection:
            cohort_id = connection.execute(
                sa.select(t.mentor_groups.c.cohort_id).where(t.mentor_groups.c.id == group_id)
            ).scalar()
        if cohort_id is None:
            raise not_found("grupp", "group", group_id)
        return cohort_id

    def load_run(self, run_id: int) -> StoredRun:
        """A saved run in full, its plan in the order of the adepts' upload."""
        with self._read() as connection:
            return _load_run(connection, run_id)

    def mark_agreed(self, run_id: int, who: str) -> None:
        """Make this run's plan the cohort's agreed one (any other run stops being it)."""
        with self._write() as connection:
            run = _run_row(connection, run_id)
            cohort = cohort_row(connection, run.cohort_id, lock=True)
            if run.status not in (Status.OPTIMAL.value, Status.FEASIBLE.value):
                raise StoreError(
                    f"Körning {run_id} har ingen plan att komma överens om",
                    f"Run {run_id} has no plan to agree on",
                )
            now = self._now()
            connection.execute(
                sa.update(t.runs)
                .where(t.runs.c.cohort_id == run.cohort_id, t.runs.c.agreed.is_(True))
                .values(agreed=False, agreed_at=None, agreed_by=None)
            )
            connection.execute(
                sa.update(t.runs)
                .where(t.runs.c.id == run_id)
                .values(agreed=True, agreed_at=now, agreed_by=who)
            )
            audit(
                connection,
                now,
                who,
                "plan agreed",
                cohort.programme_id,
                {"cohort_id": run.cohort_id, "run_id": run_id},
            )

    def agreed_run(self, cohort_id: int) -> StoredRun | None:
        """The cohort's agreed run, if one is marked."""
        with self._read() as connection:
            cohort_row(connection, cohort_id)
            run_id = connection.execute(
                sa.select(t.runs.c.id).where(
                    t.runs.c.cohort_id == cohort_id, t.runs.c.agreed.is_(True)
                )
            ).scalar()
            return _load_run(connection, run_id) if run_id is not None else None

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
        with self._write() as connection:
            run = _run_row(connection, run_id)
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
            _run_row(connection, run_id)
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
    ) -> int:
        """A group the mentor leads, for ``min_size`` to ``max_size`` adepts; returns its id."""
        if not 1 <= min_size <= max_size:
            raise StoreError(
                f"Gruppstorlek {min_size}–{max_size} går inte (minst 1, min högst max)",
                f"Group size {min_size}–{max_size} is impossible (at least 1, min at most max)",
            )
        with self._write() as connection:
            cohort = cohort_row(connection, cohort_id, lock=True)
            leader = member_ids(connection, cohort_id, "mentor", [mentor_id])[mentor_id]
            group_id = connection.execute(
                sa.insert(t.mentor_groups)
                .values(
                    cohort_id=cohort_id,
                    leader_member_id=leader,
                    label=label,
                    min_size=min_size,
                    max_size=max_size,
                    created_at=self._now(),
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
                raise not_found("grupp", "group", group_id)
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
            )
            for row in groups
        )

    # ------------------------------------------------------------------ outcomes

    def record_followups(self, cohort_id: int, frame: pl.DataFrame, who: str) -> int:
        """Store follow-ups (columns ``adept_id``, ``months``, ``status``,
        ``mentor_contributed``) for the cohort's adepts; a stored adept and month is replaced.
        Returns the number of rows."""
        with self._write() as connection:
            cohort_row(connection, cohort_id, lock=True)
            return outcomes.write_followups(connection, cohort_id, frame, who, self._now())

    def load_followups(
        self, *, programme_id: int | None = None, cohort_ids: Iterable[int] | None = None
    ) -> pl.DataFrame:
        """Follow-ups of a programme and/or some cohorts (everything when neither is given):
        ``programme``, ``cohort``, ``adept_id``, ``months``, ``status``,
        ``mentor_contributed``."""
        with self._read() as connection:
            return outcomes.read_followups(connection, programme_id, cohort_ids)

    def record_evaluations(self, cohort_id: int, frame: pl.DataFrame, who: str) -> int:
        """Store evaluation answers (``respondent_id``, ``role``, ``item``, ``answer``) of the
        cohort's adepts and mentors; a stored respondent and item is replaced."""
        with self._write() as connection:
            cohort_row(connection, cohort_id, lock=True)
            return outcomes.write_evaluations(connection, cohort_id, frame, who, self._now())

    def load_evaluations(
        self, *, programme_id: int | None = None, cohort_ids: Iterable[int] | None = None
    ) -> pl.DataFrame:
        """Evaluation answers of a programme and/or some cohorts (everything by default)."""
        with self._read() as connection:
            return outcomes.read_evaluations(connection, programme_id, cohort_ids)

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


# ---------------------------------------------------------------------- row helpers


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


def _insert_many(connection: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        connection.execute(sa.insert(table), rows)


def _latest_version(connection: Connection, cohort_id: int) -> Row | None:
    v = t.participant_versions
    return connection.execute(
        sa.select(v).where(v.c.cohort_id == cohort_id).order_by(v.c.number.desc()).limit(1)
    ).first()


def _version(connection: Connection, cohort_id: int, number: int | None) -> Row:
    if number is None:
        row = _latest_version(connection, cohort_id)
        if row is None:
            raise StoreError(
                f"Kohort {cohort_id} har inga deltagare uppladdade än",
                f"Cohort {cohort_id} has no participants uploaded yet",
            )
        return row
    v = t.participant_versions
    row = connection.execute(
        sa.select(v).where(v.c.cohort_id == cohort_id, v.c.number == number)
    ).first()
    if row is None:
        raise not_found("version", "version", f"{number} of cohort {cohort_id}")
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


def _run_row(connection: Connection, run_id: int) -> Row:
    row = connection.execute(sa.select(t.runs).where(t.runs.c.id == run_id)).first()
    if row is None:
        raise not_found("körning", "run", run_id)
    return row


def _run_query() -> sa.Select:
    return sa.select(t.runs, t.participant_versions.c.number.label("version_number")).join(
        t.participant_versions, t.participant_versions.c.id == t.runs.c.version_id
    )


def _summary(row: Row) -> RunSummary:
    figures = row.figures or {}
    return RunSummary(
        id=row.id,
        cohort_id=row.cohort_id,
        version_number=row.version_number,
        status=Status(row.status),
        matched=int(figures.get("matched", 0)),
        total_score=float(figures.get("total_score", 0.0)),
        seed=row.seed,
        solve_seconds=row.solve_seconds,
        created_at=utc(row.created_at),
        created_by=row.created_by,
        agreed=bool(row.agreed),
        parent_run_id=row.parent_run_id,
    )


def _load_run(connection: Connection, run_id: int) -> StoredRun:
    row = connection.execute(_run_query().where(t.runs.c.id == run_id)).first()
    if row is None:
        raise not_found("körning", "run", run_id)
    adept, mentor = sa.alias(t.cohort_members), sa.alias(t.cohort_members)
    rp, pos = t.run_pairs, t.participants
    pairs = connection.execute(
        sa.select(
            adept.c.source_id.label("adept_id"),
            mentor.c.source_id.label("mentor_id"),
            rp.c.workplace_id,
            rp.c.score,
            rp.c.components,
            rp.c.locked,
        )
        .join(adept, adept.c.id == rp.c.adept_member_id)
        .join(mentor, mentor.c.id == rp.c.mentor_member_id)
        .outerjoin(
            pos,
            sa.and_(pos.c.member_id == rp.c.adept_member_id, pos.c.version_id == row.version_id),
        )
        .where(rp.c.run_id == run_id)
        .order_by(pos.c.position, adept.c.source_id)
    ).all()
    plan = Plan(
        tuple(
            Pair(
                adept_id=p.adept_id,
                mentor_id=p.mentor_id,
                workplace_id=p.workplace_id,
                score=p.score,
                components=tuple((str(name), float(value)) for name, value in p.components),
                locked=bool(p.locked),
            )
            for p in pairs
        )
    )
    m = t.cohort_members
    unmatched = connection.execute(
        sa.select(m.c.source_id, t.run_unmatched.c.reason)
        .join(m, m.c.id == t.run_unmatched.c.adept_member_id)
        .where(t.run_unmatched.c.run_id == run_id)
        .order_by(m.c.source_id)
    ).all()
    constraints = connection.execute(
        sa.select(
            t.run_constraints.c.kind,
            adept.c.source_id.label("adept_id"),
            mentor.c.source_id.label("mentor_id"),
        )
        .join(adept, adept.c.id == t.run_constraints.c.adept_member_id)
        .outerjoin(mentor, mentor.c.id == t.run_constraints.c.mentor_member_id)
        .where(t.run_constraints.c.run_id == run_id)
        .order_by(adept.c.source_id, mentor.c.source_id)
    ).all()
    conflicts = connection.execute(
        sa.select(
            t.run_conflicts.c.kind,
            t.run_conflicts.c.text_key,
            t.run_conflicts.c.params,
            t.run_conflicts.c.subject,
            t.run_conflicts.c.limit_value,
        )
        .where(t.run_conflicts.c.run_id == run_id)
        .order_by(t.run_conflicts.c.position)
    ).all()
    return StoredRun(
        summary=_summary(row),
        version_id=row.version_id,
        settings=settings_from_json(row.settings),
        solver=row.solver,
        versions=dict(row.versions),
        figures=dict(row.figures),
        plan=plan,
        unmatched=tuple((u.source_id, u.reason) for u in unmatched),
        forbids=tuple((c.adept_id, c.mentor_id) for c in constraints if c.kind == "forbid"),
        must_match=tuple(c.adept_id for c in constraints if c.kind == "must_match"),
        conflicts=tuple(
            Conflict(
                c.kind,
                Message.from_json({"key": c.text_key, "params": json.loads(c.params)}),
                c.subject,
                c.limit_value,
            )
            for c in conflicts
        ),
        agreed_at=utc(row.agreed_at),
        agreed_by=row.agreed_by,
    )


def _require_in_version(
    connection: Connection,
    version: Row,
    result: MatchResult,
    forbids: list[tuple[str, str]],
    must_match: list[str],
) -> None:
    m, p = t.cohort_members, t.participants
    present = {
        (row.role, row.source_id)
        for row in connection.execute(
            sa.select(m.c.role, m.c.source_id)
            .join(p, p.c.member_id == m.c.id)
            .where(p.c.version_id == version.id)
        )
    }
    named = (
        {("adept", pair.adept_id) for pair in result.plan.pairs}
        | {("mentor", pair.mentor_id) for pair in result.plan.pairs}
        | {("adept", u.adept_id) for u in result.unmatched}
        | {("adept", a) for a, _ in forbids}
        | {("mentor", b) for _, b in forbids}
        | {("adept", a) for a in must_match}
    )
    if not named <= present:
        raise StoreError(
            f"Planen gäller personer som inte finns i deltagarversion {version.number}, till "
            "exempel för att de har raderats under tiden. Den sparades inte: öppna kohorten igen.",
            f"The plan is about people who are not in participant version {version.number}, "
            "for instance because they were erased meanwhile. It was not saved: open the cohort "
            "again.",
        )


def _set_group_members(
    connection: Connection, group_id: int, cohort_id: int, max_size: int, adept_ids: list[str]
) -> None:
    if len(set(adept_ids)) > max_size:
        raise StoreError(
            f"Gruppen rymmer högst {max_size} adepter, inte {len(set(adept_ids))}",
            f"The group takes at most {max_size} adepts, not {len(set(adept_ids))}",
        )
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
        raise StoreError(
            f"Redan med i en annan grupp: {listed}", f"Already in another group: {listed}"
        )
    connection.execute(sa.delete(gm).where(gm.c.group_id == group_id))
    _insert_many(
        connection,
        gm,
        [{"group_id": group_id, "adept_member_id": m} for m in sorted(members.values())],
    )
