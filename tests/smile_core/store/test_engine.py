"""Engine: which database, and how every SQLite connection is set up."""

from __future__ import annotations

import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from smile_core.store import schema
from smile_core.store.engine import (
    DATABASE_URL_VARIABLE,
    DEFAULT_SQLITE_PATH,
    SQLITE_BUSY_TIMEOUT_MS,
    create_engine,
    database_url,
    write_transaction,
)
from smile_core.store.migrate import upgrade


def test_default_is_the_sqlite_file_under_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without SMILE_DATABASE_URL the store is the SQLite file data/smile.db."""
    monkeypatch.delenv(DATABASE_URL_VARIABLE, raising=False)
    url = database_url()
    assert url.get_backend_name() == "sqlite"
    assert Path(url.database) == DEFAULT_SQLITE_PATH == Path("data/smile.db")


def test_environment_variable_names_the_database(monkeypatch: pytest.MonkeyPatch) -> None:
    """SMILE_DATABASE_URL is used when set, and plain postgresql:// URLs select psycopg 3."""
    monkeypatch.setenv(DATABASE_URL_VARIABLE, "postgresql://u:p@db.example/smile")
    assert database_url().drivername == "postgresql+psycopg"
    assert database_url("postgres://u@h/d").drivername == "postgresql+psycopg"
    assert database_url("sqlite:///x.db").database == "x.db"


def test_every_sqlite_connection_gets_the_pragmas(tmp_path: Path) -> None:
    """Two pooled connections at once each have foreign keys, WAL, busy timeout, secure delete."""
    engine = create_engine(f"sqlite:///{tmp_path / 'a.db'}")
    with engine.connect() as first, engine.connect() as second:
        for connection in (first, second):
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA foreign_keys").scalar() == 1
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            assert pragma("PRAGMA busy_timeout").scalar() == SQLITE_BUSY_TIMEOUT_MS
            assert pragma("PRAGMA secure_delete").scalar() == 1
    engine.dispose()


def test_new_sqlite_file_is_private_and_its_folder_made(tmp_path: Path) -> None:
    """A new database file (in a folder created for it) is readable by its owner only."""
    path = tmp_path / "new" / "smile.db"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_errors_do_not_carry_values(tmp_path: Path) -> None:
    """A failing statement's message hides its parameters, so no name reaches a log."""
    engine = create_engine(f"sqlite:///{tmp_path / 'e.db'}")
    upgrade(engine)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    row = {"name": "Amira Haddad", "kind": "group", "rhythm": {}, "created_at": now}
    with engine.begin() as connection:
        connection.execute(sa.insert(schema.programmes).values(**row))
    with pytest.raises(sa.exc.IntegrityError) as failure, engine.begin() as connection:
        connection.execute(sa.insert(schema.programmes).values(**row))
    assert "Amira" not in str(failure.value)
    engine.dispose()


def test_write_transaction_rolls_back_on_error(engine: sa.Engine) -> None:
    """A write transaction that raises leaves nothing behind."""
    upgrade(engine)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    with pytest.raises(RuntimeError), write_transaction(engine) as connection:
        connection.execute(
            sa.insert(schema.programmes).values(name="P", kind="group", rhythm={}, created_at=now)
        )
        raise RuntimeError("stop")
    with engine.connect() as connection:
        count = connection.execute(sa.select(sa.func.count()).select_from(schema.programmes))
        assert count.scalar() == 0
