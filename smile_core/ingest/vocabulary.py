"""The words coordinators write, and what SMILE understands by them.

Column headers, sheet names, gender words, goal tags, languages, Swedish levels and mentor
types, in Swedish and English. Headers and fixed values are compared by :func:`word_key`
(case, spaces, punctuation and accents do not matter: "Önskat kön på mentor" equals
"onskat kon pa mentor"); free-text categories are stored by :func:`normalise_category`
(trim, collapse spaces, Unicode NFC, case-fold), names by :func:`clean_text` (spelling kept).

Parsers return ``None`` for a word they do not know; the caller decides whether that is an
error (gender, Swedish level) or a warning (tags, languages), and writes the message.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from smile_core.ingest.participants import (
    GOAL_TAGS,
    SWEDISH_LEVEL_RANK,
    Gender,
    MentorGenderPreference,
)

# --------------------------------------------------------------------------- normalisation

# Letters NFKD does not split into base letter + accent, written the way a Swede types
# them without a Nordic keyboard.
_UNSPLIT_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "đ": "d", "ł": "l", "ı": "i"})


def clean_text(text: str | None) -> str:
    """Trim, collapse inner whitespace to one space, Unicode NFC; spelling and case kept."""
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFC", text).split())


def normalise_category(text: str | None) -> str:
    """:func:`clean_text`, then case-folded: the stored form of every free-text category."""
    return clean_text(text).casefold()


@lru_cache(maxsize=8192)
def word_key(text: str) -> str:
    """The comparison key for headers and fixed values: letters and digits only, no accents.

    ``word_key("Önskat kön på mentor") == word_key("onskat-kon-pa mentor") == "onskatkonpamentor"``.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold()).translate(_UNSPLIT_LETTERS)
    return "".join(ch for ch in decomposed if ch.isalnum())


# Cells that only hold a dash mean "nothing here" to the person who typed them.
_BLANK_MARKERS = frozenset({"-", "--", "–", "—", "n/a"})


def is_blank(text: str | None) -> bool:
    """True for an empty or whitespace-only cell, or one holding only a dash or "n/a"."""
    cleaned = clean_text(text)
    return not cleaned or cleaned.casefold() in _BLANK_MARKERS


# --------------------------------------------------------------------------- tables, columns

TABLES: tuple[str, ...] = ("adepts", "mentors", "workplaces")

#: What each table is called in messages, Swedish and English.
TABLE_LABELS: dict[str, tuple[str, str]] = {
    "adepts": ("adepter", "adepts"),
    "mentors": ("mentorer", "mentors"),
    "workplaces": ("arbetsplatser", "workplaces"),
}

#: Fields other mentoring tools' and form exports carry, shared by adepts and mentors.
#: ``first_name`` and ``last_name`` are combined into ``name``; ``email`` is the id when the
#: table has no ID column; ``wishes``/``avoids`` name people of the other table.
_OTHER_TOOL_FIELDS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "email",
    "organisation",
    "job_title",
    "grade",
    "wishes",
    "avoids",
)

#: Fields read from the file that are not attributes of a person: they are folded into others
#: (first and last name into ``name``) when the row is built.
NAME_PART_FIELDS: tuple[str, ...] = ("first_name", "last_name")

#: The fields of each table in the order a coordinator's file usually has them.
TABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "adepts": (
        "id",
        "name",
        "gender",
        "birth_country",
        "birth_region",
        "languages",
        "swedish_level",
        "field",
        "target_field",
        "municipality",
        "region",
        "preferred_mentor_gender",
        "goals",
        "availability",
        "cohort",
        "must_match",
    ),
    "mentors": (
        "id",
        "name",
        "gender",
        "workplace_id",
        "field",
        "languages",
        "municipality",
        "region",
        "capacity",
        "offers",
        "availability",
        "mentor_type",
        "min_group_size",
    ),
    "workplaces": ("id", "name", "industry", "municipality", "region", "capacity"),
}

