"""Paging through a large plan: filters, numeric-aware sorting, ranked mentor choices, refusals."""

from __future__ import annotations

import polars as pl
import pytest

from smile_core.ingest.participants import Adept, Gender, Mentor, Programme, Workplace
from smile_core.matching.plan import Pair, Plan
from smile_core.matching.plan_view import (
    PairIndex,
    PlanView,
    mentor_choices,
    natural_key,
    natural_order,
    page_of,
    refusal_lines,
    view_rows,
)
from smile_core.workflows.edit_checks import EditViolation


def _rows() -> pl.DataFrame:
    """Twelve pairs at workplaces 'Workplace 0'..'Workplace 11', then two adepts unmatched."""
    matched = [
        {
            "adept_id": f"A{i}",
            "adept_name": f"Adept {i}",
            "adept_gender": "woman" if i % 2 else "man",
            "mentor_id": f"M{i}",
            "mentor_name": f"Mentor {i}",
            "workplace_name": f"Workplace {i}",
            "score": float(10 * (i % 10)),
        }
        for i in range(12)
    ]
    unmatched = [
        {
            "adept_id": f"A{i}",
            "adept_name": f"Adept {i}",
            "adept_gender": "woman",
            "mentor_id": None,
            "mentor_name": None,
            "workplace_name": None,
            "score": None,
        }
        for i in (12, 13)
    ]
    return pl.DataFrame(matched + unmatched)


def test_natural_key_reads_numbers_in_text_as_numbers():
    """Workplace 2 sorts before Workplace 10, case ignored; the text order would not."""
    names = ["Workplace 10", "workplace 2", "Workplace 1", "Workplace 0", "W100"]
    assert sorted(names, key=natural_key) == [
        "W100",
        "Workplace 0",
        "Workplace 1",
        "workplace 2",
        "Workplace 10",
    ]
    assert natural_order(["b 10", "b 9", "", "b 9"]) == ["b 9", "b 10"]


def test_sorting_by_workplace_is_numeric_aware_and_puts_unmatched_last():
    """Sorted by workplace, the rows run 0, 1, 2, …, 11 and adepts without a mentor come last."""
    page = view_rows(_rows(), PlanView(sort="workplace", page_size=100))
    assert page.rows["workplace_name"].to_list()[:12] == [f"Workplace {i}" for i in range(12)]
    assert page.rows["adept_id"].to_list()[12:] == ["A12", "A13"]


def test_filters_combine_and_paging_clamps_to_the_last_page():
    """Gender and score range narrow together; a page past the end shows the last page."""
    view = PlanView(genders=("woman",), score_min=30, score_max=70, page_size=2, page=9)
    page = view_rows(_rows(), view)
    # Women are the odd adepts; scores 30, 50, 70 are A3, A5, A7 (A13 is unmatched: out).
    assert page.total == 3 and page.pages == 2 and page.page == 2
    assert page.rows["adept_id"].to_list() == ["A7"]


def test_search_and_unmatched_only():
    """The search finds a mentor by name; "unmatched only" keeps the adepts without a mentor."""
    found = view_rows(_rows(), PlanView(search="mentor 11"))
    assert found.rows["adept_id"].to_list() == ["A11"]
    alone = view_rows(_rows(), PlanView(unmatched_only=True))
    assert alone.rows["adept_id"].to_list() == ["A12", "A13"]
    assert view_rows(_rows(), PlanView(workplaces=("Workplace 3",))).total == 1


def test_score_sort_and_default_signature():
    """Best score first, unscored rows last; only the default view has an empty signature."""
    rows = view_rows(_rows(), PlanView(sort="score_desc", page_size=100)).rows
    assert rows["score"].to_list()[:2] == [90.0, 80.0] and rows["score"][-1] is None
    assert PlanView().signature() == ""
    assert PlanView(page=2).signature() != "" != PlanView(search="x").signature()
    with pytest.raises(ValueError):
        view_rows(_rows(), PlanView(sort="colour"))


def test_page_of_slices_a_frame():
    """Page 2 of five rows in pages of two holds rows 3 and 4."""
    rows, page, pages = page_of(pl.DataFrame({"x": [1, 2, 3, 4, 5]}), 2, 2)
    assert rows["x"].to_list() == [3, 4] and (page, pages) == (2, 3)


