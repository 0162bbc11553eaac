"""The plan as the coordinator edits and exports it: names, mentor choices, checked edits, files."""

from __future__ import annotations

import csv
import io

import fastexcel
import polars as pl
import pytest
from demo_data import demo_programme, demo_result

from smile_core.ingest.participants import Adept, Gender, Mentor, Programme, Workplace
from smile_core.matching.plan import Pair, Plan
from smile_core.matching.plan_table import (
    PLAN_SCHEMA,
    REMOVED_BY_HAND,
    SCORE_PARTS,
    candidates_for,
    fitting_mentors,
    plan_frame,
    unmatched_frame,
)
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import EqualitySettings, MatchSettings
from smile_core.matching.solver import solve
from smile_core.reports.export import (
    pairs_csv_bytes,
    pairs_xlsx_bytes,
    plan_export_frames,
    unmatched_csv_bytes,
)
from smile_core.workflows.edit_checks import check_edits, edit_violations
from smile_core.workflows.plan_edits import apply_edits

FORMULA_NAME = '=HYPERLINK("http://evil.example","klicka")'
SETTINGS = MatchSettings(equality=EqualitySettings().all_off(), time_limit_seconds=10)


SWEDISH = ("swedish",)


def _adept(i: int, gender: Gender, name: str) -> Adept:
    return Adept(
        f"A{i}",
        gender,
        "ekonom",
        name=name,
        target_field="ekonom",
        languages=SWEDISH,
        swedish_level="b1",
    )


@pytest.fixture(scope="module")
def programme() -> Programme:
    """Four adepts (one named like a formula), three mentors, two small workplaces."""
    adepts = (
        _adept(1, Gender.WOMAN, FORMULA_NAME),
        _adept(2, Gender.MAN, "Bo Ek"),
        _adept(3, Gender.WOMAN, "Cia Lund"),
        _adept(4, Gender.MAN, "Dan Berg"),
    )
    mentors = (
        Mentor("M1", Gender.WOMAN, "ekonom", "Maja", "W1", SWEDISH, capacity=1),
        Mentor("M2", Gender.MAN, "controller", "Mats", "W2", SWEDISH, capacity=2),
        Mentor("M3", Gender.WOMAN, "revisor", "Mona", "", SWEDISH, capacity=1),
    )
    workplaces = (Workplace("W1", "@Banken", capacity=1), Workplace("W2", "Byrån", capacity=2))
    return Programme(adepts, mentors, workplaces)


@pytest.fixture(scope="module")
def scores(programme):
    """Every pair of the small programme, scored."""
    return score_pairs(programme, SETTINGS)


@pytest.fixture(scope="module")
def result(programme, scores):
    """The best plan for the small programme: four adepts on four seats."""
    return solve(programme, SETTINGS, scores=scores)


# --------------------------------------------------------------------------- tables


def test_plan_frame_has_one_named_row_per_pair():
    """On the demo plan, each row carries the pair's ids, the names and its score parts."""
    programme, result = demo_programme("academic"), demo_result("academic")
    frame = plan_frame(result, programme)
    assert frame.schema == pl.Schema(PLAN_SCHEMA)
    assert frame.height == len(result.plan.pairs)
    for row, pair in zip(frame.iter_rows(named=True), result.plan.pairs, strict=True):
        assert (row["adept_id"], row["mentor_id"]) == pair.key
        assert row["adept_name"] == programme.adept_by_id[pair.adept_id].name
        mentor = programme.mentor_by_id[pair.mentor_id]
        assert row["mentor_name"] == mentor.name and row["workplace_id"] == mentor.workplace_id
        assert row["workplace_name"] == programme.workplace_by_id[mentor.workplace_id].name
        assert row["score"] == pair.score
        assert {p: row[p] for p in SCORE_PARTS} == dict(pair.components)