#: Optional, sensitive columns (see :mod:`smile_core.ingest.birth_regions`) beyond a table's
#: usual ones: a migration background on either table, and a mentor's birth country and region
#: (an adept's are among the usual columns).
BACKGROUND_FIELDS: dict[str, tuple[str, ...]] = {
    "adepts": ("migration_background",),
    "mentors": ("birth_country", "birth_region", "migration_background"),
}

#: Every field a column can be read as (what a column mapping may name): the table's own
#: fields, the background columns, then those other tools' exports carry.
MAPPABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "adepts": (*TABLE_FIELDS["adepts"], *BACKGROUND_FIELDS["adepts"], *_OTHER_TOOL_FIELDS),
    "mentors": (*TABLE_FIELDS["mentors"], *BACKGROUND_FIELDS["mentors"], *_OTHER_TOOL_FIELDS),
    "workplaces": TABLE_FIELDS["workplaces"],
}

#: A file for the table must have these columns, and every row a value in them. Gender is
#: not required: a programme may not collect it (the equality rules are then off), and a blank
#: cell is "undisclosed" (a warning). The id may come from an e-mail column (see
#: :data:`ID_FALLBACK_FIELDS`).
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "adepts": ("id", "field"),
    "mentors": ("id", "field"),
    "workplaces": ("id",),
}

#: The Swedish header SMILE suggests for each field (what the demo files use).
FIELD_HEADERS_SV: dict[str, str] = {
    "id": "ID",
    "name": "Namn",
    "gender": "Kön",
    "birth_country": "Födelseland",
    "birth_region": "Födelseregion",
    "migration_background": "Utländsk bakgrund",
    "languages": "Språk",
    "swedish_level": "Svenskanivå",
    "field": "Yrke/Utbildning",
    "target_field": "Önskat yrke",
    "municipality": "Kommun",
    "region": "Län",
    "preferred_mentor_gender": "Önskat kön på mentor",
    "goals": "Mål",
    "availability": "Tillgänglighet",
    "cohort": "Kohort",
    "must_match": "Måste matchas",
    "workplace_id": "Arbetsplats",
    "capacity": "Kapacitet",
    "offers": "Erbjuder",
    "mentor_type": "Mentorstyp",
    "min_group_size": "Minsta grupp",
    "industry": "Bransch",
    "first_name": "Förnamn",
    "last_name": "Efternamn",
    "email": "E-post",
    "organisation": "Organisation",
    "job_title": "Befattning",
    "grade": "Nivå",
    "wishes": "Önskar",
    "avoids": "Undviker",
}

#: A column that stands in for a missing required one: without an ID column, the e-mail
#: address is the id (other tools identify people by it).
ID_FALLBACK_FIELDS: dict[str, str] = {"email": "id"}

_COMMON_HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("id", "löpnummer", "löpnr", "nr", "id-nummer", "identitet", "kod"),
    "name": ("namn", "name", "fullständigt namn", "för- och efternamn", "full name"),
    "languages": ("språk", "languages", "language", "språkkunskaper", "talar", "talade språk"),
    "field": (
        "yrke/utbildning",
        "utbildning/yrke",
        "yrke",
        "utbildning",
        "yrkesbakgrund",
        "yrke eller utbildning",
        "field",
        "profession",
        "occupation",
        "education",
        "field of work",
    ),
    "municipality": ("kommun", "municipality", "ort", "hemort", "bostadsort", "hemkommun", "city"),
    "region": ("län", "län/region", "region", "county", "region/län"),
    "availability": ("tillgänglighet", "availability", "tider", "tid", "när", "available"),
    "first_name": ("förnamn", "first name", "firstname", "given name", "tilltalsnamn"),
    "last_name": ("efternamn", "last name", "lastname", "surname", "family name"),
    "email": (
        "e-post",
        "epost",
        "e-postadress",
        "email",
        "e-mail",
        "email address",
        "e-mail address",
        "mejl",
        "mejladress",
        "mail",
    ),
    "organisation": (
        "organisation",
        "organization",
        "organisationsnamn",
        "organisation name",
        "organization name",
        "företag",
        "company",
        "arbetsgivare",
        "employer",
        "myndighet",
    ),
    "job_title": (
        "job title",
        "jobbtitel",
        "titel",
        "title",
        "befattning",
        "tjänstetitel",
        "yrkestitel",
        "position",
    ),
    "grade": ("grade", "grad", "nivå", "level", "seniority", "senioritet", "karriärnivå"),
    "gender": ("kön", "gender", "sex", "könstillhörighet", "identity", "gender identity"),
    "wishes": (
        "önskar",
        "wishes",
        "wish",
        "önskemål om person",
        "önskad mentor",
        "önskad adept",
        "wished mentor",
        "wished mentee",
        "preferred mentor",
        "preferred mentee",
    ),
    "avoids": (
        "undviker",
        "undvik",
        "avoid",
        "avoids",
        "inte med",
        "not with",
        "avoid mentor",
        "avoid mentee",
    ),
}

