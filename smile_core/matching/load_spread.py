"""What spreading the mentors' load costs: the plan with the setting against the plan without.

The setting is :attr:`~smile_core.matching.settings.MatchSettings.spread_load_points` (the engine's
rule is :mod:`smile_core.matching.solver.rules.spread_load`). Its price is the total score given up
for the spread, and what was bought: how many mentors have adepts, and how many have more than one.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from smile_core.ingest.participants import AdeptId, MentorId, Programme
from smile_core.matching.plan import MatchResult, Plan
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import solve


@dataclass(frozen=True)
class SpreadPrice:
    """The plan with the load spread against the plan without (same people and decisions)."""

    total_with: float
    total_without: float
    mentors_with: int
    mentors_without: int
    doubled_with: int
    doubled_without: int
    matched_with: int
    matched_without: int

    @property
    def cost(self) -> float:
        """Total score given up for the spread (0 or more when both plans are proven best)."""
        return round(self.total_without - self.total_with, 2)


def mentor_load(plan: Plan) -> tuple[int, int]:
    """(mentors with at least one adept, mentors with two or more) in ``plan``."""
    load = Counter(pair.mentor_id for pair in plan.pairs)
    return len(load), sum(1 for n in load.values() if n >= 2)


def spread_price(
    programme: Programme,
    settings: MatchSettings,
    result: MatchResult,
    *,
    locks: Iterable[tuple[AdeptId, MentorId]] = (),
    forbids: Iterable[tuple[AdeptId, MentorId]] = (),
    scores: pl.DataFrame | None = None,
) -> SpreadPrice | None:
    """The price of ``result`` (solved with the load spread) against the same solve with the
    setting off; None when the setting is off or either solve found no plan.

    ``locks``, ``forbids`` and ``scores`` must be those ``result`` was solved with.
    """
    if settings.spread_load_points <= 0 or not result.has_plan:
        return None
    base = solve(
        programme,
        dataclasses.replace(settings, spread_load_points=0.0),
        locks=locks,
        forbids=forbids,
        scores=scores,
    )
    if not base.has_plan:
        return None
    used_with, doubled_with = mentor_load(result.plan)
    used_without, doubled_without = mentor_load(base.plan)
    return SpreadPrice(
        total_with=result.total_score,
        total_without=base.total_score,
        mentors_with=used_with,
        mentors_without=used_without,
        doubled_with=doubled_with,
        doubled_without=doubled_without,
        matched_with=result.matched,
        matched_without=base.matched,
    )
