"""The participant tables as the table reader declares them: adepts, mentors, workplaces.

Each field's headers (Swedish and English, from :mod:`smile_core.ingest.vocabulary`), its cell
parser and whether it is required, plus each table's own column checks and its unique ID. The rules
a parser keeps (what a blank cell means, which words are known) are in
:mod:`smile_core.ingest.validation`'s module doc; the generic reading is
:mod:`smile_core.ingest.table_reader`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Any

from smile_core.ingest.birth_regions import (
    MIGRATION_NO,
    MIGRATION_YES,
    REGION_WORDS_EN,
    REGION_WORDS_SV,
    country_region,
    parse_birth_region,
)
from smile_core.ingest.participants import Gender
from smile_core.ingest.problems import Problem, Severity
from smile_core.ingest.role_columns import claims_column
from smile_core.ingest.table_reader import (
    Field,
    Parsed,
    Parser,
    TableSpec,
    UniqueKey,
    fail,
    ok,
    parse_id,
    parse_text,
)
from smile_core.ingest.vocabulary import (
    FIELD_HEADERS_SV,
    GENDER_WORDS_EN,
    GENDER_WORDS_SV,
    GOAL_TAG_LABELS_SV,
    HEADER_SYNONYMS,
    ID_FALLBACK_FIELDS,
    MENTOR_TYPE_LABELS_SV,
    PREFERENCE_WORDS_EN,
    PREFERENCE_WORDS_SV,
    REQUIRED_FIELDS,
    SWEDISH_LEVEL_WORDS_EN,
    SWEDISH_LEVEL_WORDS_SV,
    TABLE_LABELS,
    TABLES,
    YES_NO_WORDS_EN,
    YES_NO_WORDS_SV,
    clean_text,
    is_blank,
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
)
from smile_core.text.messages import catalogued, quoted, texts

# --------------------------------------------------------------------------- cells


def _unknown_word(key: str, text: str, words_sv: str, words_en: str) -> Parsed:
    """The error for a cell whose word the vocabulary does not know: the catalogue text ``key``
    with the cell's value and the words it may be, in each language."""
    return fail(
        *texts(key, value=quoted(clean_text(text)), sv={"words": words_sv}, en={"words": words_en})
    )


def _parse_gender(text: str) -> Parsed:
    gender = parse_gender(text)
    if gender is None:
        return _unknown_word(
            "reader.participants.gender_unknown", text, GENDER_WORDS_SV, GENDER_WORDS_EN
        )
    if gender is Gender.UNDISCLOSED:
        return ok(gender, texts("reader.participants.gender_undisclosed"))
    return ok(gender)


def _parse_field(text: str) -> Parsed:
    if is_blank(text):
        return fail(*texts("reader.participants.field_missing"))
    return ok(normalise_category(text))


def _parse_category(text: str) -> Parsed:
    return ok("" if is_blank(text) else normalise_category(text))


def _parse_swedish_level(text: str) -> Parsed:
    level = parse_swedish_level(text)
    if level is None:
        return _unknown_word(
            "reader.participants.swedish_level_unknown",
            text,
            SWEDISH_LEVEL_WORDS_SV,
            SWEDISH_LEVEL_WORDS_EN,
        )
    return ok(level)


def _parse_preference(text: str) -> Parsed:
    preference = parse_mentor_gender_preference(text)
    if preference is None:
        return _unknown_word(
            "reader.participants.preference_unknown", text, PREFERENCE_WORDS_SV, PREFERENCE_WORDS_EN
        )
    return ok(preference)


def _parse_yes_no(text: str) -> Parsed:
    answer = parse_yes_no(text)
    if answer is None:
        return _unknown_word(
            "reader.participants.yes_no_unknown", text, YES_NO_WORDS_SV, YES_NO_WORDS_EN
        )
    return ok(answer)


_KNOWN_TAGS_SV = ", ".join(GOAL_TAG_LABELS_SV.values())
_KNOWN_TAGS_EN = (
    "network, labour market, workplace culture, language, CV and interview, trade skills, education"
)


