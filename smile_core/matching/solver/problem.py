"""The matching problem as arrays: candidate pairs, capacities, groups, locks and forbids.

Built once from a programme, its pair scores and the coordinator's decisions; every rule
module, the flow relaxation and the validators read this one immutable value. Indices are
positions in ``adept_ids`` / ``mentor_ids`` / ``workplace_ids``; a mentor's workplace index is
-1 when the mentor has none.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import polars as pl

from smile_core.ingest.participants import AdeptId, MentorId, Programme, must_match_ids
from smile_core.matching.pair_pool import PairPool
from smile_core.matching.plan import Plan
from smile_core.matching.scoring import PairStore, pair_rows
from smile_core.matching.settings import MatchSettings


class PlanInputError(ValueError):
    """Locks, forbids, must-match adepts or a previous plan name people who are not there."""


@dataclass(frozen=True, eq=False)
class MatchProblem:
    """Candidate pairs and everything that constrains them (see module docstring)."""

    adept_ids: tuple[AdeptId, ...]
    adept_gender: tuple[str, ...]
    mentor_ids: tuple[MentorId, ...]
    mentor_capacity: np.ndarray
    mentor_min_group: np.ndarray  # 0/1 = no minimum; else a group of at least this many or none
    mentor_workplace: np.ndarray
    workplace_ids: tuple[str, ...]
    workplace_capacity: np.ndarray
    pair_adept: np.ndarray
    pair_mentor: np.ndarray
    pair_score: np.ndarray  # whole centipoints
    pair_locked: np.ndarray  # bool
    pair_forbidden: np.ndarray  # bool: only kept when also locked (a conflict to explain)
    pair_previous: np.ndarray  # bool: the pair is in the previous plan
    pair_row: np.ndarray  # the pair's row in the scores frame it was built from (empty when
    # built from a PairStore: there the row is adept index * mentors + mentor index)
    must_match: frozenset[int]
    settings: MatchSettings
    #: Every pair's score when the candidate pairs are only some of the allowed ones (a
    #: large programme: :mod:`smile_core.matching.pair_pool`); ``None`` when the candidates
    #: are every allowed pair. With a pool, the leximin asks its max-flow questions on the
    #: pool's classes and every flow prices the pool's pairs before it counts as optimal.
    pool: PairPool | None = None

    @property
    def n_adepts(self) -> int:
        """Number of adepts (applicants)."""
        return len(self.adept_ids)

    @property
    def n_pairs(self) -> int:
        """Number of candidate pairs (variables)."""
        return len(self.pair_adept)

    @cached_property
    def pairs_of_adept(self) -> list[np.ndarray]:
        """Candidate pair indices per adept."""
        return _group(self.pair_adept, self.n_adepts)

    @cached_property
    def pairs_of_mentor(self) -> list[np.ndarray]:
        """Candidate pair indices per mentor."""
        return _group(self.pair_mentor, len(self.mentor_ids))

    @cached_property
    def pair_workplace(self) -> np.ndarray:
        """Workplace index of each pair's mentor (-1 when none)."""
        return self.mentor_workplace[self.pair_mentor]

    def workplace_of(self, pairs: np.ndarray) -> np.ndarray:
        """Workplace index of the mentor of each of ``pairs`` (-1 when none): for a subset of
        the pairs, without :attr:`pair_workplace`'s array of every pair (333 MB, kept for the
        problem's life, at 41.7 million pairs)."""
        return self.mentor_workplace[self.pair_mentor[pairs]]

    @cached_property
    def pairs_of_workplace(self) -> list[np.ndarray]:
        """Candidate pair indices per workplace."""
        wp = self.pair_workplace
        keep = wp >= 0
        groups = _group(wp[keep], len(self.workplace_ids))
        index = np.flatnonzero(keep)
        return [index[g] for g in groups]

    @cached_property
    def pair_index(self) -> dict[tuple[int, int], int]:
        """Pair index by (adept index, mentor index)."""
        return {
            (int(a), int(m)): i
            for i, (a, m) in enumerate(zip(self.pair_adept, self.pair_mentor, strict=True))
        }

    @cached_property
    def pair_keys(self) -> np.ndarray:
        """Each candidate pair's key, adept index * mentors + mentor index (sorted: the pairs
        come in adept then mentor order)."""
        return self.pair_adept.astype(np.int64) * len(self.mentor_ids) + self.pair_mentor

    @cached_property
    def stability_bonus(self) -> np.ndarray:
        """Objective bonus (centipoints) per pair for keeping a previous plan's pair."""
        bonus = round(self.settings.stability_weight * 100)
        return np.where(self.pair_previous, bonus, 0).astype(np.int64)

    @cached_property
    def pair_value(self) -> np.ndarray:
        """What the objective gains per pair: score plus stability bonus (centipoints)."""
        if not self.pair_previous.any():
            return self.pair_score  # nothing to add: no second array of every pair's score
        return self.pair_score + self.stability_bonus

    def gender_members(self, gender: str) -> np.ndarray:
        """Boolean mask over adepts of one gender."""
        return np.array([g == gender for g in self.adept_gender], dtype=bool)

    def group_sizes(self) -> dict[str, int]:
        """Applicants per gender value, in a fixed order."""
        sizes: dict[str, int] = {}
        for g in ("woman", "man", "non_binary", "undisclosed"):
            sizes[g] = sum(1 for x in self.adept_gender if x == g)
        return sizes

    def constrained_groups(self) -> list[str]:
        """Gender groups big enough to be constrained by the equality rules (woman, man,
        non_binary; undisclosed is reported but never a group)."""
        k = self.settings.equality.min_group_size
        sizes = self.group_sizes()
        return [g for g in ("woman", "man", "non_binary") if sizes[g] >= k]

    def plan_pairs(self, plan: Plan) -> np.ndarray:
        """Pair indices of a plan's pairs that are candidates here (others are dropped)."""
        a_index = {a: i for i, a in enumerate(self.adept_ids)}
        m_index = {m: i for i, m in enumerate(self.mentor_ids)}
        found = [
            self.pair_index.get((a_index.get(p.adept_id, -1), m_index.get(p.mentor_id, -1)))
            for p in plan.pairs
        ]
        return np.array(sorted(i for i in found if i is not None), dtype=np.int64)


