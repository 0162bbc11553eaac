"""Validation: from the coordinator's tables to a programme, or every problem at once."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spreadsheet_files import SWEDISH_HEADERS, csv_bytes, csv_file, xlsx_bytes

from smile_core.ingest.participants import (
    GOAL_TAGS,
    SWEDISH_LEVEL_RANK,
    Adept,
    Gender,
    Mentor,
    MentorGenderPreference,
    Programme,
    Workplace,
)
from smile_core.ingest.problems import Severity
from smile_core.ingest.reading import SourceFile
from smile_core.ingest.validation import load_programme
from smile_core.ingest.vocabulary import MENTOR_TYPE_LABELS_SV, TABLE_FIELDS

TINY = Path(__file__).parent.parent.parent / "data" / "tiny_programme"


def _tiny(table: str) -> SourceFile:
    return SourceFile(f"{table}.csv", (TINY / f"{table}.csv").read_bytes())


def _rows(table: str, records: list[dict[str, str]], headers: list[str] | None = None):
    """A table with the Swedish headers (or ``headers``); missing cells are blank."""
    headers = headers or SWEDISH_HEADERS[table]
    return [headers, *[[record.get(h, "") for h in headers] for record in records]]


ADEPT = {"ID": "A1", "Namn": "Åsa Öberg", "Kön": "Kvinna", "Yrke/Utbildning": "Ekonom"}
MENTOR = {"ID": "M1", "Namn": "Lars Berg", "Kön": "Man", "Yrke/Utbildning": "Ekonom"}
WORKPLACE = {"ID": "W1", "Namn": "Gjuteri AB", "Kapacitet": "2"}


def _load(adepts=None, mentors=None, workplaces=None, **kwargs):
    """Load tables given as lists of records (default: one valid adept and one mentor)."""
    files = {
        "adepts": csv_file("adepter.csv", _rows("adepts", adepts or [ADEPT])),
        "mentors": csv_file("mentorer.csv", _rows("mentors", mentors or [MENTOR])),
    }
    if workplaces is not None:
        files["workplaces"] = csv_file("arbetsplatser.csv", _rows("workplaces", workplaces))
    return load_programme(**files, **kwargs)


def _problems(result, severity=None):
    return [p for p in result.report.problems if severity is None or p.severity is severity]


def _one(result, severity):
    found = _problems(result, severity)
    assert len(found) == 1, [p.message_en for p in found]
    return found[0]


# --- the happy path --------------------------------------------------------------------------


def test_tiny_programme_loads_with_every_value_parsed():
    """The named fixture loads; Swedish words become canonical values, names keep spelling."""
    result = load_programme(
        adepts=_tiny("adepts"), mentors=_tiny("mentors"), workplaces=_tiny("workplaces")
    )
    assert result.report.errors == ()
    assert result.counts == {"adepts": 4, "mentors": 3, "workplaces": 2}
    assert result.unknown_columns == {"adepts": (), "mentors": (), "workplaces": ()}
    programme = result.programme
    a01, a02, a03, a04 = programme.adepts
    assert a01 == Adept(
        id="A01",
        gender=Gender.WOMAN,
        field="undersköterska",
        name="Amina Yusuf",
        birth_country="somalia",
        birth_region="africa",
        languages=("somali", "english"),
        swedish_level="sfi c",
        target_field="undersköterska",
        municipality="värnamo",
        region="jönköpings län",
        preferred_mentor_gender=MentorGenderPreference.ANY,
        goals=("network", "cv_interview"),
        availability=("vardagar",),
        cohort="vår 2026",
    )
    assert a02.field == "svetsare"  # "Svetsare " with a trailing space
    assert a02.languages == ("tigrinya", "arabic")  # "Tigrinja och arabiska"
    assert a03.gender is Gender.NON_BINARY
    assert a03.goals == ("labour_market", "language")
    assert a04.gender is Gender.UNDISCLOSED
    m01, m02, m03 = programme.mentors
    assert (m01.workplace_id, m01.capacity, m01.mentor_type) == ("W01", 2, "supervisor")
    assert m02.workplace_id == "W02"  # written as the workplace's name
    assert m02.capacity == 1  # blank means 1
    assert m03.workplace_id == ""
    assert [w.capacity for w in programme.workplaces] == [3, 2]


def test_tiny_programme_only_warns_about_the_undisclosed_gender():
    """The one blank gender is the one warning, at its row and column."""
    result = load_programme(
        adepts=_tiny("adepts"), mentors=_tiny("mentors"), workplaces=_tiny("workplaces")
    )
    warning = _one(result, Severity.WARNING)
    assert (warning.file, warning.row, warning.column) == ("adepts.csv", 5, "Kön")


def test_workbook_with_swedish_sheets_gives_the_same_programme():
    """The same tables as sheets of one workbook load to an equal programme."""
    import csv
    import io

    def sheet(table):
        text = (TINY / f"{table}.csv").read_text(encoding="utf-8")
        return list(csv.reader(io.StringIO(text), delimiter=";"))

    data = xlsx_bytes(
        {
            "Adepter": sheet("adepts"),
            "Mentorer": sheet("mentors"),
            "Arbetsplatser": sheet("workplaces"),
        }
    )
    from_workbook = load_programme(workbook=SourceFile("program.xlsx", data))
    from_files = load_programme(
        adepts=_tiny("adepts"), mentors=_tiny("mentors"), workplaces=_tiny("workplaces")
    )
    assert from_workbook.programme == from_files.programme
    assert from_workbook.files["mentors"] == "program.xlsx [Mentorer]"


def test_english_canonical_headers():
    """A file with SMILE's own English column names loads the same way."""
    headers = list(TABLE_FIELDS["adepts"])
    record = {"id": "A1", "gender": "woman", "field": "Lawyer", "languages": "Arabic; English"}
    adepts = csv_file("adepts.csv", _rows("adepts", [record], headers), separator=",")
    result = load_programme(adepts=adepts, mentors=csv_file("m.csv", _rows("mentors", [MENTOR])))
    assert result.report.problems == ()
    assert result.programme.adepts[0].languages == ("arabic", "english")


