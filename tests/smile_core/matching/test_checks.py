"""The public validators: every broken rule is found, all at once, at exact boundaries."""

import pytest

from smile_core.ingest.participants import Adept, Gender, Mentor, Programme, Workplace
from smile_core.matching.checks import Violation, check_equality, check_plan
from smile_core.matching.settings import (
    EqualitySettings,
    MatchRateParity,
    MatchSettings,
    QualityParity,
    WorkplaceMix,
)

OFF = MatchSettings(equality=EqualitySettings().all_off())


def _adept(adept_id, gender="woman"):
    return Adept(adept_id, Gender(gender), "ekonom")


def _programme(genders=("woman", "man", "woman"), mentor_capacity=1, workplace_capacity=2):
    adepts = tuple(_adept(f"A{i:02d}", g) for i, g in enumerate(genders, 1))
    mentors = (
        Mentor("M01", Gender.MAN, "ekonom", workplace_id="W1", capacity=mentor_capacity),
        Mentor("M02", Gender.WOMAN, "ekonom", workplace_id="W1", capacity=mentor_capacity),
        Mentor("M03", Gender.WOMAN, "ekonom", capacity=mentor_capacity),
    )
    return Programme(adepts, mentors, (Workplace("W1", capacity=workplace_capacity),))


def _rules(violations):
    return sorted(v.rule for v in violations)


def _equality(k=1, rate=None, gap=None, mix=None):
    return MatchSettings(
        equality=EqualitySettings(
            min_group_size=k,
            match_rate=MatchRateParity(rate is not None, rate or 0.0, strict=True),
            quality=QualityParity(gap is not None, max_gap_points=gap or 0.0, strict=True),
            workplace_mix=WorkplaceMix(mix is not None, mix or 0.0, strict=True),
        )
    )


def test_a_plan_that_keeps_every_rule_has_no_violations():
    """One adept per mentor, within the workplace's places: nothing to report."""
    assert check_plan(_programme(), [("A01", "M01"), ("A02", "M03")], OFF) == []


def test_unknown_ids_are_reported_and_stop_the_other_checks():
    """Pairs naming unknown people are reported first, alone."""
    violations = check_plan(_programme(), [("A09", "M01"), ("A01", "M09")], OFF)
    assert violations == [
        Violation("unknown", "unknown adept A09"),
        Violation("unknown", "unknown mentor M09"),
    ]


def test_every_broken_rule_is_reported_at_once():
    """Every broken rule of a bad plan is reported in one call."""
    prog = _programme()
    pairs = [("A01", "M01"), ("A01", "M02"), ("A02", "M01")]
    violations = check_plan(
        prog,
        pairs,
        OFF,
        allowed=[("A01", "M01"), ("A01", "M02")],
        locks=[("A03", "M03")],
        forbids=[("A01", "M02")],
        must_match=["A03"],
    )
    assert _rules(violations) == sorted(
        [
            "at_most_once",
            "mentor_capacity",
            "workplace_capacity",
            "lock",
            "forbid",
            "must_match",
            "allowed",
        ]
    )
    messages = {v.rule: v.message for v in violations}
    assert messages["mentor_capacity"] == "mentor M01 has 2 adepts, capacity 1"
    assert messages["workplace_capacity"] == "workplace W1 has 3 adepts, capacity 2"
    assert messages["lock"] == "locked pair A03–M03 is missing"
    assert messages["allowed"] == "pair A02–M01 is not allowed by the matching rules"


def test_a_locked_pair_need_not_be_allowed():
    """A lock overrides the scoring rules: a locked, disallowed pair is not a violation."""
    violations = check_plan(_programme(), [("A01", "M03")], OFF, allowed=[], locks=[("A01", "M03")])
    assert violations == []


def test_capacity_at_the_limit_is_fine():
    """Exactly the capacity is allowed; mentors without a workplace count nowhere."""
    prog = _programme(mentor_capacity=2, workplace_capacity=2)
    pairs = [("A01", "M01"), ("A02", "M01"), ("A03", "M03")]
    assert check_plan(prog, pairs, OFF) == []


# --- match-rate parity ---------------------------------------------------------------------


def _ten():
    return ("woman",) * 5 + ("man",) * 4 + ("undisclosed",)


