"""Databases for the store's tests: a temporary SQLite file, and a real PostgreSQL when
``SMILE_TEST_POSTGRES_URL`` is set (``scripts/ensure-postgres`` prints one), each test in a
schema of its own that is dropped afterwards. Plus the demo vocational cohort, solved once."""

from __future__ import annotations

import csv
import io
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest
from sqlalchemy.engine import Engine, make_url

from smile_core.ingest.participants import Programme
from smile_core.ingest.reading import SourceFile
from smile_core.ingest.validation import load_programme
from smile_core.matching.plan import MatchResult
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import solve
from smile_core.store import Repository, create_engine, upgrade

POSTGRES_URL = os.environ.get("SMILE_TEST_POSTGRES_URL", "").strip()
DEMO = Path(__file__).resolve().parents[3] / "data" / "demo" / "vocational"

BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(
            not POSTGRES_URL, reason="SMILE_TEST_POSTGRES_URL is not set (scripts/ensure-postgres)"
        ),
    ),
]


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database of each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'smile.db'}"
        return
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on the empty database."""
    engine = create_engine(database_url)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def repo(engine: Engine) -> Repository:
    """A repository over the database, migrated to the newest schema."""
    upgrade(engine)
    return Repository(engine)


def _csv_frame(path: Path) -> pl.DataFrame:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read())))
    return pl.DataFrame(rows, schema=dict.fromkeys(rows[0], pl.String))


@pytest.fixture(scope="session")
def vocational() -> Programme:
    """The demo vocational cohort: 40 adepts, 28 mentors, 12 workplaces, with names."""
    files = {
        table: SourceFile(f"{table}.csv", (DEMO / f"{table}.csv").read_bytes())
        for table in ("adepts", "mentors", "workplaces")
    }
    programme = load_programme(**files).programme
    assert programme is not None
    return programme


@pytest.fixture(scope="session")
def settings() -> MatchSettings:
    """Settings that differ from the defaults in a few places (so a round trip shows)."""
    return MatchSettings(time_limit_seconds=10, stability_weight=12.5, related_field_credit=0.4)


@pytest.fixture(scope="session")
def solved(vocational: Programme, settings: MatchSettings) -> MatchResult:
    """The vocational cohort solved once."""
    return solve(vocational, settings)


@pytest.fixture(scope="session")
def followups_frame() -> pl.DataFrame:
    """The demo cohort's follow-ups (3, 6, 12 months) as outcomes_reading.py hands them over."""
    return _csv_frame(DEMO / "followups.csv").with_columns(pl.col("months").cast(pl.Int64))


@pytest.fixture(scope="session")
def evaluations_frame() -> pl.DataFrame:
    """The demo cohort's evaluation answers."""
    return _csv_frame(DEMO / "evaluations.csv").with_columns(pl.col("answer").cast(pl.Int64))


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    """An engine on an empty SQLite file (for what only SQLite has)."""
    engine = create_engine(f"sqlite:///{tmp_path / 'smile.db'}")
    try:
        yield engine
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Cohort:
    """A stored programme with one cohort holding the demo participants (version 1)."""

    programme_id: int
    cohort_id: int


@pytest.fixture
def cohort(repo: Repository, vocational: Programme) -> Cohort:
    """The vocational demo cohort saved as programme "SMILE yrkes", cohort "2026 vår"."""
    rhythm = {"weeks": 30, "theory_days": 2, "practice_days": 2, "school_days": 1}
    programme_id = repo.create_programme("SMILE yrkes", "vocational", rhythm, "kim")
    cohort_id = repo.create_cohort(programme_id, "2026 vår", "kim")
    repo.save_participants(cohort_id, vocational, "kim")
    return Cohort(programme_id, cohort_id)


@pytest.fixture(autouse=True)
def cheap_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id with the smallest cost, so tests that make accounts stay fast."""
    from argon2 import PasswordHasher

    monkeypatch.setattr(
        "smile_core.store.accounts._hasher",
        PasswordHasher(time_cost=1, memory_cost=64, parallelism=1),
    )
