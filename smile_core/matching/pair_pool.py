"""Every pair's score in one dense table: the engine's store for programmes too large to list
their allowed pairs (tens of thousands of adepts).

The :class:`~smile_core.matching.scoring.PairStore` keeps each allowed pair as three int32
arrays (12 bytes a pair). At 50,000 adepts and 35,000 mentors about a billion pairs are
allowed: 12 GB for the store, and about twice that once the solver's arrays index them. The
pool instead keeps one int16 cell per adept × mentor (the pair's ``score_centi``, or
:data:`NOT_ALLOWED`): 3.5 GB for the same programme, and no index arrays at all, since a cell's
place is its pair.

The solver then works on *candidate* pairs (each adept's best pairs, the locked and previous
ones, and whatever pricing brings in) and asks the pool about every other pair:

- :meth:`PairPool.price`: which pairs the flow's node potentials price below zero (column
  generation over every pair: a flow that no pair prices below zero is optimal over all of
  them, not only over the candidates);
- :meth:`PairPool.classes`: the adepts' classes of equal allowed-mentor sets, from which the
  leximin's max-flow questions are asked (they depend on which pairs are allowed, never on the
  candidates);
- :meth:`PairPool.allowed_row`: which mentors an adept may have (the unmatched adepts'
  reasons look at all of them).

A pair is named by its *key*, ``adept index * mentors + mentor index``. The coordinator's
forbids are held by the pool (:meth:`PairPool.with_forbids`) so that no answer offers one.
"""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass

import numpy as np
from numba import njit, prange

from smile_core.ingest.participants import Programme
from smile_core.matching.scoring import BLOCK_CODES, STORE_CHUNK_PAIRS, PairStore, score_blocks
from smile_core.matching.settings import MatchSettings

#: Held around every call of the compiled kernel (see :meth:`PairPool._top`).
_KERNEL_LOCK = threading.Lock()

#: The cell of a pair no hard rule allows.
NOT_ALLOWED = -1

#: Adepts whose allowed sets are packed at once (each block's temporaries: rows × mentors).
_ROWS = 256


