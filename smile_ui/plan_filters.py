"""The filter, sort and page widgets over the plan's rows, shared by the Matching page's editor
and the Pairs page's table. The filtering itself is
:func:`smile_core.matching.plan_view.view_rows`."""

from __future__ import annotations

import dataclasses

import polars as pl
import streamlit as st

from smile_core.matching.plan_view import SORTS, PlanView, ViewPage, natural_order, view_rows
from smile_core.text import t
from smile_ui.formatting import Label


def paged_view(rows: pl.DataFrame, key: str, lang: str) -> tuple[PlanView, ViewPage]:
    """Draw the filters (search, workplaces, adept's gender, score range, unmatched only),
    the sort and the page number over ``rows`` (the plan editor's rows); return the view
    asked for (its page clamped to the pages there are) and that page of rows.

    ``key`` prefixes the widgets' keys (one set per programme). Widgets whose options are
    words of the UI language carry the language in their key (see ``smile_ui.formatting``).
    """
    top = st.columns([3, 3, 2])
    search = top[0].text_input(t("plan.view.search", lang), key=f"{key}_search")
    workplaces = top[1].multiselect(
        t("plan.view.workplaces", lang),
        options=natural_order(rows["workplace_name"].drop_nulls().to_list()),
        placeholder=t("app.choose", lang),
        key=f"{key}_workplaces",
    )
    sort = top[2].selectbox(
        t("plan.view.sort", lang),
        options=SORTS,
        format_func=Label("plan.view.sort", lang),
        key=f"{key}_sort_{lang}",
    )
    bottom = st.columns([3, 3, 2])
    genders = bottom[0].multiselect(
        t("plan.view.genders", lang),
        options=natural_order(rows["adept_gender"].drop_nulls().to_list()),
        format_func=Label("gender", lang),
        placeholder=t("app.choose", lang),
        key=f"{key}_genders_{lang}",
    )
    low, high = bottom[1].slider(
        t("plan.view.scores", lang),
        min_value=0,
        max_value=100,
        value=(0, 100),
        key=f"{key}_scores",
    )
    unmatched = bottom[2].toggle(t("plan.view.unmatched", lang), key=f"{key}_unmatched")
    view = PlanView(
        search=search,
        workplaces=tuple(workplaces),
        genders=tuple(genders),
        score_min=float(low),
        score_max=float(high),
        unmatched_only=unmatched,
        sort=sort,
    )
    page_key = f"{key}_page"
    asked = int(st.session_state.get(page_key, 1))
    page = view_rows(rows, dataclasses.replace(view, page=asked))
    if page.page != asked:
        # Fewer pages than before (a narrower filter): show the last one. Set before the
        # number box is drawn in this run, which Streamlit allows.
        st.session_state[page_key] = page.page
    view = dataclasses.replace(view, page=page.page)
    if page.pages > 1:
        left, _ = st.columns([1, 4])
        left.number_input(
            t("plan.view.page", lang), min_value=1, max_value=page.pages, step=1, key=page_key
        )
    first = (page.page - 1) * view.page_size + 1
    if page.total:
        st.caption(
            t(
                "plan.view.shown",
                lang,
                first=first,
                last=first + page.rows.height - 1,
                total=page.total,
                page=page.page,
                pages=page.pages,
            )
        )
    else:
        st.caption(t("plan.view.none", lang))
    return view, page
