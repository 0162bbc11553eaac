"""Utfall / Outcomes: follow-ups and evaluations by gender, cohort and workplace, suppressed."""

import streamlit as st

from smile_core.equality.role_figures import protect_role_outcomes
from smile_core.equality.suppression import DEFAULT_MIN_COUNT
from smile_core.ingest.reading import SourceFile
from smile_core.ingest.tables import mentors_frame, workplaces_frame
from smile_core.outcomes.outcome_figures import (
    contribution_summary,
    group_rates,
    outcome_by_score,
    outcome_rates,
    programme_adepts,
    survey_summary,
)
from smile_core.text import t
from smile_ui import outcomes_store, outcomes_view, session
from smile_ui.layout import page_header
from smile_ui.state import current_language
from smile_ui.text import literal, percent

FILE_TYPES = ["csv", "txt", "xlsx", "xlsm", "xls", "ods"]

lang = current_language()
page_header("outcomes", k=DEFAULT_MIN_COUNT)
key = session.active_key()
programme = session.active_programme()
st.caption(t("suppression.note", lang, k=DEFAULT_MIN_COUNT))

# --- Import ---------------------------------------------------------------------------------
data = session.outcome_data()
with st.expander(t("outcomes.import.heading", lang), expanded=data.followups is None):
    st.caption(t("outcomes.import.help", lang))
    left, right = st.columns(2)
    followup_file = left.file_uploader(
        t("outcomes.import.followups", lang), type=FILE_TYPES, key=f"followups_{key}"
    )
    evaluation_file = right.file_uploader(
        t("outcomes.import.evaluations", lang), type=FILE_TYPES, key=f"evaluations_{key}"
    )
    if st.button(
        t("outcomes.import.run", lang),
        disabled=followup_file is None and evaluation_file is None,
        key=f"outcomes_import_{key}",
    ):
        loads = session.import_outcomes(
            SourceFile(followup_file.name, followup_file.getvalue()) if followup_file else None,
            SourceFile(evaluation_file.name, evaluation_file.getvalue())
            if evaluation_file
            else None,
        )
        for kind, load in zip(("followups", "evaluations"), loads, strict=True):
            if load is not None:
                outcomes_view.import_report(kind, load.report, load.ok, lang)
        outcomes_store.store_imported(*loads, lang=lang)
        data = session.outcome_data()

for kind, load, source in (
    ("followups", data.followups, data.followups_source),
    ("evaluations", data.evaluations, data.evaluations_source),
):
    if load is not None:
        origin = (
            t("outcomes.source.demo", lang)
            if source == session.DEMO_SOURCE
            else t("outcomes.source.file", lang, name=literal(source))
        )
        st.caption(t(f"outcomes.source.{kind}", lang, source=origin, rows=load.frame.height))

if data.followups is None:
    st.info(t("outcomes.no_followups", lang), icon=":material/info:")
else:
    followups = data.followups.frame
    adepts = programme_adepts(programme, programme_name=key)
    plan = session.workspace().plan

    # --- Headline figures -------------------------------------------------------------------
    months = outcomes_view.months_choice(lang, key=f"outcomes_months_{lang}")
    overall = group_rates(outcome_rates(followups, adepts, by="programme", months=months))
    contribution = contribution_summary(followups, months=months)
    said_yes = contribution.filter(contribution["answer"] == "yes")
    first = overall.row(0, named=True) if overall.height else {}
    columns = st.columns(3)
    columns[0].metric(
        t("outcomes.in_work", lang),
        percent(first.get("in_work_rate"), lang),
        help=t("outcomes.in_work_help", lang),
    )
    columns[1].metric(
        t("outcomes.qualified", lang),
        percent(first.get("qualified_rate"), lang),
        help=t("outcomes.qualified_help", lang),
    )
    columns[2].metric(
        t("outcomes.contributed", lang),
        percent(said_yes["share"][0] if said_yes.height else None, lang),
        help=t("outcomes.contributed_help", lang),
    )

    # --- By group ---------------------------------------------------------------------------
    st.subheader(t("outcomes.by_group.heading", lang))
    # A programme with roles also splits by each role (and the placement) of its plan.
    roles = session.roles_on_screen(session.workspace())
    by_words = outcomes_view.grouping_words(roles, lang)
    by = st.selectbox(
        t("outcomes.by_group.by", lang),
        options=list(by_words),
        format_func=by_words.__getitem__,
        key=f"outcomes_by_{lang}",
    )
    if by.startswith("role:"):
        st.caption(t("outcomes.by.role_help", lang))
    if by == "workplace" and plan is None:
        st.info(t("outcomes.needs_plan", lang), icon=":material/info:")
    else:
        rates = outcome_rates(
            followups,
            adepts,
            by="role" if by.startswith("role:") else by,
            months=months,
            plan=plan,
            mentors=mentors_frame(programme),
            workplaces=workplaces_frame(programme),
            roles=roles,
            role=by.removeprefix("role:") if by.startswith("role:") else None,
        )
        if by.startswith("role:") and roles is not None and plan is not None:
            # Withheld where the Equality page's figures by role hide anything in the column.
            rates = protect_role_outcomes(rates, programme, plan, roles, by.removeprefix("role:"))
        outcomes_view.status_shares(rates, lang)
        outcomes_view.rates_table(group_rates(rates), lang)

    # --- Against the match score ------------------------------------------------------------
    st.subheader(t("outcomes.score.heading", lang))
    st.caption(t("outcomes.score.help", lang))
    if plan is None:
        st.info(t("outcomes.needs_plan", lang), icon=":material/info:")
    else:
        outcomes_view.by_score(group_rates(outcome_by_score(followups, plan, months)), lang)

# --- Stored in the database, and across cohorts ---------------------------------------------
outcomes_store.stored_and_across_cohorts(data, lang)

# --- Survey ---------------------------------------------------------------------------------
st.subheader(t("outcomes.survey.heading", lang))
if data.evaluations is None:
    st.info(t("outcomes.no_evaluations", lang), icon=":material/info:")
else:
    outcomes_view.survey(survey_summary(data.evaluations.frame), lang)
