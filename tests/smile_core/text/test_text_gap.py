"""A plan's gap in words: never "0,00 %" beside "not proven" when the gap is not 0."""

import math

import pytest

from smile_core.text import MISSING, gap_percent


@pytest.mark.parametrize(
    ("gap", "sv", "en"),
    [
        (0.0, "0,00\u00a0%", "0.00%"),
        (0.0017867, "0,18\u00a0%", "0.18%"),
        (1.7e-5, "0,0017\u00a0%", "0.0017%"),
        (4.9e-7, "0,000049\u00a0%", "0.000049%"),
        (5e-9, "< 0,000001\u00a0%", "< 0.000001%"),
    ],
)
def test_a_gap_shows_the_digits_it_needs(gap, sv, en):
    """Two decimals, or the first two significant digits of a gap under 0.005 %."""
    assert (gap_percent(gap, "sv"), gap_percent(gap, "en")) == (sv, en)


def test_no_known_gap_is_the_missing_mark():
    """A result without a plan has an infinite gap: it reads as the dash, not "inf %"."""
    assert gap_percent(math.inf, "sv") == MISSING
