"""Utfall: the demo's follow-ups and survey, grouping, import of files, small groups hidden."""

from apptest_support import assert_no_error, charts

from smile_core.demo.programmes import demo_programme_files
from smile_core.equality.suppression import DEFAULT_MIN_COUNT
from smile_core.ingest.participants import Adept, Gender, Mentor, Programme
from smile_core.ingest.problems import Report
from smile_core.ingest.validation import LoadResult
from smile_core.text import t
from smile_ui.session import UploadedProgramme
from smile_ui.text import literal

FOLLOWUPS = demo_programme_files("vocational")["followups.csv"]


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_the_demo_shows_its_outcomes(open_page):
    """The vocational demo: three in four in work at 12 months, survey bars, no error."""
    at = open_page("outcomes")
    shown = _metrics(at)
    assert shown[t("outcomes.in_work", "sv")] == "75\u00a0%"
    assert t(
        "outcomes.source.followups", "sv", source=t("outcomes.source.demo", "sv"), rows=120
    ) in [c.value for c in at.caption]
    survey = charts(at)[-1].data
    assert survey["agree_share"].min() >= 0 and survey["respondents"].min() >= DEFAULT_MIN_COUNT


def test_charts_and_tables_hide_small_groups(open_page):
    """By gender, no chart carries a count under 5 and the table marks hidden cells '–'."""
    at = open_page("outcomes")
    for chart in charts(at):
        for column in ("n", "respondents", "group_total"):
            if column in chart.data.columns:
                assert chart.data[column].drop_nulls().min() >= DEFAULT_MIN_COUNT
    table = at.dataframe[0].value
    assert t("suppression.mark", "sv") in set(table.iloc[:, 1])


def test_grouping_by_cohort(open_page):
    """Grouped by cohort, the one demo cohort shows all 40 followed up."""
    at = open_page("outcomes", lang="en")
    at.selectbox(key="outcomes_by_en").set_value("cohort").run()
    assert_no_error(at)
    table = at.dataframe[0].value
    assert list(table["Followed up"]) == ["40"]


def test_workplace_and_score_need_a_plan_then_show(open_page):
    """Before matching, workplace grouping and score bands ask for a plan; after, they show."""
    at = open_page("outcomes")
    at.selectbox(key="outcomes_by_sv").set_value("workplace").run()
    assert [i.value for i in at.info].count(t("outcomes.needs_plan", "sv")) == 2
    at.switch_page("pages/matching.py").run()
    next(b for b in at.button if b.label == t("matching.run", "sv")).click().run()
    at.switch_page("pages/outcomes.py").run()
    assert_no_error(at)
    assert t("outcomes.needs_plan", "sv") not in [i.value for i in at.info]


def test_importing_follow_ups_with_an_unknown_adept_is_refused(open_page):
    """A follow-up for an adept not in the programme: an error with the row, demo data kept."""
    text = FOLLOWUPS.decode("utf-8").replace("A01,3,", "A99,3,", 1).encode("utf-8")
    at = open_page("outcomes")
    at.file_uploader(key="followups_vocational").set_value(("uppfoljning.csv", text, "text/csv"))
    at.run()
    at.button(key="outcomes_import_vocational").click().run()
    assert not at.exception
    assert at.error[0].value.startswith("Uppföljningarna kunde inte läsas in")
    report = at.dataframe[0].value
    assert "A99" in list(report["value"])
    assert _metrics(at)[t("outcomes.in_work", "sv")] == "75\u00a0%"


def test_importing_valid_follow_ups_replaces_the_demo_data(open_page):
    """A good file of the programme's own follow-ups is used instead, and named."""
    lines = FOLLOWUPS.decode("utf-8").splitlines()
    text = ("\n".join(lines[:61]) + "\n").encode("utf-8")  # header and the first 20 adepts
    at = open_page("outcomes")
    at.file_uploader(key="followups_vocational").set_value(("egen.csv", text, "text/csv"))
    at.run()
    at.button(key="outcomes_import_vocational").click().run()
    assert_no_error(at)
    source = t("outcomes.source.file", "sv", name=literal("egen.csv"))
    assert t("outcomes.source.followups", "sv", source=source, rows=60) in [
        c.value for c in at.caption
    ]


def test_an_uploaded_programme_starts_without_outcomes(open_page):
    """A programme of one's own has no follow-ups until they are imported."""
    programme = Programme(
        adepts=(Adept("A1", Gender.WOMAN, "ekonom"),),
        mentors=(Mentor("M1", Gender.MAN, "ekonom"),),
    )
    load = LoadResult(programme, Report(), {"adepts": 1, "mentors": 1, "workplaces": 0}, {})
    at = open_page(
        "outcomes",
        state={"uploaded_programme": UploadedProgramme(load), "active_programme": "uploaded"},
    )
    infos = [i.value for i in at.info]
    assert t("outcomes.no_followups", "sv") in infos and t("outcomes.no_evaluations", "sv") in infos
    assert not charts(at)
