"""Readiness before matching: demand against seats, by field and region, and gaps in words."""

from __future__ import annotations

import csv
import io
from collections import Counter

import polars as pl
from demo_data import demo_programme, demo_source

from smile_core.ingest.participants import (
    Adept,
    Gender,
    Mentor,
    MentorGenderPreference,
    Programme,
    Workplace,
)
from smile_core.ingest.readiness import demand_supply_long, participant_counts, readiness
from smile_core.matching.settings import MatchSettings


def _raw(name: str) -> list[dict[str, str]]:
    text = demo_source("academic", name).data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _adept(i: int, target: str, **more) -> Adept:
    languages = ("swedish",)
    return Adept(
        f"A{i}",
        Gender.WOMAN,
        target,
        target_field=target,
        languages=languages,
        swedish_level="b1",
        **more,
    )


def _mentor(i: int, field: str, **more) -> Mentor:
    return Mentor(f"M{i}", Gender.MAN, field, languages=("swedish",), **more)


def test_participant_counts_match_the_demo_files():
    """Adepts, mentors and seats by gender agree with a plain count of the academic demo files."""
    counts = participant_counts(demo_programme("academic"))
    adepts, mentors = _raw("adepts.csv"), _raw("mentors.csv")

    def shown(group: str) -> dict[str, int]:
        rows = counts.filter(pl.col("group") == group)
        return dict(zip(rows["gender"], rows["n"], strict=True))

    by_gender = Counter(r["gender"].strip().lower() or "undisclosed" for r in adepts)
    assert {g: n for g, n in shown("adepts").items() if n} == dict(by_gender)
    assert sum(shown("mentors").values()) == len(mentors)
    assert sum(shown("mentor_seats").values()) == sum(int(r["capacity"]) for r in mentors)
    workplaces = counts.filter(pl.col("group") == "workplaces")
    assert workplaces["gender"].to_list() == [None]
    assert workplaces["n"].to_list() == [len(_raw("workplaces.csv"))]
    assert counts.filter(pl.col("gender") == "woman")["gender_sv"].unique().to_list() == ["Kvinna"]


def test_demo_totals_and_the_workplace_bottleneck():
    """The academic demo has more mentor seats than adepts, but its workplaces take fewer."""
    check = readiness(demo_programme("academic"))
    seats = sum(int(r["capacity"]) for r in _raw("mentors.csv"))
    places = sum(int(r["capacity"]) for r in _raw("workplaces.csv"))
    assert (check.adepts, check.mentor_seats, check.workplace_places) == (80, seats, places)
    assert check.usable_seats <= min(seats, places)
    assert check.usable_seats < check.adepts
    (total,) = [g for g in check.gaps if g.dimension == "workplaces"]
    assert total.demand == 80 and total.supply == check.usable_seats
    assert f"tar bara emot {check.usable_seats} adepter" in total.message_sv
    assert check.totals["value"].to_list() == [80, seats, places, check.usable_seats]
    assert not check.ready


def test_a_field_gap_is_named_in_words():
    """Three adepts want to work in law and one mentor seat is in law: said in both languages."""
    adepts = (*(_adept(i, "jurist") for i in range(3)), _adept(3, "ekonom"))
    mentors = (_mentor(1, "advokat"), _mentor(2, "ekonom", capacity=3))
    check = readiness(Programme(adepts, mentors))
    law = check.by_field.filter(pl.col("group") == "law").row(0, named=True)
    assert (law["demand"], law["supply"], law["gap"]) == (3, 1, 2)
    (gap,) = check.gaps
    assert gap.message_sv == (
        "3 adepter vill arbeta inom juridik men det finns bara 1 mentorsplats inom juridik."
    )
    assert gap.message_en == "3 adepts want to work in law but there is only 1 mentor seat in law."
    assert check.messages("en") == [gap.message_en]


def test_more_adepts_than_seats_is_the_first_gap():
    """With 4 adepts and 2 seats, the first gap says at least 2 adepts go without a mentor."""
    adepts = tuple(_adept(i, "ekonom") for i in range(4))
    check = readiness(Programme(adepts, (_mentor(1, "ekonom", capacity=2),)))
    first = check.gaps[0]
    assert first.dimension == "total" and (first.demand, first.supply) == (4, 2)
    assert "minst 2 adepter blir utan mentor" in first.message_sv
    assert "at least 2 adepts will be left without one" in first.message_en


