"""The workplace mix target (lift, never level down): the class graph's fewest women missing
against an independent MILP (HiGHS), its plan, and the whole solve that never matches fewer
for the mix, reports the workplaces it misses, and keeps its status honest."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from instances import candidates, load_instance
from milp_oracle import milp_fewest_missing, milp_mix_score

from smile_core.demo.synthetic import binding_programme
from smile_core.matching.checks import check_plan
from smile_core.matching.plan import Status
from smile_core.matching.scoring import score_store
from smile_core.matching.settings import MatchSettings, Priority
from smile_core.matching.solver import solve
from smile_core.matching.solver.feasibility import satisfies_rules
from smile_core.matching.solver.flow import coverage_bonus
from smile_core.matching.solver.leximin import (
    best_lifted_plan,
    group_labels,
    leximin_counts,
    lift_groups,
)
from smile_core.matching.solver.mix_flow import fewest_missing
from smile_core.matching.solver.problem import build_problem
from smile_core.matching.solver.rules.workplace_mix import missing_women, women_needed


def _mix(share: float = 0.25, *, hard: bool = True, strict: bool = False, **changes):
    base = MatchSettings(gender_preference_hard=hard, **changes)
    mix = dataclasses.replace(
        base.equality.workplace_mix, enabled=True, min_women_share=share, strict=strict
    )
    return dataclasses.replace(base, equality=dataclasses.replace(base.equality, workplace_mix=mix))


def _without_mix(settings_: MatchSettings) -> MatchSettings:
    mix = dataclasses.replace(settings_.equality.workplace_mix, enabled=False)
    return dataclasses.replace(
        settings_, equality=dataclasses.replace(settings_.equality, workplace_mix=mix)
    )


def _by_gender(result) -> dict[str, int]:
    return {f.gender: f.matched for f in result.by_gender}


def _lifted(prog, settings_):
    problem = build_problem(prog, score_store(prog, settings_), settings_)
    bonus = coverage_bonus(problem, problem.pair_value)
    lift = leximin_counts(problem, lift_groups(problem))
    return problem, best_lifted_plan(problem, lift, problem.pair_value, bonus), bonus


@pytest.mark.parametrize(
    ("n", "seed", "hard"), [(40, 0, True), (40, 1, False), (60, 2, True), (80, 3, False)]
)
@pytest.mark.parametrize("share", [0.25, 0.5])
def test_the_fewest_women_missing_equal_the_milp_oracles(n, seed, hard, share):
    """Binding cohorts: the class graph's fewest missing at the lifted counts equals HiGHS's."""
    prog = binding_programme(n, seed)
    settings_ = _mix(share, hard=hard)
    problem, lift, bonus = _lifted(prog, settings_)
    optimum = fewest_missing(problem, lift, problem.pair_value, bonus)
    assert optimum is not None
    assert optimum.fewest == milp_fewest_missing(prog, settings_, lift.counts)
    # Its plan reaches it, at the same counts, keeping every rule.
    assert optimum.plan is not None
    assert missing_women(problem, optimum.plan) == optimum.fewest
    labels = np.array(group_labels(problem))[problem.pair_adept[optimum.plan]]
    assert {g: int((labels == g).sum()) for g in lift.groups} == lift.counts
    assert satisfies_rules(problem, optimum.plan)


def test_the_mix_target_places_people_and_leaves_nobody_without_a_mentor():
    """200 binding adepts, hard wish, 25 %: the lift's 154 matched, no woman missing."""
    # The hard rule matched 106-130 of them (unproven at 60 s).
    prog = binding_programme(200, 1)
    settings_ = _mix(0.25, time_limit_seconds=30)
    without = solve(prog, _without_mix(settings_))
    result = solve(prog, settings_)
    assert result.matched == without.matched == 154
    assert _by_gender(result) == _by_gender(without)
    assert check_plan(prog, result.plan.keys, settings_) == []
    missed = check_plan(prog, result.plan.keys, settings_, targets=True)
    assert not [v for v in missed if v.rule == "workplace_mix"]
    assert "workplace_mix (class optimum)" in result.stages
    assert not [n for n in result.equality_notes if n.kind == "mix_target"]
    # The score after it is proven by reduced-cost fixing (two searches of fixed work; the
    # search on every pair stopped at 20 s within 2.37 %), at HiGHS's optimum, 11,695.78.
    assert result.status is Status.OPTIMAL and result.stages[0] == "reduced-cost fixing"
    assert result.total_score == pytest.approx(11695.78)
    assert result.total_score < without.total_score


