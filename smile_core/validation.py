"""From the coordinator's files to a :class:`~smile_core.participants.Programme`, or a report.

:func:`load_programme` reads the adepts, mentors and (optional) workplaces tables, maps their
headers to SMILE's fields (:mod:`smile_core.vocabulary`), parses every cell explicitly and
collects every problem before answering. Any error leaves ``programme`` as ``None``; warnings
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
  judged: scoring turns it off (:mod:`smile_core.scoring`); a table without the columns gets
  a warning saying so (blank columns are shown by the readiness check).
- A cell starting with = + - or @ is a warning (it could be a spreadsheet formula when the
  data is exported again), except a plain number such as -1 or +46701234567.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from smile_core.mapping import ColumnMapping, reshape, value_translations
from smile_core.messages import error, problem, quoted, warning
from smile_core.participants import Adept, Gender, Mentor, Programme, Workplace
from smile_core.problems import Problem, Report, Severity
from smile_core.reading import (
    DEFAULT_LIMITS,
    Limits,
    RawTable,
    SourceFile,
    read_table,
    read_workbook,
)
from smile_core.vocabulary import (
    FIELD_HEADERS_SV,
    GENDER_WORDS_EN,
    GENDER_WORDS_SV,
    GOAL_TAG_LABELS_SV,
    HEADER_SYNONYMS,
    ID_FALLBACK_FIELDS,
    MAPPABLE_FIELDS,
    MENTOR_TYPE_LABELS_SV,
    NAME_PART_FIELDS,
    PREFERENCE_WORDS_EN,
    PREFERENCE_WORDS_SV,
    REQUIRED_FIELDS,
    SWEDISH_LEVEL_WORDS_EN,
    SWEDISH_LEVEL_WORDS_SV,
    TABLE_FIELDS,
    TABLE_LABELS,
    TABLES,
    YES_NO_WORDS_EN,
    YES_NO_WORDS_SV,
    clean_text,
    is_blank,
    match_header,
    normalise_category,
    parse_gender,
    parse_languages,
    parse_mentor_gender_preference,
    parse_mentor_type,
    parse_swedish_level,
    parse_tags,
    parse_yes_no,
    split_items,
    split_list,
    word_key,
)


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
    rows: dict[str, list[_Row]] = {}
    columns: dict[str, list[_Column]] = {}
    unknown: dict[str, tuple[str, ...]] = dict.fromkeys(TABLES, ())
    for table in list(raws):
        raw, headers, mapping_problems = reshape(raws[table], full.table(table))
        raws[table] = raw
        problems += mapping_problems
        checked = _checked_mapping({table: headers}).get(table, {})
        columns[table], column_problems, unknown[table] = _map_columns(table, raw, checked)
        problems += column_problems
        translations = value_translations(full.table(table))
        rows[table], row_problems = _parse_rows(table, raw, columns[table], translations)
        problems += row_problems
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
    return LoadResult(
        programme=programme,
        report=Report(tuple(problems)),
        counts={table: raws[table].height if table in raws else 0 for table in TABLES},
        unknown_columns=unknown,
        files={table: raw.file for table, raw in raws.items()},
    )


# --------------------------------------------------------------------------- sources


def _checked_mapping(
    column_mapping: Mapping[str, Mapping[str, str]] | None,
) -> dict[str, dict[str, str]]:
    """The mapping keyed by header comparison key; a wrong table or field is a caller error."""
    checked: dict[str, dict[str, str]] = {}
    for table, headers in (column_mapping or {}).items():
        if table not in TABLE_FIELDS:
            raise ValueError(f"column_mapping: unknown table {table!r}")
        for header, target in headers.items():
            if target and target not in MAPPABLE_FIELDS[table]:
                raise ValueError(f"column_mapping: {table} has no field {target!r}")
            checked.setdefault(table, {})[word_key(header)] = target
    return checked


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
        "",
        f"Ingen fil med {label_sv} är vald. SMILE behöver både adepter och mentorer.",
        f"No file of {label_en} was given. SMILE needs both adepts and mentors.",
    )


# --------------------------------------------------------------------------- columns


@dataclass(frozen=True, slots=True)
class _Column:
    field: str
    header: str  # as the coordinator wrote it


def _map_columns(
    table: str, raw: RawTable, mapping: Mapping[str, str]
) -> tuple[list[_Column], list[Problem], tuple[str, ...]]:
    """The columns SMILE reads, problems for unknown, doubled and missing ones, unknown headers."""
    columns: list[_Column] = []
    problems: list[Problem] = []
    unknown: list[str] = []
    taken: dict[str, str] = {}
    for header in raw.headers:
        key = word_key(header)
        target = mapping[key] if key in mapping else match_header(table, header)
        if target == "":
            continue  # the coordinator chose to ignore this column
        if target is None:
            unknown.append(header)
            problems.append(_unknown_column(table, raw.file, header))
        elif target in taken:
            problems.append(_doubled_column(raw.file, header, taken[target]))
        else:
            taken[target] = header
            columns.append(_Column(target, header))
    for fallback, stands_for in ID_FALLBACK_FIELDS.items():
        if stands_for not in taken and fallback in taken:
            taken[stands_for] = taken[fallback]
            columns.append(_Column(stands_for, taken[fallback]))
            problems.append(_email_as_id(raw.file, taken[fallback]))
    for required in REQUIRED_FIELDS[table]:
        if required not in taken:
            problems.append(_missing_column(table, raw.file, required))
    if table != "workplaces" and "gender" not in taken:
        problems.append(_no_gender_column(table, raw.file))
    if table == "adepts" and not {"languages", "swedish_level"} & set(taken):
        problems.append(_no_language_column(raw.file))
    if table == "workplaces" and "capacity" not in taken:
        problems.append(
            warning(
                raw.file,
                "Kolumnen Kapacitet saknas; arbetsplatserna begränsas bara av sina mentorers "
                "kapacitet. Lägg till kolumnen om antalet praktikplatser är begränsat.",
                "There is no Kapacitet (capacity) column; workplaces are limited only by their "
                "mentors' capacities. Add the column if the number of placements is limited.",
            )
        )
    if raw.height == 0:
        label_sv, label_en = TABLE_LABELS[table]
        problems.append(
            error(
                raw.file,
                f"Tabellen har rubriker men inga rader med {label_sv}.",
                f"The table has headers but no rows of {label_en}.",
            )
        )
    return columns, problems, tuple(unknown)


def _email_as_id(file: str, header: str) -> Problem:
    return warning(
        file,
        "Det finns ingen ID-kolumn; e-postadressen används som ID.",
        "There is no ID column; the e-mail address is used as the ID.",
        column=header,
    )


def _no_gender_column(table: str, file: str) -> Problem:
    label_sv, label_en = TABLE_LABELS[table]
    return warning(
        file,
        f"Det finns ingen kolumn Kön: inga uppgifter om kön för {label_sv}. Alla räknas som "
        '"vill ej ange"; jämställdhetsreglerna har inget att gälla och blockerar ingenting.',
        f"There is no Kön (gender) column: no gender data for {label_en}. Everyone counts as "
        '"prefer not to say"; the equality rules have nothing to act on and block nothing.',
    )


def _no_language_column(file: str) -> Problem:
    return warning(
        file,
        "Det finns ingen kolumn Språk eller Svenskanivå, så regeln om gemensamt språk är "
        "avstängd och språk ger inga poäng. Lägg till kolumnen om språket ska räknas.",
        "There is no Språk (languages) or Svenskanivå (Swedish level) column, so the "
        "shared-language rule is off and language scores nothing. Add the column if language "
        "should count.",
    )


def _unknown_column(table: str, file: str, header: str) -> Problem:
    known = {
        word_key(synonym): FIELD_HEADERS_SV[name]
        for name, synonyms in HEADER_SYNONYMS[table].items()
        for synonym in synonyms
    }
    close = difflib.get_close_matches(word_key(header), list(known), n=1, cutoff=0.75)
    hint_sv = f" Menade du {quoted(known[close[0]])}?" if close else ""
    hint_en = f" Did you mean {quoted(known[close[0]])}?" if close else ""
    return warning(
        file,
        "SMILE känner inte igen kolumnen och läser den inte." + hint_sv,
        "SMILE does not recognise this column and does not read it." + hint_en,
        column=header,
    )


def _doubled_column(file: str, header: str, first: str) -> Problem:
    return warning(
        file,
        f"Kolumnen betyder samma sak som {quoted(first)}; SMILE läser bara {quoted(first)}.",
        f"This column means the same as {quoted(first)}; SMILE reads only {quoted(first)}.",
        column=header,
    )


def _missing_column(table: str, file: str, required: str) -> Problem:
    header = FIELD_HEADERS_SV[required]
    label_sv, label_en = TABLE_LABELS[table]
    return error(
        file,
        f"Kolumnen {quoted(header)} saknas; den behövs för {label_sv}. Lägg till en kolumn "
        f"med rubriken {header} (eller {required}).",
        f"The column {quoted(header)} is missing; {label_en} need it. Add a column headed "
        f"{header} (or {required}).",
    )


# --------------------------------------------------------------------------- cells
#
# A parser reads one cell's text and answers with an _Outcome: the value and the issues
# (severity, Swedish, English) it found. Parsers depend on the text alone, so each column
# parses every distinct text once; the location is added when the issue becomes a Problem.

_Issue = tuple[Severity, str, str]


@dataclass(frozen=True, slots=True)
class _Outcome:
    """What a cell's text means, and what is wrong with it (``failed`` when any error)."""

    value: object
    issues: tuple[_Issue, ...] = ()

    @property
    def failed(self) -> bool:
        """True when the text cannot be used (an error)."""
        return any(severity is Severity.ERROR for severity, _, _ in self.issues)


