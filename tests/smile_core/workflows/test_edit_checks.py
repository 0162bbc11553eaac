"""The public checks in words: a missed equality target is told apart from a broken rule."""

from __future__ import annotations

import dataclasses

from smile_core.demo.synthetic import binding_programme
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchRateParity, MatchSettings
from smile_core.matching.solver import solve
from smile_core.workflows.edit_checks import check_edits


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
