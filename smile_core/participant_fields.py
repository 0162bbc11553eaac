"""The participant tables as the table reader declares them: adepts, mentors, workplaces.

Each field's headers (Swedish and English, from :mod:`smile_core.vocabulary`), its cell parser
and whether it is required, plus each table's own column checks and its unique ID. The rules a
parser keeps (what a blank cell means, which words are known) are in
:mod:`smile_core.validation`'s module doc; the generic reading is :mod:`smile_core.table_reader`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from smile_core.messages import quoted, warning
from smile_core.participants import Gender
from smile_core.problems import Problem
from smile_core.table_reader import (
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
from smile_core.vocabulary import (
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
    clean_text,
    is_blank,
    normalise_category,
    parse_gender,
    parse_languages,
    parse_mentor_gender_preference,
    parse_mentor_type,
    parse_swedish_level,
    parse_tags,
    split_items,
    split_list,
)

# --------------------------------------------------------------------------- cells


def _parse_gender(text: str) -> Parsed:
    gender = parse_gender(text)
    if gender is None:
        return fail(
            f"{quoted(clean_text(text))} är inget känt kön. Skriv {GENDER_WORDS_SV}.",
            f"{quoted(clean_text(text))} is not a known gender. Write {GENDER_WORDS_EN}.",
        )
    if gender is Gender.UNDISCLOSED:
        return ok(
            gender,
            (
                "Kön är inte angivet (vill ej ange); personen räknas varken som kvinna eller man "
                "i jämställdhetsmåtten.",
                "Gender is not given (prefer not to say); the person counts as neither woman "
                "nor man in the equality measures.",
            ),
        )
    return ok(gender)


def _parse_field(text: str) -> Parsed:
    if is_blank(text):
        return fail(
            "Yrke/utbildning saknas. Skriv yrket eller utbildningen, t.ex. ekonom eller svetsare.",
            "Profession/education is missing. Write the profession or education, e.g. "
            "economist or welder.",
        )
    return ok(normalise_category(text))


def _parse_category(text: str) -> Parsed:
    return ok("" if is_blank(text) else normalise_category(text))


def _parse_swedish_level(text: str) -> Parsed:
    level = parse_swedish_level(text)
    if level is None:
        return fail(
            f"{quoted(clean_text(text))} är ingen känd svenskanivå. Skriv "
            f"{SWEDISH_LEVEL_WORDS_SV}, eller lämna tomt.",
            f"{quoted(clean_text(text))} is not a known Swedish level. Write "
            f"{SWEDISH_LEVEL_WORDS_EN}, or leave it blank.",
        )
    return ok(level)


def _parse_preference(text: str) -> Parsed:
    preference = parse_mentor_gender_preference(text)
    if preference is None:
        return fail(
            f"{quoted(clean_text(text))} är inget känt önskemål om mentorns kön. Skriv "
            f"{PREFERENCE_WORDS_SV}.",
            f"{quoted(clean_text(text))} is not a known wish for the mentor's gender. "
            f"Write {PREFERENCE_WORDS_EN}.",
        )
    return ok(preference)


_KNOWN_TAGS_SV = ", ".join(GOAL_TAG_LABELS_SV.values())


def _parse_tags(text: str) -> Parsed:
    parsed = parse_tags(text)
    return ok(
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


def _parse_languages(text: str) -> Parsed:
    parsed = parse_languages(text)
    return ok(
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


def _parse_list(text: str) -> Parsed:
    return ok(split_list(text))


def _parse_people(text: str) -> Parsed:
    # Kept as written: ids, e-mail addresses and names are resolved once both tables are read.
    return ok(tuple(item for item in split_items(text) if not is_blank(item)))


def _parse_mentor_type(text: str) -> Parsed:
    mentor_type, known = parse_mentor_type(text)
    if known:
        return ok(mentor_type)
    return ok(
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


def _whole_number(text: str) -> int | Parsed:
    """The text as a whole number ("2", "2.0", "2,0"), else the error outcome."""
    compact = clean_text(text).replace(" ", "")
    if not _WHOLE_NUMBER.fullmatch(compact):
        return fail(
            f"{quoted(clean_text(text))} är inget heltal. Skriv ett heltal, t.ex. 2.",
            f"{quoted(clean_text(text))} is not a whole number. Write a whole number, e.g. 2.",
        )
    return int(re.split(r"[.,]", compact)[0])


def _parse_mentor_capacity(text: str) -> Parsed:
    if is_blank(text):
        return ok(1)
    number = _whole_number(text)
    if isinstance(number, Parsed):
        return number
    if number < 1:
        return fail(
            "Kapaciteten måste vara minst 1 (så många adepter kan mentorn ta). Kan mentorn "
            "inte ta någon adept nu, ta bort raden.",
            "The capacity must be at least 1 (the number of adepts the mentor can take). If "
            "the mentor cannot take an adept now, remove the row.",
        )
    return ok(number)


def _parse_min_group_size(text: str) -> Parsed:
    if is_blank(text):
        return ok(0)
    number = _whole_number(text)
    if isinstance(number, Parsed):
        return number
    if number < 0:
        return fail(
            "Minsta gruppstorlek kan inte vara negativ. Skriv 0 eller lämna tomt för "
            "1:1-mentorskap.",
            "The minimum group size cannot be negative. Write 0 or leave it blank for 1:1 "
            "mentoring.",
        )
    return ok(number)


UNLIMITED = None  # a workplace capacity left blank: resolved once mentors are known


def _parse_workplace_capacity(text: str) -> Parsed:
    if is_blank(text):
        return ok(
            UNLIMITED,
            (
                "Kapacitet saknas; arbetsplatsen begränsas bara av sina mentorers kapacitet. "
                "Skriv antalet praktikplatser om det finns en gräns.",
                "The capacity is missing; the workplace is limited only by its mentors' "
                "capacities. Write the number of placements if there is a limit.",
            ),
        )
    number = _whole_number(text)
    if isinstance(number, Parsed):
        return number
    if number < 0:
        return fail(
            "Kapaciteten kan inte vara negativ. Skriv antalet praktikplatser: 0 eller fler.",
            "The capacity cannot be negative. Write the number of placements: 0 or more.",
        )
    return ok(number)


_PARSERS: dict[str, Parser] = {
    "id": parse_id,
    "name": parse_text,
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


def _no_workplace_capacity_column(file: str) -> Problem:
    return warning(
        file,
        "Kolumnen Kapacitet saknas; arbetsplatserna begränsas bara av sina mentorers "
        "kapacitet. Lägg till kolumnen om antalet praktikplatser är begränsat.",
        "There is no Kapacitet (capacity) column; workplaces are limited only by their "
        "mentors' capacities. Add the column if the number of placements is limited.",
    )


def _column_checks(table: str) -> Callable[[str, frozenset[str]], list[Problem]]:
    """The table's warnings for columns it lacks (gender, language, workplace capacity)."""

    def check(file: str, fields: frozenset[str]) -> list[Problem]:
        problems: list[Problem] = []
        if table != "workplaces" and "gender" not in fields:
            problems.append(_no_gender_column(table, file))
        if table == "adepts" and not {"languages", "swedish_level"} & fields:
            problems.append(_no_language_column(file))
        if table == "workplaces" and "capacity" not in fields:
            problems.append(_no_workplace_capacity_column(file))
        return problems

    return check


def _repeated_id(table: str) -> Callable[[Mapping[str, Any], int, int], tuple[str, str]]:
    """How a repeated ID in ``table`` is worded."""

    label_sv, label_en = TABLE_LABELS[table]

    def describe(values: Mapping[str, Any], first: int, number: int) -> tuple[str, str]:
        identifier = quoted(values["id"])
        return (
            f"ID {identifier} finns redan på rad {first}. Varje rad med {label_sv} "
            f"behöver ett eget ID; ändra det på en av raderna (rad {first} eller {number}) "
            "eller ta bort dubbletten.",
            f"ID {identifier} is already used in row {first}. Every row of {label_en} "
            f"needs an ID of its own; change it in one of the rows ({first} or {number}) or "
            "remove the duplicate.",
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
    )


#: The reader's declaration of each participant table, keyed like :data:`TABLES`.
PARTICIPANT_TABLES: dict[str, TableSpec] = {table: _spec(table) for table in TABLES}
