"""Follow-ups and evaluation answers from the coordinator's files, checked.

:func:`load_followups` and :func:`load_evaluations` read any CSV or workbook
:func:`~smile_core.ingest.reading.read_table` reads with the one table reader
(:mod:`smile_core.ingest.table_reader`): English or Swedish headers and words, every problem
collected before answering (file, Excel row, column, value, Swedish and English). Any error leaves
``frame`` as ``None``.

- A follow-up row is an adept's status ``months`` (3, 6 or 12) after the start: one of
  :data:`~smile_core.outcomes.outcome_records.FOLLOW_UP_STATUSES`, with whether the adept says the
  mentor contributed (yes, no or blank). With a programme, an adept id it does not know is an
  error; the same adept and month twice is an error.
- An evaluation row is one answer (1–5) of one respondent (adept or mentor) to one item. With
  a programme, a respondent id not among its adepts or mentors (by role) is an error; the same
  respondent, role and item twice is an error; a row with a blank answer is left out with a
  warning.

Both frames carry a ``programme`` column (the name given, else the programme's, else the
file's) so follow-ups of several cohorts or programmes can be stacked with :func:`combine`
and compared by :mod:`smile_core.outcomes.outcome_figures`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import polars as pl

from smile_core.ingest.mapping import TableMapping
from smile_core.ingest.participants import Programme
from smile_core.ingest.problems import Problem, Report, Severity
from smile_core.ingest.reading import DEFAULT_LIMITS, Limits, SourceFile, read_table
from smile_core.ingest.table_reader import (
    Field,
    Parsed,
    TableRead,
    TableSpec,
    UniqueKey,
    fail,
    left_out,
    ok,
    parse_id,
    parse_text,
    read_rows,
)
from smile_core.ingest.vocabulary import (
    NO_WORDS,
    TABLE_LABELS,
    YES_WORDS,
    clean_text,
    is_blank,
    word_key,
)
from smile_core.outcomes.outcome_records import (
    EVALUATION_SCHEMA,
    FOLLOW_UP_MONTHS,
    FOLLOWUP_SCHEMA,
)
from smile_core.text import Message, t
from smile_core.text.labels import labels as label_table
from smile_core.text.messages import catalogued, quoted, texts

# --------------------------------------------------------------------------- words

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
#: The statuses a follow-up may give, as a message names them.
_STATUS_LIST = Message.of("reader.outcomes.status_words")

#: A follow-up's "did the mentor contribute" takes every yes/no word and a few looser answers.
_YES = YES_WORDS | {word_key("ja absolut")}
_NO = NO_WORDS | frozenset(map(word_key, ("inte", "not")))
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


# --------------------------------------------------------------------------- cell parsers


def _parse_months(text: str) -> Parsed:
    cleaned = clean_text(text)
    if is_blank(cleaned):
        return fail(*texts("reader.outcomes.months_missing"))
    match = _MONTHS.fullmatch(cleaned)
    months = int(match.group(1)) if match else _MONTH_WORDS.get(word_key(cleaned))
    if months not in FOLLOW_UP_MONTHS:
        return fail(*texts("reader.outcomes.months_unknown", value=quoted(cleaned)))
    return ok(months)


def _parse_status(text: str) -> Parsed:
    cleaned = clean_text(text)
    if is_blank(cleaned):
        return fail(*texts("reader.outcomes.status_missing", words=_STATUS_LIST))
    status = _STATUS_INDEX.get(word_key(cleaned))
    if status is None:
        return fail(
            *texts(
                "reader.outcomes.status_unknown",
                value=quoted(cleaned),
                words=_STATUS_LIST,
            )
        )
    return ok(status)


def _parse_contributed(text: str) -> Parsed:
    cleaned = clean_text(text)
    key = word_key(cleaned)
    if is_blank(cleaned) or key in _DONT_KNOW:
        return ok(None)
    if key in _YES:
        return ok(True)
    if key in _NO:
        return ok(False)
    return fail(*texts("reader.outcomes.contributed_unknown", value=quoted(cleaned)))


def _parse_role(text: str) -> Parsed:
    cleaned = clean_text(text)
    role = _ROLE_INDEX.get(word_key(cleaned))
    if role is None:
        blank_sv, blank_en = texts("reader.outcomes.role_blank")
        return fail(
            *texts(
                "reader.outcomes.role_unknown",
                sv={"value": quoted(cleaned) if cleaned else blank_sv},
                en={"value": quoted(cleaned) if cleaned else blank_en},
            )
        )
    return ok(role)


def _parse_item(text: str) -> Parsed:
    cleaned = clean_text(text)
    if is_blank(cleaned):
        return fail(*texts("reader.outcomes.item_missing"))
    return ok(_ITEM_INDEX.get(word_key(cleaned), cleaned))


def _parse_answer(text: str) -> Parsed:
    cleaned = clean_text(text)
    if is_blank(cleaned):
        return left_out(*texts("reader.outcomes.answer_missing"))
    match = _ANSWER.fullmatch(cleaned)
    if match is None:
        return fail(*texts("reader.outcomes.answer_unknown", value=quoted(cleaned)))
    return ok(int(match.group(1)))


# --------------------------------------------------------------------------- tables


def _repeated_followup(values: Mapping[str, Any], first: int, number: int) -> tuple[str, str]:
    return texts(
        "reader.outcomes.repeated_followup",
        adept=quoted(values["adept_id"]),
        months=values["months"],
        first=first,
        row=number,
    )


def _repeated_answer(values: Mapping[str, Any], first: int, number: int) -> tuple[str, str]:
    return texts(
        "reader.outcomes.repeated_answer",
        respondent=quoted(values["respondent_id"]),
        item=quoted(values["item"]),
        first=first,
        row=number,
    )


#: The follow-up table as the table reader declares it.
FOLLOWUP_TABLE = TableSpec(
    key="followups",
    rows_sv=t("reader.rows.follow_ups", "sv"),
    rows_en=t("reader.rows.follow_ups", "en"),
    unique=(UniqueKey(("adept_id", "months"), _repeated_followup),),
    fields=(
        Field(
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
            parse_id,
            required=True,
        ),
        Field(
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
            _parse_months,
            required=True,
        ),
        Field(
            "status",
            "Status",
            ("sysselsättning", "utfall", "outcome", "situation", "läge", "resultat"),
            _parse_status,
            required=True,
        ),
        Field(
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
            _parse_contributed,
        ),
        Field("cohort", "Kohort", ("kohort", "omgång", "intag", "intake", "grupp"), parse_text),
    ),
)

#: The evaluation table as the table reader declares it.
EVALUATION_TABLE = TableSpec(
    key="evaluations",
    rows_sv=t("reader.rows.evaluation_answers", "sv"),
    rows_en=t("reader.rows.evaluation_answers", "en"),
    unique=(UniqueKey(("respondent_id", "role", "item"), _repeated_answer),),
    fields=(
        Field(
            "respondent_id",
            "Svarande",
            ("respondent id", "respondent", "id", "svarande", "deltagar-id", "adept/mentor id"),
            parse_id,
            required=True,
        ),
        Field("role", "Roll", ("roll", "typ", "type", "grupp"), _parse_role, required=True),
        Field(
            "item",
            "Fråga",
            ("fråga", "påstående", "question", "frågor", "variabel"),
            _parse_item,
            required=True,
        ),
        Field(
            "answer",
            "Svar",
            ("svar", "värde", "score", "value", "betyg"),
            _parse_answer,
            required=True,
        ),
    ),
)


def _read(
    source: SourceFile, spec: TableSpec, limits: Limits, mapping: TableMapping | None
) -> tuple[TableRead | None, str, list[Problem]]:
    """The file read by ``spec``, the name its problems carry, and every problem so far.

    ``None`` when the file could not be read as a table at all.
    """
    raw, report = read_table(source, limits)
    if raw is None:
        return None, source.name, list(report.problems)
    read = read_rows(spec, raw, mapping)
    return read, raw.file, [*report.problems, *read.problems]


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
    mapping: TableMapping | None = None,
) -> FollowupLoad:
    """Read and check a follow-up file (see the module doc for the rules).

    Columns (English or Swedish headers): ``adept_id``, ``months`` (3/6/12), ``status``,
    optional ``mentor_contributed`` and ``cohort``. ``programme`` lets unknown adept ids be
    reported and fills ``cohort`` from the adepts when the file has none. ``mapping`` is the
    coordinator's column mapping (:class:`~smile_core.ingest.mapping.TableMapping`) for other
    headers.
    """
    read, file, problems = _read(source, FOLLOWUP_TABLE, limits, mapping)
    if read is None or read.blocked:
        return FollowupLoad(None, Report(tuple(problems)))
    rows = read.rows
    id_header = read.header_of("adept_id") or "adept_id"
    known = programme.adept_by_id if programme is not None else None
    for row in rows:
        adept_id = row.values.get("adept_id")
        if adept_id is None:
            continue
        if known is not None and adept_id not in known:
            problems.append(
                catalogued(
                    Severity.ERROR,
                    file,
                    "reader.outcomes.unknown_adept",
                    row=row.number,
                    column=id_header,
                    value=adept_id,
                    adept=quoted(adept_id),
                )
            )
            row.valid = False
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
    mapping: TableMapping | None = None,
) -> EvaluationLoad:
    """Read and check an evaluation file (see the module doc for the rules).

    Columns (English or Swedish headers): ``respondent_id``, ``role`` (adept/mentor), ``item``,
    ``answer`` (1–5). ``programme`` lets unknown respondents be reported. ``mapping`` is the
    coordinator's column mapping (:class:`~smile_core.ingest.mapping.TableMapping`) for other
    headers.
    """
    read, file, problems = _read(source, EVALUATION_TABLE, limits, mapping)
    if read is None or read.blocked:
        return EvaluationLoad(None, Report(tuple(problems)))
    rows = read.rows
    id_header = read.header_of("respondent_id") or "respondent_id"
    for row in rows:
        respondent, role = row.values.get("respondent_id"), row.values.get("role")
        if respondent is None or role is None:
            continue
        if programme is not None:
            known = programme.adept_by_id if role == "adept" else programme.mentor_by_id
            if respondent not in known:
                who_sv, who_en = TABLE_LABELS["adepts" if role == "adept" else "mentors"]
                problems.append(
                    catalogued(
                        Severity.ERROR,
                        file,
                        "reader.outcomes.unknown_respondent",
                        row=row.number,
                        column=id_header,
                        value=respondent,
                        respondent=quoted(respondent),
                        sv={"who": who_sv},
                        en={"who": who_en},
                    )
                )
                row.valid = False
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
