"""Matching settings: score weights, hard rules, equality rules, priority and solver limits.

Every setting has a default a coordinator can start from; a TOML file (``smile match
--settings S.toml``) or the dashboard overrides any subset. Settings are immutable values:
change one with :func:`dataclasses.replace`.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from smile_core.text import Message


class Priority(StrEnum):
    """What the plan optimises first."""

    #: As many adepts matched as possible, then the best total score.
    COVERAGE = "coverage"
    #: The best total score (an adept whose best pair scores little may stay unmatched).
    QUALITY = "quality"


class QualityParityMode(StrEnum):
    """How the quality-parity rule treats the mean scores of matched women and men."""

    #: The two means differ by at most ``max_gap`` points.
    MAX_GAP = "max_gap"
    #: Maximise the worst-off group's mean score (within the counts the priority fixed).
    MAXIMIN = "maximin"


class EarlierMentor(StrEnum):
    """What happens to a pair whose adept had this mentor in an earlier cohort's agreed plan."""

    #: Never offered again (a forbid).
    FORBID = "forbid"
    #: Offered, with ``earlier_mentor_penalty`` points taken off the pair's score.
    PENALTY = "penalty"
    #: Offered like any other pair.
    ALLOW = "allow"


@dataclass(frozen=True)
class ScoreWeights:
    """Relative weights of the score components (any non-negative numbers; they are normalised).

    A pair's score is ``100 * sum(weight * component) / sum(weights) + wish * wished``, each
    component in [0, 1]; the sums run over every component but ``wish``, which is points.
    """

    target_field: float = 35.0
    background: float = 15.0
    language: float = 20.0
    location: float = 10.0
    goals: float = 15.0
    availability: float = 5.0
    #: The similar-background component (birth region, migration background): sensitive data,
    #: so 0 unless the programme opts in (``MatchSettings.similar_background_opt_in``); a
    #: weight above 0 without the opt-in is refused (:class:`MatchSettings`).
    similar_background: float = 0.0
    #: Points (not a share) a pair gets when the adept or the mentor named the other as a
    #: wish. Kept out of the normalisation so one wish in a programme does not change every
    #: other pair's score.
    wish: float = 20.0

    def __post_init__(self) -> None:
        values = dataclasses.astuple(self)
        shared = [getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "wish"]
        if any(v < 0 for v in values) or sum(shared) <= 0:
            raise ValueError("score weights must be non-negative and not all zero")


@dataclass(frozen=True)
class MatchRateParity:
    """Equal chance of a mentor across the gender groups (at least ``min_group_size`` applicants).

    Default (``strict`` off) — lift, never level down: the groups' match rates are maximised
    leximin (the lowest rate as high as supply allows, then the next), then the most adepts
    matched in all, then the priority's objective. Nobody is left unmatched only to narrow a
    gap. ``max_shortfall_points`` is then a *target* the result is reported against: each
    group's share of the matched no lower than its share of the applicants minus X points.

    ``strict`` on — the old hard rule: the target must hold even if fewer people are matched
    (the result states that cost in people).
    """

    enabled: bool = True
    max_shortfall_points: float = 5.0
    strict: bool = False

    @property
    def lifts(self) -> bool:
        """True when the rule lifts (leximin, the default) rather than levels (strict) or is off."""
        return self.enabled and not self.strict


@dataclass(frozen=True)
class QualityParity:
    """Equally good pairs for matched women and men (both groups at least ``min_group_size``).

    Decided *within the counts fixed before it* (the lifted group counts and the total
    matched), so never by unmatching anyone: ``MAX_GAP`` keeps the two mean scores within
    ``max_gap_points`` when lifting the worse-off group can bring them there at those counts
    — never by giving the better-off group less suitable mentors (else the best-score plan
    at those counts, and the result says the target was missed and how far lifting would
    go); ``MAXIMIN`` makes the worse-off group's mean as high as possible. ``strict``
    (``MAX_GAP`` only) is the old hard rule: the gap must hold even if fewer people are
    matched.
    """

    enabled: bool = True
    mode: QualityParityMode = QualityParityMode.MAX_GAP
    # 10 of 100 points: a mean over groups as small as five people moves several points by
    # chance, so a tighter default would mostly constrain noise (and cost coverage).
    max_gap_points: float = 10.0
    strict: bool = False


