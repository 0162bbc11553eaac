"""Small-cell suppression: nothing small is published and nothing hidden can be worked out."""

import itertools
import math

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smile_core.equality.suppression import (
    DEFAULT_MIN_COUNT,
    PROTECTION_VALUES,
    LinkedCells,
    check_min_count,
    feasible_ranges,
    protect,
    range_values,
    suppress_counts,
    suppress_statistic,
    suppressed_column,
)

# --- independent oracles, written from the rules rather than from the implementation ---------


def _lines(result: pl.DataFrame, by: list[str]) -> list[tuple[str, pl.DataFrame]]:
    """Each line of a result with totals: the rows equal in all `by` columns but `axis`.

    The line's total is its row with a null in `axis`; the other rows add up to it.
    """
    lines = []
    for axis in by:
        others = [c for c in by if c != axis]
        if not others:
            lines.append((axis, result))
            continue
        lines.extend((axis, frame) for _, frame in result.group_by(others, maintain_order=True))
    return lines


def _hidden_cells_determined(result: pl.DataFrame, by: list[str], count: str) -> list[dict]:
    """The hidden rows whose value follows from the published rows and the line sums.

    Each line gives the equation sum(cells) - total = 0; the published values are constants,
    the hidden ones unknowns. A hidden row is determined when its unit vector lies in the row
    space of the equations, i.e. adding it does not raise the rank (numpy, floating point: an
    independent check of the implementation's exact rational elimination).
    """
    rows = result.with_row_index("_row")
    hidden = rows.filter(pl.col(suppressed_column(count)))["_row"].to_list()
    column_of = {row: i for i, row in enumerate(hidden)}
    equations = []
    for axis, line in _lines(rows, by):
        equation = np.zeros(len(hidden))
        for row in line.iter_rows(named=True):
            if row["_row"] in column_of:
                equation[column_of[row["_row"]]] = -1.0 if row[axis] is None else 1.0
        if equation.any():
            equations.append(equation)
    if not equations:
        return []
    matrix = np.array(equations)
    rank = np.linalg.matrix_rank(matrix)
    determined = []
    for row, column in column_of.items():
        unit = np.zeros(len(hidden))
        unit[column] = 1.0
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            determined.append(rows.row(row, named=True))
    return determined


def _true_totals(table: pl.DataFrame, by: list[str], count: str) -> pl.DataFrame:
    """All cells and totals computed straight from the input with polars group_by."""
    parts = []
    for summed in itertools.product((False, True), repeat=len(by)):
        kept = [c for c, s in zip(by, summed, strict=True) if not s]
        frame = (
            table.group_by(kept).agg(pl.col(count).sum())
            if kept
            else table.select(pl.col(count).sum())
        )
        parts.append(
            frame.with_columns(
                pl.lit(None, dtype=table.schema[c]).alias(c) for c in by if c not in kept
            ).select([*by, pl.col(count).cast(pl.Int64).alias("true")])
        )
    return pl.concat(parts)


@st.composite
def count_tables(draw):
    """A table of counts over 1-3 grouping columns with 1-4 levels each, small counts common."""
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=3))
    by = [f"d{axis}" for axis in range(len(sizes))]
    levels = {
        name: [f"{name}_{i}" for i in range(size)] for name, size in zip(by, sizes, strict=True)
    }
    cells = list(itertools.product(*levels.values()))
    counts = draw(
        st.lists(
            st.one_of(st.integers(0, 7), st.integers(0, 60)),
            min_size=len(cells),
            max_size=len(cells),
        )
    )
    keep = draw(st.lists(st.booleans(), min_size=len(cells), max_size=len(cells)))
    rows = [(*cell, n) for cell, n, k in zip(cells, counts, keep, strict=True) if k]
    schema = {**dict.fromkeys(by, pl.String), "n": pl.Int64}
    table = pl.DataFrame(rows, schema=schema, orient="row")
    return table, by, levels


# --- examples ------------------------------------------------------------------------------


def test_gender_by_matched_hides_the_small_row_and_its_complement():
    """Three non-binary adepts: their row is hidden, and the men's row so columns don't add up."""
    table = pl.DataFrame(
        {
            "gender": ["woman", "woman", "man", "man", "non_binary", "non_binary"],
            "matched": [True, False, True, False, True, False],
            "n": [12, 8, 10, 6, 3, 1],
        }
    )
    result = suppress_counts(table, ["gender", "matched"], totals=True)
    expected = pl.DataFrame(
        {
            "gender": ["woman"] * 3 + ["man"] * 3 + ["non_binary"] * 3 + [None] * 3,
            "matched": [True, False, None] * 4,
            "n": [12, 8, 20, None, None, None, None, None, None, 25, 15, 40],
            "n_suppressed": [False] * 3 + [True] * 6 + [False] * 3,
        }
    )
    assert result.equals(expected)


