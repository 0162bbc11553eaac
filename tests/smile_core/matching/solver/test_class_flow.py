"""Scale: the leximin's max-flow on the class graph against the pair graph, and the lifted
min-cost flow by pricing (column generation) against the flow holding every pair."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from instances import decisions, equality, programmes
from ortools.graph.python import max_flow

from smile_core.demo.synthetic import binding_programme, random_programme
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import leximin
from smile_core.matching.solver.flow import coverage_bonus
from smile_core.matching.solver.leximin import (
    _Supply,
    best_lifted_plan,
    group_labels,
    leximin_counts,
    lift_groups,
    lifted_plan,
)
from smile_core.matching.solver.problem import build_problem

FAST = settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


def _pair_graph_most(problem, groups, lower):
    """The max-flow of the pair graph itself (one node per adept and mentor): the reference."""
    supply = _Supply(problem, groups)
    source, sink, group_node, adept_node, mentor_node, workplace_node, mentor_out = supply.nodes
    members = np.flatnonzero(supply.free_adept & (supply.adept_group >= 0))
    pairs = supply.free_pairs
    flow = max_flow.SimpleMaxFlow()
    caps = [max(lower[g] - supply.locked_count[g], 0) for g in groups]
    flow.add_arcs_with_capacity(
        np.concatenate(
            [
                np.full(len(groups), source),
                group_node[supply.adept_group[members]],
                adept_node[problem.pair_adept[pairs]],
                mentor_node,
                workplace_node,
            ]
        ).astype(np.int64),
        np.concatenate(
            [
                group_node,
                adept_node[members],
                mentor_node[problem.pair_mentor[pairs]],
                mentor_out,
                np.full(len(workplace_node), sink),
            ]
        ).astype(np.int64),
        np.concatenate(
            [caps, np.ones(len(members) + len(pairs)), supply.mentor_left, supply.workplace_left]
        ).astype(np.int64),
    )
    assert flow.solve(source, sink) == flow.OPTIMAL
    return flow.optimal_flow()


def _problem(prog, settings_, **decisions_):
    return build_problem(prog, score_pairs(prog, settings_), settings_, **decisions_)


@FAST
@given(data=st.data())
def test_the_class_graph_has_the_pair_graphs_max_flow_for_every_group_cap(data):
    """Generated programmes with locks and forbids: same max-flow at random group caps."""
    prog = data.draw(programmes(max_adepts=14, max_mentors=7))
    locks, forbids, _ = data.draw(decisions(prog))
    settings_ = dataclasses.replace(
        MatchSettings(gender_preference_hard=data.draw(st.booleans())),
        equality=equality(k=1, match_rate=0.0),
    )
    problem = _problem(prog, settings_, locks=locks, forbids=forbids)
    groups = lift_groups(problem)
    supply = _Supply(problem, groups)
    if not supply.ok or not groups:
        return
    for _ in range(4):
        lower = {g: data.draw(st.integers(0, problem.n_adepts)) for g in groups}
        assert supply.most(lower) == _pair_graph_most(problem, groups, lower)


@pytest.mark.parametrize("seed", [1, 2])
def test_a_generated_programme_compresses_to_few_classes_with_the_same_flow(seed):
    """600 adepts: far fewer adept classes than adepts, and the pair graph's max-flow."""
    prog = random_programme(600, seed)
    problem = _problem(prog, MatchSettings())
    groups = lift_groups(problem)
    supply = _Supply(problem, groups)
    unlimited = dict.fromkeys(groups, problem.n_adepts)
    assert supply.most(unlimited) == _pair_graph_most(problem, groups, unlimited)
    adept_classes, mentor_classes = supply.classes
    assert adept_classes < problem.n_adepts / 2
    assert mentor_classes <= len(prog.mentors)


