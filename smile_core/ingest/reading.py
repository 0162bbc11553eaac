"""Bytes in, text tables out: the coordinator's CSV or Excel file as a table of strings.

Nothing is guessed about types here: every cell stays text ("007" keeps its zeros), and
:mod:`smile_core.ingest.validation` parses it explicitly. What this module does decide:

- the kind of file, by content (a workbook saved as ``.csv`` is still read as a workbook);
  a file named ``.xlsx`` that is not a workbook is refused, because it is a broken export;
- a CSV file's encoding — BOM (UTF-8, UTF-16), then strict UTF-8, then Windows-1252; never
  Latin-1 and never lossy, so no name comes out garbled — and its separator (``;`` ``,`` or
  TAB, sniffed, or the one Excel's ``sep=`` first line names);
- which row is the header (the first non-empty one, unless that is a lone title above the
  table) and each row's number as Excel shows it.

Hostile files are refused before they can cost much (issue 9): a workbook's zip entries are
inflated here, stream by stream, with a cap on the real unpacked bytes (the sizes a zip declares
can lie), and each sheet's used range is checked before calamine allocates a cell for it; a CSV
is read record by record and only non-empty records are kept, so a file of blank lines costs
nothing. A file mixing UTF-8 with another encoding is refused rather than guessed; a byte order
mark inside the text (two exports pasted together) is dropped. The parsers still run in a child
process with a memory limit (:mod:`smile_core.ingest.isolation`) as a second wall.

Every problem becomes a :class:`~smile_core.ingest.problems.Problem`; no exception escapes.
"""

from __future__ import annotations

import codecs
import csv
import html
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

import fastexcel
import polars as pl

from smile_core.ingest.problems import Problem, Report
from smile_core.ingest.vocabulary import TABLE_LABELS, clean_text, match_sheet
from smile_core.text import Message, both
from smile_core.text.messages import error, quoted, texts, warning

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls format
_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
_SEPARATORS = (";", ",", "\t")  # Swedish Excel writes ";", so it wins a tie
_SNIFF_CHARS = 64_000
_SNIFF_RECORDS = 50
_EXCEL_COLUMNS = 16_384  # XFD, the last column Excel has


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file as the coordinator gave it: the name they know it by, and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Limits:
    """The most SMILE reads from one file; beyond these the file is refused with a message.

    ``max_unpacked_bytes`` caps what an XLSX (a zip) unpacks to: first what the zip declares
    (refused without inflating anything), then the bytes really inflated, counted as they come
    and stopped at the cap. ``max_sheet_cells`` caps a sheet's used range (last row × last
    column, as its cells and its ``<dimension>`` claim), which is what calamine allocates.
    ``max_zip_entries`` caps the number of files inside a workbook.
    """

    max_bytes: int = 10_000_000
    max_rows: int = 50_000
    max_unpacked_bytes: int = 100_000_000
    max_columns: int = 200
    max_sheet_cells: int = 5_000_000
    max_zip_entries: int = 10_000


#: The limits used when none are given.
DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class RawTable:
    """One table as text: the header row as written and one row per non-empty data row.

    ``frame`` has one ``String`` column per header (trimmed, Unicode NFC), in file order, with
    ``""`` for empty cells; cell text is exactly as in the file. ``row_numbers[i]`` is the
    Excel row of ``frame`` row ``i`` (the header is row 1 unless rows above it are empty).
    ``file`` names the file (and sheet) the way problems do.
    """

    file: str
    headers: tuple[str, ...]
    frame: pl.DataFrame
    row_numbers: tuple[int, ...]

    @property
    def height(self) -> int:
        """The number of data rows."""
        return len(self.row_numbers)


def is_workbook(data: bytes) -> bool:
    """Whether ``data`` looks like a spreadsheet workbook (XLSX/ODS zip or old XLS)."""
    return data.startswith(_ZIP_MAGIC) or data.startswith(_OLE_MAGIC)


