"""Group mentoring: a group mentor takes nobody or at least the minimum group size."""

import dataclasses

import pytest

from smile_core.ingest.participants import Adept, Gender, Mentor, Programme
from smile_core.ingest.reading import SourceFile
from smile_core.ingest.validation import load_programme
from smile_core.matching.checks import check_plan
from smile_core.matching.plan import Status, UnmatchedReason
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import solve

NO_EQUALITY = dataclasses.replace(MatchSettings(), equality=MatchSettings().equality.all_off())


def _programme(n_adepts: int) -> Programme:
    """A group mentor (4–6) and a 1:1 mentor with two seats, all speaking Swedish."""
    mentors = (
        Mentor("G1", Gender.WOMAN, "ekonom", capacity=6, min_group_size=4),
        Mentor("M2", Gender.MAN, "ekonom", capacity=2),
    )
    adepts = tuple(
        Adept(f"A{i}", Gender.WOMAN if i % 2 else Gender.MAN, "ekonom", swedish_level="b2")
        for i in range(n_adepts)
    )
    return Programme(adepts=adepts, mentors=mentors)


def test_a_group_runs_when_enough_adepts_are_left():
    """Five adepts: the group runs with at least four, and the public checks agree."""
    programme = _programme(5)
    result = solve(programme, NO_EQUALITY)
    assert result.status is Status.OPTIMAL and result.matched == 5
    in_group = sum(1 for m in result.plan.mentor_of.values() if m == "G1")
    assert in_group == 0 or in_group >= 4
    assert not check_plan(programme, result.plan.keys, NO_EQUALITY)


def test_a_group_below_its_minimum_does_not_run():
    """With two adepts locked to the 1:1 mentor, two left cannot make a group of four."""
    programme = _programme(4)
    result = solve(programme, NO_EQUALITY, locks=[("A0", "M2"), ("A1", "M2")])
    assert result.matched == 2
    assert {u.reason for u in result.unmatched} == {UnmatchedReason.GROUP_MINIMUM}


def test_checks_flag_a_group_below_its_minimum():
    """The independent checks report a group of two under a minimum of four."""
    violations = check_plan(_programme(4), [("A0", "G1"), ("A1", "G1")], NO_EQUALITY)
    assert [v.rule for v in violations] == ["group_minimum"]


def test_a_minimum_above_capacity_is_refused_at_the_boundary():
    """A minimum larger than the capacity is an error at the row, in both languages."""
    mentors = SourceFile(
        "mentorer.csv", "ID;Kön;Yrke;Kapacitet;Minsta grupp\nM1;Kvinna;ekonom;2;3\n".encode()
    )
    adepts = SourceFile("adepter.csv", "ID;Kön;Yrke\nA1;Man;ekonom\n".encode())
    result = load_programme(adepts=adepts, mentors=mentors)
    assert result.programme is None
    [problem] = result.report.errors
    assert (problem.row, problem.column, problem.value) == (2, "Minsta grupp", "3")
    with pytest.raises(ValueError, match="minimum group size"):
        Mentor("M1", Gender.WOMAN, "ekonom", capacity=2, min_group_size=3)
