"""Which database the store uses, and how every connection to it is set up.

``SMILE_DATABASE_URL`` names the database; without it the store is the SQLite file
``data/smile.db`` (relative to the working directory, git-ignored). PostgreSQL works by URL
(``postgresql+psycopg://user:password@host/dbname``; a plain ``postgresql://`` or
``postgres://`` URL is read as psycopg too).

On SQLite every new connection gets ``foreign_keys=ON`` (cascading deletes are how erasure
works), WAL journaling (readers never wait for a writer), a busy timeout (a writer waits for
another instead of failing) and ``secure_delete`` (erased rows are overwritten in the file,
not just unlinked). Transactions opened through :func:`write_transaction` start with ``BEGIN
IMMEDIATE``, so two writers queue for the lock at the start instead of one failing when it
tries to upgrade a read lock; reads start a plain deferred ``BEGIN``.

Statement parameters are hidden from exception messages (``hide_parameters``), so an error
that reaches a log never carries a name or any other value.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine, make_url

#: Environment variable naming the database.
DATABASE_URL_VARIABLE = "SMILE_DATABASE_URL"
#: The embedded default, relative to the working directory.
DEFAULT_SQLITE_PATH = Path("data") / "smile.db"
#: How long (ms) an SQLite writer waits for another writer's lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 30_000

# Execution option marking a connection whose transactions write (BEGIN IMMEDIATE on SQLite).
_WRITE_OPTION = "smile_write"


def database_url(url: str | URL | None = None) -> URL:
    """The URL to use: ``url``, else ``SMILE_DATABASE_URL``, else the default SQLite file.

    ``postgresql://`` and ``postgres://`` select the psycopg (3) driver.
    """
    text = url if url is not None else os.environ.get(DATABASE_URL_VARIABLE, "").strip()
    if not text:
        return URL.create("sqlite", database=str(DEFAULT_SQLITE_PATH))
    parsed = make_url(text) if isinstance(text, str) else text
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def create_engine(url: str | URL | None = None, **kwargs: Any) -> Engine:
    """An engine for ``url`` (see :func:`database_url`) with the per-connection setup above.

    For an SQLite file the folder is created when missing and a new file is created readable
    by its owner only (the WAL and shared-memory files inherit that). Extra keyword arguments
    go to :func:`sqlalchemy.create_engine`.
    """
    resolved = database_url(url)
    kwargs.setdefault("hide_parameters", True)
    if resolved.get_backend_name() == "sqlite":
        _prepare_sqlite_file(resolved)
        engine = sa.create_engine(resolved, **kwargs)
        _configure_sqlite(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return sa.create_engine(resolved, **kwargs)


@contextmanager
def write_transaction(engine: Engine, *, adds_only: bool = False) -> Iterator[Connection]:
    """A connection in a transaction that writes: committed on success, rolled back on error.

    Keep it short: on SQLite it holds the database's one write lock from the first statement.
    Afterwards every read kept in memory (:mod:`smile_core.store.read_cache`) is stale, unless
    ``adds_only``: the transaction only adds new rows of its own (a new run, an edit entry),
    leaving every existing run and participant version as it was.
    """
    try:
        with engine.connect() as connection:
            connection.execution_options(**{_WRITE_OPTION: True})
            with connection.begin():
                yield connection
    finally:
        # After the commit (or rollback): values read before it are stale now.
        if not adds_only:
            from smile_core.store import read_cache

            read_cache.bump(engine)


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in a read-only transaction: one consistent snapshot, never a write lock."""
    with engine.connect() as connection, connection.begin():
        yield connection


def is_sqlite(engine_or_connection: Engine | Connection) -> bool:
    """Whether the database is SQLite."""
    return engine_or_connection.dialect.name == "sqlite"


def _prepare_sqlite_file(url: URL) -> None:
    database = url.database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # Personal data: the owner only. O_EXCL so a file someone else just created is left be.
        with suppress(FileExistsError):
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own transaction handling is switched off: the "begin" hook below
        # emits BEGIN itself, so PRAGMAs run outside transactions and writers can BEGIN
        # IMMEDIATE (the recipe in SQLAlchemy's pysqlite dialect documentation).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA secure_delete = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        writes = connection.get_execution_options().get(_WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")
