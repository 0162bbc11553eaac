"""Cohort intakes: an upload split by its Kohort column, and start dates read from names."""

from datetime import date

import pytest

from smile_core.ingest.intakes import cohort_names, split_by_cohort, start_from_name
from smile_core.ingest.participants import Adept, Gender, Mentor, Programme, Workplace


def _programme() -> Programme:
    adepts = (
        Adept("A1", Gender.WOMAN, "jurist", cohort="HT 2026"),
        Adept("A2", Gender.MAN, "ekonom", cohort="VT 2027"),
        Adept("A3", Gender.MAN, "ekonom", cohort="HT 2026"),
        Adept("A4", Gender.WOMAN, "ekonom"),
    )
    mentors = (Mentor("M1", Gender.MAN, "ekonom", workplace_id="W1", capacity=2),)
    return Programme(adepts, mentors, (Workplace("W1", capacity=3),), name="Fackets program")


def test_the_upload_splits_into_one_programme_per_intake():
    """Adepts go to their intake; every mentor and workplace is in each; blanks keep together."""
    parts = split_by_cohort(_programme())
    assert list(parts) == ["HT 2026", "VT 2027", ""]
    assert [a.id for a in parts["HT 2026"].adepts] == ["A1", "A3"]
    assert [a.id for a in parts["VT 2027"].adepts] == ["A2"]
    assert [a.id for a in parts[""].adepts] == ["A4"]
    assert all(p.mentors == _programme().mentors for p in parts.values())
    assert all(p.workplaces == _programme().workplaces for p in parts.values())
    assert (parts["HT 2026"].name, parts[""].name) == ("HT 2026", "Fackets program")


def test_cohort_names_in_first_seen_order():
    """The Kohort values as they first appear, blank included."""
    assert cohort_names(_programme()) == ["HT 2026", "VT 2027", ""]


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("HT 2026", date(2026, 9, 1)),
        ("Våren 2027", date(2027, 2, 1)),
        ("VT27", date(2027, 2, 1)),
        ("September 2026", date(2026, 9, 1)),
        ("feb 2027", date(2027, 2, 1)),
        ("Autumn intake 2026", date(2026, 9, 1)),
        ("2026-09-15", date(2026, 9, 15)),
        ("Intag 2026-02", date(2026, 2, 1)),
    ],
)
def test_start_dates_are_read_from_intake_names(name, start):
    """Terms, months and ISO dates in a cohort's name give its first day."""
    assert start_from_name(name) == start


@pytest.mark.parametrize("name", ["Grupp A", "2026", "Hösten", "2026-13-01", ""])
def test_names_without_a_date_give_none(name):
    """No month or term and year in the name: no guess."""
    assert start_from_name(name) is None
