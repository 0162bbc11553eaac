"""Jämställdhet / Equality: the steering group's figures by gender, small groups suppressed."""

import streamlit as st

from smile_core.equality.figures import (
    gender_table,
    target_checks,
    workplace_mix,
    workplaces_judged,
)
from smile_core.equality.role_figures import role_gender_figures
from smile_core.equality.suppression import DEFAULT_MIN_COUNT
from smile_core.ingest.participants import has_gender_data
from smile_core.text import t
from smile_ui import equality_view, jobs_view, session
from smile_ui.formatting import Label
from smile_ui.layout import needs_plan, page_header
from smile_ui.state import current_language

lang = current_language()
page_header("equality", k=DEFAULT_MIN_COUNT)
ws = session.workspace()
if ws.plan is None:
    needs_plan(lang)
    st.stop()
programme = session.active_programme()
if not has_gender_data(programme):
    st.info(t("equality.no_gender_data", lang), icon=":material/info:")
    st.stop()
st.caption(t("suppression.note", lang, k=DEFAULT_MIN_COUNT))

st.subheader(t("equality.by_gender.heading", lang))
table = gender_table(programme, ws.plan)
equality_view.gender_overview(table, lang)

mix = workplace_mix(programme, ws.plan)
st.subheader(t("equality.targets.heading", lang))
equality_view.targets(
    target_checks(table, ws.settings, mix), ws.settings.equality.workplace_mix, lang
)

st.subheader(t("equality.workplaces.heading", lang))
equality_view.workplace_mix(mix, lang, judged=workplaces_judged(programme))

# With roles: the same figures per role and for the placement, protected with those above.
if ws.result is not None and ws.result.roles is not None:
    st.subheader(t("equality.roles.heading", lang))
    st.caption(t("equality.roles.help", lang))
    equality_view.role_equality(
        role_gender_figures(programme, ws.plan, ws.result.roles), ws.result.roles.setup, lang
    )

st.subheader(t("equality.price.heading", lang))
st.caption(t("equality.price.help", lang))
rule = st.radio(
    t("equality.price.rule", lang),
    options=["match_rate", "quality"],
    format_func=Label("equality.price.rule", lang),
    horizontal=True,
    key=f"price_rule_{lang}",
)
job_key = f"price:{session.active_key()}"
if st.button(t("equality.price.run", lang), key="price_run", icon=":material/show_chart:"):
    targets = len(session.tradeoff_targets(ws.settings, rule))
    jobs_view.start(job_key, session.tradeoff_work(rule), points=targets)
# The sweep solves in a worker: a bar over its points and a cancel button (the page ends here
# while it runs); a cancelled sweep keeps the points it finished, each with its own status.
job = jobs_view.follow(job_key, t("equality.price.running", lang), lang)
if job is not None:
    session.keep_tradeoff(job.result)
    ws = session.workspace()
    if job.cancel.is_set() and job.result.frame.height < job.result.targets:
        st.info(t("progress.cancelled_curve", lang), icon=":material/cancel:")
if rule in ws.tradeoffs:
    computed_for, curve = ws.tradeoffs[rule]
    if computed_for != ws.settings:
        st.caption(t("equality.price.stale", lang))
    equality_view.tradeoff(
        curve,
        session.chosen_target(computed_for, rule),
        lang,
        on_curve=session.on_curve(computed_for, rule),
    )
