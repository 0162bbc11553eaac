"""Issue 9: no file can stop the server. Hostile files are refused in time, with a message.

Every hostile file is read in a child process capped at 1 GiB of address space (the very path
uploads take), so a regression fails the test instead of eating the machine's memory.
"""

from __future__ import annotations

import json
import time

import pytest
from hostile_files import blank_lines_csv, far_cell_workbook, understated_zip
from spreadsheet_files import csv_bytes, csv_file, with_declared_size, xlsx_bytes

from smile_core.cli import main, terminal_safe
from smile_core.ingest.isolation import (
    ChildLimits,
    _Failure,
    _run,
    load_followups_isolated,
    load_programme_isolated,
    run_isolated,
)
from smile_core.ingest.problems import Severity
from smile_core.ingest.reading import Limits, SourceFile, read_table, read_workbook
from smile_core.ingest.validation import load_programme

CAPPED = ChildLimits(memory_bytes=1 << 30, seconds=10)
_ADEPTS = [["ID", "Namn", "Kön"], ["A1", "Åsa", "kvinna"]]


def _timed(function, *args):
    started = time.monotonic()
    result = run_isolated(function, CAPPED, *args)
    return result, time.monotonic() - started


@pytest.mark.parametrize("how", ["dimension", "cell"])
def test_workbook_reaching_cell_xfd1048576_is_refused_before_calamine(how):
    """A 6 kB workbook claiming the whole grid is refused, naming file, sheet and cell."""
    data = far_cell_workbook(how)
    assert len(data) < 8_000
    answer, seconds = _timed(read_workbook, SourceFile("program.xlsx", data))
    assert answer is not None, "the reader died instead of refusing the file"
    tables, report = answer
    assert tables == {}
    [problem] = report.problems
    assert (problem.severity, problem.file) == (Severity.ERROR, "program.xlsx")
    assert "XFD1048576" in problem.message_sv and "XFD1048576" in problem.message_en
    assert "Bladet 'Adepter'" in problem.message_sv and "Sheet 'Adepter'" in problem.message_en
    assert "celler" in problem.message_sv and "cells" in problem.message_en
    assert seconds < 10


def test_zip_understating_its_unpacked_size_is_refused_by_the_real_bytes():
    """An entry declaring 1 kB that inflates to 8.5 GB is stopped at the 100 MB cap."""
    data = understated_zip(8_500_000_000)
    assert len(data) < 10_000_000
    answer, seconds = _timed(read_table, SourceFile("bomb.xlsx", data))
    assert answer is not None, "the reader died instead of refusing the file"
    table, report = answer
    assert table is None
    [problem] = report.problems
    assert problem.file == "bomb.xlsx"
    assert "mer än 100 MB" in problem.message_sv
    assert "more than 100 MB" in problem.message_en
    assert seconds < 10


def test_csv_of_blank_lines_is_read_in_little_memory():
    """10 MB of empty records fit in a child left ~0.3 GB (issue 9 measured 1.9 GB)."""
    data = blank_lines_csv()
    assert len(data) > 9_000_000
    tight = ChildLimits(memory_bytes=750 << 20, seconds=10)
    started = time.monotonic()
    answer = run_isolated(read_table, tight, SourceFile("tomma.csv", data))
    assert answer is not None, "reading blank lines needed more than the limit"
    table, report = answer
    assert table is not None and table.headers == ("ID", "Namn", "Kön") and table.height == 0
    assert report.problems == ()
    assert time.monotonic() - started < 10


def test_csv_rows_beyond_the_limit_stop_the_reading():
    """Reading stops at the first record past the row limit (an error, not a full read)."""
    data = csv_bytes([["ID", "Namn"], *[[str(i), "x"] for i in range(200)]])
    table, report = read_table(SourceFile("lång.csv", data), Limits(max_rows=50))
    assert table is None
    [problem] = report.problems
    assert "fler än 50 rader" in problem.message_sv and "more than 50 rows" in problem.message_en


def test_real_unpacked_bytes_are_counted_not_the_declared_ones():
    """A workbook within the cap reads; declaring 10 bytes per entry does not sneak it past."""
    data = xlsx_bytes({"Adepter": _ADEPTS, "Mentorer": [["ID", "Namn"], ["M1", "Bo"]]})
    tables, report = read_workbook(SourceFile("ok.xlsx", data))
    assert set(tables) == {"adepts", "mentors"} and report.ok
    lying = SourceFile("ok.xlsx", with_declared_size(data, 10))
    tables, report = read_workbook(lying, Limits(max_unpacked_bytes=2_000))
    assert tables == {}
    assert "more than 2 kB" in report.errors[0].message_en


