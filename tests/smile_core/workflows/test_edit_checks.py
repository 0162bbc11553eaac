"""The public checks in words: a missed equality target is told apart from a broken rule."""

from __future__ import annotations

import dataclasses

from smile_core.demo.synthetic import binding_programme
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchRateParity, MatchSettings
from smile_core.matching.solver import solve
from smile_core.workflows.edit_checks import EditViolation, check_edits, mark_as_before


def test_a_proven_binding_plan_misses_the_match_rate_target_without_breaking_a_rule():
    """200 adepts, hard wish: only 54 women can have a mentor; the target is missed, not broken."""
    programme = binding_programme(200, 1)
    settings = MatchSettings(gender_preference_hard=True)
    result = solve(programme, settings)
    violations = check_edits(programme, result.plan, settings, score_pairs(programme, settings))
    assert [(v.rule, v.target, v.blocking) for v in violations] == [("match_rate", True, False)]


def test_a_strict_target_missed_by_an_edit_is_a_broken_rule():
    """With the strict option the same miss is a rule the plan breaks, not a target."""
    programme = binding_programme(200, 1)
    settings = MatchSettings(gender_preference_hard=True)
    plan = solve(programme, settings).plan
    strict = dataclasses.replace(
        settings,
        equality=dataclasses.replace(
            settings.equality, match_rate=MatchRateParity(True, 5.0, strict=True)
        ),
    )
    violations = check_edits(programme, plan, strict, score_pairs(programme, strict))
    assert [(v.rule, v.target) for v in violations] == [("match_rate", False)]


def _miss(rule: str, **facts: str) -> EditViolation:
    return EditViolation(rule, False, "", "", "", tuple(facts.items()), target=True)


def test_a_miss_is_as_before_only_for_the_same_group_and_no_further_from_its_target():
    """Same group and distance or less: as before; another group, a larger gap, or new: not."""
    before = [
        _miss("match_rate", g="woman", got="40.0", want="50.0"),
        _miss("quality_parity", d="6.00"),
    ]
    after = [
        _miss("match_rate", g="woman", got="41.0", want="50.0"),
        _miss("match_rate", g="man", got="45.0", want="50.0"),
        _miss("quality_parity", d="6.50"),
        dataclasses.replace(_miss("workplace_mix", w="W1"), target=False),
    ]
    assert [v.as_before for v in mark_as_before(after, before)] == [True, False, False, False]
    assert [v.as_before for v in mark_as_before(after, [])] == [False] * 4