@pytest.mark.parametrize(
    ("make", "n", "seed", "hard"),
    [
        (random_programme, 300, 1, False),
        (random_programme, 300, 4, True),
        (binding_programme, 200, 2, True),
        (binding_programme, 200, 3, False),
    ],
)
def test_pricing_finds_the_same_lifted_plan_value_as_the_flow_with_every_pair(
    monkeypatch, make, n, seed, hard
):
    """Column generation from each adept's best pairs: same value, counts and matched total
    as the flow holding every pair, and reduced costs that never undercut the dense ones'
    proofs (every pair's is >= 0)."""
    prog = make(n, seed)
    settings_ = MatchSettings(gender_preference_hard=hard)
    problem = _problem(prog, settings_)
    groups = lift_groups(problem)
    gain = problem.pair_value
    bonus = coverage_bonus(problem, gain)
    lift = leximin_counts(problem, groups)
    dense = best_lifted_plan(problem, lift, gain, bonus)
    dense_rc = lifted_plan(problem, dense, gain, 0, reduced_costs=True)
    monkeypatch.setattr(leximin, "PRICING_THRESHOLD", 0)
    monkeypatch.setattr("smile_core.matching.solver.flow._INITIAL_PAIRS_PER_ADEPT", 2)
    sparse = best_lifted_plan(problem, lift, gain, bonus)
    sparse_rc = lifted_plan(problem, dense, gain, 0, reduced_costs=True)
    assert sparse.value == dense.value
    assert len(sparse.chosen) == len(dense.chosen)
    labels = np.array(group_labels(problem))[problem.pair_adept]
    for g in groups:
        assert (labels[sparse.chosen] == g).sum() == (labels[dense.chosen] == g).sum()
    assert sparse_rc.value == dense_rc.value
    assert sparse_rc.reduced is not None and (sparse_rc.reduced >= 0).all()


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_solve_by_pricing_equals_solve_with_every_pair_on_generated_instances(data):
    """The whole solve with every flow priced from 1 pair per adept: same status, matched
    total, leximin counts and total score as with every pair in the network."""
    from instances import match_settings

    from smile_core.matching.solver import solve
    from smile_core.matching.solver.solve import lifting

    prog = data.draw(programmes(max_adepts=12, max_mentors=6))
    settings_ = data.draw(match_settings())
    locks, forbids, must = data.draw(decisions(prog))
    dense = solve(prog, settings_, locks=locks, forbids=forbids, must_match=must)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(leximin, "PRICING_THRESHOLD", 0)
        patch.setattr("smile_core.matching.solver.flow.PRICING_THRESHOLD", 0)
        patch.setattr("smile_core.matching.solver.flow._INITIAL_PAIRS_PER_ADEPT", 1)
        sparse = solve(prog, settings_, locks=locks, forbids=forbids, must_match=must)
    assert sparse.status == dense.status
    assert sparse.matched == dense.matched
    assert round(sparse.total_score * 100) == round(dense.total_score * 100)
    if lifting(settings_):
        # The leximin counts are unique; without them, equal-score plans may differ by gender.
        assert [(g.gender, g.matched) for g in sparse.by_gender] == [
            (g.gender, g.matched) for g in dense.by_gender
        ]


def test_too_many_classes_fall_back_to_the_pair_graph_with_the_same_flow(monkeypatch):
    """With no room for classes the pair graph is built instead: the same max-flow."""
    prog = random_programme(200, 3)
    problem = _problem(prog, MatchSettings())
    groups = lift_groups(problem)
    compressed = _Supply(problem, groups)
    monkeypatch.setattr(leximin, "_MAX_CLASS_CELLS", 0)
    plain = _Supply(problem, groups)
    for share in (0.2, 0.5, 1.0):
        lower = {g: round(share * problem.n_adepts) for g in groups}
        assert (
            plain.most(lower) == compressed.most(lower) == _pair_graph_most(problem, groups, lower)
        )
    assert plain.classes[0] == int((plain.free_adept & (plain.adept_group >= 0)).sum())
