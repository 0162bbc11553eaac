"""Migration 0004: the store keeps catalogue keys and parameters; old sentences stay readable."""

from __future__ import annotations

import dataclasses

import sqlalchemy as sa
from alembic import command
from sqlalchemy.engine import Engine

from smile_core.matching.plan import (
    Conflict,
    EqualityNote,
    MatchResult,
    Status,
    Unmatched,
    UnmatchedReason,
)
from smile_core.matching.settings import MatchSettings
from smile_core.store import Repository, schema
from smile_core.store.migrate import alembic_config, migration_connection, upgrade
from smile_core.text import Message

from .conftest import Cohort


def _migrate(engine: Engine, target: str) -> None:
    config = alembic_config()
    with migration_connection(engine) as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, target)


def _failed(solved: MatchResult, adept_id: str) -> MatchResult:
    return dataclasses.replace(
        solved,
        status=Status.INFEASIBLE,
        plan=dataclasses.replace(solved.plan, pairs=()),
        unmatched=(Unmatched(adept_id, UnmatchedReason.MENTOR_FULL),),
        conflicts=(
            Conflict(
                "mentor_capacity", Message.of("conflict.mentor_capacity", mentor="M02", count=1)
            ),
        ),
        equality_notes=(
            EqualityNote("quality_target", Message.of("note.quality_target", gap=2.5, target=2.0)),
        ),
    )


def test_a_saved_run_stores_keys_and_reads_in_either_language(
    repo: Repository, cohort: Cohort, settings: MatchSettings, solved: MatchResult, engine: Engine
) -> None:
    """No sentence is stored: the conflict's key and parameters are, and read in sv and en."""
    adept_id = solved.unmatched[0].adept_id if solved.unmatched else "A01"
    run_id = repo.save_run(cohort.cohort_id, settings, _failed(solved, adept_id), 0, "kim")
    with engine.connect() as connection:
        row = connection.execute(sa.select(schema.run_conflicts)).one()
        assert "message_sv" not in row._mapping and row.text_key == "conflict.mentor_capacity"
        assert "message_en" not in schema.run_unmatched.c
    (conflict,) = repo.load_run(run_id).conflicts
    assert conflict.message_sv == "Mentor M02 tar högst 1 adept"
    assert conflict.message_en == "Mentor M02 takes at most 1 adept"


def test_runs_saved_before_0004_keep_their_sentences(
    repo: Repository, cohort: Cohort, settings: MatchSettings, solved: MatchResult, engine: Engine
) -> None:
    """Down to 0003 (sentences rendered into columns) and up again: the old rows become
    ``text.stored`` messages that read exactly as they were saved, in both languages."""
    adept_id = solved.unmatched[0].adept_id if solved.unmatched else "A01"
    run_id = repo.save_run(cohort.cohort_id, settings, _failed(solved, adept_id), 0, "kim")
    _migrate(engine, "0003")
    with engine.connect() as connection:
        sv, en = connection.execute(
            sa.text("SELECT message_sv, message_en FROM run_conflicts")
        ).one()
        notes = connection.execute(sa.text("SELECT figures FROM runs")).scalar_one()
    assert (sv, en) == ("Mentor M02 tar högst 1 adept", "Mentor M02 takes at most 1 adept")
    assert "message_sv" in str(notes)
    upgrade(engine)
    stored = repo.load_run(run_id)
    (conflict,) = stored.conflicts
    assert conflict.text.key == "text.stored"
    assert (conflict.message_sv, conflict.message_en) == (sv, en)
    (note,) = stored.figures["equality_notes"]
    assert note["key"] == "text.stored"
    assert note["params"]["sv"].startswith("Medelpoängen för matchade kvinnor och män skiljer 2,5")
