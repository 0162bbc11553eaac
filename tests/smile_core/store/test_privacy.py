"""Data protection: erasing a person leaves no trace, an access request exports everything
stored about them, and the audit log records both without saying whom they concerned."""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest
import sqlalchemy as sa

from smile_core.ingest.participants import Programme
from smile_core.matching.plan import Conflict, MatchResult, Plan, Status
from smile_core.matching.settings import MatchSettings
from smile_core.store import NotFound, Repository, schema
from smile_core.store.errors import WalNotFlushed
from smile_core.store.lookups import flush_deleted
from smile_core.store.privacy import ERASED, mention_pattern
from smile_core.text import stored

from .conftest import Cohort


@dataclass(frozen=True)
class Subject:
    """The person every test here is about, and where their data was put."""

    key: str
    adept_id: str
    mentor_id: str
    name: str
    next_cohort: int
    run_id: int
    other_edit_id: int


@pytest.fixture
def subject(
    repo: Repository,
    cohort: Cohort,
    vocational: Programme,
    settings: MatchSettings,
    solved: MatchResult,
    followups_frame: pl.DataFrame,
    evaluations_frame: pl.DataFrame,
) -> Subject:
    """A paired adept with data everywhere: two uploads, runs, forbids, conflicts, edits
    (one about them, one about someone else that names them), follow-ups, evaluations, a
    group, leaving, and a promotion to mentor of the next cohort under a new id."""
    adept_id = solved.plan.pairs[0].adept_id
    name = vocational.adept_by_id[adept_id].name
    assert sum(p.name == name for p in (*vocational.adepts, *vocational.mentors)) == 1
    cid = cohort.cohort_id
    second = tuple(
        dataclasses.replace(a, swedish_level="b2") if a.id == adept_id else a
        for a in vocational.adepts
    )
    repo.save_participants(cid, Programme(second, vocational.mentors, vocational.workplaces), "k")
    run_id = repo.save_run(
        cid, settings, solved, 3, "kim", forbids=[(adept_id, "M05")], must_match=[adept_id]
    )
    failed = dataclasses.replace(
        solved,
        status=Status.INFEASIBLE,
        plan=Plan(),
        unmatched=(),
        conflicts=(
            Conflict(
                "lock", stored(f"{name} ({adept_id}) låst", f"{name} ({adept_id}) locked"), adept_id
            ),
            Conflict("capacity", stored("M02 har 1 plats", "M02 has 1 seat"), "M02", 1),
        ),
    )
    repo.save_run(cid, settings, failed, 4, "kim")
    repo.mark_agreed(run_id, "kim")
    repo.record_edit(run_id, "kim", f"lock {adept_id}", "asked for it", adept_id=adept_id)
    other_edit = repo.record_edit(
        run_id, "kim", "swap A10", f"A10 swapped with {adept_id} ({name.upper()})", adept_id="A10"
    )
    repo.record_followups(cid, followups_frame, "kim")
    repo.record_evaluations(cid, evaluations_frame, "kim")
    repo.create_group(cid, "M03", 2, 4, "kim", label=f"{name}s grupp", adept_ids=[adept_id, "A10"])
    repo.mark_left(cid, adept_id, date(2026, 5, 1), "kim")
    next_cohort = repo.create_cohort(cohort.programme_id, "2027 vår", "kim")
    key = repo.promote_to_mentor(cid, adept_id, next_cohort, "kim", mentor_id="M50")
    mentor = dataclasses.replace(vocational.mentors[0], id="M50", name=name)
    repo.save_participants(next_cohort, Programme((), (mentor,), vocational.workplaces), "kim")
    return Subject(key, adept_id, "M50", name, next_cohort, run_id, other_edit)


def _every_stored_text(repo: Repository) -> list[tuple[str, str, str]]:
    """(table, column, text) for every value of every column of every table, JSON as text."""
    found = []
    with repo.engine.connect() as connection:
        for table in schema.metadata.sorted_tables:
            for row in connection.execute(sa.select(table)).mappings():
                for column, value in row.items():
                    if value is None:
                        continue
                    text = (
                        value
                        if isinstance(value, str)
                        else json.dumps(value, default=str, ensure_ascii=False)
                    )
                    found.append((table.name, column, text))
    return found


def _traces(repo: Repository, subject: Subject, cohort_id: int) -> list[tuple[str, str]]:
    name = re.compile(re.escape(subject.name), re.IGNORECASE)
    key = re.compile(re.escape(subject.key))
    ids = re.compile(rf"(?<!\w)(?:{subject.adept_id}|{subject.mentor_id})(?!\w)")
    return [
        (table, column)
        for table, column, text in _every_stored_text(repo)
        if name.search(text) or key.search(text) or ids.search(text)
    ]


def test_erasure_leaves_no_trace_in_any_table(
    repo: Repository, cohort: Cohort, subject: Subject
) -> None:
    """After erasure no column of any table holds the person's name, key or ids."""
    assert len(_traces(repo, subject, cohort.cohort_id)) >= 10  # the search finds them
    report = repo.erase_person(subject.key, "dpo")
    assert _traces(repo, subject, cohort.cohort_id) == []
    assert report.memberships == 2
    assert report.participant_rows == 3  # two uploads as adept, one as mentor
    assert report.followups == 3 and report.pairs == 1 and report.edits == 1
    assert report.redacted_texts == 3  # the other edit, the conflict, the group label


