"""Outcome figures on screen: status shares by group, rates, outcome by match score, survey.

Every frame drawn here comes from :mod:`smile_core.outcomes.outcome_figures`, already suppressed;
charts get the published cells only, and tables show a hidden figure as "–".
"""

from __future__ import annotations

import altair as alt
import polars as pl
import streamlit as st

from smile_core.equality.suppression import suppressed_column
from smile_core.ingest.problems import Report
from smile_core.matching.role_plan import RolePlan
from smile_core.matching.role_view import role_name
from smile_core.text import t
from smile_ui import charts
from smile_ui.charts import PRIMARY, hidden_marks, share_axis
from smile_ui.formatting import Label
from smile_ui.tables import show_report
from smile_ui.text import number, percent

#: One colour per follow-up status, work in greens, the rest apart.
STATUS_COLOURS: dict[str, str] = {
    "qualified_job": "#1b7837",
    "other_job": "#7fbf7b",
    "internship": "#56B4E9",
    "studies": "#CC79A7",
    "seeking_work": "#E69F00",
    "left_programme": "#999999",
}


def _mark(lang: str) -> str:
    return t("suppression.mark", lang)


def grouping_words(roles: RolePlan | None, lang: str) -> dict[str, str]:
    """The groupings the Outcomes page offers, in words: gender, cohort, field, workplace, and
    for a plan with roles one ``role:<column>`` per placement and role."""
    words = {by: t(f"outcomes.by.{by}", lang) for by in ("gender", "cohort", "field", "workplace")}
    if roles is not None:
        for column in roles.columns:
            name = role_name(roles.setup, column, lang)
            words[f"role:{column}"] = t("outcomes.by.role", lang, role=name)
    return words


def months_choice(lang: str, *, key: str) -> int:
    """The follow-up month a coordinator looks at (3, 6 or 12; 12 first), as one row of buttons."""
    return st.radio(
        t("outcomes.months", lang),
        options=[3, 6, 12],
        index=2,
        format_func=Label("outcomes.months", lang),
        horizontal=True,
        key=key,
    )


def import_report(kind: str, report: Report, ok: bool, lang: str) -> None:
    """How reading one outcome file went: loaded or not, and its problems as a table."""
    if ok:
        st.success(t(f"outcomes.import.{kind}_loaded", lang), icon=":material/check:")
    else:
        st.error(
            t(f"outcomes.import.{kind}_failed", lang, errors=len(report.errors)),
            icon=":material/error:",
        )
    show_report(report, lang)


def status_shares(rates: pl.DataFrame, lang: str) -> None:
    """Stacked bars: each group's adepts by status (shares of the group). A hidden share is
    left out of the bar, which then ends short of 100 %, and the group is labelled "partly
    hidden" (or "hidden"): a hidden value is never drawn as 0."""
    shown = rates.filter(pl.col("share").is_not_null()).select(
        group=pl.col(f"label_{lang}"),
        group_order="group_order",
        status=pl.col(f"status_{lang}"),
        status_order="status_order",
        share="share",
        n="n",
    )
    if shown.is_empty():
        st.info(t("outcomes.all_hidden", lang), icon=":material/visibility_off:")
        return
    statuses = (
        rates.unique("status", maintain_order=True).sort("status_order")[f"status_{lang}"].to_list()
    )
    codes = rates.unique("status", maintain_order=True).sort("status_order")["status"].to_list()
    groups = shown.unique("group", maintain_order=True).sort("group_order")["group"].to_list()
    marked = (
        rates.group_by(pl.col(f"label_{lang}").alias("group"), maintain_order=True)
        .agg(hidden=pl.col("share_suppressed").sum(), total=pl.len())
        .filter(pl.col("hidden") > 0)
        .select(
            "group",
            note=pl.when(pl.col("hidden") == pl.col("total"))
            .then(pl.lit(t("suppression.hidden", lang)))
            .otherwise(pl.lit(t("suppression.partly_hidden", lang))),
        )
    )
    notes = (
        alt.Chart(marked)
        .mark_text(align="right", dx=-4, color="#6b7785", fontStyle="italic")
        .encode(y=alt.Y("group:N", sort=groups), x=alt.datum(1), text="note:N")
    )
    chart = (
        alt.Chart(shown)
        .mark_bar()
        .encode(
            y=alt.Y("group:N", title=None, sort=groups, axis=alt.Axis(labelLimit=240)),
            x=share_axis(alt.X, "share:Q", t("outcomes.share", lang)),
            color=alt.Color(
                "status:N",
                title=t("outcomes.status", lang),
                scale=alt.Scale(
                    domain=statuses, range=[STATUS_COLOURS.get(c, "#999999") for c in codes]
                ),
                legend=alt.Legend(orient="bottom", columns=3),
            ),
            order=alt.Order("status_order:Q"),
            tooltip=[
                alt.Tooltip("group:N", title=t("chart.group", lang)),
                alt.Tooltip("status:N", title=t("outcomes.status", lang)),
                alt.Tooltip("n:Q", title=t("chart.count", lang)),
                alt.Tooltip("share:Q", title=t("outcomes.share", lang), format=".0%"),
            ],
        )
        .properties(height=alt.Step(28))
    )
    charts.show(lang, alt.layer(chart, notes) if marked.height else chart, width="stretch")


