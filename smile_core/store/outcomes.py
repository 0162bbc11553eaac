"""Follow-ups and evaluation answers in the store, as polars frames in and out.

Frames in are what :mod:`smile_core.outcomes.outcomes_reading` reads (already validated): follow-ups
with ``adept_id``, ``months``, ``status`` and ``mentor_contributed`` (Boolean or yes/no/blank);
evaluations with ``respondent_id``, ``role``, ``item``, ``answer``. Ids are the cohort's own;
an id that is not a member of the cohort is refused, all such ids named at once, and nothing
is written. A row for an adept and month (or a respondent and item) already stored replaces
it, so importing a file again is harmless.

Frames out have the same columns as :mod:`smile_core.outcomes.outcomes_reading` produces, with
``programme`` and ``cohort`` filled from the store, so cohorts and programmes stack and compare.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import polars as pl
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from smile_core.outcomes.outcome_records import EVALUATION_SCHEMA as ANSWER_SCHEMA
from smile_core.outcomes.outcome_records import FOLLOWUP_SCHEMA
from smile_core.store import schema as t
from smile_core.store.errors import StoreError
from smile_core.store.lookups import member_ids
from smile_core.text import Message

FOLLOWUP_COLUMNS = ("adept_id", "months", "status", "mentor_contributed")
EVALUATION_COLUMNS = ("respondent_id", "role", "item", "answer")

# The same columns as the files read by smile_core.outcomes.outcomes_reading; stored answers also
# say which cohort they belong to.
EVALUATION_SCHEMA: dict[str, pl.DataType] = {
    "programme": pl.String(),
    "cohort": pl.String(),
    **{k: v for k, v in ANSWER_SCHEMA.items() if k != "programme"},
}

_YES = {"yes", "ja", "true", "1"}
_NO = {"no", "nej", "false", "0"}


def _require_columns(frame: pl.DataFrame, columns: tuple[str, ...], what_en: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        listed = ", ".join(missing)
        raise StoreError(Message.of("store.outcomes.missing_columns", what=what_en, columns=listed))


def _contributed(value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise StoreError(Message.of("store.outcomes.bad_contributed", value=repr(value)))


def _upsert(
    connection: Connection,
    table: sa.Table,
    keys: tuple[str, str],
    rows: list[dict[str, Any]],
) -> None:
    """Replace the rows with the same key, then insert: one statement each, portable SQL."""
    if not rows:
        return
    first, second = keys
    by_first: dict[int, list[Any]] = {}
    for row in rows:
        by_first.setdefault(row[first], []).append(row[second])
    for member, values in by_first.items():
        connection.execute(
            sa.delete(table).where(table.c[first] == member, table.c[second].in_(values))
        )
    connection.execute(sa.insert(table), rows)


def write_followups(
    connection: Connection, cohort_id: int, frame: pl.DataFrame, who: str, at: datetime
) -> int:
    """Store the frame's follow-ups for the cohort's adepts; returns the number of rows."""
    _require_columns(frame, FOLLOWUP_COLUMNS[:3], "follow-ups")
    records = frame.to_dicts()
    members = member_ids(connection, cohort_id, "adept", (str(r["adept_id"]) for r in records))
    rows = [
        {
            "adept_member_id": members[str(r["adept_id"])],
            "months": int(r["months"]),
            "status": str(r["status"]),
            "mentor_contributed": _contributed(r.get("mentor_contributed")),
            "recorded_at": at,
            "recorded_by": who,
        }
        for r in records
    ]
    _upsert(connection, t.followups, ("adept_member_id", "months"), rows)
    return len(rows)


def write_evaluations(
    connection: Connection, cohort_id: int, frame: pl.DataFrame, who: str, at: datetime
) -> int:
    """Store the frame's answers for the cohort's adepts and mentors; returns the row count."""
    _require_columns(frame, EVALUATION_COLUMNS, "evaluations")
    records = frame.to_dicts()
    unknown_roles = sorted({str(r["role"]) for r in records} - set(t.ROLES))
    if unknown_roles:
        listed = ", ".join(unknown_roles)
        raise StoreError(Message.of("store.outcomes.unknown_role", roles=listed))
    members: dict[tuple[str, str], int] = {}
    for role in t.ROLES:
        ids = (str(r["respondent_id"]) for r in records if r["role"] == role)
        for source_id, member in member_ids(connection, cohort_id, role, ids).items():
            members[(role, source_id)] = member
    rows = [
        {
            "member_id": members[(str(r["role"]), str(r["respondent_id"]))],
            "item": str(r["item"]),
            "answer": int(r["answer"]),
            "recorded_at": at,
            "recorded_by": who,
        }
        for r in records
    ]
    _upsert(connection, t.evaluations, ("member_id", "item"), rows)
    return len(rows)


def _member_rows(record: sa.Table, member_column: sa.Column, *columns: Any) -> sa.Select:
    """``record``'s rows with their programme and cohort names first, then ``columns``: each
    row joined through its cohort member (``member_column``) to the cohort and programme."""
    m = t.cohort_members
    return (
        sa.select(
            t.programmes.c.name.label("programme"), t.cohorts.c.name.label("cohort"), *columns
        )
        .select_from(record)
        .join(m, m.c.id == member_column)
        .join(t.cohorts, t.cohorts.c.id == m.c.cohort_id)
        .join(t.programmes, t.programmes.c.id == t.cohorts.c.programme_id)
    )


def _scope(query: sa.Select, programme_id: int | None, cohort_ids: Iterable[int] | None):
    if programme_id is not None:
        query = query.where(t.cohorts.c.programme_id == programme_id)
    if cohort_ids is not None:
        query = query.where(t.cohorts.c.id.in_(list(cohort_ids)))
    return query


def read_followups(
    connection: Connection, programme_id: int | None, cohort_ids: Iterable[int] | None
) -> pl.DataFrame:
    """Follow-ups of a programme and/or cohorts (all when both are ``None``)."""
    m = t.cohort_members
    query = _member_rows(
        t.followups,
        t.followups.c.adept_member_id,
        m.c.source_id.label("adept_id"),
        t.followups.c.months,
        t.followups.c.status,
        t.followups.c.mentor_contributed,
    ).order_by(t.programmes.c.name, t.cohorts.c.name, m.c.source_id, t.followups.c.months)
    rows = connection.execute(_scope(query, programme_id, cohort_ids)).mappings().all()
    return pl.DataFrame([dict(r) for r in rows], schema=FOLLOWUP_SCHEMA)


def read_evaluations(
    connection: Connection, programme_id: int | None, cohort_ids: Iterable[int] | None
) -> pl.DataFrame:
    """Evaluation answers of a programme and/or cohorts (all when both are ``None``)."""
    m = t.cohort_members
    query = _member_rows(
        t.evaluations,
        t.evaluations.c.member_id,
        m.c.source_id.label("respondent_id"),
        m.c.role,
        t.evaluations.c.item,
        t.evaluations.c.answer,
    ).order_by(t.programmes.c.name, t.cohorts.c.name, m.c.role, m.c.source_id, t.evaluations.c.item)
    rows = connection.execute(_scope(query, programme_id, cohort_ids)).mappings().all()
    return pl.DataFrame([dict(r) for r in rows], schema=EVALUATION_SCHEMA)