def test_one_way_table_hides_a_second_group():
    """With one small group, the next-smallest is hidden too so the total doesn't give it away."""
    table = pl.DataFrame({"gender": ["woman", "man", "non_binary"], "n": [30, 28, 2]})
    result = suppress_counts(table, "gender", totals=True)
    assert result["n"].to_list() == [30, None, None, 60]


def test_nothing_is_hidden_when_every_group_is_large():
    """A table with no count below the threshold is published as it is."""
    table = pl.DataFrame({"cohort": ["a", "a", "b", "b"], "job": [1, 0, 1, 0], "n": [9, 5, 7, 6]})
    result = suppress_counts(table, ["cohort", "job"])
    assert result["n"].to_list() == [9, 5, 7, 6]
    assert not result["n_suppressed"].any()


def test_combined_lines_cannot_reveal_a_cell():
    """A cell the row/column rule leaves recoverable (a bridge between two blocks) is hidden."""
    # Hiding only so that no row or column has exactly one hidden cell leaves (2, 1) = 0
    # determined: rows 0, 2 with columns 0, 3 form one closed block, rows 1, 3 with
    # columns 1, 2 another, and (2, 1) is their only link.
    grid = [[9, 9, 12, 2], [7, 3, 5, 9], [5, 0, 9, 7], [12, 1, 7, 12]]
    table = pl.DataFrame(
        [(f"r{r}", f"c{c}", n) for r, line in enumerate(grid) for c, n in enumerate(line)],
        schema=["r", "c", "n"],
        orient="row",
    )
    result = suppress_counts(table, ["r", "c"], totals=True)
    assert result.filter(pl.col("r") == "r2", pl.col("c") == "c1")["n_suppressed"].item()
    assert _hidden_cells_determined(result, ["r", "c"], "n") == []


def test_missing_combinations_count_as_zeros():
    """An absent combination is a zero: shown in a big group, hidden in a small one."""
    # Changed: a 0 in a group of at least min_count is shown now (group disclosure, README).
    table = pl.DataFrame({"gender": ["woman", "man", "man"], "job": ["yes", "yes", "no"]})
    result = suppress_counts(table.with_columns(n=pl.Series([20, 15, 9])), ["gender", "job"])
    missing = result.filter(pl.col("gender") == "woman", pl.col("job") == "no")
    assert missing["n"].item() == 0 and not missing["n_suppressed"].item()
    small = pl.DataFrame({"gender": ["woman", "x"], "job": ["yes", "yes"], "n": [20, 3]})
    result = suppress_counts(small, ["gender", "job"], levels={"job": ["yes", "no"]})
    hidden = result.filter(pl.col("gender") == "x", pl.col("job") == "no")
    assert hidden["n"].item() is None and hidden["n_suppressed"].item()


def test_levels_add_absent_values_in_the_given_order():
    """Given levels, absent values appear (as 0 in a big group) and rows follow their order."""
    table = pl.DataFrame({"status": ["job", "studies"], "n": [12, 9]})
    result = suppress_counts(table, "status", levels={"status": ["studies", "job", "seeking"]})
    assert result["status"].to_list() == ["studies", "job", "seeking"]
    assert result["n"].to_list() == [9, 12, 0]


def test_grouping_column_types_are_kept():
    """Integer and Boolean grouping columns come back with their own types, nulls for totals."""
    table = pl.DataFrame({"months": [3, 6, 12], "n": [10, 11, 12]})
    result = suppress_counts(table, "months", totals=True)
    assert result.schema["months"] == pl.Int64
    assert result["months"].to_list() == [3, 6, 12, None]


@pytest.mark.parametrize("min_count", [3, 5, 10])
def test_threshold_is_configurable(min_count):
    """A count equal to the threshold is shown and one below it is hidden."""
    table = pl.DataFrame({"g": ["a", "b", "c", "d"], "n": [min_count - 1, min_count, 50, 60]})
    result = suppress_counts(table, "g", min_count=min_count)
    assert result["n"].to_list() == [None, None, 50, 60]  # b is the complement of a


@pytest.mark.parametrize("min_count", [0, 1, 2, -5])
def test_threshold_below_three_is_refused(min_count):
    """No threshold below 3 is accepted: it would protect nobody."""
    table = pl.DataFrame({"g": ["a"], "n": [10]})
    with pytest.raises(ValueError, match="below 3"):
        suppress_counts(table, "g", min_count=min_count)