def rates_table(groups: pl.DataFrame, lang: str) -> None:
    """One row per group: followed up, in work and in a qualified job (count and share)."""

    def shown(row: dict, column: str, kind: str = "count") -> str:
        if row[suppressed_column(column)]:
            return _mark(lang)
        value = row[column]
        if value is None:
            return ""
        return percent(value, lang) if kind == "share" else number(value, lang)

    rows = [
        {
            t("chart.group", lang): row[f"label_{lang}"],
            t("outcomes.followed_up", lang): shown(row, "group_total"),
            t("outcomes.in_work", lang): shown(row, "in_work_rate", "share"),
            t("outcomes.qualified", lang): shown(row, "qualified_rate", "share"),
        }
        for row in groups.iter_rows(named=True)
    ]
    st.dataframe(pl.DataFrame(rows), hide_index=True)


def by_score(groups: pl.DataFrame, lang: str) -> None:
    """In-work share per match-score band; a hidden band is marked "hidden", never drawn as 0."""
    every = groups.select(
        band=pl.col(f"label_{lang}"),
        group_order="group_order",
        in_work_rate="in_work_rate",
        group_total="group_total",
        hidden="in_work_rate_suppressed",
    )
    shown = every.filter(pl.col("in_work_rate").is_not_null())
    if shown.is_empty():
        st.info(t("outcomes.score.all_hidden", lang), icon=":material/visibility_off:")
        return
    band_axis = alt.X(
        "band:N",
        title=t("outcomes.score.band", lang),
        sort=every.sort("group_order")["band"].to_list(),
        axis=alt.Axis(labelAngle=0),
    )
    chart = (
        alt.Chart(shown)
        .mark_bar(color=PRIMARY)
        .encode(
            x=band_axis,
            y=share_axis(alt.Y, "in_work_rate:Q", t("outcomes.in_work", lang)),
            tooltip=[
                alt.Tooltip("band:N", title=t("outcomes.score.band", lang)),
                alt.Tooltip("in_work_rate:Q", title=t("outcomes.in_work", lang), format=".0%"),
                alt.Tooltip("group_total:Q", title=t("outcomes.followed_up", lang)),
            ],
        )
        .properties(height=220)
    )
    marks = hidden_marks(every.select("band", "hidden"), band_axis, None, "hidden", lang)
    charts.show(lang, alt.layer(chart, marks), width="stretch")


def survey(summary: pl.DataFrame, lang: str) -> None:
    """The share agreeing (answers 4–5) per item and role, with the mean where published; a
    hidden share is marked "hidden", never drawn as 0."""
    items = summary.unique(["role", "item"], maintain_order=True)
    every = items.select(
        item=pl.col(f"item_{lang}"),
        role=pl.col("role").replace_strict(
            {r: t(f"outcomes.role.{r}", lang) for r in ("adept", "mentor")},
            default=pl.col("role"),
        ),
        agree_share="agree_share",
        respondents="respondents",
        mean="mean",
        hidden="agree_share_suppressed",
    )
    shown = every.filter(pl.col("agree_share").is_not_null())
    if shown.is_empty():
        st.info(t("outcomes.survey.all_hidden", lang), icon=":material/visibility_off:")
        return
    hidden = (
        alt.Chart(every.filter(pl.col("hidden")).select("item", "role"))
        .mark_text(
            text=t("suppression.hidden", lang),
            align="left",
            dx=4,
            color="#6b7785",
            fontStyle="italic",
        )
        .encode(y=alt.Y("item:N", sort=None), yOffset=alt.YOffset("role:N"), x=alt.datum(0))
    )
    chart = (
        alt.Chart(shown)
        .mark_bar()
        .encode(
            y=alt.Y("item:N", title=None, sort=None, axis=alt.Axis(labelLimit=320)),
            yOffset=alt.YOffset("role:N"),
            x=share_axis(alt.X, "agree_share:Q", t("outcomes.survey.agree", lang)),
            color=alt.Color(
                "role:N",
                title=t("outcomes.survey.role", lang),
                scale=alt.Scale(range=[PRIMARY, "#E69F00"]),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("role:N", title=t("outcomes.survey.role", lang)),
                alt.Tooltip("item:N", title=t("outcomes.survey.item", lang)),
                alt.Tooltip("agree_share:Q", title=t("outcomes.survey.agree", lang), format=".0%"),
                alt.Tooltip("mean:Q", title=t("outcomes.survey.mean", lang), format=".2f"),
                alt.Tooltip("respondents:Q", title=t("outcomes.survey.respondents", lang)),
            ],
        )
        .properties(height=alt.Step(24))
    )
    charts.show(lang, alt.layer(chart, hidden) if every["hidden"].any() else chart, width="stretch")