def test_a_region_gap_names_the_region_with_its_capitals():
    """Regions are stored case-folded; the message writes them as Swedes do."""
    adepts = tuple(_adept(i, "ekonom", region="västra götalands län") for i in range(2))
    mentors = (_mentor(1, "ekonom", region="skåne län", capacity=2),)
    check = readiness(Programme(adepts, mentors))
    (gap,) = [g for g in check.gaps if g.dimension == "region"]
    assert gap.message_sv == (
        "2 adepter bor i Västra Götalands län men det finns ingen mentorsplats där."
    )
    assert check.by_region["label_sv"].to_list() == ["Västra Götalands län", "Skåne län"]


def test_adepts_with_no_allowed_mentor_are_listed_with_the_reason():
    """An adept sharing no language, and one wishing a woman mentor (a hard rule), are listed."""
    adepts = (
        Adept("A1", Gender.MAN, "ekonom", name="Ali", languages=("somali",)),
        _adept(2, "ekonom", preferred_mentor_gender=MentorGenderPreference.WOMAN),
        _adept(3, "ekonom"),
    )
    mentors = (_mentor(1, "ekonom", capacity=3), _mentor(2, "ekonom"))
    settings = MatchSettings(gender_preference_hard=True)
    check = readiness(Programme(adepts, mentors), settings)
    blocked = check.no_allowed_mentor.rows_by_key("adept_id", named=True)
    assert set(blocked) == {"A1", "A2"}
    assert blocked["A1"][0]["reasons"] == ["no_shared_language"]
    assert blocked["A1"][0]["adept_name"] == "Ali"
    assert "2 delar inget språk" in blocked["A1"][0]["message_sv"]
    assert blocked["A2"][0]["reasons"] == ["gender_preference"]
    assert "not of the wished gender" in blocked["A2"][0]["message_en"]
    assert check.gaps[-1].dimension == "no_allowed_mentor" and check.gaps[-1].demand == 2
    # As a soft rule, the wish for a woman mentor no longer blocks anyone.
    soft = readiness(Programme(adepts, mentors))
    assert soft.no_allowed_mentor["adept_id"].to_list() == ["A1"]


def test_seats_at_a_workplace_without_places_do_not_count():
    """A mentor at a workplace with capacity 0 adds no supply and blocks every pair."""
    adepts = (_adept(1, "ekonom"),)
    mentors = (_mentor(1, "ekonom", workplace_id="W1", capacity=2),)
    check = readiness(Programme(adepts, mentors, (Workplace("W1", capacity=0),)))
    assert check.mentor_seats == 2 and check.usable_seats == 0
    assert check.by_field["supply"].to_list() == [0]
    assert check.no_allowed_mentor["reasons"].to_list() == [["workplace_has_no_places"]]
    assert check.gaps[0].dimension == "total"
    assert "platser finns på arbetsplatser utan platser" in check.gaps[0].message_sv


def test_a_balanced_programme_is_ready():
    """Enough seats in every field and region, and an allowed mentor for everyone: no gaps."""
    adepts = tuple(_adept(i, "ekonom", region="skåne län") for i in range(2))
    mentors = (_mentor(1, "controller", region="skåne län", capacity=2),)
    check = readiness(Programme(adepts, mentors))
    assert check.ready and check.gaps == () and check.messages() == []


def test_demand_and_supply_as_rows_for_a_chart():
    """The long form has a demand and a supply row per group with the same numbers."""
    check = readiness(demo_programme("vocational"))
    long = demand_supply_long(check.by_field)
    assert long.height == 2 * check.by_field.height
    for row in check.by_field.iter_rows(named=True):
        mine = long.filter(pl.col("group") == row["group"])
        assert dict(zip(mine["measure"], mine["value"], strict=True)) == {
            "demand": row["demand"],
            "supply": row["supply"],
        }
    assert set(long["measure_sv"]) == {"adepter", "mentorsplatser"}