def _ok(value: object, *warnings: tuple[str, str]) -> _Outcome:
    return _Outcome(value, tuple((Severity.WARNING, sv, en) for sv, en in warnings))


def _fail(sv: str, en: str) -> _Outcome:
    return _Outcome(None, ((Severity.ERROR, sv, en),))


def _parse_id(text: str) -> _Outcome:
    value = clean_text(text)
    if not value:
        return _fail(
            "ID saknas. Varje rad behöver ett eget ID, t.ex. A01.",
            "The ID is missing. Every row needs an ID of its own, e.g. A01.",
        )
    return _ok(value)


def _parse_gender(text: str) -> _Outcome:
    gender = parse_gender(text)
    if gender is None:
        return _fail(
            f"{quoted(clean_text(text))} är inget känt kön. Skriv {GENDER_WORDS_SV}.",
            f"{quoted(clean_text(text))} is not a known gender. Write {GENDER_WORDS_EN}.",
        )
    if gender is Gender.UNDISCLOSED:
        return _ok(
            gender,
            (
                "Kön är inte angivet (vill ej ange); personen räknas varken som kvinna eller man "
                "i jämställdhetsmåtten.",
                "Gender is not given (prefer not to say); the person counts as neither woman "
                "nor man in the equality measures.",
            ),
        )
    return _ok(gender)


