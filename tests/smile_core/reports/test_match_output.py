"""The match's summary for the CLI and the reports: its status says only what was proven."""

import dataclasses

from demo_data import demo_result

from smile_core.reports.match_output import result_json, result_text, status_line
from smile_core.text import t


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