def _group(keys: np.ndarray, n: int) -> list[np.ndarray]:
    order = np.argsort(keys, kind="stable")
    bounds = np.searchsorted(keys[order], np.arange(n + 1))
    return [order[bounds[i] : bounds[i + 1]] for i in range(n)]


def build_problem(
    programme: Programme,
    scores: pl.DataFrame | PairStore,
    settings: MatchSettings,
    *,
    locks: Iterable[tuple[AdeptId, MentorId]] = (),
    forbids: Iterable[tuple[AdeptId, MentorId]] = (),
    must_match: Iterable[AdeptId] = (),
    previous: Plan | None = None,
    pool: PairPool | None = None,
) -> MatchProblem:
    """Arrays for the solver from a programme and its
    :func:`~smile_core.matching.scoring.score_pairs` frame, or its compact
    :class:`~smile_core.matching.scoring.PairStore` (the same candidates, without the frame).

    Candidates are the allowed pairs, minus forbidden ones, plus locked ones (a lock is the
    coordinator's explicit decision and overrides the scoring rules; a pair both locked and
    forbidden is kept so the conflict can be explained). ``must_match`` adepts, and those the
    file marks "Måste matchas", must get a mentor. Raises :class:`PlanInputError` naming every
    unknown id at once. ``pool``: the programme's every pair (:class:`PairPool`, with the
    forbids), when ``scores`` holds only some candidates of it.
    """
    locks, forbids = set(locks), set(forbids)
    must_match = set(must_match) | must_match_ids(programme)
    _check_ids(programme, locks, forbids, must_match, previous)
    adept_ids = tuple(a.id for a in programme.adepts)
    mentor_ids = tuple(m.id for m in programme.mentors)
    workplace_ids = tuple(w.id for w in programme.workplaces)
    a_index = {a: i for i, a in enumerate(adept_ids)}
    w_index = {w: i for i, w in enumerate(workplace_ids)}

    n_m = len(mentor_ids)
    m_index = {m: i for i, m in enumerate(mentor_ids)}

    def wanted(keys: Iterable[tuple[str, str]]) -> np.ndarray:
        return np.array(
            [a_index[a] * n_m + m_index[m] for a, m in keys if a in a_index and m in m_index],
            dtype=np.int64,
        )

    if isinstance(scores, PairStore):
        key, store_adept, store_mentor, pair_score = _store_candidates(
            programme, scores, settings, wanted(locks)
        )
        if key is None and (forbids or previous):
            key = store_adept * n_m + store_mentor  # the keys to find them by
        row_key = key
    else:
        row_adept, row_mentor = _row_indices(scores, adept_ids, mentor_ids)
        row_key = row_adept * n_m + row_mentor
        pair_score = scores["score_centi"].to_numpy().astype(np.int64)

    def marked(keys: Iterable[tuple[str, str]]) -> np.ndarray:
        """Which rows are the pairs ``keys`` name (none named: no key of every row needed)."""
        want = wanted(keys)
        if len(want) == 0 or row_key is None:
            return np.zeros(len(pair_score), dtype=bool)
        return np.isin(row_key, want)

    locked, forbidden = marked(locks), marked(forbids)
    previous_rows = marked(previous.keys if previous else ())
    if isinstance(scores, PairStore):
        pair_adept, pair_mentor = store_adept, store_mentor
        # Only a forbid drops pairs (listing 41.7 million kept pairs otherwise: 0.9 s).
        keep_pairs = np.flatnonzero(~forbidden | locked) if forbidden.any() else None
        if keep_pairs is not None and len(keep_pairs) < len(pair_score):
            pair_adept, pair_mentor = pair_adept[keep_pairs], pair_mentor[keep_pairs]
            pair_score, locked, forbidden = (
                pair_score[keep_pairs],
                locked[keep_pairs],
                forbidden[keep_pairs],
            )
            previous_rows = previous_rows[keep_pairs]
        # No row to keep: the pair itself says where it is (adept * mentors + mentor), and
        # components come from pair_rows. One array of every pair less.
        pair_row = np.zeros(0, dtype=np.int64)
        locked_kept, forbidden_kept, previous_kept = locked, forbidden, previous_rows
    else:
        allowed = scores["allowed"].to_numpy().astype(bool)
        keep = np.flatnonzero((allowed & ~forbidden) | locked)
        pair_adept, pair_mentor = row_adept[keep], row_mentor[keep]
        pair_score, pair_row = pair_score[keep], keep
        locked_kept, forbidden_kept = locked[keep], forbidden[keep]
        previous_kept = previous_rows[keep]
    return MatchProblem(
        adept_ids=adept_ids,
        adept_gender=tuple(a.gender.value for a in programme.adepts),
        mentor_ids=mentor_ids,
        mentor_capacity=np.array([m.capacity for m in programme.mentors], dtype=np.int64),
        mentor_min_group=np.array([m.min_group_size for m in programme.mentors], dtype=np.int64),
        mentor_workplace=np.array(
            [w_index.get(m.workplace_id, -1) for m in programme.mentors], dtype=np.int64
        ),
        workplace_ids=workplace_ids,
        workplace_capacity=np.array([w.capacity for w in programme.workplaces], dtype=np.int64),
        pair_adept=pair_adept,
        pair_mentor=pair_mentor,
        pair_score=pair_score,
        pair_locked=locked_kept,
        pair_forbidden=forbidden_kept,
        pair_previous=previous_kept,
        pair_row=pair_row,
        must_match=frozenset(a_index[a] for a in must_match),
        settings=settings,
        pool=pool,
    )