def _programme() -> Programme:
    workplaces = (Workplace("W1", "Verkstad", capacity=2), Workplace("W2", "Kontor", capacity=5))
    mentors = tuple(
        Mentor(f"M{i}", Gender.WOMAN, "it", name=f"Mentor {i}", workplace_id=w, capacity=1)
        for i, w in ((1, "W1"), (2, "W2"), (10, "W2"), (3, "W1"))
    )
    adepts = tuple(Adept(f"A{i}", Gender.MAN, "it", name=f"Adept {i}") for i in (1, 2, 3))
    return Programme(adepts=adepts, mentors=mentors, workplaces=workplaces)


def test_mentor_choices_rank_allowed_first_then_by_score():
    """Allowed mentors by score, then the rest; room counts the mentor's and workplace's load."""
    scores = pl.DataFrame(
        {
            "adept_id": ["A1"] * 4,
            "mentor_id": ["M1", "M2", "M10", "M3"],
            "score": [50.0, 90.0, 70.0, 95.0],
            "allowed": [True, False, True, False],
        }
    )
    # A2 has M1 and A3 has M3: M1 is full, and W1 (2 places) is full too.
    plan = Plan((Pair("A2", "M1"), Pair("A3", "M3")))
    choices = mentor_choices(scores, _programme(), "A1", plan)
    assert choices["mentor_id"].to_list() == ["M10", "M1", "M3", "M2"]
    assert choices["allowed"].to_list() == [True, True, False, False]
    assert choices["has_room"].to_list() == [True, False, False, True]
    assert not choices["current"].any()


def test_a_refusal_names_the_edited_row_and_the_rule():
    """A capacity breach is pinned on the row that gave the mentor a new adept."""
    capacity = EditViolation(
        "mentor_capacity", True, "Mentorn M1 …", "Mentor M1 gets 2 …", "", (("m", "M1"),)
    )
    forbid = EditViolation("forbid", True, "sv", "The pair A2–M2 …", "", (("a", "A2"),))
    warning = EditViolation("match_rate", False, "sv", "en", "", ())
    lines = refusal_lines(
        [capacity, forbid, warning],
        row_of_adept={"A1": 3, "A2": 7},
        new_mentor_of={"A1": "M1"},
        rule_names={"mentor_capacity": "Mentor's capacity"},
        row_word="Row",
        lang="en",
    )
    assert lines == [
        "Row 3 · Mentor's capacity: Mentor M1 gets 2 …",
        "Row 7 · forbid: The pair A2–M2 …",
    ]


def _dense_scores() -> pl.DataFrame:
    """Three adepts × four mentors in score_pairs' layout, each pair's score unique."""
    adepts, mentors = ["A1", "A2", "A3"], ["M1", "M2", "M10", "M3"]
    return pl.DataFrame(
        {
            "adept_id": [a for a in adepts for _ in mentors],
            "mentor_id": mentors * len(adepts),
            "score": [float(i) for i in range(len(adepts) * len(mentors))],
        }
    )


def test_pair_index_finds_pairs_by_position_like_a_join():
    """In the dense layout, the index finds exactly the asked pairs; unknown ones are left out."""
    scores = _dense_scores()
    keys = [("A2", "M10"), ("A3", "M1"), ("A1", "M3"), ("A9", "M1"), ("A2", "M10")]
    found = PairIndex.of(scores).rows(scores, keys).sort("score")
    assert found.select("adept_id", "mentor_id").rows() == [
        ("A1", "M3"),
        ("A2", "M10"),
        ("A3", "M1"),
    ]


def test_pair_index_of_another_layout_still_gives_the_right_rows():
    """An index built on one layout and used on a shuffled or sparse frame falls back to a
    join for what it cannot find by position: same rows."""
    scores = _dense_scores()
    index = PairIndex.of(scores)
    shuffled = scores.sample(fraction=1.0, shuffle=True, seed=4).filter(pl.col("score") != 5.0)
    keys = [("A2", "M2"), ("A1", "M1"), ("A3", "M3")]  # score 5.0 is A2–M2: gone
    found = index.rows(shuffled, keys).sort("score")
    assert found.select("adept_id", "mentor_id").rows() == [("A1", "M1"), ("A3", "M3")]
    assert PairIndex.of(shuffled).rows(shuffled, keys).height == 2
