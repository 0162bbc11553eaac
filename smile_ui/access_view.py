"""The pages for steering groups and administrators: each programme's suppressed figures, and
the accounts. Both read through :func:`smile_ui.persistence.service`, which refuses what the
user may not see; a hidden figure is shown as "–", like every hidden figure in SMILE."""

from __future__ import annotations

import polars as pl
import streamlit as st

from smile_core.access import Role
from smile_core.store import StoreError
from smile_core.text import t
from smile_ui import equality_view, persistence
from smile_ui.formatting import Label
from smile_ui.programmes_view import generation_counts_view, refusal
from smile_ui.text import literal, number


def programme_figures(lang: str) -> None:
    """Applicants, matched and match rate by gender for every cohort of the user's programmes,
    from each cohort's agreed plan (else its latest plan), small groups hidden; for a plan
    with roles also, per role and the placement, how many of each gender need it and have it
    (protected with those, as on the Equality page)."""
    service = persistence.service()
    programmes = service.list_programmes()
    if not programmes:
        st.info(t("figures.no_programmes", lang), icon=":material/info:")
        return
    gender = Label("gender", lang)
    for programme in programmes:
        st.subheader(literal(programme.name))
        cohorts = service.list_cohorts(programme.id)
        if not cohorts:
            st.caption(t("programmes.no_cohorts", lang))
        for cohort in cohorts:
            figures = service.cohort_figures(cohort.id)
            st.markdown(f"**{literal(cohort.name)}**")
            if figures is None:
                st.caption(t("figures.no_plan", lang))
                continue
            rows = [
                {
                    t("field.gender", lang): t("figures.everyone", lang)
                    if row["gender"] is None
                    else gender(row["gender"]),
                    t("figures.applicants", lang): number(row["applicants"], lang),
                    t("figures.matched", lang): number(row["matched"], lang),
                    t("figures.match_rate", lang): number(row["match_rate"], lang)
                    + ("" if row["match_rate"] is None else " %"),
                }
                for row in figures.iter_rows(named=True)
            ]
            st.dataframe(pl.DataFrame(rows), hide_index=True)
            # Without an agreed plan the figures are the coordinator's latest run: a draft that
            # may change with their next try (found in a review: they read as agreed).
            source = service.cohort_figures_run(cohort.id)
            if source is not None and not source.agreed:
                st.warning(t("figures.draft", lang, run=source.id), icon=":material/draft:")
            by_role = service.cohort_role_figures(cohort.id)
            if by_role is not None:
                setup, role_figures = by_role
                st.markdown(f"**{t('figures.by_role', lang, cohort=literal(cohort.name))}**")
                equality_view.role_equality(role_figures, setup, lang)
        # Group mentoring: the cascade's generations, counts only (suppressed).
        generations = service.generation_figures(programme.id)
        if generations is not None:
            st.markdown(f"**{t('programmes.generations.heading', lang)}**")
            generation_counts_view(generations, lang)
    st.caption(t("figures.hidden_note", lang))


def users(lang: str) -> None:
    """The accounts (name, role, programmes) and a form to add one."""
    service = persistence.service()
    listed = service.list_users()
    if not listed:
        st.info(t("users.none", lang), icon=":material/info:")
    else:
        st.dataframe(
            pl.DataFrame(
                [
                    {
                        t("users.name", lang): u.name,
                        t("users.role", lang): t(f"login.role.{u.role}", lang),
                        t("users.programmes", lang): ", ".join(
                            str(p) for p in sorted(u.programme_ids)
                        ),
                    }
                    for u in listed
                ]
            ),
            hide_index=True,
        )
    programmes = {p.id: p.name for p in service.list_programmes()}
    with st.form("add_user", clear_on_submit=True):
        st.markdown(f"**{t('users.add', lang)}**")
        name = st.text_input(t("users.name", lang), max_chars=120)
        role = st.selectbox(
            t("users.role", lang), [r.value for r in Role], format_func=Label("login.role", lang)
        )
        chosen = st.multiselect(
            t("users.programmes", lang), list(programmes), format_func=programmes.__getitem__
        )
        password = st.text_input(t("login.password", lang), type="password", max_chars=200)
        if st.form_submit_button(t("users.add", lang), icon=":material/person_add:"):
            try:
                service.add_user(name, role, password, programme_ids=chosen)
            except StoreError as error:
                refusal(error, lang)
            else:
                st.success(t("users.added", lang, name=literal(name)))