def _parse_field(text: str) -> _Outcome:
    if is_blank(text):
        return _fail(
            "Yrke/utbildning saknas. Skriv yrket eller utbildningen, t.ex. ekonom eller svetsare.",
            "Profession/education is missing. Write the profession or education, e.g. "
            "economist or welder.",
        )
    return _ok(normalise_category(text))


def _parse_category(text: str) -> _Outcome:
    return _ok("" if is_blank(text) else normalise_category(text))


def _parse_name(text: str) -> _Outcome:
    return _ok(clean_text(text))


def _parse_swedish_level(text: str) -> _Outcome:
    level = parse_swedish_level(text)
    if level is None:
        return _fail(
            f"{quoted(clean_text(text))} är ingen känd svenskanivå. Skriv "
            f"{SWEDISH_LEVEL_WORDS_SV}, eller lämna tomt.",
            f"{quoted(clean_text(text))} is not a known Swedish level. Write "
            f"{SWEDISH_LEVEL_WORDS_EN}, or leave it blank.",
        )
    return _ok(level)


def _parse_preference(text: str) -> _Outcome:
    preference = parse_mentor_gender_preference(text)
    if preference is None:
        return _fail(
            f"{quoted(clean_text(text))} är inget känt önskemål om mentorns kön. Skriv "
            f"{PREFERENCE_WORDS_SV}.",
            f"{quoted(clean_text(text))} is not a known wish for the mentor's gender. "
            f"Write {PREFERENCE_WORDS_EN}.",
        )
    return _ok(preference)