#: The similar-background columns adepts and mentors share (sensitive: see
#: :mod:`smile_core.ingest.birth_regions`). A mentor's file has no bare "Land"/"Country":
#: there it more often means where the mentor works.
_BACKGROUND_HEADERS: dict[str, tuple[str, ...]] = {
    "birth_country": (
        "födelseland",
        "birth_country",
        "birth country",
        "country of birth",
        "ursprungsland",
        "hemland",
    ),
    "birth_region": (
        "födelseregion",
        "birth_region",
        "birth region",
        "region of birth",
        "ursprungsregion",
        "världsdel",
    ),
    "migration_background": (
        "utländsk bakgrund",
        "migration_background",
        "migration background",
        "migrationsbakgrund",
        "foreign background",
        "immigrant background",
        "invandrarbakgrund",
    ),
}

#: Header synonyms per table and field; matched with :func:`word_key`.
HEADER_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "adepts": {
        **_COMMON_HEADERS,
        "id": (
            *_COMMON_HEADERS["id"],
            "adept id",
            "adept-id",
            "mentee id",
            "mentee-id",
            "mentee/adept id",
            "adept/mentee id",
            "deltagar-id",
            "deltagare id",
            "participant id",
        ),
        **_BACKGROUND_HEADERS,
        "birth_country": (*_BACKGROUND_HEADERS["birth_country"], "land", "country"),
        "swedish_level": (
            "svenskanivå",
            "swedish_level",
            "swedish level",
            "nivå i svenska",
            "svenska nivå",
            "nivå svenska",
            "svenskkunskaper",
            "sfi-nivå",
            "sfi",
        ),
        "target_field": (
            "önskat yrke",
            "target_field",
            "target field",
            "önskat arbete",
            "önskad bransch",
            "målyrke",
            "drömyrke",
            "desired job",
            "wished job",
            "target occupation",
        ),
        "preferred_mentor_gender": (
            "önskat kön på mentor",
            "preferred_mentor_gender",
            "preferred mentor gender",
            "mentorns kön",
            "önskat mentorskön",
            "önskemål om mentorns kön",
            "mentor gender preference",
        ),
        "goals": ("mål", "goals", "goal", "mål med mentorskapet", "behov", "önskemål"),
        "cohort": ("kohort", "cohort", "grupp", "omgång", "intag", "intake"),
        "must_match": (
            "måste matchas",
            "must_match",
            "must match",
            "must be matched",
            "ska matchas",
            "garanterad plats",
        ),
    },
    "mentors": {
        **_COMMON_HEADERS,
        "id": (*_COMMON_HEADERS["id"], "mentor id", "mentor-id", "handledar-id"),
        "workplace_id": (
            "arbetsplats",
            "workplace_id",
            "workplace id",
            "workplace",
            "arbetsplats-id",
            "arbetsplats id",
        ),
        "capacity": (
            "kapacitet",
            "capacity",
            "antal adepter",
            "max antal adepter",
            "max adepter",
            "platser",
        ),
        "offers": ("erbjuder", "offers", "kan erbjuda", "erbjudande", "offer", "kan bidra med"),
        "mentor_type": (
            "mentorstyp",
            "mentor_type",
            "mentor type",
            "typ",
            "typ av mentor",
            "roll",
            "role",
            "roller",
            "roles",
        ),
        **_BACKGROUND_HEADERS,
        "min_group_size": (
            "minsta grupp",
            "minsta gruppstorlek",
            "min gruppstorlek",
            "gruppstorlek min",
            "min_group_size",
            "min group size",
            "minimum group size",
        ),
    },
    "workplaces": {
        "id": (
            *_COMMON_HEADERS["id"],
            "arbetsplats-id",
            "arbetsplats id",
            "workplace id",
            "workplace_id",
        ),
        "name": (
            *_COMMON_HEADERS["name"],
            "arbetsplats",
            "företag",
            "företagsnamn",
            "arbetsgivare",
            "workplace",
            "company",
            "employer",
        ),
        "industry": ("bransch", "industry", "sektor", "sector", "verksamhet"),
        "municipality": _COMMON_HEADERS["municipality"],
        "region": _COMMON_HEADERS["region"],
        "capacity": (
            "kapacitet",
            "capacity",
            "platser",
            "antal platser",
            "praktikplatser",
            "placements",
        ),
    },
}