def test_without_workplaces_file_mentors_have_no_workplace():
    """The workplaces file is optional when no mentor names a workplace."""
    result = _load()
    assert result.ok
    assert result.programme.workplaces == ()
    assert result.counts == {"adepts": 1, "mentors": 1, "workplaces": 0}
    assert result.unknown_columns == {"adepts": (), "mentors": (), "workplaces": ()}


# --- errors ----------------------------------------------------------------------------------


def test_unknown_gender_names_file_row_column_and_value():
    """'kvinnna' is an error at its Excel row and column, with the words to write instead."""
    result = _load(adepts=[ADEPT, ADEPT | {"ID": "A2"}, ADEPT | {"ID": "A3", "Kön": "kvinnna"}])
    error = _one(result, Severity.ERROR)
    assert (error.file, error.row, error.column, error.value) == (
        "adepter.csv",
        4,
        "Kön",
        "kvinnna",
    )
    assert error.message_sv.startswith("Rad 4, kolumn Kön: 'kvinnna' är inget känt kön. Skriv")
    assert "kvinna, man, icke-binär" in error.message_sv
    assert error.message_en.startswith("Row 4, column Kön: 'kvinnna' is not a known gender.")
    assert result.programme is None


def test_unknown_swedish_level_is_an_error():
    """A level outside CEFR and SFI blocks, naming the accepted levels."""
    result = _load(adepts=[ADEPT | {"Svenskanivå": "B3"}])
    error = _one(result, Severity.ERROR)
    assert (error.row, error.column, error.value) == (2, "Svenskanivå", "B3")
    assert "SFI C" in error.message_sv


def test_unknown_mentor_gender_wish_is_an_error():
    """A wish SMILE cannot represent is not guessed."""
    result = _load(adepts=[ADEPT | {"Önskat kön på mentor": "helst yngre"}])
    assert _one(result, Severity.ERROR).column == "Önskat kön på mentor"


