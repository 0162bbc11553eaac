"""The compact pair store (``score_store``) and on-demand rows (``pair_rows``) against the dense
``score_pairs`` frame: the same allowed pairs, scores and block counts, the same problem, and
the same plans, totals and reasons from ``solve``."""

import numpy as np
import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from instances import decisions, match_settings, programmes

from smile_core.demo.synthetic import random_programme
from smile_core.matching.scoring import BLOCK_CODES, pair_rows, score_pairs, score_store
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import solve
from smile_core.matching.solver.problem import build_problem

FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _dense_view(prog, s):
    """(adept index, mentor index, score_centi) of the allowed rows, and block counts."""
    frame = score_pairs(prog, s).with_row_index("row")
    n_m = len(prog.mentors)
    allowed = frame.filter("allowed")
    rows = allowed["row"].to_numpy().astype(np.int64)
    counts = np.zeros((len(prog.adepts), len(BLOCK_CODES)), dtype=np.int64)
    for row, code in frame.filter(~pl.col("allowed")).select("row", "blocked_by").iter_rows():
        counts[row // n_m, BLOCK_CODES.index(code)] += 1
    return rows // n_m, rows % n_m, allowed["score_centi"].to_numpy(), counts


@FAST
@given(prog=programmes(), s=match_settings(equality_rules=False), chunk=st.integers(1, 30))
def test_store_holds_exactly_the_allowed_pairs_and_their_scores(prog, s, chunk):
    """Whatever the chunk size, the store has the dense frame's allowed pairs, scores and blocks."""
    store = score_store(prog, s, chunk_pairs=chunk)
    adepts, mentors, cents, counts = _dense_view(prog, s)
    assert store.adept.dtype == np.int32 and store.score_centi.dtype == np.int32
    assert store.adept.tolist() == adepts.tolist()
    assert store.mentor.tolist() == mentors.tolist()
    assert store.score_centi.tolist() == cents.tolist()
    assert store.blocked.tolist() == counts.tolist()


@FAST
@given(prog=programmes(), s=match_settings(equality_rules=False), data=st.data())
def test_pair_rows_are_the_dense_rows(prog, s, data):
    """Rows computed for a few pairs alone equal those pairs' rows of the full frame."""
    frame = score_pairs(prog, s)
    picks = data.draw(st.lists(st.integers(0, frame.height - 1), max_size=8))
    n_m = len(prog.mentors)
    rows = pair_rows(prog, s, [p // n_m for p in picks], [p % n_m for p in picks])
    assert rows.equals(frame[picks])


@FAST
@given(data=st.data(), prog=programmes(max_adepts=8, max_mentors=5))
def test_problem_from_the_store_is_the_problem_from_the_frame(data, prog):
    """Candidates, scores, locks (also on blocked pairs), forbids and previous pairs agree."""
    s = data.draw(match_settings(equality_rules=False))
    locks, forbids, must = data.draw(decisions(prog))
    kwargs = {"locks": locks, "forbids": forbids, "must_match": must}
    dense = build_problem(prog, score_pairs(prog, s), s, **kwargs)
    compact = build_problem(prog, score_store(prog, s), s, **kwargs)
    for name in ("pair_adept", "pair_mentor", "pair_score", "pair_locked", "pair_forbidden"):
        assert getattr(dense, name).tolist() == getattr(compact, name).tolist(), name
    # No frame rows to point at: the compact problem keeps no pair_row array.
    assert len(compact.pair_row) == 0
    assert dense.must_match == compact.must_match


@settings(FAST, max_examples=40)
@given(data=st.data(), prog=programmes(max_adepts=8, max_mentors=5))
def test_solve_on_the_store_gives_the_frames_result(data, prog):
    """Plan (with components), totals, status and unmatched reasons are the same either way."""
    s = data.draw(match_settings())
    locks, forbids, must = data.draw(decisions(prog))
    kwargs = {"locks": locks, "forbids": forbids, "must_match": must}
    dense = solve(prog, s, scores=score_pairs(prog, s), **kwargs)
    compact = solve(prog, s, scores=score_store(prog, s), **kwargs)
    assert compact.status == dense.status
    assert compact.plan == dense.plan
    assert compact.total_score == dense.total_score
    assert compact.unmatched == dense.unmatched
    assert compact.conflicts == dense.conflicts


def test_default_solve_matches_the_dense_frame_on_a_generated_cohort():
    """``solve`` without scores (the store) reaches the dense frame's plan at 300 adepts."""
    prog = random_programme(300, 3)
    s = MatchSettings(time_limit_seconds=60)
    dense = solve(prog, s, scores=score_pairs(prog, s))
    compact = solve(prog, s)
    assert compact.status == dense.status
    assert compact.plan == dense.plan
    assert compact.unmatched == dense.unmatched