def _header_index() -> dict[str, dict[str, str]]:
    index: dict[str, dict[str, str]] = {}
    for table, fields in HEADER_SYNONYMS.items():
        keys: dict[str, str] = {}
        for field_name, synonyms in fields.items():
            for synonym in (field_name, *synonyms):
                keys.setdefault(word_key(synonym), field_name)
        index[table] = keys
    return index


_HEADER_INDEX = _header_index()


def match_header(table: str, header: str) -> str | None:
    """The canonical field ``header`` names in ``table``, or ``None`` when it is not one of ours."""
    return _HEADER_INDEX[table].get(word_key(header))


#: Sheet names that mean each table in a workbook (matched with :func:`word_key`).
SHEET_SYNONYMS: dict[str, tuple[str, ...]] = {
    "adepts": ("adepts", "adepter", "adept", "mentees", "mentee", "deltagare"),
    "mentors": ("mentors", "mentorer", "mentor", "handledare"),
    "workplaces": (
        "workplaces",
        "arbetsplatser",
        "arbetsplats",
        "arbetsgivare",
        "företag",
        "employers",
    ),
}


def match_sheet(sheet_name: str) -> str | None:
    """The table a workbook sheet called ``sheet_name`` holds, or ``None``."""
    key = word_key(sheet_name)
    for table, names in SHEET_SYNONYMS.items():
        if key in {word_key(name) for name in names}:
            return table
    return None


# --------------------------------------------------------------------------- fixed values


def _index(groups: dict[object, Iterable[str]]) -> dict[str, object]:
    return {word_key(word): value for value, words in groups.items() for word in words}


_GENDER_WORDS = _index(
    {
        Gender.WOMAN: ("kvinna", "k", "f", "kv", "female", "woman", "kvinnlig", "w"),
        Gender.MAN: ("man", "m", "male", "manlig"),
        Gender.NON_BINARY: (
            "icke-binär",
            "ickebinär",
            "x",
            "annat",
            "annan",
            "non-binary",
            "nonbinary",
            "nb",
            "other",
        ),
        Gender.UNDISCLOSED: (
            "vill ej ange",
            "vill inte ange",
            "vill inte uppge",
            "vill ej uppge",
            "vill inte svara",
            "ej angivet",
            "uppgift saknas",
            "okänt",
            "prefer not to say",
            "prefer not to answer",
            "undisclosed",
            "unknown",
        ),
    }
)

#: The words SMILE suggests for gender, as a coordinator writes them.
GENDER_WORDS_SV = "kvinna, man, icke-binär eller vill ej ange (eller lämna tomt)"
GENDER_WORDS_EN = "woman, man, non-binary or prefer not to say (or leave it blank)"


