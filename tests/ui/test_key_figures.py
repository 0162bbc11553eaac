"""Matchning's key figures: all five there, at most three to a row so none is cut off."""

import pytest
from apptest_support import assert_no_error

from smile_core.text import t

FIGURES = ("matched", "woman", "man", "mean_score", "total_score")


def _matched(open_page, lang):
    at = open_page("matching", lang=lang)
    next(b for b in at.button if b.label == t("matching.run", lang)).click().run()
    assert_no_error(at)
    return at


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_key_figures_sit_at_most_three_to_a_row(open_page, lang):
    """Five metrics in one row cut '154 av 200' at 1280 px; each now has a third of the width."""
    at = _matched(open_page, lang)
    labels = {t(f"matching.figures.{name}", lang) for name in FIGURES}
    holding = [c for c in at.columns if any(m.label in labels for m in c.metric)]
    assert {m.label for c in holding for m in c.metric} == labels
    assert all(c.weight >= 1 / 3 - 1e-9 for c in holding), [c.weight for c in holding]


def test_key_figures_keep_the_whole_count_in_the_value(open_page):
    """The counts still read 'part av whole' in full: the denominator stays in the value."""
    at = _matched(open_page, "sv")
    shown = {m.label: m.value for m in at.metric}
    assert shown[t("matching.figures.matched", "sv")] == "35 av 40"
    for gender in ("woman", "man"):
        assert " av " in shown[t(f"matching.figures.{gender}", "sv")]