def test_the_child_wall_refuses_what_the_checks_let_through():
    """With the checks switched off, calamine's allocation kills the child, not the caller."""
    source = SourceFile("program.xlsx", far_cell_workbook("cell"))
    unchecked = Limits(max_sheet_cells=10**15)
    started = time.monotonic()
    assert run_isolated(read_workbook, CAPPED, source, unchecked) is None
    assert time.monotonic() - started < 10
    with pytest.raises(_Failure) as failure:  # calamine's failed allocation aborts the child
        _run(read_workbook, CAPPED, source, unchecked)
    assert failure.value.kind == "memory"


def test_a_workbook_with_separate_files_is_still_a_programming_error():
    """Giving both a workbook and separate files raises, as load_programme does."""
    source = csv_file("adepter.csv", _ADEPTS)
    with pytest.raises(ValueError):
        load_programme_isolated(workbook=source, adepts=source)


def test_a_child_out_of_memory_is_blamed_on_the_file_that_caused_it():
    """With the checks off, the workbook that kills the child is named, the good CSV is not."""
    result = load_programme_isolated(
        adepts=SourceFile("adepter.xlsx", far_cell_workbook("cell")),
        mentors=csv_file("mentorer.csv", [["ID", "Namn"], ["M1", "Bo"]]),
        limits=Limits(max_sheet_cells=10**15),
        child_limits=CAPPED,
    )
    assert not result.ok
    [problem] = result.report.problems
    assert problem.file == "adepter.xlsx"
    assert "minne" in problem.message_sv and "memory" in problem.message_en
    assert "Traceback" not in problem.message


def test_a_starved_child_names_every_file():
    """A child that cannot even import its parser refuses every file, saying memory ran out."""
    starved = ChildLimits(memory_bytes=200 << 20, seconds=10)
    result = load_programme_isolated(
        adepts=csv_file("adepter.csv", _ADEPTS),
        mentors=csv_file("mentorer.csv", [["ID", "Namn"], ["M1", "Bo"]]),
        child_limits=starved,
    )
    assert not result.ok
    assert {p.file for p in result.report.errors} == {"adepter.csv", "mentorer.csv"}
    assert all("memory" in p.message_en for p in result.report.errors)


def test_a_child_out_of_time_is_stopped_with_a_message():
    """A parse past the time limit is stopped and the file is named."""
    load = load_followups_isolated(
        SourceFile("uppfoljning.csv", b"adept_id;months;status\nA1;3;employed\n"),
        child_limits=ChildLimits(seconds=0.001),
    )
    assert not load.ok
    [problem] = load.report.problems
    assert problem.file == "uppfoljning.csv"
    assert "sekunder" in problem.message_sv and "seconds" in problem.message_en


def test_isolated_load_gives_the_same_result_as_in_process():
    """The safe path changes nothing for a good file."""
    adepts = csv_file("adepter.csv", _ADEPTS)
    mentors = csv_file("mentorer.csv", [["ID", "Namn", "Kön"], ["M1", "Bo", "man"]])
    isolated = load_programme_isolated(adepts=adepts, mentors=mentors)
    assert isolated == load_programme(adepts=adepts, mentors=mentors)


def test_cli_refuses_a_hostile_workbook_with_a_message(tmp_path, capsys):
    """``smile validate`` names the file and says what is wrong; exit 1, no traceback."""
    path = tmp_path / "program.xlsx"
    path.write_bytes(far_cell_workbook("cell"))
    assert main(["validate", "--workbook", str(path)]) == 1
    out = capsys.readouterr().out
    assert "program.xlsx" in out and "XFD1048576" in out
    assert "Traceback" not in out


# --------------------------------------------------------------------------- encodings