@pytest.mark.parametrize("value", [4.5, "5", True, None])
def test_threshold_must_be_a_whole_number(value):
    """A threshold that is not an int (floats, strings, booleans) is refused."""
    with pytest.raises(ValueError, match="whole number"):
        check_min_count(value)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (pl.DataFrame({"g": ["a", None], "n": [5, 6]}), "missing values"),
        (pl.DataFrame({"g": ["a", "b"], "n": [5, None]}), "missing values"),
        (pl.DataFrame({"g": ["a", "a"], "n": [5, 6]}), "more than one row"),
        (pl.DataFrame({"g": ["a", "b"], "n": [5, -1]}), "negative"),
        (pl.DataFrame({"g": ["a", "b"], "n": [5.0, 6.0]}), "not whole numbers"),
        (pl.DataFrame({"g": ["a"], "n": [5], "label": ["x"]}), "other than"),
        (pl.DataFrame({"h": ["a"], "n": [5]}), "no column"),
    ],
)
def test_malformed_tables_are_refused(table, message):
    """Nulls, duplicate groups, negative or fractional counts and stray columns raise."""
    with pytest.raises(ValueError, match=message):
        suppress_counts(table, "g")


def test_values_outside_the_given_levels_are_refused():
    """A value not among the given levels raises rather than being dropped."""
    table = pl.DataFrame({"g": ["a", "z"], "n": [5, 6]})
    with pytest.raises(ValueError, match="not in its levels"):
        suppress_counts(table, "g", levels={"g": ["a", "b"]})


def test_share_is_hidden_with_a_small_denominator_or_a_hidden_numerator():
    """A share is hidden when its group is small or its numerator is hidden, else kept."""
    table = pl.DataFrame(
        {
            "gender": ["woman", "man", "non_binary", "undisclosed"],
            "matched": [18, None, 2, 7],
            "applicants": [20, 16, 3, None],
            "share": [0.9, 0.75, 0.67, 0.7],
        }
    )
    result = suppress_statistic(table, "share", denominator="applicants", numerator="matched")
    assert result["share"].to_list() == [0.9, None, None, None]
    assert result["share_suppressed"].to_list() == [False, True, True, True]


def test_mean_is_hidden_only_for_small_groups():
    """A mean over at least min_count people is shown; over fewer it is hidden."""
    table = pl.DataFrame({"group": ["a", "b"], "n": [5, 4], "mean_score": [0.8, 0.6]})
    result = suppress_statistic(table, "mean_score", denominator="n")
    assert result["mean_score"].to_list() == [0.8, None]


def test_a_missing_statistic_is_not_flagged_as_suppressed():
    """A value that was null already stays null without the suppressed flag."""
    table = pl.DataFrame({"group": ["a"], "n": [2], "mean_score": [None]}).cast(
        {"mean_score": pl.Float64}
    )
    result = suppress_statistic(table, "mean_score", denominator="n")
    assert result["mean_score_suppressed"].to_list() == [False]


def test_default_threshold_is_five():
    """The default threshold is five people."""
    assert DEFAULT_MIN_COUNT == 5


# --- properties ----------------------------------------------------------------------------

PROPERTY_SETTINGS = settings(max_examples=150, deadline=None)


@PROPERTY_SETTINGS
@given(count_tables(), st.integers(3, 6))
def test_no_published_count_is_below_the_threshold(case, min_count):
    """Every shown count, totals included, is 0 or at least min_count."""
    table, by, levels = case
    result = suppress_counts(table, by, min_count=min_count, levels=levels, totals=True)
    shown = result.filter(~pl.col("n_suppressed"))["n"]
    assert shown.null_count() == 0
    assert ((shown >= min_count) | (shown == 0)).all()


@PROPERTY_SETTINGS
@given(count_tables(), st.integers(3, 6))
def test_published_counts_and_totals_are_the_true_ones(case, min_count):
    """Shown counts and totals equal the input's own sums; nothing is altered, only hidden."""
    table, by, levels = case
    result = suppress_counts(table, by, min_count=min_count, levels=levels, totals=True)
    truth = _true_totals(table, by, "n")
    shown = result.filter(~pl.col("n_suppressed")).join(truth, on=by, how="left", nulls_equal=True)
    assert (shown["n"] == shown["true"].fill_null(0)).all()
    assert result.height == math.prod(len(v) + 1 for v in levels.values())


