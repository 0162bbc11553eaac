"""Export: download buttons for the plan (XLSX, CSV), the meeting pack and the steering report."""

from apptest_support import assert_no_error

from smile_core.text import t


def test_without_a_plan_there_is_nothing_to_export(open_page):
    """Before matching, the page sends the coordinator to Matching."""
    at = open_page("export")
    assert [i.value for i in at.info] == [t("app.no_plan_yet", "sv")]
    assert not at.get("download_button")


def test_after_matching_the_four_downloads_are_offered(open_page):
    """Excel, CSV, the meeting pack and the report in the UI language; a file language choice."""
    at = open_page("matching", lang="en")
    next(b for b in at.button if b.label == t("matching.run", "en")).click().run()
    at.switch_page("pages/export.py").run()
    assert_no_error(at)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [
        t("export.plan.xlsx", "en"),
        t("export.plan.csv", "en"),
        t("export.meeting.download", "en"),
        t("export.report.download", "en"),
    ]
    assert at.radio(key="export_language").value == "en"
    summary = t("export.plan_summary", "en", pairs=35, adepts=40, edits=0)
    assert summary in [c.value for c in at.caption]


def test_the_meeting_pack_download_is_a_pdf(open_page):
    """After matching, the meeting pack's button has a (deferred) file behind it."""
    at = open_page("matching")
    next(b for b in at.button if b.label == t("matching.run", "sv")).click().run()
    at.switch_page("pages/export.py").run()
    assert_no_error(at)
    button = next(
        b for b in at.get("download_button") if b.proto.label == t("export.meeting.download", "sv")
    )
    # The PDF is made when clicked (deferred); its content is tested in test_meeting_pack.
    assert button.proto.deferred_file_id