def _store_candidates(
    programme: Programme, store: PairStore, settings: MatchSettings, locked: np.ndarray
) -> tuple[np.ndarray | None, np.ndarray, np.ndarray, np.ndarray]:
    """(key, adept index, mentor index, score) of the store's pairs plus the locked pairs it
    lacks (a lock overrides the scoring rules), in key order; key = adept index * mentors +
    mentor index, ``None`` without locks (an int64 array of every pair not needed then:
    1 s at 41.7 million pairs)."""
    n_a, n_m = len(programme.adepts), len(programme.mentors)
    if store.n_adepts != n_a or store.n_mentors != n_m:
        raise PlanInputError(
            "the pair scores do not hold every pair of this programme exactly once; "
            "score the programme again"
        )
    score = store.score_centi.astype(np.int64)
    if len(locked) == 0:
        return None, store.adept.astype(np.int64), store.mentor.astype(np.int64), score
    key = store.adept.astype(np.int64) * n_m + store.mentor
    # ``key`` is sorted: a binary search per lock (a set difference would hash every pair).
    locked = np.unique(locked)
    at = np.searchsorted(key, locked)
    found = (at < len(key)) & (key[np.minimum(at, len(key) - 1)] == locked) if len(key) else at < 0
    extra = locked[~found]
    if len(extra):
        rows = pair_rows(programme, settings, extra // n_m, extra % n_m)
        at = np.searchsorted(key, extra)
        key = np.insert(key, at, extra)
        score = np.insert(score, at, rows["score_centi"].to_numpy().astype(np.int64))
        return key, key // max(n_m, 1), key % max(n_m, 1), score
    # The store's own indices: no division of every key (0.6 s at 41.7 million pairs).
    return key, store.adept.astype(np.int64), store.mentor.astype(np.int64), score


def _row_indices(
    scores: pl.DataFrame, adept_ids: tuple[str, ...], mentor_ids: tuple[str, ...]
) -> tuple[np.ndarray, np.ndarray]:
    """Adept and mentor index of every row of a scores frame, whatever its row order.

    Each id column is cast to an enum of the programme's ids, whose codes are the indices: exact
    for every row and fast (a hash per row). Raises :class:`PlanInputError` unless the frame
    holds every pair of the programme exactly once — scores of another programme (say, from
    before someone left or joined) must be computed again, never silently reused.
    """
    n_a, n_m = len(adept_ids), len(mentor_ids)
    if n_a == 0 or n_m == 0 or scores.height == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty  # no pairs at all: nothing to index
    try:
        adepts = scores["adept_id"].cast(pl.Enum(adept_ids)).to_physical().to_numpy()
        mentors = scores["mentor_id"].cast(pl.Enum(mentor_ids)).to_physical().to_numpy()
    except pl.exceptions.PolarsError:
        raise PlanInputError(
            "the pair scores name adepts or mentors this programme does not have; "
            "score the programme again"
        ) from None
    adepts, mentors = adepts.astype(np.int64), mentors.astype(np.int64)
    if scores.height != n_a * n_m or np.bincount(adepts * n_m + mentors).max() > 1:
        raise PlanInputError(
            "the pair scores do not hold every pair of this programme exactly once; "
            "score the programme again"
        )
    return adepts, mentors


def _check_ids(
    programme: Programme,
    locks: set[tuple[str, str]],
    forbids: set[tuple[str, str]],
    must_match: set[str],
    previous: Plan | None,
) -> None:
    adepts, mentors = programme.adept_by_id, programme.mentor_by_id
    problems: list[str] = []
    for kind, pairs in (("lock", locks), ("forbid", forbids)):
        for a, m in sorted(pairs):
            if a not in adepts:
                problems.append(f"{kind} {a}–{m}: no adept {a!r}")
            if m not in mentors:
                problems.append(f"{kind} {a}–{m}: no mentor {m!r}")
    problems += [f"must-match: no adept {a!r}" for a in sorted(must_match) if a not in adepts]
    # A previous plan may name people who have since left: their pairs simply cannot be kept,
    # and the plan difference reports them as removed.
    if problems:
        raise PlanInputError("; ".join(problems))


def restrict(problem: MatchProblem, keep: np.ndarray) -> MatchProblem:
    """The same problem with only the candidate pairs ``keep`` (sorted pair indices): without
    its pool, since those pairs are then all there is."""
    return dataclasses.replace(
        problem,
        pool=None,
        pair_adept=problem.pair_adept[keep],
        pair_mentor=problem.pair_mentor[keep],
        pair_score=problem.pair_score[keep],
        pair_locked=problem.pair_locked[keep],
        pair_forbidden=problem.pair_forbidden[keep],
        pair_previous=problem.pair_previous[keep],
        pair_row=problem.pair_row[keep] if len(problem.pair_row) else problem.pair_row,
    )
