"""Migrations: up from an empty database, the metadata matching them, and safe re-runs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from smile_core.store import create_engine, schema
from smile_core.store.migrate import (
    MIGRATIONS_DIR,
    MigrationError,
    alembic_config,
    current_revision,
    head_revision,
    migration_connection,
    upgrade,
)


def _tables(engine: Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names())


def test_upgrade_from_empty_creates_every_table_at_head(engine: Engine) -> None:
    """An empty database migrated to head has every table of the schema and the head revision."""
    assert _tables(engine) == set()
    assert current_revision(engine) is None
    upgrade(engine)
    assert _tables(engine) == set(schema.metadata.tables) | {"alembic_version"}
    assert current_revision(engine) == head_revision()


def test_metadata_matches_migrations(engine: Engine) -> None:
    """Autogenerate finds no difference between the migrated database and schema.metadata."""
    upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, schema.metadata) == []


def test_metadata_difference_would_be_found(engine: Engine) -> None:
    """The comparison is not blind: a column the migrations lack shows up as a difference."""
    upgrade(engine)
    extended = sa.MetaData()
    for table in schema.metadata.tables.values():
        table.to_metadata(extended)
    extended.tables["cohorts"].append_column(sa.Column("extra_note", sa.Text))
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), extended)
    assert [(d[0], d[3].name) for d in diff] == [("add_column", "extra_note")]


def test_upgrade_again_keeps_data(engine: Engine) -> None:
    """Upgrading an up-to-date database (every app start does) changes nothing."""
    upgrade(engine)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(
            sa.insert(schema.programmes).values(name="P", kind="group", rhythm={}, created_at=now)
        )
    upgrade(engine)
    with engine.connect() as connection:
        names = connection.execute(sa.select(schema.programmes.c.name)).scalars().all()
    assert names == ["P"]


def test_downgrade_to_base_and_up_again(engine: Engine) -> None:
    """The first migration's downgrade drops every table, and upgrading rebuilds them."""
    upgrade(engine)
    config = alembic_config()
    with migration_connection(engine) as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert _tables(engine) == {"alembic_version"}
    upgrade(engine)
    assert _tables(engine) == set(schema.metadata.tables) | {"alembic_version"}


def test_alembic_ini_finds_the_same_migrations() -> None:
    """The shipped alembic.ini (for the command line) points at the package's migrations."""
    config = Config(str(MIGRATIONS_DIR / "alembic.ini"))
    assert ScriptDirectory.from_config(config).get_current_head() == head_revision()


def test_sqlite_foreign_keys_are_back_on_after_migrating(sqlite_engine: Engine) -> None:
    """Migrating switches SQLite's foreign keys off for batch rebuilds, and back on after."""
    upgrade(sqlite_engine)
    with sqlite_engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_migration_leaving_a_dangling_reference_is_rolled_back(sqlite_engine: Engine) -> None:
    """On SQLite a migration that leaves a row pointing nowhere fails and is rolled back."""
    engine = sqlite_engine
    upgrade(engine)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    with pytest.raises(MigrationError, match="cohorts"), migration_connection(engine) as connection:
        connection.execute(
            sa.insert(schema.cohorts).values(programme_id=999, name="orphan", created_at=now)
        )
    with engine.connect() as connection:
        assert (
            connection.execute(sa.select(sa.func.count()).select_from(schema.cohorts)).scalar() == 0
        )


def test_upgrade_without_arguments_uses_the_configured_database(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """upgrade() with no target migrates the database SMILE_DATABASE_URL names."""
    url = f"sqlite:///{tmp_path / 'configured.db'}"
    monkeypatch.setenv("SMILE_DATABASE_URL", url)
    upgrade()
    engine = create_engine(url)
    assert current_revision(engine) == head_revision()
    engine.dispose()
