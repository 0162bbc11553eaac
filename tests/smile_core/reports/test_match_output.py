"""The match's summary for the CLI and the reports: its status says only what was proven."""

import dataclasses

from demo_data import demo_result

from smile_core.matching.plan import Status
from smile_core.reports.match_output import (
    result_json,
    result_text,
    shortfall_words,
    status_line,
)
from smile_core.text import gap_percent, number, t


def test_a_proven_plan_is_proven_in_the_json_and_the_text():
    """The demo's optimal plan: proven in the JSON, "proven best" in both languages."""
    result = demo_result("vocational")
    assert result_json(result)["proven"] is True
    assert t("report.status.optimal", "sv") in result_text(result)
    assert t("report.status.optimal", "en") in result_text(result)


def test_a_plan_changed_by_hand_is_not_proven_and_says_so():
    """Two hand edits: not proven in the JSON; the status line says changed, then the verdict."""
    edited = dataclasses.replace(demo_result("vocational"), hand_edits=2)
    summary = result_json(edited)
    assert (summary["status"], summary["proven"], summary["hand_edits"]) == ("optimal", False, 2)
    solver = t("report.status.optimal", "en")
    assert status_line(edited, "en") == t("report.status.edited", "en", count=2, solver=solver)


def _stopped_at(result, points: float):
    """``result`` as if its score stage stopped ``points`` below its bound (gap its own)."""
    bound = result.objective + points
    return dataclasses.replace(result, status=Status.FEASIBLE, best_bound=bound, gap=points / bound)


def test_an_unproven_score_is_said_in_points_in_the_reports():
    """A score stage stopped 7 points short of its bound: the share, then the points."""
    result = _stopped_at(demo_result("vocational"), 7.0)
    words = shortfall_words(result, "sv")
    per_pair = number(7.0 / result.matched, "sv", 2)
    assert words == t("matching.shortfall", "sv", points="7,00", per_pair=per_pair)
    gap = gap_percent(result.gap, "sv")
    said = t("report.status.feasible_points", "sv", gap=gap, shortfall=words)
    assert status_line(result, "sv") == said


def test_the_json_gives_an_unproven_scores_shortfall_in_points():
    """A score stage stopped 7 points short: the JSON says 7.0; a proven plan says null."""
    assert result_json(_stopped_at(demo_result("vocational"), 7.0))["score_shortfall"] == 7.0
    assert result_json(demo_result("vocational"))["score_shortfall"] is None


def test_an_earlier_stages_gap_is_not_said_in_points():
    """A gap larger than the score's own (a mean's, a rate's) keeps the plain sentence."""
    result = dataclasses.replace(_stopped_at(demo_result("vocational"), 7.0), gap=0.01)
    assert shortfall_words(result, "en") is None
    assert result_json(result)["score_shortfall"] is None
    assert status_line(result, "en") == t("report.status.feasible", "en", gap="1.00%")
