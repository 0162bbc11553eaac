"""Bring a database to the store's current schema: :func:`upgrade`, called when the app starts.

Migrations live in ``smile_core/store/migrations`` (Alembic) and ship with the package. Every
upgrade runs in one transaction that also takes a lock, so two app processes starting at once
do not both migrate: SQLite's write lock (``BEGIN IMMEDIATE``), PostgreSQL's advisory lock.

On SQLite, foreign keys are switched off while migrating: batch mode rebuilds a table by
copying it and dropping the old one, and with foreign keys on, that drop would cascade-delete
every row that refers to it. Before the commit, ``PRAGMA foreign_key_check`` must find
nothing, so a migration cannot leave a dangling reference behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import URL, Connection, Engine

from smile_core.store.engine import create_engine, is_sqlite

#: The folder with env.py, alembic.ini and versions/.
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Any fixed 64-bit number, the same in every process: the key of the PostgreSQL advisory lock.
_ADVISORY_LOCK_KEY = 5_316_451_200_301


class MigrationError(RuntimeError):
    """A migration would leave the database inconsistent (and was rolled back)."""


def alembic_config() -> Config:
    """The Alembic configuration of the store, independent of the working directory."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest migration's revision id."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the store has no migrations"
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (``None`` for a database never migrated)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@contextmanager
def migration_connection(engine: Engine) -> Iterator[Connection]:
    """A connection in a locked write transaction, prepared for migrating (see module doc)."""
    with engine.connect() as connection:
        sqlite = is_sqlite(connection)
        if sqlite:
            # Outside any transaction, or SQLite ignores it.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        try:
            connection.execution_options(smile_write=True)
            with connection.begin():
                if not sqlite and connection.dialect.name == "postgresql":
                    connection.exec_driver_sql(
                        f"SELECT pg_advisory_xact_lock({_ADVISORY_LOCK_KEY})"
                    )
                yield connection
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        tables = sorted({row[0] for row in broken})
                        raise MigrationError(
                            "migration left rows referring to missing rows in: " + ", ".join(tables)
                        )
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys = ON")


def upgrade(target: str | URL | Engine | None = None, revision: str = "head") -> None:
    """Migrate the database to ``revision`` (default: the newest).

    ``target`` is an engine, a URL, or ``None`` for ``SMILE_DATABASE_URL`` / the default
    SQLite file. Safe to call on every start: an up-to-date database is left as it is.
    """
    engine = target if isinstance(target, Engine) else create_engine(target)
    try:
        config = alembic_config()
        with migration_connection(engine) as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        if engine is not target:
            engine.dispose()
