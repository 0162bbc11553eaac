"""Settings: defaults from the issue, validation, and overrides from TOML."""

import dataclasses

import pytest

from smile_core.matching.settings import (
    EqualitySettings,
    MatchSettings,
    Priority,
    QualityParityMode,
    ScoreWeights,
    load_settings,
    settings_from_mapping,
    unsolvable_combinations,
)
from smile_core.text import all_keys


def test_defaults_are_the_sensible_ones_from_the_issue():
    """Defaults: equality on (k 5, 5 points), mix off, coverage first, soft gender preference."""
    s = MatchSettings()
    eq = s.equality
    assert eq.min_group_size == 5
    assert eq.match_rate.enabled and eq.match_rate.max_shortfall_points == 5.0
    assert eq.quality.enabled and eq.quality.mode is QualityParityMode.MAX_GAP
    assert eq.quality.max_gap_points > 0
    assert not eq.workplace_mix.enabled
    assert eq.any_enabled
    assert s.priority is Priority.COVERAGE
    assert not s.gender_preference_hard and not s.allow_no_shared_language
    # Every weight but the opt-in similar background (sensitive data: 0 until opted in).
    assert not s.similar_background_opt_in and s.weights.similar_background == 0
    weights = dataclasses.asdict(s.weights)
    assert all(w > 0 for name, w in weights.items() if name != "similar_background")


def test_all_off_switches_off_every_equality_rule_and_keeps_targets():
    """all_off() leaves the targets, so switching a rule back on restores them."""
    eq = EqualitySettings().all_off()
    assert not eq.any_enabled
    assert eq.match_rate.max_shortfall_points == 5.0
    assert eq.min_group_size == 5


@pytest.mark.parametrize(
    "weights",
    [(-1.0, 1, 1, 1, 1, 1), (0.0, 0, 0, 0, 0, 0)],
)
def test_weights_must_be_non_negative_and_not_all_zero(weights):
    """Negative or all-zero weights are rejected."""
    with pytest.raises(ValueError, match="weights"):
        ScoreWeights(*weights)


@pytest.mark.parametrize(
    "changes, word",
    [
        ({"related_field_credit": 1.5}, "related_field_credit"),
        ({"time_limit_seconds": 0}, "time_limit_seconds"),
        ({"equality": EqualitySettings(min_group_size=0)}, "min_group_size"),
    ],
)
def test_invalid_settings_are_rejected(changes, word):
    """Out-of-range values name the setting."""
    with pytest.raises(ValueError, match=word):
        MatchSettings(**changes)


def test_mapping_overrides_nested_values_and_keeps_the_rest():
    """A nested mapping changes only what it names; enums are read from their values."""
    s = settings_from_mapping(
        {
            "priority": "quality",
            "weights": {"language": 40},
            "equality": {"quality": {"mode": "maximin"}, "min_group_size": 3},
        }
    )
    assert s.priority is Priority.QUALITY
    assert s.weights.language == 40.0 and isinstance(s.weights.language, float)
    assert s.weights.target_field == 35.0
    assert s.equality.quality.mode is QualityParityMode.MAXIMIN
    assert s.equality.quality.enabled
    assert s.equality.min_group_size == 3


def test_mapping_over_a_base():
    """Overrides apply on top of the base settings given."""
    base = MatchSettings(seed=9)
    assert settings_from_mapping({"time_limit_seconds": 3}, base).seed == 9


@pytest.mark.parametrize(
    "data, message",
    [
        ({"colour": "red"}, "unknown setting 'colour'"),
        ({"weights": {"charm": 1}}, "unknown setting weights.'charm'"),
        ({"weights": 3}, "setting weights must be a table"),
        ({"priority": "speed"}, "setting priority must be one of coverage, quality"),
        ({"gender_preference_hard": 1}, "setting gender_preference_hard must be true or false"),
        ({"seed": "7"}, "setting seed must be a number"),
        ({"seed": True}, "setting seed must be a number"),
    ],
)
def test_mapping_errors_name_the_setting(data, message):
    """Unknown keys and wrong kinds raise a message naming the setting."""
    with pytest.raises(ValueError) as error:
        settings_from_mapping(data)
    assert str(error.value) == message


def test_load_settings_from_toml(tmp_path):
    """A TOML file overrides the defaults like a mapping does."""
    path = tmp_path / "s.toml"
    path.write_text(
        'priority = "quality"\nseed = 4\n\n[equality.workplace_mix]\nenabled = true\n'
        "min_women_share = 0.4\n",
        encoding="utf-8",
    )
    s = load_settings(path)
    assert s.priority is Priority.QUALITY and s.seed == 4
    assert s.equality.workplace_mix.enabled
    assert s.equality.workplace_mix.min_women_share == 0.4


def _quality(enabled: bool, mode: QualityParityMode, strict: bool) -> MatchSettings:
    base = MatchSettings()
    quality = dataclasses.replace(base.equality.quality, enabled=enabled, mode=mode, strict=strict)
    return dataclasses.replace(base, equality=dataclasses.replace(base.equality, quality=quality))


def test_maximin_with_the_strict_quality_rule_is_the_one_unsolvable_combination():
    """MAXIMIN + strict quality is refused, naming both settings by catalogued keys; the gap
    mode with strict, MAXIMIN without it, and strict with quality off are all fine."""
    (combination,) = unsolvable_combinations(_quality(True, QualityParityMode.MAXIMIN, True))
    assert {combination.first, combination.second, combination.why} <= set(all_keys())
    assert "maximin" in combination.first and "strict" in combination.second
    assert unsolvable_combinations(MatchSettings()) == ()
    assert unsolvable_combinations(_quality(True, QualityParityMode.MAX_GAP, True)) == ()
    assert unsolvable_combinations(_quality(True, QualityParityMode.MAXIMIN, False)) == ()
    assert unsolvable_combinations(_quality(False, QualityParityMode.MAXIMIN, True)) == ()