def test_erasure_keeps_everyone_else(repo: Repository, cohort: Cohort, subject: Subject) -> None:
    """Other people's rows stay; a note about someone else that named them is blotted out."""
    before = repo.load_participants(cohort.cohort_id)
    repo.erase_person(subject.key, "dpo")
    after = repo.load_participants(cohort.cohort_id)
    assert after.adepts == tuple(a for a in before.adepts if a.id != subject.adept_id)
    assert after.mentors == before.mentors
    plan = repo.load_run(subject.run_id).plan
    assert subject.adept_id not in plan.mentor_of and len(plan.pairs) == 34
    [edit] = repo.list_edits(subject.run_id)
    assert (edit.id, edit.adept_id) == (subject.other_edit_id, "A10")
    assert edit.why == f"A10 swapped with {ERASED} ({ERASED})"
    assert repo.list_groups(cohort.cohort_id)[0].adept_ids == ("A10",)
    assert repo.load_followups().height == 117
    assert repo.load_participants(subject.next_cohort).mentors == ()


def test_erasure_is_audited_without_saying_whom(repo: Repository, subject: Subject) -> None:
    """The audit log says an erasure happened, when and by whom, and nothing about the person."""
    repo.erase_person(subject.key, "dpo")
    last = repo.audit_entries()[-1]
    assert (last.action, last.who, last.detail) == ("erasure", "dpo", {})
    with pytest.raises(NotFound):
        repo.erase_person(subject.key, "dpo")


def test_erased_name_is_gone_from_the_sqlite_files(
    database_url: str, repo: Repository, subject: Subject
) -> None:
    """On SQLite the name's bytes are in neither the database file nor its log after erasure."""
    if not database_url.startswith("sqlite"):
        pytest.skip("the files of SQLite")
    path = Path(repo.engine.url.database)
    needle = subject.name.encode("utf-8")

    def on_disk() -> bytes:
        return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))

    assert needle in on_disk()
    repo.erase_person(subject.key, "dpo")
    repo.engine.dispose()
    assert needle not in on_disk()


def test_mentions_match_names_where_words_start_and_ids_whole() -> None:
    """Redaction finds a name in any case and inflection, an id only as a whole word."""
    pattern = mention_pattern(names=["Dawit Haile", " "], ids=["A02"])
    assert pattern is not None
    text = "a02, A020, dawit haile, Dawit Hailes grupp, not XDawit Haile"
    assert pattern.sub("#", text) == "#, A020, #, #s grupp, not XDawit Haile"
    assert mention_pattern(names=["", "  "]) is None


# --------------------------------------------------------------------------- export


def test_export_holds_everything_about_the_person(repo: Repository, subject: Subject) -> None:
    """The access-request export has their memberships, uploads, pairs, outcomes and edits."""
    data = repo.export_person(subject.key, "dpo")
    assert data["person_key"] == subject.key
    assert [(m["cohort"], m["role"], m["id"]) for m in data["memberships"]] == [
        ("2026 vår", "adept", subject.adept_id),
        ("2027 vår", "mentor", "M50"),
    ]
    assert data["memberships"][0]["left_on"] == "2026-05-01"
    assert data["memberships"][1]["promoted_from"] == {
        "cohort": "2026 vår",
        "role": "adept",
        "id": subject.adept_id,
    }
    assert [u["version"] for u in data["uploads"]] == [1, 2, 1]
    assert {u["attributes"]["name"] for u in data["uploads"]} == {subject.name}
    [pair] = data["pairs"]
    assert pair["as"] == "adept" and pair["agreed_plan"] and pair["paired_with"].startswith("M")
    assert [f["months"] for f in data["followups"]] == [3, 6, 12]
    assert sorted(d["kind"] for d in data["decisions"]) == ["forbid", "must_match"]
    assert [e["what"] for e in data["edits"]] == [f"lock {subject.adept_id}"]
    assert [(g["as"], g["min_size"]) for g in data["groups"]] == [("member", 2)]


def test_export_file_is_json_without_other_peoples_names(
    repo: Repository, vocational: Programme, subject: Subject
) -> None:
    """The export file parses to the same data and names nobody else."""
    raw = repo.export_person_json(subject.key, "dpo")
    data: dict[str, Any] = json.loads(raw.decode("utf-8"))
    again = repo.export_person(subject.key, "dpo")
    assert data.pop("exported_at") < again.pop("exported_at")
    assert data == again
    text = raw.decode("utf-8")
    others = [p.name for p in (*vocational.adepts, *vocational.mentors) if p.name != subject.name]
    assert [n for n in others if n in text] == []
    assert repo.audit_entries()[-1].action == "person exported"


def test_export_of_an_unknown_person_is_refused(repo: Repository) -> None:
    """An unknown person key is NotFound, not an empty export."""
    with pytest.raises(NotFound):
        repo.export_person("0" * 32, "dpo")


def test_erasure_beside_an_open_reader_fails_loudly_and_a_retry_finishes(
    database_url: str, repo: Repository, subject: Subject
) -> None:
    """A reader pinning the WAL makes erasure fail loudly; once it is gone the log empties."""
    if not database_url.startswith("sqlite"):
        pytest.skip("the files of SQLite")
    path = Path(repo.engine.url.database)
    needle = subject.name.encode("utf-8")
    reader = repo.engine.connect()
    reader.exec_driver_sql("SELECT count(*) FROM participants").fetchall()
    with pytest.raises(WalNotFlushed):
        repo.erase_person(subject.key, "dpo")
    reader.rollback()
    reader.close()
    flush_deleted(repo.engine)
    assert needle not in b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