def test_a_plan_read_back_from_ids_gets_workplaces_and_no_parts(programme):
    """A bare plan finds each mentor's workplace; its missing score parts are null."""
    frame = plan_frame(Plan.from_keys([("A2", "M2")]), programme)
    row = frame.row(0, named=True)
    assert row["workplace_id"] == "W2" and row["workplace_name"] == "Byrån"
    assert row["target_field"] is None and row["locked"] is False


def test_unmatched_adepts_with_their_reasons():
    """The demo's unmatched adepts are listed in programme order with the solver's reasons."""
    programme, result = demo_programme("vocational"), demo_result("vocational")
    frame = unmatched_frame(result, programme)
    assert frame["adept_id"].to_list() == [u.adept_id for u in result.unmatched]
    assert frame["message_sv"].to_list() == [u.message_sv for u in result.unmatched]


def test_an_adept_unmatched_by_hand_says_so(programme, result):
    """Taking an adept's mentor away lists them as removed by hand, in both languages."""
    edited = apply_edits(result.plan, {"A2": None}, programme=programme)
    frame = unmatched_frame(result, programme, edited)
    row = frame.filter(pl.col("adept_id") == "A2").row(0, named=True)
    assert row["reason"] == REMOVED_BY_HAND
    assert row["message_sv"] == "Mentorn togs bort för hand"


# --------------------------------------------------------------------------- candidates


def test_candidates_are_allowed_mentors_best_first_with_their_load(programme, scores, result):
    """The select box lists every allowed mentor, best score first, with load and room."""
    adept = "A2"
    current = result.plan.mentor_of[adept]
    frame = candidates_for(scores, programme, adept, result.plan)
    allowed = scores.filter(pl.col("adept_id") == adept, pl.col("allowed"))
    assert set(frame["mentor_id"]) == set(allowed["mentor_id"])
    assert frame["score"].to_list() == sorted(frame["score"].to_list(), reverse=True)
    assert frame.filter(pl.col("current"))["mentor_id"].to_list() == [current]
    others = [p for p in result.plan.pairs if p.adept_id != adept]
    for row in frame.iter_rows(named=True):
        load = sum(p.mentor_id == row["mentor_id"] for p in others)
        assert row["load"] == load
        assert row["capacity"] == programme.mentor_by_id[row["mentor_id"]].capacity
        assert row["label"].endswith(f"{load}/{row['capacity']}")
    # Every seat is taken by the others except the adept's own: only that mentor has room.
    assert frame.filter(pl.col("has_room"))["mentor_id"].to_list() == [current]


def test_fitting_mentors_are_the_allowed_ones_best_first_named_up_to_three(programme, scores):
    """Each adept's allowed mentors less forbids, best score first, "Name (id)", in the order
    asked; more than three are counted ("+N"); nobody fitting gives 0 and an empty text."""
    ranked = {
        a.id: candidates_for(scores, programme, a.id)["mentor_id"].to_list()
        for a in programme.adepts
    }
    name = {m.id: m.name for m in programme.mentors}
    ids = ["A4", "A1", "A2"]
    frame = fitting_mentors(scores, programme, ids, forbids=[("A1", ranked["A1"][0])])
    assert frame["adept_id"].to_list() == ids
    expected = {"A4": ranked["A4"], "A1": ranked["A1"][1:], "A2": ranked["A2"]}
    for adept_id, count, text in frame.iter_rows():
        mentors = expected[adept_id]
        assert count == len(mentors)
        assert text == ", ".join(f"{name[m]} ({m})" for m in mentors[:3])
    assert fitting_mentors(scores, programme, [], ()).height == 0


