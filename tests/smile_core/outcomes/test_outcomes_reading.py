"""Follow-ups and evaluation answers read from any file: every problem, in both languages."""

from __future__ import annotations

from collections import Counter

import polars as pl
import pytest
from demo_data import demo_csv_rows, demo_programme, demo_source
from spreadsheet_files import csv_bytes, csv_file, xlsx_bytes

from smile_core.demo import programmes as demo
from smile_core.ingest.problems import Severity
from smile_core.ingest.reading import SourceFile
from smile_core.outcomes.outcome_records import (
    FOLLOW_UP_MONTHS,
    FOLLOW_UP_STATUSES,
)
from smile_core.outcomes.outcomes_reading import load_evaluations, load_followups


def _problems_at(report, row: int, column: str):
    return [p for p in report.problems if p.row == row and p.column == column]


# --------------------------------------------------------------------------- vocabulary


def test_demo_follow_ups_use_only_the_known_statuses_and_months():
    """Every status and month in the demo files is one the loader knows (one vocabulary)."""
    for key in ("vocational", "academic"):
        rows = pl.read_csv(demo.demo_programme_files(key)["followups.csv"], infer_schema=False)
        assert set(rows["status"]) <= set(FOLLOW_UP_STATUSES)
        assert {int(m) for m in rows["months"]} <= set(FOLLOW_UP_MONTHS)


# --------------------------------------------------------------------------- loading follow-ups


@pytest.mark.parametrize("key", ["vocational", "academic"])
def test_demo_followups_load_cleanly_with_every_row(key):
    """Each demo follow-up file loads without a problem, one row per file row, canonical values."""
    loaded = load_followups(
        demo_source(key, "followups.csv"), demo_programme(key), programme_name=key
    )
    raw = demo_csv_rows(key, "followups.csv")
    assert loaded.report.problems == ()
    frame = loaded.frame
    assert frame is not None and frame.height == len(raw)
    assert frame.schema["months"] == pl.Int64 and frame.schema["mentor_contributed"] == pl.Boolean
    assert set(frame["status"]) <= set(FOLLOW_UP_STATUSES)
    assert set(frame["programme"]) == {key}
    expected = Counter((r["adept_id"], int(r["months"]), r["status"]) for r in raw)
    assert Counter(frame.select("adept_id", "months", "status").iter_rows()) == expected


def test_swedish_headers_and_words_are_understood():
    """A Swedish Excel export (cp1252, semicolons) with Swedish statuses in any case is read."""
    rows = [
        ["Adept-ID", "Månader", "Status", "Mentorn bidrog"],
        ["A1", "3", "Praktik", ""],
        ["A1", "6 mån", "studier", "vet ej"],
        ["A1", "12 månader", "KVALIFICERAT JOBB", "Ja"],
        ["A2", "3", "söker arbete", ""],
        ["A2", "6", "Annat jobb", "nej"],
        ["A2", "12", "avbrutit", ""],
        ["A3", "12", "lämnat programmet", ""],
    ]
    loaded = load_followups(SourceFile("uppföljning.csv", csv_bytes(rows, encoding="cp1252")))
    assert loaded.report.problems == ()
    frame = loaded.frame
    assert frame["status"].to_list() == [
        "internship",
        "studies",
        "qualified_job",
        "seeking_work",
        "other_job",
        "left_programme",
        "left_programme",
    ]
    assert frame["months"].to_list() == [3, 6, 12, 3, 6, 12, 12]
    assert frame["mentor_contributed"].to_list() == [None, None, True, None, False, None, None]


def test_followups_from_a_workbook_with_numbers_as_numbers():
    """An XLSX sheet whose months are numeric cells reads the same as text."""
    data = xlsx_bytes(
        {
            "Uppföljning": [
                ["adept_id", "months", "status"],
                ["A1", 12, "qualified_job"],
                ["A2", 6.0, "other job"],
            ]
        }
    )
    loaded = load_followups(SourceFile("uppföljning.xlsx", data))
    assert loaded.ok, loaded.report.problems
    assert loaded.frame["months"].to_list() == [12, 6]
    assert loaded.frame["status"].to_list() == ["qualified_job", "other_job"]


def test_a_bad_followup_file_reports_every_problem_at_once():
    """Bad months, status, yes/no, blank id, unknown adept and a duplicate: all named by row."""
    programme = demo_programme("vocational")
    rows = [
        ["adept_id", "months", "status", "mentor_contributed"],
        ["A01", "12", "qualified_job", "yes"],  # row 2: fine
        ["A02", "7", "qualified_job", ""],  # row 3: months
        ["A03", "12", "working", "maybe"],  # row 4: status and yes/no
        ["", "12", "studies", ""],  # row 5: no id
        ["Z99", "12", "studies", ""],  # row 6: not in the programme
        ["A01", "12", "other_job", "no"],  # row 7: duplicate of row 2
    ]
    loaded = load_followups(csv_file("followups.csv", rows, separator=","), programme)
    assert loaded.frame is None and not loaded.ok
    report = loaded.report
    assert all(p.file == "followups.csv" for p in report.problems)
    assert _problems_at(report, 3, "months")[0].value == "7"
    assert _problems_at(report, 4, "status")[0].value == "working"
    assert _problems_at(report, 4, "mentor_contributed")[0].value == "maybe"
    assert _problems_at(report, 5, "adept_id")
    unknown = _problems_at(report, 6, "adept_id")[0]
    assert unknown.value == "Z99" and "Z99" in unknown.message_sv and "Z99" in unknown.message_en
    duplicate = _problems_at(report, 7, "adept_id")[0]
    assert "rad 2" in duplicate.message_sv and "row 2" in duplicate.message_en
    assert len(report.errors) == 6
    for problem in report.errors:
        assert problem.message_sv.startswith(f"Rad {problem.row}, kolumn {problem.column}: ")
        assert problem.message_en.startswith(f"Row {problem.row}, column {problem.column}: ")