def _matched(prog, women, men):
    ids = [a.id for a in prog.adepts]
    chosen = ids[:women] + ids[5 : 5 + men]
    return [(a, "M03") for a in chosen]


def test_match_rate_exact_boundary():
    """Women 50% of applicants, 10 points allowed: 40% of the matched passes, 37.5% does not."""
    prog = _programme(_ten())
    settings_ = _equality(k=4, rate=10.0)
    assert check_equality(prog, _matched(prog, 2, 3), settings_) == []  # 40%
    violations = check_equality(prog, _matched(prog, 3, 5), settings_)  # 37.5%
    assert _rules(violations) == ["match_rate"]
    assert violations[0].message.startswith("woman: 37.5% of the matched against 50.0%")


def test_match_rate_ignores_small_groups_and_undisclosed():
    """Groups below k are not constrained, and undisclosed never is."""
    prog = _programme(_ten())
    assert check_equality(prog, _matched(prog, 0, 4), _equality(k=6, rate=0.0)) == []
    # Undisclosed (1 of 10) unmatched: no violation even with k = 1.
    assert _rules(check_equality(prog, _matched(prog, 5, 4), _equality(k=1, rate=0.0))) == []


def test_match_rate_empty_plan_is_fine():
    """Nobody matched: no shares to compare."""
    assert check_equality(_programme(_ten()), [], _equality(k=1, rate=0.0)) == []


# --- quality parity ------------------------------------------------------------------------


def test_quality_parity_exact_boundary():
    """Means 80 and 70: a 10-point gap is allowed, 9.99 is not."""
    prog = _programme(("woman", "woman", "man"))
    pairs = [("A01", "M01"), ("A02", "M02"), ("A03", "M03")]
    scores = {("A01", "M01"): 85.0, ("A02", "M02"): 75.0, ("A03", "M03"): 70.0}
    assert check_equality(prog, pairs, _equality(gap=10.0), scores=scores) == []
    violations = check_equality(prog, pairs, _equality(gap=9.99), scores=scores)
    assert violations == [Violation("quality_parity", "mean scores differ by 10.00 points")]


def test_quality_parity_needs_scores_and_both_groups():
    """Without scores, or with a group unmatched or below k, nothing is checked."""
    prog = _programme(("woman", "woman", "man"))
    pairs = [("A01", "M01"), ("A03", "M03")]
    scores = {("A01", "M01"): 90.0, ("A03", "M03"): 10.0}
    assert check_equality(prog, pairs, _equality(gap=5.0)) == []
    assert check_equality(prog, pairs[:1], _equality(gap=5.0), scores=scores) == []
    assert check_equality(prog, pairs, _equality(k=2, gap=5.0), scores=scores) == []
    assert _rules(check_equality(prog, pairs, _equality(gap=5.0), scores=scores)) == [
        "quality_parity"
    ]


# --- workplace mix -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "genders, share, broken",
    [
        (("man", "man"), 0.25, True),
        (("woman", "man"), 0.5, False),  # exactly the share
        (("woman", "man", "man"), 0.34, True),  # 33.3% < 34%
        (("woman", "man", "man"), 0.33, False),
        (("man",), 0.9, False),  # a single adept: the rule starts at two
    ],
)
def test_workplace_mix(genders, share, broken):
    """Two or more adepts at a workplace need the minimum share of women."""
    prog = _programme(genders, mentor_capacity=3, workplace_capacity=3)
    pairs = [(a.id, "M01") for a in prog.adepts]
    violations = check_equality(prog, pairs, _equality(k=99, mix=share))
    assert (_rules(violations) == ["workplace_mix"]) is broken


def test_mix_ignores_mentors_without_a_workplace():
    """Adepts with a mentor outside any workplace are not counted at a workplace."""
    prog = _programme(("man", "man"), mentor_capacity=2)
    pairs = [("A01", "M03"), ("A02", "M03")]
    assert check_equality(prog, pairs, _equality(k=99, mix=1.0)) == []


def test_rules_switched_off_report_nothing():
    """With every equality rule off, a lopsided plan passes."""
    prog = _programme(_ten())
    assert check_equality(prog, _matched(prog, 0, 4), OFF) == []
