"""The one table reader: headers by alias or mapping, cells parsed, every problem at once."""

from __future__ import annotations

import csv
import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smile_core.ingest.mapping import TableMapping
from smile_core.ingest.problems import Severity
from smile_core.ingest.reading import RawTable, SourceFile, read_table
from smile_core.ingest.table_reader import (
    Field,
    Parsed,
    TableSpec,
    UniqueKey,
    fail,
    left_out,
    ok,
    parse_id,
    parse_text,
    read_rows,
)


def _parse_count(text: str) -> Parsed:
    cleaned = text.strip()
    if not cleaned:
        return left_out("Antal saknas.", "The count is missing.")
    if not re.fullmatch(r"\d+", cleaned):
        return fail(f"'{cleaned}' är inget antal.", f"'{cleaned}' is not a count.")
    return ok(int(cleaned))


def _repeat(values, first, number):
    return (f"Upprepad på rad {first} och {number}.", f"Repeated in rows {first} and {number}.")


SPEC = TableSpec(
    key="things",
    rows_sv="saker",
    rows_en="things",
    fields=(
        Field("id", "ID", ("id", "löpnummer", "identifier"), parse_id, required=True),
        Field("name", "Namn", ("namn", "name", "full name"), parse_text),
        Field("count", "Antal", ("antal", "count", "number of things"), _parse_count, True),
    ),
    unique=(UniqueKey(("id",), _repeat),),
)

ROWS = [("T1", "Åsa Öberg", "3"), ("T2", "Li", "10"), ("T3", "", "0")]


def _raw(headers: list[str], rows: list[tuple[str, ...]], name: str = "saker.csv") -> RawTable:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    raw, report = read_table(SourceFile(name, buffer.getvalue().encode("utf-8")))
    assert raw is not None, report.problems
    return raw


def _values(read) -> list[dict[str, object]]:
    return [row.values for row in read.rows]


def test_a_clean_table_reads_every_row_without_problems():
    """Known headers, good cells: every row usable, values parsed, nothing reported."""
    read = read_rows(SPEC, _raw(["ID", "Namn", "Antal"], ROWS))
    assert read.problems == []
    assert all(row.valid for row in read.rows)
    assert [row.number for row in read.rows] == [2, 3, 4]  # Excel rows: the header is row 1
    assert _values(read)[0] == {"id": "T1", "name": "Åsa Öberg", "count": 3}


_ALIASES = {f.name: (f.name, f.header, *f.aliases) for f in SPEC.fields}


def _spelled(alias: str, style: int) -> str:
    """The alias as a coordinator might type it: any case, extra spaces, accents or not."""
    return [alias, alias.upper(), f"  {alias.title()} ", alias.replace("ö", "o")][style]


@settings(max_examples=60, deadline=None)
@given(
    order=st.permutations(range(3)),
    choice=st.tuples(*(st.sampled_from(_ALIASES[name]) for name in ("id", "name", "count"))),
    styles=st.tuples(*(st.integers(0, 3) for _ in range(3))),
)
def test_any_shuffling_or_renaming_of_aliased_headers_reads_the_same_table(order, choice, styles):
    """Columns in any order under any alias, case or accents give the same rows, no problems."""
    headers = [_spelled(choice[i], styles[i]) for i in order]
    rows = [tuple(row[i] for i in order) for row in ROWS]
    read = read_rows(SPEC, _raw(headers, rows))
    assert read.problems == []
    assert _values(read) == _values(read_rows(SPEC, _raw(["ID", "Namn", "Antal"], ROWS)))


def test_every_bad_cell_is_reported_at_once_with_file_row_column_and_value():
    """Three bad cells in three rows: three problems, each naming where, in both languages."""
    rows = [("T1", "A", "many"), ("", "B", "2"), ("T3", "C", "x")]
    read = read_rows(SPEC, _raw(["ID", "Namn", "Antal"], rows, "mina saker.csv"))
    places = [(p.file, p.row, p.column, p.value) for p in read.problems]
    assert places == [
        ("mina saker.csv", 2, "Antal", "many"),
        ("mina saker.csv", 3, "ID", ""),
        ("mina saker.csv", 4, "Antal", "x"),
    ]
    first = read.problems[0]
    assert first.message_sv.startswith("Rad 2, kolumn Antal: ")
    assert first.message_en.startswith("Row 2, column Antal: ")
    assert [row.valid for row in read.rows] == [False, False, False]


def test_an_unknown_header_is_a_warning_with_the_closest_known_one():
    """A misspelt header is not read, and the warning suggests the header it resembles."""
    read = read_rows(SPEC, _raw(["ID", "Antl", "Anteckning"], [("T1", "3", "hej")]))
    assert read.unknown == ("Antl", "Anteckning")
    hint, plain = read.problems[:2]
    assert hint.severity is Severity.WARNING and hint.column == "Antl"
    assert "Did you mean 'Antal'?" in hint.message_en and "Menade du 'Antal'?" in hint.message_sv
    assert "Did you mean" not in plain.message_en


