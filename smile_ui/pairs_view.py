"""Charts of the pairs for the coordinator, linked so that a choice in one filters the others.

- :func:`distribution_chart`: the score distribution by gender above every pair's score; click
  a gender in the legend, or drag over a score range, and the pairs below follow. Clicking a
  pair opens its score parts (the page's adept choice follows the click).
- :func:`components_chart`: one pair's score, part by part.
- :func:`capacity_chart`: workplaces' use against capacity; click one and its mentors show.
- :func:`heatmap_chart`: scores between a chosen group of adepts and of mentors.
"""

from __future__ import annotations

import altair as alt
import polars as pl
import streamlit as st

from smile_core.matching.pair_views import PENALTY
from smile_core.matching.plan_view import workplace_page_of
from smile_core.text import t
from smile_ui.charts import PRIMARY, STATUS_COLOURS, gender_scale, with_gender_label
from smile_ui.errors import guarded

#: The widget key of the distribution chart and of the adept whose pair is shown.
DISTRIBUTION_KEY = "pairs_distribution"
ADEPT_KEY = "pairs_adept"
#: The most adepts and mentors a heat map shows.
HEATMAP_MAX = 60
#: Width in pixels of each chart in a stack of linked charts (Streamlit sizes only the whole).
CONCAT_WIDTH = 560
#: Workplaces per page of the strip and capacity charts: one row each, so at 1,000 adepts
#: (125 workplaces, 700 mentors) the page stays a few screens tall instead of 20,000 px.
WORKPLACES_PER_PAGE = 25


def workplace_page(
    mentors: pl.DataFrame, workplaces: pl.DataFrame, key: str, lang: str
) -> tuple[pl.DataFrame, pl.DataFrame, list[str] | None]:
    """Draw the workplace page number (when there is more than one page of
    :data:`WORKPLACES_PER_PAGE`) and return that page's mentors and workplaces
    (:func:`smile_core.matching.pair_views.capacity_use` frames) and its workplace names in
    numeric-aware order (None without workplaces: the charts then show every pair)."""
    asked = int(st.session_state.get(key, 1))
    workplaces, page = workplace_page_of(workplaces, asked, WORKPLACES_PER_PAGE)
    if page.pages and page.page != asked:
        st.session_state[key] = page.page  # fewer workplaces than before; set before drawn
    if page.pages > 1:
        st.number_input(
            t("pairs.workplaces.page", lang),
            min_value=1,
            max_value=page.pages,
            step=1,
            key=key,
        )
        st.caption(
            t(
                "pairs.workplaces.shown",
                lang,
                first=page.first,
                last=page.last,
                total=page.total,
            )
        )
    mentors = mentors.filter(pl.col("workplace_id").is_in(workplaces["workplace_id"].to_list()))
    names = workplaces["workplace_name"].to_list() if page.pages else None
    return mentors, workplaces, names


