"""Liknande bakgrund: the settings toggle (off by default), its weight, the sensitive-data
notes on the settings form and the upload page, and the Pairs page's coordinator-only view."""

import pytest
from apptest_support import assert_no_error, charts

from smile_core.text import t


def _run(at, lang="sv"):
    next(b for b in at.button if b.label == t("matching.run", lang)).click().run()
    assert_no_error(at)
    return at


def _academic(open_page, page, lang="sv"):
    at = open_page(page, lang=lang)
    at.sidebar.selectbox[0].set_value("academic").run()
    assert_no_error(at)
    return at


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_toggle_is_off_by_default_and_says_the_data_is_sensitive(open_page, lang):
    """Unticked at first; the form says, in the reader's language, that it is sensitive."""
    at = open_page("matching", lang=lang)
    box = at.checkbox(key=f"settings_vocational_{lang}_similar_background_on")
    assert box.value is False
    assert t("matching.settings.similar_background_help", lang) in [c.value for c in at.caption]


def test_off_the_weight_is_zero_whatever_the_slider_says(open_page):
    """A moved slider without the tick gives weight 0 and no opt-in."""
    at = open_page("matching")
    at.slider(key="settings_vocational_sv_weight_similar_background").set_value(30)
    _run(at)
    chosen = at.session_state["workspaces"]["vocational"].settings
    assert not chosen.similar_background_opt_in
    assert chosen.weights.similar_background == 0


def test_ticked_the_run_uses_it_and_the_pairs_page_shows_it(open_page):
    """Ticked with a weight: the settings carry both, the Pairs page shows the component and
    whether the pair shares a birth region; unticked, neither is shown."""
    at = _academic(open_page, "matching")
    at.checkbox(key="settings_academic_sv_similar_background_on").check()
    at.slider(key="settings_academic_sv_weight_similar_background").set_value(20)
    _run(at)
    chosen = at.session_state["workspaces"]["academic"].settings
    assert chosen.similar_background_opt_in and chosen.weights.similar_background == 20
    assert at.checkbox(key="settings_academic_sv_similar_background_on").value is True
    at.switch_page("pages/pairs.py").run()
    assert_no_error(at)
    answers = {
        t("pairs.components.same_birth_region", "sv", answer=t(f"{key}.{a}", "sv"))
        for key in ("pairs.components.same_birth_region",)
        for a in ("yes", "no", "unknown")
    }
    assert answers & {c.value for c in at.caption}
    assert t("component.similar_background", "sv") in _parts(at)


def test_off_the_pairs_page_says_nothing_about_birth_regions(open_page):
    """Without the opt-in the Pairs page has no birth-region line."""
    at = _academic(open_page, "matching")
    _run(at)
    at.switch_page("pages/pairs.py").run()
    assert_no_error(at)
    prefix = t("pairs.components.same_birth_region", "sv", answer="").split(":")[0]
    assert not [c.value for c in at.caption if c.value.startswith(prefix)]
    assert t("component.similar_background", "sv") not in _parts(at)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_upload_page_says_birth_region_is_sensitive(open_page, lang):
    """The Participants page notes that birth region is sensitive and used only by opt-in."""
    at = open_page("participants", lang=lang)
    assert t("participants.upload.sensitive", lang) in [c.value for c in at.caption]


def _parts(at) -> list[str]:
    """The parts of the Pairs page's score-parts chart, as labelled."""
    return next(c.data for c in charts(at) if "points" in c.data.columns)["part"].to_list()