def _parse_tags(text: str) -> Parsed:
    parsed = parse_tags(text)
    return ok(
        parsed.values,
        *(
            texts(
                "reader.participants.goal_unknown",
                value=quoted(tag),
                sv={"known": _KNOWN_TAGS_SV},
                en={"known": _KNOWN_TAGS_EN},
            )
            for tag in parsed.unknown
        ),
    )


def _parse_languages(text: str) -> Parsed:
    parsed = parse_languages(text)
    return ok(
        parsed.values,
        *(
            texts("reader.participants.language_unknown", value=quoted(language))
            for language in parsed.unknown
        ),
    )


# Birth country, birth region and migration background are optional and sensitive (see
# smile_core.ingest.birth_regions): a word SMILE does not know is a warning naming the value
# (the upload goes on), and the unknown region or answer is left out rather than guessed.


def _parse_birth_country(text: str) -> Parsed:
    country = "" if is_blank(text) else normalise_category(text)
    if country and country_region(country) is None:
        return ok(
            country,
            texts(
                "reader.participants.birth_country_unknown",
                value=quoted(clean_text(text)),
                sv={"words": REGION_WORDS_SV},
                en={"words": REGION_WORDS_EN},
            ),
        )
    return ok(country)


def _parse_birth_region(text: str) -> Parsed:
    region = parse_birth_region(text)
    if region is None:
        return ok(
            "",
            texts(
                "reader.participants.birth_region_unknown",
                value=quoted(clean_text(text)),
                sv={"words": REGION_WORDS_SV},
                en={"words": REGION_WORDS_EN},
            ),
        )
    return ok(region)


def _parse_migration_background(text: str) -> Parsed:
    if is_blank(text):
        return ok("")
    answer = parse_yes_no(text)
    if answer is None:
        return ok(
            "",
            texts(
                "reader.participants.migration_background_unknown",
                value=quoted(clean_text(text)),
            ),
        )
    return ok(MIGRATION_YES if answer else MIGRATION_NO)


def _parse_list(text: str) -> Parsed:
    return ok(split_list(text))


def _parse_people(text: str) -> Parsed:
    # Kept as written: ids, e-mail addresses and names are resolved once both tables are read.
    return ok(tuple(item for item in split_items(text) if not is_blank(item)))


def _parse_mentor_type(text: str) -> Parsed:
    # A list of roles ("handledare; mentor") is read by smile_core.ingest.role_columns; the first
    # role is the mentor type.
    items = split_items(text)
    mentor_type, known = parse_mentor_type(items[0] if len(items) > 1 else text)
    if known:
        return ok(mentor_type)
    return ok(
        mentor_type,
        texts(
            "reader.participants.mentor_type_unknown",
            value=quoted(mentor_type),
            sv={"known": ", ".join(MENTOR_TYPE_LABELS_SV.values())},
            en={"known": "mentor, supervisor, company mentor, social mentor, education mentor"},
        ),
    )


_WHOLE_NUMBER = re.compile(r"[+-]?\d+(?:[.,]0+)?")


def _whole_number(text: str) -> int | Parsed:
    """The text as a whole number ("2", "2.0", "2,0"), else the error outcome."""
    compact = clean_text(text).replace(" ", "")
    if not _WHOLE_NUMBER.fullmatch(compact):
        return fail(*texts("reader.participants.not_whole_number", value=quoted(clean_text(text))))
    return int(re.split(r"[.,]", compact)[0])


def _parse_mentor_capacity(text: str) -> Parsed:
    if is_blank(text):
        return ok(1)
    number = _whole_number(text)
    if isinstance(number, Parsed):
        return number
    if number < 1:
        return fail(*texts("reader.participants.mentor_capacity_below_one"))
    return ok(number)


