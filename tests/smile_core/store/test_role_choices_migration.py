"""Migration 0006: a database at 0005 with runs in it gains ``run_role_choices``; its runs read
back unchanged and without roles, and a plan with roles saved afterwards round-trips."""

from __future__ import annotations

import dataclasses

import sqlalchemy as sa
from alembic import command
from role_demo_data import role_demo
from sqlalchemy.engine import Engine

from smile_core.ingest.participants import Programme
from smile_core.matching.plan import MatchResult
from smile_core.matching.saved_runs import role_plan_from_stored
from smile_core.matching.settings import MatchSettings
from smile_core.store import Repository
from smile_core.store.migrate import alembic_config, current_revision, migration_connection, upgrade


def _tables(engine: Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names())


def test_upgrade_from_0005_keeps_runs_and_adds_role_choices(
    engine: Engine,
    vocational: Programme,
    settings: MatchSettings,
    solved: MatchResult,
) -> None:
    """Runs stored at 0005 load the same after the upgrade; a role run saved then keeps its
    plan by role."""
    upgrade(engine, "0005_group_cascade")
    assert "run_role_choices" not in _tables(engine)
    repo = Repository(engine)
    programme_id = repo.create_programme("SMILE yrkes", "vocational", {}, "kim")
    cohort_id = repo.create_cohort(programme_id, "2026 vår", "kim")
    repo.save_participants(cohort_id, vocational, "kim")
    old_id = repo.save_run(cohort_id, settings, solved, 3, "kim", forbids=[("A01", "M05")])
    repo.mark_agreed(old_id, "kim")
    before = repo.load_run(old_id)
    upgrade(engine)
    assert current_revision(engine) == "0006_run_role_choices"
    assert "run_role_choices" in _tables(engine)
    repo = Repository(engine)
    after = repo.agreed_run(cohort_id)  # read anew (load_run may keep what it read)
    assert after == before and after.roles is None
    programme, result = role_demo("vocational")
    role_cohort = repo.create_cohort(programme_id, "2026 höst", "kim")
    repo.save_participants(role_cohort, programme, "kim")
    new_id = repo.save_run(role_cohort, MatchSettings(seed=1), result, 1, "kim")
    loaded = repo.load_run(new_id).roles
    assert loaded is not None
    assert role_plan_from_stored(loaded, programme) == dataclasses.replace(result.roles, diff=None)


def test_downgrade_to_0005_drops_only_the_role_choices(repo: Repository, engine: Engine) -> None:
    """Down to 0005: the table goes and every other table stays; up again brings it back."""
    tables = _tables(engine)
    config = alembic_config()
    with migration_connection(engine) as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0005_group_cascade")
    assert _tables(engine) == tables - {"run_role_choices"}
    upgrade(engine)
    assert _tables(engine) == tables
