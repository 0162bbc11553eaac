"""Retention: programmes closed more than N months ago can be previewed, then purged."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from smile_core.ingest.participants import Programme
from smile_core.matching.plan import MatchResult
from smile_core.matching.settings import MatchSettings
from smile_core.store import Repository, schema
from smile_core.store.privacy import months_before

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


def _programme_with_run(
    repo: Repository,
    name: str,
    vocational: Programme,
    settings: MatchSettings,
    solved: MatchResult,
) -> int:
    programme_id = repo.create_programme(name, "vocational", {"weeks": 30}, "kim")
    cohort_id = repo.create_cohort(programme_id, "Vår", "kim")
    repo.save_participants(cohort_id, vocational, "kim")
    repo.save_run(cohort_id, settings, solved, 0, "kim")
    return programme_id


@pytest.fixture
def programmes(
    repo: Repository, vocational: Programme, settings: MatchSettings, solved: MatchResult
) -> dict[str, int]:
    """Four programmes: closed 30 and 13 months before NOW, closed 11 months before, open."""
    ids = {
        name: _programme_with_run(repo, name, vocational, settings, solved)
        for name in ("old", "last year", "recent", "open")
    }
    repo.close_programme(ids["old"], "kim", closed_at=datetime(2023, 12, 1, tzinfo=UTC))
    repo.close_programme(ids["last year"], "kim", closed_at=datetime(2025, 5, 14, tzinfo=UTC))
    repo.close_programme(ids["recent"], "kim", closed_at=datetime(2025, 7, 16, tzinfo=UTC))
    return ids


def test_preview_lists_what_would_go_and_deletes_nothing(
    repo: Repository, programmes: dict[str, int]
) -> None:
    """The preview names the programmes closed before the cut-off, with their sizes."""
    preview = repo.purge_preview(12, now=NOW)
    assert [p.name for p in preview] == ["old", "last year"]
    assert [(p.cohorts, p.people, p.runs) for p in preview] == [(1, 68, 1), (1, 68, 1)]
    assert preview[0].closed_at == datetime(2023, 12, 1, tzinfo=UTC)
    assert len(repo.list_programmes()) == 4
    assert [p.name for p in repo.purge_preview(36, now=NOW)] == []


def test_purge_deletes_exactly_the_previewed_programmes(
    repo: Repository, programmes: dict[str, int]
) -> None:
    """Purging removes those programmes with everything in them, logs each, keeps the rest."""
    preview = repo.purge_preview(12, now=NOW)
    gone = repo.purge(12, "dpo", now=NOW)
    assert gone == preview
    assert sorted(p.name for p in repo.list_programmes()) == ["open", "recent"]
    assert repo.purge_preview(12, now=NOW) == ()
    survivors = {p.programme_id for p in gone} ^ set(programmes.values())
    for programme_id in survivors:
        [cohort] = repo.list_cohorts(programme_id)
        assert len(repo.load_participants(cohort.id).adepts) == 40
        assert len(repo.list_runs(cohort.id)) == 1
    purges = [e for e in repo.audit_entries() if e.action == "purge"]
    assert [(e.who, e.detail["programme"], e.detail["people"]) for e in purges] == [
        ("dpo", "old", 68),
        ("dpo", "last year", 68),
    ]
    with repo.engine.connect() as connection:
        people = connection.execute(select(func.count()).select_from(schema.people)).scalar()
    assert people == 2 * 68


def test_open_programmes_are_never_purged(repo: Repository, programmes: dict[str, int]) -> None:
    """A programme that is not closed stays, however old, even with a retention of 0 months."""
    repo.purge(0, "dpo", now=NOW)
    assert [p.name for p in repo.list_programmes()] == ["open"]


def test_months_before_counts_calendar_months() -> None:
    """The cut-off moves back whole calendar months, the day clamped to the month's length."""
    assert months_before(datetime(2026, 3, 31, tzinfo=UTC), 1) == datetime(2026, 2, 28, tzinfo=UTC)
    assert months_before(datetime(2024, 3, 31, tzinfo=UTC), 1) == datetime(2024, 2, 29, tzinfo=UTC)
    assert months_before(datetime(2026, 1, 15, tzinfo=UTC), 13) == datetime(
        2024, 12, 15, tzinfo=UTC
    )
    assert months_before(NOW, 0) == NOW
    with pytest.raises(ValueError, match="negative"):
        months_before(NOW, -1)