def _parse_min_group_size(text: str) -> Parsed:
    if is_blank(text):
        return ok(0)
    number = _whole_number(text)
    if isinstance(number, Parsed):
        return number
    if number < 0:
        return fail(*texts("reader.participants.min_group_size_negative"))
    return ok(number)


UNLIMITED = None  # a workplace capacity left blank: resolved once mentors are known


def _parse_workplace_capacity(text: str) -> Parsed:
    if is_blank(text):
        return ok(UNLIMITED, texts("reader.participants.workplace_capacity_blank"))
    number = _whole_number(text)
    if isinstance(number, Parsed):
        return number
    if number < 0:
        return fail(*texts("reader.participants.workplace_capacity_negative"))
    return ok(number)


_PARSERS: dict[str, Parser] = {
    "id": parse_id,
    "name": parse_text,
    "gender": _parse_gender,
    "birth_country": _parse_birth_country,
    "birth_region": _parse_birth_region,
    "migration_background": _parse_migration_background,
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
    "workplace_id": parse_text,
    "mentor_type": _parse_mentor_type,
    "min_group_size": _parse_min_group_size,
    "industry": _parse_category,
    "first_name": parse_text,
    "last_name": parse_text,
    "email": parse_text,
    "organisation": parse_text,
    "job_title": parse_text,
    "grade": parse_text,
    "wishes": _parse_people,
    "avoids": _parse_people,
}


def _parser(table: str, field_name: str) -> Parser:
    if field_name == "capacity":
        return _parse_mentor_capacity if table == "mentors" else _parse_workplace_capacity
    return _PARSERS[field_name]


# --------------------------------------------------------------------------- tables


def _column_checks(table: str) -> Callable[[str, frozenset[str]], list[Problem]]:
    """The table's warnings for columns it lacks (gender, language, workplace capacity)."""
    label_sv, label_en = TABLE_LABELS[table]

    def check(file: str, fields: frozenset[str]) -> list[Problem]:
        problems: list[Problem] = []
        if table != "workplaces" and "gender" not in fields:
            problems.append(
                catalogued(
                    Severity.WARNING,
                    file,
                    "reader.participants.no_gender_column",
                    sv={"rows": label_sv},
                    en={"rows": label_en},
                )
            )
        if table == "adepts" and not {"languages", "swedish_level"} & fields:
            problems.append(
                catalogued(Severity.WARNING, file, "reader.participants.no_language_column")
            )
        if table == "workplaces" and "capacity" not in fields:
            problems.append(
                catalogued(
                    Severity.WARNING, file, "reader.participants.no_workplace_capacity_column"
                )
            )
        return problems

    return check


def _repeated_id(table: str) -> Callable[[Mapping[str, Any], int, int], tuple[str, str]]:
    """How a repeated ID in ``table`` is worded."""
    label_sv, label_en = TABLE_LABELS[table]

    def describe(values: Mapping[str, Any], first: int, number: int) -> tuple[str, str]:
        return texts(
            "reader.repeated_id",
            value=quoted(values["id"]),
            first=first,
            row=number,
            sv={"rows": label_sv},
            en={"rows": label_en},
        )

    return describe


def _spec(table: str) -> TableSpec:
    label_sv, label_en = TABLE_LABELS[table]
    return TableSpec(
        key=table,
        rows_sv=label_sv,
        rows_en=label_en,
        fields=tuple(
            Field(
                name,
                FIELD_HEADERS_SV[name],
                synonyms,
                _parser(table, name),
                required=name in REQUIRED_FIELDS[table],
            )
            for name, synonyms in HEADER_SYNONYMS[table].items()
        ),
        stand_ins=ID_FALLBACK_FIELDS if table != "workplaces" else {},
        column_checks=_column_checks(table),
        unique=(UniqueKey(("id",), _repeated_id(table)),),
        claimed_elsewhere=functools.partial(claims_column, table),
    )


#: The reader's declaration of each participant table, keyed like :data:`TABLES`.
PARTICIPANT_TABLES: dict[str, TableSpec] = {table: _spec(table) for table in TABLES}