def parse_gender(text: str | None) -> Gender | None:
    """The gender a cell states; blank (or "vill ej ange") is UNDISCLOSED, unknown is ``None``."""
    if is_blank(text):
        return Gender.UNDISCLOSED
    value = _GENDER_WORDS.get(word_key(clean_text(text)))
    return value if isinstance(value, Gender) else None


_PREFERENCE_WORDS = _index(
    {
        MentorGenderPreference.ANY: (
            "spelar ingen roll",
            "ingen preferens",
            "inget önskemål",
            "valfritt",
            "oviktigt",
            "ingen",
            "båda",
            "vilket som",
            "any",
            "both",
            "no preference",
            "doesn't matter",
            "either",
        ),
        MentorGenderPreference.WOMAN: (
            "kvinna",
            "k",
            "f",
            "kv",
            "kvinnlig",
            "kvinnlig mentor",
            "woman",
            "female",
        ),
        MentorGenderPreference.MAN: ("man", "m", "manlig", "manlig mentor", "male"),
    }
)

PREFERENCE_WORDS_SV = "kvinna, man eller spelar ingen roll (eller lämna tomt)"
PREFERENCE_WORDS_EN = "woman, man or any (or leave it blank)"


def parse_mentor_gender_preference(text: str | None) -> MentorGenderPreference | None:
    """An adept's wished mentor gender; blank is ANY, an unknown word is ``None``."""
    if is_blank(text):
        return MentorGenderPreference.ANY
    value = _PREFERENCE_WORDS.get(word_key(clean_text(text)))
    return value if isinstance(value, MentorGenderPreference) else None


_SFI = re.compile(r"sfi(?:kurs)?([abcd])|(?:kurs)?([abcd])sfi")
_CEFR = re.compile(r"([abc])([12])")

SWEDISH_LEVEL_WORDS_SV = "A1, A2, B1, B2, C1, C2 eller SFI A, SFI B, SFI C, SFI D"
SWEDISH_LEVEL_WORDS_EN = "A1, A2, B1, B2, C1, C2 or SFI A, SFI B, SFI C, SFI D"


def parse_swedish_level(text: str | None) -> str | None:
    """A key of ``SWEDISH_LEVEL_RANK`` ("b1", "sfi c"), "" when blank, ``None`` when unknown.

    Any casing and spacing: "SFI C", "sfi-c", "Sfi kurs C", "b1", " B 1 ".
    """
    if is_blank(text):
        return ""
    key = word_key(clean_text(text))
    if match := _SFI.fullmatch(key):
        level = f"sfi {match.group(1) or match.group(2)}"
    elif match := _CEFR.fullmatch(key):
        level = match.group(1) + match.group(2)
    else:
        return None
    return level if level in SWEDISH_LEVEL_RANK else None


# --------------------------------------------------------------------------- lists

_ITEM_SEPARATORS = re.compile(r"[;,|\n]")
_WORD_SEPARATORS = re.compile(r"\s+(?:och|and)\s+|\s*[&/+]\s*", re.IGNORECASE)


def split_items(text: str | None) -> list[str]:
    """The cleaned, non-blank items of a list cell split on ``;`` ``,`` ``|`` or a line break."""
    if not text:
        return []
    return [item for part in _ITEM_SEPARATORS.split(text) if (item := clean_text(part))]


def split_list(text: str | None) -> tuple[str, ...]:
    """A free-text list as normalised categories, also split on "och"/"and", without repeats.

    ``split_list("Måndag och onsdag; kvällar") == ("måndag", "onsdag", "kvällar")``.
    """
    words: list[str] = []
    for item in split_items(text):
        words.extend(normalise_category(part) for part in _WORD_SEPARATORS.split(item))
    return _unique(word for word in words if word and not is_blank(word))


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


@dataclass(frozen=True, slots=True)
class ParsedList:
    """A list cell read against a vocabulary: the values, and those the vocabulary lacks."""

    values: tuple[str, ...]
    unknown: tuple[str, ...]


