"""Follow-ups and evaluation answers: reading them, and the outcome figures a steering group sees.

Reading (:func:`load_followups`, :func:`load_evaluations`) works like
:mod:`smile_core.validation`: any CSV or workbook :func:`~smile_core.reading.read_table`
reads, English or Swedish headers and words, every problem collected before answering (file,
Excel row, column, value, Swedish and English). Any error leaves ``frame`` as ``None``.

- A follow-up row is an adept's status ``months`` (3, 6 or 12) after the start: one of
  :data:`FOLLOW_UP_STATUSES`, with whether the adept says the mentor contributed (yes, no or
  blank). With a programme, an adept id it does not know is an error; the same adept and
  month twice is an error.
- An evaluation row is one answer (1–5) of one respondent (adept or mentor) to one item. With
  a programme, a respondent id not among its adepts or mentors (by role) is an error; the same
  respondent, role and item twice is an error; a row with a blank answer is left out with a
  warning.

Both frames carry a ``programme`` column (the name given, else the programme's, else the
file's) so follow-ups of several cohorts or programmes can be stacked with :func:`combine`
and compared.

Figures (:func:`outcome_rates`, :func:`outcome_by_score`, :func:`survey_summary`,
:func:`contribution_summary`) are published through :mod:`smile_core.suppression`: every
count of 1 to ``min_count - 1`` is hidden, and a 0 inside a group that small, with
complementary suppression across each table until no hidden count can be narrowed below three
values; a rate or mean is hidden when its denominator is below ``min_count`` or hidden.
Tables of the same follow-ups (by programme, cohort, gender, field, workplace) show and hide
their status totals alike, and a programme's or cohort's row is its own table's margin, so
the Outcomes page, the cohort comparison and the report never hide the same figure
differently. Gender rows are those of :func:`smile_core.metrics.gender_groups`. A figure built
from several cells (the in-work count = qualified + other job; the "agree" count = answers 4
and 5) is published only when the published cells already give it away, so it can never be
subtracted from them to reveal a hidden cell. A mean answer is published only when it pins
down no hidden count that the published counts leave open (checked exactly, over whole
numbers). Each hidden value is null, with a Boolean ``<column>_suppressed`` flag beside it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import polars as pl

from smile_core.fields import field_families, normalise_field
from smile_core.labels import NO_WORKPLACE, NOT_MATCHED, UNKNOWN_GROUP, label
from smile_core.labels import labels as label_table
from smile_core.messages import error, quoted, warning
from smile_core.metrics import GENDER_ORDER, OTHER, gender_groups, group_of
from smile_core.participants import Programme
from smile_core.plan import MatchResult, Plan
from smile_core.problems import Problem, Report, Severity
from smile_core.reading import DEFAULT_LIMITS, Limits, SourceFile, read_table
from smile_core.suppression import (
    DEFAULT_MIN_COUNT,
    check_min_count,
    suppress_counts,
    suppress_statistic,
)
from smile_core.tables import adepts_frame
from smile_core.vocabulary import clean_text, is_blank, word_key

# --------------------------------------------------------------------------- vocabulary

#: Months after the start at which an adept's status is followed up.
FOLLOW_UP_MONTHS: tuple[int, ...] = (3, 6, 12)

#: Follow-up statuses, in the order tables and charts show them.
FOLLOW_UP_STATUSES: tuple[str, ...] = (
    "qualified_job",
    "other_job",
    "internship",
    "studies",
    "seeking_work",
    "left_programme",
)
#: The statuses that count as "in work".
IN_WORK_STATUSES: tuple[str, ...] = ("qualified_job", "other_job")

#: Who answers an evaluation.
ROLES: tuple[str, ...] = ("adept", "mentor")
#: The answers of a Likert item (5 = fully agree / very satisfied).
ANSWERS: tuple[int, ...] = (1, 2, 3, 4, 5)
#: Answers that count as agreeing.
AGREE_ANSWERS: tuple[int, ...] = (4, 5)

#: The ways :func:`outcome_rates` can group adepts.
GROUPINGS: tuple[str, ...] = ("gender", "cohort", "field", "workplace", "programme")

#: Default score bands for :func:`outcome_by_score`: [0, 50), [50, 60), ... [80, 100].
DEFAULT_SCORE_BANDS: tuple[float, ...] = (0.0, 50.0, 60.0, 70.0, 80.0, 100.0)

_STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "qualified_job": (
        "qualified_job",
        "qualified job",
        "qualified employment",
        "job in field",
        "job in own field",
        "kvalificerat jobb",
        "kvalificerat arbete",
        "kvalificerad anställning",
        "kvalificerad tjänst",
        "jobb inom yrket",
        "arbete inom yrket",
        "jobb i yrket",
        "relevant jobb",
        "relevant arbete",
        "jobb inom området",
    ),
    "other_job": (
        "other_job",
        "other job",
        "other employment",
        "job outside field",
        "annat jobb",
        "annat arbete",
        "annan anställning",
        "jobb utanför yrket",
        "arbete utanför yrket",
    ),
    "internship": (
        "internship",
        "work placement",
        "placement",
        "traineeship",
        "praktik",
        "praktikplats",
        "på praktik",
        "arbetspraktik",
    ),
    "studies": (
        "studies",
        "studying",
        "education",
        "in education",
        "studier",
        "studerar",
        "studerande",
        "utbildning",
        "studerar vidare",
    ),
    "seeking_work": (
        "seeking_work",
        "seeking work",
        "job seeking",
        "jobseeking",
        "looking for work",
        "unemployed",
        "söker arbete",
        "söker jobb",
        "arbetssökande",
        "arbetslös",
    ),
    "left_programme": (
        "left_programme",
        "left programme",
        "left program",
        "left the programme",
        "left the program",
        "dropped out",
        "drop out",
        "avbrutit",
        "avbröt",
        "avbrott",
        "avbrutit programmet",
        "lämnat programmet",
        "lämnade programmet",
        "lämnat",
        "hoppat av",
        "avhopp",
    ),
}
_STATUS_INDEX = {word_key(w): status for status, words in _STATUS_WORDS.items() for w in words}
_STATUS_WORDS_SV = "kvalificerat jobb, annat jobb, praktik, studier, söker arbete eller avbrutit"
_STATUS_WORDS_EN = (
    "qualified job, other job, internship, studies, seeking work or left the programme"
)

_YES = frozenset(map(word_key, ("ja", "yes", "j", "y", "x", "1", "true", "sant", "ja absolut")))
_NO = frozenset(map(word_key, ("nej", "no", "n", "0", "false", "falskt", "inte", "not")))
_DONT_KNOW = frozenset(
    map(word_key, ("vet ej", "vet inte", "okänt", "don't know", "unknown", "not answered"))
)

_ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "adept": ("adept", "adepter", "adepts", "mentee", "mentees", "deltagare", "participant"),
    "mentor": ("mentor", "mentorer", "mentors", "handledare", "supervisor"),
}
_ROLE_INDEX = {word_key(w): role for role, words in _ROLE_WORDS.items() for w in words}

_ITEM_INDEX: dict[str, str] = {
    word_key(word): item
    for item, (sv, en) in label_table("item").items()
    for word in (item, sv, en)
}

_MONTH_WORDS = {"tre": 3, "three": 3, "sex": 6, "six": 6, "tolv": 12, "twelve": 12}
_MONTHS = re.compile(
    r"(\d+)(?:[.,]0+)?\s*(?:m|mån|mån\.|månad|månader|mnd|mo|month|months)?", re.IGNORECASE
)
_ANSWER = re.compile(r"([1-5])(?:[.,]0+)?(?:\s*[-–:(].*)?")


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class FollowupLoad:
    """Loaded follow-ups: one row per adept and month, or ``None`` when any error; the report.

    ``frame`` columns: ``programme``, ``cohort`` (the file's, else the adept's, else ""),
    ``adept_id``, ``months`` (Int64: 3, 6, 12), ``status`` (one of
    :data:`FOLLOW_UP_STATUSES`), ``mentor_contributed`` (Boolean, null when blank).
    """

    frame: pl.DataFrame | None
    report: Report

    @property
    def ok(self) -> bool:
        """True when the follow-ups were read (no errors)."""
        return self.frame is not None


@dataclass(frozen=True)
class EvaluationLoad:
    """Loaded evaluation answers, or ``None`` when any error; the report.

    ``frame`` columns: ``programme``, ``respondent_id``, ``role`` ("adept"/"mentor"),
    ``item`` (a known item's code, else the item as written), ``answer`` (Int64, 1–5).
    """

    frame: pl.DataFrame | None
    report: Report

    @property
    def ok(self) -> bool:
        """True when the answers were read (no errors)."""
        return self.frame is not None


FOLLOWUP_SCHEMA: dict[str, pl.DataType] = {
    "programme": pl.String(),
    "cohort": pl.String(),
    "adept_id": pl.String(),
    "months": pl.Int64(),
    "status": pl.String(),
    "mentor_contributed": pl.Boolean(),
}
EVALUATION_SCHEMA: dict[str, pl.DataType] = {
    "programme": pl.String(),
    "respondent_id": pl.String(),
    "role": pl.String(),
    "item": pl.String(),
    "answer": pl.Int64(),
}


# --------------------------------------------------------------------------- cell parsers

# A parser answers (value, None) or (None, (severity, Swedish, English)); a warning with a
# value keeps the row, an error (or a warning without a value) leaves it out.
_Issue = tuple[Severity, str, str]
_Parsed = tuple[Any, _Issue | None]


def _fail(sv: str, en: str) -> _Parsed:
    return None, (Severity.ERROR, sv, en)


def _parse_id(text: str) -> _Parsed:
    value = clean_text(text)
    if is_blank(value):
        return _fail(
            "ID saknas. Varje rad behöver ett ID, t.ex. A01.",
            "The ID is missing. Every row needs an ID, e.g. A01.",
        )
    return value, None


def _parse_months(text: str) -> _Parsed:
    cleaned = clean_text(text)
    if is_blank(cleaned):
        return _fail(
            "Antal månader saknas. Skriv 3, 6 eller 12.",
            "The number of months is missing. Write 3, 6 or 12.",
        )
    match = _MONTHS.fullmatch(cleaned)
    months = int(match.group(1)) if match else _MONTH_WORDS.get(word_key(cleaned))
    if months not in FOLLOW_UP_MONTHS:
        return _fail(
            f"{quoted(cleaned)} är ingen uppföljningstidpunkt. Skriv 3, 6 eller 12 (månader "
            "efter starten).",
            f"{quoted(cleaned)} is not a follow-up point. Write 3, 6 or 12 (months after the "
            "start).",
        )
    return months, None


def _parse_status(text: str) -> _Parsed:
    cleaned = clean_text(text)
    if is_blank(cleaned):
        return _fail(
            f"Status saknas. Skriv {_STATUS_WORDS_SV}.",
            f"The status is missing. Write {_STATUS_WORDS_EN}.",
        )
    status = _STATUS_INDEX.get(word_key(cleaned))
    if status is None:
        return _fail(
            f"{quoted(cleaned)} är ingen känd status. Skriv {_STATUS_WORDS_SV}.",
            f"{quoted(cleaned)} is not a known status. Write {_STATUS_WORDS_EN}.",
        )
    return status, None


def _parse_contributed(text: str) -> _Parsed:
    cleaned = clean_text(text)
    key = word_key(cleaned)
    if is_blank(cleaned) or key in _DONT_KNOW:
        return None, None
    if key in _YES:
        return True, None
    if key in _NO:
        return False, None
    return _fail(
        f"{quoted(cleaned)} är inget ja eller nej. Skriv ja eller nej, eller lämna tomt om "
        "adepten inte svarat.",
        f"{quoted(cleaned)} is not a yes or a no. Write yes or no, or leave it blank if the "
        "adept did not answer.",
    )


def _parse_text(text: str) -> _Parsed:
    return clean_text(text), None


def _parse_role(text: str) -> _Parsed:
    cleaned = clean_text(text)
    role = _ROLE_INDEX.get(word_key(cleaned))
    if role is None:
        shown = quoted(cleaned) if cleaned else "Tom roll"
        shown_en = quoted(cleaned) if cleaned else "A blank role"
        return _fail(
            f"{shown} är ingen känd roll. Skriv adept eller mentor.",
            f"{shown_en} is not a known role. Write adept or mentor.",
        )
    return role, None


def _parse_item(text: str) -> _Parsed:
    cleaned = clean_text(text)
    if is_blank(cleaned):
        return _fail(
            "Frågan saknas. Skriv vilken fråga svaret gäller.",
            "The item is missing. Write which question the answer is to.",
        )
    return _ITEM_INDEX.get(word_key(cleaned), cleaned), None


def _parse_answer(text: str) -> _Parsed:
    cleaned = clean_text(text)
    if is_blank(cleaned):
        return None, (
            Severity.WARNING,
            "Svar saknas; raden räknas inte.",
            "The answer is missing; the row is not counted.",
        )
    match = _ANSWER.fullmatch(cleaned)
    if match is None:
        return _fail(
            f"{quoted(cleaned)} är inget svar på skalan. Skriv en siffra från 1 till 5.",
            f"{quoted(cleaned)} is not an answer on the scale. Write a number from 1 to 5.",
        )
    return int(match.group(1)), None


# --------------------------------------------------------------------------- columns


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    header: str  # the header SMILE suggests, in messages
    synonyms: tuple[str, ...]
    required: bool
    parse: Callable[[str], _Parsed]


_FOLLOWUP_FIELDS: tuple[_Field, ...] = (
    _Field(
        "adept_id",
        "Adept-ID",
        (
            "adept id",
            "adept-id",
            "adept",
            "id",
            "adeptens id",
            "deltagar-id",
            "deltagare",
            "mentee id",
            "participant id",
        ),
        True,
        _parse_id,
    ),
    _Field(
        "months",
        "Månader",
        (
            "månader",
            "månad",
            "mån",
            "månader efter start",
            "months after start",
            "uppföljning",
            "uppföljning månader",
            "tidpunkt",
            "follow-up",
            "follow up",
            "month",
        ),
        True,
        _parse_months,
    ),
    _Field(
        "status",
        "Status",
        ("sysselsättning", "utfall", "outcome", "situation", "läge", "resultat"),
        True,
        _parse_status,
    ),
    _Field(
        "mentor_contributed",
        "Mentorn bidrog",
        (
            "mentor contributed",
            "mentorn bidrog",
            "bidrog mentorn",
            "mentor bidrog",
            "mentorns bidrag",
            "mentor bidragit",
            "mentorn bidrog till jobbet",
            "did the mentor contribute",
        ),
        False,
        _parse_contributed,
    ),
    _Field(
        "cohort", "Kohort", ("kohort", "omgång", "intag", "intake", "grupp"), False, _parse_text
    ),
)

_EVALUATION_FIELDS: tuple[_Field, ...] = (
    _Field(
        "respondent_id",
        "Svarande",
        ("respondent id", "respondent", "id", "svarande", "deltagar-id", "adept/mentor id"),
        True,
        _parse_id,
    ),
    _Field("role", "Roll", ("roll", "typ", "type", "grupp"), True, _parse_role),
    _Field(
        "item", "Fråga", ("fråga", "påstående", "question", "frågor", "variabel"), True, _parse_item
    ),
    _Field("answer", "Svar", ("svar", "värde", "score", "value", "betyg"), True, _parse_answer),
)


@dataclass(slots=True)
class _Row:
    number: int
    values: dict[str, Any]
    valid: bool


def _read_rows(
    source: SourceFile, fields: Sequence[_Field], limits: Limits, what_sv: str, what_en: str
) -> tuple[list[_Row] | None, dict[str, str], str, list[Problem]]:
    """Every row parsed, the header used per field, the file name problems carry, problems.

    ``None`` rows when the file could not be read as a table at all.
    """
    raw, report = read_table(source, limits)
    problems = list(report.problems)
    if raw is None:
        return None, {}, source.name, problems
    index = {word_key(s): f for f in fields for s in (f.name, f.header, *f.synonyms)}
    headers: dict[str, str] = {}
    for header in raw.headers:
        found = index.get(word_key(header))
        if found is None:
            problems.append(
                warning(
                    raw.file,
                    "SMILE känner inte igen kolumnen och läser den inte.",
                    "SMILE does not recognise this column and does not read it.",
                    column=header,
                )
            )
        elif found.name in headers:
            first = headers[found.name]
            problems.append(
                warning(
                    raw.file,
                    f"Kolumnen betyder samma sak som {quoted(first)}; SMILE läser bara "
                    f"{quoted(first)}.",
                    f"This column means the same as {quoted(first)}; SMILE reads only "
                    f"{quoted(first)}.",
                    column=header,
                )
            )
        else:
            headers[found.name] = header
    for f in fields:
        if f.required and f.name not in headers:
            problems.append(
                error(
                    raw.file,
                    f"Kolumnen {quoted(f.header)} saknas; den behövs för {what_sv}. Lägg till "
                    f"en kolumn med rubriken {f.header} (eller {f.name}).",
                    f"The column {quoted(f.header)} is missing; {what_en} need it. Add a column "
                    f"headed {f.header} (or {f.name}).",
                )
            )
    if raw.height == 0:
        problems.append(
            error(
                raw.file,
                f"Tabellen har rubriker men inga rader med {what_sv}.",
                f"The table has headers but no rows of {what_en}.",
            )
        )
    columns = [
        (f, headers[f.name], raw.frame.get_column(headers[f.name]).to_list())
        for f in fields
        if f.name in headers
    ]
    rows: list[_Row] = []
    for i, number in enumerate(raw.row_numbers):
        values: dict[str, Any] = {}
        valid = True
        for f, header, texts in columns:
            value, issue = f.parse(texts[i])
            values[f.name] = value
            if issue is None:
                continue
            severity, sv, en = issue
            problems.append(
                _problem(severity, raw.file, sv, en, row=number, column=header, value=texts[i])
            )
            if severity is Severity.ERROR or value is None:
                valid = False
        rows.append(_Row(number, values, valid))
    return rows, headers, raw.file, problems


def _problem(severity: Severity, file: str, sv: str, en: str, **where: Any) -> Problem:
    make = error if severity is Severity.ERROR else warning
    return make(file, sv, en, **where)


def _programme_name(
    programme: Programme | None, programme_name: str | None, source: SourceFile
) -> str:
    if programme_name is not None:
        return programme_name
    if programme is not None and programme.name:
        return programme.name
    return source.name


# --------------------------------------------------------------------------- loading


def load_followups(
    source: SourceFile,
    programme: Programme | None = None,
    *,
    programme_name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> FollowupLoad:
    """Read and check a follow-up file (see the module doc for the rules).

    Columns (English or Swedish headers): ``adept_id``, ``months`` (3/6/12), ``status``,
    optional ``mentor_contributed`` and ``cohort``. ``programme`` lets unknown adept ids be
    reported and fills ``cohort`` from the adepts when the file has none.
    """
    rows, headers, file, problems = _read_rows(
        source, _FOLLOWUP_FIELDS, limits, "uppföljningar", "follow-ups"
    )
    if rows is None or any(p.severity is Severity.ERROR for p in problems if p.row is None):
        return FollowupLoad(None, Report(tuple(problems)))
    id_header = headers.get("adept_id", "adept_id")
    known = programme.adept_by_id if programme is not None else None
    first_row: dict[tuple[str, int], int] = {}
    for row in rows:
        adept_id, months = row.values.get("adept_id"), row.values.get("months")
        if adept_id is None:
            continue
        if known is not None and adept_id not in known:
            problems.append(
                error(
                    file,
                    f"Adepten {quoted(adept_id)} finns inte bland programmets adepter. "
                    "Kontrollera ID:t, eller välj programmet uppföljningarna hör till.",
                    f"The adept {quoted(adept_id)} is not among the programme's adepts. Check "
                    "the ID, or choose the programme the follow-ups belong to.",
                    row=row.number,
                    column=id_header,
                    value=adept_id,
                )
            )
            row.valid = False
        if months is None:
            continue
        key = (adept_id, months)
        if key in first_row:
            first = first_row[key]
            problems.append(
                error(
                    file,
                    f"Adepten {quoted(adept_id)} har redan en uppföljning efter {months} "
                    f"månader på rad {first}. Ta bort en av raderna ({first} eller "
                    f"{row.number}).",
                    f"The adept {quoted(adept_id)} already has a {months}-month follow-up in "
                    f"row {first}. Remove one of the rows ({first} or {row.number}).",
                    row=row.number,
                    column=id_header,
                    value=adept_id,
                )
            )
            row.valid = False
        else:
            first_row[key] = row.number
    if any(p.severity is Severity.ERROR for p in problems):
        return FollowupLoad(None, Report(tuple(problems)))
    name = _programme_name(programme, programme_name, source)
    cohort_of = {a.id: a.cohort for a in programme.adepts} if programme is not None else {}
    frame = pl.DataFrame(
        [
            {
                "programme": name,
                "cohort": row.values.get("cohort") or cohort_of.get(row.values["adept_id"], ""),
                "adept_id": row.values["adept_id"],
                "months": row.values["months"],
                "status": row.values["status"],
                "mentor_contributed": row.values.get("mentor_contributed"),
            }
            for row in rows
            if row.valid
        ],
        schema=FOLLOWUP_SCHEMA,
    )
    return FollowupLoad(frame, Report(tuple(problems)))


def load_evaluations(
    source: SourceFile,
    programme: Programme | None = None,
    *,
    programme_name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> EvaluationLoad:
    """Read and check an evaluation file (see the module doc for the rules).

    Columns (English or Swedish headers): ``respondent_id``, ``role`` (adept/mentor), ``item``,
    ``answer`` (1–5). ``programme`` lets unknown respondents be reported.
    """
    rows, headers, file, problems = _read_rows(
        source, _EVALUATION_FIELDS, limits, "utvärderingssvar", "evaluation answers"
    )
    if rows is None or any(p.severity is Severity.ERROR for p in problems if p.row is None):
        return EvaluationLoad(None, Report(tuple(problems)))
    id_header = headers.get("respondent_id", "respondent_id")
    first_row: dict[tuple[str, str, str], int] = {}
    for row in rows:
        respondent, role, item = (row.values.get(k) for k in ("respondent_id", "role", "item"))
        if respondent is None or role is None:
            continue
        if programme is not None:
            known = programme.adept_by_id if role == "adept" else programme.mentor_by_id
            if respondent not in known:
                who_sv, who_en = (
                    ("adepter", "adepts") if role == "adept" else ("mentorer", "mentors")
                )
                problems.append(
                    error(
                        file,
                        f"{quoted(respondent)} finns inte bland programmets {who_sv}. "
                        "Kontrollera ID:t och rollen.",
                        f"{quoted(respondent)} is not among the programme's {who_en}. Check "
                        "the ID and the role.",
                        row=row.number,
                        column=id_header,
                        value=respondent,
                    )
                )
                row.valid = False
        if item is None:
            continue
        key = (respondent, role, item)
        if key in first_row:
            first = first_row[key]
            problems.append(
                error(
                    file,
                    f"{quoted(respondent)} har redan svarat på {quoted(item)} på rad {first}. "
                    f"Ta bort en av raderna ({first} eller {row.number}).",
                    f"{quoted(respondent)} already answered {quoted(item)} in row {first}. "
                    f"Remove one of the rows ({first} or {row.number}).",
                    row=row.number,
                    column=id_header,
                    value=respondent,
                )
            )
            row.valid = False
        else:
            first_row[key] = row.number
    if any(p.severity is Severity.ERROR for p in problems):
        return EvaluationLoad(None, Report(tuple(problems)))
    name = _programme_name(programme, programme_name, source)
    frame = pl.DataFrame(
        [
            {
                "programme": name,
                **{k: row.values[k] for k in ("respondent_id", "role", "item", "answer")},
            }
            for row in rows
            if row.valid
        ],
        schema=EVALUATION_SCHEMA,
    )
    return EvaluationLoad(frame, Report(tuple(problems)))


def combine(*frames: pl.DataFrame | None) -> pl.DataFrame:
    """Stack follow-up (or evaluation) frames of several programmes or cohorts; ``None`` skipped.

    The ``programme`` column keeps them apart, so give each load its own ``programme_name``.
    """
    present = [f for f in frames if f is not None]
    if not present:
        raise ValueError("nothing to combine")
    return pl.concat(present, how="diagonal_relaxed")


def programme_adepts(programme: Programme, programme_name: str | None = None) -> pl.DataFrame:
    """The adepts of ``programme`` as :func:`smile_core.tables.adepts_frame` gives them, with a
    ``programme`` column, ready to stack with another programme's for :func:`outcome_rates`."""
    name = programme_name if programme_name is not None else programme.name
    return adepts_frame(programme).with_columns(programme=pl.lit(name, dtype=pl.String))


# --------------------------------------------------------------------------- grouping

_RATE_COLUMNS = (
    "group_total",
    "in_work_n",
    "in_work_rate",
    "qualified_n",
    "qualified_rate",
)


def _require_columns(frame: pl.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} has no column(s) {missing}")


def _with_adepts(
    frame: pl.DataFrame, adepts: pl.DataFrame | None, columns: Mapping[str, str]
) -> pl.DataFrame:
    """``frame`` with the adepts' ``columns`` joined in (renamed to the mapping's values).

    Joined on (programme, adept_id) when both frames have a programme column, else on the id;
    an adept missing from ``adepts`` gets nulls.
    """
    if adepts is None:
        raise ValueError("grouping by an adept attribute needs the adepts frame")
    if "adept_id" not in adepts.columns:
        _require_columns(adepts, ["id"], "adepts")
        adepts = adepts.rename({"id": "adept_id"})
    _require_columns(adepts, columns, "adepts")
    keys = ["programme", "adept_id"] if "programme" in adepts.columns else ["adept_id"]
    side = adepts.select(*keys, *(pl.col(c).alias(n) for c, n in columns.items())).unique(
        subset=keys, keep="first", maintain_order=True
    )
    return frame.join(side, on=keys, how="left", maintain_order="left")


def _field_group() -> pl.Expr:
    """The family of the adept's wished job (or own field), else that field's word itself."""
    wished = pl.col("_target").fill_null("").map_elements(normalise_field, return_dtype=pl.String)
    own = pl.col("_field").fill_null("").map_elements(normalise_field, return_dtype=pl.String)
    word = pl.when(wished != "").then(wished).otherwise(own)
    family = word.replace_strict(field_families(), default=word, return_dtype=pl.String)
    return pl.when(word == "").then(pl.lit(UNKNOWN_GROUP)).otherwise(family)


def _plan_frame(
    plans: Plan | MatchResult | Mapping[str, Plan | MatchResult],
    mentors: pl.DataFrame | None,
) -> tuple[pl.DataFrame, list[str]]:
    """(programme?, adept_id, mentor_id, workplace_id, score) per pair, and the join keys."""
    if isinstance(plans, Plan | MatchResult):
        items: list[tuple[str | None, Plan]] = [(None, _as_plan(plans))]
    else:
        items = [(name, _as_plan(p)) for name, p in plans.items()]
    keyed = items[0][0] is not None
    rows = [
        {
            **({"programme": name} if keyed else {}),
            "adept_id": pair.adept_id,
            "mentor_id": pair.mentor_id,
            "workplace_id": pair.workplace_id,
            "score": float(pair.score),
        }
        for name, plan in items
        for pair in plan.pairs
    ]
    schema = {
        **({"programme": pl.String} if keyed else {}),
        "adept_id": pl.String,
        "mentor_id": pl.String,
        "workplace_id": pl.String,
        "score": pl.Float64,
    }
    frame = pl.DataFrame(rows, schema=schema)
    if mentors is not None:
        # The mentors' own workplaces win: a plan read back from ids has none on its pairs.
        if "mentor_id" not in mentors.columns:
            mentors = mentors.rename({"id": "mentor_id"})
        mkeys = (
            ["programme", "mentor_id"]
            if keyed and "programme" in mentors.columns
            else ["mentor_id"]
        )
        side = mentors.select(*mkeys, pl.col("workplace_id").alias("_wp")).unique(
            subset=mkeys, keep="first"
        )
        frame = (
            frame.join(side, on=mkeys, how="left", maintain_order="left")
            .with_columns(workplace_id=pl.coalesce(pl.col("_wp"), pl.col("workplace_id")))
            .drop("_wp")
        )
    return frame, (["programme", "adept_id"] if keyed else ["adept_id"])


def _as_plan(value: Plan | MatchResult) -> Plan:
    return value.plan if isinstance(value, MatchResult) else value


def _group(
    frame: pl.DataFrame,
    by: str,
    adepts: pl.DataFrame | None,
    plan: Plan | MatchResult | Mapping[str, Plan | MatchResult] | None,
    mentors: pl.DataFrame | None,
    workplaces: pl.DataFrame | None,
) -> tuple[pl.DataFrame, list[str], dict[str, tuple[str, str]]]:
    """``frame`` with a non-null ``group`` column, the groups in display order, their labels."""
    labels: dict[str, tuple[str, str]] = {}
    if by == "programme":
        grouped = frame.with_columns(group=pl.col("programme"))
    elif by == "gender":
        grouped = _with_adepts(frame, adepts, {"gender": "_gender"})
        # The same gender rows as the equality figures: small categories merged.
        rows = gender_groups(g for g in grouped["_gender"].to_list() if g)
        grouped = grouped.with_columns(
            group=pl.col("_gender").replace_strict(
                {g: group_of(g, rows) for g in GENDER_ORDER}, default=pl.col("_gender")
            )
        )
    elif by == "cohort":
        grouped = (
            _with_adepts(frame, adepts, {"cohort": "_cohort"})
            if adepts is not None
            else (frame.with_columns(_cohort=pl.lit(None, dtype=pl.String)))
        )
        own = pl.col("cohort").fill_null("") if "cohort" in frame.columns else pl.lit("")
        grouped = grouped.with_columns(
            group=pl.when(own != "").then(own).otherwise(pl.col("_cohort"))
        )
    elif by == "field":
        grouped = _with_adepts(frame, adepts, {"target_field": "_target", "field": "_field"})
        grouped = grouped.with_columns(group=_field_group())
    elif by == "workplace":
        if plan is None:
            raise ValueError("grouping by workplace needs the plan")
        pairs, keys = _plan_frame(plan, mentors)
        grouped = frame.join(
            pairs.select(
                *keys, pl.col("mentor_id").alias("_mentor"), pl.col("workplace_id").alias("_wp")
            ),
            on=keys,
            how="left",
            maintain_order="left",
        ).with_columns(
            group=pl.when(pl.col("_mentor").is_null())
            .then(pl.lit(NOT_MATCHED))
            .when(pl.col("_wp").fill_null("") == "")
            .then(pl.lit(NO_WORKPLACE))
            .otherwise(pl.col("_wp"))
        )
        if workplaces is not None:
            id_column = "workplace_id" if "workplace_id" in workplaces.columns else "id"
            names = dict(
                zip(workplaces[id_column].to_list(), workplaces["name"].to_list(), strict=True)
            )
            labels = {w: (n, n) for w, n in names.items() if n}
    else:
        raise ValueError(f"cannot group by {by!r}; choose one of {GROUPINGS}")
    grouped = grouped.with_columns(
        group=pl.when(pl.col("group").fill_null("") == "")
        .then(pl.lit(UNKNOWN_GROUP))
        .otherwise(pl.col("group"))
    )
    present = grouped["group"].unique(maintain_order=True).to_list()
    return grouped, _ordered(by, present), labels


_LAST = (NO_WORKPLACE, NOT_MATCHED, UNKNOWN_GROUP)


def _ordered(by: str, groups: list[str]) -> list[str]:
    """Genders in their fixed order, programmes as they came, anything else alphabetically;
    the special groups (no workplace, not matched, unknown) last."""
    special = [g for g in _LAST if g in groups]
    ordinary = [g for g in groups if g not in _LAST]
    if by == "gender":
        order = (*GENDER_ORDER, OTHER)
        ordinary = [g for g in order if g in ordinary] + sorted(
            g for g in ordinary if g not in order
        )
    elif by != "programme":
        ordinary = sorted(ordinary, key=lambda g: (g.casefold(), g))
    return ordinary + special


def _group_labels(
    by: str, groups: Sequence[str], explicit: Mapping[str, tuple[str, str]]
) -> tuple[list[str], list[str]]:
    kind = {"gender": "gender", "field": "family"}.get(by, "group")
    sv, en = [], []
    for g in groups:
        if g in explicit:
            sv.append(explicit[g][0])
            en.append(explicit[g][1])
        else:
            sv.append(label(kind, g, "sv"))
            en.append(label(kind, g, "en"))
    return sv, en


# --------------------------------------------------------------------------- suppressed tables

#: The columns of :func:`outcome_rates` and :func:`outcome_by_score`, in order.
OUTCOME_RATE_SCHEMA: dict[str, pl.DataType] = {
    "by": pl.String(),
    "months": pl.Int64(),
    "group": pl.String(),
    "group_order": pl.Int64(),
    "label_sv": pl.String(),
    "label_en": pl.String(),
    "status": pl.String(),
    "status_order": pl.Int64(),
    "status_sv": pl.String(),
    "status_en": pl.String(),
    "n": pl.Int64(),
    "n_suppressed": pl.Boolean(),
    "share": pl.Float64(),
    "share_suppressed": pl.Boolean(),
    "group_total": pl.Int64(),
    "group_total_suppressed": pl.Boolean(),
    "in_work_n": pl.Int64(),
    "in_work_n_suppressed": pl.Boolean(),
    "in_work_rate": pl.Float64(),
    "in_work_rate_suppressed": pl.Boolean(),
    "qualified_n": pl.Int64(),
    "qualified_n_suppressed": pl.Boolean(),
    "qualified_rate": pl.Float64(),
    "qualified_rate_suppressed": pl.Boolean(),
}

_Cells = dict[str, dict[Any, int | None]]


def _category_cube(
    frame: pl.DataFrame,
    groups: Sequence[str],
    column: str,
    categories: Sequence[Any],
    min_count: int,
    fixed: Mapping[tuple[Any, ...], bool] | None = None,
) -> tuple[_Cells, _Cells]:
    """Counts by (group, category) suppressed as one table with totals: for each group, the
    published counts by category (``None`` = the group total, null = hidden) and the true ones.
    """
    counts = frame.group_by("group", column).agg(n=pl.len().cast(pl.Int64))
    cube = suppress_counts(
        counts,
        ["group", column],
        count="n",
        min_count=min_count,
        levels={"group": list(groups), column: list(categories)},
        totals=True,
        fixed=fixed,
    )
    published: _Cells = {g: {} for g in groups}
    for group, category, n in cube.select("group", column, "n").iter_rows():
        if group is not None:
            published[group][category] = n
    true: _Cells = {g: dict.fromkeys([*categories, None], 0) for g in groups}
    for group, category, n in counts.iter_rows():
        true[group][category] = n
        true[group][None] += n  # type: ignore[operator]
    return published, true


def _status_margins(frame: pl.DataFrame, min_count: int) -> dict[str | None, bool]:
    """Which status totals of these follow-ups are hidden (True), by status (None: all).

    The units are the cohorts of each programme. One unit: its statuses protected as one
    line. Several: the totals row of the unit-by-status table whose rows are each unit's own
    margins. So any table of these follow-ups — by programme, by cohort, by gender, alone or
    next to another cohort's — shows and hides the same totals for the same people.
    """
    unit = pl.col("programme").fill_null("")
    if "cohort" in frame.columns:
        unit = pl.concat_str(unit, pl.col("cohort").fill_null(""), separator="\x1f")
    frame = frame.with_columns(_unit=unit)
    units = frame["_unit"].unique(maintain_order=True).to_list()
    levels = {"status": list(FOLLOW_UP_STATUSES)}
    if len(units) <= 1:
        counts = frame.group_by("status").agg(n=pl.len().cast(pl.Int64))
        table = suppress_counts(counts, "status", min_count=min_count, levels=levels, totals=True)
        return dict(zip(table["status"].to_list(), table["n_suppressed"].to_list(), strict=True))
    fixed = {
        (name, status): hide
        for name in units
        for status, hide in _status_margins(
            frame.filter(pl.col("_unit") == name).drop("_unit"), min_count
        ).items()
    }
    counts = frame.group_by("_unit", "status").agg(n=pl.len().cast(pl.Int64))
    table = suppress_counts(
        counts,
        ["_unit", "status"],
        min_count=min_count,
        levels={"_unit": units, **levels},
        totals=True,
        fixed=fixed,
    ).filter(pl.col("_unit").is_null())
    return dict(zip(table["status"].to_list(), table["n_suppressed"].to_list(), strict=True))


def _derived_sum(
    cells: Mapping[Any, int | None], total: int | None, parts: Iterable[Any]
) -> int | None:
    """The sum of ``parts`` when the published ``cells`` and ``total`` already give it, else None.

    Published only when every part is published, or the total and every other cell are: then
    the sum tells nothing the table does not, so it cannot reveal a hidden cell.
    """
    parts = list(parts)
    if all(cells[p] is not None for p in parts):
        return sum(cells[p] for p in parts)  # type: ignore[misc]
    others = [c for c in cells if c not in parts]
    if total is not None and all(cells[c] is not None for c in others):
        return total - sum(cells[c] for c in others)  # type: ignore[misc]
    return None


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _status_table(
    grouped: pl.DataFrame,
    groups: list[str],
    labels: Mapping[str, tuple[str, str]],
    *,
    by: str,
    months: int,
    min_count: int,
) -> pl.DataFrame:
    """The tidy, suppressed table of :func:`outcome_rates` from a frame with group and status."""
    if grouped.is_empty():
        return pl.DataFrame(schema=OUTCOME_RATE_SCHEMA)
    unknown = set(grouped["status"].unique().to_list()) - set(FOLLOW_UP_STATUSES)
    if unknown:
        raise ValueError(f"follow-ups have unknown statuses {sorted(unknown)}")
    # Every grouping of the same follow-ups shares its status totals (and a programme's row
    # is the same people as that programme's totals): they are shown and hidden alike in
    # every table, so no table's published margin gives away another's hidden one.
    fixed = {(None, s): hide for s, hide in _status_margins(grouped, min_count).items()}
    if by in ("programme", "cohort"):
        for group in groups:
            own = grouped.filter(pl.col("group") == group)
            fixed |= {(group, s): hide for s, hide in _status_margins(own, min_count).items()}
    published, true = _category_cube(
        grouped, groups, "status", FOLLOW_UP_STATUSES, min_count, fixed
    )
    sv, en = _group_labels(by, groups, labels)
    rows = []
    for order, group in enumerate(groups):
        cells = {s: published[group][s] for s in FOLLOW_UP_STATUSES}
        total, true_total = published[group][None], true[group][None]
        in_work = _derived_sum(cells, total, IN_WORK_STATUSES)
        true_in_work = sum(true[group][s] for s in IN_WORK_STATUSES)  # type: ignore[misc]
        for status_order, status in enumerate(FOLLOW_UP_STATUSES):
            rows.append(
                {
                    "by": by,
                    "months": months,
                    "group": group,
                    "group_order": order,
                    "label_sv": sv[order],
                    "label_en": en[order],
                    "status": status,
                    "status_order": status_order,
                    "status_sv": label("status", status, "sv"),
                    "status_en": label("status", status, "en"),
                    "n": cells[status],
                    "n_suppressed": cells[status] is None,
                    "share": _ratio(true[group][status], true_total),  # type: ignore[arg-type]
                    "group_total": total,
                    "group_total_suppressed": total is None,
                    "in_work_n": in_work,
                    "in_work_n_suppressed": in_work is None,
                    "in_work_rate": _ratio(true_in_work, true_total),  # type: ignore[arg-type]
                    "qualified_n": cells["qualified_job"],
                    "qualified_n_suppressed": cells["qualified_job"] is None,
                    "qualified_rate": _ratio(true[group]["qualified_job"], true_total),  # type: ignore[arg-type]
                }
            )
    table = pl.DataFrame(
        rows, schema={k: v for k, v in OUTCOME_RATE_SCHEMA.items() if k in rows[0]}
    )
    for value, numerator in (
        ("share", "n"),
        ("in_work_rate", "in_work_n"),
        ("qualified_rate", "qualified_n"),
    ):
        table = suppress_statistic(
            table, value, denominator="group_total", numerator=numerator, min_count=min_count
        )
    return table.select(list(OUTCOME_RATE_SCHEMA))


# --------------------------------------------------------------------------- outcome figures


def _followups_at(followups: pl.DataFrame, months: int) -> pl.DataFrame:
    _require_columns(followups, ["adept_id", "months", "status"], "followups")
    if months not in FOLLOW_UP_MONTHS:
        raise ValueError(f"months must be one of {FOLLOW_UP_MONTHS}, not {months!r}")
    frame = followups
    if "programme" not in frame.columns:
        frame = frame.with_columns(programme=pl.lit("", dtype=pl.String))
    return frame.filter(pl.col("months") == months)


def outcome_rates(
    followups: pl.DataFrame,
    adepts: pl.DataFrame | None = None,
    *,
    by: str,
    months: int = 12,
    plan: Plan | MatchResult | Mapping[str, Plan | MatchResult] | None = None,
    mentors: pl.DataFrame | None = None,
    workplaces: pl.DataFrame | None = None,
    min_count: int = DEFAULT_MIN_COUNT,
) -> pl.DataFrame:
    """Adepts' status ``months`` after the start, per group, suppressed: a tidy frame.

    ``by`` is one of :data:`GROUPINGS`:

    - ``gender``: the adept's gender (``adepts`` needed, e.g. :func:`programme_adepts`).
    - ``cohort``: the follow-up file's cohort, else the adept's.
    - ``field``: the family (:mod:`smile_core.fields`) of the adept's wished job, else of their
      own field; a field outside every family is its own group.
    - ``workplace``: the workplace of the adept's mentor in ``plan`` (a plan or result, or one
      per programme keyed by programme name); ``mentors`` (a mentors frame) supplies
      workplaces a bare plan lacks, ``workplaces`` the names. Adepts without a mentor are
      :data:`~smile_core.labels.NOT_MATCHED`.
    - ``programme``: the follow-ups' ``programme`` column (compare programmes or years).

    Only adepts with a follow-up at ``months`` count. An adept the grouping cannot place is
    :data:`~smile_core.labels.UNKNOWN_GROUP`. With several programmes, ``adepts`` needs a
    ``programme`` column too (then the join is on programme and id).

    Returns one row per group and status (all of :data:`FOLLOW_UP_STATUSES`, in order):
    ``by``, ``months``, ``group`` (code), ``group_order``, ``label_sv``/``label_en`` (group in
    words), ``status``, ``status_order``, ``status_sv``/``status_en``, ``n`` (count),
    ``share`` (n / group total), ``group_total``, and per group (repeated on its rows)
    ``in_work_n``/``in_work_rate`` (qualified + other job) and
    ``qualified_n``/``qualified_rate``. Every figure has a ``<name>_suppressed`` flag and is
    null where hidden. :func:`group_rates` gives one row per group.
    """
    check_min_count(min_count)
    if by not in GROUPINGS:
        raise ValueError(f"cannot group by {by!r}; choose one of {GROUPINGS}")
    at = _followups_at(followups, months)
    grouped, groups, labels = _group(at, by, adepts, plan, mentors, workplaces)
    return _status_table(grouped, groups, labels, by=by, months=months, min_count=min_count)


def group_rates(rates: pl.DataFrame) -> pl.DataFrame:
    """One row per group of an :func:`outcome_rates` frame: its total and in-work and
    qualified-job counts and rates, each with its ``_suppressed`` flag."""
    columns = [
        "by",
        "months",
        "group",
        "group_order",
        "label_sv",
        "label_en",
        *(c for name in _RATE_COLUMNS for c in (name, f"{name}_suppressed")),
    ]
    return rates.unique(subset="group", keep="first", maintain_order=True).select(columns)


def _bands(bins: Sequence[float]) -> list[tuple[float, float, str]]:
    edges = [float(b) for b in bins]
    if len(edges) < 2 or any(b <= a for a, b in itertools.pairwise(edges)):
        raise ValueError("bins must be at least two increasing edges")
    return [
        (low, high, f"{_number(low)}–{_number(high)}") for low, high in itertools.pairwise(edges)
    ]


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def outcome_by_score(
    followups: pl.DataFrame,
    result_or_plan: Plan | MatchResult | Mapping[str, Plan | MatchResult],
    months: int = 12,
    bins: Sequence[float] = DEFAULT_SCORE_BANDS,
    *,
    min_count: int = DEFAULT_MIN_COUNT,
) -> pl.DataFrame:
    """Outcomes of matched adepts by the score band of their pair, suppressed.

    Bands are ``[bins[i], bins[i+1])``, the last one closed; the group is the band ("60–70"),
    in band order; scores outside the bins fall in the nearest band. Only matched adepts with
    a follow-up at ``months`` count. Same columns as :func:`outcome_rates` (``by`` is
    "score_band"). With several programmes, pass one plan per programme keyed by its name.
    """
    check_min_count(min_count)
    bands = _bands(bins)
    at = _followups_at(followups, months)
    pairs, keys = _plan_frame(result_or_plan, None)
    matched = at.join(pairs.select(*keys, "score"), on=keys, how="inner", maintain_order="left")
    band_of = pl.lit(bands[-1][2])
    for _low, high, name in reversed(bands[:-1]):
        band_of = pl.when(pl.col("score") < high).then(pl.lit(name)).otherwise(band_of)
    grouped = matched.with_columns(group=band_of)
    present = set(grouped["group"].to_list())
    groups = [name for _, _, name in bands if name in present]
    labels = {name: (name, name) for _, _, name in bands}
    return _status_table(
        grouped, groups, labels, by="score_band", months=months, min_count=min_count
    )


def contribution_summary(
    followups: pl.DataFrame,
    *,
    months: int = 12,
    by_programme: bool = True,
    min_count: int = DEFAULT_MIN_COUNT,
) -> pl.DataFrame:
    """Among adepts in work at ``months``: how many say the mentor contributed, suppressed.

    One row per group (each programme, or "all" when ``by_programme`` is false) and answer
    ("yes", "no", "unknown" for blank): ``group``, ``answer``, ``n``, ``in_work`` (the group's
    adepts in work), ``share`` (n / in_work), each with a ``_suppressed`` flag.
    """
    check_min_count(min_count)
    at = _followups_at(followups, months).filter(pl.col("status").is_in(IN_WORK_STATUSES))
    if "mentor_contributed" not in at.columns:
        at = at.with_columns(mentor_contributed=pl.lit(None, dtype=pl.Boolean))
    answers = ("yes", "no", "unknown")
    schema = {
        "group": pl.String,
        "answer": pl.String,
        "n": pl.Int64,
        "n_suppressed": pl.Boolean,
        "in_work": pl.Int64,
        "in_work_suppressed": pl.Boolean,
        "share": pl.Float64,
    }
    if at.is_empty():
        return pl.DataFrame(schema={**schema, "share_suppressed": pl.Boolean})
    at = at.with_columns(
        answer=pl.when(pl.col("mentor_contributed").is_null())
        .then(pl.lit("unknown"))
        .when(pl.col("mentor_contributed"))
        .then(pl.lit("yes"))
        .otherwise(pl.lit("no")),
        group=pl.col("programme") if by_programme else pl.lit("all"),
    )
    groups = at["group"].unique(maintain_order=True).to_list()
    published, true = _category_cube(at, groups, "answer", answers, min_count)
    rows = [
        {
            "group": group,
            "answer": answer,
            "n": published[group][answer],
            "n_suppressed": published[group][answer] is None,
            "in_work": published[group][None],
            "in_work_suppressed": published[group][None] is None,
            "share": _ratio(true[group][answer], true[group][None]),  # type: ignore[arg-type]
        }
        for group in groups
        for answer in answers
    ]
    table = pl.DataFrame(rows, schema=schema)
    return suppress_statistic(
        table, "share", denominator="in_work", numerator="n", min_count=min_count
    )


# --------------------------------------------------------------------------- survey


def survey_summary(
    evaluations: pl.DataFrame,
    min_count: int = DEFAULT_MIN_COUNT,
    *,
    by_programme: bool = False,
) -> pl.DataFrame:
    """Per role and item: the answers 1–5, their shares, the mean and the share agreeing.

    One row per (programme when ``by_programme``,) role, item and answer: ``programme``
    ("" when pooled), ``role``, ``item``, ``item_sv``/``item_en`` (the item in words),
    ``answer``, ``n``, ``share``; and per item (repeated on its rows) ``respondents``,
    ``mean``, ``agree_n`` (answers 4 and 5) and ``agree_share``. Each figure has a
    ``<name>_suppressed`` flag and is null where hidden (rules in the module doc).
    """
    check_min_count(min_count)
    _require_columns(evaluations, ["role", "item", "answer"], "evaluations")
    frame = evaluations
    if not by_programme or "programme" not in frame.columns:
        frame = frame.with_columns(programme=pl.lit("", dtype=pl.String))
    rows: list[dict[str, Any]] = []
    keys = frame.select("programme", "role", "item").unique(maintain_order=True)
    role_rank = {r: i for i, r in enumerate(ROLES)}
    ordered = sorted(keys.iter_rows(), key=lambda k: (k[0], role_rank.get(k[1], len(ROLES)), k[2]))
    for programme, role, item in ordered:
        answers = frame.filter(
            pl.col("programme") == programme, pl.col("role") == role, pl.col("item") == item
        )
        rows.extend(_item_rows(programme, role, item, answers["answer"].to_list(), min_count))
    if not rows:
        return pl.DataFrame(schema=SURVEY_SCHEMA)
    return pl.DataFrame(rows, schema=SURVEY_SCHEMA).select(list(SURVEY_SCHEMA))


def _item_rows(
    programme: str, role: str, item: str, answers: list[int], min_count: int
) -> list[dict[str, Any]]:
    stray = sorted(set(answers) - set(ANSWERS))
    if stray:
        raise ValueError(f"answers must be 1-5, not {stray}")
    frame = pl.DataFrame({"group": [item] * len(answers), "answer": answers})
    published, _ = _category_cube(frame, [item], "answer", ANSWERS, min_count)
    cells = {a: published[item][a] for a in ANSWERS}
    total = published[item][None]
    true = {a: answers.count(a) for a in ANSWERS}
    agree = _derived_sum(cells, total, AGREE_ANSWERS)
    hidden = [a for a in ANSWERS if cells[a] is None]
    # The mean gives away the answers' sum; check it against what the counts leave open.
    pins = _mean_pins_a_hidden_count(
        hidden,
        sum(true[a] for a in hidden),
        sum(a * true[a] for a in hidden),
    )
    common = {
        "programme": programme,
        "role": role,
        "item": item,
        "item_sv": label("item", item, "sv"),
        "item_en": label("item", item, "en"),
        "respondents": total,
        "respondents_suppressed": total is None,
        "mean": None if pins else round(sum(answers) / len(answers), 2),
        "mean_pins": pins,
        "agree_n": agree,
        "agree_n_suppressed": agree is None,
        "agree_share": _ratio(true[4] + true[5], len(answers)),
    }
    rows = [
        {
            **common,
            "answer": a,
            "n": cells[a],
            "n_suppressed": cells[a] is None,
            "share": _ratio(true[a], len(answers)),
        }
        for a in ANSWERS
    ]
    table = pl.DataFrame(rows, schema=_ITEM_SCHEMA)
    table = suppress_statistic(
        table, "share", denominator="respondents", numerator="n", min_count=min_count
    )
    table = suppress_statistic(
        table, "agree_share", denominator="respondents", numerator="agree_n", min_count=min_count
    )
    table = suppress_statistic(table, "mean", denominator="respondents", min_count=min_count)
    table = table.with_columns(
        mean_suppressed=pl.col("mean_suppressed") | pl.col("mean_pins")
    ).drop("mean_pins")
    return table.to_dicts()


_ITEM_SCHEMA: dict[str, pl.DataType] = {
    "programme": pl.String(),
    "role": pl.String(),
    "item": pl.String(),
    "item_sv": pl.String(),
    "item_en": pl.String(),
    "answer": pl.Int64(),
    "n": pl.Int64(),
    "n_suppressed": pl.Boolean(),
    "share": pl.Float64(),
    "respondents": pl.Int64(),
    "respondents_suppressed": pl.Boolean(),
    "mean": pl.Float64(),
    "mean_pins": pl.Boolean(),
    "agree_n": pl.Int64(),
    "agree_n_suppressed": pl.Boolean(),
    "agree_share": pl.Float64(),
}

#: The columns of :func:`survey_summary`, in order.
SURVEY_SCHEMA: dict[str, pl.DataType] = {
    "programme": pl.String(),
    "role": pl.String(),
    "item": pl.String(),
    "item_sv": pl.String(),
    "item_en": pl.String(),
    "answer": pl.Int64(),
    "n": pl.Int64(),
    "n_suppressed": pl.Boolean(),
    "share": pl.Float64(),
    "share_suppressed": pl.Boolean(),
    "respondents": pl.Int64(),
    "respondents_suppressed": pl.Boolean(),
    "mean": pl.Float64(),
    "mean_suppressed": pl.Boolean(),
    "agree_n": pl.Int64(),
    "agree_n_suppressed": pl.Boolean(),
    "agree_share": pl.Float64(),
    "agree_share_suppressed": pl.Boolean(),
}


def _mean_pins_a_hidden_count(weights: Sequence[int], hidden_sum: int, weighted_sum: int) -> bool:
    """Whether knowing the answers' exact sum fixes a hidden count the counts leave open.

    The hidden counts are whole numbers >= 0 adding up to ``hidden_sum`` (known from the
    total); the mean adds that ``sum(weight * count) == weighted_sum``. Without the mean, a
    hidden count is fixed only when ``hidden_sum`` is 0 (or one count is hidden, which
    complementary suppression never leaves); with it, a count is fixed when every solution
    gives it the same value.
    """
    if hidden_sum == 0 or len(weights) < 2:
        return False
    weights = tuple(weights)
    for i, weight in enumerate(weights):
        rest = weights[:i] + weights[i + 1 :]
        values = 0
        for value in range(hidden_sum + 1):
            if _solvable(rest, hidden_sum - value, weighted_sum - weight * value):
                values += 1
                if values == 2:
                    break
        if values < 2:
            return True
    return False


@lru_cache(maxsize=65536)
def _solvable(weights: tuple[int, ...], total: int, weighted: int) -> bool:
    """Whether whole numbers >= 0, one per weight, add up to ``total`` and, weighted, to
    ``weighted``."""
    if total < 0:
        return False
    if not weights:
        return total == 0 and weighted == 0
    if not min(weights) * total <= weighted <= max(weights) * total:
        return False
    if len(weights) == 1:
        return weighted == weights[0] * total
    first, rest = weights[0], weights[1:]
    return any(_solvable(rest, total - v, weighted - first * v) for v in range(total + 1))
