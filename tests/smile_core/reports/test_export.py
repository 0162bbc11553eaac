"""Exports: formulas neutralised, CSV for Swedish Excel, XLSX with text kept as text."""

import csv
import datetime as dt
import io
import re
import zipfile

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smile_core.reports.export import (
    FORMULA_TRIGGERS,
    neutralize_formulas,
    to_excel_csv_bytes,
    to_plain_csv_bytes,
    to_xlsx_bytes,
)

TRIGGER_NAMES = {
    "=": "equals",
    "+": "plus",
    "-": "minus",
    "@": "at",
    "\t": "tab",
    "\r": "carriage-return",
    "\0": "nul",
}


def _plan() -> pl.DataFrame:
    """A small plan with Swedish names, a formula-like note, numbers, a date and a list."""
    return pl.DataFrame(
        {
            "adept": ["Åsa Öberg", "Jönsson Ärla", "Zoë Ünal"],
            "note": ['=HYPERLINK("http://x","klicka")', "bra match", "-"],
            "score": [0.75, -1.5, 12.0],
            "rank": [-5, 2, 3],
            "start": [dt.date(2026, 1, 12)] * 3,
            "languages": [["svenska", "arabiska"], [], ["@all"]],
        }
    )


def _sheet_xml(workbook: bytes, number: int = 1) -> str:
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        return archive.read(f"xl/worksheets/sheet{number}.xml").decode("utf-8")


# --- neutralize_formulas -------------------------------------------------------------------


def test_every_trigger_is_covered():
    """The trigger list is OWASP's (= + - @ tab CR) plus ASVS's NUL, nothing missing."""
    assert set(FORMULA_TRIGGERS) == set(TRIGGER_NAMES)


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS, ids=TRIGGER_NAMES.get)
def test_text_starting_with_a_trigger_gets_an_apostrophe(trigger):
    """A text cell that starts with a formula character is prefixed with ' and kept whole."""
    df = pl.DataFrame({"note": [f"{trigger}cmd|' /C calc'!A0", "plain"]})
    assert neutralize_formulas(df)["note"].to_list() == [f"'{trigger}cmd|' /C calc'!A0", "plain"]


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS, ids=TRIGGER_NAMES.get)
def test_trigger_later_in_the_text_is_harmless(trigger):
    """Only the first character matters; a formula character later leaves the cell as it is."""
    df = pl.DataFrame({"note": [f"a{trigger}b"]})
    assert neutralize_formulas(df)["note"].to_list() == [f"a{trigger}b"]


def test_numeric_boolean_and_date_columns_are_untouched():
    """Negative numbers stay numbers; only text columns are rewritten."""
    df = pl.DataFrame(
        {
            "count": [-5, 3],
            "score": [-0.5, 1.25],
            "locked": [True, False],
            "start": [dt.date(2026, 1, 1), None],
        }
    )
    assert neutralize_formulas(df).equals(df)


def test_nulls_stay_null():
    """A missing text value stays missing rather than becoming a string."""
    df = pl.DataFrame({"note": [None, "=1"]}, schema={"note": pl.String})
    assert neutralize_formulas(df)["note"].to_list() == [None, "'=1"]


def test_list_elements_categoricals_and_headers_are_neutralised():
    """List elements, Categorical and Enum values and column names get the same treatment."""
    df = pl.DataFrame(
        {
            "goals": [["=a", "b"], ["+c"]],
            "field": pl.Series(["-x", "y"], dtype=pl.Categorical),
            "kind": pl.Series(["@e", "f"], dtype=pl.Enum(["@e", "f"])),
            "=header": [1, 2],
        }
    )
    result = neutralize_formulas(df)
    assert result.columns == ["goals", "field", "kind", "'=header"]
    assert result["goals"].to_list() == [["'=a", "b"], ["'+c"]]
    assert result["field"].to_list() == ["'-x", "y"]
    assert result["kind"].to_list() == ["'@e", "f"]


@given(st.lists(st.text(max_size=12), max_size=8))
def test_neutralised_text_never_starts_like_a_formula(values):
    """Whatever the text, no neutralised cell starts with a trigger, and again changes nothing."""
    df = pl.DataFrame({"text": values}, schema={"text": pl.String})
    once = neutralize_formulas(df)
    assert not any(v.startswith(FORMULA_TRIGGERS) for v in once["text"].to_list())
    assert neutralize_formulas(once).equals(once)
    for before, after in zip(values, once["text"].to_list(), strict=True):
        assert after in (before, "'" + before)


