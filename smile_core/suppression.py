"""Small-cell suppression: no figure for the steering group lets anyone single out a person.

The rules (after SCB's röjandekontroll and common practice in Nordic official statistics):

1. **Primary suppression.** Every count below ``min_count`` (default 5, never below 3) is
   hidden, zero included: "0 of the 3 non-binary adepts got a mentor" says something about
   each of them. Totals are counts too and follow the same rule.
2. **Secondary (complementary) suppression.** A hidden cell must not be recoverable from the
   published ones. The table is treated as a cube over the ``by`` columns with a total along
   every one of them; each *line* of that cube (the cells that differ only in one column,
   together with their total) adds up. A line with exactly one hidden cell gives it away by
   subtraction, so a second cell in that line is hidden too: the smallest published one,
   preferring ordinary cells to the total. This repeats until no line has exactly one hidden
   cell. Lines can also be combined (the difference of two rows' sums minus some columns' sums
   can pin a cell down), so the hidden cells are then checked exactly, with rational
   arithmetic, against *all* the lines' equations together, and more cells are hidden until
   no hidden cell is determined by them.
3. **Statistics** (shares, means) are hidden when their denominator is below ``min_count`` or
   hidden, or when their numerator is hidden (a share and its denominator give the numerator).

Every line total counts as public, whether the caller shows totals or not: the steering group
may well know how many adepts a cohort has. Hidden cells carry no hint of why they are hidden:
show every one with the same mark ("–"), because marking the small ones "<5" and the
complementary ones differently would narrow them down again.

Exact protection is guaranteed; interval protection (how narrowly the sums bound a hidden
cell) is not: a hidden cell may still be known to lie in a small range.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

import polars as pl

#: The default threshold: no figure about fewer than 5 people is shown.
DEFAULT_MIN_COUNT = 5
#: No setting may go below this threshold.
LOWEST_MIN_COUNT = 3

# A cell of the cube: one index per ``by`` column; index == number of levels means "total".
_Cell = tuple[int, ...]


def suppressed_column(column: str) -> str:
    """The name of the Boolean column that flags hidden values of ``column``."""
    return f"{column}_suppressed"


def check_min_count(min_count: int) -> int:
    """Return ``min_count`` if it is a whole number of at least :data:`LOWEST_MIN_COUNT`.

    Raises ``ValueError`` otherwise: a threshold of 1 or 2 protects nobody.
    """
    if isinstance(min_count, bool) or not isinstance(min_count, int):
        raise ValueError(f"min_count must be a whole number, not {min_count!r}")
    if min_count < LOWEST_MIN_COUNT:
        raise ValueError(
            f"min_count {min_count} is below {LOWEST_MIN_COUNT}: small groups would show"
        )
    return min_count


def suppress_counts(
    table: pl.DataFrame,
    by: str | Sequence[str],
    *,
    count: str = "n",
    min_count: int = DEFAULT_MIN_COUNT,
    levels: Mapping[str, Sequence[object]] | None = None,
    totals: bool = False,
) -> pl.DataFrame:
    """Counts by group with every small or recoverable count hidden (rules in the module doc).

    Parameters
    ----------
    table
        One row per group: the ``by`` columns (no nulls, each combination once) and a
        non-negative integer ``count`` column. No other columns.
    by
        The grouping columns, e.g. ``["gender", "matched"]``.
    count
        The name of the count column.
    min_count
        The threshold; see :func:`check_min_count`.
    levels
        For any ``by`` column, the full list of its values in display order. Combinations
        missing from ``table`` count as 0 (and are hidden, being below ``min_count``).
        Without it, a column's levels are the values present, in order of appearance.
    totals
        Also return the totals: rows whose ``by`` value is null stand for "all values of
        that column" (the grand total has nulls in every ``by`` column).

    Returns
    -------
    pl.DataFrame
        The ``by`` columns, ``count`` as ``Int64`` with null where hidden, and a Boolean
        ``suppressed_column(count)`` that is true exactly where ``count`` is hidden. One row
        per combination of levels (all of them, missing ones included), totals last.
    """
    check_min_count(min_count)
    by_columns = [by] if isinstance(by, str) else list(by)
    _check_table(table, by_columns, count)
    level_lists = _levels(table, by_columns, levels)
    sizes = tuple(len(values) for values in level_lists)
    inner = _inner_counts(table, by_columns, count, level_lists)

    cube = _with_totals(inner, sizes)
    hidden = {cell for cell, value in cube.items() if value < min_count}
    lines = _lines(sizes)
    _complete(hidden, cube, lines)

    cells = [
        cell
        for cell in itertools.product(*(range(size + 1) for size in sizes))
        if totals or all(i < size for i, size in zip(cell, sizes, strict=True))
    ]
    columns: dict[str, pl.Series] = {}
    for axis, name in enumerate(by_columns):
        values = [
            level_lists[axis][cell[axis]] if cell[axis] < sizes[axis] else None for cell in cells
        ]
        # An empty table's columns may have no type yet; then the levels' values decide it.
        dtype = None if table.schema[name] == pl.Null else table.schema[name]
        columns[name] = pl.Series(name, values, dtype=dtype)
    columns[count] = pl.Series(
        count, [None if cell in hidden else cube[cell] for cell in cells], dtype=pl.Int64
    )
    flag = suppressed_column(count)
    columns[flag] = pl.Series(flag, [cell in hidden for cell in cells], dtype=pl.Boolean)
    return pl.DataFrame(columns)


def suppress_statistic(
    table: pl.DataFrame,
    value: str,
    *,
    denominator: str,
    numerator: str | None = None,
    min_count: int = DEFAULT_MIN_COUNT,
) -> pl.DataFrame:
    """Hide ``value`` (a share or a mean) wherever it would describe too few people.

    ``value`` is hidden in a row when ``denominator`` (the number of people it is about) is
    below ``min_count`` or null (hidden), or when ``numerator`` is given and null there: a
    share together with its published denominator would reveal a hidden numerator. Pass the
    counts as :func:`suppress_counts` returned them, so their nulls mean "hidden".

    Returns ``table`` with ``value`` null where hidden and a Boolean column
    ``suppressed_column(value)`` that is true exactly there (a ``value`` that was null to
    begin with is not flagged).
    """
    check_min_count(min_count)
    missing = [c for c in (value, denominator, numerator) if c and c not in table.columns]
    if missing:
        raise ValueError(f"table has no column(s) {missing}")
    hide = pl.col(denominator).is_null() | (pl.col(denominator) < min_count)
    if numerator is not None:
        hide = hide | pl.col(numerator).is_null()
    hide = hide & pl.col(value).is_not_null()
    flag = suppressed_column(value)
    return table.with_columns(hide.alias(flag)).with_columns(
        pl.when(pl.col(flag)).then(None).otherwise(pl.col(value)).alias(value)
    )


def _check_table(table: pl.DataFrame, by: list[str], count: str) -> None:
    if not by:
        raise ValueError("suppress_counts needs at least one 'by' column")
    if len(set(by)) != len(by) or count in by:
        raise ValueError(f"'by' columns {by} and count column {count!r} must all differ")
    missing = [c for c in [*by, count] if c not in table.columns]
    if missing:
        raise ValueError(f"table has no column(s) {missing}")
    extra = [c for c in table.columns if c not in by and c != count]
    if extra:
        raise ValueError(f"table has columns other than 'by' and {count!r}: {extra}")
    if not table.schema[count].is_integer():
        raise ValueError(f"count column {count!r} is {table.schema[count]}, not whole numbers")
    for name in [*by, count]:
        if table[name].null_count():
            raise ValueError(f"column {name!r} has missing values; name them first")
    if table.height and table[count].min() < 0:
        raise ValueError(f"count column {count!r} has negative counts")
    if table.select(by).is_duplicated().any():
        raise ValueError(f"table has more than one row for the same {by}")


def _levels(
    table: pl.DataFrame, by: list[str], levels: Mapping[str, Sequence[object]] | None
) -> list[list[object]]:
    unknown = sorted(set(levels or {}) - set(by))
    if unknown:
        raise ValueError(f"levels given for columns not in 'by': {unknown}")
    result = []
    for name in by:
        present = table[name].unique(maintain_order=True).to_list()
        if levels is None or name not in levels:
            result.append(present)
            continue
        wanted = list(levels[name])
        if len(set(wanted)) != len(wanted):
            raise ValueError(f"levels for {name!r} repeat a value")
        stray = [v for v in present if v not in wanted]
        if stray:
            raise ValueError(f"column {name!r} has values not in its levels: {stray}")
        result.append(wanted)
    return result


def _inner_counts(
    table: pl.DataFrame, by: list[str], count: str, level_lists: list[list[object]]
) -> dict[_Cell, int]:
    index = [{value: i for i, value in enumerate(values)} for values in level_lists]
    inner = dict.fromkeys(itertools.product(*(range(len(v)) for v in level_lists)), 0)
    for row in table.select([*by, count]).iter_rows():
        inner[tuple(index[axis][row[axis]] for axis in range(len(by)))] = row[-1]
    return inner


def _with_totals(inner: Mapping[_Cell, int], sizes: tuple[int, ...]) -> dict[_Cell, int]:
    """Every cell of the cube with totals: each inner count adds to all the totals above it."""
    cube = dict.fromkeys(itertools.product(*(range(size + 1) for size in sizes)), 0)
    for cell, value in inner.items():
        for summed in itertools.product((False, True), repeat=len(sizes)):
            target = tuple(size if s else i for i, size, s in zip(cell, sizes, summed, strict=True))
            cube[target] += value
    return cube


def _lines(sizes: tuple[int, ...]) -> list[tuple[_Cell, ...]]:
    """Every line of the cube: its inner cells along one axis, then their total last."""
    lines = []
    for axis, size in enumerate(sizes):
        others = [range(s + 1) for a, s in enumerate(sizes) if a != axis]
        for rest in itertools.product(*others):
            lines.append(tuple((*rest[:axis], i, *rest[axis:]) for i in range(size + 1)))
    return lines


def _complete(
    hidden: set[_Cell],
    cube: Mapping[_Cell, int],
    lines: list[tuple[_Cell, ...]],
) -> None:
    """Hide more cells until no hidden cell follows from the published ones (rule 2)."""
    lines_through: dict[_Cell, list[tuple[_Cell, ...]]] = {cell: [] for cell in cube}
    for line in lines:
        for cell in line:
            lines_through[cell].append(line)

    def hide_next_to(line_group: Iterable[tuple[_Cell, ...]]) -> bool:
        # The smallest published cell of these lines, ordinary cells before totals.
        candidates = [
            (position == len(line) - 1, cube[cell], cell)
            for line in line_group
            for position, cell in enumerate(line)
            if cell not in hidden
        ]
        if not candidates:
            return False
        hidden.add(min(candidates)[2])
        return True

    while True:
        # Single lines first: cheap, and they settle almost every table.
        changed = True
        while changed:
            changed = False
            for line in lines:
                if sum(cell in hidden for cell in line) == 1:
                    changed |= hide_next_to([line])
        determined = _determined(hidden, lines)
        if not determined:
            return
        cell = min(determined)
        # If every line through it is hidden already, widen to any published cell; if
        # nothing at all is published, nothing can be worked out.
        if not hide_next_to(lines_through[cell]) and not hide_next_to(lines):
            return


def _determined(hidden: set[_Cell], lines: list[tuple[_Cell, ...]]) -> set[_Cell]:
    """The hidden cells whose values follow exactly from the published cells and the sums.

    Each line says ``sum(inner cells) - total = 0``; with the published values moved to the
    right-hand side, the hidden cells are the unknowns. An unknown is determined exactly when
    its unit vector lies in the row space of the equations, i.e. when the reduced row echelon
    form has a row that is that unit vector alone.
    """
    basis: dict[_Cell, dict[_Cell, Fraction]] = {}  # pivot -> row with 1 at the pivot
    for line in lines:
        row = {
            cell: Fraction(-1 if position == len(line) - 1 else 1)
            for position, cell in enumerate(line)
            if cell in hidden
        }
        for pivot in [cell for cell in row if cell in basis]:
            factor = row.get(pivot)
            if factor:
                for cell, value in basis[pivot].items():
                    new = row.get(cell, Fraction(0)) - factor * value
                    if new:
                        row[cell] = new
                    else:
                        row.pop(cell, None)
        if not row:
            continue
        pivot = min(row)
        scale = row[pivot]
        row = {cell: value / scale for cell, value in row.items()}
        for other in basis.values():
            factor = other.get(pivot)
            if factor:
                for cell, value in row.items():
                    new = other.get(cell, Fraction(0)) - factor * value
                    if new:
                        other[cell] = new
                    else:
                        other.pop(cell, None)
        basis[pivot] = row
    return {pivot for pivot, row in basis.items() if len(row) == 1}
