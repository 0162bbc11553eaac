"""Disclosure control: no figure for the steering group lets anyone single out a person,
and no hidden figure can be worked out from the published ones.

One engine for every steering-group output (pages, charts, the HTML report, exports):

- :class:`LinkedCells` holds every figure about one set of people as a sum of the same
  unknowns (the finest cells), so figures of different tables are judged together.
- :func:`protect` chooses the figures to hide: the primary ones (too few people) and the
  secondary ones that keep them safe, picked by least information lost with CP-SAT.
- :func:`feasible_ranges` is the attacker: from everything published (whole numbers, none
  negative, every margin) it computes each hidden figure's smallest and largest value,
  exactly. A hidden figure is protected when that range holds at least
  :data:`PROTECTION_VALUES` whole values, or every value the figure could have anyway.

:func:`suppress_counts` applies this to one table of counts with totals:

1. **Primary suppression.** Every count of 1 to ``min_count - 1`` (default 5, never below
   3) is hidden, and so is a 0 inside a group that small: "0 of the 3 non-binary adepts got a
   mentor" says something about each of them. A 0 in a group of at least ``min_count`` is
   shown (group disclosure of a group that size is accepted: README, "How figures are
   protected"), as is a 0 that describes nobody at all. Totals follow the same rule.
2. **Secondary (complementary) suppression.** The table is a cube over the ``by`` columns
   with a total along every one of them. More cells are hidden until the attacker above can
   narrow no hidden cell to fewer than three values; ordinary cells are hidden before totals,
   small before large (the cost is the count, a total's doubled).
3. **Statistics** (shares, means) are hidden when their denominator is below ``min_count`` or
   hidden, or when their numerator is hidden (a share and its denominator give the numerator).

Hidden cells carry no hint of why they are hidden: show every one with the same mark ("–"),
because marking the small ones "<5" and the complementary ones differently would narrow them
down again.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import polars as pl
from ortools.sat.python import cp_model

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
    fixed: Mapping[tuple[object, ...], bool] | None = None,
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
    fixed
        Cells whose fate another table about the same people already decided, keyed by
        their ``by`` values (None for a total): True hidden, False published. Tables that
        share cells must show and hide them alike, or one would give away the other.

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
    position = [{value: i for i, value in enumerate(values)} for values in level_lists]
    decided = {
        tuple(
            sizes[axis] if value is None else position[axis][value]
            for axis, value in enumerate(key)
        ): hide
        for key, hide in (fixed or {}).items()
    }
    hidden = _cube_hidden_cached(
        tuple(inner.items()), sizes, min_count, tuple(sorted(decided.items()))
    )

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


@lru_cache(maxsize=1024)
def _cube_hidden_cached(
    inner: tuple[tuple[_Cell, int], ...],
    sizes: tuple[int, ...],
    min_count: int,
    decided: tuple[tuple[_Cell, bool], ...],
) -> frozenset[_Cell]:
    """:func:`_cube_hidden` remembered: pages, the report and their margins ask for the same
    tables again and again, and the answer never changes (the solver is deterministic)."""
    counts = dict(inner)
    cube = _with_totals(counts, sizes)
    return frozenset(_cube_hidden(counts, cube, sizes, min_count, dict(decided)))


def _cube_hidden(
    inner: Mapping[_Cell, int],
    cube: Mapping[_Cell, int],
    sizes: tuple[int, ...],
    min_count: int,
    decided: Mapping[_Cell, bool],
) -> set[_Cell]:
    """The cube's cells to hide (rules 1 and 2 of the module doc); ``decided`` cells are
    hidden (True) or published (False) whatever else happens."""
    order = list(inner)
    index = {cell: i for i, cell in enumerate(order)}
    cells = {
        cell: tuple(
            index[atom]
            for atom in itertools.product(
                *(range(size) if i == size else (i,) for i, size in zip(cell, sizes, strict=True))
            )
        )
        for cell in cube
    }
    linked = LinkedCells(tuple(inner[cell] for cell in order), cells)
    cost = {
        cell: (value + 1) * (2 if any(i == s for i, s in zip(cell, sizes, strict=True)) else 1)
        for cell, value in cube.items()
    }
    # The line rule (below) settles most of a table cheaply; the exact audit then widens
    # what it leaves too narrow.
    public = {cell for cell, hide in decided.items() if not hide}
    start = {cell for cell in cube if _primary(cell, cube, sizes, min_count)} - public
    start |= {cell for cell, hide in decided.items() if hide}
    _complete(start, cube, _lines(sizes))
    start -= public

    def hypercube(hidden: set[Hashable], weak: Hashable, need: int) -> set[Hashable] | None:
        found = _hypercube_cover(cube, sizes, cost, hidden, weak, need, public)  # type: ignore[arg-type]
        if found is None and public:
            # Published cells can block every hypercube; the general model looks further.
            found = _cover(linked, hidden, public, cost, {weak: need})  # type: ignore[arg-type]
        return found

    return protect(linked, start, cost=cost, public=public, cover=hypercube)


def _primary(cell: _Cell, cube: Mapping[_Cell, int], sizes: tuple[int, ...], k: int) -> bool:
    """Rule 1: a count of 1 to k - 1, or a 0 inside a group of 1 to k - 1 people (any total
    the cell belongs to)."""
    value = cube[cell]
    if value:
        return value < k
    open_axes = [a for a, (i, size) in enumerate(zip(cell, sizes, strict=True)) if i < size]
    for r in range(1, len(open_axes) + 1):
        for axes in itertools.combinations(open_axes, r):
            above = tuple(sizes[a] if a in axes else i for a, i in enumerate(cell))
            if 0 < cube[above] < k:
                return True
    return False


def _hypercube_cover(
    cube: Mapping[_Cell, int],
    sizes: tuple[int, ...],
    cost: Mapping[_Cell, int],
    hidden: set[Hashable],
    weak: _Cell,
    need: int,
    public: set[_Cell],
) -> set[_Cell] | None:
    """The cheapest hypercube through ``weak`` whose corners, hidden, let it move enough.

    A hypercube picks, on every axis, the weak cell's index and one other (another level or
    the total). Adding ``t`` to its corners with sign -1 per axis where the corner sits on
    another *level* keeps every line sum, so with all corners hidden the weak cell can move
    down by the smallest corner with sign +1 and up by the smallest with sign -1: it then
    leaves ``that sum + 1`` values open, and so does every corner (the same move shifts
    each). This is the hypercube method of τ-ARGUS, cheap enough for every table.
    """
    best: tuple[int, set[_Cell]] | None = None
    choices = [[j for j in range(size + 1) if j != i] for i, size in zip(weak, sizes, strict=True)]
    for other in itertools.product(*choices):
        plus, minus = [], []
        for picks in itertools.product((False, True), repeat=len(sizes)):
            corner = tuple(o if p else w for w, o, p in zip(weak, other, picks, strict=True))
            flips = sum(p and o != s for p, o, s in zip(picks, other, sizes, strict=True))
            (minus if flips % 2 else plus).append(corner)
        # No corner on another level: the cell and its totals can all grow without end.
        room = min(cube[c] for c in plus) + (min(cube[c] for c in minus) if minus else need)
        if room < need - 1:
            continue
        new = {c for c in plus + minus if c not in hidden}
        if new & public:
            continue
        price = sum(cost[c] for c in new)
        if best is None or price < best[0]:
            best = (price, new)
    return None if best is None else best[1]


# --------------------------------------------------------------------------- the engine

#: A hidden figure must leave at least this many whole values open (or all it could be).
PROTECTION_VALUES = 3

# CP-SAT runs single-threaded with a *deterministic* work limit (not a clock): the same
# figures always hide the same cells, however busy the machine, so two pages (or a page and
# the report, or today and tomorrow) built from the same people never hide differently.
_SOLVER_WORK = 0.5
_SOLVER_SECONDS = 60.0  # a last safeguard only


@dataclass(frozen=True)
class LinkedCells:
    """Every published figure about one set of people, as sums of the same unknowns.

    ``atoms`` are the true counts of the finest cells (e.g. one per gender and workplace);
    ``cells`` maps each figure's key to the atoms it adds up. Figures of different tables
    (a page, the report, an export, the Overview chart) that describe the same people belong
    in one ``LinkedCells``: an attacker combines them all, so they are judged together.
    """

    atoms: tuple[int, ...]
    cells: Mapping[Hashable, tuple[int, ...]]

    def value(self, key: Hashable) -> int:
        """The true value of figure ``key``."""
        return sum(self.atoms[i] for i in self.cells[key])

    @property
    def bound(self) -> int:
        """A cap on any unknown no attacker could exclude short of infinity (ranges reaching
        it are unbounded above)."""
        return 4 * sum(self.atoms) + 20


def feasible_ranges(
    linked: LinkedCells,
    published: Mapping[Hashable, int],
    targets: Iterable[Hashable],
) -> dict[Hashable, tuple[int, int | None]]:
    """What an attacker can know about each target figure: its smallest and largest value.

    The unknowns are the atoms, whole numbers >= 0; every published figure is an equation.
    Each range is exact (CP-SAT minimises and maximises the figure); the upper end is None
    when nothing published bounds it. Raises ``ValueError`` when the published figures
    contradict each other.
    """
    model = cp_model.CpModel()
    bound = linked.bound
    unknowns = [model.new_int_var(0, bound, f"a{i}") for i in range(len(linked.atoms))]
    for key, value in published.items():
        model.add(sum(unknowns[i] for i in linked.cells[key]) == value)
    solver = _solver(limited=False)
    ranges: dict[Hashable, tuple[int, int | None]] = {}
    for key in targets:
        expression = sum(unknowns[i] for i in linked.cells[key])
        ends = []
        for minimise in (True, False):
            if minimise:
                model.minimize(expression)
            else:
                model.maximize(expression)
            status = solver.solve(model)
            if status != cp_model.OPTIMAL:
                raise ValueError(f"the published figures admit no table ({solver.status_name()})")
            ends.append(round(solver.objective_value))
        low, high = ends
        ranges[key] = (low, None if high >= bound else high)
    return ranges


def range_values(low: int, high: int | None) -> float:
    """How many whole values a range leaves open (infinite when unbounded above)."""
    return float("inf") if high is None else high - low + 1


def protect(
    linked: LinkedCells,
    primary: Iterable[Hashable],
    *,
    cost: Mapping[Hashable, float],
    public: Iterable[Hashable] = (),
    values: int = PROTECTION_VALUES,
    cover: Callable[[set[Hashable], Hashable, int], set[Hashable] | None] | None = None,
    spare: Iterable[Hashable] = (),
) -> set[Hashable]:
    """The figures to hide: the ``primary`` ones and the fewest, cheapest others so that no
    hidden figure can be narrowed to fewer than ``values`` whole values.

    A hidden figure is protected when, from every figure still published, an attacker knows
    only that it lies in a range of at least ``values`` whole values — or in the range it has
    anyway when only the ``public`` figures (never hidden) are known. Secondary suppressions
    are chosen by least information lost: a CP-SAT model picks the cells of least total
    ``cost`` such that, for every under-protected figure, two tables agreeing on every
    published figure differ in it by ``values - 1``. Hiding more never narrows a range, so
    repeating audit and cover ends with every hidden figure protected.

    ``cover``, when given, replaces that model: called with the hidden figures, a weak one
    and its need, it answers figures to hide as well (or None); tables with a known
    structure (a cube) use a faster one.

    ``spare`` are the figures to keep if at all possible (women's and men's figures, which the
    steering group follows): each cover is first sought with them kept published, and only
    if none exists among the rest with them too. The cover model's work is capped, and with
    every figure a candidate its first choice can be far from the cheapest: measured, with
    three non-binary adepts among 200, it hid the men's matched figures (cost 2,026) where
    hiding the total matched (cost 100) was enough; kept out, the cheap cover is found in
    0.2 s.
    """
    public = set(public)
    spare = set(spare) - public
    hidden = set(primary)
    clash = hidden & public
    if clash:
        raise ValueError(f"figures both primary and public: {sorted(map(str, clash))}")
    prior: dict[Hashable, float] = {}
    given_up: set[Hashable] = set()
    while True:
        published = {k: linked.value(k) for k in linked.cells if k not in hidden}
        ranges = feasible_ranges(linked, published, sorted(hidden - given_up, key=str))
        weak = {}
        for key, (low, high) in ranges.items():
            if range_values(low, high) >= values:
                continue
            if key not in prior:
                known = {k: linked.value(k) for k in public}
                prior[key] = (
                    range_values(*feasible_ranges(linked, known, [key])[key])
                    if known
                    else float("inf")
                )
            need = min(values, prior[key])
            if range_values(low, high) < need:
                weak[key] = int(need)
        if not weak:
            return hidden
        # One small model per weak figure (a joint one grows too fast); each choice already
        # counts what earlier ones hid as hidden, at no cost.
        extra: set[Hashable] = set()
        for key, need in weak.items():
            if cover is not None:
                alone = cover(hidden | extra, key, need)
            else:
                kept = spare - hidden - extra
                alone = _cover(linked, hidden | extra, public | kept, cost, {key: need})
                if alone is None and kept:
                    alone = _cover(linked, hidden | extra, public, cost, {key: need})
            if alone is None:
                given_up.add(key)  # even hiding everything else leaves it narrow
            else:
                extra |= alone
        if not extra:
            given_up |= set(weak)  # a safeguard: the audit and the cover disagree
        hidden |= extra


def _cover(
    linked: LinkedCells,
    hidden: set[Hashable],
    public: set[Hashable],
    cost: Mapping[Hashable, float],
    weak: Mapping[Hashable, int],
) -> set[Hashable] | None:
    """The cheapest set of published figures to hide so each ``weak`` figure gets its need.

    One pair of witness tables per weak figure: both agree with every figure that stays
    published, and differ in the weak figure by ``need - 1``. None when no choice works.
    """
    model = cp_model.CpModel()
    candidates = [k for k in linked.cells if k not in hidden and k not in public]
    hide = {k: model.new_bool_var(f"h{i}") for i, k in enumerate(candidates)}
    for w, (key, need) in enumerate(weak.items()):
        pair = []
        for side in "ab":
            # Witnesses near the true table: a small move is enough to show a range, and
            # small domains keep the model fast. Any witness found is a real one.
            unknowns = [
                model.new_int_var(max(0, value - need), value + need, f"{side}{w}_{i}")
                for i, value in enumerate(linked.atoms)
            ]
            for cell, atoms in linked.cells.items():
                if cell in hidden:
                    continue
                equation = model.add(sum(unknowns[i] for i in atoms) == linked.value(cell))
                if cell in hide:
                    equation.only_enforce_if(hide[cell].Not())
            pair.append(sum(unknowns[i] for i in linked.cells[key]))
        model.add(pair[0] - pair[1] >= need - 1)
    model.minimize(sum(round(1000 * cost.get(k, 1.0)) * hide[k] for k in candidates))
    solver = _solver()
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {k for k in candidates if solver.value(hide[k])}


def _solver(*, limited: bool = True) -> cp_model.CpSolver:
    """A deterministic CP-SAT solver; ``limited`` caps its work (covers, not audits: the
    attacker's ranges must be exact)."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    if limited:
        solver.parameters.max_deterministic_time = _SOLVER_WORK
    solver.parameters.max_time_in_seconds = _SOLVER_SECONDS
    return solver