def read_table(
    source: SourceFile, limits: Limits = DEFAULT_LIMITS, *, table: str | None = None
) -> tuple[RawTable | None, Report]:
    """Read one table from a CSV file or a workbook; ``None`` when nothing usable was read.

    From a workbook with several sheets, the sheet named for ``table`` (e.g. "Adepter") is
    read, else the first sheet, with a warning naming the sheets left unread.
    """
    if problem := _refuse_early(source, limits):
        return None, Report((problem,))
    if is_workbook(source.data):
        return _read_sheet_table(source, limits, table)
    if source.name.lower().endswith(_WORKBOOK_SUFFIXES):
        return None, Report((_not_a_workbook(source.name),))
    return _read_csv(source, limits)


def read_workbook(
    source: SourceFile, limits: Limits = DEFAULT_LIMITS
) -> tuple[dict[str, RawTable], Report]:
    """Read the adepts, mentors and workplaces sheets of one workbook, by sheet name.

    Sheet names are matched in English or Swedish (Adepter, Mentorer, Arbetsplatser ...).
    Missing adepts or mentors sheets are errors; a missing workplaces sheet is fine; other
    sheets are left unread, each with a warning.
    """
    if problem := _refuse_early(source, limits):
        return {}, Report((problem,))
    if not is_workbook(source.data):
        return {}, Report((_not_a_workbook(source.name),))
    reader, problems = _open_workbook(source, limits)
    if reader is None:
        return {}, Report(tuple(problems))
    sheets = _sheets_by_table(source.name, reader.sheet_names, problems)
    tables: dict[str, RawTable] = {}
    for table, sheet in sheets.items():
        raw, sheet_problems = _load_sheet(reader, sheet, f"{source.name} [{sheet}]", limits)
        problems.extend(sheet_problems)
        if raw is not None:
            tables[table] = raw
    return tables, Report(tuple(problems))


# --------------------------------------------------------------------------- whole-file checks


def _refuse_early(source: SourceFile, limits: Limits) -> Problem | None:
    """An empty or oversized file is refused before any parsing."""
    if not source.data.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
        return error(source.name, *both("reader.file.empty"))
    if len(source.data) > limits.max_bytes:
        size, most = len(source.data), limits.max_bytes
        return error(
            source.name,
            *both("reader.file.too_big", size=_size(size), most=_size(most)),
        )
    return None


def _size(size: int) -> Message:
    """A byte count for people: "10 MB", "2.5 MB" ("2,5 MB" in Swedish), "12 kB"."""
    if size < 1_000_000:
        return Message.of("reader.size.kilobytes", n=max(1, round(size / 1000)))
    return Message.of("reader.size.megabytes", n=round(size / 1_000_000, 1))


def _not_a_workbook(name: str) -> Problem:
    return error(
        name,
        *both("reader.file.not_a_workbook"),
    )


def _not_a_table(name: str) -> Problem:
    return error(
        name,
        *both("reader.file.not_a_table"),
    )


# --------------------------------------------------------------------------- CSV


def _read_csv(source: SourceFile, limits: Limits) -> tuple[RawTable | None, Report]:
    if problem := _mixed_encoding(source):
        # Binary junk holds UTF-8-like byte pairs by chance; it is not text at all. (Latin-1
        # here only to count control bytes; it never decodes a value.)
        if _looks_binary(source.data[:_SNIFF_CHARS].decode("latin-1")):
            return None, Report((_not_a_table(source.name),))
        return None, Report((problem,))
    text = _decode(source.data)
    if text is None or _looks_binary(text):
        return None, Report((_not_a_table(source.name),))
    separator, text = _separator(text)
    rows, problems = _csv_rows(source.name, text, separator, limits)
    if rows is None:
        return None, Report(tuple(problems))
    raw, table_problems = _build_table(source.name, rows, limits, csv_separator=separator)
    return raw, Report((*problems, *table_problems))