def _parse_yes_no(text: str) -> _Outcome:
    answer = parse_yes_no(text)
    if answer is None:
        return _fail(
            f"{quoted(clean_text(text))} är varken ja eller nej. Skriv {YES_NO_WORDS_SV}.",
            f"{quoted(clean_text(text))} is neither yes nor no. Write {YES_NO_WORDS_EN}.",
        )
    return _ok(answer)


_KNOWN_TAGS_SV = ", ".join(GOAL_TAG_LABELS_SV.values())


def _parse_tags(text: str) -> _Outcome:
    parsed = parse_tags(text)
    return _ok(
        parsed.values,
        *(
            (
                f"{quoted(tag)} är inget av SMILE:s mål ({_KNOWN_TAGS_SV}). Ordet behålls men "
                "matchar bara exakt samma ord.",
                f"{quoted(tag)} is not one of SMILE's goals (network, labour market, workplace "
                "culture, language, CV and interview, trade skills, education). The word is "
                "kept but only matches the very same word.",
            )
            for tag in parsed.unknown
        ),
    )


def _parse_languages(text: str) -> _Outcome:
    parsed = parse_languages(text)
    return _ok(
        parsed.values,
        *(
            (
                f"Språket {quoted(language)} känns inte igen. Det behålls som det är skrivet och "
                "matchar bara samma stavning; kontrollera stavningen.",
                f"The language {quoted(language)} is not recognised. It is kept as written and "
                "only matches the same spelling; check the spelling.",
            )
            for language in parsed.unknown
        ),
    )


def _parse_list(text: str) -> _Outcome:
    return _ok(split_list(text))


def _parse_people(text: str) -> _Outcome:
    # Kept as written: ids, e-mail addresses and names are resolved once both tables are read.
    return _ok(tuple(item for item in split_items(text) if not is_blank(item)))


def _parse_mentor_type(text: str) -> _Outcome:
    mentor_type, known = parse_mentor_type(text)
    if known:
        return _ok(mentor_type)
    return _ok(
        mentor_type,
        (
            f"Mentorstypen {quoted(mentor_type)} känns inte igen (kända: "
            f"{', '.join(MENTOR_TYPE_LABELS_SV.values())}); den behålls som den är skriven.",
            f"The mentor type {quoted(mentor_type)} is not recognised (known: mentor, "
            "supervisor, company mentor, social mentor, education mentor); it is kept as "
            "written.",
        ),
    )


_WHOLE_NUMBER = re.compile(r"[+-]?\d+(?:[.,]0+)?")


def _whole_number(text: str) -> int | _Outcome:
    """The text as a whole number ("2", "2.0", "2,0"), else the error outcome."""
    compact = clean_text(text).replace(" ", "")
    if not _WHOLE_NUMBER.fullmatch(compact):
        return _fail(
            f"{quoted(clean_text(text))} är inget heltal. Skriv ett heltal, t.ex. 2.",
            f"{quoted(clean_text(text))} is not a whole number. Write a whole number, e.g. 2.",
        )
    return int(re.split(r"[.,]", compact)[0])


def _parse_mentor_capacity(text: str) -> _Outcome:
    if is_blank(text):
        return _ok(1)
    number = _whole_number(text)
    if isinstance(number, _Outcome):
        return number
    if number < 1:
        return _fail(
            "Kapaciteten måste vara minst 1 (så många adepter kan mentorn ta). Kan mentorn "
            "inte ta någon adept nu, ta bort raden.",
            "The capacity must be at least 1 (the number of adepts the mentor can take). If "
            "the mentor cannot take an adept now, remove the row.",
        )
    return _ok(number)


