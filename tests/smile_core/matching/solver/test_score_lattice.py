"""The scores' grid: the split is an identity, the coarsest fitting grid is found, and the
strata a proof must look at are exactly those whose plans could beat the best known."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from smile_core.demo.synthetic import binding_programme
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver.problem import build_problem
from smile_core.matching.solver.score_lattice import (
    ScoreLattice,
    find_lattice,
    least_coarse,
    split,
)

values = st.lists(st.integers(-20_000, 20_000), min_size=1, max_size=50)


@given(values, st.integers(1, 12), st.integers(1, 5_000))
def test_the_split_is_an_identity_with_the_nearest_grid_point(xs, scale, step):
    """scale * v == step * coarse + rest for every value, and the rest is at most half a step."""
    array = np.array(xs, dtype=np.int64)
    lattice = split(array, scale, step)
    assert (scale * array == step * lattice.coarse + lattice.rest).all()
    assert (2 * np.abs(lattice.rest) <= step).all()


@given(
    st.integers(1, 12),
    st.integers(20, 2_000),
    st.lists(st.integers(0, 120), min_size=1, max_size=40),
)
def test_values_rounded_from_a_grid_are_found_on_a_grid_at_least_that_coarse(scale, per, ks):
    """Values round(k * step / scale): a grid is found, every value fits it within half a
    centipoint, and it is no finer than the grid they came from (to the rounding)."""
    step = per * scale  # a grid of at least 20 centipoints
    step += 1 if scale > 1 else 0  # not a whole number of centipoints when scale > 1
    values = np.array([(2 * k * step + scale) // (2 * scale) for k in ks], dtype=np.int64)
    if not values.any():
        assert find_lattice(values) is None
        return
    found = find_lattice(values)
    assert found is not None
    assert (2 * np.abs(found.rest) <= found.scale).all()
    assert (found.scale * values == found.step * found.coarse + found.rest).all()
    smallest = int(values[values > 0].min())
    k_smallest = min(k for k, v in zip(ks, values, strict=True) if v == smallest)
    assert found.step / found.scale >= (smallest - 0.5) / k_smallest


def test_the_binding_cohorts_scores_lie_on_a_grid_of_five_sixths_of_a_point():
    """Default weights: 5/6 of a point, 250/3 centipoints, every rest within 1/3."""
    programme = binding_programme(40, 1)
    settings = MatchSettings(gender_preference_hard=False)
    problem = build_problem(programme, score_pairs(programme, settings), settings)
    lattice = find_lattice(problem.pair_value)
    assert lattice is not None
    assert (lattice.scale, lattice.step) == (3, 250)
    assert set(np.unique(lattice.rest).tolist()) <= {-1, 0, 1}


def test_values_with_no_coarse_grid_have_none():
    """Consecutive whole centipoints from 20 up fit no grid of 20 centipoints or more."""
    assert find_lattice(np.arange(20, 60)) is None
    assert find_lattice(np.zeros(5, dtype=np.int64)) is None


def test_the_least_coarse_sum_is_the_lowest_that_could_beat_the_incumbent():
    """step * C + rest_high > scale * incumbent: the least such C."""
    lattice = ScoreLattice(3, 250, np.zeros(0, np.int64), np.zeros(0, np.int64))
    # Incumbent 186,750: 3 * 186,750 = 560,250 = 250 * 2241; rests add at most 29.
    assert least_coarse(lattice, 29, 186_750) == 2241
    # A rest budget of more than a whole step reaches one coarse sum lower; a whole step
    # only ties the incumbent there.
    assert least_coarse(lattice, 251, 186_750) == 2240
    assert least_coarse(lattice, 250, 186_750) == 2241
    assert least_coarse(lattice, 0, 186_751) == 2242