def distribution_chart(
    pairs: pl.DataFrame, lang: str, workplaces: list[str] | None = None
) -> alt.VConcatChart:
    """Histogram of every pair's score by adept gender over a strip of the pairs at
    ``workplaces`` (one row each, in that order; all workplaces when None), linked.

    ``pairs`` is :func:`smile_core.matching.plan_table.plan_frame` of the plan on screen; the data
    carries every pair once (the histogram counts them all), with ``on_page`` saying which
    the strip shows.
    """
    on_page = pl.lit(True) if workplaces is None else pl.col("workplace_name").is_in(workplaces)
    data = with_gender_label(pairs, lang, column="adept_gender").select(
        "adept_id",
        "adept_name",
        "mentor_name",
        "workplace_name",
        "score",
        "gender_label",
        on_page=on_page,
    )
    gender = alt.selection_point(name="gender", fields=["gender_label"], bind="legend")
    band = alt.selection_interval(name="scores", encodings=["x"])
    pair = alt.selection_point(name="pair", fields=["adept_id"], on="click")
    colour = alt.Color("gender_label:N", title=t("field.gender", lang), scale=gender_scale(lang))
    histogram = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "score:Q",
                bin=alt.Bin(extent=[0, 100], step=5),
                title=t("matching.plan.score", lang),
            ),
            y=alt.Y("count():Q", title=t("chart.count", lang), stack="zero"),
            color=colour,
            opacity=alt.condition(gender, alt.value(1.0), alt.value(0.25)),
            tooltip=[
                alt.Tooltip("gender_label:N", title=t("field.gender", lang)),
                alt.Tooltip("count():Q", title=t("chart.count", lang)),
            ],
        )
        .add_params(gender, band)
        .properties(height=180)
    )
    strip = (
        alt.Chart(data)
        .mark_circle(size=70)
        .encode(
            x=alt.X(
                "score:Q", title=t("matching.plan.score", lang), scale=alt.Scale(domain=[0, 100])
            ),
            y=alt.Y(
                "workplace_name:N",
                title=None,
                sort=workplaces,
                axis=alt.Axis(labelLimit=240, labelOverlap=False),
            ),
            color=colour,
            opacity=alt.condition(pair, alt.value(1.0), alt.value(0.7)),
            size=alt.condition(pair, alt.value(180), alt.value(70)),
            tooltip=[
                alt.Tooltip("adept_name:N", title=t("matching.plan.adept", lang)),
                alt.Tooltip("mentor_name:N", title=t("matching.plan.mentor", lang)),
                alt.Tooltip("workplace_name:N", title=t("field.workplace_id", lang)),
                alt.Tooltip("score:Q", title=t("matching.plan.score", lang), format=".1f"),
            ],
        )
        .transform_filter(alt.datum.on_page)
        .transform_filter(gender)
        .transform_filter(band)
        .add_params(pair)
        .properties(height=alt.Step(16))
    )
    return alt.vconcat(histogram, strip).resolve_scale(color="shared")


@guarded  # a callback runs before the page, outside app.py's guard
def on_pair_clicked() -> None:
    """Make a clicked pair's adept the one whose score parts are shown."""
    event = st.session_state.get(DISTRIBUTION_KEY)
    chosen = (event or {}).get("selection", {}).get("pair") or []
    if chosen and "adept_id" in chosen[0]:
        st.session_state[ADEPT_KEY] = chosen[0]["adept_id"]


def components_chart(breakdown: pl.DataFrame, lang: str) -> alt.Chart:
    """One pair's score as bars of points per component; the penalty in red below zero.

    ``breakdown`` is :func:`smile_core.matching.pair_views.score_breakdown`.
    """
    data = breakdown.with_columns(
        part=pl.col("component").replace_strict(
            {c: t(f"component.{c}", lang) for c in breakdown["component"].to_list()}
        ),
        kind=pl.when(pl.col("component") == PENALTY)
        .then(pl.lit("penalty"))
        .otherwise(pl.lit("part")),
    ).select("part", "kind", "value", "weight", "points")
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("part:N", title=None, sort=None, axis=alt.Axis(labelLimit=240)),
            x=alt.X("points:Q", title=t("pairs.components.points", lang)),
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(domain=["part", "penalty"], range=[PRIMARY, STATUS_COLOURS["red"]]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("part:N", title=t("pairs.components.part", lang)),
                alt.Tooltip("value:Q", title=t("pairs.components.value", lang), format=".2f"),
                alt.Tooltip("weight:Q", title=t("pairs.components.weight", lang), format=".0%"),
                alt.Tooltip("points:Q", title=t("pairs.components.points", lang), format=".1f"),
            ],
        )
        .properties(height=alt.Step(24))
    )


