"""Small reads and writes the repository's parts share, each inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, Row

from smile_core.store import schema as t
from smile_core.store.engine import SQLITE_BUSY_TIMEOUT_MS, is_sqlite
from smile_core.store.errors import WalNotFlushed, not_found, unknown_ids


def cohort_row(connection: Connection, cohort_id: int, *, lock: bool = False) -> Row:
    """The cohort's row; ``lock`` holds it (PostgreSQL ``FOR UPDATE``) so writers to one cohort
    take turns (SQLite's ``BEGIN IMMEDIATE`` already serialises every writer)."""
    query = sa.select(t.cohorts).where(t.cohorts.c.id == cohort_id)
    if lock:
        query = query.with_for_update()
    row = connection.execute(query).first()
    if row is None:
        raise not_found("cohort", cohort_id)
    return row


def programme_row(connection: Connection, programme_id: int) -> Row:
    """The programme's row."""
    row = connection.execute(
        sa.select(t.programmes).where(t.programmes.c.id == programme_id)
    ).first()
    if row is None:
        raise not_found("programme", programme_id)
    return row


def member_ids(
    connection: Connection, cohort_id: int, role: str, source_ids: Iterable[str]
) -> dict[str, int]:
    """Member row ids of the cohort's ``role`` members with the given coordinator ids.

    Raises :class:`~smile_core.store.errors.StoreError` naming every id that is not a member.
    """
    wanted = sorted(set(source_ids))
    if not wanted:
        return {}
    found = dict(
        connection.execute(
            sa.select(t.cohort_members.c.source_id, t.cohort_members.c.id).where(
                t.cohort_members.c.cohort_id == cohort_id,
                t.cohort_members.c.role == role,
                t.cohort_members.c.source_id.in_(wanted),
            )
        ).all()
    )
    missing = [i for i in wanted if i not in found]
    if missing:
        raise unknown_ids(role, cohort_id, missing)
    return found


def source_ids(connection: Connection, member_row_ids: Iterable[int]) -> dict[int, str]:
    """The coordinator's id of each member row."""
    ids = sorted(set(member_row_ids))
    if not ids:
        return {}
    return dict(
        connection.execute(
            sa.select(t.cohort_members.c.id, t.cohort_members.c.source_id).where(
                t.cohort_members.c.id.in_(ids)
            )
        ).all()
    )


def audit(
    connection: Connection,
    at: datetime,
    who: str,
    action: str,
    programme_id: int | None,
    detail: Mapping[str, Any] | None = None,
) -> None:
    """Append to the audit log. ``detail`` must never hold a participant's id, key or name."""
    connection.execute(
        sa.insert(t.audit_log).values(
            at=at, who=who, action=action, programme_id=programme_id, detail=dict(detail or {})
        )
    )


def flush_deleted(engine: Engine, *, attempts: int = 5, wait_ms: int = 400) -> None:
    """After deleting personal data from SQLite: checkpoint and truncate the write-ahead log,
    so the deleted rows' old pages do not linger in the -wal file (secure_delete has zeroed
    them in the database file itself).

    A reader still open (another session mid-page) can block the checkpoint: it is tried
    ``attempts`` times, each waiting at most ``wait_ms`` for readers, and if the log still
    could not be emptied :class:`~smile_core.store.errors.WalNotFlushed` says so (the deletion
    itself is committed; trying again later finishes the job).
    """
    if not is_sqlite(engine):
        return
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        try:
            # Short waits, tried again: not the 30 s writers wait for one another.
            driver.execute(f"PRAGMA busy_timeout = {wait_ms}")
            for _ in range(attempts):
                busy, _log, _done = driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                if not busy:
                    return
        finally:
            driver.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    raise WalNotFlushed()


def insert_many(connection: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` into ``table`` (nothing when there are none)."""
    if rows:
        connection.execute(sa.insert(table), rows)
