"""Matchning / Matching: settings, the run button, and the plan to lock, forbid and edit."""

import streamlit as st

from smile_core.matching.solver.solve import CANCELLED
from smile_core.text import t
from smile_ui import history_view, jobs_view, persistence, plan_editor, roles_view, session
from smile_ui.layout import page_header
from smile_ui.newer_runs_view import newer_runs_notice
from smile_ui.result_view import key_figures, plan_changes, result_banner, rules_check
from smile_ui.settings_form import settings_form
from smile_ui.state import current_language
from smile_ui.text import number

lang = current_language()
page_header("matching")
programme = session.active_programme()
ws = session.workspace()
st.caption(
    t(
        "matching.programme",
        lang,
        programme=session.programme_title(session.active_key(), lang),
        adepts=len(programme.adepts),
        mentors=len(programme.mentors),
    )
)

newer_runs_notice(lang)

# --- Settings; submitting the form is the run button ----------------------------------------
JOB = f"matching:{session.active_key()}"
# Open while the cohort has no result and no solve, folded away after. A solve is followed in
# the run after the one that starts it (below), so the settings are already drawn folded in
# the run that shows its plan: drawn folded only on a later run, the browser folded them then,
# half a second into whatever the coordinator did next (a click in them was lost; measured in
# Chromium).
settings_open = ws.result is None and jobs_view.running(JOB) is None
with st.expander(t("matching.settings.heading", lang), expanded=settings_open):
    new_settings = settings_form(ws.settings, lang, session.active_key())


def _start(settings, keep_previous) -> bool:
    """Start the solve in a worker thread; :func:`jobs_view.follow` below shows it. False
    (nothing started) when a lock by role cannot be kept: that is said by name instead."""
    if roles_view.run_refused(programme, settings, lang):
        return False
    work = session.matching_work(
        settings, keep_previous=keep_previous, earlier=history_view.earlier_for_active()
    )
    parent = session.workspace().run_id if keep_previous else None
    jobs_view.start(
        JOB, work, settings=settings, parent=parent, search_seconds=settings.time_limit_seconds
    )
    return True


if new_settings is not None and _start(new_settings, keep_previous=False):
    st.rerun()  # follow the solve from the top, the settings folded

# --- A solve running (or just done): bars per stage, a cancel button; then store the result --
job = jobs_view.follow(JOB, t("matching.running", lang), lang)
if job is not None:
    result = session.apply_matching(job.result)
    persistence.save_result(result, job.meta["settings"], parent_run_id=job.meta["parent"])
    st.toast(t("matching.done", lang, seconds=number(result.solve_seconds, lang, 2)))
    ws = session.workspace()
    if CANCELLED in result.stages:
        key = "progress.cancelled" if result.has_plan else "progress.cancelled_no_plan"
        st.info(t(key, lang), icon=":material/cancel:")

if ws.result is None:
    st.info(t("matching.not_run", lang), icon=":material/info:")
    roles_view.role_readiness(programme, lang)
    st.stop()

# --- The result -----------------------------------------------------------------------------
st.subheader(t("matching.result.heading", lang))
# The banner judges the plan on screen: after hand edits it is no longer the solver's plan.
result_banner(
    plan_editor.result_on_screen(ws, programme) if ws.result.has_plan else ws.result, lang
)
history_view.history_and_spread(ws, lang)
if ws.result.has_plan:
    key_figures(plan_editor.result_on_screen(ws, programme), len(programme.adepts), lang)
    rules_check(
        plan_editor.violations(ws, programme),
        lang,
        lifts=ws.settings.equality.match_rate.lifts,
    )
    plan_changes(plan_editor.changes(ws), lang)

# --- With roles: the placement and a column per role, unmet needs per role; lock/forbid ----
if (on_screen := session.roles_on_screen(ws)) is not None:
    roles_view.role_plan_section(
        on_screen, programme, lang, locks=ws.role_locks, forbids=ws.role_forbids
    )
    # Minimal change: every other adept keeps their placement and people unless moving them
    # improves the plan.
    if roles_view.role_decisions(on_screen, programme, session.active_key(), lang) and _start(
        session.workspace().settings, keep_previous=True
    ):
        st.rerun()  # follow the solve at the top of the page, then redraw from the result
    # What if an adept had that person in a role? Answered without changing the plan;
    # "keep this" locks the choice and re-solves with minimal change, as a lock above does.
    if roles_view.role_what_if_section(on_screen, programme, session.active_key(), lang) and _start(
        session.workspace().settings, keep_previous=True
    ):
        st.rerun()

# --- The plan: lock, forbid, change mentor, note --------------------------------------------
if ws.plan is not None:
    st.subheader(t("matching.plan.heading", lang))
    st.caption(t("matching.plan.help", lang))
    plan_editor.plan_section(session.active_key(), lang)
    with st.expander(t("matching.candidates.heading", lang)):
        plan_editor.candidates(ws, programme, session.active_key(), lang)

# --- Re-solve keeping the locks, changing as little as the stability weight says ------------
st.subheader(t("matching.resolve.heading", lang))
st.caption(t("matching.resolve.help", lang, locks=len(ws.locks), forbids=len(ws.forbids)))
with st.form(f"resolve_{session.active_key()}", border=False):
    keep = st.checkbox(
        t("matching.resolve.minimal_change", lang),
        value=True,
        help=t("matching.resolve.minimal_change_help", lang),
        disabled=ws.plan is None,
        key=f"resolve_keep_{session.active_key()}",
        wrap=True,
    )
    stability = st.slider(
        t("matching.resolve.stability", lang),
        min_value=0,
        max_value=100,
        value=round(ws.settings.stability_weight),
        help=t("matching.resolve.stability_help", lang),
        key=f"resolve_stability_{session.active_key()}",
    )
    again = st.form_submit_button(
        t("matching.resolve.run", lang), type="primary", icon=":material/refresh:"
    )
if again and _start(
    plan_editor.with_stability(ws.settings, stability),
    keep_previous=keep and ws.plan is not None,
):
    st.rerun()  # follow the solve at the top of the page, then redraw from the new result

# --- Unmatched adepts with their reasons ----------------------------------------------------
plan_editor.unmatched(ws, programme, lang)