def test_missing_columns_are_named_and_unknown_ones_warned_about():
    """Without a status column the file is refused naming it; an extra column is a warning."""
    rows = [["adept_id", "months", "comment"], ["A1", "12", "ok"]]
    loaded = load_followups(csv_file("f.csv", rows, separator=","))
    assert loaded.frame is None
    (missing,) = loaded.report.errors
    assert "Status" in missing.message_sv and "status" in missing.message_en
    (extra,) = loaded.report.warnings
    assert extra.column == "comment"


@pytest.mark.parametrize("data", [b"", b"adept_id,months,status\r\n"])
def test_an_empty_followup_file_is_an_error_not_a_crash(data):
    """An empty file, or one with headers only, gives a clear error and no frame."""
    loaded = load_followups(SourceFile("f.csv", data))
    assert loaded.frame is None and loaded.report.errors


def test_cohort_comes_from_the_file_else_from_the_programme():
    """A cohort column wins; without one, each adept's cohort in the programme is used."""
    programme = demo_programme("vocational")
    without = load_followups(
        csv_file(
            "f.csv", [["adept_id", "months", "status"], ["A01", "12", "studies"]], separator=","
        ),
        programme,
    )
    assert without.frame["cohort"].to_list() == [programme.adept_by_id["A01"].cohort]
    with_cohort = load_followups(
        csv_file(
            "f.csv", [["Adept", "Månad", "Status", "Kohort"], ["A01", "12", "studier", "HT 2025"]]
        ),
        programme,
    )
    assert with_cohort.frame["cohort"].to_list() == ["HT 2025"]


# --------------------------------------------------------------------------- loading evaluations


@pytest.mark.parametrize("key", ["vocational", "academic"])
def test_demo_evaluations_load_cleanly(key):
    """Each demo evaluation file loads without a problem with every answer 1-5 kept."""
    loaded = load_evaluations(demo_source(key, "evaluations.csv"), demo_programme(key))
    raw = demo_csv_rows(key, "evaluations.csv")
    assert loaded.report.problems == ()
    assert loaded.frame.height == len(raw)
    assert Counter(loaded.frame["answer"].to_list()) == Counter(int(r["answer"]) for r in raw)
    assert set(loaded.frame["role"]) == {"adept", "mentor"}


def test_evaluation_problems_are_all_reported():
    """Bad roles, answers, respondents and duplicates are errors; a blank answer is a warning."""
    programme = demo_programme("vocational")
    rows = [
        ["Svarande", "Roll", "Fråga", "Svar"],
        ["A01", "Adept", "overall_satisfaction", "4,0"],  # row 2: fine
        ["A01", "chef", "overall_satisfaction", "4"],  # row 3: role
        ["A02", "adept", "overall_satisfaction", "7"],  # row 4: off the scale
        ["M01", "adept", "overall_satisfaction", "3"],  # row 5: M01 is no adept
        ["A01", "adept", "Nöjd med programmet som helhet", "5"],  # row 6: same item as row 2
        ["A03", "adept", "would_recommend", ""],  # row 7: blank answer
    ]
    loaded = load_evaluations(csv_file("svar.csv", rows), programme)
    assert loaded.frame is None
    report = loaded.report
    assert _problems_at(report, 3, "Roll")[0].severity is Severity.ERROR
    assert _problems_at(report, 4, "Svar")[0].value == "7"
    assert _problems_at(report, 5, "Svarande")[0].value == "M01"
    assert "rad 2" in _problems_at(report, 6, "Svarande")[0].message_sv
    assert _problems_at(report, 7, "Svar")[0].severity is Severity.WARNING
    assert len(report.errors) == 4


def test_a_blank_answer_leaves_only_its_row_out():
    """With no errors, a blank answer's row is dropped with a warning and the rest is kept."""
    rows = [
        ["respondent_id", "role", "item", "answer"],
        ["M01", "handledare", "meaningful", "5"],
        ["M02", "mentor", "meaningful", ""],
    ]
    loaded = load_evaluations(csv_file("e.csv", rows, separator=","))
    assert loaded.ok and loaded.frame["respondent_id"].to_list() == ["M01"]
    assert loaded.frame["role"].to_list() == ["mentor"]
    assert len(loaded.report.warnings) == 1
