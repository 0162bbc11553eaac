"""A saved plan on screen while someone else has saved a newer one: the Matching page says so
on its next run (any click, or a page switch), and offers to show it.

Why: the warning on save (:func:`smile_core.workflows.plan_edits.parallel_edits`) reaches only a
coordinator who saves. Found with two browsers: one coordinator viewed run 5 in a meeting
while another saved an edit as run 6; nothing on the viewer's screen changed.

Not pushed by a timer: with a fragment that looked again every 10 s (``st.fragment(run_every=…)``)
a click on "Matcha" just after the page opened was lost about every second run of a browser
test, instead of 1 in 7 without it; so the page looks on each of its own runs instead."""

from __future__ import annotations

import streamlit as st

from smile_core.text import t
from smile_core.workflows.plan_edits import parallel_words
from smile_ui import persistence, session


def newer_runs_notice(lang: str) -> None:
    """When the plan on screen is a saved run and someone else has saved a later run of the
    same cohort: say who and which, with a button that shows the newest (one list of the
    cohort's runs, no plan, per page run)."""
    run_id = session.workspace().run_id
    if run_id is None:
        return
    runs = persistence.newer_runs(run_id)
    if not runs:
        return
    st.info(
        t("matching.newer.notice", lang, **parallel_words(runs), own=run_id),
        icon=":material/update:",
    )
    newest = runs[-1].id
    if st.button(t("matching.newer.open", lang, run=newest), key="newer_run_open"):
        link = persistence.link()
        if link is not None:
            persistence.open_cohort(link[1], newest)
        st.rerun()
