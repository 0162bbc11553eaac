"""The steering group's equality figures on screen: tables with hidden cells shown as "–",
traffic lights against the targets, and the charts.

Every frame drawn here comes from :mod:`smile_core.equality.figures`, already suppressed;
charts get only the published cells, and mark a hidden one as hidden (never draw it as 0).
"""

from __future__ import annotations

import altair as alt
import polars as pl
import streamlit as st

from smile_core.equality.figures import MAX_JUDGED_WORKPLACES, workplace_mix_words
from smile_core.equality.suppression import suppressed_column
from smile_core.matching.role_view import role_name
from smile_core.matching.roles import RoleSetup
from smile_core.matching.settings import WorkplaceMix
from smile_core.text import gap_percent, t
from smile_ui import charts
from smile_ui.charts import (
    PRIMARY,
    STATUS_COLOURS,
    gender_scale,
    hidden_marks,
    with_gender_label,
)
from smile_ui.text import number, percent


def _shown(value: object, hidden: bool, lang: str, kind: str = "count") -> str:
    """A published figure as text in ``lang``; a hidden one as the suppression mark."""
    if hidden:
        return t("suppression.mark", lang)
    if value is None:
        return ""
    if kind == "share":
        return percent(value, lang)
    if kind == "score":
        return number(value, lang, 1)
    return number(value, lang)


def gender_overview(table: pl.DataFrame, lang: str) -> None:
    """Applicants, matched and not matched by gender, with rate and mean: a table and bars."""
    rows = []
    for row in table.iter_rows(named=True):
        gender = t(f"gender.{row['gender']}", lang) if row["gender"] else t("equality.all", lang)
        rows.append(
            {
                t("field.gender", lang): gender,
                t("equality.applicants", lang): _shown(
                    row["applicants"], row[suppressed_column("applicants")], lang
                ),
                t("equality.matched", lang): _shown(
                    row["matched"], row[suppressed_column("matched")], lang
                ),
                t("equality.not_matched", lang): _shown(
                    row["not_matched"], row[suppressed_column("not_matched")], lang
                ),
                t("equality.match_rate", lang): _shown(
                    row["match_rate"], row[suppressed_column("match_rate")], lang, "share"
                ),
                t("equality.mean_score", lang): _shown(
                    row["mean_score"], row[suppressed_column("mean_score")], lang, "score"
                ),
            }
        )
    st.dataframe(pl.DataFrame(rows), hide_index=True)
    # Every gender row's applicants and matched: published values as bars, hidden ones as a
    # "hidden" mark (never a bar of 0). Only the published numbers reach the browser.
    frame = (
        with_gender_label(table.filter(pl.col("gender").is_not_null()), lang)
        .with_columns(
            pl.struct(value="applicants", hidden=suppressed_column("applicants")).alias("a"),
            pl.struct(value="matched", hidden=suppressed_column("matched")).alias("m"),
        )
        .unpivot(on=["a", "m"], index="gender_label", variable_name="measure")
        .unnest("value")
        .with_columns(
            measure=pl.col("measure").replace_strict(
                {"a": t("equality.applicants", lang), "m": t("equality.matched", lang)}
            )
        )
        .filter(pl.col("value").is_not_null() | pl.col("hidden"))
    )
    if frame.is_empty():
        return
    measures = [t("equality.applicants", lang), t("equality.matched", lang)]
    x = alt.X(
        "gender_label:N", title=None, sort=gender_scale(lang).domain, axis=alt.Axis(labelAngle=0)
    )
    offset = alt.XOffset("measure:N", sort=measures)
    bars = (
        alt.Chart(frame)
        .transform_filter("!datum.hidden")
        .mark_bar()
        .encode(
            x=x,
            xOffset=offset,
            y=alt.Y("value:Q", title=t("chart.count", lang)),
            color=alt.Color(
                "measure:N",
                title=None,
                scale=alt.Scale(domain=measures, range=["#bdbdbd", PRIMARY]),
                sort=measures,
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("gender_label:N", title=t("field.gender", lang)),
                alt.Tooltip("measure:N", title=t("chart.measure", lang)),
                alt.Tooltip("value:Q", title=t("chart.count", lang)),
            ],
        )
    )
    chart = alt.layer(bars, hidden_marks(frame, x, offset, "hidden", lang)).properties(height=240)
    charts.show(lang, chart, width="stretch")


_BADGE_COLOURS = {
    "green": "green",
    "amber": "orange",
    "red": "red",
    "hidden": "gray",
    "no_target": "blue",
}
_BADGE_ICONS = {
    "green": ":material/check_circle:",
    "amber": ":material/error:",
    "red": ":material/cancel:",
    "hidden": ":material/visibility_off:",
    "no_target": ":material/trending_up:",
}