def _decode(data: bytes) -> str | None:
    """The text of ``data``: BOM first, then strict UTF-8, then Windows-1252; else ``None``.

    Latin-1 is never tried: it accepts every byte, so it would turn a wrong guess into
    silently garbled names instead of a clear refusal. A byte order mark inside the text (two
    exports pasted together) is dropped: it is invisible and would end up inside a value.
    """
    if data.startswith(codecs.BOM_UTF8):
        candidates = [(data[len(codecs.BOM_UTF8) :], "utf-8")]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = [(data, "utf-16")]
    elif utf16 := _bomless_utf16(data):
        candidates = [(data, utf16)]
    else:
        candidates = [(data, "utf-8"), (data, "cp1252")]
    for raw, encoding in candidates:
        try:
            return raw.decode(encoding).replace("\ufeff", "")
        except UnicodeDecodeError:
            continue
    return None


# UTF-8 for a letter of Latin-1 (å ä ö é ü ...: C3 xx) or for ’ “ ” – — … (E2 80 xx). In
# Windows-1252 these bytes read "Ã¥", "â€™": never in real Nordic text, so finding one in a
# file that is not valid UTF-8 means the file mixes encodings. (Wider patterns misfire: "Ä–"
# in Windows-1252 is C4 96, well-formed UTF-8 for "Ė".)
_UTF8_SEQUENCE = re.compile(rb"\xc3[\x80-\xbf]|\xe2\x80[\x80-\xbf]")


def _mixed_encoding(source: SourceFile) -> Problem | None:
    """An error when the file is partly UTF-8 and partly something else, else ``None``.

    Such a file (rows pasted from two exports) has no single right encoding: read as
    Windows-1252 its UTF-8 names come out garbled, so it is refused instead of guessed. The
    message names the first line (as a text editor counts them) that is not UTF-8.
    """
    data = source.data
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _bomless_utf16(data):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    else:
        return None
    if not data.startswith(codecs.BOM_UTF8) and not _UTF8_SEQUENCE.search(data):
        return None  # plain Windows-1252: read as such
    line = data.count(b"\n", 0, bad_at) + 1
    return error(
        source.name,
        *both("reader.csv.mixed_encodings"),
        row=line,
    )


def _bomless_utf16(data: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when every other byte of a text-like sample is zero."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_zeros, odd_zeros = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd_zeros > 0.9 * half and even_zeros < 0.1 * half:
        return "utf-16-le"
    if even_zeros > 0.9 * half and odd_zeros < 0.1 * half:
        return "utf-16-be"
    return None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _looks_binary(text: str) -> bool:
    """NUL bytes, or control characters in more than 1 in 200 characters: not a text table.

    A stray control character pasted into one cell does not make a file binary.
    """
    if "\x00" in text:
        return True
    return len(_CONTROL.findall(text[:_SNIFF_CHARS])) * 200 > min(len(text), _SNIFF_CHARS)


_SEP_LINE = re.compile(r"\ufeff?\"?sep=(.)\"?[ \t]*(?:\r\n|\n|\r|$)", re.IGNORECASE)


def _separator(text: str) -> tuple[str, str]:
    """The field separator and the text without Excel's ``sep=`` line (which Excel hides)."""
    text = text.removeprefix("\ufeff")
    if match := _SEP_LINE.match(text):
        return match.group(1), text[match.end() :]
    return _sniff_separator(text), text


def _sniff_separator(text: str) -> str:
    """The candidate that splits the header into most fields with most rows agreeing.

    Tried on the first records only; a quoted "Malmö, Skåne" in a semicolon file does not
    fool it because the rows only agree when split on the real separator.
    """
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]

    def score(separator: str) -> tuple[bool, float, int]:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=separator)
        records = []
        for record in reader:
            # A line of nothing but separators is empty under every candidate.
            if any(cell.strip(" \t;,") for cell in record):
                records.append(len(record))
            if len(records) >= _SNIFF_RECORDS:
                break
        if not records:
            return False, 0.0, 0
        header, rest = records[0], records[1:]
        agreeing = sum(1 for width in rest if width == header) / len(rest) if rest else 1.0
        return header > 1, agreeing, header

    return max(_SEPARATORS, key=score)


