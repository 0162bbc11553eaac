"""Gender figures of a plan, from the plan alone."""

import pytest

from smile_core.equality.metrics import gender_figures, match_share_shortfall, mean_score_gap
from smile_core.ingest.participants import Adept, Gender, Mentor, Programme
from smile_core.matching.plan import GroupFigures


def _programme(genders):
    adepts = tuple(Adept(f"A{i:02d}", Gender(g), "ekonom") for i, g in enumerate(genders, 1))
    return Programme(adepts, (Mentor("M01", Gender.MAN, "ekonom"),))


def test_figures_per_gender_in_a_fixed_order_with_empty_groups():
    """Applicants, matched and mean matched score for every gender, empty ones included."""
    prog = _programme(["man", "woman", "woman", "undisclosed"])
    figures = gender_figures(prog, {"A02": 70.0, "A03": 80.5, "A01": 40.0})
    assert figures == (
        GroupFigures("woman", 2, 2, 75.25),
        GroupFigures("man", 1, 1, 40.0),
        GroupFigures("non_binary", 0, 0, None),
        GroupFigures("undisclosed", 1, 0, None),
    )


def test_figures_accept_pairs_of_adept_and_score():
    """An iterable of (adept, score) works like a mapping."""
    prog = _programme(["woman", "woman", "woman"])
    figures = gender_figures(prog, [("A01", 10.0), ("A02", 20.0), ("A03", 20.0)])
    assert figures[0] == GroupFigures("woman", 3, 3, 16.67)


def test_shortfall_in_points():
    """Share of applicants minus share of matched, per non-empty group."""
    figures = [
        GroupFigures("woman", 6, 1, 50.0),
        GroupFigures("man", 4, 3, 50.0),
        GroupFigures("non_binary", 0, 0, None),
    ]
    shortfall = match_share_shortfall(figures)
    assert shortfall == {"woman": pytest.approx(60 - 25), "man": pytest.approx(40 - 75)}
    assert match_share_shortfall([GroupFigures("woman", 3, 0, None)]) == {}


def test_mean_score_gap_women_minus_men():
    """Women's mean minus men's; None when either group has nobody matched."""
    women, men = GroupFigures("woman", 2, 2, 71.5), GroupFigures("man", 2, 1, 80.0)
    assert mean_score_gap([women, men]) == -8.5
    assert mean_score_gap([women, GroupFigures("man", 2, 0, None)]) is None
    assert mean_score_gap([women]) is None
