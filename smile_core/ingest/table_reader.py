"""The one table reader: declared fields in, parsed rows and every problem out.

Participants (:mod:`smile_core.ingest.validation`), follow-ups and evaluation answers
(:mod:`smile_core.outcomes.outcomes_reading`) are all read the same way, from a text table
(:class:`~smile_core.ingest.reading.RawTable`) and a :class:`TableSpec` that declares its fields:

1. **Headers** (:func:`match_columns`). Each header is compared with every field's name,
   suggested header and aliases, Swedish and English, by
   :func:`~smile_core.ingest.vocabulary.word_key` (case, spaces, punctuation and accents do not
   matter); a coordinator's mapping (``{word_key(header): field}``, ``""`` = ignore) wins. A
   header SMILE does not know is a warning (with "did you mean" when one is close); a second
   header for a field already read is a warning; a missing required field is an error, unless
   a stand-in column (e-mail for the ID) takes its place, with a warning; a table with headers
   but no rows is an error.
2. **Cells** (:func:`parse_rows`). Each field's parser reads one cell's text and answers a
   :class:`Parsed`: the value and what is wrong with it (errors and warnings, Swedish and
   English). A parser depends on the text alone, so each column parses every distinct text
   once. A cell that could run as a spreadsheet formula gets a warning as well. A row is
   usable only when no cell failed, none left the row out and its key is not repeated.
3. **Repeated keys** (:class:`UniqueKey`): a key already used on an earlier row is an error at
   the later row, naming both rows.

Every problem names the file, the Excel row (header = row 1), the column as written and the
value, in Swedish and English; every problem is collected, nothing is dropped silently. The
generic wording is the text catalogue's ``reader.*`` keys (:mod:`smile_core.text`); what a
field's parser says is declared beside the parser.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any, NamedTuple

from smile_core.ingest.mapping import TableMapping, reshape, value_translations
from smile_core.ingest.problems import Problem, Severity
from smile_core.ingest.reading import RawTable
from smile_core.ingest.vocabulary import clean_text, is_blank, word_key
from smile_core.text.messages import catalogued, problem, quoted, texts

#: A cell's issue: severity, Swedish, English (the place is added when it becomes a Problem).
Issue = tuple[Severity, str, str]


class Parsed(NamedTuple):
    """What a cell's text means, and what is wrong with it.

    ``failed`` when any issue is an error (the value cannot be used); ``counted`` is False when
    the row is left out although nothing is wrong enough to block (e.g. a blank answer). A
    named tuple, not a dataclass: one is made per distinct cell text, so it must be cheap.
    """

    value: object
    issues: tuple[Issue, ...] = ()
    counted: bool = True

    @property
    def failed(self) -> bool:
        """True when the text cannot be used (an error)."""
        return any(severity is Severity.ERROR for severity, _, _ in self.issues)


def ok(value: object, *warnings: tuple[str, str]) -> Parsed:
    """The cell means ``value``; each (Swedish, English) pair is a warning about it."""
    if not warnings:
        return Parsed(value)
    return Parsed(value, tuple((Severity.WARNING, sv, en) for sv, en in warnings))


def fail(sv: str, en: str) -> Parsed:
    """The cell cannot be read: an error, and the row is not used."""
    return Parsed(None, ((Severity.ERROR, sv, en),))


def left_out(sv: str, en: str) -> Parsed:
    """The row is not used, with a warning saying why (nothing blocks the rest of the file)."""
    return Parsed(None, ((Severity.WARNING, sv, en),), counted=False)


#: A cell parser: one cell's text in, its meaning and issues out.
Parser = Callable[[str], Parsed]


def parse_id(text: str) -> Parsed:
    """An identifier as written (trimmed, spaces collapsed); blank, "-" or "n/a" is an error.

    Every table keys its rows by an ID, so participants, follow-ups and answers share the rule
    and its wording.
    """
    value = clean_text(text)
    if is_blank(value):
        return fail(*texts("reader.id_missing"))
    return ok(value)


def parse_text(text: str) -> Parsed:
    """Free text kept as written (trimmed, spaces collapsed, Unicode NFC); blank is ""."""
    return ok(clean_text(text))


@dataclass(frozen=True, slots=True)
class Field:
    """One field a table may have.

    ``header`` is the header SMILE suggests (what messages name); ``aliases`` are the other
    headers that mean the field, Swedish and English; ``required`` fields must have a column.
    """

    name: str
    header: str
    aliases: tuple[str, ...]
    parse: Parser
    required: bool = False


@dataclass(frozen=True, slots=True)
class UniqueKey:
    """Fields whose values together may appear on one row only.

    ``describe(values, first_row, row)`` words the error (Swedish, English) for a repeat;
    rows with a part of the key missing are not compared.
    """

    fields: tuple[str, ...]
    describe: Callable[[Mapping[str, Any], int, int], tuple[str, str]]


@dataclass(frozen=True)
class TableSpec:
    """A table SMILE reads: its fields and how its rows are called in messages.

    ``rows_sv``/``rows_en`` name the rows ("adepter"/"adepts"); ``stand_ins`` maps a field
    that may take the place of a missing one (``{"email": "id"}``); ``column_checks`` adds
    the table's own problems once its columns are known (given the file and the fields
    read); ``unique`` are the keys no two rows may share; ``claimed_elsewhere`` tells headers
    another reader takes. Aliases are matched in field
    order: the first field claiming a header gets it.
    """

    key: str
    rows_sv: str
    rows_en: str
    fields: tuple[Field, ...]
    stand_ins: Mapping[str, str] = field(default_factory=dict)
    column_checks: Callable[[str, frozenset[str]], Sequence[Problem]] | None = None
    unique: tuple[UniqueKey, ...] = ()
    #: Headers another reader takes (role columns): neither a field nor an unknown column.
    claimed_elsewhere: Callable[[str], bool] | None = None

    @cached_property
    def index(self) -> dict[str, str]:
        """Field name by the comparison key of each header that means it."""
        keys: dict[str, str] = {}
        for f in self.fields:
            for header in (f.name, f.header, *f.aliases):
                keys.setdefault(word_key(header), f.name)
        return keys

    @cached_property
    def by_name(self) -> dict[str, Field]:
        """Each field by its name."""
        return {f.name: f for f in self.fields}

    def match_header(self, header: str) -> str | None:
        """The field ``header`` names, or ``None`` when it is not one of this table's."""
        return self.index.get(word_key(header))


