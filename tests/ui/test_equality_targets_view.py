"""Jämställdhet's targets table: under MAXIMIN the quality row shows its gap with no target and no
red verdict (the rule raises the lower mean; it sets no gap to meet)."""

import pytest
from apptest_support import assert_no_error
from streamlit.testing.v1 import AppTest

from smile_core.text import t


def _shown(lang: str, maximin: bool) -> str:
    def show(lang, maximin):
        from smile_core.demo.synthetic import binding_programme
        from smile_core.equality.figures import gender_table, target_checks
        from smile_core.matching.plan import Pair, Plan
        from smile_core.matching.settings import (
            EqualitySettings,
            MatchSettings,
            QualityParity,
            QualityParityMode,
        )
        from smile_ui.equality_view import targets

        programme = binding_programme(40, 1)
        # Ten women and ten men with one mentor each: both means shown, a gap between them.
        women = [a for a in programme.adepts if a.gender.value == "woman"][:10]
        men = [a for a in programme.adepts if a.gender.value == "man"][:10]
        mentor = programme.mentors[0].id
        plan = Plan(tuple(Pair(a.id, mentor, score=60.0 + i) for i, a in enumerate(women + men)))
        mode = QualityParityMode.MAXIMIN if maximin else QualityParityMode.MAX_GAP
        settings = MatchSettings(equality=EqualitySettings(quality=QualityParity(mode=mode)))
        checks = target_checks(gender_table(programme, plan), settings)
        targets(checks, settings.equality.workplace_mix, lang)

    at = AppTest.from_function(show, args=(lang, maximin)).run()
    assert_no_error(at)
    return " ".join(m.value for m in at.markdown)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_maximin_shows_the_gap_without_a_target_or_a_red_verdict(lang):
    """MAXIMIN: "no target" and its badge, not "at most 0" and "target missed"."""
    shown = _shown(lang, maximin=True)
    assert t("equality.status.no_target", lang) in shown
    assert t("equality.target.at_most", lang, points="0,0" if lang == "sv" else "0.0") not in shown
    assert t("equality.status.red", lang) not in shown


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_gap_target_is_still_judged_against_its_points(lang):
    """MAX_GAP: the row has its target ("at most 10") and a verdict, not "no target"."""
    shown = _shown(lang, maximin=False)
    assert t("equality.status.no_target", lang) not in shown
    assert t("equality.target.at_most", lang, points="10,0" if lang == "sv" else "10.0") in shown
