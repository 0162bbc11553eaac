"""Migration 0005: groups stored before it are first generations; downgrading drops the link."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from sqlalchemy.engine import Engine

from smile_core.store import Repository
from smile_core.store.migrate import alembic_config, migration_connection, upgrade

from .conftest import Cohort


def _downgrade(engine: Engine, target: str) -> None:
    config = alembic_config()
    with migration_connection(engine) as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, target)


def _columns(engine: Engine) -> set[str]:
    return {c["name"] for c in sa.inspect(engine).get_columns("mentor_groups")}


def test_groups_survive_the_round_trip_and_read_as_first_generation(
    repo: Repository, cohort: Cohort, engine: Engine
) -> None:
    """Down to 0004 and up again: the group and its members stay, with no seed."""
    group_id = repo.create_group(cohort.cohort_id, "M01", 1, 3, "kim", adept_ids=["A01"])
    _downgrade(engine, "0004_text_codes")
    assert "seeded_by_group_id" not in _columns(engine)
    upgrade(engine)
    assert "seeded_by_group_id" in _columns(engine)
    (group,) = repo.list_groups(cohort.cohort_id)
    assert (group.id, group.adept_ids, group.seeded_by) == (group_id, ("A01",), None)
