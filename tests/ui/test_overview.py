"""Översikt: counts at a glance, participants by gender, and the readiness check with gaps."""

import polars as pl
from apptest_support import assert_no_error, charts

from smile_core.ingest.participants import Adept, Gender, Mentor, Programme
from smile_core.ingest.problems import Report
from smile_core.ingest.validation import LoadResult
from smile_core.text import t
from smile_ui.session import UploadedProgramme


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_opens_on_the_vocational_demo_with_its_counts(open_page):
    """A new session shows the vocational demo: 40 adepts, 28 mentors, 12 workplaces."""
    at = open_page("overview")
    shown = _metrics(at)
    assert shown[t("overview.figure.adepts", "sv")] == "40"
    assert shown[t("overview.figure.mentors", "sv")] == "28"
    assert shown[t("overview.figure.workplaces", "sv")] == "12"
    assert at.sidebar.selectbox[0].value == "vocational"


def test_gender_chart_counts_every_adept_once(open_page):
    """The chart of participants by gender adds up to the adepts and mentors shown."""
    at = open_page("overview", lang="en")
    data = charts(at)[0].data
    adepts = data.filter(pl.col("group_label") == "adepts")["n"].sum()
    mentors = data.filter(pl.col("group_label") == "mentors")["n"].sum()
    assert (adepts, mentors) == (40, 28)
    assert set(data["gender_label"]) == {"Woman", "Man", "Non-binary", "Prefer not to say"}


def test_readiness_names_the_gaps_in_words(open_page):
    """The vocational demo is short of machining seats and has 3 adepts no mentor can take."""
    at = open_page("overview")
    warning = at.warning[0].value
    assert warning.startswith(t("overview.readiness.gaps", "sv"))
    assert "maskin och verkstad" in warning
    blocked = at.dataframe[0].value
    assert blocked.shape[0] == 3
    assert set(blocked.columns) == {"adept_id", "adept_name", "reason"}


def test_switching_to_the_academic_demo(open_page):
    """Choosing the academic demo in the sidebar shows its 80 adepts."""
    at = open_page("overview", lang="en")
    at.sidebar.selectbox[0].set_value("academic").run()
    assert_no_error(at)
    assert _metrics(at)["Adepts"] == "80"
    assert at.session_state["active_programme"] == "academic"


def test_a_programme_with_room_for_all_is_ready(open_page):
    """Two adepts, two mentors who share their language and field: 'ready' in green."""
    programme = Programme(
        adepts=(
            Adept("A1", Gender.WOMAN, "ekonom", languages=("arabic",)),
            Adept("A2", Gender.MAN, "ekonom", languages=("arabic",)),
        ),
        mentors=(
            Mentor("M1", Gender.WOMAN, "ekonom", languages=("arabic",)),
            Mentor("M2", Gender.MAN, "ekonom", languages=("arabic",)),
        ),
    )
    load = LoadResult(programme, Report(), {"adepts": 2, "mentors": 2, "workplaces": 0}, {})
    at = open_page(
        "overview",
        state={"uploaded_programme": UploadedProgramme(load), "active_programme": "uploaded"},
    )
    assert [s.value for s in at.success] == [t("overview.readiness.ready", "sv")]
    assert not at.warning
    assert t("overview.readiness.everyone_allowed", "sv") in [c.value for c in at.caption]


def test_the_chosen_programme_survives_a_language_switch(open_page):
    """Academic chosen in Swedish, then English: still the academic demo, and no error."""
    at = open_page("overview")
    at.sidebar.selectbox[0].set_value("academic").run()
    at.sidebar.radio[0].set_value("en").run()
    assert_no_error(at)
    assert at.sidebar.selectbox[0].value == "academic"
    assert _metrics(at)["Adepts"] == "80"
    assert at.sidebar.selectbox[0].format_func("academic").startswith("Demo programme")
