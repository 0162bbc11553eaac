"""Issue 11 (41.7 million pairs at 10,000 adepts): pricing, ranking and hashing the pairs in
chunks, and building the problem without arrays of every pair it does not need, give
exactly what the one-pass formulas give."""

from __future__ import annotations

import numpy as np

from smile_core.demo.synthetic import random_programme
from smile_core.matching.plan import Pair, Plan
from smile_core.matching.scoring import score_pairs, score_store
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import flow
from smile_core.matching.solver.problem import build_problem


def _problem(n: int, seed: int):
    prog = random_programme(n, seed)
    settings_ = MatchSettings()
    return build_problem(prog, score_store(prog, settings_), settings_)


def test_best_pairs_ranked_in_chunks_of_adepts_are_the_one_sort_ones(monkeypatch):
    """Each adept's best pairs, ranked a few adepts at a time, equal one sort of every pair
    (ties to the earlier pair), for every pair and for a subset."""
    problem = _problem(300, 5)
    rng = np.random.default_rng(1)
    gain = problem.pair_value.copy()
    gain[rng.random(problem.n_pairs) < 0.3] = 1234  # many ties
    monkeypatch.setattr(flow, "_CHUNK", 997)
    for free in (np.arange(problem.n_pairs), np.flatnonzero(rng.random(problem.n_pairs) < 0.4)):
        whole = flow._best_of(problem.pair_adept[free], gain[free], free)
        assert np.array_equal(flow.best_per_adept(problem, free, gain), whole)


def test_pairs_priced_in_chunks_are_those_of_every_reduced_cost_at_once(monkeypatch):
    """The entering pairs from chunked pricing equal those ranked from the full array of
    reduced costs (adept potential - mentor potential - gain), eligible ones only."""
    problem = _problem(300, 6)
    rng = np.random.default_rng(2)
    adept_potential = rng.integers(-4000, 4000, problem.n_adepts)
    mentor_potential = rng.integers(-4000, 4000, len(problem.mentor_ids))
    eligible = rng.random(problem.n_pairs) < 0.6
    reduced = (
        adept_potential[problem.pair_adept]
        - mentor_potential[problem.pair_mentor]
        - problem.pair_value
    )
    negative = np.flatnonzero((reduced < 0) & eligible)
    expected = flow._best_of(problem.pair_adept[negative], -reduced[negative], negative)
    monkeypatch.setattr(flow, "_CHUNK", 1009)
    got = flow.entering(problem, adept_potential, mentor_potential, problem.pair_value, eligible)
    assert len(expected) > 0
    assert np.array_equal(got, expected)


def test_candidate_rates_over_a_common_denominator_are_the_sorted_fractions():
    """The leximin's candidate rates as whole numerators over one denominator: the same
    sorted, repeat-free fractions as sorting every c / n_g itself."""
    from fractions import Fraction

    from smile_core.matching.solver.leximin import _candidate_rates

    applicants = {"woman": 12, "man": 18, "other": 7}
    alone = {"woman": 9, "man": 18, "other": 4}
    for free in ({"woman", "man", "other"}, {"man"}, {"woman", "other"}):
        rates = _candidate_rates(applicants, alone, free)
        expected = sorted(
            {Fraction(c, applicants[g]) for g in free for c in range(alone[g] + 1)} | {Fraction(0)}
        )
        assert [rates[i] for i in range(len(rates))] == expected


def test_adept_classes_hashed_in_chunks_of_pairs_are_the_same(monkeypatch):
    """The leximin's adept classes (hash sums, then the exact check) with chunks so small
    that adepts straddle them: the same classes, sizes, groups and adjacency."""
    from smile_core.matching.solver import leximin

    problem = _problem(300, 7)
    groups = leximin.lift_groups(problem)
    index = {g: i for i, g in enumerate(groups)}
    adept_group = np.array([index[g] for g in leximin.group_labels(problem)], dtype=np.int64)
    members = np.ones(problem.n_adepts, dtype=bool)
    n_m = len(problem.mentor_ids)
    args = (problem.pair_adept, problem.pair_mentor, adept_group, members, n_m)
    whole = leximin._classes(*args)
    monkeypatch.setattr(leximin, "_PAIR_CHUNK", 97)
    chunked = leximin._classes(*args)
    assert whole is not None and chunked is not None
    assert whole[0] == chunked[0] > 1
    for a, b in zip(whole[1:], chunked[1:], strict=True):
        assert np.array_equal(a, b)


def test_problem_from_the_store_marks_previous_forbidden_and_locked_pairs_alone():
    """Only a previous plan, only forbids, only locks: the store's problem (its pair keys
    built only when something names pairs) marks the same pairs as the frame's."""
    prog = random_programme(60, 3)
    s = MatchSettings()
    plain = build_problem(prog, score_pairs(prog, s), s)
    named = [
        (plain.adept_ids[plain.pair_adept[i]], plain.mentor_ids[plain.pair_mentor[i]])
        for i in (0, plain.n_pairs // 2, plain.n_pairs - 1)
    ]
    previous = Plan(tuple(Pair(a, m) for a, m in named))
    for kwargs in ({"previous": previous}, {"forbids": named[:2]}, {"locks": named[:1]}):
        dense = build_problem(prog, score_pairs(prog, s), s, **kwargs)
        compact = build_problem(prog, score_store(prog, s), s, **kwargs)
        columns = ("pair_adept", "pair_mentor", "pair_score", "pair_locked", "pair_forbidden")
        for name in (*columns, "pair_previous"):
            assert getattr(dense, name).tolist() == getattr(compact, name).tolist(), name
        marked = compact.pair_previous | compact.pair_locked
        assert marked.any() or compact.n_pairs == plain.n_pairs - 2


def test_best_pairs_by_one_packed_sort_are_the_stable_sort_ones(monkeypatch):
    """Each adept's best pairs from one sort of packed (adept, value, position) numbers are
    those of a stable sort on (adept, -value), ties to the earlier pair; also where the
    numbers do not fit (the stable sort itself then), and for negative values."""
    rng = np.random.default_rng(3)
    monkeypatch.setattr(flow, "_INITIAL_PAIRS_PER_ADEPT", 3)
    for top in (5, 10_000, 2**40, 2**50):
        adepts = np.sort(rng.integers(0, 40, 2_000))
        values = rng.integers(-top, top, len(adepts))
        pairs = np.sort(rng.choice(10**6, len(adepts), replace=False))
        order = np.lexsort((np.arange(len(adepts)), -values, adepts))
        ranked = adepts[order]
        rank = np.arange(len(order)) - np.searchsorted(ranked, ranked)
        expected = np.sort(pairs[order[rank < 3]])
        assert np.array_equal(flow._best_of(adepts, values, pairs), expected)
