"""Export: download buttons for the plan (XLSX, CSV) and the steering report, once a plan exists."""

from apptest_support import assert_no_error

from smile_core.i18n import t


def test_without_a_plan_there_is_nothing_to_export(open_page):
    """Before matching, the page sends the coordinator to Matching."""
    at = open_page("export")
    assert [i.value for i in at.info] == [t("app.no_plan_yet", "sv")]
    assert not at.get("download_button")


def test_after_matching_the_three_downloads_are_offered(open_page):
    """Excel, CSV and the report, labelled in the UI language, and a choice of file language."""
    at = open_page("matching", lang="en")
    next(b for b in at.button if b.label == t("matching.run", "en")).click().run()
    at.switch_page("pages/export.py").run()
    assert_no_error(at)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [
        t("export.plan.xlsx", "en"),
        t("export.plan.csv", "en"),
        t("export.report.download", "en"),
    ]
    assert at.radio(key="export_language").value == "en"
    summary = t("export.plan_summary", "en", pairs=35, adepts=40, edits=0)
    assert summary in [c.value for c in at.caption]