def test_more_than_three_fitting_mentors_are_counted_and_none_is_empty():
    """Five mentors allowed: three named and "+2"; an adept no mentor may have: 0 and ""."""
    mentors = tuple(
        Mentor(f"M{i}", Gender.MAN, "ekonom", "", "", SWEDISH, capacity=1) for i in range(5)
    )
    lonely = Adept("A9", Gender.WOMAN, "ekonom", target_field="ekonom", languages=("arabic",))
    prog = Programme((_adept(1, Gender.WOMAN, "Eva"), lonely), mentors)
    frame = fitting_mentors(score_pairs(prog, SETTINGS), prog, ["A1", "A9"])
    (count, text), (none_count, none_text) = frame.select("fitting_count", "fitting").rows()
    assert count == 5 and text.endswith(" +2") and len(text.split(", ")) == 3
    assert all(part.startswith("M") and "(" not in part for part in text[:-3].split(", "))
    assert (none_count, none_text) == (0, "")


def test_blocked_pairs_are_not_candidates(programme):
    """A mentor who shares no language with the adept is not offered."""
    mute = Mentor("M9", Gender.MAN, "ekonom", languages=("finnish",))
    adept = Adept("A9", Gender.MAN, "ekonom", languages=("arabic",))
    small = Programme((adept,), (mute, *programme.mentors[:1]), programme.workplaces[:1])
    frame = candidates_for(score_pairs(small, SETTINGS), small, "A9")
    assert frame.height == 0


# --------------------------------------------------------------------------- edits


def test_apply_edits_changes_removes_and_adds_pairs(programme, scores):
    """A new mentor brings its score and workplace; None removes; a new adept is added."""
    plan = Plan((Pair("A1", "M1", "W1", 50.0, locked=True), Pair("A2", "M2", "W2", 60.0)))
    edited = apply_edits(
        plan, {"A1": "M1", "A2": "M3", "A4": "M2"}, programme=programme, scores=scores
    )
    by_adept = {p.adept_id: p for p in edited.pairs}
    assert [p.adept_id for p in edited.pairs] == ["A1", "A2", "A4"]
    assert by_adept["A1"] == plan.pairs[0]  # unchanged, still locked
    expected = scores.filter(pl.col("adept_id") == "A2", pl.col("mentor_id") == "M3").row(
        0, named=True
    )
    assert by_adept["A2"].score == expected["score"] and not by_adept["A2"].locked
    assert dict(by_adept["A2"].components)["language"] == expected["language"]
    assert by_adept["A4"].workplace_id == "W2"
    assert apply_edits(edited, {"A4": None}).mentor_of == {"A1": "M1", "A2": "M3"}


def test_an_edit_over_capacity_is_blocked_with_names(programme, scores):
    """Two adepts on a mentor who takes one: blocked, in words with the mentor's name."""
    plan = apply_edits(Plan(), {"A1": "M1", "A2": "M1"}, programme=programme, scores=scores)
    violations = check_edits(programme, plan, SETTINGS, scores)
    rules = {v.rule: v for v in violations}
    assert rules["mentor_capacity"].blocking and rules["workplace_capacity"].blocking
    assert rules["mentor_capacity"].message_sv == "Mentorn Maja (M1) får 2 adepter men kan ta 1."
    assert rules["mentor_capacity"].message_en == "Mentor Maja (M1) gets 2 adepts but can take 1."
    assert "@Banken (W1)" in rules["workplace_capacity"].message_sv
    assert rules["mentor_capacity"].message == "mentor M1 has 2 adepts, capacity 1"
    assert edit_violations(programme, plan, SETTINGS, scores, lang="sv")[0].startswith("Mentorn")


def test_locks_forbids_and_rules_are_checked(programme, scores):
    """A missing locked pair, a forbidden pair and a pair the rules block are all reported."""
    blocked = scores.filter(~pl.col("allowed"))
    assert blocked.is_empty()  # everyone shares Swedish: block one pair by hand below
    scores = scores.with_columns(
        allowed=~((pl.col("adept_id") == "A3") & (pl.col("mentor_id") == "M3"))
    )
    plan = Plan.from_keys([("A2", "M2"), ("A3", "M3")])
    violations = check_edits(
        programme, plan, SETTINGS, scores, locks=[("A1", "M1")], forbids=[("A2", "M2")]
    )
    by_rule = {v.rule: v for v in violations}
    assert set(by_rule) == {"lock", "forbid", "allowed"}
    assert all(v.blocking for v in violations)
    assert by_rule["lock"].message_sv.startswith("Det låsta paret")
    assert "Bo Ek (A2) – Mats (M2)" in by_rule["forbid"].message_en
    for violation in violations:
        assert violation.message_sv != violation.message  # every rule is put in words


