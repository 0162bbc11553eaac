"""Questions asked of a plan: "what if this pair?" and "what does equality cost?".

- :func:`what_if` — the cost of forcing one adept–mentor pair: the change in total score and
  matched adepts, and which adepts move, against the current plan.
- :func:`price_of_equality` — sweep an equality target from off to strict and report, per
  target, the total score, matched count and parity figures: the points of a trade-off chart.

Both re-use :func:`smile_core.matching.solver.solve`, so every answer is a real plan that keeps
every rule.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import polars as pl

from smile_core.equality.metrics import match_share_shortfall, mean_score_gap
from smile_core.ingest.participants import AdeptId, MentorId, Programme
from smile_core.matching.plan import MatchResult, Status
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchSettings, QualityParityMode
from smile_core.matching.solver import solve

#: Default sweeps: ``None`` is "rule off"; then from lenient to strict (points).
MATCH_RATE_TARGETS: tuple[float | None, ...] = (None, 20.0, 10.0, 5.0, 2.0, 1.0, 0.0)
QUALITY_TARGETS: tuple[float | None, ...] = (None, 20.0, 10.0, 5.0, 2.0, 1.0, 0.0)


@dataclass(frozen=True)
class WhatIf:
    """The effect of forcing ``adept_id`` with ``mentor_id`` on the plan."""

    adept_id: AdeptId
    mentor_id: MentorId
    feasible: bool
    score_change: float
    matched_change: int
    moved: tuple[tuple[AdeptId, MentorId | None, MentorId | None], ...]
    result: MatchResult


def what_if(
    programme: Programme,
    settings: MatchSettings,
    base: MatchResult,
    adept_id: AdeptId,
    mentor_id: MentorId,
    *,
    locks: Iterable[tuple[AdeptId, MentorId]] = (),
    forbids: Iterable[tuple[AdeptId, MentorId]] = (),
    must_match: Iterable[AdeptId] = (),
    scores: pl.DataFrame | None = None,
    progress: Callable[[str, float], None] | None = None,
    cancel: threading.Event | None = None,
) -> WhatIf:
    """Re-solve with the pair (adept, mentor) locked on top of the coordinator's own decisions.

    ``score_change`` and ``matched_change`` are new minus base; ``moved`` lists every adept whose
    mentor differs (old, new; ``None`` = unmatched). An infeasible lock gives ``feasible=False``
    and the result's conflicts say why. ``progress`` and ``cancel`` are passed to
    :func:`~smile_core.matching.solver.solve` (a cancelled answer carries its result's honest
    status).
    """
    locks = {*locks, (adept_id, mentor_id)}
    # A forbid on the asked pair would make the question moot: the lock is the question.
    forbids = set(forbids) - {(adept_id, mentor_id)}
    result = solve(
        programme,
        settings,
        locks=locks,
        forbids=forbids,
        must_match=must_match,
        scores=scores,
        progress=progress,
        cancel=cancel,
    )
    if not result.has_plan:
        return WhatIf(adept_id, mentor_id, False, 0.0, 0, (), result)
    before, after = base.plan.mentor_of, result.plan.mentor_of
    moved = tuple(
        (a, before.get(a), after.get(a))
        for a in sorted(set(before) | set(after))
        if before.get(a) != after.get(a)
    )
    return WhatIf(
        adept_id,
        mentor_id,
        True,
        round(result.total_score - base.total_score, 2),
        result.matched - base.matched,
        moved,
        result,
    )


@dataclass(frozen=True)
class TradeoffPoint:
    """One point of the price-of-equality curve (``target`` None = the rule switched off)."""

    target: float | None
    status: Status
    total_score: float
    matched: int
    shortfall_points: dict[str, float]
    mean_gap: float | None
    #: The proven relative gap of the plan (0 when proven optimal) and the upper bound on the
    #: objective: a point whose search stopped early is "within gap" of its bound, not a result.
    gap: float = 0.0
    best_bound: float | None = None

    @property
    def proven(self) -> bool:
        """True only for a plan proven optimal with gap 0."""
        return self.status is Status.OPTIMAL and self.gap == 0


def price_of_equality(
    programme: Programme,
    settings: MatchSettings,
    *,
    rule: Literal["match_rate", "quality"] = "match_rate",
    targets: Sequence[float | None] | None = None,
    locks: Iterable[tuple[AdeptId, MentorId]] = (),
    forbids: Iterable[tuple[AdeptId, MentorId]] = (),
    must_match: Iterable[AdeptId] = (),
    time_limit_per_point: float | None = None,
    progress: Callable[[str, float], None] | None = None,
    cancel: threading.Event | None = None,
) -> tuple[TradeoffPoint, ...]:
    """Solve once per target of one equality rule, the other rules as in ``settings``.

    ``rule="match_rate"`` sweeps the allowed shortfall (points below the applicant share);
    ``rule="quality"`` sweeps the allowed gap between women's and men's mean scores. Each
    target is the rule's *strict* option (the old hard rule, "within X points even if fewer
    are matched"), so the curve prices it against the rule off; the default lifting plan does
    not depend on the target. A target that no plan can meet gives a point with status
    ``infeasible`` and no figures; a point whose search stopped early carries its gap and
    bound (``proven`` is False), never passed off as a result.

    ``progress`` is called with ``"scored"`` and then ``"point"`` after each point (with the
    seconds since the start). Once ``cancel`` is set, the point being solved keeps its honest
    status and the points after it are not computed: the curve is then shorter than
    ``targets``.
    """
    started = time.perf_counter()
    report = progress or (lambda _stage, _seconds: None)
    targets = (
        targets
        if targets is not None
        else (MATCH_RATE_TARGETS if rule == "match_rate" else QUALITY_TARGETS)
    )
    locks, forbids, must_match = list(locks), list(forbids), list(must_match)
    # Scores do not depend on the equality rules: score once for the whole sweep.
    scores = score_pairs(programme, settings)
    report("scored", time.perf_counter() - started)
    points = []
    for target in targets:
        if cancel is not None and cancel.is_set():
            break
        point_settings = _with_target(settings, rule, target)
        if time_limit_per_point is not None:
            point_settings = dataclasses.replace(
                point_settings, time_limit_seconds=time_limit_per_point
            )
        result = solve(
            programme,
            point_settings,
            locks=locks,
            forbids=forbids,
            must_match=must_match,
            scores=scores,
            cancel=cancel,
        )
        points.append(
            TradeoffPoint(
                target=target,
                status=result.status,
                total_score=result.total_score,
                matched=result.matched,
                shortfall_points=match_share_shortfall(result.by_gender) if result.has_plan else {},
                mean_gap=mean_score_gap(result.by_gender) if result.has_plan else None,
                gap=result.gap,
                best_bound=result.best_bound if result.has_plan else None,
            )
        )
        report("point", time.perf_counter() - started)
    return tuple(points)


def _with_target(settings: MatchSettings, rule: str, target: float | None) -> MatchSettings:
    equality = settings.equality
    if rule == "match_rate":
        changed = dataclasses.replace(
            equality.match_rate,
            enabled=target is not None,
            max_shortfall_points=equality.match_rate.max_shortfall_points
            if target is None
            else target,
            strict=target is not None,
        )
        equality = dataclasses.replace(equality, match_rate=changed)
    elif rule == "quality":
        changed = dataclasses.replace(
            equality.quality,
            enabled=target is not None,
            max_gap_points=equality.quality.max_gap_points if target is None else target,
            mode=QualityParityMode.MAX_GAP,
            strict=target is not None,
        )
        equality = dataclasses.replace(equality, quality=changed)
    else:
        raise ValueError(f"unknown equality rule {rule!r}")
    return dataclasses.replace(settings, equality=equality)
