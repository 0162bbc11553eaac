"""The participant tables as the one reader declares them, and their wording next to outcomes'."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from spreadsheet_files import csv_file

from smile_core.ingest.participant_fields import PARTICIPANT_TABLES
from smile_core.ingest.validation import load_programme
from smile_core.ingest.vocabulary import (
    HEADER_SYNONYMS,
    MAPPABLE_FIELDS,
    REQUIRED_FIELDS,
    TABLES,
    match_header,
)
from smile_core.outcomes.outcomes_reading import FOLLOWUP_TABLE, load_followups


def test_every_table_declares_exactly_the_fields_a_mapping_may_name():
    """The reader's fields of each table are the mappable fields, required ones marked."""
    for table in TABLES:
        spec = PARTICIPANT_TABLES[table]
        assert {f.name for f in spec.fields} == set(MAPPABLE_FIELDS[table])
        assert {f.name for f in spec.fields if f.required} == set(REQUIRED_FIELDS[table])


def test_the_reader_matches_every_known_header_as_the_vocabulary_does():
    """Each synonym of each field lands on the same field through the spec and the vocabulary."""
    for table in TABLES:
        spec = PARTICIPANT_TABLES[table]
        for field_name, synonyms in HEADER_SYNONYMS[table].items():
            for header in (field_name, *synonyms):
                assert spec.match_header(header) == match_header(table, header) == field_name


_ADEPT_ROWS = [
    ("A1", "Amina", "kvinna", "svenska, arabiska", "B1", "ekonom", "Malmö"),
    ("A2", "Dawit", "man", "tigrinja", "SFI C", "svetsare", "Växjö"),
    ("A3", "Li", "", "engelska", "", "jurist", ""),
]
_MENTOR_ROWS = [("M1", "Eva", "kvinna", "ekonom", "2"), ("M2", "Olle", "man", "svetsare", "1")]
_ADEPT_FIELDS = ("id", "name", "gender", "languages", "swedish_level", "field", "municipality")
_ADEPT_ALIASES = {name: (name, *HEADER_SYNONYMS["adepts"][name]) for name in _ADEPT_FIELDS}


def _mentors():
    return csv_file("mentorer.csv", [("ID", "Namn", "Kön", "Yrke", "Kapacitet"), *_MENTOR_ROWS])


def _where(result):
    return [
        (p.severity, p.file, p.row, p.column and match_header("adepts", p.column), p.value)
        for p in result.report.problems
    ]


def _adepts(order, headers):
    rows = [[headers[i] for i in order], *([row[i] for i in order] for row in _ADEPT_ROWS)]
    return csv_file("adepter.csv", rows)


@settings(max_examples=40, deadline=None)
@given(
    order=st.permutations(range(len(_ADEPT_FIELDS))),
    headers=st.tuples(*(st.sampled_from(_ADEPT_ALIASES[name]) for name in _ADEPT_FIELDS)),
    upper=st.booleans(),
)
def test_an_adepts_file_with_shuffled_and_renamed_headers_reads_the_same_programme(
    order, headers, upper
):
    """Any order of the columns, under any Swedish or English alias, gives the same adepts."""
    written = [h.upper() if upper else h for h in headers]
    result = load_programme(adepts=_adepts(order, written), mentors=_mentors())
    expected = load_programme(
        adepts=_adepts(range(len(_ADEPT_FIELDS)), list(_ADEPT_FIELDS)), mentors=_mentors()
    )
    assert result.ok, result.report.errors
    assert result.programme.adepts == expected.programme.adepts
    # The same problems in the same cells; only the header they name is spelled as written.
    assert _where(result) == _where(expected)


def test_participants_and_follow_ups_word_header_problems_alike():
    """An unknown and a missing column read the same in the adepts and the follow-ups files."""
    adepts = load_programme(
        adepts=csv_file("a.csv", [("ID", "Namn", "Anteckning"), ("A1", "Amina", "x")]),
        mentors=_mentors(),
    )
    followups = load_followups(
        csv_file("f.csv", [("adept_id", "months", "Anteckning"), ("A1", "3", "x")])
    )
    unknown = [
        p.message
        for r in (adepts, followups)
        for p in r.report.problems
        if p.column == "Anteckning"
    ]
    assert len(unknown) == 2 and unknown[0] == unknown[1]
    missing_adepts = next(p for p in adepts.report.errors if "Yrke/Utbildning" in p.message_en)
    missing_status = next(p for p in followups.report.errors if "'Status'" in p.message_en)
    assert missing_adepts.message_en == (
        "The column 'Yrke/Utbildning' is missing; adepts need it. Add a column headed "
        "Yrke/Utbildning (or field)."
    )
    assert missing_status.message_en == (
        "The column 'Status' is missing; follow-ups need it. Add a column headed Status "
        "(or status)."
    )
    assert FOLLOWUP_TABLE.match_header("Månader efter start") == "months"
