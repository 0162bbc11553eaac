"""Outcomes kept in the database: imported follow-ups and evaluations stored once per cohort,
the demo's own files stored on request, and the follow-ups of every cohort of the programme
read back to compare cohorts (e.g. this year's against last year's)."""

from __future__ import annotations

import streamlit as st

from smile_core.outcomes.outcome_figures import group_rates, outcome_rates
from smile_core.outcomes.outcomes_reading import EvaluationLoad, FollowupLoad
from smile_core.store import StoreError
from smile_core.text import t
from smile_ui import outcomes_view, persistence, session
from smile_ui.programmes_view import refusal
from smile_ui.text import literal


def store_imported(
    followups: FollowupLoad | None, evaluations: EvaluationLoad | None, *, lang: str
) -> None:
    """Store the files that loaded without errors in the active programme's cohort."""
    frames = (
        followups.frame if followups is not None and followups.ok else None,
        evaluations.frame if evaluations is not None and evaluations.ok else None,
    )
    if all(frame is None for frame in frames):
        return
    _store(*frames, lang=lang)


def _store(followups, evaluations, *, lang: str) -> None:
    try:
        rows = persistence.store_outcomes(followups, evaluations)
    except StoreError as error:
        refusal(error, lang)
        return
    st.success(
        t("outcomes.stored.done", lang, followups=rows[0], evaluations=rows[1]),
        icon=":material/database:",
    )


def stored_and_across_cohorts(data: session.OutcomeData, lang: str) -> None:
    """Where the outcomes are kept, a button to store the demo's own, and the programme's
    stored follow-ups by cohort at the chosen month, suppressed."""
    st.subheader(t("outcomes.stored.heading", lang))
    if data.followups is not None and data.followups_source == session.DEMO_SOURCE:
        st.caption(t("outcomes.stored.demo_help", lang))
        if st.button(t("outcomes.stored.demo_save", lang), key="outcomes_store_demo"):
            _store(
                data.followups.frame,
                data.evaluations.frame if data.evaluations is not None else None,
                lang=lang,
            )
    current = persistence.link()
    if current is None:
        st.caption(t("outcomes.stored.not_linked", lang))
        return
    repo = persistence.service()
    programme = repo.get_programme(current[0])
    followups = repo.load_followups(programme_id=current[0])
    if followups.is_empty():
        st.caption(t("outcomes.stored.none", lang, programme=literal(programme.name)))
        return
    cohorts = followups["cohort"].unique().len()
    st.caption(
        t(
            "outcomes.stored.summary",
            lang,
            programme=literal(programme.name),
            cohorts=cohorts,
            rows=followups.height,
        )
    )
    months = outcomes_view.months_choice(lang, key=f"outcomes_cohorts_months_{lang}")
    rates = outcome_rates(followups, by="cohort", months=months)
    outcomes_view.status_shares(rates, lang)
    outcomes_view.rates_table(group_rates(rates), lang)
