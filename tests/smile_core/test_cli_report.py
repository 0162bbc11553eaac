"""`smile report --pdf`: the matching meeting's pack from the files, as PDF."""

import csv
import io
from pathlib import Path

from pypdf import PdfReader
from spreadsheet_files import xlsx_bytes

from smile_core.cli import main

TINY = Path(__file__).parent.parent / "data" / "tiny_programme"
SHEETS = {"adepts.csv": "adepter", "mentors.csv": "mentorer", "workplaces.csv": "arbetsplatser"}


def _pdf_text(path: Path) -> str:
    pages = PdfReader(path).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def _workbook(tmp_path: Path) -> Path:
    sheets = {}
    for name, sheet in SHEETS.items():
        text = (TINY / name).read_text(encoding="utf-8-sig")
        sheets[sheet] = list(csv.reader(io.StringIO(text), delimiter=";"))
    path = tmp_path / "programmet.xlsx"
    path.write_bytes(xlsx_bytes(sheets))
    return path


def test_report_writes_a_swedish_pack_from_a_workbook(tmp_path, capsys):
    """The workbook in, a PDF out with the names, the reasons and Swedish letters."""
    out = tmp_path / "möte.pdf"
    assert main(["report", "--workbook", str(_workbook(tmp_path)), "--pdf", str(out)]) == 0
    text = _pdf_text(out)
    assert "Matchningsmöte: programmet" in text
    assert "Dawit Tesfaye (A02)" in text and "Lars Berg (M01)" in text
    assert "Varför just de två" in text
    assert "Jämställdhet" in text
    assert str(out) in capsys.readouterr().out


def test_report_in_english_with_separate_files(tmp_path):
    """--lang en writes the pack in English."""
    out = tmp_path / "meeting.pdf"
    files = [f"--{k}={TINY / f'{k}.csv'}" for k in ("adepts", "mentors", "workplaces")]
    assert main(["report", *files, "--pdf", str(out), "--lang", "en", "--title", "Spring"]) == 0
    text = _pdf_text(out)
    assert "Matching meeting: Spring" in text and "Why these two" in text


def test_report_to_an_unwritable_place_exits_1(tmp_path, capsys):
    """A PDF path in a missing folder is named, and the exit code is 1."""
    out = tmp_path / "missing" / "x.pdf"
    assert main(["report", "--workbook", str(_workbook(tmp_path)), "--pdf", str(out)]) == 1
    assert "could not be written" in capsys.readouterr().err
