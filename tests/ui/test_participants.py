"""Deltagare: upload through the file uploader, the validation report, column mapping, lists."""

import io

import polars as pl
import pytest
import xlsxwriter
from apptest_support import REPO_ROOT, assert_no_error

from smile_core.text import t

TINY = REPO_ROOT / "tests" / "data" / "tiny_programme"


def _file(name: str, text: str | None = None) -> tuple[str, bytes, str]:
    data = text.encode("utf-8") if text is not None else (TINY / name).read_bytes()
    return (name, data, "text/csv")


def _uploader(at, table: str):
    return next(u for u in at.file_uploader if u.key == f"upload_{table}")


def _upload(at, **files) -> None:
    for table, file in files.items():
        _uploader(at, table).set_value(file)
    at.run()
    at.button(key="upload_check").click().run()


def test_three_files_are_checked_loaded_and_become_the_active_programme(open_page):
    """Uploading adepts, mentors and workplaces loads them and opens them in the sidebar."""
    at = open_page("participants")
    _upload(
        at,
        adepts=_file("adepts.csv"),
        mentors=_file("mentors.csv"),
        workplaces=_file("workplaces.csv"),
    )
    assert_no_error(at)
    loaded = t("participants.check.loaded", "sv", adepts=4, mentors=3, workplaces=2)
    assert [s.value for s in at.success] == [loaded]
    assert at.sidebar.selectbox[0].value == "uploaded"
    report = at.dataframe[0].value
    assert list(report["severity"]) == ["Varning"]  # the blank gender in row 5
    assert 5 in list(report["row"])
    adepts_list = at.dataframe[1].value
    assert sorted(adepts_list["id"]) == ["A01", "A02", "A03", "A04"]


def test_a_file_with_errors_is_reported_and_not_loaded(open_page):
    """Mentors naming workplaces without a workplaces file: one error, listed, nothing loaded."""
    at = open_page("participants")
    _upload(at, adepts=_file("adepts.csv"), mentors=_file("mentors.csv"))
    assert not at.exception
    assert [e.value for e in at.error] == [t("participants.check.failed", "sv", errors=1)]
    report = at.dataframe[0].value
    assert "Fel" in list(report["severity"])
    assert at.sidebar.selectbox[0].value == "vocational"
    assert "uploaded" not in at.sidebar.selectbox[0].options


def test_the_check_needs_adepts_and_mentors(open_page):
    """With only one file chosen the check button is disabled and says what is missing."""
    at = open_page("participants")
    _uploader(at, "adepts").set_value(_file("adepts.csv"))
    at.run()
    assert at.button(key="upload_check").disabled
    assert t("participants.upload.need_files", "sv") in [c.value for c in at.caption]


def test_an_unknown_header_is_mapped_to_a_field_and_remembered(open_page):
    """'Deltagarnummer' is not a known header: the coordinator maps it to ID and loads again."""
    text = (TINY / "adepts.csv").read_text(encoding="utf-8").replace("ID;", "Deltagarnummer;", 1)
    at = open_page("participants", lang="en")
    _upload(
        at,
        adepts=_file("adepts.csv", text),
        mentors=_file("mentors.csv"),
        workplaces=_file("workplaces.csv"),
    )
    assert at.error, "a missing ID column is an error"
    mapping = at.selectbox(key="mapping_adepts_0_en")
    assert "Deltagarnummer" in mapping.label
    mapping.set_value("id").run()
    at.button(key="mapping_apply").click().run()
    assert_no_error(at)
    assert at.session_state["column_mapping"] == {"adepts": {"Deltagarnummer": "id"}}
    assert at.sidebar.selectbox[0].value == "uploaded"
    remembered = at.dataframe[-4].value  # the mapping table, above the three lists
    assert list(remembered["Your header"]) == ["Deltagarnummer"]


def test_a_workbook_with_three_sheets_loads(open_page):
    """One XLSX with sheets Adepter, Mentorer and Arbetsplatser is read as the three tables."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    for sheet, name in (
        ("Adepter", "adepts"),
        ("Mentorer", "mentors"),
        ("Arbetsplatser", "workplaces"),
    ):
        rows = pl.read_csv(TINY / f"{name}.csv", separator=";", infer_schema=False)
        worksheet = book.add_worksheet(sheet)
        worksheet.write_row(0, 0, rows.columns)
        for index, row in enumerate(rows.iter_rows(), start=1):
            worksheet.write_row(index, 0, [cell or "" for cell in row])
    book.close()
    at = open_page("participants")
    at.radio(key="upload_layout_sv").set_value("workbook").run()
    workbook = next(u for u in at.file_uploader if u.key == "upload_workbook")
    workbook.set_value(("programme.xlsx", buffer.getvalue(), "application/vnd.ms-excel"))
    at.run()
    at.button(key="upload_check").click().run()
    assert_no_error(at)
    assert at.sidebar.selectbox[0].value == "uploaded"


@pytest.mark.parametrize(("search", "shown"), [("", 40), ("A0", 9), ("zzz", 0)])
def test_the_lists_filter_by_search_text(open_page, search, shown):
    """The demo's adepts list narrows to the rows whose id or name contains the search."""
    at = open_page("participants")
    at.text_input(key="search_adepts").set_value(search).run()
    assert_no_error(at)
    assert at.dataframe[0].value.shape[0] == shown
    assert t("participants.filter.shown", "sv", shown=shown, total=40) in [
        c.value for c in at.caption
    ]


def test_names_that_look_like_html_stay_plain_text(open_page):
    """A name written as an HTML tag reaches the list as the very same text, in a table."""
    text = (
        (TINY / "adepts.csv")
        .read_text(encoding="utf-8")
        .replace("Amina Yusuf", "<img src=x onerror=alert(1)>")
    )
    at = open_page("participants")
    _upload(
        at,
        adepts=_file("adepts.csv", text),
        mentors=_file("mentors.csv"),
        workplaces=_file("workplaces.csv"),
    )
    assert_no_error(at)
    assert "<img src=x onerror=alert(1)>" in list(at.dataframe[1].value["name"])
    assert all("<img" not in m.value for m in at.markdown)


def test_a_programme_too_large_for_the_dashboard_is_refused_with_the_way_on(open_page, monkeypatch):
    """Over the dashboard's pair limit: one error naming the sizes and smile match, not loaded."""
    from smile_core.ingest import dashboard_size

    monkeypatch.setattr(dashboard_size, "DASHBOARD_MAX_PAIRS", 11)  # the tiny programme has 12
    at = open_page("participants")
    _upload(
        at,
        adepts=_file("adepts.csv"),
        mentors=_file("mentors.csv"),
        workplaces=_file("workplaces.csv"),
    )
    assert not at.exception
    assert [e.value for e in at.error] == [t("participants.check.failed", "sv", errors=1)]
    report = at.dataframe[0].value
    message = next(m for m in report["message"] if "smile match" in m)
    assert "4 adepter och 3 mentorer" in message
    assert "uploaded" not in at.sidebar.selectbox[0].options