def test_a_missed_mix_target_names_the_workplace_and_keeps_everyone_matched():
    """One woman, three men, one mentor with three seats at a 50 % workplace: three, not two."""
    strict = load_instance("mix_leaves_men_out")
    target = dataclasses.replace(strict, settings=_mix(0.5, hard=False))
    result = target.solve()
    assert result.status is Status.OPTIMAL
    assert result.matched == strict.solve().matched + 1 == 3
    notes = [n for n in result.equality_notes if n.kind == "mix_target"]
    assert len(notes) == 1 and notes[0].count == 1
    assert "W1 (kvinnor: 1 av 3)" in notes[0].text.render("sv")
    assert "Kvinnor som saknas för att nå det: 1." in notes[0].text.render("sv")
    assert "Women missing to meet it: 1." in notes[0].text.render("en")


@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    n=st.integers(10, 30),
    seed=st.integers(0, 10_000),
    share=st.sampled_from((0.25, 0.4, 0.5)),
    priority=st.sampled_from(tuple(Priority)),
    hard=st.booleans(),
)
def test_generated_cohorts_never_match_fewer_for_the_mix_target(n, seed, share, priority, hard):
    """Hypothesis binding cohorts: the same counts as without the mix, its fewest missing."""
    prog = binding_programme(n, seed, adepts_per_workplace=4)
    settings_ = _mix(share, hard=hard, priority=priority, time_limit_seconds=5)
    settings_ = dataclasses.replace(
        settings_, equality=dataclasses.replace(settings_.equality, min_group_size=3)
    )
    without = solve(prog, _without_mix(settings_))
    result = solve(prog, settings_)
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert check_plan(prog, result.plan.keys, settings_) == []
    assert _by_gender(result) == _by_gender(without)
    if result.status is Status.OPTIMAL:
        problem = build_problem(prog, score_store(prog, settings_), settings_)
        labels = group_labels(problem)
        counts = {g: 0 for g in lift_groups(problem)}
        index = {a: i for i, a in enumerate(problem.adept_ids)}
        for pair in result.plan.pairs:
            counts[labels[index[pair.adept_id]]] += 1
        missing = sum(n.count for n in result.equality_notes if n.kind == "mix_target")
        assert missing == milp_fewest_missing(prog, settings_, counts)


def test_the_strict_mix_starts_from_a_plan_that_keeps_it_at_the_lifted_counts():
    """Strict 25 % mix, 200 binding adepts, 3 s: the lifted 154, not the 2 of the old start."""
    prog = binding_programme(200, 1)
    settings_ = _mix(0.25, strict=True, time_limit_seconds=3)
    result = solve(prog, settings_)
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert result.matched == solve(prog, _without_mix(settings_)).matched == 154
    assert check_plan(prog, result.plan.keys, settings_) == []
    assert not [n for n in result.equality_notes if n.kind == "strict_cost"]


def test_a_strict_mix_that_cannot_hold_at_the_lifted_counts_starts_from_the_fewest_dropped():
    """Strict 50 % mix, soft wish, 200 adepts, 3 s: men dropped where the share fails, not all."""
    # The repair dropped the lowest pair of all, women too, and left 3 matched after 20 s.
    prog = binding_programme(200, 1)
    settings_ = _mix(0.5, hard=False, strict=True, time_limit_seconds=3)
    result = solve(prog, settings_)
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert check_plan(prog, result.plan.keys, settings_) == []
    assert result.matched >= 120
    # Every woman the plan without the mix matches is still matched: only men were dropped.
    without = solve(prog, _without_mix(settings_))
    assert _by_gender(result)["woman"] >= _by_gender(without)["woman"]


def test_a_gap_witness_missing_women_neither_proves_nor_floors_the_score():
    """21 adepts, 40 %: proven with nobody missing from the mix (not "infeasible", not 1)."""
    # Found by Hypothesis: the gap witness missed one woman, the score split on its grid
    # (which leaves the mix out) proved it "optimal"; with that proof gone, its score as a
    # floor made the full search "infeasible", since every plan missing nobody scores less.
    prog = binding_programme(21, 20, adepts_per_workplace=4)
    settings_ = _mix(0.4, hard=False, priority=Priority.QUALITY, time_limit_seconds=5)
    settings_ = dataclasses.replace(
        settings_, equality=dataclasses.replace(settings_.equality, min_group_size=3)
    )
    result = solve(prog, settings_)
    assert result.status is Status.OPTIMAL
    assert check_plan(prog, result.plan.keys, settings_) == []
    assert not [n for n in result.equality_notes if n.kind == "mix_target"]
    assert milp_fewest_missing(prog, settings_, _by_gender(result)) == 0


def test_a_strict_mix_the_target_meets_is_proven_with_the_targets_plan():
    """Soft wish, 25 %: the target misses none, so the strict option has its proven plan."""
    # The strict model's own search stopped at 20 s within 1.19 % of the same plan.
    prog = binding_programme(200, 1)
    target = solve(prog, _mix(0.25, hard=False, time_limit_seconds=10))
    strict = solve(prog, _mix(0.25, hard=False, strict=True, time_limit_seconds=10))
    assert target.status is strict.status is Status.OPTIMAL
    assert strict.plan.keys == target.plan.keys and strict.matched == 158
    assert strict.stages[-1] == "strict mix kept"
    assert check_plan(prog, strict.plan.keys, _mix(0.25, hard=False, strict=True)) == []