def _csv_rows(
    name: str, text: str, separator: str, limits: Limits
) -> tuple[list[tuple[int, list[str]]] | None, list[Problem]]:
    """Each non-empty record with its Excel row number (record 1 is row 1: Excel shows one row
    per record); empty records are counted but not kept.

    The records are read one at a time and an empty one is dropped at once, so a file of
    millions of blank lines costs no memory; reading stops as soon as there are more non-empty
    records than a table may have rows (an error). A quote that is never closed would swallow
    the rest of the file into one cell; that is reported as an error at the row where it starts.
    """
    rows: list[tuple[int, list[str]]] = []
    most = limits.max_rows + _TITLE_ROWS + 1  # the header and a few title rows above it
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            if len(record) > _EXCEL_COLUMNS:  # no spreadsheet wrote this: refuse it at once
                return None, [_too_many_columns(name, len(record), limits, row=number)]
            if any(record) and not all(map(_blank, record)):
                rows.append((number, record))
                if len(rows) > most:
                    return None, [_too_many_rows(name, limits)]
    except csv.Error:  # in practice only a cell longer than the csv module's field limit
        return None, [
            error(
                name,
                *both("reader.csv.value_too_long"),
                row=number + 1,
            )
        ]
    if rows and '"' in text and _unclosed_quote(text, separator):
        row = rows[-1][0]
        return None, [
            error(
                name,
                *both("reader.csv.unclosed_quote"),
                row=row,
            )
        ]
    return rows, []


def _unclosed_quote(text: str, separator: str) -> bool:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    try:
        for _ in reader:
            pass
    except csv.Error as exc:
        return "end of data" in str(exc)
    return False


# --------------------------------------------------------------------------- workbooks

_T = TypeVar("_T")


def _guarded(call: Callable[[], _T]) -> _T | None:
    """Run a call into the XLSX parser; ``None`` on any failure, even a Rust panic.

    The caller turns ``None`` into a plain message; the exception's text is not shown because
    it can quote cell contents and means nothing to a coordinator.
    """
    try:
        return call()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # pyo3's PanicException derives from BaseException
        return None


def _open_workbook(
    source: SourceFile, limits: Limits
) -> tuple[fastexcel.ExcelReader | None, list[Problem]]:
    if source.data.startswith(_ZIP_MAGIC) and (problem := _zip_problem(source, limits)):
        return None, [problem]
    reader = _guarded(lambda: fastexcel.read_excel(source.data))
    if reader is None:
        return None, [
            error(
                source.name,
                *both("reader.workbook.unopenable"),
            )
        ]
    return reader, []