@dataclass(frozen=True, slots=True)
class Column:
    """A column SMILE reads: the field, and the header as the coordinator wrote it."""

    field: str
    header: str


@dataclass(slots=True)
class Row:
    """A parsed row: its Excel row number, its values by field, and whether it can be used."""

    number: int
    values: dict[str, Any]
    valid: bool


@dataclass(frozen=True)
class ColumnMatch:
    """What the headers gave: the columns read, their problems, the headers not recognised."""

    columns: list[Column]
    problems: list[Problem]
    unknown: tuple[str, ...]


# --------------------------------------------------------------------------- headers


def match_columns(
    spec: TableSpec, raw: RawTable, chosen: Mapping[str, str] | None = None
) -> ColumnMatch:
    """The columns SMILE reads from ``raw``, and problems for unknown, doubled and missing ones.

    ``chosen`` is the coordinator's mapping keyed by :func:`~smile_core.ingest.vocabulary.word_key`
    of the header: a field name, or ``""`` to ignore the column without a warning. A field
    not in ``spec`` is a programming error (``ValueError``).
    """
    chosen = chosen or {}
    for target in chosen.values():
        if target and target not in spec.by_name:
            raise ValueError(f"{spec.key} has no field {target!r}")
    columns: list[Column] = []
    problems: list[Problem] = []
    unknown: list[str] = []
    taken: dict[str, str] = {}
    for header in raw.headers:
        key = word_key(header)
        target = chosen[key] if key in chosen else spec.index.get(key)
        if target == "":
            continue  # the coordinator chose to ignore this column
        if target is None and spec.claimed_elsewhere and spec.claimed_elsewhere(header):
            continue  # read by another reader (smile_core.ingest.role_columns)
        if target is None:
            unknown.append(header)
            problems.append(_unknown_column(spec, raw.file, header))
        elif target in taken:
            problems.append(
                catalogued(
                    Severity.WARNING,
                    raw.file,
                    "reader.doubled_column",
                    column=header,
                    first=quoted(taken[target]),
                )
            )
        else:
            taken[target] = header
            columns.append(Column(target, header))
    for stand_in, stands_for in spec.stand_ins.items():
        if stands_for not in taken and stand_in in taken:
            taken[stands_for] = taken[stand_in]
            columns.append(Column(stands_for, taken[stand_in]))
            problems.append(
                catalogued(
                    Severity.WARNING,
                    raw.file,
                    "reader.stand_in_column",
                    column=taken[stand_in],
                    missing=spec.by_name[stands_for].header,
                )
            )
    for f in spec.fields:
        if f.required and f.name not in taken:
            problems.append(
                catalogued(
                    Severity.ERROR,
                    raw.file,
                    "reader.missing_column",
                    quoted_header=quoted(f.header),
                    header=f.header,
                    name=f.name,
                    sv={"rows": spec.rows_sv},
                    en={"rows": spec.rows_en},
                )
            )
    if spec.column_checks is not None:
        problems += spec.column_checks(raw.file, frozenset(taken))
    if raw.height == 0:
        problems.append(
            catalogued(
                Severity.ERROR,
                raw.file,
                "reader.no_rows",
                sv={"rows": spec.rows_sv},
                en={"rows": spec.rows_en},
            )
        )
    return ColumnMatch(columns, problems, tuple(unknown))