@dataclass(frozen=True)
class WorkplaceMix:
    """At each workplace that takes at least two adepts, at least ``min_women_share`` of them
    are women (off by default: it only makes sense where enough women apply).

    Decided *within the counts fixed before it* (each gender's count and the total matched),
    so never by unmatching anyone: the plan places the matched women so that as few as
    possible are missing from the share, summed over the workplaces, and the result says
    where it still falls short. ``strict`` is the old hard rule: the share must hold even if
    fewer people are matched.
    """

    enabled: bool = False
    min_women_share: float = 0.25
    strict: bool = False


@dataclass(frozen=True)
class EqualitySettings:
    """The equality rules; groups smaller than ``min_group_size`` are reported, not constrained."""

    min_group_size: int = 5
    match_rate: MatchRateParity = field(default_factory=MatchRateParity)
    quality: QualityParity = field(default_factory=QualityParity)
    workplace_mix: WorkplaceMix = field(default_factory=WorkplaceMix)

    def all_off(self) -> EqualitySettings:
        """The same settings with every equality rule switched off."""
        return dataclasses.replace(
            self,
            match_rate=dataclasses.replace(self.match_rate, enabled=False),
            quality=dataclasses.replace(self.quality, enabled=False),
            workplace_mix=dataclasses.replace(self.workplace_mix, enabled=False),
        )

    @property
    def any_enabled(self) -> bool:
        """True when at least one equality rule is on."""
        return self.match_rate.enabled or self.quality.enabled or self.workplace_mix.enabled


@dataclass(frozen=True)
class MatchSettings:
    """Everything that shapes a plan besides the people and the coordinator's locks and forbids."""

    weights: ScoreWeights = field(default_factory=ScoreWeights)
    #: Credit (0–1) for a related field (same family in ``related_fields.csv``) vs the same field.
    related_field_credit: float = 0.5
    #: The working language every mentor is taken to speak.
    programme_language: str = "swedish"
    #: An adept at or above this Swedish rank (2 = A2 / SFI C) can share Swedish with a mentor.
    min_swedish_rank_to_share: int = 2
    #: Allow pairs that share no language (they score 0 on language).
    allow_no_shared_language: bool = False
    #: The adept's preferred mentor gender is a hard rule (True) or a score penalty (False).
    gender_preference_hard: bool = False
    #: Points taken off a pair's score when the mentor is not of the preferred gender (soft mode).
    gender_preference_penalty: float = 15.0
    #: "Not from my own organisation": a mentor from the adept's own organisation (the same
    #: organisation or workplace name, case-folded) is not allowed.
    forbid_same_organisation: bool = False
    equality: EqualitySettings = field(default_factory=EqualitySettings)
    priority: Priority = Priority.COVERAGE
    #: Weight of keeping the previous plan's pairs when re-solving: points of score a kept pair is
    #: worth (0 = ignore the previous plan; 100 = a kept pair is worth a perfect new one).
    stability_weight: float = 20.0
    time_limit_seconds: float = 20.0
    seed: int = 0
    #: Stop when the proven gap (a fraction) is at most this.
    relative_gap_limit: float = 0.0
    #: An adept's mentor from an earlier cohort of the same programme (its agreed plan): not
    #: offered again, offered with a penalty, or allowed (:mod:`smile_core.matching.history`).
    earlier_mentor: EarlierMentor = EarlierMentor.FORBID
    #: Points taken off such a pair's score under ``EarlierMentor.PENALTY``.
    earlier_mentor_penalty: float = 30.0
    #: Spread the mentors' load: points each adept beyond a mentor's first costs, so a mentor
    #: without an adept is preferred before one gets a second (0 = off; see
    #: :mod:`smile_core.matching.solver.rules.spread_load`).
    spread_load_points: float = 0.0
    #: The programme opts in to matching on a similar background (birth region, migration
    #: background: sensitive personal data). Off, the score never reads them; on, the
    #: ``similar_background`` component counts with ``weights.similar_background``.
    similar_background_opt_in: bool = False

    def __post_init__(self) -> None:
        if not 0 <= self.related_field_credit <= 1:
            raise ValueError("related_field_credit must be between 0 and 1")
        if self.time_limit_seconds <= 0:
            raise ValueError("time_limit_seconds must be positive")
        if self.equality.min_group_size < 1:
            raise ValueError("min_group_size must be at least 1")
        if self.earlier_mentor_penalty < 0 or self.spread_load_points < 0:
            raise ValueError("earlier_mentor_penalty and spread_load_points must not be negative")
        if self.weights.similar_background > 0 and not self.similar_background_opt_in:
            # Sensitive data is used only by an explicit choice, never by a weight alone.
            raise ValueError(
                "weights.similar_background needs similar_background_opt_in = true "
                "(birth region is sensitive personal data)"
            )