def _zip_problem(source: SourceFile, limits: Limits) -> Problem | None:
    """Refuse a damaged zip, or one that unpacks to more bytes or cells than allowed.

    The declared sizes are checked first (a refusal without inflating anything); then every
    entry is really inflated, a chunk at a time, and counted, because an entry can declare a
    few kB and inflate to gigabytes; then each worksheet's used range is checked against
    ``max_sheet_cells``. Nothing inflated is kept: at most one chunk is in memory at a time.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(source.data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, struct.error):
        return _damaged_zip(source.name)
    if len(entries) > limits.max_zip_entries:
        return error(
            source.name,
            *both("reader.workbook.too_many_parts", n=len(entries), most=limits.max_zip_entries),
        )
    declared = sum(info.file_size for info in entries)
    if declared > limits.max_unpacked_bytes:
        return _unpacks_too_big(source.name, _size(declared), limits)
    budget = limits.max_unpacked_bytes
    for info in entries:
        extent = _SheetExtent() if _WORKSHEET.fullmatch(info.filename) else None
        try:
            for chunk in _inflate(source.data, info):
                budget -= len(chunk)
                if budget < 0:
                    most = limits.max_unpacked_bytes
                    more = Message.of("reader.size.more_than", size=_size(most))
                    return _unpacks_too_big(source.name, more, limits)
                if extent is not None:
                    extent.feed(chunk)
        except _Unreadable:
            return _damaged_zip(source.name)
        if extent is not None and extent.too_big(limits):
            sheet = _sheet_name(source.data, entries, info.filename)
            return extent.problem(source.name, sheet, limits)
    return None


def _damaged_zip(name: str) -> Problem:
    return error(
        name,
        *both("reader.workbook.damaged_zip"),
    )


def _unpacks_too_big(name: str, size: Message, limits: Limits) -> Problem:
    most = _size(limits.max_unpacked_bytes)
    return error(name, *both("reader.workbook.unpacks_too_big", size=size, most=most))


class _Unreadable(Exception):
    """A zip entry that cannot be inflated: damaged, or packed in a way Excel never uses."""


_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, then name and extra-field lengths
_INFLATE_CHUNK = 1 << 20


def _inflate(data: bytes, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The entry's real unpacked bytes, a chunk of at most 1 MB at a time.

    Inflated straight from the entry's compressed bytes with zlib, to the end of the deflate
    stream: the declared unpacked size is not trusted (Python's own zip reader stops at it,
    calamine's does not). Only stored and deflated entries exist in Excel's files.
    """
    start = info.header_offset
    try:
        signature, name_length, extra_length = _LOCAL_HEADER.unpack_from(data, start)
    except struct.error as exc:
        raise _Unreadable from exc
    if signature != b"PK\x03\x04":
        raise _Unreadable
    begin = start + _LOCAL_HEADER.size + name_length + extra_length
    packed = memoryview(data)[begin : begin + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        for at in range(0, len(packed), _INFLATE_CHUNK):
            yield bytes(packed[at : at + _INFLATE_CHUNK])
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise _Unreadable
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    at = 0
    try:
        while not inflater.eof:
            if inflater.unconsumed_tail:
                pending = inflater.unconsumed_tail
            else:
                pending = packed[at : at + _INFLATE_CHUNK]
                at += len(pending)
                if not pending:
                    return  # a truncated stream: calamine will say it is damaged
            yield inflater.decompress(pending, _INFLATE_CHUNK)
    except zlib.error as exc:
        raise _Unreadable from exc


_WORKSHEET = re.compile(r"xl/worksheets/[^/]+\.xml", re.IGNORECASE)
# The references in a worksheet's XML: each cell's r="B7" and each row's r="7", prefixed
# <x:c> ones included, and the <dimension ref="A1:XFD1048576"> claim. Columns and rows are
# found by two plain scans starting with the literal r= (which the regex engine finds fast), so
# a 100 MB sheet is checked in about two seconds: the few distinct column names go through a
# set, the row numbers through int() in C. Another attribute ending in r (paper="9") may be
# taken for a reference too; that only ever makes the check stricter, by a small number.
_CELL_COLUMNS = re.compile(rb"r=[\"']([A-Za-z]{1,3})[0-9]")
_CELL_ROWS = re.compile(rb"r=[\"'][A-Za-z]{0,3}([0-9]{1,9})[\"']")
_DIMENSION = re.compile(rb"dimension\s[^>]*?\bref=[\"']([^\"']*)[\"']")
_REFERENCE = re.compile(rb"([A-Za-z]{0,3})([0-9]{0,9})")
_TAG_TAIL = 4096  # bytes of an unfinished tag carried from one chunk to the next


class _SheetExtent:
    """The last row and column a worksheet's XML refers to, fed a chunk at a time."""

    def __init__(self) -> None:
        self.rows = 0
        self.columns = 0
        self._carry = b""

    def feed(self, chunk: bytes) -> None:
        """Take in the next chunk of the sheet's XML."""
        text = self._carry + chunk
        cut = text.rfind(b"<")
        if cut != -1 and text.find(b">", cut) == -1 and len(text) - cut <= _TAG_TAIL:
            text, self._carry = text[:cut], text[cut:]
        else:
            self._carry = b""
        columns = set(_CELL_COLUMNS.findall(text))
        if columns:
            self.columns = max(self.columns, *map(_column_number, columns))
        rows = _CELL_ROWS.findall(text)
        if rows:
            self.rows = max(self.rows, *map(int, rows))
        for claim in _DIMENSION.findall(text):
            for corner in claim.split(b":"):
                if found := _REFERENCE.fullmatch(corner.strip()):
                    letters, digits = found.groups()
                    self.rows = max(self.rows, int(digits or 0))
                    self.columns = max(self.columns, _column_number(letters))

    def too_big(self, limits: Limits) -> bool:
        """Whether the sheet reaches further than ``limits.max_sheet_cells`` allow."""
        return max(self.rows, 1) * max(self.columns, 1) > limits.max_sheet_cells

    def problem(self, file: str, sheet: str, limits: Limits) -> Problem:
        """The error for a sheet that is :meth:`too_big`, naming it and its far corner."""
        rows, columns = max(self.rows, 1), max(self.columns, 1)
        corner = f"{column_letter(columns - 1)}{rows}"
        most = limits.max_sheet_cells
        return error(
            file,
            *both(
                "reader.workbook.sheet_too_big",
                sheet=quoted(sheet),
                corner=corner,
                rows=rows,
                columns=columns,
                most=most,
            ),
        )


_XML_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(sheet|Relationship)\s([^>]*)>")
_XML_ATTRIBUTE = re.compile(rb"([\w:.-]+)\s*=\s*[\"']([^\"']*)[\"']")
_SMALL_PART = 1_000_000  # bytes of workbook.xml or its relationships read to name a sheet


def _sheet_name(data: bytes, entries: Sequence[zipfile.ZipInfo], path: str) -> str:
    """The name the coordinator sees on the tab of the sheet stored at ``path``, else the path.

    Read from ``xl/workbook.xml`` (sheet name -> relationship id) and its relationships
    (id -> file), each inflated with the same cap as everything else.
    """
    by_path = {info.filename: info for info in entries}

    def tags(part: str) -> list[tuple[bytes, dict[bytes, bytes]]]:
        info = by_path.get(part)
        if info is None:
            return []
        text = b""
        try:
            for chunk in _inflate(data, info):
                text += chunk
                if len(text) > _SMALL_PART:
                    break
        except _Unreadable:
            return []
        return [(kind, dict(_XML_ATTRIBUTE.findall(body))) for kind, body in _XML_TAG.findall(text)]

    targets = {
        attributes.get(b"Id"): attributes.get(b"Target", b"").decode("utf-8", "replace")
        for kind, attributes in tags("xl/_rels/workbook.xml.rels")
        if kind == b"Relationship"
    }
    for kind, attributes in tags("xl/workbook.xml"):
        relation = next((v for k, v in attributes.items() if k.endswith(b":id")), None)
        target = targets.get(relation, "")
        if (
            kind == b"sheet"
            and target
            and path.endswith(target.removeprefix("/").removeprefix("xl/"))
        ):
            return html.unescape(attributes.get(b"name", b"").decode("utf-8", "replace")) or path
    return path


def _column_number(letters: bytes) -> int:
    """Excel's 1-based number of a column name: b"A" -> 1, b"XFD" -> 16384."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - ord("A") + 1
    return number


def _read_sheet_table(
    source: SourceFile, limits: Limits, table: str | None
) -> tuple[RawTable | None, Report]:
    reader, problems = _open_workbook(source, limits)
    if reader is None:
        return None, Report(tuple(problems))
    names = list(reader.sheet_names)
    if not names:
        return None, Report((_not_a_table(source.name),))
    matching = [name for name in names if table is not None and match_sheet(name) == table]
    sheet = matching[0] if matching else names[0]
    others = [name for name in names if name != sheet]
    if others and not matching:
        problems.append(
            warning(
                source.name,
                *both("reader.workbook.first_sheet", sheet=quoted(sheet), others=_listed(others)),
            )
        )
    label = f"{source.name} [{sheet}]" if others else source.name
    raw, sheet_problems = _load_sheet(reader, sheet, label, limits)
    return raw, Report((*problems, *sheet_problems))


def _sheets_by_table(
    name: str, sheet_names: Sequence[str], problems: list[Problem]
) -> dict[str, str]:
    """The sheet to read for each table; problems for missing, doubled and unused sheets."""
    chosen: dict[str, str] = {}
    for sheet in sheet_names:
        table = match_sheet(sheet)
        if table is not None and table not in chosen:
            chosen[table] = sheet
            continue
        problems.append(
            warning(
                name,
                *both("reader.workbook.sheet_unused", sheet=quoted(sheet)),
            )
        )
    for table in ("adepts", "mentors"):
        if table not in chosen:
            label_sv, label_en = TABLE_LABELS[table]
            either = Message.of(  # English readers may use either name
                "reader.workbook.either_name",
                first=label_en.capitalize(),
                second=label_sv.capitalize(),
            )
            problems.append(
                error(
                    name,
                    *texts(
                        "reader.workbook.sheet_missing",
                        sheets=_listed(sheet_names),
                        sv={"table": label_sv, "name": label_sv.capitalize()},
                        en={"table": label_en, "name": either},
                    ),
                )
            )
    return chosen


def _listed(names: Sequence[str]) -> str:
    return ", ".join(quoted(name) for name in names)


_MIDNIGHT = re.compile(r"(\d{4}-\d{2}-\d{2}) 00:00:00")


def _cell_text(value: str | None) -> str:
    """A workbook cell as text; a date cell shows as its date, not "2025-02-03 00:00:00"."""
    if value is None:
        return ""
    value = value.replace("\ufeff", "")  # a byte order mark pasted into a cell is dropped
    if match := _MIDNIGHT.fullmatch(value):
        return match.group(1)
    return value


def _load_sheet(
    reader: fastexcel.ExcelReader, sheet: str, label: str, limits: Limits
) -> tuple[RawTable | None, list[Problem]]:
    """Every cell of ``sheet`` as text, rows numbered as Excel numbers them.

    ``header_row=None`` with ``skip_rows=0`` keeps the empty rows above the table, so row
    ``i`` of the result is Excel row ``i + 1``; numbers come back as Excel shows them
    (2, not 2.0).
    """
    frame = _guarded(
        lambda: reader.load_sheet(
            sheet,
            header_row=None,
            skip_rows=0,
            dtypes="string",
        ).to_polars()
    )
    if frame is None:
        return None, [
            error(
                label,
                *both("reader.workbook.sheet_unreadable"),
            )
        ]
    rows = []
    for number, record in enumerate(frame.iter_rows(), start=1):
        cells = [_cell_text(cell) for cell in record]
        if not all(map(_blank, cells)):  # empty rows are dropped at once, as in a CSV
            rows.append((number, cells))
    return _build_table(label, rows, limits, csv_separator=None)


# --------------------------------------------------------------------------- the table


def column_letter(index: int) -> str:
    """Excel's name for the 0-based column ``index``: 0 -> "A", 26 -> "AA"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _blank(cell: str) -> bool:
    return not cell.strip()


def _build_table(
    file: str,
    rows: list[tuple[int, list[str]]],
    limits: Limits,
    *,
    csv_separator: str | None,
) -> tuple[RawTable | None, list[Problem]]:
    """The header row and data rows; problems for the table's shape.

    Fully empty rows are skipped wherever they are: they hold no data, so nothing is lost,
    and an Excel export often ends with a few of them. See :func:`_header_index` for which
    row is the header.
    """
    filled = [(number, cells) for number, cells in rows if not all(map(_blank, cells))]
    if not filled:
        return None, [error(file, *both("reader.file.empty"))]
    at = _header_index(filled)
    (_, header_cells), data = filled[at], filled[at + 1 :]
    headers = [clean_text(cell) for cell in header_cells]
    width = max((j + 1 for j, header in enumerate(headers) if header), default=0)
    if problem := _size_problem(file, len(data), width, limits):
        return None, [problem]
    problems = [_title_row(file, number, cells) for number, cells in filled[:at]]
    keep, header_problems = _header_columns(file, headers[:width])
    problems += header_problems
    total_width = len(header_cells) if csv_separator is not None else max(len(c) for _, c in filled)
    problems += _headerless_columns(file, headers, width, total_width, data)
    if csv_separator is not None:
        problems += _ragged_rows(file, data, len(header_cells), width, csv_separator)
    columns = {headers[j]: [cells[j] if j < len(cells) else "" for _, cells in data] for j in keep}
    frame = pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String))
    raw = RawTable(file, tuple(columns), frame, tuple(number for number, _ in data))
    return raw, problems