def _parse_known_list(text: str | None, lookup: Callable[[str], str | None]) -> ParsedList:
    """Split ``text`` into items; an item known as a whole wins over splitting it on "och".

    "CV och intervju" is one tag, "Nätverk och språk" two; an item none of whose parts is known
    is kept whole (normalised) as one unknown value, so nothing is dropped.
    """
    values: list[str] = []
    unknown: list[str] = []
    for item in split_items(text):
        if is_blank(item):
            continue
        if (known := lookup(item)) is not None:
            values.append(known)
            continue
        parts = [clean_text(p) for p in _WORD_SEPARATORS.split(item) if clean_text(p)]
        found = [lookup(part) for part in parts]
        if len(parts) > 1 and any(f is not None for f in found):
            for part, known_part in zip(parts, found, strict=True):
                values.append(known_part if known_part is not None else normalise_category(part))
                if known_part is None:
                    unknown.append(normalise_category(part))
        else:
            values.append(normalise_category(item))
            unknown.append(normalise_category(item))
    return ParsedList(_unique(values), _unique(unknown))


_TAG_WORDS: dict[str, str] = {
    word_key(word): tag
    for tag, words in {
        "network": (
            "nätverk",
            "nätverka",
            "nätverkande",
            "kontakter",
            "kontaktnät",
            "professionellt nätverk",
            "network",
            "networking",
        ),
        "labour_market": (
            "arbetsmarknad",
            "arbetsmarknaden",
            "arbetsmarknadskunskap",
            "svensk arbetsmarknad",
            "kunskap om arbetsmarknaden",
            "labour market",
            "labor market",
            "labour_market",
        ),
        "workplace_culture": (
            "arbetsplatskultur",
            "svensk arbetsplatskultur",
            "arbetskultur",
            "workplace culture",
            "workplace_culture",
            "work culture",
        ),
        "language": (
            "språk",
            "svenska",
            "språkträning",
            "språkstöd",
            "träna svenska",
            "yrkessvenska",
            "language",
            "swedish",
        ),
        "cv_interview": (
            "cv",
            "intervju",
            "intervjuer",
            "cv och intervju",
            "cv/intervju",
            "cv-skrivning",
            "intervjuträning",
            "jobbansökan",
            "ansökan",
            "personligt brev",
            "jobbsökning",
            "cv and interview",
            "cv_interview",
            "interview",
            "job application",
            "job search",
        ),
        "trade_skills": (
            "yrkeskunskap",
            "yrkeskunskaper",
            "yrkeskompetens",
            "branschkunskap",
            "trade skills",
            "trade_skills",
            "professional skills",
        ),
        "education": (
            "utbildning",
            "validering",
            "utbildning och validering",
            "studier",
            "studievägledning",
            "education",
            "validation",
        ),
    }.items()
    for word in words
}


#: How each goal tag reads in Swedish (for the dashboard and the demo files).
GOAL_TAG_LABELS_SV: dict[str, str] = dict(
    zip(
        GOAL_TAGS,
        (
            "nätverk",
            "arbetsmarknadskunskap",
            "arbetsplatskultur",
            "språk",
            "CV och intervju",
            "yrkeskunskap",
            "utbildning och validering",
        ),
        strict=True,
    )
)


def goal_tag(text: str) -> str | None:
    """The goal/offer tag (one of ``GOAL_TAGS``) a word or phrase means, or ``None``."""
    return _TAG_WORDS.get(word_key(text))


def parse_tags(text: str | None) -> ParsedList:
    """Goals or offers: known words become ``GOAL_TAGS``; unknown ones are kept, normalised."""
    return _parse_known_list(text, goal_tag)


