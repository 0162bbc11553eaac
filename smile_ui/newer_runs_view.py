"""A saved plan on screen while someone else has saved a newer one: the Matching page says so,
within :data:`LOOK_SECONDS` without a click, and offers to show it.

Why: the warning on save (:func:`smile_core.workflows.plan_edits.parallel_edits`) reaches only a
coordinator who saves. Found with two browsers: one coordinator viewed run 5 in a meeting
while another saved an edit as run 6; nothing on the viewer's screen changed.

The notice is a fragment that looks again every :data:`LOOK_SECONDS` (``st.fragment(run_every=…)``),
a rerun of itself alone. Tried once before and dropped: clicks in the settings were lost with
it. The settings were folding under the click half a second into the next run, which the timer
made more frequent; with that fixed on the Matching page, no click was lost in the browser suite
with the timer running (measured: two full runs and the click-heavy files twice more)."""

from __future__ import annotations

import streamlit as st

from smile_core.text import t
from smile_core.workflows.plan_edits import parallel_words
from smile_ui import login, persistence, session
from smile_ui.errors import guarded

#: How often an open Matching page looks for runs saved after the one on screen (one list of the
#: cohort's runs, no plan, each time).
LOOK_SECONDS = 10


@st.fragment(run_every=LOOK_SECONDS)
@guarded  # a timer's run is outside the page's error guard (app.py): no traceback either
def newer_runs_notice(lang: str) -> None:
    """When the plan on screen is a saved run and someone else has saved a later run of the
    same cohort: say who and which, with a button that shows the newest (as the page is drawn,
    and again every :data:`LOOK_SECONDS` while it is open)."""
    # The timer's runs skip app.py, where a login is checked: a login expired meanwhile shows
    # nothing more (the next page run logs out).
    run_id = session.workspace().run_id
    if run_id is None or not login.still_logged_in():
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