@PROPERTY_SETTINGS
@given(count_tables(), st.integers(3, 6))
def test_no_line_has_exactly_one_hidden_cell(case, min_count):
    """No hidden cell can be recovered by subtraction from its row's or column's total."""
    table, by, levels = case
    result = suppress_counts(table, by, min_count=min_count, levels=levels, totals=True)
    for _, line in _lines(result, by):
        assert line["n_suppressed"].sum() != 1, line


@PROPERTY_SETTINGS
@given(count_tables(), st.integers(3, 6))
def test_no_hidden_cell_follows_from_all_published_sums(case, min_count):
    """No hidden cell is determined by any combination of the published cells and sums."""
    table, by, levels = case
    result = suppress_counts(table, by, min_count=min_count, levels=levels, totals=True)
    assert _hidden_cells_determined(result, by, "n") == []


@PROPERTY_SETTINGS
@given(count_tables())
def test_without_totals_the_same_cells_are_hidden(case):
    """Leaving the totals out changes which rows come back, not which cells are hidden."""
    table, by, levels = case
    with_totals = suppress_counts(table, by, levels=levels, totals=True)
    without = suppress_counts(table, by, levels=levels)
    assert without.equals(with_totals.drop_nulls(by))


# --- the engine: exact audit and protection ---------------------------------------------------


def _issue_example() -> LinkedCells:
    """Not matched by gender: women 0, men 5, other 0 (of 2), and everyone's 5 (issue 9)."""
    return LinkedCells((0, 5, 0), {"women": (0,), "men": (1,), "other": (2,), "all": (0, 1, 2)})


def test_the_audit_pins_a_cell_the_totals_give_away():
    """Publishing men's 5 and everyone's 5 pins every other not-matched cell at 0."""
    linked = _issue_example()
    ranges = feasible_ranges(linked, {"men": 5, "all": 5}, ["women", "other"])
    assert ranges == {"women": (0, 0), "other": (0, 0)}


def test_protection_leaves_at_least_three_values_open():
    """Protecting the small cell hides the total too; then it can be anything from 0 up."""
    linked = _issue_example()
    cost = {"women": 1000, "men": 1000, "other": 10, "all": 100}
    hidden = protect(linked, ["other"], cost=cost)
    assert hidden == {"other", "all"}
    published = {k: linked.value(k) for k in linked.cells if k not in hidden}
    low, high = feasible_ranges(linked, published, ["other"])["other"]
    assert range_values(low, high) >= PROTECTION_VALUES


def test_a_narrow_range_is_widened_not_just_made_non_unique():
    """A line 1 + 0 + 10 = 11: hiding 1 and 0 leaves {0, 1}; a third cell must go too."""
    table = pl.DataFrame({"g": ["a", "b", "c"], "n": [1, 0, 10]})
    result = suppress_counts(table, "g", totals=True)
    assert result["n_suppressed"].sum() >= 3


def _open_values(result: pl.DataFrame, by: list[str], levels: dict) -> dict[tuple, int | None]:
    """Per hidden row: how many whole values an attacker with every shown row leaves open."""
    from ortools.sat.python import cp_model

    inner = list(itertools.product(*(levels[c] for c in by)))
    shown = result.filter(~pl.col("n_suppressed"))
    total = int(result["n"].drop_nulls().max() or 0) + 1
    bound = 20 * total + 50
    model = cp_model.CpModel()
    x = {cell: model.new_int_var(0, bound, str(cell)) for cell in inner}

    def atoms(row):
        return [c for c in inner if all(v is None or c[i] == v for i, v in enumerate(row))]

    for row in shown.iter_rows():
        model.add(sum(x[c] for c in atoms(row[: len(by)])) == row[len(by)])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    found = {}
    for row in result.filter(pl.col("n_suppressed")).iter_rows():
        expression = sum(x[c] for c in atoms(row[: len(by)]))
        ends = []
        for sense in (model.minimize, model.maximize):
            sense(expression)
            assert solver.solve(model) == cp_model.OPTIMAL
            ends.append(round(solver.objective_value))
        found[row[: len(by)]] = None if ends[1] >= bound else ends[1] - ends[0] + 1
    return found


@settings(max_examples=40, deadline=None)
@given(count_tables(), st.integers(3, 6))
def test_every_hidden_cell_keeps_three_values_open(case, min_count):
    """An exact attacker (CP-SAT over every shown cell and total) narrows no hidden cell below
    three values."""
    table, by, levels = case
    result = suppress_counts(table, by, min_count=min_count, levels=levels, totals=True)
    narrow = {k: v for k, v in _open_values(result, by, levels).items() if v is not None and v < 3}
    assert narrow == {}
