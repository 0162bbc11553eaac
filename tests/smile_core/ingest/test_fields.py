"""Related fields: the table is data, every field has one family, and similarity follows it."""

import csv
from importlib import resources

import pytest

from smile_core.ingest.fields import field_families, field_similarity, normalise_field


def _rows():
    source = resources.files("smile_core.ingest").joinpath("related_fields.csv")
    with source.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_table_has_family_and_field_columns_and_no_blank_cells():
    """related_fields.csv is a two-column table with every cell filled."""
    rows = _rows()
    assert rows and set(rows[0]) == {"family", "field"}
    assert all(row["family"].strip() and row["field"].strip() for row in rows)


def test_each_field_belongs_to_exactly_one_family():
    """No field word is listed twice (twice would make its family depend on row order)."""
    fields = [normalise_field(row["field"]) for row in _rows()]
    duplicates = sorted({f for f in fields if fields.count(f) > 1})
    assert duplicates == []


def test_fields_in_the_table_are_already_normalised():
    """Table words are stored the way participants' fields are compared."""
    assert all(row["field"] == normalise_field(row["field"]) for row in _rows())


@pytest.mark.parametrize(
    "family, words",
    [
        ("foundry", ("gjutare", "svetsare", "casting", "welding")),
        ("economics", ("ekonom", "controller", "finans", "finance")),
    ],
)
def test_families_named_in_the_issue(family, words):
    """Foundry/welding/casting and economics/finance are related families."""
    families = field_families()
    assert {families[w] for w in words} == {family}


def test_normalise_field_trims_collapses_and_casefolds():
    """Spaces trimmed and collapsed, case folded, Unicode composed."""
    assert normalise_field("  CNC-Operatör   Svets ") == "cnc-operatör svets"
    assert normalise_field("Sva\u0308tsare") == normalise_field("Svätsare")


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("Svetsare", "svetsare ", 1.0),
        ("svetsare", "Gjutare", 0.4),
        ("ekonom", "Financial  Analyst", 0.4),
        ("ekonom", "svetsare", 0.0),
        ("kock", "kock", 1.0),
        ("kock", "bagare", 0.0),
        ("", "", 0.0),
        ("", "svetsare", 0.0),
    ],
)
def test_field_similarity(a, b, expected):
    """1 for the same field, the related credit within a family, else 0 (and 0 if blank)."""
    assert field_similarity(a, b, related_credit=0.4) == expected