def role_equality(figures: pl.DataFrame, setup: RoleSetup, lang: str) -> None:
    """Equality by role (and the placement): per role and gender row, how many need it, how
    many have it and the share, from :func:`~smile_core.equality.role_figures.
    role_gender_figures` (already suppressed), hidden figures as the mark."""
    rows = [
        {
            t("roles_ui.column.role", lang): role_name(setup, row["column"], lang),
            t("field.gender", lang): t(f"gender.{row['gender']}", lang)
            if row["gender"]
            else t("equality.all", lang),
            t("roles_ui.column.needed", lang): _shown(
                row["needed"], row[suppressed_column("needed")], lang
            ),
            t("roles_ui.column.filled", lang): _shown(
                row["filled"], row[suppressed_column("filled")], lang
            ),
            t("roles_ui.column.share", lang): _shown(
                row["share"], row[suppressed_column("share")], lang, "share"
            ),
        }
        for row in figures.iter_rows(named=True)
    ]
    st.dataframe(pl.DataFrame(rows), hide_index=True)


def targets(checks: pl.DataFrame, rule: WorkplaceMix, lang: str) -> None:
    """Each equality figure against its target, with a green, amber or red badge (``rule``:
    the workplace mix the settings ask for, to name its share)."""
    widths = [4, 1.2, 1.2, 2.2, 1]
    header = st.columns(widths)
    for column, key in zip(
        header,
        ("what", "value", "target", "status", "rule"),
        strict=True,
    ):
        column.markdown(f"**{t(f'equality.target.{key}', lang)}**")
    for row in checks.iter_rows(named=True):
        status = row["status"]
        value = _shown(row["value"], status == "hidden", lang, "score")
        target = (
            t("equality.target.none", lang)
            if row["target"] is None
            else t("equality.target.at_most", lang, points=number(row["target"], lang, 1))
        )
        if row["rule"] == "match_rate":
            what = t("equality.target.match_rate", lang, gender=t(f"gender.{row['gender']}", lang))
        elif row["rule"] == "quality":
            what = t("equality.target.quality", lang)
        else:
            what, value, target = workplace_mix_words(row, rule, lang)
            value = value or t("suppression.mark", lang)
        what_column, value_column, target_column, status_column, rule_column = st.columns(widths)
        what_column.write(what)
        value_column.write(value)
        target_column.write(target)
        with status_column:
            st.badge(
                t(f"equality.status.{status}", lang),
                icon=_BADGE_ICONS[status],
                color=_BADGE_COLOURS[status],
            )
        rule_column.write(t("equality.rule_on" if row["enabled"] else "equality.rule_off", lang))
    st.caption(t("equality.target.legend", lang))


def workplace_mix(mix: pl.DataFrame, lang: str, *, judged: bool = True) -> None:
    """Women and men placed per workplace (published cells only), and how many are hidden;
    ``judged`` False: the programme has too many workplaces to judge them one by one, so all
    are hidden (:func:`smile_core.equality.figures.workplaces_judged`) and the page says so."""
    totals = mix.filter(pl.col("gender").is_null())
    hidden = totals.filter(pl.col(suppressed_column("n"))).height
    # Bars only for published counts above 0: a published 0 draws nothing, so a chart of
    # zeros alone (every other cell hidden) is an empty frame, and says so in words instead.
    drawn = mix.filter(pl.col("gender").is_not_null() & (pl.col("n") > 0))
    by_gender = with_gender_label(drawn, lang).select("workplace", "gender_label", "n")
    # Workplaces with adepts placed (or a hidden total) but no bar: their split is hidden.
    placed = totals.filter(pl.col(suppressed_column("n")) | (pl.col("n") > 0))
    not_drawn = placed.filter(~pl.col("workplace_id").is_in(drawn["workplace_id"].implode()))
    if not judged:
        st.info(
            t("equality.workplaces.too_many", lang, most=MAX_JUDGED_WORKPLACES),
            icon=":material/visibility_off:",
        )
    elif by_gender.is_empty():
        st.info(t("equality.workplaces.all_hidden", lang), icon=":material/visibility_off:")
    else:
        if not not_drawn.is_empty():
            st.caption(
                t(
                    "equality.workplaces.some_hidden",
                    lang,
                    count=not_drawn.height,
                    total=placed.height,
                )
            )
        chart = (
            alt.Chart(by_gender)
            .mark_bar()
            .encode(
                y=alt.Y("workplace:N", title=None),
                x=alt.X(
                    "n:Q",
                    title=t("chart.count", lang),
                    stack="zero",
                    axis=alt.Axis(tickMinStep=1, format="d"),
                ),
                color=alt.Color(
                    "gender_label:N", title=t("field.gender", lang), scale=gender_scale(lang)
                ),
                tooltip=[
                    alt.Tooltip("workplace:N", title=t("field.workplace_id", lang)),
                    alt.Tooltip("gender_label:N", title=t("field.gender", lang)),
                    alt.Tooltip("n:Q", title=t("chart.count", lang)),
                ],
            )
            .properties(height=alt.Step(22))
        )
        charts.show(lang, chart, width="stretch")
    rows = [
        {
            t("field.workplace_id", lang): row["workplace"],
            t("equality.workplaces.placed", lang): _shown(
                row["n"], row[suppressed_column("n")], lang
            ),
            t("equality.workplaces.women_share", lang): _shown(
                row["women_share"], row[suppressed_column("women_share")], lang, "share"
            ),
        }
        for row in totals.iter_rows(named=True)
    ]
    with st.expander(t("equality.workplaces.table", lang, hidden=hidden, total=totals.height)):
        st.dataframe(pl.DataFrame(rows), hide_index=True)


