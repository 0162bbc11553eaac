"""Tables on screen: translated column headers, and the validation report as rows.

Tables are always shown with ``st.dataframe`` (or ``st.data_editor``), which renders every
cell as text: an uploaded name like ``<img onerror=...>`` stays a harmless string.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl
import streamlit as st

from smile_core.ingest.problems import Report
from smile_core.text import t


def column_labels(columns: Iterable[str], lang: str, prefix: str = "field") -> dict[str, object]:
    """``column_config`` giving each column its header from the catalogue (``prefix.<col>``).

    A column without a catalogue entry keeps its name.
    """
    config: dict[str, object] = {}
    for column in columns:
        try:
            config[column] = st.column_config.Column(t(f"{prefix}.{column}", lang))
        except KeyError:
            continue
    return config


def report_frame(report: Report, lang: str) -> pl.DataFrame:
    """One row per problem: kind, file, row, column, value and the message in ``lang``.

    Errors come first, then warnings, each in the order they were found.
    """
    problems = [*report.errors, *report.warnings]
    return pl.DataFrame(
        {
            "severity": [t(f"severity.{p.severity.value}", lang) for p in problems],
            "file": [p.file for p in problems],
            "row": [p.row for p in problems],
            "column": [p.column for p in problems],
            "value": [p.value for p in problems],
            "message": [p.message_sv if lang == "sv" else p.message_en for p in problems],
        },
        schema={
            "severity": pl.String,
            "file": pl.String,
            "row": pl.Int64,
            "column": pl.String,
            "value": pl.String,
            "message": pl.String,
        },
    )


def show_report(report: Report, lang: str) -> None:
    """The validation report as a table (nothing when there are no problems)."""
    if not report.problems:
        return
    frame = report_frame(report, lang)
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config=column_labels(frame.columns, lang, prefix="participants.report"),
    )
