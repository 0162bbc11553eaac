"""The committed demo programmes (data/demo/) as tests need them: files, programmes, plans.

Shared by test_outcomes_reading, test_outcome_figures, test_readiness, test_plan_table and
test_report. Loaded once per test session; everything returned is immutable or a fresh frame.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from pathlib import Path

import polars as pl

from smile_core.ingest.participants import Programme
from smile_core.ingest.reading import SourceFile
from smile_core.ingest.validation import load_programme
from smile_core.matching.plan import MatchResult
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import solve
from smile_core.outcomes.outcomes_reading import load_followups

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"
KEYS = ("vocational", "academic")


def demo_source(key: str, name: str) -> SourceFile:
    """One file of a demo programme's folder as the coordinator would upload it."""
    return SourceFile(name, (DEMO / key / name).read_bytes())


@cache
def demo_programme(key: str) -> Programme:
    """The demo programme ``key``, validated from its committed files."""
    loaded = load_programme(
        adepts=demo_source(key, "adepts.csv"),
        mentors=demo_source(key, "mentors.csv"),
        workplaces=demo_source(key, "workplaces.csv"),
    )
    assert loaded.programme is not None, loaded.report.errors
    return loaded.programme


@cache
def demo_result(key: str) -> MatchResult:
    """A plan for the demo programme ``key`` under the default settings."""
    result = solve(demo_programme(key), MatchSettings(time_limit_seconds=20))
    assert result.has_plan, result.status
    return result


def demo_followups(key: str) -> pl.DataFrame:
    """The demo programme's follow-ups as loaded (a fresh frame), named after ``key``."""
    loaded = load_followups(
        demo_source(key, "followups.csv"), demo_programme(key), programme_name=key
    )
    assert loaded.frame is not None, loaded.report.problems
    return loaded.frame


def demo_csv_rows(key: str, name: str) -> list[dict[str, str]]:
    """A demo CSV read with the standard library: the independent oracle for the figures."""
    text = demo_source(key, name).data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))
