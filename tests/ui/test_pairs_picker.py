"""Par: the pair picker names both sides, by id when the uploaded files have no names."""

import dataclasses

from apptest_support import assert_no_error

from smile_core.demo.synthetic import random_programme
from smile_core.ingest.problems import Report
from smile_core.ingest.validation import LoadResult
from smile_core.text import t
from smile_ui.session import UploadedProgramme


def _pairs_page(open_page, programme):
    counts = {"adepts": len(programme.adepts), "mentors": len(programme.mentors), "workplaces": 0}
    uploaded = UploadedProgramme(LoadResult(programme, Report(), counts, {}))
    at = open_page(
        "matching", state={"uploaded_programme": uploaded, "active_programme": "uploaded"}
    )
    next(b for b in at.button if b.label == t("matching.run", "sv")).click().run()
    at.switch_page("pages/pairs.py").run()
    assert_no_error(at)
    return at, at.session_state["workspaces"]["uploaded"].plan


def test_without_names_the_pair_picker_shows_both_ids(open_page):
    """Files without names: 'A00002 – M0002', not 'A00002 –' with the mentor missing."""
    at, plan = _pairs_page(open_page, random_programme(40, seed=3))
    picker = at.selectbox(key="pairs_adept")
    mentor_of = {p.adept_id: p.mentor_id for p in plan.pairs}
    assert sorted(picker.options) == sorted(f"{a} – {m}" for a, m in mentor_of.items())


def test_an_uploaded_name_is_shown_as_typed_in_the_pair_picker(open_page):
    """A name that looks like markdown or HTML reaches the picker as typed, beside the adept."""
    base = random_programme(40, seed=3)
    odd = "**Fet** <b>Namn</b>"
    programme = dataclasses.replace(
        base, mentors=tuple(dataclasses.replace(m, name=odd) for m in base.mentors)
    )
    at, plan = _pairs_page(open_page, programme)
    options = at.selectbox(key="pairs_adept").options
    assert sorted(options) == sorted(f"{p.adept_id} – {odd}" for p in plan.pairs)
