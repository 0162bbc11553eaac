"""The dense pair pool against the compact store and brute force: the same allowed pairs,
scores and block counts; each adept's best pairs; the pairs priced below zero; the classes of
equal mentor sets; and the sorted-key helpers."""

import sys
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent / "solver"))
from instances import match_settings, programmes

from smile_core.matching.pair_pool import (
    NOT_ALLOWED,
    merge_keys,
    missing_keys,
    score_pool,
)
from smile_core.matching.scoring import score_store

FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=60)


def _allowed_pairs(pool):
    """Every allowed, not forbidden (adept, mentor, score) of the pool, by brute force."""
    forbidden = set(pool.forbidden.tolist())
    return [
        (a, m, int(pool.scores[a, m]))
        for a in range(pool.n_adepts)
        for m in range(pool.n_mentors)
        if pool.scores[a, m] != NOT_ALLOWED and a * pool.n_mentors + m not in forbidden
    ]


@st.composite
def pools(draw):
    """A pool of a generated programme, with some of its pairs forbidden."""
    prog = draw(programmes())
    s = draw(match_settings(equality_rules=False))
    pool = score_pool(prog, s, chunk_pairs=draw(st.integers(1, 30)))
    cells = pool.n_adepts * pool.n_mentors
    forbids = draw(st.lists(st.integers(0, max(cells - 1, 0)), max_size=4)) if cells else []
    return prog, s, pool.with_forbids(np.array(forbids, dtype=np.int64))


@FAST
@given(prog=programmes(), s=match_settings(equality_rules=False), chunk=st.integers(1, 30))
def test_pool_holds_the_stores_pairs_scores_and_blocks(prog, s, chunk):
    """Whatever the chunk size, the pool's allowed cells are the store's pairs and scores."""
    pool = score_pool(prog, s, chunk_pairs=chunk)
    store = score_store(prog, s)
    assert pool.scores.dtype == np.int16
    a, m = np.nonzero(pool.scores != NOT_ALLOWED)
    assert a.tolist() == store.adept.tolist()
    assert m.tolist() == store.mentor.tolist()
    assert pool.scores[a, m].tolist() == store.score_centi.tolist()
    assert pool.blocked.tolist() == store.blocked.tolist()


@FAST
@given(case=pools(), k=st.integers(1, 4))
def test_best_keys_are_each_adepts_highest_scores(case, k):
    """Each adept's k best allowed, not forbidden pairs, ties to the earlier mentor."""
    _, _, pool = case
    expected = []
    for a in range(pool.n_adepts):
        own = [(-score, m) for adept, m, score in _allowed_pairs(pool) if adept == a]
        expected += sorted(a * pool.n_mentors + m for _, m in sorted(own)[:k])
    assert pool.best_keys(k).tolist() == sorted(expected)


@FAST
@given(case=pools(), data=st.data())
def test_price_finds_each_adepts_most_negative_pairs(case, data):
    """The pairs priced below zero, each marked adept's most negative first, none excluded."""
    _, _, pool = case
    n_a, n_m = pool.n_adepts, pool.n_mentors
    adept_p = np.array(data.draw(st.lists(st.integers(-50, 12_000), min_size=n_a, max_size=n_a)))
    mentor_p = np.array(data.draw(st.lists(st.integers(-50, 3_000), min_size=n_m, max_size=n_m)))
    marked = np.array(data.draw(st.lists(st.booleans(), min_size=n_a, max_size=n_a)), bool)
    allowed = _allowed_pairs(pool)
    exclude = sorted(
        data.draw(st.sets(st.sampled_from([a * n_m + m for a, m, _ in allowed]), max_size=3))
        if allowed
        else set()
    )
    k = data.draw(st.integers(1, 3))
    expected = []
    for a in range(n_a):
        if not marked[a]:
            continue
        own = [
            (int(adept_p[a] - mentor_p[m] - score), m)
            for adept, m, score in allowed
            if adept == a and a * n_m + m not in exclude
        ]
        expected += [a * n_m + m for rc, m in sorted(own)[:k] if rc < 0][:k]
    got = pool.price(adept_p, mentor_p, marked, k, exclude=np.array(exclude, dtype=np.int64))
    assert got.tolist() == sorted(expected)


@FAST
@given(case=pools(), data=st.data())
def test_classes_group_adepts_of_one_group_and_one_mentor_set(case, data):
    """Two members share a class exactly when they share a group and their allowed mentors."""
    _, _, pool = case
    n_a = pool.n_adepts
    group = np.array(data.draw(st.lists(st.integers(0, 2), min_size=n_a, max_size=n_a)))
    members = np.array(data.draw(st.lists(st.booleans(), min_size=n_a, max_size=n_a)), bool)
    n_c, size, class_group, adjacency = pool.classes(group, members, 10**9)
    sets = {
        a: (int(group[a]), tuple(np.flatnonzero(pool.allowed_row(a)).tolist()))
        for a in np.flatnonzero(members).tolist()
    }
    distinct = sorted(set(sets.values()))
    assert n_c == len(distinct)
    assert sorted(size.tolist()) == sorted(list(sets.values()).count(d) for d in distinct)
    rows = sorted(
        (int(class_group[c]), tuple(np.flatnonzero(adjacency[c]).tolist())) for c in range(n_c)
    )
    assert rows == distinct


def test_classes_refuse_an_adjacency_over_the_cell_limit():
    """More class × mentor cells than allowed: no classes (the solve falls back)."""
    from smile_core.demo.synthetic import random_programme
    from smile_core.matching.settings import MatchSettings

    prog = random_programme(40, 1)
    pool = score_pool(prog, MatchSettings())
    members = np.ones(pool.n_adepts, dtype=bool)
    group = np.zeros(pool.n_adepts, dtype=np.int64)
    assert pool.classes(group, members, 10**9) is not None
    assert pool.classes(group, members, 0) is None


@FAST
@given(a=st.sets(st.integers(0, 60)), b=st.sets(st.integers(0, 60)), c=st.lists(st.integers(0, 60)))
def test_merge_and_missing_keys_are_set_union_and_difference(a, b, c):
    """merge_keys is the sorted union; missing_keys the sorted difference, duplicates dropped."""
    left, right = np.array(sorted(a), np.int64), np.array(sorted(b), np.int64)
    assert merge_keys(left, right).tolist() == sorted(a | b)
    assert missing_keys(np.array(c, np.int64), right).tolist() == sorted(set(c) - b)
