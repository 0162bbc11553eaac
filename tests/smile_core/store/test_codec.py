"""Codec: people, workplaces, settings and figures to JSON and back."""

from __future__ import annotations

import dataclasses
import json

from smile_core.ingest.participants import Adept, Mentor, Programme, Workplace
from smile_core.matching.plan import MatchResult
from smile_core.matching.settings import MatchSettings, Priority, QualityParityMode
from smile_core.store.codec import (
    attributes,
    from_attributes,
    plain,
    result_figures,
    settings_from_json,
    settings_json,
)


def test_every_demo_row_survives_a_round_trip(vocational: Programme) -> None:
    """Every adept, mentor and workplace comes back equal from its JSON attributes."""
    for cls, rows in ((Adept, vocational.adepts), (Mentor, vocational.mentors)):
        for row in rows:
            stored = json.loads(json.dumps(attributes(row)))
            assert from_attributes(cls, row.id, stored) == row
    for workplace in vocational.workplaces:
        assert from_attributes(Workplace, workplace.id, attributes(workplace)) == workplace


def test_old_rows_load_when_fields_come_and_go(vocational: Programme) -> None:
    """A stored field the class no longer has is ignored; a new field takes its default."""
    adept = vocational.adepts[0]
    stored = attributes(adept)
    stored["shoe_size"] = 42
    del stored["availability"]
    assert from_attributes(Adept, adept.id, stored) == dataclasses.replace(adept, availability=())


def test_settings_survive_a_round_trip() -> None:
    """Nested, enum and numeric settings come back equal from JSON."""
    settings = MatchSettings(priority=Priority.QUALITY, time_limit_seconds=7, seed=5)
    settings = dataclasses.replace(
        settings,
        equality=dataclasses.replace(
            settings.equality,
            quality=dataclasses.replace(settings.equality.quality, mode=QualityParityMode.MAXIMIN),
        ),
    )
    assert settings_from_json(json.loads(json.dumps(settings_json(settings)))) == settings


def test_figures_hold_no_person(solved: MatchResult, vocational: Programme) -> None:
    """A run's figures are aggregates: no adept's or mentor's id or name appears in them."""
    text = json.dumps(result_figures(solved), ensure_ascii=False)
    people = (*vocational.adepts, *vocational.mentors)
    assert [p.id for p in people if f'"{p.id}"' in text] == []
    assert [p.name for p in people if p.name in text] == []
    assert result_figures(solved)["matched"] == solved.matched


def test_non_finite_numbers_become_null() -> None:
    """NaN and infinity (which PostgreSQL's JSON refuses) are stored as null."""
    assert plain({"gap": float("nan"), "bound": float("inf"), "n": (1, 2)}) == {
        "gap": None,
        "bound": None,
        "n": [1, 2],
    }
