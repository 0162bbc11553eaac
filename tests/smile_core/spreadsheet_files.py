"""Make the files coordinators send, in memory: CSV in any encoding and separator, XLSX, zips.

Shared by test_reading, test_validation and test_cli. Nothing here is read by SMILE itself;
the writers are the standard library's csv module and xlsxwriter, independent of the code
under test.
"""

from __future__ import annotations

import csv
import io
import struct
import zipfile
from collections.abc import Sequence

import xlsxwriter

from smile_core.ingest.reading import SourceFile

Rows = Sequence[Sequence[object]]

#: The headers the demo files and a Swedish coordinator use, per table.
SWEDISH_HEADERS = {
    "adepts": [
        "ID",
        "Namn",
        "Kön",
        "Födelseland",
        "Födelseregion",
        "Språk",
        "Svenskanivå",
        "Yrke/Utbildning",
        "Önskat yrke",
        "Kommun",
        "Län",
        "Önskat kön på mentor",
        "Mål",
        "Tillgänglighet",
        "Kohort",
        "Måste matchas",
    ],
    "mentors": [
        "ID",
        "Namn",
        "Kön",
        "Arbetsplats",
        "Yrke/Utbildning",
        "Språk",
        "Kommun",
        "Län",
        "Kapacitet",
        "Erbjuder",
        "Tillgänglighet",
        "Mentorstyp",
        "Minsta grupp",
    ],
    "workplaces": ["ID", "Namn", "Bransch", "Kommun", "Län", "Kapacitet"],
}


def csv_bytes(
    rows: Rows,
    *,
    separator: str = ";",
    encoding: str = "utf-8",
    bom: bool = False,
    sep_line: bool = False,
    newline: str = "\r\n",
) -> bytes:
    """``rows`` as CSV the way Excel writes it (minimal quoting), encoded.

    ``encoding="utf-16"`` writes a BOM, as Excel's "Unicode text" does; ``bom`` adds a UTF-8
    BOM; ``sep_line`` puts Excel's ``sep=X`` hint first.
    """
    buffer = io.StringIO(newline="")
    if sep_line:
        buffer.write(f"sep={separator}{newline}")
    writer = csv.writer(buffer, delimiter=separator, lineterminator=newline)
    writer.writerows([["" if cell is None else str(cell) for cell in row] for row in rows])
    data = buffer.getvalue().encode(encoding)
    return b"\xef\xbb\xbf" + data if bom else data


def csv_file(name: str, rows: Rows, **options: object) -> SourceFile:
    """A :class:`SourceFile` named ``name`` holding ``rows`` as CSV (see :func:`csv_bytes`)."""
    return SourceFile(name, csv_bytes(rows, **options))  # type: ignore[arg-type]


def xlsx_bytes(sheets: dict[str, Rows], *, first_row: int = 0, first_column: int = 0) -> bytes:
    """A workbook with one sheet per entry; strings stay strings (never formulas), numbers
    stay numbers, ``None`` is an empty cell. The table starts at ``first_row``/``first_column``.
    """
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"strings_to_formulas": False, "in_memory": True})
    for name, rows in sheets.items():
        sheet = workbook.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                if isinstance(cell, str):
                    sheet.write_string(first_row + r, first_column + c, cell)
                else:
                    sheet.write(first_row + r, first_column + c, cell)
    workbook.close()
    return buffer.getvalue()


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    """A deflated zip with the given entries."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def zip_bomb(unpacked_bytes: int) -> bytes:
    """A real zip whose one entry is ``unpacked_bytes`` zeros (a few kB compressed)."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w") as entry,
    ):
        chunk = bytes(1_000_000)
        for _ in range(unpacked_bytes // len(chunk)):
            entry.write(chunk)
    return buffer.getvalue()


def with_declared_size(zip_data: bytes, declared: int) -> bytes:
    """``zip_data`` with every central-directory entry claiming ``declared`` unpacked bytes.

    The content is unchanged: only the size a reader would trust without unpacking is forged.
    """
    data = bytearray(zip_data)
    start = 0
    while (at := data.find(b"PK\x01\x02", start)) != -1:
        struct.pack_into("<I", data, at + 24, declared)
        start = at + 4
    return bytes(data)