def test_missing_required_column_is_one_error_per_column():
    """Without a Yrke column: one error naming the column, not one per row."""
    headers = ["ID", "Namn", "Kön"]
    adepts = csv_file("adepter.csv", _rows("adepts", [ADEPT, ADEPT | {"ID": "A2"}], headers))
    result = load_programme(adepts=adepts, mentors=csv_file("m.csv", _rows("mentors", [MENTOR])))
    error = _one(result, Severity.ERROR)
    assert (error.file, error.row) == ("adepter.csv", None)
    assert "'Yrke/Utbildning' saknas" in error.message_sv


def test_missing_gender_column_is_one_warning_and_everyone_undisclosed():
    """Gender is optional: no Kön column is one warning, and the programme is built."""
    headers = ["ID", "Namn", "Yrke/Utbildning"]
    adepts = csv_file("adepter.csv", _rows("adepts", [ADEPT, ADEPT | {"ID": "A2"}], headers))
    result = load_programme(adepts=adepts, mentors=csv_file("m.csv", _rows("mentors", [MENTOR])))
    assert result.ok
    assert {a.gender for a in result.programme.adepts} == {Gender.UNDISCLOSED}
    no_gender = [p for p in result.report.warnings if "ingen kolumn Kön" in p.message_sv]
    assert len(no_gender) == 1 and no_gender[0].file == "adepter.csv"


@pytest.mark.parametrize(("column", "word"), [("ID", "ID"), ("Yrke/Utbildning", "Yrke")])
def test_missing_required_value_is_an_error(column, word):
    """A blank ID or profession blocks, at its row and column."""
    result = _load(adepts=[ADEPT, ADEPT | {"ID": "A2", column: "  "}])
    error = _one(result, Severity.ERROR)
    assert (error.row, error.column) == (3, column)
    assert word in error.message_sv


def test_duplicate_id_names_both_rows():
    """The second use of an ID is an error that names the first row too."""
    result = _load(mentors=[MENTOR, MENTOR | {"ID": "M2"}, MENTOR | {"Namn": "Annan"}])
    error = _one(result, Severity.ERROR)
    assert (error.file, error.row, error.column, error.value) == ("mentorer.csv", 4, "ID", "M1")
    assert "rad 2" in error.message_sv
    assert "row 2" in error.message_en


@pytest.mark.parametrize("capacity", ["2,5", "två", "1.5", "-1", "0"])
def test_bad_mentor_capacity_is_an_error(capacity):
    """Mentor capacity must be a whole number of at least 1."""
    result = _load(mentors=[MENTOR | {"Kapacitet": capacity}])
    error = _one(result, Severity.ERROR)
    assert (error.column, error.value) == ("Kapacitet", capacity)
    assert _problems(result, Severity.WARNING) == []  # "-1" is a number, not a formula


@pytest.mark.parametrize(("capacity", "expected"), [("3", 3), (" 2 ", 2), ("2.0", 2), ("", 1)])
def test_good_mentor_capacity(capacity, expected):
    """Whole numbers (also '2.0' from a spreadsheet) are read; blank means 1."""
    result = _load(mentors=[MENTOR | {"Kapacitet": capacity}])
    assert result.programme.mentors[0].capacity == expected


def test_negative_workplace_capacity_is_an_error_but_zero_is_fine():
    """A workplace may host 0 placements, not fewer."""
    bad = _load(workplaces=[WORKPLACE | {"Kapacitet": "-2"}])
    assert _one(bad, Severity.ERROR).value == "-2"
    zero = _load(workplaces=[WORKPLACE | {"Kapacitet": "0"}])
    assert zero.programme.workplaces[0].capacity == 0


def test_mentor_workplace_not_among_the_workplaces_is_an_error():
    """A reference to a workplace that does not exist names the value and the other file."""
    result = _load(mentors=[MENTOR | {"Arbetsplats": "W9"}], workplaces=[WORKPLACE])
    error = _one(result, Severity.ERROR)
    assert (error.file, error.row, error.column, error.value) == (
        "mentorer.csv",
        2,
        "Arbetsplats",
        "W9",
    )
    assert "arbetsplatser.csv" in error.message_sv


