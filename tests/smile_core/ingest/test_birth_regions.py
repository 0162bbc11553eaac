"""Birth region, country of birth and migration background: the table of regions, the column
aliases on both tables, and unknown values reported with file, row, column and value."""

import pytest
from spreadsheet_files import csv_file

from smile_core.ingest.birth_regions import (
    COUNTRY_REGIONS,
    REGIONS,
    background_region,
    country_region,
    has_migration_background,
    parse_birth_region,
    same_birth_region,
)
from smile_core.ingest.problems import Severity
from smile_core.ingest.validation import load_programme
from smile_core.text import t

ADEPT_HEADERS = ["ID", "Namn", "Kön", "Yrke/Utbildning", "Språk"]
MENTOR_HEADERS = ["ID", "Namn", "Kön", "Yrke/Utbildning", "Språk"]


def _load(adept_extra, adept_values, mentor_extra, mentor_values):
    """One adept and one mentor, each with the extra columns and values given."""
    adepts = csv_file(
        "adepter.csv",
        [
            [*ADEPT_HEADERS, *adept_extra],
            ["A1", "Amal", "Kvinna", "Ekonom", "svenska", *adept_values],
        ],
    )
    mentors = csv_file(
        "mentorer.csv",
        [
            [*MENTOR_HEADERS, *mentor_extra],
            ["M1", "Lars", "Man", "Ekonom", "svenska", *mentor_values],
        ],
    )
    return load_programme(adepts=adepts, mentors=mentors)


@pytest.mark.parametrize(
    ("written", "region"),
    [
        ("Asien", "asia"),
        ("asia", "asia"),
        ("Europa utom EU/EFTA", "europe_other"),
        ("Övriga Europa", "europe_other"),
        ("EU/EFTA utom Norden", "eu_efta"),
        ("norden utom sverige", "nordic"),
        ("Sydamerika", "south_america"),
        ("  AFRIKA ", "africa"),
        ("", ""),
        ("-", ""),
        ("Mellanöstern", "asia"),
        ("Östafrika", "africa"),
        ("Östeuropa", None),
    ],
)
def test_regions_are_read_in_swedish_and_english(written, region):
    """Region words in either language and any case give the code; blank is ""; unknown None."""
    assert parse_birth_region(written) == region


def test_every_region_code_reads_as_itself_and_has_labels_in_both_languages():
    """A stored code parses again to itself, and the catalogue names each region sv and en."""
    for region in REGIONS:
        assert parse_birth_region(region) == region
        assert t(f"birth_region.{region}", "sv") and t(f"birth_region.{region}", "en")


def test_countries_map_to_their_regions():
    """Swedish and English country names give the same region; a missing country is None."""
    assert country_region("Syrien") == country_region("Syria") == "asia"
    assert country_region("Bosnien och Hercegovina") == "europe_other"
    assert country_region("Finland") == "nordic"
    assert country_region("Atlantis") is None
    assert set(COUNTRY_REGIONS) == set(REGIONS)


def test_the_stated_region_wins_over_the_country():
    """The region column is used when given; else the country's region; else not known."""
    assert background_region("afrika", "syrien") == "africa"
    assert background_region("", "syrien") == "asia"
    assert background_region("", "atlantis") == ""


def test_migration_background_is_stated_or_implied_by_a_region():
    """Yes/no as stated; blank with a region other than Sweden is yes; nothing known is None."""
    assert has_migration_background("sweden", "yes") is True
    assert has_migration_background("asia", "no") is False
    assert has_migration_background("asia", "") is True
    assert has_migration_background("sweden", "") is False
    assert has_migration_background("", "") is None


def test_same_birth_region_is_none_when_either_is_not_known():
    """Two people share a region only when both are known."""
    assert same_birth_region("", "irak", "asien", "") is True
    assert same_birth_region("", "irak", "afrika", "") is False
    assert same_birth_region("", "irak", "", "") is None


@pytest.mark.parametrize(
    ("headers", "values"),
    [
        (["Födelseregion", "Födelseland", "Utländsk bakgrund"], ["Asien", "Iran", "ja"]),
        (["Birth region", "Country of birth", "Migration background"], ["Asia", "Iran", "yes"]),
        (["region of birth", "birth country", "foreign background"], ["asien", "iran", "Ja"]),
    ],
)
def test_mentors_and_adepts_give_a_background_under_swedish_or_english_headers(headers, values):
    """Both tables read the three columns by their Swedish and English aliases."""
    result = _load(headers, values, headers, values)
    assert result.programme is not None, [p.message_en for p in result.report.problems]
    adept = result.programme.adepts[0]
    mentor = result.programme.mentors[0]
    for person in (adept, mentor):
        assert (person.birth_region, person.birth_country, person.migration_background) == (
            "asia",
            "iran",
            "yes",
        )
    assert not result.report.problems


def test_unknown_values_are_warnings_with_file_row_column_and_value():
    """An unknown region, country or yes/no answer is a warning naming where and what."""
    result = _load(
        ["Födelseregion"],
        ["Östeuropa"],
        ["Födelseland", "Utländsk bakgrund"],
        ["Atlantis", "kanske"],
    )
    assert result.programme is not None
    found = {
        (p.file, p.row, p.column, p.value): p
        for p in result.report.problems
        if p.severity is Severity.WARNING
    }
    region = found[("adepter.csv", 2, "Födelseregion", "Östeuropa")]
    assert "Östeuropa" in region.message_sv and "Asien" in region.message_sv
    assert "Asia" in region.message_en
    country = found[("mentorer.csv", 2, "Födelseland", "Atlantis")]
    assert "Födelseregion" in country.message_sv and "Birth region" in country.message_en
    answer = found[("mentorer.csv", 2, "Utländsk bakgrund", "kanske")]
    assert "kanske" in answer.message_en
    # Left out, not guessed: the unknown region and answer are blank; the country is kept.
    assert result.programme.adepts[0].birth_region == ""
    mentor = result.programme.mentors[0]
    assert (mentor.birth_country, mentor.migration_background) == ("atlantis", "")
