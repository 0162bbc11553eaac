"""Solving over a pair pool (candidates priced from every pair) against solving over every
allowed pair: the same status, objective and group counts, a plan the independent checks pass,
and each unmatched adept the reason every pair gives; rules a pool cannot prove fall back to
the compact store and give its very result."""

import dataclasses
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from instances import decisions, match_settings, programmes

from smile_core.demo.synthetic import binding_programme, random_programme
from smile_core.matching.checks import check_plan
from smile_core.matching.pair_pool import score_pool
from smile_core.matching.plan import Plan, Status
from smile_core.matching.scoring import score_store
from smile_core.matching.settings import MatchSettings, QualityParityMode
from smile_core.matching.solver import reasons, solve
from smile_core.matching.solver.problem import build_problem

FAST = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=60, derandomize=True
)

SOLVE = sys.modules["smile_core.matching.solver.solve"]


def _counts(prog, result):
    genders = {a.id: a.gender.value for a in prog.adepts}
    counts: dict[str, int] = {}
    for pair in result.plan.pairs:
        counts[genders[pair.adept_id]] = counts.get(genders[pair.adept_id], 0) + 1
    return counts


def _full_reasons(prog, s, result, locks, forbids, must, previous):
    """The unmatched reasons of ``result``'s plan on the problem of every allowed pair."""
    store = score_store(prog, s)
    full = build_problem(
        prog, store, s, locks=locks, forbids=forbids, must_match=must, previous=previous
    )
    index = {
        (full.adept_ids[a], full.mentor_ids[m]): i
        for i, (a, m) in enumerate(zip(full.pair_adept, full.pair_mentor, strict=True))
    }
    chosen = np.array(sorted(index[p.adept_id, p.mentor_id] for p in result.plan.pairs), np.int64)
    blocks = SOLVE._block_causes(full, store)
    return reasons.unmatched(full, chosen, result.status, blocks)


def _assert_same_optimum(prog, s, pooled, listed, locks=(), forbids=(), must=(), previous=None):
    assert pooled.status == listed.status
    assert pooled.objective == listed.objective
    assert pooled.total_score == listed.total_score
    if pooled.status is Status.OPTIMAL:
        assert _counts(prog, pooled) == _counts(prog, listed)
        pairs = [(p.adept_id, p.mentor_id) for p in pooled.plan.pairs]
        assert check_plan(prog, pairs, s, locks=locks, forbids=forbids, must_match=must) == []
        assert pooled.unmatched == _full_reasons(prog, s, pooled, locks, forbids, must, previous)


@FAST
@given(data=st.data(), prog=programmes(max_adepts=10, max_mentors=6))
def test_pooled_solve_reaches_the_listed_optimum(data, prog):
    """Any rules, locks, forbids and must-match: the pool's result is the listed pairs' one."""
    s = data.draw(match_settings())
    locks, forbids, must = data.draw(decisions(prog))
    kwargs = {"locks": locks, "forbids": forbids, "must_match": must}
    pooled = solve(prog, s, scores=score_pool(prog, s), **kwargs)
    listed = solve(prog, s, scores=score_store(prog, s), **kwargs)
    _assert_same_optimum(prog, s, pooled, listed, locks, forbids, must)
    if not SOLVE.pool_rules(s) or must:
        assert pooled.plan == listed.plan  # the fallback is the listed solve itself


@FAST
@given(data=st.data(), prog=programmes(max_adepts=10, max_mentors=6))
def test_pricing_from_one_pair_per_adept_still_reaches_the_optimum(data, prog, monkeypatch_module):
    """Starting from each adept's single best pair, pricing brings in every pair the optimum
    needs (the candidates cannot even reach the lifted counts at first)."""
    monkeypatch_module.setattr(SOLVE, "POOL_START_PAIRS", 1)
    s = data.draw(match_settings())
    locks, forbids, _ = data.draw(decisions(prog, max_must_match=0))
    kwargs = {"locks": locks, "forbids": forbids}
    pooled = solve(prog, s, scores=score_pool(prog, s), **kwargs)
    listed = solve(prog, s, scores=score_store(prog, s), **kwargs)
    _assert_same_optimum(prog, s, pooled, listed, locks, forbids)