@pytest.mark.parametrize("written", ["W1", "w1", "Gjuteri AB", " gjuteri  ab "])
def test_mentor_workplace_by_id_or_name_resolves_to_the_id(written):
    """Coordinators write the workplace's name; it is stored as the workplace's ID."""
    result = _load(mentors=[MENTOR | {"Arbetsplats": written}], workplaces=[WORKPLACE])
    assert result.programme.mentors[0].workplace_id == "W1"


def test_workplace_name_shared_by_two_workplaces_is_ambiguous():
    """A name two workplaces share cannot say which one: an error asking for the ID."""
    workplaces = [WORKPLACE, WORKPLACE | {"ID": "W2"}]
    result = _load(mentors=[MENTOR | {"Arbetsplats": "Gjuteri AB"}], workplaces=workplaces)
    assert "ID" in _one(result, Severity.ERROR).message_sv


def test_mentors_naming_workplaces_without_a_workplaces_file_is_one_error():
    """No workplaces file but mentors name workplaces: one error listing the rows."""
    mentors = [MENTOR | {"Arbetsplats": "W1"}, MENTOR | {"ID": "M2", "Arbetsplats": "W2"}]
    result = _load(mentors=mentors)
    error = _one(result, Severity.ERROR)
    assert (error.file, error.column) == ("mentorer.csv", "Arbetsplats")
    assert "2 mentorer" in error.message_sv
    assert "rader 2, 3" in error.message_sv


def test_unreadable_workplaces_file_does_not_cascade():
    """When the workplaces file cannot be read, its error stands alone."""
    result = load_programme(
        adepts=csv_file("a.csv", _rows("adepts", [ADEPT])),
        mentors=csv_file("m.csv", _rows("mentors", [MENTOR | {"Arbetsplats": "W1"}])),
        workplaces=SourceFile("arbetsplatser.xlsx", b"not a workbook"),
    )
    error = _one(result, Severity.ERROR)
    assert error.file == "arbetsplatser.xlsx"


def test_table_without_rows_is_an_error():
    """Headers but no people: an error for that file."""
    adepts = csv_file("adepter.csv", [SWEDISH_HEADERS["adepts"]])
    result = load_programme(adepts=adepts, mentors=csv_file("m.csv", _rows("mentors", [MENTOR])))
    error = _one(result, Severity.ERROR)
    assert error.file == "adepter.csv"
    assert "inga rader" in error.message_sv


def test_missing_mentors_file_is_an_error():
    """SMILE needs both adepts and mentors."""
    result = load_programme(adepts=csv_file("a.csv", _rows("adepts", [ADEPT])))
    assert "mentorer" in _one(result, Severity.ERROR).message_sv
    assert result.counts == {"adepts": 1, "mentors": 0, "workplaces": 0}


def test_unreadable_file_is_an_error_not_an_exception():
    """Junk in, a report out."""
    result = load_programme(
        adepts=SourceFile("adepter.csv", bytes(range(256)) * 4),
        mentors=csv_file("m.csv", _rows("mentors", [MENTOR])),
    )
    assert _one(result, Severity.ERROR).file == "adepter.csv"
    assert result.programme is None


def test_every_problem_is_reported_at_once():
    """Errors in several rows, columns and files all come back together."""
    adepts = [
        ADEPT | {"Kön": "?"},
        ADEPT | {"ID": "A2", "Svenskanivå": "Z1"},
        ADEPT | {"ID": "A2", "Yrke/Utbildning": ""},
    ]
    mentors = [MENTOR | {"Kapacitet": "x"}, MENTOR | {"ID": "M2", "Arbetsplats": "Okänd"}]
    result = _load(adepts=adepts, mentors=mentors, workplaces=[WORKPLACE])
    places = {(p.file, p.row, p.column) for p in _problems(result, Severity.ERROR)}
    assert places == {
        ("adepter.csv", 2, "Kön"),
        ("adepter.csv", 3, "Svenskanivå"),
        ("adepter.csv", 4, "Yrke/Utbildning"),
        ("adepter.csv", 4, "ID"),
        ("mentorer.csv", 2, "Kapacitet"),
        ("mentorer.csv", 3, "Arbetsplats"),
    }


