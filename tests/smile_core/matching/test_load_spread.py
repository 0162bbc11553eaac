"""Spreading the mentors' load: a setting that trades score for spread, with its price."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from smile_core.ingest.participants import Adept, Gender, Mentor, Programme
from smile_core.matching.load_spread import mentor_load, spread_price
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import solve
from smile_core.matching.solver.flow import solve_flow
from smile_core.matching.solver.problem import build_problem


def _programme() -> Programme:
    """Two welders who both fit the welding mentor best; a cook mentor is a weaker fit."""
    adepts = tuple(
        Adept(f"A{i}", Gender.MAN, "svetsare", target_field="svetsare", swedish_level="b1")
        for i in (1, 2)
    )
    mentors = (
        Mentor("M1", Gender.MAN, "svetsare", languages=("swedish",), capacity=2),
        Mentor("M2", Gender.MAN, "kock", languages=("swedish",), capacity=2),
    )
    return Programme(adepts, mentors)


OFF = MatchSettings(time_limit_seconds=5).equality.all_off()


def _settings(points: float) -> MatchSettings:
    return MatchSettings(time_limit_seconds=5, spread_load_points=points, equality=OFF)


def test_off_by_default_the_best_mentor_takes_both():
    """Without the setting, the welding mentor takes both welders."""
    result = solve(_programme(), _settings(0))
    assert mentor_load(result.plan) == (1, 1)


def test_spreading_gives_the_second_adept_to_the_free_mentor_and_shows_the_price():
    """With the setting, each mentor gets one adept, and the price is the score given up."""
    # 60 points: spreading (70 + 20) beats doubling up (70 + 70 - 60). At 50 the two tie, and
    # which plan comes back is the solver's choice.
    programme, settings = _programme(), _settings(60)
    result = solve(programme, settings)
    assert mentor_load(result.plan) == (2, 0)
    price = spread_price(programme, settings, result)
    assert price is not None
    assert (price.mentors_without, price.mentors_with) == (1, 2)
    assert (price.doubled_without, price.doubled_with) == (1, 0)
    assert price.cost == pytest.approx(price.total_without - result.total_score)
    assert price.cost > 0


def test_a_small_price_setting_keeps_the_better_plan():
    """A spread worth less than the score it costs changes nothing."""
    result = solve(_programme(), _settings(1))
    assert mentor_load(result.plan) == (1, 1)


def test_off_the_engine_still_reaches_the_flow_optimum():
    """With the setting off and equality off, the plan's total is the min-cost-flow optimum."""
    programme, settings = _programme(), _settings(0)
    scores = score_pairs(programme, settings)
    problem = build_problem(programme, scores, settings)
    flow = solve_flow(problem, problem.pair_value)
    result = solve(programme, settings, scores=scores)
    assert round(result.total_score * 100) == flow.value
    assert int(np.sum(problem.pair_value[flow.chosen])) == flow.value


def test_no_price_when_the_setting_is_off():
    """spread_price says nothing when the load is not spread."""
    result = solve(_programme(), _settings(0))
    assert spread_price(_programme(), _settings(0), result) is None


@pytest.mark.parametrize("seed", range(6))
def test_spread_plans_are_the_brute_force_optimum(seed):
    """On small random programmes the engine's plan is the best (coverage, score − cost)."""
    rng = np.random.default_rng(seed)
    fields = ("svetsare", "kock", "snickare")
    adepts = tuple(
        Adept(
            f"A{i}",
            Gender.MAN,
            str(rng.choice(fields)),
            target_field=str(rng.choice(fields)),
            swedish_level="b1",
        )
        for i in range(5)
    )
    mentors = tuple(
        Mentor(
            f"M{j}",
            Gender.MAN,
            str(rng.choice(fields)),
            languages=("swedish",),
            capacity=int(rng.integers(1, 4)),
        )
        for j in range(3)
    )
    programme, settings = Programme(adepts, mentors), _settings(float(rng.integers(5, 40)))
    scores = score_pairs(programme, settings)
    centi = {
        (r["adept_id"], r["mentor_id"]): r["score_centi"] for r in scores.iter_rows(named=True)
    }
    points = round(settings.spread_load_points * 100)
    best = (-1, 0)
    for choice in itertools.product([None, *range(len(mentors))], repeat=len(adepts)):
        load = np.bincount([m for m in choice if m is not None], minlength=len(mentors))
        if any(load[j] > mentors[j].capacity for j in range(len(mentors))):
            continue
        value = sum(
            centi[(a.id, mentors[m].id)]
            for a, m in zip(adepts, choice, strict=True)
            if m is not None
        )
        value -= points * int(np.clip(load - 1, 0, None).sum())
        best = max(best, (int(load.sum()), value))
    result = solve(programme, settings, scores=scores)
    used = np.bincount([int(p.mentor_id[1:]) for p in result.plan.pairs], minlength=len(mentors))
    value = sum(round(p.score * 100) for p in result.plan.pairs)
    assert (result.matched, value - points * int(np.clip(used - 1, 0, None).sum())) == best
