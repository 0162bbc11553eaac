"""Matchning's caption under a missed equality target: it says the worse-off group is lifted only
when the match-rate rule lifts (not under its strict option, not with it off)."""

import pytest
from apptest_support import assert_no_error
from streamlit.testing.v1 import AppTest

from smile_core.text import t


def _captions(lang: str, lifts: bool) -> list[str]:
    def show(lang, lifts):
        from smile_core.workflows.edit_checks import EditViolation
        from smile_ui.result_view import rules_check

        missed = EditViolation("quality_parity", False, "x", "x", "x", target=True)
        rules_check([missed], lang, lifts=lifts)

    at = AppTest.from_function(show, args=(lang, lifts)).run()
    assert_no_error(at)
    return [c.value for c in at.caption]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_caption_speaks_of_lifting_only_when_the_rule_lifts(lang):
    """Lifting: the lifting caption; strict or off: the plain one, which does not promise a lift."""
    lifting = t("matching.check.targets_missed", lang, count=1)
    plain = t("matching.check.targets_missed_plain", lang, count=1)
    assert lifting in _captions(lang, lifts=True)
    shown = _captions(lang, lifts=False)
    assert plain in shown and lifting not in shown
    assert "lyfter" not in plain and "lifts" not in plain