def test_both_workbook_and_files_is_a_caller_error():
    """The dashboard passes one or the other; both is a programming mistake."""
    with pytest.raises(ValueError, match="not both"):
        load_programme(workbook=SourceFile("p.xlsx", b""), adepts=SourceFile("a.csv", b"ID\n1\n"))


# --- warnings --------------------------------------------------------------------------------


def test_unknown_column_is_listed_once_and_returned():
    """Telefon is not a field: one warning for the column, and it is in unknown_columns."""
    headers = [*SWEDISH_HEADERS["adepts"], "Telefon"]
    records = [ADEPT | {"Telefon": "070"}, ADEPT | {"ID": "A2", "Telefon": "071"}]
    adepts = csv_file("adepter.csv", _rows("adepts", records, headers))
    result = load_programme(adepts=adepts, mentors=csv_file("m.csv", _rows("mentors", [MENTOR])))
    warning = _one(result, Severity.WARNING)
    assert (warning.file, warning.row, warning.column) == ("adepter.csv", None, "Telefon")
    assert result.unknown_columns["adepts"] == ("Telefon",)
    assert result.ok


def test_misspelt_header_gets_a_suggestion():
    """An unknown header close to a known one suggests it."""
    headers = ["ID", "Kön", "Yrke/Utbildning", "Språk", "Svenskaniva x"]
    adepts = csv_file("a.csv", _rows("adepts", [ADEPT], headers))
    result = load_programme(adepts=adepts, mentors=csv_file("m.csv", _rows("mentors", [MENTOR])))
    assert "Menade du 'Svenskanivå'?" in _one(result, Severity.WARNING).message_sv


def test_two_columns_for_one_field_read_the_first_and_warn():
    """Yrke and Utbildning both mean field: Yrke is read, Utbildning reported."""
    headers = ["ID", "Kön", "Yrke", "Utbildning", "Språk"]
    record = {"ID": "A1", "Kön": "Kvinna", "Yrke": "Svetsare", "Utbildning": "Gymnasium"}
    adepts = csv_file("a.csv", _rows("adepts", [record], headers))
    result = load_programme(adepts=adepts, mentors=csv_file("m.csv", _rows("mentors", [MENTOR])))
    assert _one(result, Severity.WARNING).column == "Utbildning"
    assert result.programme.adepts[0].field == "svetsare"


@pytest.mark.parametrize("gender", ["", "Vill ej ange"])
def test_undisclosed_gender_is_a_warning(gender):
    """Blank or declined gender does not block; it is named in a warning."""
    result = _load(adepts=[ADEPT | {"Kön": gender}])
    assert _one(result, Severity.WARNING).column == "Kön"
    assert result.programme.adepts[0].gender is Gender.UNDISCLOSED


@pytest.mark.parametrize("value", ['=HYPERLINK("x")', "+SUM(A1)", "-2+3", "@cmd"])
def test_formula_like_cell_is_a_warning(value):
    """A cell starting with = + - or @ may run as a formula when exported again."""
    result = _load(adepts=[ADEPT | {"Namn": value}])
    warning = _one(result, Severity.WARNING)
    assert (warning.column, warning.value) == ("Namn", value)
    assert "formel" in warning.message_sv
    assert result.programme.adepts[0].name == value


@pytest.mark.parametrize("value", ["-", "+46 70 123 45 67", "-5"])
def test_plain_numbers_and_dashes_are_not_formula_risks(value):
    """A phone number, a negative number or a lone dash is not flagged as a formula."""
    result = _load(adepts=[ADEPT | {"Kohort": value}])
    assert _problems(result, Severity.WARNING) == []