def test_file_mixing_utf8_and_windows_1252_is_refused_at_the_first_foreign_line():
    """UTF-8 "Kön" above a Windows-1252 "Åsa" is flagged, not decoded as garbage."""
    data = "ID;Namn;Kön\r\nA1;Björn;man\r\n".encode() + "A2;Åsa;kvinna\r\n".encode("cp1252")
    table, report = read_table(SourceFile("blandad.csv", data))
    assert table is None
    [problem] = report.problems
    assert (problem.severity, problem.row) == (Severity.ERROR, 3)
    assert "teckenkodningar" in problem.message_sv and "encodings" in problem.message_en


def test_windows_1252_file_alone_is_still_read():
    """A file wholly in Windows-1252 is not taken for a mixed one."""
    data = "ID;Namn;Kön\r\nA2;Åsa;kvinna\r\n".encode("cp1252")
    table, report = read_table(SourceFile("ansi.csv", data))
    assert report.problems == ()
    assert table.frame["Namn"].to_list() == ["Åsa"]


def test_utf8_bom_file_with_a_foreign_byte_is_mixed():
    """A file that says it is UTF-8 (BOM) but holds a Windows-1252 byte is flagged."""
    data = b"\xef\xbb\xbfID;Namn\r\nA1;" + "Åsa".encode("cp1252") + b"\r\n"
    table, report = read_table(SourceFile("bom.csv", data))
    assert table is None
    assert "encodings" in report.errors[0].message_en


def test_byte_order_mark_inside_a_file_is_dropped():
    """Two exports pasted together: the second BOM does not end up in a value."""
    data = b"\xef\xbb\xbfID;Namn\r\n" + b"\xef\xbb\xbfA1;Anna\r\nA2;\xef\xbb\xbfBo\r\n"
    table, _ = read_table(SourceFile("ihop.csv", data))
    assert table.frame.rows() == [("A1", "Anna"), ("A2", "Bo")]


def test_byte_order_mark_in_a_workbook_cell_is_dropped():
    """A BOM pasted into a workbook cell is dropped too."""
    data = xlsx_bytes({"Adepter": [["ID", "Namn"], ["\ufeffA1", "Anna\ufeff"]]})
    table, _ = read_table(SourceFile("a.xlsx", data))
    assert table.frame.rows() == [("A1", "Anna")]


# --------------------------------------------------------------------------- the terminal


def test_cli_output_shows_control_characters_escaped(tmp_path, capsys):
    """An escape sequence or right-to-left override in a cell never reaches the terminal raw."""
    adepts = tmp_path / "adepter.csv"
    rows = [["ID", "Namn", "Kön", "Not\x1b[2J\x9b31m\u202e"]]
    rows += [[f"A{i}", "Anna Andersson", "kvinna", "x"] for i in range(20)]  # controls are rare
    adepts.write_bytes(csv_bytes(rows))
    mentors = tmp_path / "mentorer.csv"
    mentors.write_bytes(csv_bytes([["ID", "Namn", "Kön"], ["M1", "Bo", "man"]]))
    for extra in ([], ["--json"]):
        main(["validate", "--adepts", str(adepts), "--mentors", str(mentors), *extra])
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
        assert "\\u001b[2J" in out
    assert json.loads(out)["errors"] or json.loads(out)["warnings"]


def test_terminal_safe_keeps_text_and_escapes_controls():
    """Letters, accents and line breaks stay; controls become visible \\uXXXX escapes."""
    assert terminal_safe("Åsa\tÖ\n\x07") == "Åsa\\u0009Ö\n\\u0007"
    assert terminal_safe("a\nb", keep_line_breaks=False) == "a\\u000ab"


def test_csv_line_of_millions_of_values_is_refused_at_once():
    """A 10 MB line of separators and values is refused at its row, in a child, in time."""
    data = b"ID;Namn\r\n" + b"x;" * 4_900_000 + b"\r\n"
    answer, seconds = _timed(read_table, SourceFile("bred.csv", data))
    assert answer is not None
    table, report = answer
    assert table is None
    [problem] = report.problems
    assert problem.row == 2
    assert "4,900,001" in problem.message_en and "kolumner" in problem.message_sv
    assert seconds < 10


def test_binary_junk_with_utf8_like_bytes_is_not_called_mixed():
    """Random bytes that happen to hold C3 A5 are "not a table", not "mixed encodings"."""
    data = bytes(range(256)) * 40 + b"\xc3\xa5"
    table, report = read_table(SourceFile("bild.csv", data))
    assert table is None
    assert "encodings" not in report.errors[0].message_en
    assert "neither a CSV file" in report.errors[0].message_en
