"""Group cascade (the Finnish model): generations, lineage and suppressed counts."""

from hypothesis import given, settings
from hypothesis import strategies as st

from smile_core.equality.suppression import LinkedCells, feasible_ranges, range_values
from smile_core.matching.group_cascade import (
    CascadeGroup,
    generation_counts,
    generations,
    lineage,
)


def _group(group_id: int, seeded_by: int | None = None, members: int = 3) -> CascadeGroup:
    return CascadeGroup(group_id, "2014", f"L{group_id}", f"W{group_id}", seeded_by, members)


def test_a_seeded_group_is_one_generation_after_its_seed():
    """Roots are generation 1; a group seeded by generation n is n + 1, in any order."""
    groups = [_group(5, 3), _group(1), _group(3, 1), _group(2), _group(4, 1)]
    assert generations(groups) == {1: 1, 2: 1, 3: 2, 4: 2, 5: 3}


def test_a_seed_outside_the_groups_counts_as_none():
    """A group whose seed is not among the groups given (e.g. erased) starts generation 1."""
    assert generations([_group(7, 99), _group(8, 7)]) == {7: 1, 8: 2}
    table = lineage([_group(7, 99), _group(8, 7)])
    assert table["seeded_by"].to_list() == [None, 7]


def test_lineage_says_which_group_seeded_which():
    """One row per group by generation, with its seed and how many groups it started."""
    table = lineage([_group(3, 1), _group(1), _group(4, 1), _group(2)])
    assert table["group_id"].to_list() == [1, 2, 3, 4]
    assert table["generation"].to_list() == [1, 1, 2, 2]
    assert table["seeded"].to_list() == [2, 0, 0, 0]


def test_small_generation_counts_are_hidden_with_a_complement():
    """Two small group counts are hidden; the total stays, and each hidden count stays open."""
    groups = [_group(1, members=4), _group(2, members=4)]
    groups += [_group(10 + i, 1 + i % 2, members=3) for i in range(5)]
    groups += [_group(20, 10), _group(21, 12)]
    counts = generation_counts(groups)
    assert counts["generation"].to_list() == [1, 2, 3, None]
    assert counts["groups"].to_list() == [None, 5, None, 9]
    assert counts["members"].to_list() == [8, 15, 6, 29]


def test_no_groups_give_an_empty_table():
    """Without groups there is nothing to count."""
    assert generation_counts([]).is_empty()


@st.composite
def _forests(draw):
    n = draw(st.integers(1, 25))
    groups = []
    for i in range(n):
        seed = draw(st.one_of(st.none(), st.integers(0, i - 1))) if i else None
        groups.append(_group(i, seed, draw(st.integers(0, 6))))
    return groups


@settings(max_examples=150, deadline=None)
@given(_forests())
def test_every_hidden_generation_count_stays_open(groups):
    """Published counts are true; no count below 5 is shown; an attacker with every
    published count (and the total) cannot narrow a hidden one to fewer than three values."""
    numbers = generations(groups)
    assert all(
        numbers[g.id] == (1 if g.seeded_by is None else numbers[g.seeded_by] + 1) for g in groups
    )
    counts = generation_counts(groups)
    levels = sorted(set(numbers.values()))
    for column, value in (("groups", lambda g: 1), ("members", lambda g: g.members)):
        atoms = tuple(sum(value(g) for g in groups if numbers[g.id] == n) for n in levels)
        cells = {n: (i,) for i, n in enumerate(levels)} | {None: tuple(range(len(levels)))}
        published = {
            row["generation"]: row[column]
            for row in counts.iter_rows(named=True)
            if not row[f"{column}_suppressed"]
        }
        linked = LinkedCells(atoms, cells)
        for key, shown in published.items():
            assert shown == linked.value(key)
            assert shown == 0 or shown >= 5
        # Every generation listed has at least one group: the attacker knows that too, so
        # the group counts are judged as (count - 1) >= 0 per generation.
        floor = 1 if column == "groups" else 0
        shifted = LinkedCells(tuple(a - floor for a in atoms), cells)
        known = {k: v - floor * len(cells[k]) for k, v in published.items()}
        hidden = [k for k in cells if k not in published]
        for low, high in feasible_ranges(shifted, known, hidden).values():
            assert range_values(low, high) >= 3