@dataclass(frozen=True, eq=False)
class PairPool:
    """The dense pair table of one programme under one settings (see module docstring).

    ``scores[a, m]`` is the pair's ``score_centi`` (int16; scores are 0–10,000 centipoints)
    or :data:`NOT_ALLOWED`; ``blocked[a, k]`` counts the mentors rule ``BLOCK_CODES[k]`` rules
    out for adept ``a`` (as :attr:`PairStore.blocked`); ``forbidden`` holds the sorted keys of
    the coordinator's forbids, which no answer of the pool includes.
    """

    scores: np.ndarray
    blocked: np.ndarray
    forbidden: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0, np.int64))

    @property
    def n_adepts(self) -> int:
        """Number of adepts (rows)."""
        return self.scores.shape[0]

    @property
    def n_mentors(self) -> int:
        """Number of mentors (columns)."""
        return self.scores.shape[1]

    def allowed_pairs(self) -> int:
        """How many pairs the hard rules allow (the forbids not counted out)."""
        return sum(
            int(np.count_nonzero(self.scores[rows] != NOT_ALLOWED)) for rows in self._blocks()
        )

    def with_forbids(self, keys: np.ndarray) -> PairPool:
        """The same table (shared, not copied) with the pairs ``keys`` forbidden."""
        keys = merge_keys(self.forbidden, np.sort(np.asarray(keys, dtype=np.int64)))
        return dataclasses.replace(self, forbidden=keys)

    def blocks_only(self) -> PairStore:
        """The block counts as a pair store without pairs (what the result's reasons read)."""
        empty = np.zeros(0, dtype=np.int32)
        return PairStore(self.n_adepts, self.n_mentors, empty, empty, empty, self.blocked)

    def _allowed(self, rows: slice) -> np.ndarray:
        """Which pairs of the adepts ``rows`` are allowed and not forbidden (a bool block)."""
        allowed = self.scores[rows] != NOT_ALLOWED
        if len(self.forbidden):
            n_m = self.n_mentors
            lo, hi = rows.start * n_m, rows.stop * n_m
            inside = self.forbidden[
                np.searchsorted(self.forbidden, lo) : np.searchsorted(self.forbidden, hi)
            ]
            allowed[(inside - lo) // n_m, (inside - lo) % n_m] = False
        return allowed

    def _blocks(self) -> list[slice]:
        return [slice(lo, min(lo + _ROWS, self.n_adepts)) for lo in range(0, self.n_adepts, _ROWS)]

    def store(self, keys: np.ndarray) -> PairStore:
        """The pairs ``keys`` (allowed, not forbidden, sorted, unique) as a
        :class:`PairStore` with every adept's block counts: the candidates the solver holds."""
        keys = np.asarray(keys, dtype=np.int64)
        adepts, mentors = keys // self.n_mentors, keys % self.n_mentors
        return PairStore(
            n_adepts=self.n_adepts,
            n_mentors=self.n_mentors,
            adept=adepts.astype(np.int32),
            mentor=mentors.astype(np.int32),
            score_centi=self.scores[adepts, mentors].astype(np.int32),
            blocked=self.blocked,
        )

    def best_keys(self, per_adept: int) -> np.ndarray:
        """Each adept's ``per_adept`` highest-scoring allowed, not forbidden pairs (all of them
        when fewer; ties to the earlier mentor), as sorted keys."""
        zeros_a = np.zeros(self.n_adepts, dtype=np.int64)
        zeros_m = np.zeros(self.n_mentors, dtype=np.int64)
        every = np.ones(self.n_adepts, dtype=bool)
        return self._top(zeros_a, zeros_m, every, per_adept, negative_only=False)

    def allowed_row(self, adept: int) -> np.ndarray:
        """Which mentors the adept (index) may have: allowed and not forbidden (a bool row)."""
        return self._allowed(slice(adept, adept + 1))[0]

    def price(
        self,
        adept_potential: np.ndarray,
        mentor_potential: np.ndarray,
        adepts: np.ndarray,
        per_adept: int,
        exclude: np.ndarray | None = None,
    ) -> np.ndarray:
        """The pairs a flow should take in: of the allowed, not forbidden pairs of the adepts
        marked in ``adepts`` (a mask), other than the keys ``exclude`` (the flow's own), those
        with a negative reduced cost (the adept's potential minus the mentor's minus the
        pair's score, the flow's arc cost being minus the score), each adept's ``per_adept``
        most negative (ties to the earlier mentor); sorted keys. None found means the
        potentials are dual-feasible for every such pair."""
        return self._top(
            np.asarray(adept_potential, dtype=np.int64),
            np.asarray(mentor_potential, dtype=np.int64),
            np.asarray(adepts, dtype=bool),
            per_adept,
            negative_only=True,
            exclude=exclude,
        )

    def _top(
        self,
        adept_potential: np.ndarray,
        mentor_potential: np.ndarray,
        adepts: np.ndarray,
        per_adept: int,
        *,
        negative_only: bool,
        exclude: np.ndarray | None = None,
    ) -> np.ndarray:
        """Each marked adept's ``per_adept`` pairs of least reduced cost (see :meth:`price`),
        only negative ones when ``negative_only``: one compiled pass over the table (numpy's
        temporaries of every cell took a minute per pass at 50,000 adepts)."""
        k = max(0, min(per_adept, self.n_mentors))
        mentor = np.full((self.n_adepts, k), -1, dtype=np.int64)
        worth = np.zeros((self.n_adepts, k), dtype=np.int64)
        skip = self.forbidden
        if exclude is not None and len(exclude):
            skip = merge_keys(skip, np.asarray(exclude, dtype=np.int64))
        if k:
            # One compiled parallel loop at a time: numba's default threading layer may not be
            # entered from two threads at once (two coordinators solving on one server).
            with _KERNEL_LOCK:
                _top_rows(
                    self.scores,
                    adept_potential,
                    mentor_potential,
                    adepts,
                    skip,
                    negative_only,
                    mentor,
                    worth,
                )
        row = np.broadcast_to(np.arange(self.n_adepts)[:, None], mentor.shape)
        found = mentor >= 0
        return np.sort(row[found].astype(np.int64) * self.n_mentors + mentor[found])

    def classes(
        self, adept_group: np.ndarray, members: np.ndarray, max_cells: int
    ) -> tuple[int, np.ndarray, np.ndarray, np.ndarray] | None:
        """The adepts marked in ``members`` in classes of one group (``adept_group``) and one
        set of allowed, not forbidden mentors: (number of classes, class sizes, class groups,
        class × mentor adjacency) — what :func:`~smile_core.matching.solver.leximin._classes`
        finds from a list of pairs. Exact: each set is compared as its bytes. ``None`` when the
        class × mentor adjacency would have more than ``max_cells`` cells."""
        class_of: dict[bytes, int] = {}
        first: list[int] = []
        adept_class = np.full(self.n_adepts, -1, dtype=np.int64)

        for rows in self._blocks():
            packed = np.packbits(self._allowed(rows), axis=1)
            for i in np.flatnonzero(members[rows]).tolist():
                a = rows.start + i
                key = int(adept_group[a]).to_bytes(8, "little", signed=True) + packed[i].tobytes()
                c = class_of.setdefault(key, len(first))
                if c == len(first):
                    first.append(a)
                adept_class[a] = c
        n_c = len(first)
        if n_c * self.n_mentors > max_cells:
            return None
        adjacency = np.zeros((n_c, self.n_mentors), dtype=bool)
        for c, a in enumerate(first):
            adjacency[c] = self.allowed_row(a)
        ids = np.flatnonzero(members)
        size = np.bincount(adept_class[ids], minlength=n_c).astype(np.int64)
        group = np.zeros(n_c, dtype=np.int64)
        group[adept_class[ids]] = adept_group[ids]
        return n_c, size, group, adjacency


def merge_keys(*sorted_keys: np.ndarray) -> np.ndarray:
    """The sorted union of sorted key arrays, by one sort and a comparison with the neighbour
    (numpy's hashing ``union1d`` took seconds on the candidates of 10,000 adepts)."""
    keys = np.concatenate([np.zeros(0, np.int64), *sorted_keys])
    keys.sort(kind="stable")
    return keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys


def missing_keys(keys: np.ndarray, known: np.ndarray) -> np.ndarray:
    """The sorted unique ``keys`` not in the sorted ``known`` (binary search, no hashing)."""
    keys = merge_keys(np.sort(keys))
    if len(known) == 0:
        return keys
    at = np.minimum(np.searchsorted(known, keys), len(known) - 1)
    return keys[known[at] != keys]


def score_pool(
    programme: Programme, settings: MatchSettings, *, chunk_pairs: int = STORE_CHUNK_PAIRS
) -> PairPool:
    """Score every pair of ``programme`` into a :class:`PairPool` (the same scores and blocks
    as :func:`~smile_core.matching.scoring.score_store`, one int16 cell per pair), about
    ``chunk_pairs`` pairs at a time."""
    n_a, n_m = len(programme.adepts), len(programme.mentors)
    scores = np.full((n_a, n_m), NOT_ALLOWED, dtype=np.int16)
    blocked = np.zeros((n_a, len(BLOCK_CODES)), dtype=np.int32)
    for start, score_centi, code in score_blocks(programme, settings, chunk_pairs=chunk_pairs):
        stop = start + len(score_centi)
        scores[start:stop] = np.where(code < 0, score_centi, NOT_ALLOWED)
        for k in range(len(BLOCK_CODES)):
            blocked[start:stop, k] = (code == k).sum(axis=1)
    return PairPool(scores=scores, blocked=blocked)


@njit(parallel=True, cache=True)
def _top_rows(
    scores: np.ndarray,
    adept_potential: np.ndarray,
    mentor_potential: np.ndarray,
    adepts: np.ndarray,
    forbidden: np.ndarray,
    negative_only: bool,
    out_mentor: np.ndarray,
    out_worth: np.ndarray,
) -> None:  # pragma: no cover - compiled; its behaviour is tested through PairPool
    """For each marked adept (rows in parallel), its ``out_mentor.shape[1]`` allowed pairs
    not in ``forbidden`` (sorted keys) of least reduced cost ``adept_potential -
    mentor_potential - score``, least first, ties to the earlier mentor; only negative ones
    when ``negative_only``. Unfilled slots stay -1."""
    n_a, n_m = scores.shape
    k = out_mentor.shape[1]
    for a in prange(n_a):
        if not adepts[a]:
            continue
        count = 0
        own = adept_potential[a]
        for m in range(n_m):
            score = scores[a, m]
            if score < 0:
                continue
            reduced = own - mentor_potential[m] - score
            if negative_only and reduced >= 0:
                continue
            if count == k and reduced >= out_worth[a, k - 1]:
                continue
            if forbidden.size:
                key = a * n_m + m
                at = np.searchsorted(forbidden, key)
                if at < forbidden.size and forbidden[at] == key:
                    continue
            j = count if count < k else k - 1
            if count < k:
                count += 1
            while j > 0 and out_worth[a, j - 1] > reduced:
                out_worth[a, j] = out_worth[a, j - 1]
                out_mentor[a, j] = out_mentor[a, j - 1]
                j -= 1
            out_worth[a, j] = reduced
            out_mentor[a, j] = m
