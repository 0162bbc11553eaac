"""Named instances from tests/data/instances, read once per session."""

import pytest
from instances import Instance, load_instance


@pytest.fixture(scope="session")
def tiny() -> Instance:
    """tiny: 3 mentors, 6 adepts, 2 workplaces; W1 (capacity 2) caps its two mentors, M03 has
    one seat, and A06 shares no language with any mentor."""
    return load_instance("tiny")


@pytest.fixture(scope="session")
def locks_over_capacity() -> Instance:
    """7 adepts, 2 mentors; A01 and A07 both locked to M02, whose capacity is 1."""
    return load_instance("locks_over_capacity")


@pytest.fixture(scope="session")
def must_match_over_capacity() -> Instance:
    """3 must-match adepts (and one free adept) for 2 mentors of capacity 1."""
    return load_instance("must_match_over_capacity")


@pytest.fixture(scope="session")
def lock_and_forbid() -> Instance:
    """2 adepts, 2 mentors with room; A01–M01 is both locked and forbidden."""
    return load_instance("lock_and_forbid")


@pytest.fixture(scope="session")
def mix_without_women() -> Instance:
    """Workplace mix of 25% women, only men apply, two of them locked to W1's one mentor."""
    return load_instance("mix_without_women")


@pytest.fixture(scope="session")
def mix_leaves_men_out() -> Instance:
    """1 woman and 3 men for one mentor with 3 seats at a workplace needing 50% women."""
    return load_instance("mix_leaves_men_out")


@pytest.fixture(scope="session")
def displaced_by_lock() -> Instance:
    """2 adepts for one capacity-1 mentor; the weaker one is locked to her."""
    return load_instance("displaced_by_lock")


@pytest.fixture(scope="session")
def parity() -> Instance:
    """10 adepts (5 women, 5 men) for 4 seats; the men fit the mentors better."""
    return load_instance("parity")


@pytest.fixture(scope="session")
def maximin_tiny() -> Instance:
    """MAXIMIN regression: 3 women, 2 men, 4 capacity-1 mentors; once lost to pruning."""
    return load_instance("maximin_tiny")
