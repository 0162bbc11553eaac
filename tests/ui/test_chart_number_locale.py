"""Charts format numbers like the rest of SMILE: the Swedish chart spec carries Vega's number
locale for sv_SE (decimal comma, space between thousands), the English one en's."""

from __future__ import annotations

import polars as pl

from smile_ui import charts


def _spec(lang: str) -> dict:
    long = pl.DataFrame(
        {
            "value": [2320, 1800],
            f"label_{lang}": ["IT", "IT"],
            f"measure_{lang}": ["a", "b"],
        }
    )
    return charts.localised(charts.demand_supply(long, lang), lang).to_dict()


def test_swedish_chart_numbers_use_a_decimal_comma_and_a_space_for_thousands():
    """A Swedish chart tells Vega: decimal ",", thousands a (no-break) space, groups of three."""
    number = _spec("sv")["config"]["locale"]["number"]
    assert number["decimal"] == ","
    assert number["thousands"].isspace()
    assert number["grouping"] == [3]


def test_english_chart_numbers_use_a_decimal_point_and_a_comma_for_thousands():
    """An English chart keeps Vega's own "2,320" and "0.5"."""
    number = _spec("en")["config"]["locale"]["number"]
    assert (number["decimal"], number["thousands"]) == (".", ",")


def test_a_layered_chart_takes_the_locale_too():
    """The locale is set on the whole chart, so a layered chart (bars + hidden marks) has it."""
    counts = pl.DataFrame(
        {
            "gender": ["woman", "man"],
            "n": [1200, None],
            "n_suppressed": [False, True],
            "group_sv": ["adepter", "adepter"],
        }
    )
    spec = charts.localised(charts.counts_by_gender(counts, "sv"), "sv").to_dict()
    assert spec["config"]["locale"]["number"]["decimal"] == ","
