"""Pricing a pair pool from inside the flows: a flow over candidate pairs is optimal over every
pair only when no pair outside them is priced below zero by its node potentials.

A flow of a problem with a :class:`~smile_core.matching.pair_pool.PairPool` holds a
:class:`PoolArcs`: once its own pricing over the candidates has converged, the pool is priced
too, and the pairs it prices below zero join the flow's network as extra arcs, until none is
left — the flow is then optimal over every pair. When its optimum uses an extra arc (a pair
the problem does not hold), :class:`MorePairs` carries the extra pairs up to the solve, which
takes them in as candidates and solves again (then they are candidates, and the flow's first
pricing of the pool finds nothing). A flow or stage whose optimum the pool cannot prove
(other gains than the pairs' values, a CP-SAT search over the candidates) raises
:class:`PoolUnsuitable`; the solve then scores every allowed pair into the compact store and
solves as for any programme.
"""

from __future__ import annotations

import os

import numpy as np

from smile_core.matching.pair_pool import PairPool, merge_keys
from smile_core.matching.solver.problem import MatchProblem
from smile_core.text import Message

#: Pairs each adept brings in per pricing of the pool (as the flows' own pricing rounds).
POOL_PAIRS_PER_ADEPT = 16


class MorePairs(Exception):
    """The pool holds pairs (``keys``) that could improve a flow over the candidates."""

    def __init__(self, keys: np.ndarray) -> None:
        super().__init__(f"{len(keys)} pairs priced below zero")
        self.keys = keys


class PoolUnsuitable(Exception):
    """A stage of the solve cannot be proven over the pool's every pair."""


#: What the listed path holds per allowed pair at its peak (the store, the problem's arrays,
#: the flows): measured 50 bytes (2.1 GB at 42 million pairs, 8.4 GB at 167 million).
LISTED_BYTES_PER_PAIR = 50


class ScaleRefused(ValueError):
    """The rules need every allowed pair listed, and the listed pairs would not fit in this
    machine's memory: the solve stops with this (``message``: sizes and the way on) instead
    of being stopped by the kernel."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.render("en"))
        self.message = message


def available_bytes() -> int:
    """The memory the machine can give now: ``MemAvailable`` of ``/proc/meminfo`` (Linux),
    else its physical memory."""
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            for line in info:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def require_listed_fits(pool: PairPool) -> None:
    """Nothing when the listed path's memory for the pool's allowed pairs fits in what the
    machine has available; else raise :class:`ScaleRefused` with the sizes."""
    pairs = pool.allowed_pairs()
    need, have = pairs * LISTED_BYTES_PER_PAIR, available_bytes()
    if need <= have:
        return
    raise ScaleRefused(
        Message.of(
            "solve.too_large_for_rules",
            adepts=pool.n_adepts,
            pairs=pairs / 1e6,
            need=need / 1e9,
            have=have / 1e9,
        )
    )


class PoolArcs:
    """The pool pairs a flow holds beyond its problem's candidates (see module docstring):
    their keys and, for the network, their adepts, mentors and gains (their scores)."""

    def __init__(self, problem: MatchProblem) -> None:
        self.problem = problem
        self.keys = np.zeros(0, np.int64)
        self.adept = self.mentor = self.gain = np.zeros(0, np.int64)

    def price(
        self,
        adept_potential: np.ndarray,
        mentor_potential: np.ndarray,
        free_adept: np.ndarray,
        gain: np.ndarray,
    ) -> bool:
        """Take in each ``free_adept``'s (mask) pool pairs of most negative reduced cost under
        the potentials, other than the candidates and the pairs already held; True when some
        joined. Only the pairs' own values price the pool: any other ``gain`` (of the
        candidates) raises :class:`PoolUnsuitable`."""
        problem, pool = self.problem, self.problem.pool
        assert pool is not None
        if gain is not problem.pair_value and not np.array_equal(gain, problem.pair_value):
            raise PoolUnsuitable("a flow over other gains than the pairs' values")
        keys = pool.price(
            adept_potential,
            mentor_potential,
            free_adept,
            POOL_PAIRS_PER_ADEPT,
            exclude=merge_keys(problem.pair_keys, self.keys),
        )
        if len(keys) == 0:
            return False
        self.keys = merge_keys(self.keys, keys)
        self.adept, self.mentor = self.keys // pool.n_mentors, self.keys % pool.n_mentors
        self.gain = pool.scores[self.adept, self.mentor].astype(np.int64)
        return True

    def require_unused(self, used: np.ndarray) -> None:
        """Raise :class:`MorePairs` with the held pairs when the optimum uses one (``used``:
        per held pair, whether it carries flow)."""
        if used.any():
            raise MorePairs(self.keys)
