"""The data-protection duties: erase a person, export what is stored about one, and purge
programmes past their retention period.

**Erasure** deletes the person's ``people`` row; foreign keys cascade it to every membership,
uploaded row, pair, unmatched entry, forbid, follow-up, evaluation answer, group (led or joined),
every row of a plan with roles they are in (placement, person by role, unmet need, forbid by
role) and every edit about them. Free text that other rows keep (edit notes, conflict messages,
group and upload labels) is then searched for the person's names (anywhere in the programme)
and coordinator ids (in the cohorts where they had them), whole words, any case, and each
mention is replaced by :data:`ERASED`. The audit log records that an erasure happened, in which
programme and by which coordinator, never whom it concerned.

**Export** (access request, GDPR Art. 15) gathers every stored fact about one person. Other
people appear only by the coordinator's id where a fact is a relation (the mentor of a pair).

**Retention** purges whole programmes closed before a cut-off, with everything in them.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from smile_core import text
from smile_core.store import schema as t
from smile_core.store.codec import utc
from smile_core.store.errors import not_found
from smile_core.store.lookups import audit
from smile_core.store.records import ErasureReport, PurgeCandidate

#: What replaces an erased person's name or id in free text.
ERASED = "[erased]"

EXPORT_FORMAT = "smile-person-export/1"


# --------------------------------------------------------------------------- erasure


def _person(connection: Connection, person_key: str) -> sa.Row:
    row = connection.execute(sa.select(t.people).where(t.people.c.person_key == person_key)).first()
    if row is None:
        raise not_found("person", person_key)
    return row


def _count(connection: Connection, table: sa.Table, *conditions: Any) -> int:
    query = sa.select(sa.func.count()).select_from(table).where(sa.or_(*conditions))
    return int(connection.execute(query).scalar_one())


def mention_pattern(names: Iterable[str] = (), ids: Iterable[str] = ()) -> re.Pattern[str] | None:
    """A pattern for mentions of a person, any case (``None`` when there is nothing to find).

    A name matches where a word starts, whatever follows ("Dawit Haile" also in "Dawit
    Hailes grupp": better one word too many blotted out than a name left); an id matches only
    as a whole word, so erasing A02 leaves A020 alone.
    """
    name_set = {n.strip() for n in names if n and n.strip()}
    id_set = {i.strip() for i in ids if i and i.strip()}
    if not name_set and not id_set:
        return None

    def alternatives(words: set[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    parts = []
    if name_set:
        parts.append(rf"(?<!\w)(?:{alternatives(name_set)})")
    if id_set:
        parts.append(rf"(?<!\w)(?:{alternatives(id_set)})(?!\w)")
    return re.compile("|".join(parts), re.IGNORECASE)


def _redact_text(column: str, value: str, pattern: re.Pattern[str]) -> str:
    """``value`` with mentions blotted out; a message's ``params`` (JSON) value by value, so
    a name written with quotes or backslashes is found as written and the JSON stays whole."""
    if column != "params":
        return pattern.sub(ERASED, value)

    def scrub(item: Any) -> Any:
        if isinstance(item, str):
            return pattern.sub(ERASED, item)
        if isinstance(item, list):
            return [scrub(v) for v in item]
        if isinstance(item, dict):
            return {k: scrub(v) for k, v in item.items()}
        return item

    scrubbed = scrub(json.loads(value))
    return value if scrubbed == json.loads(value) else json.dumps(scrubbed, ensure_ascii=False)


def _redact_column(
    connection: Connection,
    table: sa.Table,
    key_columns: tuple[str, ...],
    text_columns: tuple[str, ...],
    scope: Any,
    pattern: re.Pattern[str],
) -> int:
    """Blot out mentions in ``text_columns`` of the rows ``scope`` selects; rows changed."""
    keys = [table.c[k] for k in key_columns]
    rows = connection.execute(sa.select(*keys, *(table.c[c] for c in text_columns)).where(scope))
    changed = 0
    for row in rows.all():
        values = dict(zip(text_columns, row[len(keys) :], strict=True))
        redacted = {c: _redact_text(c, v, pattern) for c, v in values.items() if v}
        redacted = {c: v for c, v in redacted.items() if v != values[c]}
        if redacted:
            where = [table.c[k] == row[i] for i, k in enumerate(key_columns)]
            connection.execute(sa.update(table).where(*where).values(**redacted))
            changed += 1
    return changed


def _redact(
    connection: Connection,
    programme_id: int,
    names: set[str],
    ids_by_cohort: dict[int, set[str]],
) -> int:
    cohort_ids = list(
        connection.execute(
            sa.select(t.cohorts.c.id).where(t.cohorts.c.programme_id == programme_id)
        ).scalars()
    )
    changed = 0
    for cohort_id in cohort_ids:
        pattern = mention_pattern(names, ids_by_cohort.get(cohort_id, set()))
        if pattern is None:
            continue
        runs = sa.select(t.runs.c.id).where(t.runs.c.cohort_id == cohort_id)
        targets = (
            (t.edits, ("id",), ("what", "why"), t.edits.c.run_id.in_(runs)),
            (
                t.run_conflicts,
                ("run_id", "position"),
                ("subject", "params"),
                t.run_conflicts.c.run_id.in_(runs),
            ),
            (
                t.run_role_choices,
                ("id",),
                ("params",),
                t.run_role_choices.c.run_id.in_(runs),
            ),
            (t.mentor_groups, ("id",), ("label",), t.mentor_groups.c.cohort_id == cohort_id),
            (
                t.participant_versions,
                ("id",),
                ("label",),
                t.participant_versions.c.cohort_id == cohort_id,
            ),
        )
        for table, keys, columns, scope in targets:
            changed += _redact_column(connection, table, keys, columns, scope, pattern)
    return changed


def erase_person(connection: Connection, person_key: str, who: str, at: datetime) -> ErasureReport:
    """Erase the person everywhere (see module doc) and log that an erasure happened."""
    person = _person(connection, person_key)
    members = connection.execute(
        sa.select(
            t.cohort_members.c.id, t.cohort_members.c.cohort_id, t.cohort_members.c.source_id
        ).where(t.cohort_members.c.person_id == person.id)
    ).all()
    member_ids = [m.id for m in members]
    ids_by_cohort: dict[int, set[str]] = {}
    for member in members:
        ids_by_cohort.setdefault(member.cohort_id, set()).add(member.source_id)
    attributes = connection.execute(
        sa.select(t.participants.c.attributes).where(t.participants.c.member_id.in_(member_ids))
    ).scalars()
    names = {str(a.get("name", "")).strip() for a in attributes} - {""}
    names.add(person_key)

    m = member_ids
    report = ErasureReport(
        memberships=len(members),
        participant_rows=_count(connection, t.participants, t.participants.c.member_id.in_(m)),
        pairs=_count(
            connection,
            t.run_pairs,
            t.run_pairs.c.adept_member_id.in_(m),
            t.run_pairs.c.mentor_member_id.in_(m),
        ),
        followups=_count(connection, t.followups, t.followups.c.adept_member_id.in_(m)),
        evaluations=_count(connection, t.evaluations, t.evaluations.c.member_id.in_(m)),
        edits=_count(
            connection,
            t.edits,
            t.edits.c.adept_member_id.in_(m),
            t.edits.c.mentor_member_id.in_(m),
        ),
        redacted_texts=0,
        role_choices=_count(
            connection,
            t.run_role_choices,
            t.run_role_choices.c.adept_member_id.in_(m),
            t.run_role_choices.c.mentor_member_id.in_(m),
        ),
    )
    connection.execute(sa.delete(t.people).where(t.people.c.id == person.id))
    redacted = _redact(connection, person.programme_id, names, ids_by_cohort)
    audit(connection, at, who, "erasure", person.programme_id)
    return dataclasses.replace(report, redacted_texts=redacted)


# --------------------------------------------------------------------------- export


def _iso(value: Any) -> Any:
    if isinstance(value, datetime):
        return utc(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def export_person(connection: Connection, person_key: str, at: datetime) -> dict[str, Any]:
    """Everything stored about the person, as plain JSON data (see module doc)."""
    person = _person(connection, person_key)
    programme = connection.execute(
        sa.select(t.programmes).where(t.programmes.c.id == person.programme_id)
    ).one()
    m = t.cohort_members
    members = connection.execute(
        sa.select(m, t.cohorts.c.name.label("cohort"))
        .join(t.cohorts, t.cohorts.c.id == m.c.cohort_id)
        .where(m.c.person_id == person.id)
        .order_by(m.c.created_at, m.c.id)
    ).all()
    by_id = {row.id: row for row in members}
    ids = list(by_id)
    other = sa.alias(m)

    def where_member(column: sa.Column) -> Any:
        return column.in_(ids)

    uploads = connection.execute(
        sa.select(
            t.participants.c.member_id,
            t.participant_versions.c.number,
            t.participant_versions.c.uploaded_at,
            t.participants.c.attributes,
        )
        .join(t.participant_versions, t.participant_versions.c.id == t.participants.c.version_id)
        .where(where_member(t.participants.c.member_id))
        .order_by(t.participant_versions.c.uploaded_at, t.participant_versions.c.number)
    ).all()
    pairs = connection.execute(
        sa.select(
            t.run_pairs,
            t.runs.c.created_at,
            t.runs.c.agreed,
            sa.case((where_member(t.run_pairs.c.adept_member_id), "adept"), else_="mentor").label(
                "as_role"
            ),
        )
        .join(t.runs, t.runs.c.id == t.run_pairs.c.run_id)
        .where(
            sa.or_(
                where_member(t.run_pairs.c.adept_member_id),
                where_member(t.run_pairs.c.mentor_member_id),
            )
        )
        .order_by(t.runs.c.created_at, t.runs.c.id)
    ).all()
    rc = t.run_role_choices
    role_rows = connection.execute(
        sa.select(
            rc,
            t.runs.c.created_at,
            t.runs.c.agreed,
            sa.case((where_member(rc.c.adept_member_id), "adept"), else_="mentor").label("as_role"),
        )
        .join(t.runs, t.runs.c.id == rc.c.run_id)
        .where(sa.or_(where_member(rc.c.adept_member_id), where_member(rc.c.mentor_member_id)))
        .order_by(t.runs.c.created_at, t.runs.c.id, rc.c.id)
    ).all()
    counterpart_ids = {
        p.mentor_member_id if p.as_role == "adept" else p.adept_member_id for p in pairs
    } | {
        r.mentor_member_id if r.as_role == "adept" else r.adept_member_id
        for r in role_rows
        if r.mentor_member_id is not None
    }
    counterparts = dict(
        connection.execute(
            sa.select(other.c.id, other.c.source_id).where(other.c.id.in_(counterpart_ids))
        ).all()
    )
    unmatched = connection.execute(
        sa.select(t.run_unmatched, t.runs.c.created_at)
        .join(t.runs, t.runs.c.id == t.run_unmatched.c.run_id)
        .where(where_member(t.run_unmatched.c.adept_member_id))
        .order_by(t.runs.c.created_at, t.runs.c.id)
    ).all()
    decisions = connection.execute(
        sa.select(t.run_constraints).where(
            sa.or_(
                where_member(t.run_constraints.c.adept_member_id),
                where_member(t.run_constraints.c.mentor_member_id),
            )
        )
    ).all()
    followups = connection.execute(
        sa.select(t.followups)
        .where(where_member(t.followups.c.adept_member_id))
        .order_by(t.followups.c.months)
    ).all()
    evaluations = connection.execute(
        sa.select(t.evaluations)
        .where(where_member(t.evaluations.c.member_id))
        .order_by(t.evaluations.c.item)
    ).all()
    edits = connection.execute(
        sa.select(t.edits)
        .where(
            sa.or_(
                where_member(t.edits.c.adept_member_id), where_member(t.edits.c.mentor_member_id)
            )
        )
        .order_by(t.edits.c.created_at, t.edits.c.id)
    ).all()
    led = connection.execute(
        sa.select(t.mentor_groups).where(where_member(t.mentor_groups.c.leader_member_id))
    ).all()
    joined = connection.execute(
        sa.select(t.mentor_groups, t.group_members.c.adept_member_id)
        .join(t.group_members, t.group_members.c.group_id == t.mentor_groups.c.id)
        .where(where_member(t.group_members.c.adept_member_id))
    ).all()

    def cohort_of(member_id: int) -> str:
        return by_id[member_id].cohort

    def promoted(row: Any) -> dict[str, str] | None:
        source = by_id.get(row.promoted_from_id) if row.promoted_from_id else None
        if source is None:
            return None
        return {"cohort": source.cohort, "role": source.role, "id": source.source_id}

    data = {
        "format": EXPORT_FORMAT,
        "exported_at": _iso(at),
        "person_key": person.person_key,
        "recorded_since": _iso(person.created_at),
        "programme": {"name": programme.name, "kind": programme.kind},
        "memberships": [
            {
                "cohort": row.cohort,
                "role": row.role,
                "id": row.source_id,
                "since": _iso(row.created_at),
                "left_on": _iso(row.left_on),
                "promoted_from": promoted(row),
            }
            for row in members
        ],
        "uploads": [
            {
                "cohort": cohort_of(row.member_id),
                "role": by_id[row.member_id].role,
                "version": row.number,
                "uploaded_at": _iso(row.uploaded_at),
                "attributes": row.attributes,
            }
            for row in uploads
        ],
        "pairs": [
            {
                "cohort": cohort_of(
                    row.adept_member_id if row.as_role == "adept" else row.mentor_member_id
                ),
                "run": row.run_id,
                "run_created_at": _iso(row.created_at),
                "agreed_plan": bool(row.agreed),
                "as": row.as_role,
                "paired_with": counterparts.get(
                    row.mentor_member_id if row.as_role == "adept" else row.adept_member_id
                ),
                "workplace_id": row.workplace_id,
                "score": row.score,
                "locked": bool(row.locked),
            }
            for row in pairs
        ],
        "unmatched": [
            {
                "cohort": cohort_of(row.adept_member_id),
                "run": row.run_id,
                "run_created_at": _iso(row.created_at),
                "reason": row.reason,
                "message_sv": text.t(f"reason.{row.reason}", "sv"),
                "message_en": text.t(f"reason.{row.reason}", "en"),
            }
            for row in unmatched
        ],
        "decisions": [{"run": row.run_id, "kind": row.kind} for row in decisions],
        # A plan with roles: their placement, their people by role (or, for a mentor, the
        # adepts they have in a role), unmet needs with the reason, forbids by role.
        "role_choices": [_role_choice(row, cohort_of, counterparts) for row in role_rows],
        "followups": [
            {
                "cohort": cohort_of(row.adept_member_id),
                "months": row.months,
                "status": row.status,
                "mentor_contributed": row.mentor_contributed,
                "recorded_at": _iso(row.recorded_at),
            }
            for row in followups
        ],
        "evaluations": [
            {
                "cohort": cohort_of(row.member_id),
                "role": by_id[row.member_id].role,
                "item": row.item,
                "answer": row.answer,
                "recorded_at": _iso(row.recorded_at),
            }
            for row in evaluations
        ],
        "edits": [
            {"run": row.run_id, "at": _iso(row.created_at), "what": row.what, "why": row.why}
            for row in edits
        ],
        "groups": [
            {
                "cohort": cohort_of(row.leader_member_id),
                "as": "leader",
                "label": row.label,
                "min_size": row.min_size,
                "max_size": row.max_size,
            }
            for row in led
        ]
        + [
            {
                "cohort": cohort_of(row.adept_member_id),
                "as": "member",
                "label": row.label,
                "min_size": row.min_size,
                "max_size": row.max_size,
            }
            for row in joined
        ],
    }
    return json.loads(json.dumps(data, default=_iso))


def _role_choice(row: Any, cohort_of: Any, counterparts: dict[int, str]) -> dict[str, Any]:
    """One row of a plan with roles as the person's export shows it."""
    adept = row.as_role == "adept"
    counterpart = row.mentor_member_id if adept else row.adept_member_id
    words = (
        text.Message.from_json({"key": row.text_key, "params": json.loads(row.params or "{}")})
        if row.text_key
        else None
    )
    return {
        "cohort": cohort_of(row.adept_member_id if adept else row.mentor_member_id),
        "run": row.run_id,
        "run_created_at": _iso(row.created_at),
        "agreed_plan": bool(row.agreed),
        "as": row.as_role,
        "kind": row.kind,
        "role": row.role,
        "with": counterparts.get(counterpart) if counterpart is not None else None,
        "workplace_id": row.workplace_id or None,
        "score": row.score,
        "locked": bool(row.locked),
        "reason": row.reason,
        "message_sv": words.render("sv") if words is not None else None,
        "message_en": words.render("en") if words is not None else None,
    }


def export_json(data: dict[str, Any]) -> bytes:
    """An export as a UTF-8 JSON file (indented, non-ASCII letters kept)."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --------------------------------------------------------------------------- retention


def months_before(moment: datetime, months: int) -> datetime:
    """``moment`` minus whole calendar months (the day clamped to the month's length)."""
    if months < 0:
        raise ValueError("months must not be negative")
    index = moment.year * 12 + (moment.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    next_first = date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_first - date(year, month, 1)).days
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def purge_candidates(connection: Connection, cutoff: datetime) -> list[PurgeCandidate]:
    """Programmes closed before ``cutoff``, oldest first, with what would go with them."""
    p = t.programmes

    def count(table: sa.Table, column: sa.Column) -> Any:
        return (
            sa.select(sa.func.count()).select_from(table).where(column == p.c.id).scalar_subquery()
        )

    runs_in = (
        sa.select(sa.func.count())
        .select_from(t.runs.join(t.cohorts, t.cohorts.c.id == t.runs.c.cohort_id))
        .where(t.cohorts.c.programme_id == p.c.id)
        .scalar_subquery()
    )
    rows = connection.execute(
        sa.select(
            p.c.id,
            p.c.name,
            p.c.closed_at,
            count(t.cohorts, t.cohorts.c.programme_id).label("cohorts"),
            count(t.people, t.people.c.programme_id).label("people"),
            runs_in.label("runs"),
        )
        .where(p.c.closed_at.is_not(None), p.c.closed_at < cutoff)
        .order_by(p.c.closed_at, p.c.id)
    ).all()
    return [
        PurgeCandidate(
            programme_id=r.id,
            name=r.name,
            closed_at=utc(r.closed_at),
            cohorts=r.cohorts,
            people=r.people,
            runs=r.runs,
        )
        for r in rows
    ]


def purge(connection: Connection, cutoff: datetime, who: str, at: datetime) -> list[PurgeCandidate]:
    """Delete the programmes :func:`purge_candidates` lists, each logged; returns them."""
    gone = purge_candidates(connection, cutoff)
    for candidate in gone:
        connection.execute(
            sa.delete(t.programmes).where(t.programmes.c.id == candidate.programme_id)
        )
        audit(
            connection,
            at,
            who,
            "purge",
            None,
            {
                "programme": candidate.name,
                "closed_at": _iso(candidate.closed_at),
                "cohorts": candidate.cohorts,
                "people": candidate.people,
                "runs": candidate.runs,
            },
        )
    return gone