def _unknown_column(spec: TableSpec, file: str, header: str) -> Problem:
    """A warning for a header no field claims; it names the closest known header, if any."""
    suggested = {
        word_key(alias): f.header for f in spec.fields for alias in (f.name, f.header, *f.aliases)
    }
    close = difflib.get_close_matches(word_key(header), list(suggested), n=1, cutoff=0.75)
    if close:
        return catalogued(
            Severity.WARNING,
            file,
            "reader.unknown_column_hint",
            column=header,
            suggestion=quoted(suggested[close[0]]),
        )
    return catalogued(Severity.WARNING, file, "reader.unknown_column", column=header)


# --------------------------------------------------------------------------- cells

_NUMBER = re.compile(r"[+-]?\d[\d ]*(?:[.,]\d+)?")


def formula_risk(text: str) -> bool:
    """Whether a cell starts with = + - or @ (a spreadsheet could run it), other than a plain
    number such as -1 or +46701234567."""
    stripped = text.strip()
    if stripped[:1] not in ("=", "+", "-", "@") or is_blank(stripped):
        return False
    return not _NUMBER.fullmatch(stripped)


@cache
def _formula_issue() -> Issue:
    return (Severity.WARNING, *texts("reader.formula_risk"))


def parse_cell(parse: Parser, text: str) -> Parsed:
    """``parse(text)``, with a warning first when the text could run as a spreadsheet formula."""
    parsed = parse(text)
    if formula_risk(text):
        return Parsed(parsed.value, (_formula_issue(), *parsed.issues), parsed.counted)
    return parsed