def test_equality_rules_only_warn(programme, scores):
    """Matching only men breaks match-rate parity: a warning in words, not a block."""
    settings = MatchSettings(equality=EqualitySettings(min_group_size=2))
    plan = Plan.from_keys([("A2", "M2"), ("A4", "M2")])
    violations = check_edits(programme, plan, settings, scores)
    (parity,) = [v for v in violations if v.rule == "match_rate"]
    assert not parity.blocking
    assert parity.message_sv.startswith("Jämställdhet: kvinnor är 0,0\u00a0% av de matchade")
    assert parity.message_en.startswith("Equality: women are 0.0% of the matched")
    assert edit_violations(programme, plan, settings, scores, blocking_only=True) == []


def test_a_plan_within_every_rule_has_no_violations(programme, scores, result):
    """The solver's own plan, checked as an edit, breaks nothing."""
    assert check_edits(programme, result.plan, SETTINGS, scores) == []


# --------------------------------------------------------------------------- exports


def test_export_frames_have_swedish_headers_and_words(programme, result):
    """Sheets Par and Ej matchade, Swedish headers, genders and lock in words, notes added."""
    edited = apply_edits(result.plan, {"A4": None}, programme=programme)
    frames = plan_export_frames(result, programme, plan=edited, notes={"A2": "Ringer på måndag"})
    assert list(frames) == ["Par", "Ej matchade"]
    pairs = frames["Par"]
    assert pairs.columns[:4] == ["Adept-ID", "Adept", "Adeptens kön", "Mentor-ID"]
    assert "Önskat yrke" in pairs.columns and "Anteckning" in pairs.columns
    assert set(pairs["Adeptens kön"]) <= {"Kvinna", "Man"}
    assert set(pairs["Låst"]) == {"nej"}
    assert pairs.filter(pl.col("Adept-ID") == "A2")["Anteckning"].item() == "Ringer på måndag"
    assert frames["Ej matchade"]["Adept-ID"].to_list() == ["A4"]
    english = plan_export_frames(result, programme, lang="en")
    assert list(english) == ["Pairs", "Unmatched"]
    assert "Wished job" in english["Pairs"].columns
    with pytest.raises(ValueError):
        plan_export_frames(result, programme, lang="de")


def test_csv_export_neutralises_formulas_for_swedish_excel(programme, result):
    """The CSV has a BOM and semicolons, and the formula-like name and workplace start with '."""
    data = pairs_csv_bytes(result, programme)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert len(body) == len(result.plan.pairs)
    cells = [cell for row in body for cell in row]
    assert "'" + FORMULA_NAME in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    if "W1" in {p.workplace_id for p in result.plan.pairs}:
        assert "'@Banken" in cells
    assert header[header.index("Poäng")] == "Poäng"
    unmatched = unmatched_csv_bytes(result, programme)
    assert unmatched.decode("utf-8-sig").startswith("Adept-ID;Adept;Adeptens kön;Skäl")


def test_xlsx_export_keeps_formulas_as_inert_text(programme, result):
    """The workbook read back has both sheets and the formula-like name as plain text, as typed."""
    edited = apply_edits(result.plan, {"A1": None}, programme=programme)
    reader = fastexcel.read_excel(pairs_xlsx_bytes(result, programme, plan=edited))
    assert reader.sheet_names == ["Par", "Ej matchade"]
    pairs = reader.load_sheet("Par").to_polars()
    unmatched = reader.load_sheet("Ej matchade").to_polars()
    assert pairs.height == len(edited.pairs)
    assert unmatched["Adept"].to_list() == [FORMULA_NAME]
