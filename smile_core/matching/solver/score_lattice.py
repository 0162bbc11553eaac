"""The coarse grid under the pairs' scores, and a proof of the score stage split along it.

Why: a score is ``100 * sum(weight * component) / sum(weights)`` rounded to whole centipoints.
The components are shares with small denominators (a Swedish level in sixths, goals in
thirds, location in halves), so the exact scores lie on a grid: with the default weights, of
5/6 of a point, 250/3 centipoints, which is no whole number of centipoints. Each stored score
is then the grid value plus a rounding rest of at most half a centipoint. Under a side row (the
gap target at fixed counts) the plans near the bound differ only in those rests: thousands of
plans within a few centipoints of each other. CP-SAT, HiGHS and SCIP each stop unproven after
a minute on such a 40-adept cohort (186,750 against a bound of 186,756).

Split each value exactly as ``scale * value = step * coarse + rest``. A plan's total is then
``(step * C + R) / scale`` with ``C`` the sum of the pairs' ``coarse`` and ``R`` of their
``rest``. Proving the best ``C`` is a search whose objective moves only in whole steps, and
within one value of ``C`` the best ``R`` is a small search too; only the few values of ``C``
whose plans could beat the best plan known need looking at (:func:`least_coarse`). Measured on that
40-adept cohort: best ``C`` proven in 0.1 s, best ``R`` at it in 0.2 s, so the plan (186,750)
is proven optimal. The split is an identity for any ``scale`` and ``step``: a grid that does
not fit only makes the rests large and the strata many, never the proof wrong.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

#: The largest denominator tried for the grid's step (in centipoints): 5/6 of a point is 250/3
#: centipoints, so 3 is needed; 12 covers other weights and shares.
MAX_SCALE = 12
#: The smallest step (in centipoints) worth the split: below it the rests are as large as the
#: values' differences and the strata many.
MIN_STEP = 20.0


@dataclass(frozen=True)
class ScoreLattice:
    """``scale * value == step * coarse + rest`` for every value, exactly (whole numbers)."""

    scale: int
    step: int
    coarse: np.ndarray  # int64, one per value
    rest: np.ndarray  # int64, one per value; |rest| <= scale / 2 when the grid fits


def split(values: np.ndarray, scale: int, step: int) -> ScoreLattice:
    """``values`` split on the grid ``step / scale``: ``coarse`` the nearest grid index, ``rest``
    what is left (an identity whatever the grid)."""
    scaled = values.astype(np.int64) * scale
    coarse = np.floor_divide(2 * scaled + step, 2 * step)  # round half up, exact in integers
    return ScoreLattice(scale, step, coarse, scaled - step * coarse)


def find_lattice(
    values: np.ndarray, max_scale: int = MAX_SCALE, min_step: float = MIN_STEP
) -> ScoreLattice | None:
    """The coarsest grid ``step / scale`` (``scale`` <= ``max_scale``, the grid at least
    ``min_step``) on which every value is a grid point rounded to a whole number
    (``|rest| <= scale / 2``); ``None`` when there is none.

    The smallest nonzero magnitude ``u`` is some ``k`` grid steps rounded, so the step lies in
    ``[(u - 1/2) / k, (u + 1/2) / k]``; the candidates are tried from ``k = 1`` up (coarsest
    first), each with the smallest ``scale`` that fits."""
    distinct = np.unique(np.abs(values.astype(np.int64)))
    distinct = distinct[distinct > 0]
    if len(distinct) == 0:
        return None
    smallest = int(distinct[0])
    for k in range(1, math.floor((smallest + 0.5) / min_step) + 1):
        for scale in range(1, max_scale + 1):
            low = math.ceil(scale * (smallest - 0.5) / k)
            high = math.floor(scale * (smallest + 0.5) / k)
            for step in range(max(low, 1), high + 1):
                if step < min_step * scale:
                    continue
                rest = split(distinct, scale, step).rest
                if int(np.abs(2 * rest).max()) <= scale:
                    return split(values, scale, step)
    return None


def least_coarse(lattice: ScoreLattice, rest_high: int, incumbent: int) -> int:
    """The least coarse sum ``C`` of a plan that could total more than ``incumbent``
    (centipoints) when no plan's rest sum exceeds ``rest_high``: the least ``C`` with
    ``step * C + rest_high > scale * incumbent``."""
    return (lattice.scale * incumbent - rest_high) // lattice.step + 1