# --- CSV for Swedish Excel -----------------------------------------------------------------


def test_csv_starts_with_a_utf8_bom():
    """The file starts with the UTF-8 byte order mark, which Excel needs to read UTF-8."""
    assert to_excel_csv_bytes(_plan()).startswith(b"\xef\xbb\xbf")


def test_csv_uses_semicolons_decimal_commas_and_crlf():
    """Fields are split by ';', decimals written with ',', lines end in CRLF."""
    text = to_excel_csv_bytes(_plan()).decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0] == "adept;note;score;rank;start;languages"
    assert lines[1].split(";")[2:5] == ["0,75", "-5", "2026-01-12"]
    assert lines[-1] == ""  # the last line ends in CRLF too
    assert "\n" not in text.replace("\r\n", "")


def test_csv_neutralises_formulas_but_not_negative_numbers():
    """A formula-like note gets its apostrophe; the numeric -5 and -1,5 stay numbers."""
    text = to_excel_csv_bytes(_plan()).decode("utf-8-sig")
    assert "'=HYPERLINK(" in text
    assert ";-1,5;2;" in text
    assert re.search(r"(^|;)=", text, flags=re.MULTILINE) is None


def test_csv_round_trip_keeps_swedish_letters_and_values():
    """Read back as Excel would split it, names with å, ä, ö and numbers come back intact."""
    back = pl.read_csv(
        io.BytesIO(to_excel_csv_bytes(_plan())),
        separator=";",
        decimal_comma=True,
        try_parse_dates=True,
    )
    assert back["adept"].to_list() == ["Åsa Öberg", "Jönsson Ärla", "Zoë Ünal"]
    assert back["score"].to_list() == [0.75, -1.5, 12.0]
    assert back["rank"].to_list() == [-5, 2, 3]
    assert back["start"].to_list() == [dt.date(2026, 1, 12)] * 3
    assert back["languages"].to_list() == ["svenska, arabiska", "", "'@all"]


def test_csv_quotes_separators_inside_values():
    """A value containing ';' is quoted so it stays one field."""
    text = to_excel_csv_bytes(pl.DataFrame({"a": ["x;y"], "b": [1]})).decode("utf-8-sig")
    assert text == 'a;b\r\n"x;y";1\r\n'


# --- XLSX ----------------------------------------------------------------------------------


def test_xlsx_round_trip_keeps_swedish_letters_and_formula_like_text_as_typed():
    """Read back with polars (calamine), text, numbers and dates are as written; no apostrophe."""
    sheets = pl.read_excel(io.BytesIO(to_xlsx_bytes({"Plan": _plan()})), sheet_id=0)
    back = sheets["Plan"]
    assert back["adept"].to_list() == ["Åsa Öberg", "Jönsson Ärla", "Zoë Ünal"]
    assert back["note"].to_list() == ['=HYPERLINK("http://x","klicka")', "bra match", "-"]
    assert back["score"].to_list() == [0.75, -1.5, 12.0]
    assert back["rank"].to_list() == [-5, 2, 3]
    assert back["languages"].to_list() == ["svenska, arabiska", None, "@all"]


def test_xlsx_has_no_formulas_and_text_cells_are_strings():
    """No cell is a formula (<f>) even for text starting with '=', and text cells are t="s"."""
    df = pl.DataFrame({"note": ["=1+2", "=SUM(A1:A2)"], "n": [1, 2]})
    xml = _sheet_xml(to_xlsx_bytes({"Plan": df}))
    assert "<f>" not in xml
    assert re.search(r'<c r="A2"[^>]* t="s"', xml)


def test_xlsx_freezes_the_header_row_and_fits_columns():
    """The header row is frozen and column widths are set from the contents."""
    xml = _sheet_xml(to_xlsx_bytes({"Plan": _plan()}))
    assert '<pane ySplit="1" topLeftCell="A2"' in xml and 'state="frozen"' in xml
    assert "<cols>" in xml and 'customWidth="1"' in xml


def test_xlsx_keeps_sheet_order_and_allows_empty_sheets():
    """Sheets appear in the given order; an empty frame still gets its header row."""
    workbook = to_xlsx_bytes({"Par": _plan(), "Omatchade": pl.DataFrame({"adept": []})})
    sheets = pl.read_excel(io.BytesIO(workbook), sheet_id=0, raise_if_empty=False)
    assert list(sheets) == ["Par", "Omatchade"]
    assert sheets["Omatchade"].columns == ["adept"] and sheets["Omatchade"].height == 0