_TITLE_ROWS = 5


def _header_index(filled: list[tuple[int, list[str]]]) -> int:
    """The first of the first few non-empty rows with two or more values, else the first row.

    A title typed above the table ("Adepter VT 2026" alone in A1) is one value, so it is
    not taken for the header; a one-column table still gets its only header.
    """
    for index, (_, cells) in enumerate(filled[:_TITLE_ROWS]):
        if sum(1 for cell in cells if not _blank(cell)) >= 2:
            return index
    return 0


def _title_row(file: str, number: int, cells: list[str]) -> Problem:
    text = " ".join(clean_text(cell) for cell in cells if not _blank(cell))
    return warning(
        file,
        *both("reader.table.title_row", text=quoted(text)),
        row=number,
        value=text,
    )


def _too_many_rows(file: str, limits: Limits) -> Problem:
    return error(
        file,
        *both("reader.table.too_many_rows", most=limits.max_rows),
    )


def _size_problem(file: str, rows: int, columns: int, limits: Limits) -> Problem | None:
    if rows > limits.max_rows:
        return _too_many_rows(file, limits)
    if columns > limits.max_columns:
        return _too_many_columns(file, columns, limits)
    return None


def _too_many_columns(file: str, columns: int, limits: Limits, row: int | None = None) -> Problem:
    return error(
        file,
        *both("reader.table.too_many_columns", n=columns, most=limits.max_columns),
        row=row,
    )