def parse_rows(
    spec: TableSpec,
    raw: RawTable,
    columns: Sequence[Column],
    translations: Mapping[str, Mapping[str, str]] | None = None,
) -> tuple[list[Row], list[Problem]]:
    """Every row of ``raw`` parsed by its columns' fields, and every problem, in row order.

    ``translations`` (field → {word key → SMILE's word}) replace a cell's whole text before it
    is parsed (the coordinator's own words for values, e.g. "Female" → "kvinna"). A repeated
    :attr:`TableSpec.unique` key is an error at the later row.
    """
    problems: list[Problem] = []
    translations = translations or {}

    def texts_of(column: Column) -> list[str]:
        cells = raw.frame.get_column(column.header).to_list()
        words = translations.get(column.field)
        if not words:
            return cells
        return [words.get(word_key(text), text) for text in cells]

    readers = [
        (column, spec.by_name[column.field].parse, texts_of(column), {}) for column in columns
    ]
    headers = {column.field: column.header for column in columns}
    keys = [(key, {}) for key in spec.unique if key.fields[0] in headers]
    rows: list[Row] = []
    for i, number in enumerate(raw.row_numbers):
        values: dict[str, Any] = {}
        valid = True
        for column, parse, cells, seen in readers:
            text = cells[i]
            parsed = seen.get(text)
            if parsed is None:
                parsed = seen[text] = parse_cell(parse, text)
            values[column.field] = parsed.value
            if parsed.issues:
                for severity, sv, en in parsed.issues:
                    problems.append(
                        problem(
                            severity, raw.file, sv, en, row=number, column=column.header, value=text
                        )
                    )
                valid = valid and not parsed.failed and parsed.counted
        for key, first_rows in keys:
            # A one-field key (the usual ID) is its value itself: no tuple per row.
            parts = (
                values.get(key.fields[0])
                if len(key.fields) == 1
                else tuple(values.get(name) for name in key.fields)
            )
            if parts is None or (isinstance(parts, tuple) and None in parts):
                continue
            first = first_rows.setdefault(parts, number)
            if first == number:
                continue
            sv, en = key.describe(values, first, number)
            problems.append(
                problem(
                    Severity.ERROR,
                    raw.file,
                    sv,
                    en,
                    row=number,
                    column=headers[key.fields[0]],
                    value=str(values[key.fields[0]]),
                )
            )
            valid = False
        rows.append(Row(number, values, valid))
    return rows, problems


# --------------------------------------------------------------------------- a whole table


@dataclass(frozen=True)
class TableRead:
    """One table read by its spec.

    ``raw`` is the table as read (with a mapping's combined and split columns added);
    ``columns`` the columns read, ``rows`` every row parsed, ``problems`` every problem of the
    mapping, the headers and the cells, in that order, ``unknown`` the headers no field claims.
    """

    raw: RawTable
    columns: list[Column]
    rows: list[Row]
    problems: list[Problem]
    unknown: tuple[str, ...]

    def header_of(self, field_name: str) -> str | None:
        """The header the field is read from, or ``None`` when the table has no such column."""
        return next((c.header for c in self.columns if c.field == field_name), None)

    @property
    def blocked(self) -> bool:
        """True when a problem of the whole table (no row) is an error: no row can be trusted."""
        return any(p.severity is Severity.ERROR and p.row is None for p in self.problems)


def read_rows(spec: TableSpec, raw: RawTable, mapping: TableMapping | None = None) -> TableRead:
    """The whole table by its spec: the coordinator's mapping applied
    (:func:`~smile_core.ingest.mapping.reshape`), then :func:`match_columns` and :func:`parse_rows`.

    ``mapping`` names headers' fields (``""`` = ignore), translates values and combines or
    splits columns; a field ``spec`` does not have is a programming error (``ValueError``).
    """
    mapping = mapping or TableMapping()
    reshaped, headers, problems = reshape(raw, mapping)
    chosen = {word_key(header): target for header, target in headers.items()}
    matched = match_columns(spec, reshaped, chosen)
    rows, row_problems = parse_rows(spec, reshaped, matched.columns, value_translations(mapping))
    return TableRead(
        reshaped,
        matched.columns,
        rows,
        [*problems, *matched.problems, *row_problems],
        matched.unknown,
    )