def capacity_chart(mentors: pl.DataFrame, workplaces: pl.DataFrame, lang: str) -> alt.VConcatChart:
    """Workplaces' adepts against places; clicking a workplace shows its mentors (none until
    one is clicked, so the chart stays short however many mentors there are).

    Frames as :func:`smile_core.matching.pair_views.capacity_use` returns them (the caller passes
    one page of workplaces and their mentors).
    """
    place = alt.selection_point(name="workplace", fields=["workplace_id"], empty=False)
    adepts_title = t("pairs.capacity.adepts", lang)
    capacity_title = t("field.capacity", lang)

    def bars(frame: pl.DataFrame, name: str, title: str, selectable: bool) -> alt.LayerChart:
        base = alt.Chart(frame).encode(
            y=alt.Y(
                f"{name}:N",
                title=None,
                sort=None,
                axis=alt.Axis(labelLimit=240, labelOverlap=False),
            ),
            tooltip=[
                alt.Tooltip(f"{name}:N", title=title),
                alt.Tooltip("adepts:Q", title=adepts_title),
                alt.Tooltip("capacity:Q", title=capacity_title),
            ],
        )
        room = base.mark_bar(color="#e0e0e0").encode(
            x=alt.X("capacity:Q", title=adepts_title, axis=alt.Axis(tickMinStep=1, format="d"))
        )
        used = base.mark_bar(height=alt.RelativeBandSize(0.5)).encode(
            x="adepts:Q",
            color=alt.condition(
                alt.datum.free < 0, alt.value(STATUS_COLOURS["red"]), alt.value(PRIMARY)
            ),
        )
        if selectable:
            room = room.add_params(place)
            used = used.encode(opacity=alt.condition(place, alt.value(1.0), alt.value(0.4)))
        return alt.layer(room, used)

    workplace_bars = bars(
        workplaces.select("workplace_id", "workplace_name", "adepts", "capacity", "free"),
        "workplace_name",
        t("field.workplace_id", lang),
        selectable=True,
    ).properties(
        height=alt.Step(22), width=CONCAT_WIDTH, title=t("pairs.capacity.workplaces", lang)
    )
    mentor_bars = (
        bars(
            mentors.select("mentor_name", "workplace_id", "adepts", "capacity", "free"),
            "mentor_name",
            t("matching.plan.mentor", lang),
            selectable=False,
        )
        .transform_filter(place)
        .properties(
            height=alt.Step(18), width=CONCAT_WIDTH, title=t("pairs.capacity.mentors", lang)
        )
    )
    return alt.vconcat(workplace_bars, mentor_bars)


def heatmap_chart(grid: pl.DataFrame, lang: str) -> alt.LayerChart:
    """Scores between adepts (rows) and mentors (columns); pairs of the plan ringed, pairs the
    rules forbid in grey."""
    data = grid.select("adept_label", "mentor_label", "score", "allowed", "in_plan")
    base = alt.Chart(data).encode(
        x=alt.X(
            "mentor_label:N",
            title=t("matching.plan.mentor", lang),
            sort=None,
            axis=alt.Axis(labelAngle=-60, labelOverlap=False, labelLimit=160),
        ),
        y=alt.Y(
            "adept_label:N",
            title=t("matching.plan.adept", lang),
            sort=None,
            axis=alt.Axis(labelLimit=240, labelOverlap=False),
        ),
        tooltip=[
            alt.Tooltip("adept_label:N", title=t("matching.plan.adept", lang)),
            alt.Tooltip("mentor_label:N", title=t("matching.plan.mentor", lang)),
            alt.Tooltip("score:Q", title=t("matching.plan.score", lang), format=".1f"),
            alt.Tooltip("allowed:N", title=t("pairs.heatmap.allowed", lang)),
        ],
    )
    cells = base.mark_rect().encode(
        color=alt.condition(
            alt.datum.allowed,
            alt.Color(
                "score:Q",
                title=t("matching.plan.score", lang),
                scale=alt.Scale(scheme="viridis", domain=[0, 100]),
            ),
            alt.value("#d9d9d9"),
        )
    )
    chosen = base.transform_filter(alt.datum.in_plan).mark_point(
        shape="square", filled=False, color="white", strokeWidth=2, size=120
    )
    return alt.layer(cells, chosen).properties(height=alt.Step(16), width=alt.Step(16))
