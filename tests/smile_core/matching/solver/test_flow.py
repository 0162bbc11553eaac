"""The min-cost flow relaxation against an LP of the same problem (GLOP), its reduced costs
against re-solves with a pair forced in, and its refusals when locks alone break a rule."""

import dataclasses

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from instances import adept, decisions, mentor, no_equality, programme, programmes
from ortools.linear_solver import pywraplp

from smile_core.demo.synthetic import random_programme
from smile_core.ingest.participants import Workplace
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import flow
from smile_core.matching.solver.flow import coverage_bonus, solve_flow
from smile_core.matching.solver.problem import build_problem

FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _problem(prog, settings_=None, **decisions_):
    settings_ = settings_ or no_equality()
    return build_problem(prog, score_pairs(prog, settings_), settings_, **decisions_)


def _lp_value(problem, gain, bonus=0):
    """max sum((gain[p] + bonus) * x[p]) under the network's rows, by GLOP (None if the
    locks make it infeasible)."""
    solver = pywraplp.Solver.CreateSolver("GLOP")
    x = [
        solver.NumVar(1.0 if problem.pair_locked[p] else 0.0, 1.0, "")
        for p in range(problem.n_pairs)
    ]
    groups = [
        (problem.pair_adept, np.ones(problem.n_adepts, dtype=int)),
        (problem.pair_mentor, problem.mentor_capacity),
        (problem.pair_workplace, problem.workplace_capacity),
    ]
    for owner, limits in groups:
        for i, limit in enumerate(limits):
            row = [x[p] for p in np.flatnonzero(owner == i)]
            if row:
                solver.Add(sum(row) <= int(limit))
    solver.Maximize(sum((int(gain[p]) + bonus) * x[p] for p in range(problem.n_pairs)))
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    return round(solver.Objective().Value())


def _keeps_network_rows(problem, chosen):
    adepts = problem.pair_adept[chosen]
    assert len(set(adepts.tolist())) == len(adepts)
    load = np.bincount(problem.pair_mentor[chosen], minlength=len(problem.mentor_ids))
    assert (load <= problem.mentor_capacity).all()
    wp = problem.pair_workplace[chosen]
    wp_load = np.bincount(wp[wp >= 0], minlength=len(problem.workplace_ids))
    assert (wp_load <= problem.workplace_capacity).all()
    assert set(np.flatnonzero(problem.pair_locked).tolist()) <= set(chosen.tolist())


@settings(FAST, max_examples=40)
@given(data=st.data(), prog=programmes())
def test_flow_optimum_equals_the_lp_optimum(data, prog):
    """Score-only and coverage-bonus flows reach the GLOP LP optimum with a plan worth its value."""
    locks, forbids, _ = data.draw(decisions(prog, max_forbids=2))
    forbids = [k for k in forbids if k not in locks]
    problem = _problem(prog, locks=locks, forbids=forbids)
    gain = problem.pair_value
    for bonus in (0, coverage_bonus(problem, gain)):
        plan = solve_flow(problem, gain, bonus)
        reference = _lp_value(problem, gain, bonus)
        if reference is None:
            assert plan is None
            continue
        assert plan is not None
        assert plan.value == reference
        assert plan.value == int(gain[plan.chosen].sum()) + bonus * len(plan.chosen)
        _keeps_network_rows(problem, plan.chosen)


@settings(FAST, max_examples=40)
@given(prog=programmes(max_adepts=8, max_mentors=5))
def test_forcing_a_pair_costs_at_least_its_reduced_cost(prog):
    """Reduced costs are >= 0, 0 on chosen pairs, and locking a pair in costs at least its own."""
    problem = _problem(prog)
    gain = problem.pair_value
    relaxed = solve_flow(problem, gain, reduced_costs=True)
    rc = relaxed.reduced_cost
    assert (rc >= 0).all()
    assert (rc[relaxed.chosen] == 0).all()
    for p in np.setdiff1d(np.arange(problem.n_pairs), relaxed.chosen):
        locked = problem.pair_locked.copy()
        locked[p] = True
        forced = solve_flow(dataclasses.replace(problem, pair_locked=locked), gain)
        assert forced.value <= relaxed.value - rc[p]