@pytest.fixture(scope="module")
def monkeypatch_module():
    """A monkeypatch that lasts for the module (Hypothesis runs a test many times)."""
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def _without_fallback(monkeypatch):
    """Make a fallback to the listed pairs fail the test (the pool must prove the plan)."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("the pooled solve fell back to the listed pairs")

    monkeypatch.setattr(SOLVE, "score_store", refuse)


@pytest.mark.parametrize(("start", "equality"), [(1, True), (16, True), (16, False)])
def test_generated_programme_pooled_equals_listed(start, equality, monkeypatch):
    """1,000 generated adepts, default rules or equality off: the pool proves the plan
    optimal at the listed optimum, with the same counts and the reasons of every pair."""
    prog = random_programme(1000, 2)
    s = MatchSettings(time_limit_seconds=60)
    if not equality:
        s = dataclasses.replace(s, equality=s.equality.all_off())
    listed = solve(prog, s, scores=score_store(prog, s))
    monkeypatch.setattr(SOLVE, "POOL_START_PAIRS", start)
    _without_fallback(monkeypatch)
    pooled = solve(prog, s, scores=score_pool(prog, s))
    assert pooled.status is Status.OPTIMAL and pooled.gap == 0
    _assert_same_optimum(prog, s, pooled, listed)
    assert pooled.equality_notes == listed.equality_notes


def test_previous_plan_and_a_forbid_pooled_equals_listed(monkeypatch):
    """A re-solve with a previous plan (its pairs earn the stability bonus) and a forbid."""
    prog = random_programme(300, 2)
    s = MatchSettings(time_limit_seconds=60, stability_weight=3.0)
    first = solve(prog, s)
    previous = Plan(first.plan.pairs[::2])
    forbid = (first.plan.pairs[1].adept_id, first.plan.pairs[1].mentor_id)
    kwargs = {"previous": previous, "forbids": [forbid]}
    listed = solve(prog, s, scores=score_store(prog, s), **kwargs)
    _without_fallback(monkeypatch)
    pooled = solve(prog, s, scores=score_pool(prog, s), **kwargs)
    _assert_same_optimum(prog, s, pooled, listed, forbids=[forbid], previous=previous)
    assert pooled.diff is not None
    assert pooled.diff.kept == listed.diff.kept > 0


def test_binding_cohort_whose_gap_target_needs_a_search_falls_back():
    """Binding cohort, default rules: the flow plan misses the gap target, so the stages after
    it are not a flow's; the pooled solve falls back and gives the listed result."""
    prog = binding_programme(200, 1)
    s = MatchSettings(time_limit_seconds=60)
    pooled = solve(prog, s, scores=score_pool(prog, s))
    listed = solve(prog, s, scores=score_store(prog, s))
    assert pooled.plan == listed.plan and pooled.status == listed.status


def test_rules_a_pool_cannot_prove_fall_back_to_the_listed_pairs():
    """MAXIMIN's quality stage is a CP-SAT search: the pooled solve is the listed one."""
    prog = binding_programme(40, 0)
    base = MatchSettings(time_limit_seconds=20)
    quality = dataclasses.replace(base.equality.quality, mode=QualityParityMode.MAXIMIN)
    s = dataclasses.replace(base, equality=dataclasses.replace(base.equality, quality=quality))
    assert not SOLVE.pool_rules(s)
    pooled = solve(prog, s, scores=score_pool(prog, s))
    listed = solve(prog, s, scores=score_store(prog, s))
    assert pooled.plan == listed.plan and pooled.status == listed.status


def test_large_programmes_are_pooled_and_small_ones_listed(monkeypatch):
    """``solve`` without scores pools from POOL_FROM_PAIRS pairs under poolable rules."""
    used = []
    real = SOLVE.score_pool
    monkeypatch.setattr(SOLVE, "score_pool", lambda *a, **k: used.append(1) or real(*a, **k))
    prog = random_programme(60, 1)
    solve(prog, MatchSettings())
    assert used == []
    monkeypatch.setattr(SOLVE, "POOL_FROM_PAIRS", len(prog.adepts) * len(prog.mentors))
    result = solve(prog, MatchSettings())
    assert used == [1] and result.status is Status.OPTIMAL


def _left_out(prog, s) -> str:
    """An adept the default plan leaves out though some mentor is allowed: as must-match,
    the flows' plan breaks the rule and the solve needs every pair listed."""
    result = solve(prog, s)
    return next(u.adept_id for u in result.unmatched if u.reason.value != "no_allowed_mentor")


def test_a_listing_that_would_not_fit_is_refused_with_the_sizes(monkeypatch):
    """Must-match needs every pair listed: with too little memory, a refusal, not a kill."""
    from smile_core.matching.solver import pool_pricing

    prog = random_programme(60, 1)
    s = MatchSettings()
    must = [_left_out(prog, s)]
    monkeypatch.setattr(pool_pricing, "available_bytes", lambda: 1000)
    with pytest.raises(pool_pricing.ScaleRefused) as refused:
        solve(prog, s, scores=score_pool(prog, s), must_match=must)
    allowed = int((score_pool(prog, s).scores >= 0).sum())
    assert dict(refused.value.message.params)["pairs"] == allowed / 1e6
    assert "60 adepts" in refused.value.message.render("en")
    # With the memory there, the same call falls back to the listed pairs (the Hypothesis
    # test above compares that fallback with the listed solve).


def test_smile_match_says_so_when_the_rules_need_more_memory_than_there_is(
    monkeypatch, capsys, tmp_path
):
    """The CLI prints the refusal in both languages and exits 1 (no traceback, no kill)."""
    from bench.reading import participant_files
    from smile_core.cli import main
    from smile_core.matching.solver import pool_pricing

    prog = random_programme(60, 1)
    paths = []
    for table, file in participant_files(prog).items():
        path = tmp_path / file.name
        path.write_bytes(file.data)
        paths += [f"--{table}", str(path)]
    monkeypatch.setattr(SOLVE, "POOL_FROM_PAIRS", 1)
    monkeypatch.setattr(pool_pricing, "available_bytes", lambda: 1000)
    code = main(["match", *paths, "--must-match", _left_out(prog, MatchSettings())])
    err = capsys.readouterr().err
    assert code == 1
    assert "Med de här reglerna" in err and "With these rules" in err
    assert "Traceback" not in err
