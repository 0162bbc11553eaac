"""The rule registry: every registered rule is declared whole (check, texts in both languages,
real settings), each rule's check catches a plan that breaks it, and the façade, explainer,
mirror and checks all iterate the registry."""

from __future__ import annotations

import dataclasses

import pytest

from smile_core.ingest.participants import Adept, Gender, Mentor, Programme, Workplace
from smile_core.matching.checks import check_equality, check_plan
from smile_core.matching.settings import (
    EqualitySettings,
    MatchRateParity,
    MatchSettings,
    QualityParity,
    WorkplaceMix,
)
from smile_core.matching.solver.rules import registry
from smile_core.matching.solver.rules.registry import CHECKED, RULES
from smile_core.matching.violation import PlanFacts
from smile_core.text import LANGUAGES, all_keys, texts

OFF = MatchSettings(equality=EqualitySettings().all_off())


def _programme(genders=("woman", "man", "woman", "man"), capacity=1, min_group=0):
    adepts = tuple(Adept(f"A{i}", Gender(g), "ekonom") for i, g in enumerate(genders, 1))
    mentors = (
        Mentor("M1", Gender.MAN, "ekonom", workplace_id="W1", capacity=capacity),
        Mentor("M2", Gender.WOMAN, "ekonom", workplace_id="W1", capacity=capacity),
        Mentor("M3", Gender.WOMAN, "ekonom", capacity=3, min_group_size=min_group),
    )
    return Programme(adepts, mentors, (Workplace("W1", capacity=1),))


def _strict(rate=None, gap=None, mix=None) -> MatchSettings:
    return MatchSettings(
        equality=EqualitySettings(
            min_group_size=1,
            match_rate=MatchRateParity(rate is not None, rate or 0.0, strict=True),
            quality=QualityParity(gap is not None, max_gap_points=gap or 0.0, strict=True),
            workplace_mix=WorkplaceMix(mix is not None, mix or 0.0, strict=True),
        )
    )


#: Per checked rule: a plan that breaks it (programme, pairs, settings, other facts), and the
#: violation code expected. A new rule fails test_every_checked_rule_has_a_broken_plan until
#: it gets one here.
BROKEN = {
    "assignment": (_programme(capacity=2), [("A1", "M1"), ("A1", "M2")], OFF, {}, "at_most_once"),
    "capacity": (_programme(), [("A1", "M1"), ("A2", "M1")], OFF, {}, "mentor_capacity"),
    "group_size": (_programme(min_group=3), [("A1", "M3")], OFF, {}, "group_minimum"),
    "locks": (_programme(), [("A1", "M1")], OFF, {"forbids": frozenset({("A1", "M1")})}, "forbid"),
    "match_rate": (_programme(), [("A2", "M1"), ("A4", "M3")], _strict(rate=5.0), {}, "match_rate"),
    "quality_parity": (
        _programme(),
        [("A1", "M1"), ("A2", "M3")],
        _strict(gap=5.0),
        {"scores": {("A1", "M1"): 90.0, ("A2", "M3"): 40.0}},
        "quality_parity",
    ),
    "workplace_mix": (
        _programme(capacity=2, genders=("man", "man", "woman", "woman")),
        [("A1", "M1"), ("A2", "M1")],
        _strict(mix=0.5),
        {},
        "workplace_mix",
    ),
}


def test_every_rule_is_registered_once_by_its_module_name():
    """Each rule module's RULE is in the registry once, named after its module."""
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    for rule in RULES:
        module = getattr(registry, rule.name)
        assert module.RULE is rule


def test_every_rule_a_plan_can_break_has_a_check_and_codes():
    """Only pure objective terms go without a check; every checked rule names its codes."""
    for rule in RULES:
        assert (rule.check is None) == rule.objective_only, rule.name
    assert CHECKED and all(rule.codes for rule in CHECKED)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_every_rule_has_its_name_in_both_languages(rule):
    """The rule's text key exists, in every UI language, and says something."""
    assert rule.text_key in all_keys()
    catalogued = texts(rule.text_key)
    assert all(catalogued.get(lang, "").strip() for lang in LANGUAGES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_every_rule_names_real_settings(rule):
    """Each declared setting is a field of MatchSettings; an always-on rule names none that
    switch it off."""
    for path in rule.settings:
        value = MatchSettings()
        for part in path.split("."):
            assert part in {f.name for f in dataclasses.fields(value)}, path
            value = getattr(value, part)
    assert isinstance(rule.applies(MatchSettings()), bool)


def test_every_checked_rule_has_a_broken_plan():
    """The table of broken plans covers every rule a plan can break."""
    assert set(BROKEN) == {rule.name for rule in CHECKED}


@pytest.mark.parametrize("rule", CHECKED, ids=lambda r: r.name)
def test_a_plan_breaking_the_rule_is_caught_by_its_check(rule):
    """The rule's own check, and check_plan, report the broken plan with the rule's code;
    the same plan's other pairs alone keep the rule."""
    programme, pairs, settings, facts, code = BROKEN[rule.name]
    plan = PlanFacts(programme, tuple(pairs), settings, **facts)
    found = [v.rule for v in rule.check(plan)]
    assert code in found and set(found) <= set(rule.codes)
    assert code in [v.rule for v in check_plan(programme, pairs, settings, **facts)]
    if rule.equality:
        assert code in [
            v.rule for v in check_equality(programme, pairs, settings, scores=facts.get("scores"))
        ]
    assert rule.check(PlanFacts(programme, (), settings, **facts)) == []