def test_pairs_of_a_locked_adept_cannot_be_used():
    """A locked adept's other pairs get a reduced cost no slack can reach."""
    prog = programme([adept("A01"), adept("A02")], [mentor("M01"), mentor("M02")])
    problem = _problem(prog, locks=[("A01", "M01")])
    relaxed = solve_flow(problem, problem.pair_value, reduced_costs=True)
    other = problem.pair_index[(0, 1)]
    assert relaxed.reduced_cost[other] > 10**12
    assert problem.pair_index[(0, 0)] in relaxed.chosen


@pytest.mark.parametrize(
    "locks, workplace_capacity",
    [
        ([("A01", "M01"), ("A01", "M02")], 5),  # one adept locked twice
        ([("A01", "M01"), ("A02", "M01")], 5),  # two locks on a capacity-1 mentor
        ([("A01", "M01"), ("A02", "M02")], 1),  # two locks at a capacity-1 workplace
    ],
)
def test_locks_that_break_the_network_give_no_flow(locks, workplace_capacity):
    """When the locks alone break a row of the network, there is no relaxed plan."""
    prog = programme(
        [adept("A01"), adept("A02")],
        [mentor("M01", workplace_id="W1"), mentor("M02", workplace_id="W1")],
        [Workplace("W1", capacity=workplace_capacity)],
    )
    problem = _problem(prog, locks=locks)
    assert solve_flow(problem, problem.pair_value) is None


def test_coverage_bonus_outweighs_any_score_total():
    """With the coverage bonus, two weak pairs beat one strong pair that leaves an adept out."""
    prog = programme(
        [
            adept("A01", target_field="ekonom"),
            adept(
                "A02",
                field="jurist",
                target_field="jurist",
                languages=("persian",),
                swedish_level="sfi a",
            ),
        ],
        [mentor("M01", languages=("swedish", "arabic", "persian")), mentor("M02", field="jurist")],
    )
    problem = _problem(prog)
    gain = problem.pair_value
    bonus = coverage_bonus(problem, gain)
    # More than any plan's total: one pair per adept, each at most that adept's best gain.
    best = [int(gain[problem.pair_adept == a].clip(min=0).max()) for a in range(2)]
    assert bonus > sum(best)
    by_score = solve_flow(problem, gain)
    by_count = solve_flow(problem, gain, bonus)
    assert len(by_score.chosen) == 1 and by_score.value == 8000
    assert len(by_count.chosen) == 2 and by_count.value == 2 * bonus + 6000


def test_mentors_without_a_workplace_when_there_are_no_workplaces():
    """A programme with no workplaces at all: mentors flow straight to the sink."""
    prog = programme([adept("A01"), adept("A02")], [mentor("M01", capacity=2)])
    problem = _problem(prog)
    plan = solve_flow(problem, problem.pair_value, reduced_costs=True)
    assert len(plan.chosen) == 2
    assert plan.value == int(problem.pair_value.sum())


def test_mixed_mentors_with_and_without_a_workplace():
    """A mentor without a workplace is not counted against another mentor's workplace."""
    prog = programme(
        [adept("A01"), adept("A02"), adept("A03")],
        [mentor("M01", workplace_id="W1", capacity=3), mentor("M02", capacity=3)],
        [Workplace("W1", capacity=1)],
    )
    problem = _problem(prog)
    plan = solve_flow(problem, problem.pair_value)
    mentors = problem.pair_mentor[plan.chosen]
    assert len(plan.chosen) == 3
    assert (mentors == 0).sum() == 1


def test_pricing_reaches_the_same_optimum_with_valid_reduced_costs(monkeypatch):
    """Pricing from one pair per adept ends at the full optimum, with valid reduced costs."""
    prog = random_programme(80, seed=4)
    problem = _problem(prog, MatchSettings())
    gain = problem.pair_value
    full = solve_flow(problem, gain, reduced_costs=True)
    monkeypatch.setattr(flow, "PRICING_THRESHOLD", 0)
    monkeypatch.setattr(flow, "_INITIAL_PAIRS_PER_ADEPT", 1)
    priced = solve_flow(problem, gain, reduced_costs=True)
    assert priced.value == full.value == _lp_value(problem, gain)
    assert (priced.reduced_cost >= 0).all()
    bonus = coverage_bonus(problem, gain)
    assert solve_flow(problem, gain, bonus).value == _lp_value(problem, gain, bonus)