def _parse_min_group_size(text: str) -> _Outcome:
    if is_blank(text):
        return _ok(0)
    number = _whole_number(text)
    if isinstance(number, _Outcome):
        return number
    if number < 0:
        return _fail(
            "Minsta gruppstorlek kan inte vara negativ. Skriv 0 eller lämna tomt för "
            "1:1-mentorskap.",
            "The minimum group size cannot be negative. Write 0 or leave it blank for 1:1 "
            "mentoring.",
        )
    return _ok(number)


def _check_group_sizes(raw: RawTable, rows: list[_Row], columns: list[_Column]) -> list[Problem]:
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
                    f"Minsta gruppstorlek {minimum} är större än mentorns kapacitet {capacity}. "
                    "Sänk minimum eller höj kapaciteten.",
                    f"The minimum group size {minimum} is larger than the mentor's capacity "
                    f"{capacity}. Lower the minimum or raise the capacity.",
                    row=row.number,
                    column=header,
                    value=str(minimum),
                )
            )
    return problems


_UNLIMITED = None  # a workplace capacity left blank: resolved once mentors are known


def _parse_workplace_capacity(text: str) -> _Outcome:
    if is_blank(text):
        return _ok(
            _UNLIMITED,
            (
                "Kapacitet saknas; arbetsplatsen begränsas bara av sina mentorers kapacitet. "
                "Skriv antalet praktikplatser om det finns en gräns.",
                "The capacity is missing; the workplace is limited only by its mentors' "
                "capacities. Write the number of placements if there is a limit.",
            ),
        )
    number = _whole_number(text)
    if isinstance(number, _Outcome):
        return number
    if number < 0:
        return _fail(
            "Kapaciteten kan inte vara negativ. Skriv antalet praktikplatser: 0 eller fler.",
            "The capacity cannot be negative. Write the number of placements: 0 or more.",
        )
    return _ok(number)


_Parser = Callable[[str], _Outcome]

_PARSERS: dict[str, _Parser] = {
    "id": _parse_id,
    "name": _parse_name,
    "gender": _parse_gender,
    "birth_country": _parse_category,
    "birth_region": _parse_category,
    "languages": _parse_languages,
    "swedish_level": _parse_swedish_level,
    "field": _parse_field,
    "target_field": _parse_category,
    "municipality": _parse_category,
    "region": _parse_category,
    "preferred_mentor_gender": _parse_preference,
    "goals": _parse_tags,
    "offers": _parse_tags,
    "availability": _parse_list,
    "cohort": _parse_category,
    "must_match": _parse_yes_no,
    "workplace_id": _parse_name,
    "mentor_type": _parse_mentor_type,
    "min_group_size": _parse_min_group_size,
    "industry": _parse_category,
    "first_name": _parse_name,
    "last_name": _parse_name,
    "email": _parse_name,
    "organisation": _parse_name,
    "job_title": _parse_name,
    "grade": _parse_name,
    "wishes": _parse_people,
    "avoids": _parse_people,
}


def _parser(table: str, field_name: str) -> _Parser:
    if field_name == "capacity":
        return _parse_mentor_capacity if table == "mentors" else _parse_workplace_capacity
    return _PARSERS[field_name]


_NUMBER = re.compile(r"[+-]?\d[\d ]*(?:[.,]\d+)?")

_FORMULA_RISK: _Issue = (
    Severity.WARNING,
    "Värdet börjar med = + - eller @ och kan tolkas som en formel i ett kalkylprogram. "
    "Kontrollera att det är rätt; SMILE gör det ofarligt vid export.",
    "The value starts with = + - or @ and could run as a formula in a spreadsheet. "
    "Check that it is right; SMILE makes it harmless on export.",
)


def _parse_cell(parse: _Parser, text: str) -> _Outcome:
    """``parse(text)``, with a warning first when the text could run as a spreadsheet formula."""
    outcome = parse(text)
    stripped = text.strip()
    risky = stripped[:1] in ("=", "+", "-", "@") and not is_blank(stripped)
    if risky and not _NUMBER.fullmatch(stripped):
        return _Outcome(outcome.value, (_FORMULA_RISK, *outcome.issues))
    return outcome


# --------------------------------------------------------------------------- rows


