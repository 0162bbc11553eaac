"""Matchning's banner for a plan stopped unproven: the share of the bound, and the points."""

import pytest
from apptest_support import assert_no_error
from streamlit.testing.v1 import AppTest

from smile_core.text import t


def _banner(lang: str, bound: float, gap: float, stages: tuple[str, ...] = ()) -> str:
    def show(lang, bound, gap, stages):
        from smile_core.matching.plan import MatchResult, Pair, Plan, Status
        from smile_ui.result_view import result_banner

        plan = Plan(tuple(Pair(f"A{i:02}", "M01") for i in range(70)))
        result = MatchResult(
            Status.FEASIBLE, plan, (), 4864.19, 4864.19, bound, gap, 20.0, (), stages=stages
        )
        result_banner(result, lang)

    at = AppTest.from_function(show, args=(lang, bound, gap, stages)).run()
    assert_no_error(at)
    return at.warning[0].value


@pytest.mark.parametrize(
    ("lang", "points"),
    [
        ("sv", "högst 6,77 poäng mer i summa, 0,10 per matchat par"),
        ("en", "at most 6.77 points more in total, 0.10 per matched pair"),
    ],
)
def test_an_unproven_score_says_how_many_points_could_be_gained(lang, points):
    """'Within 0.14 %' alone means little at a meeting: the banner also gives it in points."""
    shown = _banner(lang, 4870.96, (4870.96 - 4864.19) / 4870.96)
    assert t("matching.banner.feasible", lang, gap="G", seconds="S").split("G")[0] in shown
    assert points in shown


def test_no_points_when_an_earlier_stage_stopped_unproven():
    """A worse-off mean's gap is no shortfall of score: the banner gives the share alone."""
    shown = _banner("sv", 4864.19, 0.0018)
    assert "poäng mer i summa" not in shown
    assert "0,18\u00a0%" in shown  # a no-break space before the sign, as Swedish writes it


@pytest.mark.parametrize(
    ("lang", "cancelled", "time_limit", "points"),
    [
        ("sv", "sökningen avbröts efter 20,00 s", "tidsgräns", "poäng mer i summa"),
        ("en", "the search was cancelled after 20.00 s", "time limit", "points more in total"),
    ],
)
def test_a_cancelled_search_is_not_said_to_have_reached_the_time_limit(
    lang, cancelled, time_limit, points
):
    """Cancelled after 20 s: the banner says so, with its gap in points, and says nothing of a
    time limit (no advice to raise it)."""
    shown = _banner(lang, 4870.96, (4870.96 - 4864.19) / 4870.96, ("score", "cancelled"))
    assert cancelled in shown
    assert time_limit not in shown
    assert points in shown