def test_unknown_goal_and_language_are_kept_with_warnings():
    """Unknown words in lists are kept, normalised, and each named in a warning."""
    result = _load(adepts=[ADEPT | {"Mål": "Nätverk; Fika", "Språk": "Svenska, Klingonska"}])
    warnings = _problems(result, Severity.WARNING)
    assert sorted((w.column, w.value) for w in warnings) == [
        ("Mål", "Nätverk; Fika"),
        ("Språk", "Svenska, Klingonska"),
    ]
    adept = result.programme.adepts[0]
    assert adept.goals == ("network", "fika")
    assert adept.languages == ("swedish", "klingonska")


def test_unknown_mentor_type_is_kept_with_a_warning():
    """A mentor type SMILE does not know is kept as written (normalised)."""
    result = _load(mentors=[MENTOR | {"Mentorstyp": "Fadder"}])
    assert _one(result, Severity.WARNING).column == "Mentorstyp"
    assert result.programme.mentors[0].mentor_type == "fadder"


def test_blank_workplace_capacity_means_its_mentors_seats():
    """A blank capacity warns and limits the workplace only by its mentors' capacities."""
    mentors = [
        MENTOR | {"Arbetsplats": "W1", "Kapacitet": "2"},
        MENTOR | {"ID": "M2", "Arbetsplats": "W1", "Kapacitet": "3"},
    ]
    workplaces = [WORKPLACE | {"Kapacitet": ""}, WORKPLACE | {"ID": "W2", "Namn": "B"}]
    result = _load(mentors=mentors, workplaces=workplaces)
    warning = _one(result, Severity.WARNING)
    assert (warning.file, warning.row, warning.column) == ("arbetsplatser.csv", 2, "Kapacitet")
    assert [w.capacity for w in result.programme.workplaces] == [5, 2]


def test_workplaces_without_capacity_column_warn_once():
    """No Kapacitet column at all: one warning, and each workplace gets its mentors' seats."""
    workplaces = csv_file("arbetsplatser.csv", [["ID", "Namn"], ["W1", "Gjuteri AB"]])
    result = load_programme(
        adepts=csv_file("a.csv", _rows("adepts", [ADEPT])),
        mentors=csv_file("m.csv", _rows("mentors", [MENTOR | {"Arbetsplats": "W1"}])),
        workplaces=workplaces,
    )
    assert _one(result, Severity.WARNING).row is None
    assert result.programme.workplaces[0].capacity == 1


# --- column mapping --------------------------------------------------------------------------


def test_column_mapping_reads_an_unrecognised_header_as_a_field():
    """The dashboard can say 'Hemland' means birth_country."""
    headers = ["ID", "Kön", "Yrke/Utbildning", "Språk", "Hemlandet"]
    adepts = csv_file("a.csv", _rows("adepts", [ADEPT | {"Hemlandet": "Syrien"}], headers))
    mentors = csv_file("m.csv", _rows("mentors", [MENTOR]))
    before = load_programme(adepts=adepts, mentors=mentors)
    assert before.unknown_columns["adepts"] == ("Hemlandet",)
    after = load_programme(
        adepts=adepts,
        mentors=mentors,
        column_mapping={"adepts": {"Hemlandet": "birth_country"}},
    )
    assert after.report.problems == ()
    assert after.programme.adepts[0].birth_country == "syrien"


def test_column_mapping_to_blank_ignores_a_column_quietly():
    """Mapping a header to '' means the coordinator chose not to use it: no warning."""
    headers = [*SWEDISH_HEADERS["adepts"], "E-post"]
    adepts = csv_file("a.csv", _rows("adepts", [ADEPT | {"E-post": "x@y.se"}], headers))
    result = load_programme(
        adepts=adepts,
        mentors=csv_file("m.csv", _rows("mentors", [MENTOR])),
        column_mapping={"adepts": {"e-post": ""}},
    )
    assert result.report.problems == ()