def tradeoff(
    frame: pl.DataFrame, chosen: float | None, lang: str, *, on_curve: bool = True
) -> None:
    """The price-of-equality curve: total score and matched adepts per target, the target
    now in the settings marked when the settings' plan is a point of it (``on_curve``: the
    rule off or strict; otherwise nothing is marked and a caption says why). Only proven
    points (optimal, gap 0) form the line; a point whose search stopped early is a hollow
    marker with a bar up to its bound, and named below the chart with its gap — never
    plotted as a result."""
    off = t("equality.price.off", lang)
    shown = frame.with_columns(
        target_label=pl.when(pl.col("target").is_null())
        .then(pl.lit(off))
        .otherwise(pl.col("target").map_elements(lambda v: number(v, lang, 1), pl.String)),
        chosen=(
            pl.lit(False)
            if not on_curve
            else pl.col("target").is_null()
            if chosen is None
            else pl.col("target") == chosen
        ).fill_null(False),
        best_bound=pl.max_horizontal("best_bound", "total_score"),
    ).select(
        "target_label",
        "total_score",
        "matched",
        "feasible",
        "proven",
        "gap",
        "best_bound",
        "chosen",
    )
    order = shown["target_label"].to_list()
    base = alt.Chart(shown.filter(pl.col("feasible"))).encode(
        x=alt.X(
            "target_label:N",
            sort=order,
            title=t("equality.price.target", lang),
            axis=alt.Axis(labelAngle=0),
        ),
        tooltip=[
            alt.Tooltip("target_label:N", title=t("equality.price.target", lang)),
            alt.Tooltip(
                "total_score:Q", title=t("matching.figures.total_score", lang), format=".2f"
            ),
            alt.Tooltip("matched:Q", title=t("matching.figures.matched", lang)),
        ],
    )
    # The same room for both y axes, so the two charts' columns line up.
    y_axis = alt.Axis(minExtent=48)
    y_score = alt.Y(
        "total_score:Q",
        title=t("matching.figures.total_score", lang),
        scale=alt.Scale(zero=False),
        axis=y_axis,
    )
    score = (
        base.transform_filter(alt.datum.proven)
        .mark_line(point=True, color=PRIMARY)
        .encode(y=y_score)
    )
    unproven = base.transform_filter("!datum.proven")
    unproven_marks = unproven.mark_point(
        shape="triangle-up", filled=False, size=120, color=PRIMARY
    ).encode(y=y_score)
    unproven_bars = unproven.mark_rule(color=PRIMARY, strokeDash=[3, 3]).encode(
        y=y_score, y2="best_bound:Q"
    )
    marked = (
        base.transform_filter(alt.datum.chosen)
        .mark_point(size=260, shape="diamond", filled=True, color=STATUS_COLOURS["red"])
        .encode(y="total_score:Q")
    )
    matched = base.mark_bar(color="#bdbdbd").encode(
        y=alt.Y("matched:Q", title=t("matching.figures.matched", lang), axis=y_axis)
    )
    # Two charts one above the other, not one vconcat: a layered chart inside a vconcat is
    # drawn wider than its column (Streamlit issue 13974; 893 px in an 820 px column). Each
    # is fitted to its height with its axes, hence the heights.
    charts.show(
        lang,
        (score + unproven_bars + unproven_marks + marked).properties(height=300),
        width="stretch",
    )
    charts.show(lang, matched.properties(height=200), width="stretch")
    within = shown.filter(pl.col("feasible") & ~pl.col("proven"))
    if within.height:
        listed = ", ".join(
            f"{label} ({gap_percent(gap, lang)})"
            for label, gap in zip(within["target_label"], within["gap"], strict=True)
        )
        st.caption(t("equality.price.unproven", lang, targets=listed))
    infeasible = shown.filter(~pl.col("feasible"))["target_label"].to_list()
    if infeasible:
        st.caption(t("equality.price.infeasible", lang, targets=", ".join(infeasible)))
    if not on_curve:
        st.caption(t("equality.price.not_on_curve", lang))
    st.caption(t("equality.price.legend", lang))