_LANGUAGE_NAMES: dict[str, tuple[str, ...]] = {
    "swedish": ("svenska", "swedish", "svensk"),
    "english": ("engelska", "english"),
    "arabic": ("arabiska", "arabic", "arabisk"),
    "persian": ("persiska", "farsi", "persian"),
    "dari": ("dari",),
    "somali": ("somaliska", "somali"),
    "tigrinya": ("tigrinja", "tigrinya", "tigrinska"),
    "amharic": ("amhariska", "amharic"),
    "oromo": ("oromo", "oromiska", "afaan oromo"),
    "kurdish": ("kurdiska", "kurdish"),
    "kurmanji": ("kurmanji", "nordkurdiska"),
    "sorani": ("sorani", "centralkurdiska"),
    "turkish": ("turkiska", "turkish"),
    "bosnian": ("bosniska", "bosnian"),
    "serbian": ("serbiska", "serbian"),
    "croatian": ("kroatiska", "croatian"),
    "serbo-croatian": ("serbokroatiska", "serbo-croatian", "bks", "bcs"),
    "russian": ("ryska", "russian"),
    "ukrainian": ("ukrainska", "ukrainian"),
    "belarusian": ("belarusiska", "vitryska", "belarusian"),
    "polish": ("polska", "polish"),
    "spanish": ("spanska", "spanish"),
    "french": ("franska", "french"),
    "german": ("tyska", "german"),
    "portuguese": ("portugisiska", "portuguese"),
    "italian": ("italienska", "italian"),
    "greek": ("grekiska", "greek"),
    "finnish": ("finska", "finnish"),
    "danish": ("danska", "danish"),
    "norwegian": ("norska", "norwegian"),
    "icelandic": ("isländska", "icelandic"),
    "estonian": ("estniska", "estonian"),
    "latvian": ("lettiska", "latvian"),
    "lithuanian": ("litauiska", "lithuanian"),
    "hungarian": ("ungerska", "hungarian"),
    "romanian": ("rumänska", "romanian"),
    "bulgarian": ("bulgariska", "bulgarian"),
    "albanian": ("albanska", "albanian"),
    "macedonian": ("makedonska", "macedonian"),
    "slovenian": ("slovenska", "slovenian", "slovene"),
    "slovak": ("slovakiska", "slovak"),
    "czech": ("tjeckiska", "czech"),
    "dutch": ("nederländska", "holländska", "dutch"),
    "hebrew": ("hebreiska", "hebrew"),
    "armenian": ("armeniska", "armenian"),
    "georgian": ("georgiska", "georgian"),
    "azerbaijani": ("azerbajdzjanska", "azeriska", "azerbaijani", "azeri"),
    "assyrian": ("assyriska", "syrianska", "arameiska", "assyrian", "aramaic", "neo-aramaic"),
    "pashto": ("pashto", "pashtu", "pashtunska"),
    "urdu": ("urdu",),
    "hindi": ("hindi",),
    "punjabi": ("punjabi", "panjabi"),
    "bengali": ("bengali", "bengaliska", "bangla"),
    "tamil": ("tamil", "tamilska"),
    "sinhala": ("singalesiska", "sinhala", "sinhalese"),
    "nepali": ("nepali", "nepalesiska"),
    "gujarati": ("gujarati",),
    "marathi": ("marathi",),
    "telugu": ("telugu",),
    "malayalam": ("malayalam",),
    "thai": ("thai", "thailändska"),
    "vietnamese": ("vietnamesiska", "vietnamese"),
    "chinese": ("kinesiska", "chinese"),
    "mandarin": ("mandarin", "mandarinkinesiska"),
    "cantonese": ("kantonesiska", "cantonese"),
    "japanese": ("japanska", "japanese"),
    "korean": ("koreanska", "korean"),
    "tagalog": ("tagalog", "filipino", "filippinska"),
    "indonesian": ("indonesiska", "indonesian"),
    "malay": ("malajiska", "malay"),
    "burmese": ("burmesiska", "burmese"),
    "uzbek": ("uzbekiska", "uzbek"),
    "tajik": ("tadzjikiska", "tajik"),
    "uyghur": ("uiguriska", "uyghur"),
    "mongolian": ("mongoliska", "mongolian"),
    "swahili": ("swahili", "kiswahili"),
    "kinyarwanda": ("kinyarwanda", "rwandiska"),
    "kirundi": ("kirundi",),
    "lingala": ("lingala",),
    "yoruba": ("yoruba",),
    "igbo": ("igbo",),
    "hausa": ("hausa",),
    "wolof": ("wolof",),
    "fula": ("fula", "fulani", "pular"),
    "mandinka": ("mandinka", "mandinga"),
    "twi": ("twi", "akan"),
    "luganda": ("luganda",),
    "berber": ("berberiska", "tamazight", "berber"),
    "romani": ("romani", "romska", "romani chib"),
    "sami": ("samiska", "sami"),
    "meänkieli": ("meänkieli", "tornedalsfinska"),
    "yiddish": ("jiddisch", "yiddish"),
    "sign language": ("teckenspråk", "svenskt teckenspråk", "sign language"),
}