def _header_columns(file: str, headers: list[str]) -> tuple[list[int], list[Problem]]:
    """The columns to keep: named ones, the first of each repeated header."""
    keep: list[int] = []
    first: dict[str, int] = {}
    problems: list[Problem] = []
    for j, header in enumerate(headers):
        if not header:
            continue
        if header in first:
            problems.append(
                warning(
                    file,
                    *both(
                        "reader.table.repeated_header",
                        first=column_letter(first[header]),
                        second=column_letter(j),
                    ),
                    column=header,
                )
            )
            continue
        first[header] = j
        keep.append(j)
    return keep, problems


def _headerless_columns(
    file: str,
    headers: list[str],
    width: int,
    total_width: int,
    data: list[tuple[int, list[str]]],
) -> list[Problem]:
    """A warning per column that holds values but has no header (those values are not read)."""
    problems = []
    for j in range(total_width):
        if j < width and headers[j]:
            continue
        filled = [(n, cells[j]) for n, cells in data if j < len(cells) and not _blank(cells[j])]
        if not filled:
            continue
        letter = column_letter(j)
        row, value = filled[0]
        problems.append(
            warning(
                file,
                *both("reader.table.headerless_column", column=letter, n=len(filled), row=row),
                column=letter,
                value=value,
            )
        )
    return problems


def _ragged_rows(
    file: str,
    data: list[tuple[int, list[str]]],
    header_cells: int,
    width: int,
    separator: str,
) -> list[Problem]:
    """Rows with more values than headers (an error: values would land in no column or the
    wrong one) or fewer (a warning: the missing cells are read as empty)."""
    shown = "TAB" if separator == "\t" else separator
    problems = []
    for number, cells in data:
        extra = [clean_text(cell) for cell in cells[header_cells:] if not _blank(cell)]
        if extra:
            problems.append(
                error(
                    file,
                    *both(
                        "reader.table.too_many_values",
                        n=len(cells),
                        columns=header_cells,
                        extra=_listed(extra),
                        separator=quoted(shown),
                    ),
                    row=number,
                    value=separator.join(extra),
                )
            )
        elif len(cells) < width:
            problems.append(
                warning(
                    file,
                    *both("reader.table.too_few_values", n=len(cells), width=width),
                    row=number,
                )
            )
    return problems
