"""From the coordinator's files to a :class:`~smile_core.ingest.participants.Programme`, or a
report.

:func:`load_programme` reads the adepts, mentors and (optional) workplaces tables with the
one table reader (:mod:`smile_core.ingest.table_reader`; the tables' fields and cell parsers are
declared in :mod:`smile_core.ingest.participant_fields`), then resolves what crosses tables
(workplaces, wishes, organisations) and builds the programme, collecting every problem
before answering. Any error leaves ``programme`` as ``None``; warnings
do not. Nothing is silently dropped: a value SMILE does not use is reported, and an unknown
word in a list is kept (normalised) and reported.

Decisions a coordinator may ask about:

- A blank mentor capacity means 1. A blank workplace capacity (or no capacity column) means
  "no limit beyond its mentors' own capacities": it becomes the sum of the capacities of the
  mentors placed there, with a warning, so a forgotten number never silently blocks matching.
- A mentor's workplace may be written as the workplace's ID or its exact name (case and
  spacing do not matter); it is stored as the ID. Without a workplaces file, a mentor that
  names a workplace is an error (one error listing the rows).
- Gender is optional: without a gender column everyone is "undisclosed" (one warning), the
  equality rules have nothing to act on and nothing is blocked.
- Without an ID column, an e-mail column is the id (other tools identify people by it).
  First and last name columns are joined into the name.
- A mentor's organisation (organisation, company, företag, arbetsgivare) is their workplace
  when the mentors table has no workplace column: with a workplaces table it is looked up
  there like a workplace column; without one, each distinct organisation becomes a workplace
  of its own (id and name as first written, places = its mentors' seats), with a warning.
  The organisation is also kept on the person for the "not from my own organisation" rule.
- Wishes and avoids (columns Önskar, Undviker) name people of the other table by id, e-mail
  or name (case does not matter); a name nobody has, or several have, is a warning and that
  wish is not used. A person both wished and avoided is avoided.
- When no adept has a language or a Swedish level, the shared-language rule cannot be
  judged: scoring turns it off (:mod:`smile_core.matching.scoring`); a table without the columns
  gets a warning saying so (blank columns are shown by the readiness check).
- A cell starting with = + - or @ is a warning (it could be a spreadsheet formula when the
  data is exported again), except a plain number such as -1 or +46701234567.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from smile_core.ingest.mapping import ColumnMapping
from smile_core.ingest.participant_fields import PARTICIPANT_TABLES, UNLIMITED
from smile_core.ingest.participants import Adept, Gender, Mentor, Programme, Workplace
from smile_core.ingest.problems import Problem, Report, Severity
from smile_core.ingest.reading import (
    DEFAULT_LIMITS,
    Limits,
    RawTable,
    SourceFile,
    read_table,
    read_workbook,
)
from smile_core.ingest.role_columns import apply_role_columns
from smile_core.ingest.table_reader import Column, Row, read_rows
from smile_core.ingest.vocabulary import (
    NAME_PART_FIELDS,
    TABLE_FIELDS,
    TABLE_LABELS,
    TABLES,
    normalise_category,
)
from smile_core.text.messages import error, quoted, texts, warning


@dataclass(frozen=True)
class LoadResult:
    """What loading the files gave: the programme (``None`` when any error), and the report.

    ``counts`` has the data rows read per table (all three keys, 0 when absent or unreadable);
    ``unknown_columns`` the headers per table that SMILE did not recognise (for a mapping UI;
    all three keys);
    ``files`` the name each table's problems carry (file, and sheet for a workbook).
    """

    programme: Programme | None
    report: Report
    counts: dict[str, int]
    unknown_columns: dict[str, tuple[str, ...]]
    files: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when a programme was built (no errors)."""
        return self.programme is not None