@dataclass(frozen=True)
class UnsolvableCombination:
    """Two settings that cannot be solved together: each as its text key (the form's label
    for the chosen value), and why (a text key)."""

    first: str
    second: str
    why: str

    @property
    def text(self) -> Message:
        """The refusal in words, naming both settings and why (the form and the CLI say it)."""
        return Message.of(
            "matching.settings.unsolvable",
            first=Message.of(self.first),
            second=Message.of(self.second),
            why=Message.of(self.why),
        )


def unsolvable_combinations(settings: MatchSettings) -> tuple[UnsolvableCombination, ...]:
    """The combinations in ``settings`` that no solve can honour (empty when there are none).

    The form refuses these before solving, naming both settings, rather than dropping one
    silently. Today one: the strict quality rule keeps a largest gap between the means, and
    the ``MAXIMIN`` mode has no gap to keep (only ``MAX_GAP`` has one)."""
    quality = settings.equality.quality
    out = []
    if quality.enabled and quality.strict and quality.mode is QualityParityMode.MAXIMIN:
        out.append(
            UnsolvableCombination(
                "matching.settings.quality_mode.maximin",
                "matching.settings.quality_strict",
                "matching.settings.unsolvable.maximin_strict",
            )
        )
    return tuple(out)


def settings_from_mapping(
    data: Mapping[str, Any], base: MatchSettings | None = None
) -> MatchSettings:
    """Override ``base`` (defaults if omitted) with ``data``, nested like the dataclasses.

    Raises ``ValueError`` naming the first unknown key or a value of the wrong kind.
    """
    return _replace(base or MatchSettings(), data, "")


def load_settings(path: Path, base: MatchSettings | None = None) -> MatchSettings:
    """Read a TOML settings file (see ``settings_from_mapping``)."""
    with path.open("rb") as handle:
        return settings_from_mapping(tomllib.load(handle), base)


def _replace(obj: Any, data: Mapping[str, Any], prefix: str) -> Any:
    known = {f.name: f for f in dataclasses.fields(obj)}
    changes: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            raise ValueError(f"unknown setting {prefix}{key!r}")
        current = getattr(obj, key)
        if dataclasses.is_dataclass(current):
            if not isinstance(value, Mapping):
                raise ValueError(f"setting {prefix}{key} must be a table")
            changes[key] = _replace(current, value, f"{prefix}{key}.")
        elif isinstance(current, StrEnum):
            try:
                changes[key] = type(current)(value)
            except ValueError:
                allowed = ", ".join(m.value for m in type(current))
                raise ValueError(f"setting {prefix}{key} must be one of {allowed}") from None
        elif isinstance(current, bool):
            if not isinstance(value, bool):
                raise ValueError(f"setting {prefix}{key} must be true or false")
            changes[key] = value
        elif isinstance(current, int | float):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"setting {prefix}{key} must be a number")
            changes[key] = type(current)(value)
        else:
            changes[key] = value
    return dataclasses.replace(obj, **changes)