_LANGUAGE_WORDS: dict[str, str] = {
    word_key(word): canonical
    for canonical, words in _LANGUAGE_NAMES.items()
    for word in (canonical, *words)
}


def language_name(text: str) -> str | None:
    """The canonical lower-case English name of a language ("arabiska" -> "arabic"), or ``None``."""
    return _LANGUAGE_WORDS.get(word_key(text))


def parse_languages(text: str | None) -> ParsedList:
    """Languages as canonical English names; unknown names are kept, normalised."""
    return _parse_known_list(text, language_name)


# --------------------------------------------------------------------------- mentor types

#: Canonical mentor types and their Swedish labels for the dashboard.
MENTOR_TYPE_LABELS_SV: dict[str, str] = {
    "mentor": "mentor",
    "supervisor": "handledare",
    "company_mentor": "företagsmentor",
    "social_mentor": "social mentor",
    "education_mentor": "utbildningsmentor",
    "group_leader": "gruppledare",
}

_MENTOR_TYPE_WORDS: dict[str, str] = {
    word_key(word): canonical
    for canonical, words in {
        "mentor": ("mentor", "yrkesmentor"),
        "supervisor": (
            "handledare",
            "arbetsplatshandledare",
            "praktikhandledare",
            "supervisor",
            "workplace supervisor",
        ),
        "company_mentor": ("företagsmentor", "company mentor", "företag"),
        "social_mentor": ("social mentor", "socialmentor", "social"),
        "education_mentor": (
            "utbildningsmentor",
            "studiementor",
            "education mentor",
            "utbildning",
        ),
        # The group mentoring programmes' leader: the same word the adepts' "Behöver" uses.
        "group_leader": ("gruppledare", "group leader", "gruppmentor", "group mentor"),
    }.items()
    for word in (canonical, *words)
}


#: The words (as :func:`word_key` keys) that mean yes and no in any yes/no cell; a table with
#: looser answers (follow-ups' "ja absolut", "inte") extends these rather than restating them.
YES_WORDS = frozenset(map(word_key, ("ja", "yes", "j", "y", "x", "1", "true", "sant")))
NO_WORDS = frozenset(map(word_key, ("nej", "no", "n", "0", "false", "falskt")))
#: How a yes/no cell may be written, for messages.
YES_NO_WORDS_SV = "ja eller nej (tom cell betyder nej)"
YES_NO_WORDS_EN = "yes or no (an empty cell means no)"


def parse_yes_no(text: str | None) -> bool | None:
    """True for ja/yes/x/1/true, False for nej/no/0/false or a blank cell, None for other words."""
    if is_blank(text):
        return False
    key = word_key(clean_text(text))
    if key in YES_WORDS:
        return True
    return False if key in NO_WORDS else None


def parse_mentor_type(text: str | None) -> tuple[str, bool]:
    """The canonical mentor type and whether it is one of ours; blank is ``("mentor", True)``.

    An unknown type is kept normalised (``known`` False) so the coordinator's word survives.
    """
    if is_blank(text):
        return "mentor", True
    known = _MENTOR_TYPE_WORDS.get(word_key(clean_text(text)))
    return (known, True) if known else (normalise_category(text), False)
