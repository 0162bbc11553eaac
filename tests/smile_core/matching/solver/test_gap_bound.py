"""The Lagrangian bound on the score under the gap target, against brute force on tiny
binding cohorts: it never cuts off a plan, in all or through any pair."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest

from smile_core.demo.synthetic import binding_programme
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver.flow import coverage_bonus
from smile_core.matching.solver.leximin import (
    best_lifted_plan,
    gap_score_bound,
    group_labels,
    leximin_counts,
    lift_groups,
)
from smile_core.matching.solver.problem import build_problem


def _plans(problem):
    """Every plan keeping the capacities: (pair indices, per adept one pair or none)."""
    options = [[None, *np.flatnonzero(problem.pair_adept == a)] for a in range(problem.n_adepts)]
    for pick in itertools.product(*options):
        plan = np.array([p for p in pick if p is not None], dtype=np.int64)
        mentors = np.bincount(problem.pair_mentor[plan], minlength=len(problem.mentor_ids))
        if (mentors > problem.mentor_capacity).any():
            continue
        wp = problem.pair_workplace[plan]
        places = np.bincount(wp[wp >= 0], minlength=len(problem.workplace_ids))
        if (places > problem.workplace_capacity).any():
            continue
        yield plan


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("gap_centi", [0, 100, 500])
def test_the_gap_bound_holds_for_every_plan_and_pair_by_brute_force(seed, gap_centi):
    """No plan at the lifted counts within the gap scores above the bound, in all or per pair."""
    prog = binding_programme(6, seed, mentors_per_adept=0.5)
    base = MatchSettings(gender_preference_hard=seed % 2 == 0)
    settings = dataclasses.replace(
        base, equality=dataclasses.replace(base.equality, min_group_size=2)
    )
    problem = build_problem(prog, score_pairs(prog, settings), settings)
    groups = lift_groups(problem)
    if not {"woman", "man"} <= set(groups):
        pytest.skip("both groups are needed for a gap")
    gain = problem.pair_value
    bonus = coverage_bonus(problem, gain)
    lift = best_lifted_plan(problem, leximin_counts(problem, groups), gain, bonus)
    total = len(lift.chosen)
    labels = np.array(group_labels(problem))[problem.pair_adept]
    m_w, m_m = lift.counts["woman"], lift.counts["man"]
    best, through = None, np.full(problem.n_pairs, -(10**12))
    for plan in _plans(problem):
        if len(plan) != total or any((labels[plan] == g).sum() != lift.counts[g] for g in groups):
            continue
        s_w = int(problem.pair_score[plan][labels[plan] == "woman"].sum())
        s_m = int(problem.pair_score[plan][labels[plan] == "man"].sum())
        if m_w and m_m and abs(s_w * m_m - s_m * m_w) > gap_centi * m_w * m_m:
            continue
        value = int(gain[plan].sum())
        best = value if best is None else max(best, value)
        through[plan] = np.maximum(through[plan], value)
    bounds = gap_score_bound(problem, lift, gain, gap_centi)
    if bounds is None:
        assert best is None
        return
    if best is not None:
        assert bounds.bound >= best
    assert (bounds.pair_bound >= through).all()
    if bounds.plan is not None:
        # The plan the search hands on keeps the counts and the band, and is no better than
        # the best plan brute force found.
        plan = bounds.plan
        assert all((labels[plan] == g).sum() == lift.counts[g] for g in groups)
        s_w = int(problem.pair_score[plan][labels[plan] == "woman"].sum())
        s_m = int(problem.pair_score[plan][labels[plan] == "man"].sum())
        assert abs(s_w * m_m - s_m * m_w) <= gap_centi * m_w * m_m
        assert best is not None and int(gain[plan].sum()) <= best
