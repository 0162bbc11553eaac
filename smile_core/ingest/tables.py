"""Programme participants as polars tables: one row per person or workplace.

List-valued attributes stay polars ``List(String)`` columns; enums become their string values.
Scoring, metrics and the dashboard's participant tables all read these frames.
"""

from __future__ import annotations

import dataclasses

import polars as pl

from smile_core.ingest.participants import Adept, Mentor, Programme, Workplace

_LIST_FIELDS = {"languages", "goals", "offers", "availability", "wishes", "avoids"}


def _frame(
    items: tuple[Adept, ...] | tuple[Mentor, ...] | tuple[Workplace, ...], cls: type
) -> pl.DataFrame:
    names = [f.name for f in dataclasses.fields(cls)]
    schema = {
        name: (
            pl.List(pl.String)
            if name in _LIST_FIELDS
            else pl.Int64
            if name == "capacity"
            else pl.String
        )
        for name in names
    }
    columns: dict[str, list[object]] = {name: [] for name in names}
    for item in items:
        for name in names:
            value = getattr(item, name)
            columns[name].append(
                list(value) if name in _LIST_FIELDS else str(value) if name != "capacity" else value
            )
    return pl.DataFrame(columns, schema=schema)


def adepts_frame(programme: Programme) -> pl.DataFrame:
    """One row per adept, in programme order, with every attribute of :class:`Adept`."""
    return _frame(programme.adepts, Adept)


def mentors_frame(programme: Programme) -> pl.DataFrame:
    """One row per mentor, in programme order, with every attribute of :class:`Mentor`."""
    return _frame(programme.mentors, Mentor)


def workplaces_frame(programme: Programme) -> pl.DataFrame:
    """One row per workplace, in programme order, with every attribute of :class:`Workplace`."""
    return _frame(programme.workplaces, Workplace)