@dataclass(slots=True)
class _Row:
    """A parsed row: its Excel row number, its values by field, and whether it had errors."""

    number: int
    values: dict[str, Any]
    valid: bool


def _parse_rows(
    table: str,
    raw: RawTable,
    columns: list[_Column],
    translations: Mapping[str, Mapping[str, str]] | None = None,
) -> tuple[list[_Row], list[Problem]]:
    """Every row parsed; duplicate IDs reported at the later row, naming the earlier one.

    ``translations`` (field → {word key → SMILE's word}) replace a cell's whole text before
    it is parsed (the coordinator's own words for values, e.g. "Female" → "kvinna").
    """
    problems: list[Problem] = []
    translations = translations or {}

    def texts_of(column: _Column) -> list[str]:
        texts = raw.frame.get_column(column.header).to_list()
        words = translations.get(column.field)
        if not words:
            return texts
        return [words.get(word_key(text), text) for text in texts]

    readers = [(column, _parser(table, column.field), texts_of(column), {}) for column in columns]
    rows: list[_Row] = []
    first_row_of: dict[str, int] = {}
    for i, number in enumerate(raw.row_numbers):
        values: dict[str, Any] = {}
        valid = True
        for column, parse, texts, seen in readers:
            text = texts[i]
            outcome = seen.get(text)
            if outcome is None:
                outcome = seen[text] = _parse_cell(parse, text)
            values[column.field] = outcome.value
            if not outcome.issues:
                continue
            for severity, sv, en in outcome.issues:
                problems.append(
                    problem(
                        severity, raw.file, sv, en, row=number, column=column.header, value=text
                    )
                )
            valid = valid and not outcome.failed
        if not _first_use(table, raw.file, number, values, columns, first_row_of, problems):
            valid = False
        rows.append(_Row(number, values, valid))
    return rows, problems


def _first_use(
    table: str,
    file: str,
    number: int,
    values: dict[str, Any],
    columns: list[_Column],
    first_row_of: dict[str, int],
    problems: list[Problem],
) -> bool:
    """False (with an error naming both rows) when the row's ID was used on an earlier row."""
    identifier = values.get("id")
    if not isinstance(identifier, str):
        return True
    if identifier not in first_row_of:
        first_row_of[identifier] = number
        return True
    header = next(c.header for c in columns if c.field == "id")
    label_sv, label_en = TABLE_LABELS[table]
    first = first_row_of[identifier]
    problems.append(
        error(
            file,
            f"ID {quoted(identifier)} finns redan på rad {first}. Varje rad med {label_sv} "
            "behöver ett eget ID; ändra det på en av raderna (rad "
            f"{first} eller {number}) eller ta bort dubbletten.",
            f"ID {quoted(identifier)} is already used in row {first}. Every row of {label_en} "
            f"needs an ID of its own; change it in one of the rows ({first} or {number}) or "
            "remove the duplicate.",
            row=number,
            column=header,
            value=identifier,
        )
    )
    return False


# --------------------------------------------------------------------------- references


def _combine_names(rows: list[_Row]) -> None:
    """First and last name joined into the name where the row has no name of its own."""
    for row in rows:
        parts = [row.values.pop(part, "") for part in NAME_PART_FIELDS]
        if not row.values.get("name") and any(parts):
            row.values["name"] = " ".join(p for p in parts if p)


def _organisation_as_workplace(
    raws: dict[str, RawTable],
    rows: dict[str, list[_Row]],
    mentor_columns: list[_Column],
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
    mentor_columns.append(_Column("workplace_id", header))
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
        _Row(0, {"id": name, "name": name, "capacity": _UNLIMITED}, True)
        for name in spelled.values()
    ]
    n = len(spelled)
    return [
        warning(
            raws["mentors"].file,
            f"Det finns ingen arbetsplatsfil; mentorernas organisationer blir {n} "
            f"{'arbetsplats' if n == 1 else 'arbetsplatser'}, var och en med lika många "
            "platser som dess mentorer.",
            f"There is no workplaces file; the mentors' organisations become {n} "
            f"{'workplace' if n == 1 else 'workplaces'}, each with as many places as its "
            "mentors have seats.",
            column=header,
        )
    ]