def test_column_mapping_to_an_unknown_field_is_a_caller_error():
    """A mapping naming a field the table lacks is a programming mistake, said plainly."""
    with pytest.raises(ValueError, match="no field 'capacity'"):
        _load(column_mapping={"adepts": {"X": "capacity"}})


# --- properties ------------------------------------------------------------------------------

_CELL = st.one_of(
    st.text(max_size=8),
    st.sampled_from(["Kvinna", "man", "x", "", "SFI C", "b1", "3", "-1", "=1+1", "W1", "Ekonom"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    adept_cells=st.lists(st.lists(_CELL, min_size=15, max_size=15), min_size=1, max_size=4),
    mentor_cells=st.lists(st.lists(_CELL, min_size=12, max_size=12), min_size=1, max_size=4),
    separator=st.sampled_from([";", ",", "\t"]),
)
def test_any_cells_give_a_programme_or_errors_never_an_exception(
    adept_cells, mentor_cells, separator
):
    """Whatever the cells hold: no exception, and a programme exactly when there is no error."""
    files = {
        "adepts": SourceFile(
            "a.csv", csv_bytes([SWEDISH_HEADERS["adepts"], *adept_cells], separator=separator)
        ),
        "mentors": SourceFile(
            "m.csv", csv_bytes([SWEDISH_HEADERS["mentors"], *mentor_cells], separator=separator)
        ),
    }
    result = load_programme(**files)
    assert (result.programme is None) == bool(result.report.errors)
    for problem in result.report.problems:
        assert problem.message_sv and problem.message_en
        assert problem.file in {"a.csv", "m.csv", ""}


_GENDER_WORDS = {
    Gender.WOMAN: "Kvinna",
    Gender.MAN: "Man",
    Gender.NON_BINARY: "Icke-binär",
    Gender.UNDISCLOSED: "",
}
_PREFERENCE_WORDS = {
    MentorGenderPreference.ANY: "Spelar ingen roll",
    MentorGenderPreference.WOMAN: "Kvinna",
    MentorGenderPreference.MAN: "Man",
}
_NAME = st.lists(
    st.sampled_from(["Åsa", "Öberg", "Zoë", "Dawit", "Nguyễn", "O'Brien", "Li"]),
    min_size=1,
    max_size=3,
).map(" ".join)
_FIELD = st.sampled_from(["ekonom", "svetsare", "jurist", "it-konsult", "undersköterska"])
_PLACE = st.sampled_from(["", "sävsjö", "jönköping", "malmö"])
_LANGUAGES = st.lists(
    st.sampled_from(["swedish", "english", "arabic", "persian", "dari", "tigrinya"]),
    unique=True,
    max_size=3,
).map(tuple)
_TAGS = st.lists(st.sampled_from(GOAL_TAGS), unique=True, max_size=4).map(tuple)
_AVAILABILITY = st.lists(st.sampled_from(["vardagar", "kvällar"]), unique=True).map(tuple)


@st.composite
def _programmes(draw):
    workplaces = tuple(
        Workplace(
            id=f"W{i}",
            name=f"Arbetsplats {i}",
            industry=draw(st.sampled_from(["", "gjuteri", "trähus"])),
            municipality=draw(_PLACE),
            capacity=draw(st.integers(0, 5)),
        )
        for i in range(draw(st.integers(0, 3)))
    )
    mentors = tuple(
        Mentor(
            id=f"M{i}",
            gender=draw(st.sampled_from(list(Gender))),
            field=draw(_FIELD),
            name=draw(_NAME),
            workplace_id=draw(st.sampled_from(["", *(w.id for w in workplaces)])),
            languages=draw(_LANGUAGES),
            municipality=draw(_PLACE),
            capacity=draw(st.integers(1, 4)),
            offers=draw(_TAGS),
            availability=draw(_AVAILABILITY),
            mentor_type=draw(st.sampled_from(list(MENTOR_TYPE_LABELS_SV))),
        )
        for i in range(draw(st.integers(1, 4)))
    )
    adepts = tuple(
        Adept(
            id=f"A{i:03d}",
            gender=draw(st.sampled_from(list(Gender))),
            field=draw(_FIELD),
            name=draw(_NAME),
            languages=draw(_LANGUAGES),
            swedish_level=draw(st.sampled_from(["", *SWEDISH_LEVEL_RANK])),
            target_field=draw(st.sampled_from(["", "controller"])),
            municipality=draw(_PLACE),
            preferred_mentor_gender=draw(st.sampled_from(list(MentorGenderPreference))),
            goals=draw(_TAGS),
            availability=draw(_AVAILABILITY),
            cohort=draw(st.sampled_from(["", "vår 2026"])),
        )
        for i in range(draw(st.integers(1, 5)))
    )
    return Programme(adepts=adepts, mentors=mentors, workplaces=workplaces)


def _cell(item, field: str, swedish: bool) -> object:
    value = getattr(item, field)
    if isinstance(value, tuple):
        return "; ".join(value)
    if swedish and isinstance(value, Gender):
        return _GENDER_WORDS[value]
    if swedish and isinstance(value, MentorGenderPreference):
        return _PREFERENCE_WORDS[value]
    if swedish and field == "mentor_type":
        return MENTOR_TYPE_LABELS_SV[value]
    if swedish and field == "swedish_level":
        return value.upper()
    return value.value if hasattr(value, "value") else value


def _sheet(items, table: str, swedish: bool):
    fields = TABLE_FIELDS[table]
    headers = SWEDISH_HEADERS[table] if swedish else list(fields)
    return [headers, *[[_cell(item, f, swedish) for f in fields] for item in items]]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    programme=_programmes(),
    swedish=st.booleans(),
    form=st.sampled_from(["csv-cp1252", "csv-utf16", "csv-utf8", "xlsx"]),
)
def test_a_programme_written_out_loads_back_equal(programme, swedish, form):
    """Any programme written as a coordinator would (Swedish or English) loads back equal."""
    sheets = {
        "adepts": _sheet(programme.adepts, "adepts", swedish),
        "mentors": _sheet(programme.mentors, "mentors", swedish),
        "workplaces": _sheet(programme.workplaces, "workplaces", swedish),
    }
    if not programme.workplaces:
        del sheets["workplaces"]
    if form == "xlsx":
        result = load_programme(workbook=SourceFile("p.xlsx", xlsx_bytes(sheets)))
    else:
        encoding = {"csv-cp1252": "cp1252", "csv-utf16": "utf-16", "csv-utf8": "utf-8"}[form]
        if encoding == "cp1252" and any(
            "ễ" in a.name for a in programme.adepts + programme.mentors
        ):
            encoding = "utf-8"  # Windows-1252 has no ễ; a coordinator's file would be UTF-8
        files = {
            table: SourceFile(f"{table}.csv", csv_bytes(rows, encoding=encoding))
            for table, rows in sheets.items()
        }
        result = load_programme(**files)
    assert result.report.errors == ()
    assert result.programme == programme


def test_must_match_column_reads_yes_no_and_blank():
    """ "Måste matchas": ja/x/yes are true, nej/blank false, on the adept as ``must_match``."""
    answers = {"A1": "ja", "A2": "X", "A3": "nej", "A4": "", "A5": "yes"}
    result = _load(adepts=[ADEPT | {"ID": a, "Måste matchas": v} for a, v in answers.items()])
    assert result.report.errors == ()
    marked = {a.id: a.must_match for a in result.programme.adepts}
    assert marked == {"A1": True, "A2": True, "A3": False, "A4": False, "A5": True}


def test_must_match_with_another_word_names_row_column_and_value():
    """A word that is neither yes nor no is an error naming its Excel row, column and value."""
    result = _load(adepts=[ADEPT, ADEPT | {"ID": "A2", "Måste matchas": "kanske"}])
    error = _one(result, Severity.ERROR)
    assert (error.row, error.column, error.value) == (3, "Måste matchas", "kanske")
    assert "'kanske' är varken ja eller nej" in error.message_sv
    assert "'kanske' is neither yes nor no" in error.message_en
    assert result.programme is None
