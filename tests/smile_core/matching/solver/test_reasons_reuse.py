"""The unmatched reasons' most-matched flow started from the lifted flow's priced network
(issue 11: the result stage at 10,000 adepts): the same reasons as the flow holding every
pair, and the network really is handed over when the flows are priced."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from instances import decisions, match_settings, programmes

from smile_core.demo.synthetic import binding_programme, random_programme
from smile_core.matching.plan import UnmatchedReason
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import flow, leximin, reasons, solve
from smile_core.matching.solver.flow import coverage_bonus, solve_flow
from smile_core.matching.solver.leximin import best_lifted_plan, leximin_counts, lift_groups
from smile_core.matching.solver.problem import build_problem

FAST = settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)


def _priced(patch: pytest.MonkeyPatch, per_adept: int = 2) -> None:
    """Every flow priced (column generation) from ``per_adept`` pairs per adept."""
    patch.setattr(leximin, "PRICING_THRESHOLD", 0)
    patch.setattr("smile_core.matching.solver.flow.PRICING_THRESHOLD", 0)
    patch.setattr("smile_core.matching.solver.flow._INITIAL_PAIRS_PER_ADEPT", per_adept)


def _dense_reasons(prog, settings_, scores, result, **decided):
    """The reasons of ``result``'s plan with every flow holding every pair (no pricing, so no
    start to reuse): the reference."""
    problem = build_problem(prog, scores, settings_, **decided)
    chosen = problem.plan_pairs(result.plan)
    return reasons.unmatched(problem, chosen, result.status, scores)


@FAST
@given(data=st.data())
def test_reasons_from_the_lifted_network_equal_the_dense_flows_on_generated_instances(data):
    """Any small programme, settings and decisions, every flow priced: the solve's reasons
    (most-matched flow started from the lifted network) are the dense flow's reasons."""
    prog = data.draw(programmes(max_adepts=14, max_mentors=7))
    settings_ = data.draw(match_settings())
    locks, forbids, must = data.draw(decisions(prog))
    scores = score_pairs(prog, settings_)
    decided = {"locks": locks, "forbids": forbids, "must_match": must}
    with pytest.MonkeyPatch.context() as patch:
        _priced(patch)
        result = solve(prog, settings_, scores=scores, **decided)
    assert result.unmatched == _dense_reasons(prog, settings_, scores, result, **decided)


def test_generated_programmes_keep_their_reasons_and_the_network_is_handed_over(monkeypatch):
    """Solved generated programmes (lifting on), every flow priced: the reasons' flow gets the
    lifted flow's network as its start, and the reasons equal the dense flow's, lost seats
    to the lift included."""
    starts = []
    plain = reasons.solve_flow

    def spy(*args, **kwargs):
        starts.append(kwargs.get("start"))
        return plain(*args, **kwargs)

    monkeypatch.setattr(reasons, "solve_flow", spy)
    seen = set()
    for prog, hard in (
        (random_programme(200, 1), False),
        (random_programme(300, 2), False),
        (binding_programme(40), True),
    ):
        settings_ = MatchSettings(seed=0, gender_preference_hard=hard)
        scores = score_pairs(prog, settings_)
        with pytest.MonkeyPatch.context() as patch:
            _priced(patch)
            result = solve(prog, settings_, scores=scores)
        expected = _dense_reasons(prog, settings_, scores, result)
        assert result.unmatched == expected
        seen |= {u.reason for u in expected}
    assert UnmatchedReason.LIFTED_OTHER in seen
    # Every solve with someone out for lack of seats asked the flow, started from a network.
    given_starts = [s for s in starts if s is not None]
    assert given_starts and all(len(s) > 0 for s in given_starts)


def test_most_matched_flow_from_the_lifted_network_has_the_dense_optimum(monkeypatch):
    """The most-matched flow started from the lifted flow's network reaches the dense
    optimum (value, matched total) with fewer pricing rounds than from each adept's best."""
    prog = random_programme(300, 2)
    settings_ = MatchSettings(seed=0)
    problem = build_problem(prog, score_pairs(prog, settings_), settings_)
    gain = problem.pair_value
    bonus = coverage_bonus(problem, gain)
    dense = solve_flow(problem, gain, bonus)
    _priced(monkeypatch)
    lift = best_lifted_plan(problem, leximin_counts(problem, lift_groups(problem)), gain, bonus)
    assert lift.network is not None and np.isin(lift.chosen, lift.network).all()
    rounds = []
    real = flow._Network.solve

    def counting(self, *args, **kwargs):
        rounds.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(flow._Network, "solve", counting)
    from_best = solve_flow(problem, gain, bonus)
    n_from_best = len(rounds)
    rounds.clear()
    from_lift = solve_flow(problem, gain, bonus, start=lift.network)
    assert from_best.value == from_lift.value == dense.value
    assert len(from_best.chosen) == len(from_lift.chosen) == len(dense.chosen)
    assert len(rounds) < n_from_best
