"""Group cascade (the Finnish model): groups seed new groups, generation after generation.

In the Finnish group-mentoring model a group meets at a workplace; afterwards each member
may gather a few colleagues at their own workplace and lead a new group there, passing on
what the first group learnt. SMILE records that as a new group whose ``seeded_by`` is the
group its leader came from (:func:`smile_core.workflows.groups.promote_to_lead_group`).

The contract:

- :func:`generations` numbers the groups: a group nobody seeded (or whose seed is not among
  the groups given) is generation 1, a group seeded by generation *n* is generation *n + 1*.
- :func:`lineage` is the coordinator's table (person-level: leader ids): one row per group
  with its generation, cohort, workplace, seeding group and how many groups it seeded.
- :func:`generation_counts` is the steering group's figure: groups and members per
  generation, each count published through :func:`smile_core.equality.suppression.suppress_counts`
  (a count of 1 to ``min_count - 1`` hidden, with complementary suppression against the
  total), so no hidden count can be worked out from the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import polars as pl

from smile_core.equality.suppression import DEFAULT_MIN_COUNT, check_min_count, suppress_counts


@dataclass(frozen=True, slots=True)
class CascadeGroup:
    """A stored group as the cascade sees it: id, cohort name, leader, workplace, seed, size."""

    id: int
    cohort: str
    leader_id: str
    workplace: str
    seeded_by: int | None
    members: int


def generations(groups: Iterable[CascadeGroup]) -> dict[int, int]:
    """Each group's generation (1 = nobody seeded it), by group id.

    A seed outside ``groups`` counts as none; a loop of seeds (the store cannot make one)
    would be broken at the group met first, which then counts as generation 1.
    """
    seed = {g.id: g.seeded_by for g in groups}
    known: dict[int, int] = {}
    for start in seed:
        chain: list[int] = []
        current: int | None = start
        while current is not None and current in seed and current not in known:
            if current in chain:
                break
            chain.append(current)
            current = seed[current]
        base = known.get(current, 0) if current is not None else 0
        for depth, group_id in enumerate(reversed(chain), start=1):
            known[group_id] = base + depth
    return known


#: The columns of :func:`lineage`, in order.
LINEAGE_SCHEMA: dict[str, pl.DataType] = {
    "group_id": pl.Int64(),
    "generation": pl.Int64(),
    "cohort": pl.String(),
    "leader_id": pl.String(),
    "workplace": pl.String(),
    "seeded_by": pl.Int64(),
    "members": pl.Int64(),
    "seeded": pl.Int64(),
}


def lineage(groups: Sequence[CascadeGroup]) -> pl.DataFrame:
    """Which group seeded which: one row per group, by generation then id (person-level)."""
    numbers = generations(groups)
    children: dict[int, int] = {}
    for g in groups:
        if g.seeded_by is not None and g.seeded_by in numbers:
            children[g.seeded_by] = children.get(g.seeded_by, 0) + 1
    rows = [
        {
            "group_id": g.id,
            "generation": numbers[g.id],
            "cohort": g.cohort,
            "leader_id": g.leader_id,
            "workplace": g.workplace,
            "seeded_by": g.seeded_by if g.seeded_by in numbers else None,
            "members": g.members,
            "seeded": children.get(g.id, 0),
        }
        for g in groups
    ]
    return pl.DataFrame(rows, schema=LINEAGE_SCHEMA).sort("generation", "group_id")


#: The columns of :func:`generation_counts`, in order (``generation`` null = all).
COUNTS_SCHEMA: dict[str, pl.DataType] = {
    "generation": pl.Int64(),
    "groups": pl.Int64(),
    "groups_suppressed": pl.Boolean(),
    "members": pl.Int64(),
    "members_suppressed": pl.Boolean(),
}


def generation_counts(
    groups: Sequence[CascadeGroup], *, min_count: int = DEFAULT_MIN_COUNT
) -> pl.DataFrame:
    """Groups and members per generation, suppressed, with a total row (generation null).

    Every group has one leader, so the group count is a count of people too: both columns
    go through the disclosure engine, each as one table with its total. A generation listed
    has at least one group, which the engine does not know; when that floor and the total
    would pin a hidden group count to fewer than three values, the total is hidden too. A
    hidden figure is null with its ``<column>_suppressed`` flag set.
    """
    check_min_count(min_count)
    if not groups:
        return pl.DataFrame(schema=COUNTS_SCHEMA)
    numbers = generations(groups)
    levels = sorted(set(numbers.values()))
    frame = pl.DataFrame(
        {
            "generation": [numbers[g.id] for g in groups],
            "members": [g.members for g in groups],
        },
        schema={"generation": pl.Int64, "members": pl.Int64},
    )
    group_counts = frame.group_by("generation").agg(n=pl.len().cast(pl.Int64))
    member_counts = frame.group_by("generation").agg(n=pl.col("members").sum().cast(pl.Int64))
    groups_table = _suppressed(group_counts, levels, min_count)
    if _narrowed_by_the_floor(groups_table):
        groups_table = _suppressed(group_counts, levels, min_count, hide_total=True)
    members_table = _suppressed(member_counts, levels, min_count)
    return (
        groups_table.rename({"n": "groups", "n_suppressed": "groups_suppressed"})
        .join(
            members_table.rename({"n": "members", "n_suppressed": "members_suppressed"}),
            on="generation",
            how="left",
            nulls_equal=True,
            maintain_order="left",
        )
        .select(list(COUNTS_SCHEMA))
    )


def _suppressed(
    counts: pl.DataFrame, levels: list[int], min_count: int, *, hide_total: bool = False
) -> pl.DataFrame:
    return suppress_counts(
        counts,
        "generation",
        count="n",
        min_count=min_count,
        levels={"generation": levels},
        totals=True,
        fixed={(None,): True} if hide_total else None,
    )


def _narrowed_by_the_floor(table: pl.DataFrame) -> bool:
    """Whether the published total pins a hidden group count to fewer than three values once
    one knows what the engine does not: every generation listed has at least one group.

    With the total shown, the hidden counts add up to ``S`` (total minus the shown ones);
    each is then between 1 and ``S - (h - 1)`` for ``h`` hidden counts: ``S - h + 1`` values.
    """
    rows = table.filter(pl.col("generation").is_not_null())
    total = table.filter(pl.col("generation").is_null())["n"][0]
    hidden = rows.filter(pl.col("n_suppressed")).height
    if total is None or hidden == 0:
        return False
    left = total - rows["n"].drop_nulls().sum()
    return left - hidden + 1 < 3
