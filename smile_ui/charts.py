"""Altair charts for the dashboard, built from frames ``smile_core`` has already computed.

Charts only draw: every number they show is in the frame they get. Charts on the steering
group's pages get pre-aggregated, suppressed frames only (Vega-Lite sends the chart's data to
the browser, where its "view data" menu shows it): no person-level rows, no hidden cells.
Axis titles and legends come from the UI catalogue; colours are fixed per gender so a group
looks the same on every page.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from smile_core.i18n import t
from smile_core.metrics import GENDER_ORDER

#: One colour per gender, the same on every chart (colour-blind safe, Okabe–Ito).
GENDER_COLOURS: dict[str, str] = {
    "woman": "#CC79A7",
    "man": "#0072B2",
    "non_binary": "#E69F00",
    "undisclosed": "#999999",
}
#: Traffic-light colours for targets.
STATUS_COLOURS: dict[str, str] = {
    "green": "#2e7d32",
    "amber": "#f9a825",
    "red": "#c62828",
    "hidden": "#bdbdbd",
}
PRIMARY = "#1b6b73"


def gender_scale(lang: str) -> alt.Scale:
    """The colour scale over gender labels in ``lang``, in the fixed order."""
    return alt.Scale(
        domain=[t(f"gender.{g}", lang) for g in GENDER_ORDER],
        range=[GENDER_COLOURS[g] for g in GENDER_ORDER],
    )


def with_gender_label(frame: pl.DataFrame, lang: str, column: str = "gender") -> pl.DataFrame:
    """``frame`` with a ``gender_label`` column: the gender code in words of ``lang``."""
    words = {g: t(f"gender.{g}", lang) for g in GENDER_ORDER}
    return frame.with_columns(
        gender_label=pl.col(column).replace_strict(words, default=None, return_dtype=pl.String)
    )


def counts_by_gender(counts: pl.DataFrame, lang: str) -> alt.Chart:
    """Grouped bars of adepts, mentors and mentor seats by gender.

    ``counts`` is :func:`smile_core.readiness.participant_counts`; its workplaces row (no
    gender) is left out.
    """
    frame = with_gender_label(counts.filter(pl.col("gender").is_not_null()), lang).select(
        "gender_label", "n", group_label=pl.col(f"group_{lang}")
    )
    groups = frame["group_label"].unique(maintain_order=True).to_list()
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("group_label:N", title=None, sort=groups, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("gender_label:N", sort=gender_scale(lang).domain),
            y=alt.Y("n:Q", title=t("chart.count", lang)),
            color=alt.Color(
                "gender_label:N", title=t("field.gender", lang), scale=gender_scale(lang)
            ),
            tooltip=[
                alt.Tooltip("group_label:N", title=t("chart.group", lang)),
                alt.Tooltip("gender_label:N", title=t("field.gender", lang)),
                alt.Tooltip("n:Q", title=t("chart.count", lang)),
            ],
        )
        .properties(height=260)
    )


def demand_supply(long: pl.DataFrame, lang: str) -> alt.Chart:
    """Adepts (demand) against mentor seats (supply) per group, as grouped horizontal bars.

    ``long`` is :func:`smile_core.readiness.demand_supply_long` of a field or region table.
    """
    frame = long.select(
        "value", group_label=pl.col(f"label_{lang}"), measure_label=pl.col(f"measure_{lang}")
    )
    measures = frame["measure_label"].unique(maintain_order=True).to_list()
    order = frame["group_label"].unique(maintain_order=True).to_list()
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("group_label:N", title=None, sort=order),
            yOffset=alt.YOffset("measure_label:N", sort=measures),
            x=alt.X("value:Q", title=t("chart.count", lang)),
            color=alt.Color(
                "measure_label:N",
                title=None,
                sort=measures,
                scale=alt.Scale(domain=measures, range=["#E69F00", PRIMARY]),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("group_label:N", title=t("chart.group", lang)),
                alt.Tooltip("measure_label:N", title=t("chart.measure", lang)),
                alt.Tooltip("value:Q", title=t("chart.count", lang)),
            ],
        )
        .properties(height=alt.Step(14))
    )
