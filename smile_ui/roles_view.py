"""A programme with roles on screen: the plan with a column per role, unmet needs per role,
the independent role checks and readiness per role (issue 10).

Frames come from :mod:`smile_core.role_view`; cells are shown with ``st.dataframe`` (never
as HTML). Nothing here runs unless the programme or the result has roles.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from smile_core.participants import Programme
from smile_core.role_checks import check_role_plan
from smile_core.role_plan import RolePlan
from smile_core.role_readiness import placement_gaps
from smile_core.role_view import (
    plan_roles_table,
    programme_setup,
    readiness_table,
    role_counts_table,
    unmet_table,
)
from smile_core.text import t
from smile_ui.formatting import Label
from smile_ui.text import literal


def role_plan_section(plan: RolePlan | None, programme: Programme, lang: str) -> None:
    """The plan by role: counts per role, the checks' verdict, the table with a column per
    role and the unmet needs with their reasons. Nothing when ``plan`` is ``None``."""
    if plan is None:
        return
    st.subheader(t("roles_ui.heading", lang))
    st.caption(t("roles_ui.help", lang))
    role_checks(plan, programme, lang)
    st.markdown(f"**{t('roles_ui.counts', lang)}**")
    st.dataframe(role_counts_table(plan, lang), hide_index=True)
    st.dataframe(plan_roles_table(plan, programme, lang), hide_index=True)
    unmet = unmet_table(plan, programme, lang)
    if unmet.is_empty():
        st.caption(t("roles_ui.unmet.none", lang))
    else:
        st.markdown(f"**{t('roles_ui.unmet.heading', lang, count=unmet.height)}**")
        st.dataframe(unmet, hide_index=True)


def role_checks(plan: RolePlan, programme: Programme, lang: str) -> None:
    """The independent role checks' verdict: every rule kept, or which are broken."""
    violations = check_role_plan(programme, plan)
    if not violations:
        st.caption(t("roles_ui.check.ok", lang))
        return
    st.warning(t("roles_ui.check.broken", lang, count=len(violations)), icon=":material/rule:")
    # A rule the catalogue has no name for reads as its code rather than failing.
    rule_name = Label("matching.check.rule", lang)
    st.dataframe(
        pl.DataFrame(
            {
                t("roles_ui.check.rule", lang): [rule_name(v.rule) for v in violations],
                t("roles_ui.check.detail", lang): [v.message for v in violations],
            }
        ),
        hide_index=True,
    )


def role_readiness(programme: Programme, lang: str) -> None:
    """Readiness by role before matching: demand against seats per role, and the fields
    where adepts can be placed but have no one in a placement-tied role there. Nothing for a
    programme without roles."""
    setup = programme_setup(programme)
    if setup is None:
        return
    st.subheader(t("roles_ui.readiness.heading", lang))
    st.caption(t("roles_ui.readiness.help", lang))
    frame = readiness_table(programme, setup, lang)
    st.dataframe(frame, hide_index=True)
    gaps = placement_gaps(programme, setup)
    short = frame[t("roles_ui.column.short", lang)].sum()
    if not gaps and not short:
        st.caption(t("roles_ui.readiness.ok", lang))
    for gap in gaps:
        text = gap.message_sv if lang == "sv" else gap.message_en
        st.warning(literal(text), icon=":material/work:")
