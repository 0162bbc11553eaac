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
import streamlit as st
from babel.numbers import get_decimal_symbol, get_group_symbol

from smile_core.equality.metrics import GENDER_ORDER
from smile_core.text import LOCALES, t

#: One colour per gender, the same on every chart (colour-blind safe, Okabe–Ito).
GENDER_COLOURS: dict[str, str] = {
    "woman": "#CC79A7",
    "man": "#0072B2",
    "non_binary": "#E69F00",
    "undisclosed": "#999999",
    "other": "#E69F00",
}
#: Every gender row a chart may show: the four codes and the merged "other or not given".
CHART_GENDERS = (*GENDER_ORDER, "other")
#: Traffic-light colours for targets.
STATUS_COLOURS: dict[str, str] = {
    "green": "#2e7d32",
    "amber": "#f9a825",
    "red": "#c62828",
    "hidden": "#bdbdbd",
}
PRIMARY = "#1b6b73"


def vega_locale(lang: str) -> alt.Locale:
    """Vega's number locale for ``lang``, from the same Babel locale as every other number:
    Swedish axes and tooltips read "2 320" and "0,5", English ones "2,320" and "0.5"."""
    locale = LOCALES[lang]
    return alt.Locale(
        number=alt.NumberLocale(
            decimal=get_decimal_symbol(locale),
            thousands=get_group_symbol(locale),
            grouping=[3],
            currency=["", ""],
        )
    )


def localised(chart: alt.TopLevelMixin, lang: str) -> alt.TopLevelMixin:
    """``chart`` with Vega's number locale for ``lang`` (Vega formats numbers in English
    unless told). Applied last: a configured chart can no longer be layered."""
    return chart.configure(locale=vega_locale(lang))


def show(lang: str, chart: alt.TopLevelMixin, **options: object) -> None:
    """``st.altair_chart`` of ``chart`` with the number locale of ``lang``."""
    st.altair_chart(localised(chart, lang), **options)  # type: ignore[arg-type]


def share_axis(channel: type[alt.X] | type[alt.Y], field: str, title: str) -> alt.X | alt.Y:
    """A share's position channel (``alt.X`` or ``alt.Y``): 0 to 100 %, ticks as percentages."""
    return channel(field, title=title, axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1]))


def gender_scale(lang: str) -> alt.Scale:
    """The colour scale over gender labels in ``lang``, in the fixed order."""
    return alt.Scale(
        domain=[t(f"gender.{g}", lang) for g in CHART_GENDERS],
        range=[GENDER_COLOURS[g] for g in CHART_GENDERS],
    )


def with_gender_label(frame: pl.DataFrame, lang: str, column: str = "gender") -> pl.DataFrame:
    """``frame`` with a ``gender_label`` column: the gender code in words of ``lang``."""
    words = {g: t(f"gender.{g}", lang) for g in CHART_GENDERS}
    return frame.with_columns(
        gender_label=pl.col(column).replace_strict(words, default=None, return_dtype=pl.String)
    )


def counts_by_gender(counts: pl.DataFrame, lang: str) -> alt.LayerChart:
    """Grouped bars of adepts, mentors and mentor seats by gender, hidden ones marked.

    ``counts`` is :func:`smile_core.equality.figures.participant_counts` (protected) or, on
    the coordinator's own pages, :func:`smile_core.ingest.readiness.participant_counts` (every count
    shown); total rows (no gender) are left out. A hidden count draws no bar but the word
    "hidden" where the bar would stand: never a bar of 0.
    """
    if "n_suppressed" not in counts.columns:
        counts = counts.with_columns(n_suppressed=pl.lit(False))
    frame = with_gender_label(counts.filter(pl.col("gender").is_not_null()), lang).select(
        "gender_label", "n", "n_suppressed", group_label=pl.col(f"group_{lang}")
    )
    groups = frame["group_label"].unique(maintain_order=True).to_list()
    x = alt.X("group_label:N", title=None, sort=groups, axis=alt.Axis(labelAngle=0))
    offset = alt.XOffset("gender_label:N", sort=gender_scale(lang).domain)
    colour = alt.Color("gender_label:N", title=t("field.gender", lang), scale=gender_scale(lang))
    tooltip = [
        alt.Tooltip("group_label:N", title=t("chart.group", lang)),
        alt.Tooltip("gender_label:N", title=t("field.gender", lang)),
        alt.Tooltip("n:Q", title=t("chart.count", lang)),
    ]
    bars = (
        alt.Chart(frame)
        .transform_filter("!datum.n_suppressed")
        .mark_bar()
        .encode(x=x, xOffset=offset, y=alt.Y("n:Q", title=t("chart.count", lang)), color=colour)
        .encode(tooltip=tooltip)
    )
    return alt.layer(bars, hidden_marks(frame, x, offset, "n_suppressed", lang)).properties(
        height=260
    )


def hidden_marks(
    frame: pl.DataFrame, x: alt.X, offset: alt.XOffset | None, flag: str, lang: str
) -> alt.Chart:
    """The word "hidden" (and a dashed stub) at each hidden value's place on a bar chart.

    Rows where ``flag`` is true carry no value; the mark says the value is hidden rather than
    drawing it as 0.
    """
    encoding = {"x": x, "y": alt.datum(0)}
    if offset is not None:
        encoding["xOffset"] = offset
    return (
        alt.Chart(frame)
        .transform_filter(f"datum.{flag}")
        .mark_text(
            text=t("suppression.hidden", lang),
            angle=270,
            align="left",
            dx=4,
            color="#6b7785",
            fontStyle="italic",
        )
        .encode(**encoding)
    )


def demand_supply(long: pl.DataFrame, lang: str) -> alt.Chart:
    """Adepts (demand) against mentor seats (supply) per group, as grouped horizontal bars.

    ``long`` is :func:`smile_core.ingest.readiness.demand_supply_long` of a field or region table.
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


def generations(long: pl.DataFrame, lang: str) -> alt.LayerChart:
    """Groups and members per generation of a group cascade, as grouped bars; a hidden count
    draws the word "hidden", never a bar.

    ``long`` has ``generation_label``, ``measure_label``, ``value`` and ``hidden`` (from the
    suppressed :func:`smile_core.matching.group_cascade.generation_counts`, totals left out).
    """
    order = long["generation_label"].unique(maintain_order=True).to_list()
    measures = long["measure_label"].unique(maintain_order=True).to_list()
    x = alt.X("generation_label:N", title=None, sort=order, axis=alt.Axis(labelAngle=0))
    offset = alt.XOffset("measure_label:N", sort=measures)
    bars = (
        alt.Chart(long)
        .transform_filter("!datum.hidden")
        .mark_bar()
        .encode(
            x=x,
            xOffset=offset,
            y=alt.Y("value:Q", title=t("chart.count", lang)),
            color=alt.Color(
                "measure_label:N",
                title=None,
                sort=measures,
                scale=alt.Scale(domain=measures, range=[PRIMARY, "#E69F00"]),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("generation_label:N", title=t("chart.group", lang)),
                alt.Tooltip("measure_label:N", title=t("chart.measure", lang)),
                alt.Tooltip("value:Q", title=t("chart.count", lang)),
            ],
        )
    )
    return alt.layer(bars, hidden_marks(long, x, offset, "hidden", lang)).properties(height=260)
