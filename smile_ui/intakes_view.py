"""The Programmes page's intakes: the programme's cohorts with their start dates, and one
upload split into cohorts by its Kohort column (:mod:`smile_core.ingest.intakes`)."""

from __future__ import annotations

import streamlit as st

from smile_core.ingest.intakes import cohort_names
from smile_core.store import StoreError
from smile_core.text import t
from smile_core.workflows import uploads
from smile_ui import persistence, session
from smile_ui.programmes_view import refusal
from smile_ui.text import literal


def intakes(programme_id: int, lang: str) -> None:
    """The programme's cohorts as intakes: name, start date and participant versions."""
    repo = persistence.service()
    cohorts = repo.list_cohorts(programme_id)
    if not cohorts:
        return
    st.dataframe(
        [
            {
                "cohort": c.name,
                "starts_on": c.starts_on,
                "versions": len(repo.list_versions(c.id)),
            }
            for c in sorted(cohorts, key=lambda c: (c.starts_on is None, c.starts_on, c.id))
        ],
        hide_index=True,
        column_config={
            "cohort": t("programmes.pick.cohort", lang),
            "starts_on": st.column_config.DateColumn(
                t("programmes.intakes.starts_on", lang), format="YYYY-MM-DD"
            ),
            "versions": t("programmes.intakes.versions", lang),
        },
    )


def split_upload(programme_id: int, lang: str) -> None:
    """Offer to store the uploaded programme as one cohort per Kohort value, when it has
    several; each gets its adepts, every mentor and workplace, and the start date its name
    implies. A cohort that exists already gets the upload as its next version. All of it is
    one transaction (:func:`smile_core.workflows.uploads.upload_version`)."""
    if session.active_key() != session.UPLOADED:
        return
    programme = session.active_programme()
    names = cohort_names(programme)
    if len(names) < 2:
        return
    shown = ", ".join(name or t("programmes.intakes.no_cohort", lang) for name in names)
    st.caption(t("programmes.intakes.split_help", lang, count=len(names), names=literal(shown)))
    if not st.button(
        t("programmes.intakes.split", lang), icon=":material/call_split:", key="split_upload"
    ):
        return
    try:
        # One smile_core call, one transaction: every intake is stored, or none is.
        uploads.upload_version(
            persistence.service(),
            programme,
            programme_id,
            split=True,
            no_cohort_name=t("programmes.intakes.no_cohort", lang),
        )
    except StoreError as error:
        refusal(error, lang)
        return
    st.success(
        t("programmes.intakes.split_done", lang, count=len(names)), icon=":material/task_alt:"
    )