_PEOPLE_FIELDS = ("wishes", "avoids")


def _resolve_people(
    raws: dict[str, RawTable], rows: dict[str, list[_Row]], columns: dict[str, list[_Column]]
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
                        f"Samma person är både önskad och undviken ({', '.join(sorted(both))}); "
                        "SMILE undviker paret.",
                        f"The same person is both wished and avoided ({', '.join(sorted(both))}); "
                        "SMILE avoids the pair.",
                        row=row.number,
                        column=headers["wishes"],
                    )
                )
                resolved["wishes"] = tuple(p for p in resolved["wishes"] if p not in both)
            row.values.update(resolved)
    return problems


def _people_lookup(rows: list[_Row]) -> dict[str, str]:
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
    if found == _AMBIGUOUS:
        sv = (
            f"Flera {label_sv} heter {quoted(written)}; skriv ID eller e-post. "
            "Önskemålet används inte."
        )
        en = (
            f"Several {label_en} are called {quoted(written)}; write the ID or e-mail. "
            "The wish is not used."
        )
    else:
        sv = (
            f"Ingen bland {label_sv} har ID, e-post eller namn {quoted(written)}; "
            "önskemålet används inte. Kontrollera stavningen."
        )
        en = (
            f"None of the {label_en} has the ID, e-mail or name {quoted(written)}; the wish is "
            "not used. Check the spelling."
        )
    return warning(file, sv, en, row=number, column=header, value=written)


def _resolve_workplaces(
    raws: dict[str, RawTable],
    rows: dict[str, list[_Row]],
    mentor_columns: list[_Column],
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


def _workplace_lookup(workplaces: list[_Row]) -> dict[str, str]:
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


def _no_workplaces_file(file: str, header: str, mentors: list[_Row]) -> Problem:
    # One error for the whole column, not one per row: the same fix applies to every row.
    numbers = [row.number for row in mentors]
    shown = ", ".join(map(str, numbers[:10])) + (" …" if len(numbers) > 10 else "")
    one = len(numbers) == 1
    who_sv = "1 mentor anger" if one else f"{len(numbers)} mentorer anger"
    who_en = "1 mentor names" if one else f"{len(numbers)} mentors name"
    return error(
        file,
        f"{who_sv} en arbetsplats ({'rad' if one else 'rader'} {shown}), men det finns inga "
        "arbetsplatser (ingen arbetsplatsfil och inget blad Arbetsplatser). Lägg till "
        "arbetsplatserna, eller töm kolumnen om de inte ska användas.",
        f"{who_en} a workplace ({'row' if one else 'rows'} {shown}), but there are no "
        "workplaces (no workplaces file and no Workplaces sheet). Add the workplaces, or empty "
        "the column if workplaces are not used.",
        column=header,
    )


def _bad_reference(
    file: str, number: int, header: str, written: str, raws: dict[str, RawTable], found: str | None
) -> Problem:
    workplaces_file = raws["workplaces"].file
    if found == _AMBIGUOUS:
        return error(
            file,
            f"Flera arbetsplatser i {workplaces_file} heter {quoted(written)}. Skriv "
            "arbetsplatsens ID i stället för namnet.",
            f"Several workplaces in {workplaces_file} are called {quoted(written)}. Write the "
            "workplace's ID instead of its name.",
            row=number,
            column=header,
            value=written,
        )
    return error(
        file,
        f"Arbetsplatsen {quoted(written)} finns inte i {workplaces_file}. Skriv arbetsplatsens "
        "ID eller namn precis som det står där, eller lägg till arbetsplatsen.",
        f"The workplace {quoted(written)} is not in {workplaces_file}. Write the workplace's ID "
        "or name exactly as it is there, or add the workplace.",
        row=number,
        column=header,
        value=written,
    )


# --------------------------------------------------------------------------- the programme


def _build(
    rows: dict[str, list[_Row]], raws: dict[str, RawTable]
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
    if values.get("capacity") is _UNLIMITED:
        return {**values, "capacity": seats.get(values["id"], 0)}
    return values
