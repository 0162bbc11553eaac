"""Runs: a solve's settings, seed, figures and plan, pinned to a participant version."""

from __future__ import annotations

import json
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from smile_core.matching.plan import Conflict, MatchResult, Pair, Plan, Status, UnmatchedReason
from smile_core.matching.role_plan import Placement, RolePair, RolePlan, RoleUnmatched
from smile_core.matching.roles import PLACEMENT
from smile_core.matching.settings import MatchSettings
from smile_core.store import read_cache
from smile_core.store import schema as t
from smile_core.store.codec import (
    package_versions,
    plain,
    result_figures,
    role_setup_from_json,
    role_setup_json,
    settings_from_json,
    settings_json,
    solver_name,
    utc,
)
from smile_core.store.errors import StoreError, not_found
from smile_core.store.lookups import (
    audit,
    cohort_row,
    insert_many,
    member_ids,
)
from smile_core.store.records import (
    RunSummary,
    StoredRoles,
    StoredRun,
)
from smile_core.store.repositories.versions import version_row
from smile_core.store.unit_of_work import UnitOfWork
from smile_core.text import Message


class RunRepository(UnitOfWork):
    """Save, list and load runs; mark and read the cohort's agreed one."""

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
        role_forbids: Iterable[tuple[str, str, str]] = (),
    ) -> int:
        """Store a run: its settings, seed, solver and package versions, status, figures,
        time, who, the plan and the unmatched adepts, against participants ``version``
        (default the latest) and with the coordinator's ``forbids`` and ``must_match``;
        ``parent_run_id`` names the run it re-solved. Returns the run id.

        A result with roles (``result.roles``) also keeps its role setup (in the figures) and,
        in ``run_role_choices``, each adept's placement and person per role, the unmet needs
        with their reasons and the coordinator's ``role_forbids`` as (adept, person or
        workplace, role key); without roles ``role_forbids`` is ignored and the run is stored
        exactly as before.

        Everyone the run names must be in that version: a session still holding someone who
        was erased meanwhile (or a plan of other participants) is refused, never saved back."""
        forbids = list(forbids)
        must_match = list(must_match)
        roles = result.roles
        role_forbids = sorted(role_forbids) if roles is not None else []
        figures = result_figures(result)
        if roles is not None:
            figures["role_setup"] = role_setup_json(roles.setup)
        versions = package_versions()
        with self._write(adds_only=True) as connection:
            cohort_row(connection, cohort_id)
            pinned = version_row(connection, cohort_id, version)
            if parent_run_id is not None:
                parent = run_row(connection, parent_run_id)
                if parent.cohort_id != cohort_id:
                    raise StoreError(Message.of("store.run.other_cohort", run=parent_run_id))
            adepts = member_ids(
                connection,
                cohort_id,
                "adept",
                [p.adept_id for p in result.plan.pairs]
                + [u.adept_id for u in result.unmatched]
                + [a for a, _ in forbids]
                + must_match
                + _role_adepts(roles, role_forbids),
            )
            mentors = member_ids(
                connection,
                cohort_id,
                "mentor",
                [p.mentor_id for p in result.plan.pairs]
                + [m for _, m in forbids]
                + _role_people(roles, role_forbids),
            )
            # Ids the cohort never had are named above; these are in it but not in this version.
            _require_in_version(connection, pinned, result, forbids, must_match, role_forbids)
            run_id = connection.execute(
                sa.insert(t.runs)
                .values(
                    cohort_id=cohort_id,
                    version_id=pinned.id,
                    parent_run_id=parent_run_id,
                    settings=settings_json(settings),
                    seed=seed,
                    solver=solver_name(versions),
                    versions=versions,
                    status=result.status.value,
                    figures=figures,
                    solve_seconds=float(result.solve_seconds),
                    created_at=self._now(),
                    created_by=who,
                    agreed=False,
                )
                .returning(t.runs.c.id)
            ).scalar_one()
            insert_many(
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
            insert_many(
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
            insert_many(
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
            insert_many(
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
            if roles is not None:
                insert_many(
                    connection,
                    t.run_role_choices,
                    _role_rows(run_id, roles, role_forbids, adepts, mentors),
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
            return run_row(connection, run_id).cohort_id

    def load_run(self, run_id: int) -> StoredRun:
        """A saved run in full, its plan in the order of the adepts' upload."""
        if self._connection is not None:  # inside a transaction: what it sees, never kept
            return _load_run(self._connection, run_id)

        def load() -> StoredRun:
            with self._read() as connection:
                return _load_run(connection, run_id)

        return read_cache.kept(self.engine, ("run", run_id), load)

    def load_plan(self, run_id: int) -> Plan:
        """A saved run's plan without the pairs' score components (for figures and counts:
        a fraction of :meth:`load_run`'s time at 5,000 pairs)."""
        with self._read() as connection:
            row = run_row(connection, run_id)
            return _load_plan(connection, run_id, row.version_id, components=False)

    def load_roles(self, run_id: int) -> StoredRoles | None:
        """A saved run's plan with roles (None for a run without roles), without the rest of
        the run: with :meth:`load_plan`, what the figures by role need."""
        with self._read() as connection:
            row = run_row(connection, run_id)
            figures = row.figures or {}
            if "role_setup" not in figures:
                return None
            return _load_roles(connection, run_id, figures["role_setup"])

    def mark_agreed(self, run_id: int, who: str) -> None:
        """Make this run's plan the cohort's agreed one (any other run stops being it)."""
        with self._write() as connection:
            run = run_row(connection, run_id)
            cohort = cohort_row(connection, run.cohort_id, lock=True)
            if run.status not in (Status.OPTIMAL.value, Status.FEASIBLE.value):
                raise StoreError(Message.of("store.run.no_plan", run=run_id))
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


def run_row(connection: Connection, run_id: int) -> Row:
    row = connection.execute(sa.select(t.runs).where(t.runs.c.id == run_id)).first()
    if row is None:
        raise not_found("run", run_id)
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
        hand_edits=int(figures.get("hand_edits", 0)),
    )


def _load_run(connection: Connection, run_id: int) -> StoredRun:
    row = connection.execute(_run_query().where(t.runs.c.id == run_id)).first()
    if row is None:
        raise not_found("run", run_id)
    plan = _load_plan(connection, run_id, row.version_id)
    adept, mentor = sa.alias(t.cohort_members), sa.alias(t.cohort_members)
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
        roles=_load_roles(connection, run_id, row.figures["role_setup"])
        if "role_setup" in (row.figures or {})
        else None,
    )


def _role_adepts(roles: RolePlan | None, forbids: list[tuple[str, str, str]]) -> list[str]:
    """Every adept a plan with roles (and its forbids by role) names."""
    if roles is None:
        return []
    return (
        [p.adept_id for p in roles.placements]
        + [p.adept_id for p in roles.pairs]
        + [u.adept_id for u in roles.unmatched]
        + [a for a, _p, _r in forbids]
    )


def _role_people(roles: RolePlan | None, forbids: list[tuple[str, str, str]]) -> list[str]:
    """Every mentor a plan with roles (and its forbids by role) names; a placement's
    workplace is no member."""
    if roles is None:
        return []
    return [p.mentor_id for p in roles.pairs] + [p for _a, p, r in forbids if r != PLACEMENT]


def _role_rows(
    run_id: int,
    roles: RolePlan,
    forbids: list[tuple[str, str, str]],
    adepts: dict[str, int],
    mentors: dict[str, int],
) -> list[dict[str, object]]:
    """The ``run_role_choices`` rows of a plan with roles: choices, unmet needs, forbids."""
    base = {"run_id": run_id, "reason": None, "text_key": None, "params": None}
    rows: list[dict[str, object]] = [
        base
        | {
            "kind": "choice",
            "adept_member_id": adepts[p.adept_id],
            "role": PLACEMENT,
            "mentor_member_id": None,
            "workplace_id": p.workplace_id,
            "score": float(p.score),
            "locked": bool(p.locked),
        }
        for p in roles.placements
    ]
    rows += [
        base
        | {
            "kind": "choice",
            "adept_member_id": adepts[p.adept_id],
            "role": p.role,
            "mentor_member_id": mentors[p.mentor_id],
            "workplace_id": p.workplace_id,
            "score": float(p.score),
            "locked": bool(p.locked),
        }
        for p in roles.pairs
    ]
    rows += [
        {
            "run_id": run_id,
            "kind": "unmet",
            "adept_member_id": adepts[u.adept_id],
            "role": u.role,
            "mentor_member_id": None,
            "workplace_id": "",
            "score": 0.0,
            "locked": False,
            "reason": u.reason.value,
            "text_key": u.text.key,
            "params": json.dumps(u.text.to_json()["params"], ensure_ascii=False),
        }
        for u in roles.unmatched
    ]
    rows += [
        base
        | {
            "kind": "forbid",
            "adept_member_id": adepts[a],
            "role": role,
            "mentor_member_id": None if role == PLACEMENT else mentors[person],
            "workplace_id": person if role == PLACEMENT else "",
            "score": 0.0,
            "locked": False,
        }
        for a, person, role in forbids
    ]
    return rows


def _load_roles(connection: Connection, run_id: int, setup_json: dict) -> StoredRoles:
    """A run's plan with roles from ``run_role_choices``, in the order a solve gives it."""
    setup = role_setup_from_json(setup_json)
    adept, mentor = sa.alias(t.cohort_members), sa.alias(t.cohort_members)
    rc = t.run_role_choices
    rows = connection.execute(
        sa.select(
            rc.c.kind,
            rc.c.role,
            adept.c.source_id.label("adept_id"),
            mentor.c.source_id.label("mentor_id"),
            rc.c.workplace_id,
            rc.c.score,
            rc.c.locked,
            rc.c.reason,
            rc.c.text_key,
            rc.c.params,
        )
        .join(adept, adept.c.id == rc.c.adept_member_id)
        .outerjoin(mentor, mentor.c.id == rc.c.mentor_member_id)
        .where(rc.c.run_id == run_id)
    ).all()
    order = {key: i for i, key in enumerate(setup.keys)}
    placements = sorted(
        (
            Placement(r.adept_id, r.workplace_id, r.score, bool(r.locked))
            for r in rows
            if r.kind == "choice" and r.role == PLACEMENT
        ),
        key=lambda p: p.adept_id,
    )
    pairs = sorted(
        (
            RolePair(r.adept_id, r.mentor_id, r.role, r.workplace_id, r.score, bool(r.locked))
            for r in rows
            if r.kind == "choice" and r.role != PLACEMENT
        ),
        key=lambda p: (p.adept_id, order.get(p.role, len(order)), p.role),
    )
    unmatched = sorted(
        (
            RoleUnmatched(
                r.adept_id,
                r.role,
                UnmatchedReason(r.reason),
                Message.from_json({"key": r.text_key, "params": json.loads(r.params or "{}")}),
            )
            for r in rows
            if r.kind == "unmet"
        ),
        key=lambda u: (u.adept_id, u.role),
    )
    forbids = sorted(
        (r.adept_id, r.workplace_id if r.role == PLACEMENT else r.mentor_id, r.role)
        for r in rows
        if r.kind == "forbid"
    )
    return StoredRoles(setup, tuple(placements), tuple(pairs), tuple(unmatched), tuple(forbids))


def _require_in_version(
    connection: Connection,
    version: Row,
    result: MatchResult,
    forbids: list[tuple[str, str]],
    must_match: list[str],
    role_forbids: list[tuple[str, str, str]],
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
        | {("adept", a) for a in _role_adepts(result.roles, role_forbids)}
        | {("mentor", m) for m in _role_people(result.roles, role_forbids)}
    )
    if not named <= present:
        raise StoreError(Message.of("store.run.people_gone", version=version.number))


def _load_plan(
    connection: Connection, run_id: int, version_id: int, *, components: bool = True
) -> Plan:
    """The run's plan in the order of the adepts' upload; without ``components`` each pair's
    score components are left out (empty): the slow part of reading 5,000 pairs."""
    adept, mentor = sa.alias(t.cohort_members), sa.alias(t.cohort_members)
    rp, pos = t.run_pairs, t.participants
    columns = [
        adept.c.source_id.label("adept_id"),
        mentor.c.source_id.label("mentor_id"),
        rp.c.workplace_id,
        rp.c.score,
        rp.c.locked,
    ]
    if components:
        columns.append(rp.c.components)
    pairs = connection.execute(
        sa.select(*columns)
        .join(adept, adept.c.id == rp.c.adept_member_id)
        .join(mentor, mentor.c.id == rp.c.mentor_member_id)
        .outerjoin(
            pos,
            sa.and_(pos.c.member_id == rp.c.adept_member_id, pos.c.version_id == version_id),
        )
        .where(rp.c.run_id == run_id)
        .order_by(pos.c.position, adept.c.source_id)
    ).all()
    return Plan(
        tuple(
            Pair(
                adept_id=p.adept_id,
                mentor_id=p.mentor_id,
                workplace_id=p.workplace_id,
                score=p.score,
                components=(
                    tuple((str(name), float(value)) for name, value in p.components)
                    if components
                    else ()
                ),
                locked=bool(p.locked),
            )
            for p in pairs
        )
    )