def test_xlsx_does_not_turn_text_into_links_or_numbers():
    """A URL-like or number-like text stays plain text, not a hyperlink or a number."""
    df = pl.DataFrame({"text": ["https://example.org", "0701234567", "007"]})
    workbook = to_xlsx_bytes({"Plan": df})
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        assert not any("hyperlink" in name for name in archive.namelist())
    back = pl.read_excel(io.BytesIO(workbook))
    assert back["text"].to_list() == ["https://example.org", "0701234567", "007"]


@pytest.mark.parametrize(
    "names",
    [[], [""], ["a" * 32], ["Plan[1]"], ["a/b"], ["'quoted'"], ["Plan", "plan"]],
    ids=["none", "blank", "too-long", "bracket", "slash", "apostrophes", "repeated"],
)
def test_xlsx_refuses_sheet_names_excel_would_refuse(names):
    """No sheets, or a sheet name Excel rejects, raises ValueError before writing anything."""
    with pytest.raises(ValueError, match="sheet"):
        to_xlsx_bytes({name: pl.DataFrame({"a": [1]}) for name in names})


# --- No separator splits a cell into a formula ---------------------------------------------

_NASTY = st.text(alphabet=list("=+-@\t\r\n,;\"' xA1|!"), max_size=14)
_STARTS_LIKE_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+([.,]\d+)?")


def _cells_read_back(data: bytes) -> list[str]:
    """Every cell of ``data`` as readers split it with each separator, honouring quotes or not."""
    text = data.decode("utf-8-sig")
    cells = []
    for separator in (",", ";", "\t"):
        for quoting in (csv.QUOTE_MINIMAL, csv.QUOTE_NONE):
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, quoting=quoting)
            cells += [cell for row in reader for cell in row]
    return cells


def _formula_cells(data: bytes) -> list[str]:
    return [
        cell
        for cell in _cells_read_back(data)
        if cell.startswith(_STARTS_LIKE_FORMULA) and not _NUMBER.fullmatch(cell)
    ]


def test_issue_example_cannot_become_a_formula_with_any_separator():
    """The cell from issue 9 read with ',' (or tab) no longer yields =cmd|' /C calc'!A0."""
    df = pl.DataFrame({"name": ["x,=cmd|' /C calc'!A0", "y;=1+1", "z\t@SUM(A1)"], "n": [-1, 2, 3]})
    for data in (to_excel_csv_bytes(df), to_plain_csv_bytes(df)):
        assert _formula_cells(data) == []
    back = list(csv.reader(io.StringIO(to_excel_csv_bytes(df).decode("utf-8-sig")), delimiter=";"))
    assert back[1] == ["x,'=cmd|' /C calc'!A0", "-1"]  # quoted: one cell for Excel


@settings(max_examples=200)
@given(st.lists(st.tuples(_NASTY, _NASTY), min_size=1, max_size=4), _NASTY)
def test_no_separator_splits_any_cell_into_a_formula(rows, header):
    """Whatever the text, no cell read back with , ; or tab starts like a formula."""
    df = pl.DataFrame(rows, schema={header or "h": pl.String, "b": pl.String}, orient="row")
    df = df.with_columns(n=pl.lit(-1.5))
    for data in (to_excel_csv_bytes(df), to_plain_csv_bytes(df)):
        assert _formula_cells(data) == []


def test_csv_export_keeps_text_otherwise_as_typed():
    """Read with its own separator, a guarded cell is its text, an apostrophe where needed."""
    df = pl.DataFrame({"a": ["Malmö, Skåne", 'sa "hej"', "rad 1\r\nrad 2", "a\tb", ""]})
    back = pl.read_csv(io.BytesIO(to_excel_csv_bytes(df)), separator=";")
    assert back["a"].to_list() == ["Malmö, Skåne", 'sa "hej"', "rad 1\nrad 2", "a b", ""]


def test_xlsx_header_and_cells_starting_with_formula_characters_are_strings():
    """In XLSX no cell, header included, becomes a formula, and none gets an apostrophe."""
    df = pl.DataFrame({"=h": ["=1+2", "@x", "-y"]})
    xml = _sheet_xml(to_xlsx_bytes({"Plan": df}))
    assert "<f>" not in xml
    back = pl.read_excel(io.BytesIO(to_xlsx_bytes({"Plan": df})))
    assert back.columns == ["=h"] and back["=h"].to_list() == ["=1+2", "@x", "-y"]
