"""Matchning's words about plan changes: singular and plural counts, scores in the UI's language."""

import re

import pytest
from apptest_support import assert_no_error
from streamlit.testing.v1 import AppTest

from smile_core.text import t
from smile_ui.plan_editor import editor_key


def _summary(lang: str, added: int, removed: int, changed: int, kept: int) -> str:
    def show(lang, added, removed, changed, kept):
        from smile_core.matching.plan import PlanDiff
        from smile_ui.result_view import plan_changes

        plan_changes(
            PlanDiff(
                added=tuple((f"A{i}", "M1") for i in range(added)),
                removed=tuple((f"R{i}", "M2") for i in range(removed)),
                changed=tuple((f"C{i}", "M3", "M4") for i in range(changed)),
                kept=kept,
            ),
            lang,
        )

    at = AppTest.from_function(show, args=(lang, added, removed, changed, kept)).run()
    assert_no_error(at)
    return at.caption[0].value


@pytest.mark.parametrize(
    ("lang", "counts", "expected"),
    [
        ("en", (1, 0, 0, 153), "1 new pair, 0 removed, 0 changed mentor, 153 unchanged."),
        ("en", (2, 1, 1, 1), "2 new pairs, 1 removed, 1 changed mentor, 1 unchanged."),
        ("sv", (1, 1, 0, 1), "1 nytt par, 1 borttaget, 0 bytte mentor, 1 oförändrat."),
        ("sv", (3, 2, 2, 5), "3 nya par, 2 borttagna, 2 bytte mentor, 5 oförändrade."),
    ],
)
def test_the_change_summary_says_one_pair_in_the_singular(lang, counts, expected):
    """'1 new pairs' read wrong: each count of what changed takes its own singular or plural."""
    assert _summary(lang, *counts) == expected


def test_the_ranked_mentor_list_writes_scores_with_a_decimal_comma_in_swedish(open_page):
    """'Byt mentor' showed '79.2' in the Swedish UI; now '79,2 poäng', as the table writes it."""
    at = open_page("matching")
    next(b for b in at.button if b.label == t("matching.run", "sv")).click().run()
    assert_no_error(at)
    ws = at.session_state["workspaces"]["vocational"]
    key = editor_key(ws, "vocational")
    adept = at.selectbox(key=f"change_adept_{key}").value
    options = at.selectbox(key=f"change_mentor_{key}_{adept}").options
    scored = [o for o in options if t("matching.change.unscored", "sv") not in o]
    assert scored
    assert all(re.search(r" · \d+,\d poäng · \d+/\d+", o) for o in scored), scored[:3]
    assert not any(re.search(r"\d\.\d", o) for o in options)