def load_programme(
    *,
    adepts: SourceFile | None = None,
    mentors: SourceFile | None = None,
    workplaces: SourceFile | None = None,
    workbook: SourceFile | None = None,
    column_mapping: Mapping[str, Mapping[str, str]] | None = None,
    mapping: ColumnMapping | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> LoadResult:
    """Read, check and build the programme from separate files or one workbook.

    ``column_mapping`` is ``{table: {header as written: field}}`` for headers SMILE does not
    recognise (or reads differently from what the coordinator meant); a field of ``""`` means
    "ignore this column" (no warning). ``mapping`` is the full :class:`ColumnMapping` (columns,
    value translations, combined and split columns); ``column_mapping`` is added to it (and
    wins for a header both name). Giving both ``workbook`` and separate files is a
    programming error (``ValueError``); every problem with the files is in the report.
    """
    if workbook is not None and any(f is not None for f in (adepts, mentors, workplaces)):
        raise ValueError("give either a workbook or separate files, not both")
    full = mapping or ColumnMapping()
    for table, headers in (column_mapping or {}).items():
        if table not in TABLE_FIELDS:
            raise ValueError(f"column_mapping: unknown table {table!r}")
        full = full.with_columns(table, headers)
    raws, problems = _read_sources(adepts, mentors, workplaces, workbook, limits)
    rows: dict[str, list[Row]] = {}
    columns: dict[str, list[Column]] = {}
    unknown: dict[str, tuple[str, ...]] = dict.fromkeys(TABLES, ())
    for table in list(raws):
        read = read_rows(PARTICIPANT_TABLES[table], raws[table], full.table(table))
        raws[table] = read.raw
        columns[table], rows[table], unknown[table] = read.columns, read.rows, read.unknown
        problems += read.problems
        _combine_names(rows[table])
    if "mentors" in raws:
        problems += _check_group_sizes(raws["mentors"], rows["mentors"], columns["mentors"])
        workplaces_given = workplaces is not None or (workbook is not None and "workplaces" in raws)
        derived = _organisation_as_workplace(raws, rows, columns["mentors"], workplaces_given)
        problems += derived
        problems += _resolve_workplaces(
            raws, rows, columns["mentors"], workplaces_given or bool(derived)
        )
    if "adepts" in raws and "mentors" in raws:
        problems += _resolve_people(raws, rows, columns)
    programme = None
    if not any(p.severity is Severity.ERROR for p in problems):
        programme, build_problems = _build(rows, raws)
        problems += build_problems
        if programme is not None:
            programme, role_problems = apply_role_columns(programme, raws)
            problems += role_problems
            if any(p.severity is Severity.ERROR for p in role_problems):
                programme = None
    return LoadResult(
        programme=programme,
        report=Report(tuple(problems)),
        counts={table: raws[table].height if table in raws else 0 for table in TABLES},
        unknown_columns=unknown,
        files={table: raw.file for table, raw in raws.items()},
    )


# --------------------------------------------------------------------------- sources


def _read_sources(
    adepts: SourceFile | None,
    mentors: SourceFile | None,
    workplaces: SourceFile | None,
    workbook: SourceFile | None,
    limits: Limits,
) -> tuple[dict[str, RawTable], list[Problem]]:
    if workbook is not None:
        tables, report = read_workbook(workbook, limits)
        return tables, list(report.problems)
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for table, source in (("adepts", adepts), ("mentors", mentors), ("workplaces", workplaces)):
        if source is None:
            if table != "workplaces":
                problems.append(_missing_file(table))
            continue
        raw, report = read_table(source, limits, table=table)
        problems += report.problems
        if raw is not None:
            tables[table] = raw
    return tables, problems


def _missing_file(table: str) -> Problem:
    label_sv, label_en = TABLE_LABELS[table]
    return error(
        "", *texts("reader.cross.missing_file", sv={"table": label_sv}, en={"table": label_en})
    )


def _check_group_sizes(raw: RawTable, rows: list[Row], columns: list[Column]) -> list[Problem]:
    """A group's minimum size above the mentor's capacity can never be met: an error at the row."""
    header = next((c.header for c in columns if c.field == "min_group_size"), None)
    if header is None:
        return []
    problems = []
    for row in rows:
        minimum, capacity = row.values.get("min_group_size"), row.values.get("capacity", 1)
        if isinstance(minimum, int) and isinstance(capacity, int) and minimum > capacity:
            problems.append(
                error(
                    raw.file,
                    *texts("reader.cross.group_above_capacity", low=minimum, capacity=capacity),
                    row=row.number,
                    column=header,
                    value=str(minimum),
                )
            )
    return problems


# --------------------------------------------------------------------------- references


def _combine_names(rows: list[Row]) -> None:
    """First and last name joined into the name where the row has no name of its own."""
    for row in rows:
        parts = [row.values.pop(part, "") for part in NAME_PART_FIELDS]
        if not row.values.get("name") and any(parts):
            row.values["name"] = " ".join(p for p in parts if p)


def _organisation_as_workplace(
    raws: dict[str, RawTable],
    rows: dict[str, list[Row]],
    mentor_columns: list[Column],
    workplaces_given: bool,
) -> list[Problem]:
    """Use the mentors' organisation as their workplace when there is no workplace column.

    With a workplaces table, the organisation is looked up there like a workplace column
    (the caller resolves it). Without one, each distinct organisation (compared case-folded)
    becomes a workplace whose id and name are the organisation as first written; the answer
    is then one warning saying so, and its being non-empty tells the caller workplaces exist.
    """
    if any(c.field == "workplace_id" for c in mentor_columns):
        return []
    header = next((c.header for c in mentor_columns if c.field == "organisation"), None)
    if header is None:
        return []
    mentor_columns.append(Column("workplace_id", header))
    spelled: dict[str, str] = {}
    for row in rows["mentors"]:
        organisation = row.values.get("organisation") or ""
        if not organisation:
            continue
        if workplaces_given:
            row.values["workplace_id"] = organisation
            continue
        row.values["workplace_id"] = spelled.setdefault(
            normalise_category(organisation), organisation
        )
    if workplaces_given or not spelled:
        return []
    rows["workplaces"] = [
        Row(0, {"id": name, "name": name, "capacity": UNLIMITED}, True) for name in spelled.values()
    ]
    n = len(spelled)
    return [
        warning(
            raws["mentors"].file,
            *texts("reader.cross.organisations_as_workplaces", n=n),
            column=header,
        )
    ]


_PEOPLE_FIELDS = ("wishes", "avoids")


def _resolve_people(
    raws: dict[str, RawTable], rows: dict[str, list[Row]], columns: dict[str, list[Column]]
) -> list[Problem]:
    """Turn wishes and avoids (ids, e-mail addresses or names) into ids of the other table.

    A reference nobody has, or that several people share, is a warning at its cell and is not
    used; a person both wished and avoided by the same row is avoided (with a warning).
    """
    problems: list[Problem] = []
    for table, other in (("adepts", "mentors"), ("mentors", "adepts")):
        headers = {c.field: c.header for c in columns[table] if c.field in _PEOPLE_FIELDS}
        if not headers:
            continue
        lookup = _people_lookup(rows[other])
        for row in rows[table]:
            resolved: dict[str, tuple[str, ...]] = {}
            for name, header in headers.items():
                found: list[str] = []
                for written in row.values.get(name) or ():
                    target = lookup.get(written) or lookup.get(normalise_category(written))
                    if target is None or target == _AMBIGUOUS:
                        file = raws[table].file
                        problems.append(
                            _bad_person(file, row.number, header, written, other, target)
                        )
                    else:
                        found.append(target)
                resolved[name] = tuple(dict.fromkeys(found))
            both = set(resolved.get("wishes", ())) & set(resolved.get("avoids", ()))
            if both:
                problems.append(
                    warning(
                        raws[table].file,
                        *texts("reader.cross.wished_and_avoided", ids=", ".join(sorted(both))),
                        row=row.number,
                        column=headers["wishes"],
                    )
                )
                resolved["wishes"] = tuple(p for p in resolved["wishes"] if p not in both)
            row.values.update(resolved)
    return problems


def _people_lookup(rows: list[Row]) -> dict[str, str]:
    """Ids by id as written, and by case-folded id, e-mail address and name (ids win; a name or
    address several people share maps to ``_AMBIGUOUS``)."""
    by_id: dict[str, str] = {}
    by_other: dict[str, str] = {}
    for row in rows:
        identifier = row.values.get("id")
        if not isinstance(identifier, str) or not row.valid:
            continue
        by_id.setdefault(identifier, identifier)
        by_id.setdefault(normalise_category(identifier), identifier)
        for key in (row.values.get("email"), row.values.get("name")):
            key = normalise_category(key or "")
            if key:
                clash = by_other.get(key, identifier) != identifier
                by_other[key] = _AMBIGUOUS if clash else identifier
    return {**by_other, **by_id}


def _bad_person(
    file: str, number: int, header: str, written: str, other: str, found: str | None
) -> Problem:
    label_sv, label_en = TABLE_LABELS[other]
    key = "reader.cross.person_ambiguous" if found == _AMBIGUOUS else "reader.cross.person_unknown"
    sv, en = texts(key, written=quoted(written), sv={"table": label_sv}, en={"table": label_en})
    return warning(file, sv, en, row=number, column=header, value=written)


def _resolve_workplaces(
    raws: dict[str, RawTable],
    rows: dict[str, list[Row]],
    mentor_columns: list[Column],
    workplaces_given: bool,
) -> list[Problem]:
    """Turn each mentor's workplace (an ID or a name) into a workplace ID, or report it.

    When a workplaces file was given but could not be read, its error says enough: the
    references are not checked against nothing.
    """
    mentors = [row for row in rows["mentors"] if row.values.get("workplace_id")]
    if not mentors:
        return []
    file = raws["mentors"].file
    header = next(c.header for c in mentor_columns if c.field == "workplace_id")
    if not workplaces_given:
        return [_no_workplaces_file(file, header, mentors)]
    if "workplaces" not in raws:
        return []
    lookup = _workplace_lookup(rows.get("workplaces", []))
    problems: list[Problem] = []
    for row in mentors:
        written = row.values["workplace_id"]
        found = lookup.get(written) or lookup.get(normalise_category(written))
        if found is None or found == _AMBIGUOUS:
            problems.append(_bad_reference(file, row.number, header, written, raws, found))
            row.valid = False
        else:
            row.values["workplace_id"] = found
    return problems


_AMBIGUOUS = "\0ambiguous"


def _workplace_lookup(workplaces: list[Row]) -> dict[str, str]:
    """Workplace IDs by ID as written, by case-folded ID and by case-folded name.

    IDs win over names; a name two workplaces share maps to ``_AMBIGUOUS``.
    """
    by_id: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for row in workplaces:
        identifier = row.values.get("id")
        if not isinstance(identifier, str):
            continue
        by_id.setdefault(identifier, identifier)
        by_id.setdefault(normalise_category(identifier), identifier)
        name = normalise_category(row.values.get("name", ""))
        if name:
            clash = by_name.get(name, identifier) != identifier
            by_name[name] = _AMBIGUOUS if clash else identifier
    return {**by_name, **by_id}


def _no_workplaces_file(file: str, header: str, mentors: list[Row]) -> Problem:
    # One error for the whole column, not one per row: the same fix applies to every row.
    numbers = [row.number for row in mentors]
    shown = ", ".join(map(str, numbers[:10])) + (" …" if len(numbers) > 10 else "")
    return error(
        file,
        *texts("reader.cross.no_workplaces", n=len(numbers), rows=shown),
        column=header,
    )


def _bad_reference(
    file: str, number: int, header: str, written: str, raws: dict[str, RawTable], found: str | None
) -> Problem:
    workplaces_file = raws["workplaces"].file
    if found == _AMBIGUOUS:
        return error(
            file,
            *texts(
                "reader.cross.workplace_ambiguous", file=workplaces_file, written=quoted(written)
            ),
            row=number,
            column=header,
            value=written,
        )
    return error(
        file,
        *texts("reader.cross.workplace_unknown", file=workplaces_file, written=quoted(written)),
        row=number,
        column=header,
        value=written,
    )


# --------------------------------------------------------------------------- the programme


def _build(
    rows: dict[str, list[Row]], raws: dict[str, RawTable]
) -> tuple[Programme | None, list[Problem]]:
    """The programme from rows that all passed; a failed invariant becomes an error, not a crash."""
    problems: list[Problem] = []
    for table in ("adepts", "mentors"):
        for row in rows.get(table, []):
            # No gender column: the person has not stated one (see the module doc).
            row.values.setdefault("gender", Gender.UNDISCLOSED)
    try:
        mentors = tuple(Mentor(**row.values) for row in rows.get("mentors", []))
        seats: dict[str, int] = {}
        for mentor in mentors:
            if mentor.workplace_id:
                seats[mentor.workplace_id] = seats.get(mentor.workplace_id, 0) + mentor.capacity
        workplaces = tuple(
            Workplace(**_with_capacity(row.values, seats)) for row in rows.get("workplaces", [])
        )
        adepts = tuple(Adept(**row.values) for row in rows.get("adepts", []))
        return Programme(adepts=adepts, mentors=mentors, workplaces=workplaces), problems
    except (TypeError, ValueError) as exc:
        return None, [
            error(
                "",
                f"Programmet kunde inte byggas ({exc}).",
                f"The programme could not be built ({exc}).",
            )
        ]


def _with_capacity(values: dict[str, Any], seats: dict[str, int]) -> dict[str, Any]:
    """A workplace's values with a blank or absent capacity set to its mentors' seats."""
    if values.get("capacity") is UNLIMITED:
        return {**values, "capacity": seats.get(values["id"], 0)}
    return values
