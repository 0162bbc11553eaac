"""A coordinator's column mapping: which header is which field, and how to reshape values.

Files from other tools (a matching tool's export, a Google Forms sheet) use their own
headers — often whole questions ("Vilket yrke vill du ha?") — and their own words. A
:class:`ColumnMapping` says, per table:

- ``columns``: header as written → SMILE field (``""`` = ignore the column, no warning);
- ``values``: field → {word as written → SMILE's word} ("Female" → "kvinna", "Ja" → "man"),
  compared like headers (case, spaces and accents do not matter);
- ``combine``: field → headers whose cells are joined with a space ("Förnamn", "Efternamn" →
  name);
- ``split``: header → (separator, fields): one cell split into several fields
  ("Solna, Stockholms län" → municipality, region).

The same mapping is read from a TOML file (``smile validate/match --map mapping.toml``), made
in the dashboard's column mapping, and stored per programme as plain JSON
(:meth:`ColumnMapping.to_json` / :meth:`ColumnMapping.from_json`). A TOML file looks like::

    [adepts.columns]
    "What is your email address?" = "email"
    "Vilket yrke vill du ha?" = "target_field"
    "Tidstämpel" = ""

    [adepts.values.gender]
    "Kvinna/Female" = "kvinna"

    [adepts.combine]
    name = ["Förnamn", "Efternamn"]

    [adepts.split."Kommun och län"]
    separator = ","
    fields = ["municipality", "region"]

A mapping that names an unknown table or field is refused (``ValueError`` with a message in
Swedish and English); a header the file does not have is reported when the file is read.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from smile_core.ingest.problems import Problem
from smile_core.ingest.reading import RawTable
from smile_core.ingest.vocabulary import MAPPABLE_FIELDS, clean_text, match_header, word_key
from smile_core.text import Message, both
from smile_core.text.messages import quoted, warning


@dataclass(frozen=True)
class TableMapping:
    """The mapping of one table (see the module doc); every part may be empty."""

    columns: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    combine: dict[str, tuple[str, ...]] = field(default_factory=dict)
    split: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """True when the mapping changes nothing."""
        return not (self.columns or self.values or self.combine or self.split)


@dataclass(frozen=True)
class ColumnMapping:
    """The mapping of every table, keyed ``"adepts"``, ``"mentors"``, ``"workplaces"``."""

    tables: dict[str, TableMapping] = field(default_factory=dict)

    def table(self, name: str) -> TableMapping:
        """The mapping of table ``name`` (an empty one when none was given)."""
        return self.tables.get(name, TableMapping())

    @property
    def empty(self) -> bool:
        """True when the mapping changes nothing in any table."""
        return all(t.empty for t in self.tables.values())

    def to_json(self) -> dict[str, Any]:
        """The mapping as plain JSON data (the TOML file's shape)."""
        data: dict[str, Any] = {}
        for name, table in self.tables.items():
            if table.empty:
                continue
            entry: dict[str, Any] = {}
            if table.columns:
                entry["columns"] = dict(table.columns)
            if table.values:
                entry["values"] = {f: dict(words) for f, words in table.values.items()}
            if table.combine:
                entry["combine"] = {f: list(headers) for f, headers in table.combine.items()}
            if table.split:
                entry["split"] = {
                    header: {"separator": sep, "fields": list(fields)}
                    for header, (sep, fields) in table.split.items()
                }
            data[name] = entry
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ColumnMapping:
        """A mapping from :meth:`to_json` data or a parsed TOML file; ``ValueError`` when wrong."""
        tables: dict[str, TableMapping] = {}
        for name, entry in data.items():
            if name not in MAPPABLE_FIELDS:
                raise _bad("mapping.unknown_table", table=quoted(name))
            if not isinstance(entry, Mapping):
                raise _bad("mapping.not_a_table", table=name)
            tables[name] = _table_mapping(name, entry)
        return cls(tables)

    def with_columns(self, table: str, columns: Mapping[str, str]) -> ColumnMapping:
        """A copy whose ``table`` also maps ``columns`` (header → field; later wins)."""
        current = self.table(table)
        merged = TableMapping(
            {**current.columns, **columns}, current.values, current.combine, current.split
        )
        return ColumnMapping({**self.tables, table: merged})


def load_mapping(path: Path) -> ColumnMapping:
    """Read a mapping TOML file (see the module doc); ``ValueError`` when it cannot be used."""
    with path.open("rb") as handle:
        try:
            data = tomllib.load(handle)
        except tomllib.TOMLDecodeError as exc:
            raise _bad("mapping.not_toml", error=str(exc)) from None
    return ColumnMapping.from_json(data)


def _bad(key: str, **params: object) -> ValueError:
    """The refusal ``key`` (the catalogue's ``mapping.*``), in Swedish / English."""
    sv, en = both("mapping.refused", reason=Message.of(key, **params))
    return ValueError(f"{sv} / {en}")


def _field(table: str, name: Any, where: str) -> str:
    if not isinstance(name, str) or (name and name not in MAPPABLE_FIELDS[table]):
        known = ", ".join(MAPPABLE_FIELDS[table])
        raise _bad(
            "mapping.not_a_field", where=f"{table}.{where}", name=quoted(str(name)), known=known
        )
    return name


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or not value:
        raise _bad("mapping.not_headers", where=where)
    return tuple(value)


def _table_mapping(table: str, entry: Mapping[str, Any]) -> TableMapping:
    unknown = set(entry) - {"columns", "values", "combine", "split"}
    if unknown:
        raise _bad("mapping.unknown_part", table=table, part=quoted(sorted(unknown)[0]))
    columns = {
        str(header): _field(table, target, f"columns.{header}")
        for header, target in dict(entry.get("columns", {})).items()
    }
    values: dict[str, dict[str, str]] = {}
    for name, words in dict(entry.get("values", {})).items():
        _field(table, name, f"values.{name}")
        if not isinstance(words, Mapping) or not all(isinstance(w, str) for w in words.values()):
            raise _bad("mapping.not_words", where=f"{table}.values.{name}")
        values[name] = {str(k): v for k, v in words.items()}
    combine = {
        _field(table, name, f"combine.{name}"): _strings(headers, f"{table}.combine.{name}")
        for name, headers in dict(entry.get("combine", {})).items()
    }
    split: dict[str, tuple[str, tuple[str, ...]]] = {}
    for header, spec in dict(entry.get("split", {})).items():
        if not isinstance(spec, Mapping) or not isinstance(spec.get("separator"), str):
            raise _bad("mapping.bad_split", where=f"{table}.split.{header}")
        fields = _strings(spec.get("fields"), f"{table}.split.{header}.fields")
        for name in fields:
            _field(table, name, f"split.{header}")
        split[str(header)] = (spec["separator"] or ",", fields)
    return TableMapping(columns, values, combine, split)


# --------------------------------------------------------------------------- applying


def reshape(raw: RawTable, mapping: TableMapping) -> tuple[RawTable, dict[str, str], list[Problem]]:
    """``raw`` with combined and split columns added, the header → field mapping to read it
    with, and a warning for each header the mapping names that the file does not have.

    A combined column is headed "A + B" and a split part "Header (1)", so every problem still
    names where its text came from. The source columns of a combination or split are ignored
    unless the mapping also maps them.
    """
    problems: list[Problem] = []
    present = {word_key(h): h for h in raw.headers}
    columns = dict(mapping.columns)
    frame = raw.frame
    headers = list(raw.headers)
    for target, sources in mapping.combine.items():
        found = [present[word_key(s)] for s in sources if word_key(s) in present]
        problems += [_absent(raw.file, s) for s in sources if word_key(s) not in present]
        if not found:
            continue
        header = " + ".join(found)
        texts = [
            " ".join(clean_text(t) for t in cells if clean_text(t))
            for cells in zip(*(frame.get_column(h).to_list() for h in found), strict=True)
        ]
        frame = frame.with_columns(pl.Series(header, texts, dtype=pl.String))
        headers.append(header)
        columns[header] = target
        for source in found:
            columns.setdefault(source, "")
    for source, (separator, targets) in mapping.split.items():
        if word_key(source) not in present:
            problems.append(_absent(raw.file, source))
            continue
        actual = present[word_key(source)]
        parts = [
            [p.strip() for p in text.split(separator, len(targets) - 1)]
            for text in frame.get_column(actual).to_list()
        ]
        for i, target in enumerate(targets):
            header = f"{actual} ({i + 1})"
            cells = [p[i] if i < len(p) else "" for p in parts]
            frame = frame.with_columns(pl.Series(header, cells, dtype=pl.String))
            headers.append(header)
            columns[header] = target
        columns.setdefault(actual, "")
    for header in mapping.columns:
        if word_key(header) not in present:
            problems.append(_absent(raw.file, header))
    reshaped = RawTable(raw.file, tuple(headers), frame, raw.row_numbers)
    return reshaped, columns, problems


def _absent(file: str, header: str) -> Problem:
    return warning(file, *both("mapping.absent_column", header=quoted(header)))


def value_translations(mapping: TableMapping) -> dict[str, dict[str, str]]:
    """Per field, the value words keyed by :func:`~smile_core.ingest.vocabulary.word_key`."""
    return {
        name: {word_key(written): meaning for written, meaning in words.items()}
        for name, words in mapping.values.items()
    }


# --------------------------------------------------------------------------- unknown values

#: Fields with a fixed vocabulary whose unknown words the coordinator can translate, and the
#: words offered (as SMILE's Swedish words, which the parsers read).
TRANSLATABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "gender": ("kvinna", "man", "icke-binär", "vill ej ange"),
    "preferred_mentor_gender": ("kvinna", "man", "spelar ingen roll"),
    "swedish_level": ("SFI A", "SFI B", "SFI C", "SFI D", "A1", "A2", "B1", "B2", "C1", "C2"),
}