def _gap_kept(prog, settings_, result) -> bool:
    """Whether the plan keeps the gap target, by the scoring's own pair scores (centi)."""
    pairs = candidates(prog, settings_, (), ())
    gender = {a.id: a.gender.value for a in prog.adepts}
    sums = {
        g: sum(pairs[k] for k in result.plan.keys if gender[k[0]] == g) for g in ("woman", "man")
    }
    counts = _by_gender(result)
    gap = round(100 * settings_.equality.quality.max_gap_points)
    spread = abs(sums["woman"] * counts["man"] - sums["man"] * counts["woman"])
    return spread <= gap * counts["woman"] * counts["man"]


@pytest.mark.parametrize(
    ("n", "seed", "hard"), [(40, 0, True), (60, 1, False), (80, 2, True), (100, 3, False)]
)
def test_the_score_under_the_mix_target_is_proven_at_the_milp_oracles_optimum(n, seed, hard):
    """Binding cohorts, 25 %: proven optimal, with HiGHS's fewest missing and best total."""
    prog = binding_programme(n, seed)
    settings_ = _mix(0.25, hard=hard, time_limit_seconds=10)
    result = solve(prog, settings_)
    assert result.status is Status.OPTIMAL and result.gap == 0
    kept = _gap_kept(prog, settings_, result)
    gap = round(100 * settings_.equality.quality.max_gap_points) if kept else None
    fewest, best = milp_mix_score(prog, settings_, _by_gender(result), gap)
    assert round(100 * result.total_score) == best
    assert _women_missing(prog, result.plan, 25) == fewest


def _women_missing(prog, plan, percent: int) -> int:
    """The women missing from ``percent`` over the workplaces with two or more adepts."""
    placed: dict[str, list[bool]] = {}
    for pair in plan.pairs:
        workplace = prog.mentor_by_id[pair.mentor_id].workplace_id
        woman = prog.adept_by_id[pair.adept_id].gender.value == "woman"
        placed.setdefault(workplace, []).append(woman)
    return sum(
        max(0, -(-percent * len(women) // 100) - sum(women))
        for workplace, women in placed.items()
        if workplace and len(women) >= 2
    )


def test_an_unproven_score_under_the_mix_target_reports_a_bound_above_the_optimum():
    """100 binding adepts, hard wish: feasible, its bound at or above HiGHS's optimum."""
    prog = binding_programme(100, 4)
    settings_ = _mix(0.25, hard=True, time_limit_seconds=3)
    result = solve(prog, settings_)
    gap = round(100 * settings_.equality.quality.max_gap_points)
    _, best = milp_mix_score(prog, settings_, _by_gender(result), gap)
    assert _gap_kept(prog, settings_, result)
    if result.status is Status.FEASIBLE:
        assert round(100 * result.total_score) <= best <= round(100 * result.best_bound)
        assert result.gap > 0
    else:
        assert round(100 * result.total_score) == best


def test_the_mix_target_at_200_adepts_is_proven_by_reduced_cost_fixing():
    """200 binding adepts (seed 0), hard wish, 25 %: proven in a narrowed pair set."""
    # The search on every pair stopped at 20 s within 0.37 % of the flow's bound.
    prog = binding_programme(200, 0)
    settings_ = _mix(0.25, time_limit_seconds=20)
    result = solve(prog, settings_)
    assert result.status is Status.OPTIMAL
    assert result.stages[0] == "reduced-cost fixing"
    assert "workplace_mix (class optimum)" in result.stages
    assert result.matched == solve(prog, _without_mix(settings_)).matched
    assert check_plan(prog, result.plan.keys, settings_) == []


def test_the_women_needed_by_count_follow_the_share_from_two_placed():
    """25 % and 50 %: none for 0 or 1 placed, then the share of those placed, rounded up."""
    assert women_needed(25, 5) == [0, 0, 1, 1, 1, 2]
    assert women_needed(50, 5) == [0, 0, 1, 2, 2, 3]


def test_the_fewest_missing_at_a_50_percent_share_are_proven_at_200_adepts():
    """200 binding adepts, soft wish, 50 %: the class model proves HiGHS's minimum (6)."""
    # With the guarded row alone the class model stopped unproven (19 found, bound 0).
    prog = binding_programme(200, 1)
    settings_ = _mix(0.5, hard=False)
    problem, lift, bonus = _lifted(prog, settings_)
    optimum = fewest_missing(problem, lift, problem.pair_value, bonus)
    assert optimum is not None
    assert optimum.fewest == milp_fewest_missing(prog, settings_, lift.counts) == 6
