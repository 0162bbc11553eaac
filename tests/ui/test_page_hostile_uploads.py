"""Issue 9 on the dashboard: a hostile upload is refused with a message; the privacy text."""

import sys

from apptest_support import REPO_ROOT, assert_no_error

from smile_core.text import t

sys.path.insert(0, str(REPO_ROOT / "tests" / "smile_core"))
from hostile_files import far_cell_workbook


def test_workbook_reaching_xfd1048576_is_refused_and_the_page_keeps_working(open_page):
    """The upload check names the file and the cell; the demo stays open; nothing crashes."""
    at = open_page("participants")
    at.radio(key="upload_layout_sv").set_value("workbook").run()
    workbook = next(u for u in at.file_uploader if u.key == "upload_workbook")
    workbook.set_value(("program.xlsx", far_cell_workbook("cell"), "application/vnd.ms-excel"))
    at.run()
    at.button(key="upload_check").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("participants.check.failed", "sv", errors=1)]
    report = at.dataframe[0].value
    assert list(report["file"]) == ["program.xlsx"]
    assert "XFD1048576" in report["message"][0]
    assert at.sidebar.selectbox[0].value == "vocational"


def test_upload_page_says_the_participants_are_stored_and_where_to_erase_them(open_page):
    """The privacy caption no longer claims the files are not saved; it names the Privacy page."""
    at = open_page("participants")
    assert_no_error(at)
    captions = [c.value for c in at.caption]
    privacy = t("participants.upload.privacy", "sv")
    assert privacy in captions
    assert "databas" in privacy and "Dataskydd" in privacy
    assert "läses bara i den här sessionen och sparas inte" not in privacy
    english = t("participants.upload.privacy", "en")
    assert "database" in english and "Privacy page" in english
