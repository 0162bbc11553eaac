"""Programme participants as polars tables: one row per person or workplace.

List-valued attributes stay polars ``List(String)`` columns; enums become their string values.
Scoring, metrics and the dashboard's participant tables all read these frames.
"""

from __future__ import annotations

import dataclasses

import polars as pl

from smile_core.ingest.participants import Adept, Mentor, Programme, Workplace

_LIST_FIELDS = {"languages", "goals", "offers", "availability", "wishes", "avoids"}


#: Joins a list's items for one vectorised split; a value holding it takes the slow path.
_SEPARATOR = "\x1f"


def _frame(
    items: tuple[Adept, ...] | tuple[Mentor, ...] | tuple[Workplace, ...], cls: type
) -> pl.DataFrame:
    # Column by column: polars builds a List(String) column from Python lists one list at a
    # time (about 40 ms per column at 5,000 adepts, issue 11), so each list is joined into one
    # string and split again in polars; the rows and values are the same.
    columns: dict[str, pl.Series] = {}
    for field in dataclasses.fields(cls):
        name = field.name
        values = [getattr(item, name) for item in items]
        if name in _LIST_FIELDS:
            columns[name] = _list_column(name, values)
        elif name == "capacity":
            columns[name] = pl.Series(name, values, dtype=pl.Int64)
        else:
            columns[name] = pl.Series(name, [str(value) for value in values], dtype=pl.String)
    return pl.DataFrame(list(columns.values()))


def _list_column(name: str, values: list[tuple[str, ...]]) -> pl.Series:
    """A ``List(String)`` column of ``values``, each tuple as one list, in order."""
    joined = [_SEPARATOR.join(value) for value in values]
    if any(_SEPARATOR in item for value in values for item in value):
        return pl.Series(name, [list(value) for value in values], dtype=pl.List(pl.String))
    empty = pl.lit([], dtype=pl.List(pl.String))
    frame = pl.DataFrame(
        {"joined": joined, "count": [len(value) for value in values]},
        schema={"joined": pl.String, "count": pl.Int64},
    )
    return frame.select(
        pl.when(pl.col("count") == 0)
        .then(empty)
        .otherwise(pl.col("joined").str.split(_SEPARATOR))
        .alias(name)
    ).to_series()


def adepts_frame(programme: Programme) -> pl.DataFrame:
    """One row per adept, in programme order, with every attribute of :class:`Adept`."""
    return _frame(programme.adepts, Adept)


def mentors_frame(programme: Programme) -> pl.DataFrame:
    """One row per mentor, in programme order, with every attribute of :class:`Mentor`."""
    return _frame(programme.mentors, Mentor)


def workplaces_frame(programme: Programme) -> pl.DataFrame:
    """One row per workplace, in programme order, with every attribute of :class:`Workplace`."""
    return _frame(programme.workplaces, Workplace)