@dataclass(frozen=True, slots=True)
class UnknownValue:
    """A word in a fixed-vocabulary column SMILE could not read, for the coordinator to
    translate: which table, field and header it is in, and the word as written."""

    table: str
    field: str
    header: str
    value: str


def unknown_values(
    errors: Iterable[Problem], files: Mapping[str, str], mapping: ColumnMapping
) -> tuple[UnknownValue, ...]:
    """The distinct unreadable words of :data:`TRANSLATABLE_FIELDS` among ``errors``.

    ``files`` is the load's table → file name (``LoadResult.files``); the column's field is
    the mapping's choice for the header, else the header as SMILE recognises it.
    """
    table_of = {name: table for table, name in files.items()}
    found: dict[tuple[str, str, str], UnknownValue] = {}
    for problem in errors:
        table = table_of.get(problem.file)
        if table is None or not problem.column or not problem.value:
            continue
        chosen = {word_key(h): f for h, f in mapping.table(table).columns.items()}
        field_name = chosen.get(word_key(problem.column)) or match_header(table, problem.column)
        if field_name not in TRANSLATABLE_FIELDS:
            continue
        key = (table, field_name, word_key(problem.value))
        found.setdefault(key, UnknownValue(table, field_name, problem.column, problem.value))
    return tuple(found.values())


def with_values(
    mapping: ColumnMapping, table: str, field_name: str, words: Mapping[str, str]
) -> ColumnMapping:
    """A copy of ``mapping`` whose ``table`` also translates ``words`` in ``field_name``."""
    current = mapping.table(table)
    values = {**current.values, field_name: {**current.values.get(field_name, {}), **words}}
    updated = TableMapping(current.columns, values, current.combine, current.split)
    return ColumnMapping({**mapping.tables, table: updated})
