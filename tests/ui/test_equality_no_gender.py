"""Jämställdhet for a programme that does not collect gender: "no gender data", no error."""

import dataclasses

from apptest_support import assert_no_error

from smile_core.demo.synthetic import random_programme
from smile_core.ingest.participants import Gender, Programme
from smile_core.ingest.problems import Report
from smile_core.ingest.validation import LoadResult
from smile_core.text import t
from smile_ui.session import UploadedProgramme


def _without_gender() -> UploadedProgramme:
    base = random_programme(20, seed=4)
    programme = Programme(
        tuple(dataclasses.replace(a, gender=Gender.UNDISCLOSED) for a in base.adepts),
        tuple(dataclasses.replace(m, gender=Gender.UNDISCLOSED) for m in base.mentors),
        base.workplaces,
    )
    counts = {"adepts": 20, "mentors": len(programme.mentors), "workplaces": len(base.workplaces)}
    return UploadedProgramme(LoadResult(programme, Report(), counts, {}))


def test_equality_page_says_no_gender_data(open_page):
    """After matching a programme without gender data the page says so instead of figures."""
    state = {"uploaded_programme": _without_gender(), "active_programme": "uploaded"}
    at = open_page("matching", lang="en", state=state)
    next(b for b in at.button if b.label == t("matching.run", "en")).click().run()
    assert_no_error(at)
    at.switch_page("pages/equality.py").run()
    assert_no_error(at)
    assert t("equality.no_gender_data", "en") in [i.value for i in at.info]
    assert not at.dataframe
