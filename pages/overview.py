"""Översikt / Overview: the programme at a glance and the readiness check before matching."""

import streamlit as st

from smile_core.demo import DEMO_PROGRAMMES
from smile_core.equality_figures import participant_counts
from smile_core.i18n import t
from smile_core.readiness import demand_supply_long, readiness
from smile_core.suppression import DEFAULT_MIN_COUNT
from smile_ui import charts, session
from smile_ui.layout import page_header
from smile_ui.state import current_language
from smile_ui.text import literal

lang = current_language()
page_header("overview")
programme = session.active_programme()
key = session.active_key()

st.subheader(session.programme_title(key, lang))
for demo in DEMO_PROGRAMMES:
    if demo.key == key:
        st.caption(demo.description_sv if lang == "sv" else demo.description_en)
if session.is_demo():
    st.caption(t("overview.demo_hint", lang))

# --- At a glance ----------------------------------------------------------------------------
check = readiness(programme, session.workspace().settings)
# Counts by gender are protected like every steering-group figure (the same adept figures
# as the equality page), and so are the totals they add up to.
counts = participant_counts(programme, session.workspace().plan)
total = charts.protected_totals(counts, lang)
figures = (
    ("adepts", total["adepts"]),
    ("mentors", total["mentors"]),
    ("mentor_seats", total["mentor_seats"]),
    ("workplaces", check.workplaces),
    ("workplace_places", check.workplace_places),
    ("usable_seats", check.usable_seats),
)
for column, (name, value) in zip(st.columns(len(figures)), figures, strict=True):
    column.metric(
        t(f"overview.figure.{name}", lang), value, help=t(f"overview.figure.{name}_help", lang)
    )
st.markdown(f"**{t('overview.by_gender', lang)}**")
st.altair_chart(charts.counts_by_gender(counts, lang), width="stretch")
if counts["n_suppressed"].any():
    st.caption(t("suppression.note", lang, k=DEFAULT_MIN_COUNT))

# --- Readiness ------------------------------------------------------------------------------
st.subheader(t("overview.readiness.heading", lang))
if check.ready:
    st.success(t("overview.readiness.ready", lang), icon=":material/check_circle:")
else:
    st.warning(
        "\n".join(
            [t("overview.readiness.gaps", lang)]
            + [f"- {literal(message)}" for message in check.messages(lang)]
        ),
        icon=":material/warning:",
    )
field_tab, region_tab, blocked_tab = st.tabs(
    [
        t("overview.readiness.by_field", lang),
        t("overview.readiness.by_region", lang),
        t("overview.readiness.no_allowed_mentor", lang, count=check.no_allowed_mentor.height),
    ]
)
with field_tab:
    st.altair_chart(charts.demand_supply(demand_supply_long(check.by_field), lang), width="stretch")
with region_tab:
    st.altair_chart(
        charts.demand_supply(demand_supply_long(check.by_region), lang), width="stretch"
    )
with blocked_tab:
    if check.no_allowed_mentor.height:
        st.dataframe(
            check.no_allowed_mentor.select("adept_id", "adept_name", reason=f"message_{lang}"),
            hide_index=True,
            column_config={
                "adept_id": t("field.id", lang),
                "adept_name": t("field.name", lang),
                "reason": t("overview.readiness.reason", lang),
            },
        )
    else:
        st.caption(t("overview.readiness.everyone_allowed", lang))
st.page_link("pages/matching.py", label=t("app.go_to_matching", lang), icon=":material/handshake:")
