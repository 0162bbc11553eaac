"""The words: headers, sheet names, genders, levels, tags, languages and lists."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spreadsheet_files import SWEDISH_HEADERS

from smile_core.ingest.participants import (
    GOAL_TAGS,
    SWEDISH_LEVEL_RANK,
    Gender,
    MentorGenderPreference,
)
from smile_core.ingest.vocabulary import (
    FIELD_HEADERS_SV,
    GOAL_TAG_LABELS_SV,
    HEADER_SYNONYMS,
    MENTOR_TYPE_LABELS_SV,
    TABLE_FIELDS,
    clean_text,
    goal_tag,
    is_blank,
    language_name,
    match_header,
    match_sheet,
    normalise_category,
    parse_gender,
    parse_languages,
    parse_mentor_gender_preference,
    parse_mentor_type,
    parse_swedish_level,
    parse_tags,
    split_items,
    split_list,
    word_key,
)

# --- normalisation ---------------------------------------------------------------------------


def test_word_key_ignores_case_spaces_punctuation_and_accents():
    """Headers written with or without accents, spaces and punctuation compare equal."""
    assert word_key("Önskat kön på mentor") == word_key("onskat kon pa mentor")
    assert word_key("Önskat kön på mentor") == word_key(" ÖNSKAT-KÖN_PÅ   MENTOR ")
    assert word_key("Yrke/Utbildning") == word_key("yrke utbildning")
    assert word_key("Kön") != word_key("Kon ja")


def test_clean_text_trims_collapses_and_composes_but_keeps_case():
    """Names keep their spelling: only spaces and the Unicode form change."""
    decomposed = unicodedata.normalize("NFD", "Åsa  Öberg ")
    assert clean_text(decomposed) == "Åsa Öberg"
    assert unicodedata.is_normalized("NFC", clean_text(decomposed))
    assert clean_text(None) == ""


def test_normalise_category_makes_spelling_variants_one_value():
    """'Ekonom ' and 'ekonom' are one field; decomposed and composed letters are one too."""
    assert normalise_category("Ekonom ") == normalise_category("ekonom") == "ekonom"
    assert normalise_category(unicodedata.normalize("NFD", "Jönköping")) == "jönköping"
    assert normalise_category("  Jönköpings   LÄN") == "jönköpings län"


@pytest.mark.parametrize("text", ["", "   ", "-", " – ", "—", "N/A"])
def test_placeholder_cells_are_blank(text):
    """An empty cell or one holding only a dash means nothing was written."""
    assert is_blank(text)


@pytest.mark.parametrize("text", ["0", "x", "-1", "a-b"])
def test_real_values_are_not_blank(text):
    """A value, even a short one, is not blank."""
    assert not is_blank(text)


# --- headers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "header"),
    [(table, header) for table, headers in SWEDISH_HEADERS.items() for header in headers],
)
def test_every_swedish_demo_header_is_recognised(table, header):
    """The exact Swedish headers the demo files and coordinators use map to a field."""
    assert match_header(table, header) in TABLE_FIELDS[table]


def test_swedish_headers_map_to_the_intended_fields():
    """Each Swedish header of a table means the field in the same position of TABLE_FIELDS."""
    for table, headers in SWEDISH_HEADERS.items():
        assert [match_header(table, h) for h in headers] == list(TABLE_FIELDS[table])


@pytest.mark.parametrize("table", list(TABLE_FIELDS))
def test_canonical_english_names_are_recognised(table):
    """Every field is recognised under its own English name, in any casing."""
    for field in TABLE_FIELDS[table]:
        assert match_header(table, field) == field
        assert match_header(table, field.upper().replace("_", " ")) == field


@pytest.mark.parametrize("table", list(HEADER_SYNONYMS))
def test_no_synonym_means_two_fields(table):
    """Within a table every synonym leads back to its own field (no collisions)."""
    for field, synonyms in HEADER_SYNONYMS[table].items():
        for synonym in synonyms:
            assert match_header(table, synonym) == field, synonym


@pytest.mark.parametrize(
    ("table", "header", "field"),
    [
        ("adepts", "onskat kon pa mentor", "preferred_mentor_gender"),
        ("adepts", "FODELSELAND", "birth_country"),
        ("adepts", "Yrke", "field"),
        ("adepts", "Utbildning", "field"),
        ("adepts", "Län/Region", "region"),
        ("adepts", "Mentee/Adept id", "id"),
        ("adepts", "Löpnummer", "id"),
        ("adepts", "Svenskanivå ", "swedish_level"),
        ("mentors", "Arbetsplats", "workplace_id"),
        ("mentors", "Antal adepter", "capacity"),
        ("workplaces", "Arbetsplats", "name"),
        ("workplaces", "Bransch", "industry"),
        ("workplaces", "Antal platser", "capacity"),
    ],
)
def test_header_variants(table, header, field):
    """Spelling variants and the table decide what a header means."""
    assert match_header(table, header) == field


@pytest.mark.parametrize("header", ["Telefon", "Personnummer", "Kommentar"])
def test_fields_smile_does_not_have_are_unknown(header):
    """Columns SMILE has no field for are not matched to anything."""
    assert match_header("adepts", header) is None


def test_every_field_has_a_swedish_header():
    """Messages can name every field by the Swedish header SMILE suggests."""
    fields = {field for fields in TABLE_FIELDS.values() for field in fields}
    assert fields <= set(FIELD_HEADERS_SV)


@pytest.mark.parametrize(
    ("sheet", "table"),
    [
        ("Adepter", "adepts"),
        ("adepts", "adepts"),
        ("MENTORER", "mentors"),
        ("Mentors", "mentors"),
        ("Arbetsplatser", "workplaces"),
        ("workplaces ", "workplaces"),
        ("Blad1", None),
    ],
)
def test_sheet_names(sheet, table):
    """Sheets are found by English or Swedish names, tolerant of case and spaces."""
    assert match_sheet(sheet) == table


# --- gender and preference -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "gender"),
    [
        ("Kvinna", Gender.WOMAN),
        ("k", Gender.WOMAN),
        ("F", Gender.WOMAN),
        ("female", Gender.WOMAN),
        ("Woman", Gender.WOMAN),
        ("kvinnlig", Gender.WOMAN),
        ("Man", Gender.MAN),
        ("M", Gender.MAN),
        ("male", Gender.MAN),
        ("manlig", Gender.MAN),
        ("Icke-binär", Gender.NON_BINARY),
        ("ickebinär", Gender.NON_BINARY),
        ("x", Gender.NON_BINARY),
        ("annat", Gender.NON_BINARY),
        ("non-binary", Gender.NON_BINARY),
        ("other", Gender.NON_BINARY),
        ("", Gender.UNDISCLOSED),
        ("  ", Gender.UNDISCLOSED),
        (None, Gender.UNDISCLOSED),
        ("Vill ej ange", Gender.UNDISCLOSED),
        ("vill inte uppge", Gender.UNDISCLOSED),
        ("Prefer not to say", Gender.UNDISCLOSED),
    ],
)
def test_gender_words(text, gender):
    """Swedish and English gender words, and blank or declined as undisclosed."""
    assert parse_gender(text) is gender


@pytest.mark.parametrize("text", ["kvinnna", "mann", "q", "kvinna man"])
def test_unknown_gender_word_is_none(text):
    """A misspelt gender is not guessed."""
    assert parse_gender(text) is None


@given(
    word=st.sampled_from(["kvinna", "man", "icke-binär", "vill ej ange", "female"]),
    upper=st.lists(st.booleans(), min_size=20, max_size=20),
    pad=st.sampled_from(["", " ", "  ", "\t"]),
)
def test_gender_ignores_casing_and_padding(word, upper, pad):
    """Any casing and surrounding whitespace gives the same gender."""
    varied = "".join(c.upper() if u else c for c, u in zip(word, upper, strict=False))
    assert parse_gender(pad + varied + pad) is parse_gender(word)


@pytest.mark.parametrize(
    ("text", "preference"),
    [
        ("Spelar ingen roll", MentorGenderPreference.ANY),
        ("ingen preferens", MentorGenderPreference.ANY),
        ("any", MentorGenderPreference.ANY),
        ("", MentorGenderPreference.ANY),
        ("Kvinna", MentorGenderPreference.WOMAN),
        ("woman", MentorGenderPreference.WOMAN),
        ("Man", MentorGenderPreference.MAN),
        ("male", MentorGenderPreference.MAN),
    ],
)
def test_mentor_gender_preference_words(text, preference):
    """The adept's wish for the mentor's gender, Swedish or English, blank meaning any."""
    assert parse_mentor_gender_preference(text) is preference


def test_unknown_preference_is_none():
    """A wish SMILE cannot represent is not guessed."""
    assert parse_mentor_gender_preference("helst yngre") is None


# --- Swedish level ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("sfi-c", "sfi c"),
        ("SFI C", "sfi c"),
        ("Sfi kurs D", "sfi d"),
        ("sfia", "sfi a"),
        ("b1", "b1"),
        ("B1 ", "b1"),
        (" b 1", "b1"),
        ("C2", "c2"),
        ("", ""),
    ],
)
def test_swedish_levels(text, level):
    """CEFR and SFI levels in any casing and spacing become keys of SWEDISH_LEVEL_RANK."""
    assert parse_swedish_level(text) == level
    assert level == "" or level in SWEDISH_LEVEL_RANK


@pytest.mark.parametrize("text", ["B3", "SFI E", "flytande", "A", "12"])
def test_unknown_swedish_level_is_none(text):
    """A level outside CEFR A1–C2 and SFI A–D is not guessed."""
    assert parse_swedish_level(text) is None


# --- lists, tags and languages ---------------------------------------------------------------


def test_split_list_separators():
    """Lists split on ; , | line breaks and the words och/and, without repeats or blanks."""
    assert split_list("Måndag och onsdag; Kvällar, helger | fredag\nlördag and söndag;;") == (
        "måndag",
        "onsdag",
        "kvällar",
        "helger",
        "fredag",
        "lördag",
        "söndag",
    )
    assert split_list("Kvällar; kvällar ") == ("kvällar",)
    assert split_list("") == ()


def test_split_items_keeps_och_inside_an_item():
    """The first split only uses punctuation, so 'CV och intervju' stays one item."""
    assert split_items(" CV och intervju ;Nätverk") == ["CV och intervju", "Nätverk"]


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("Nätverk; CV och intervju", ("network", "cv_interview")),
        ("CV och intervju", ("cv_interview",)),
        ("Nätverk och språk", ("network", "language")),
        ("arbetsmarknadskunskap, Arbetsplatskultur", ("labour_market", "workplace_culture")),
        ("labour market | workplace culture", ("labour_market", "workplace_culture")),
        ("Yrkeskunskap; validering; utbildning", ("trade_skills", "education")),
        ("CV and interview", ("cv_interview",)),
        ("svenska", ("language",)),
    ],
)
def test_goal_tags(text, tags):
    """Swedish and English goal words become GOAL_TAGS; a known phrase is not split on 'och'."""
    parsed = parse_tags(text)
    assert parsed.values == tags
    assert parsed.unknown == ()


def test_unknown_tag_is_kept_and_reported():
    """An unknown goal stays (normalised), and is named as unknown."""
    parsed = parse_tags("Nätverk; Fika med kollegor ")
    assert parsed.values == ("network", "fika med kollegor")
    assert parsed.unknown == ("fika med kollegor",)


def test_unknown_part_of_an_och_phrase_is_kept():
    """'Nätverk och golf' keeps the known part as a tag and golf as an unknown word."""
    parsed = parse_tags("Nätverk och golf")
    assert parsed.values == ("network", "golf")
    assert parsed.unknown == ("golf",)


def test_every_goal_tag_has_words_and_a_swedish_label():
    """Each tag can be written in Swedish and shown in Swedish; labels parse back to the tag."""
    for tag in GOAL_TAGS:
        assert goal_tag(tag) == tag
        assert parse_tags(GOAL_TAG_LABELS_SV[tag]).values == (tag,)


@pytest.mark.parametrize(
    ("text", "languages"),
    [
        ("Arabiska, Engelska", ("arabic", "english")),
        ("arabic; svenska", ("arabic", "swedish")),
        ("Persiska och dari", ("persian", "dari")),
        ("farsi", ("persian",)),
        ("Bosniska, Serbiska, Kroatiska", ("bosnian", "serbian", "croatian")),
        ("Somaliska | Tigrinja", ("somali", "tigrinya")),
        ("kinesiska, mandarin", ("chinese", "mandarin")),
        ("Ukrainska, ryska, polska", ("ukrainian", "russian", "polish")),
        ("Rumänska och grekiska", ("romanian", "greek")),
        ("Svenska och engelska", ("swedish", "english")),
    ],
)
def test_languages(text, languages):
    """Swedish and English language names become one canonical English name each."""
    parsed = parse_languages(text)
    assert parsed.values == languages
    assert parsed.unknown == ()


def test_unknown_language_is_kept_normalised():
    """A language SMILE does not know is kept, normalised, and reported."""
    parsed = parse_languages("Arabiska, Klingonska ")
    assert parsed.values == ("arabic", "klingonska")
    assert parsed.unknown == ("klingonska",)


def test_language_names_are_lower_case_english():
    """Canonical names are lower case, so they compare with the stored form of categories."""
    assert language_name("ARABISKA") == "arabic"
    assert language_name("Vietnamesiska") == "vietnamese"
    assert language_name("esperanto-ish") is None


# --- mentor types ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ("mentor", True)),
        ("Handledare", ("supervisor", True)),
        ("Företagsmentor", ("company_mentor", True)),
        ("social mentor", ("social_mentor", True)),
        ("Utbildningsmentor", ("education_mentor", True)),
        ("Gruppledare", ("group_leader", True)),
        ("group mentor", ("group_leader", True)),
        ("Fadder ", ("fadder", False)),
    ],
)
def test_mentor_types(text, expected):
    """Known mentor types become canonical words; an unknown one is kept and flagged."""
    assert parse_mentor_type(text) == expected


def test_mentor_type_labels_cover_the_canonical_types():
    """Every canonical type has a Swedish label, and the label reads back as the type."""
    for canonical, label in MENTOR_TYPE_LABELS_SV.items():
        assert parse_mentor_type(label) == (canonical, True)