def test_a_second_header_for_the_same_field_is_not_read_and_says_which_is():
    """Two columns meaning the count: the first is read, the second named in a warning."""
    read = read_rows(SPEC, _raw(["ID", "Antal", "count"], [("T1", "3", "9")]))
    assert _values(read) == [{"id": "T1", "count": 3}]
    (doubled,) = read.problems
    assert doubled.column == "count" and "reads only 'Antal'" in doubled.message_en


def test_a_missing_required_column_and_no_rows_are_errors_of_the_whole_table():
    """Without the count column and without rows, two errors without a row, and it blocks."""
    read = read_rows(SPEC, _raw(["ID", "Namn"], []))
    assert [(p.severity, p.row) for p in read.problems] == [(Severity.ERROR, None)] * 2
    missing, empty = read.problems
    assert "The column 'Antal' is missing; things need it" in missing.message_en
    assert "Kolumnen 'Antal' saknas; den behövs för saker" in missing.message_sv
    assert "no rows of things" in empty.message_en
    assert read.blocked


def test_a_repeated_key_is_an_error_at_the_later_row_naming_both():
    """The second row with ID T1 is refused; the first one stays usable."""
    read = read_rows(SPEC, _raw(["ID", "Antal"], [("T1", "1"), ("T2", "2"), ("T1", "3")]))
    (repeat,) = read.problems
    assert (repeat.row, repeat.column, repeat.value) == (4, "ID", "T1")
    assert repeat.message_en == "Row 4, column ID: Repeated in rows 2 and 4."
    assert [row.valid for row in read.rows] == [True, True, False]


def test_a_left_out_row_is_a_warning_and_not_used():
    """A blank count leaves its row out with a warning; nothing blocks the others."""
    read = read_rows(SPEC, _raw(["ID", "Antal"], [("T1", ""), ("T2", "2")]))
    (warning,) = read.problems
    assert warning.severity is Severity.WARNING and warning.row == 2
    assert [row.valid for row in read.rows] == [False, True]


@pytest.mark.parametrize("text", ["=SUM(A1)", "@cmd", "+bad", "-x"])
def test_a_cell_that_could_run_as_a_formula_gets_a_warning(text):
    """A value starting with = + - or @ is kept, with a warning saying export neutralises it."""
    read = read_rows(SPEC, _raw(["ID", "Namn", "Antal"], [("T1", text, "1")]))
    (risk,) = read.problems
    assert risk.column == "Namn" and risk.value == text and "formel" in risk.message_sv
    assert read.rows[0].values["name"] == text and read.rows[0].valid


@pytest.mark.parametrize("text", ["-1", "+46701234567", "-"])
def test_plain_numbers_and_dashes_are_not_formulas(text):
    """A signed number or a lone dash is not a formula risk."""
    read = read_rows(SPEC, _raw(["ID", "Namn", "Antal"], [("T1", text, "1")]))
    assert read.problems == []


def test_a_mapping_names_a_header_ignores_another_and_translates_words():
    """The coordinator's mapping reads a question as a field, drops a column, renames values."""
    mapping = TableMapping(
        columns={"Hur många?": "count", "Tidstämpel": ""}, values={"name": {"N/N": "okänd"}}
    )
    raw = _raw(["ID", "Hur många?", "Tidstämpel", "Namn"], [("T1", "4", "2026-01-01", "n/n")])
    read = read_rows(SPEC, raw, mapping)
    assert read.problems == []
    assert _values(read) == [{"id": "T1", "count": 4, "name": "okänd"}]


def test_a_mapping_to_a_field_the_table_lacks_is_a_programming_error():
    """Naming a field the spec does not declare raises instead of reading nonsense."""
    with pytest.raises(ValueError, match="no field 'colour'"):
        read_rows(SPEC, _raw(["ID", "Antal"], [("T1", "1")]), TableMapping({"Antal": "colour"}))


def test_a_stand_in_column_takes_a_missing_required_ones_place_with_a_warning():
    """Without an ID column, the declared stand-in (here the name) is read as the ID too."""
    spec = TableSpec("things", "saker", "things", SPEC.fields, stand_ins={"name": "id"})
    read = read_rows(spec, _raw(["Namn", "Antal"], [("Li", "1")]))
    (stand_in,) = read.problems
    assert stand_in.severity is Severity.WARNING
    assert stand_in.column == "Namn"
    assert (
        stand_in.message_en == "Column Namn: There is no ID column; this column is used as the ID."
    )
    assert _values(read) == [{"name": "Li", "count": 1, "id": "Li"}]


def test_every_parser_reads_each_distinct_text_once():
    """A parser depends on the text alone, so a column of repeats parses each text once."""
    calls: list[str] = []

    def counting(text: str) -> Parsed:
        calls.append(text)
        return ok(text)

    spec = TableSpec(
        "things",
        "saker",
        "things",
        (Field("id", "ID", (), parse_id), Field("t", "T", (), counting)),
    )
    read_rows(spec, _raw(["ID", "T"], [(f"T{i}", "same" if i % 2 else "other") for i in range(9)]))
    assert sorted(calls) == ["other", "same"]
