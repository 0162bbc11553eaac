"""Översikt / Overview: the programme at a glance and the readiness check before matching."""

import streamlit as st

from smile_core.demo.demo_roles import DASHBOARD_DEMOS
from smile_core.ingest.readiness import demand_supply_long, participant_counts, readiness
from smile_core.text import t
from smile_ui import charts, memo, session
from smile_ui.layout import page_header
from smile_ui.state import current_language
from smile_ui.text import literal

lang = current_language()
page_header("overview")
programme = session.active_programme()
key = session.active_key()

st.subheader(session.programme_title(key, lang))
for demo in DASHBOARD_DEMOS:
    if demo.key == key:
        st.caption(demo.description_sv if lang == "sv" else demo.description_en)
if session.is_demo():
    st.caption(t("overview.demo_hint", lang))

# --- At a glance ----------------------------------------------------------------------------
# Kept until the programme or settings change: the check scores every pair (0.5 s at 1,000
# adepts), and nothing it reads changes when the coordinator only switches pages.
settings = session.workspace().settings
check = memo.kept(
    "readiness", (key, hash(programme), repr(settings)), lambda: readiness(programme, settings)
)
figures = (
    ("adepts", check.adepts),
    ("mentors", check.mentors),
    ("mentor_seats", check.mentor_seats),
    ("workplaces", check.workplaces),
    ("workplace_places", check.workplace_places),
    ("usable_seats", check.usable_seats),
)
for column, (name, value) in zip(st.columns(len(figures)), figures, strict=True):
    column.metric(
        t(f"overview.figure.{name}", lang), value, help=t(f"overview.figure.{name}_help", lang)
    )
st.markdown(f"**{t('overview.by_gender', lang)}**")
charts.show(lang, charts.counts_by_gender(participant_counts(programme), lang), width="stretch")

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
    charts.show(
        lang, charts.demand_supply(demand_supply_long(check.by_field), lang), width="stretch"
    )
with region_tab:
    charts.show(
        lang, charts.demand_supply(demand_supply_long(check.by_region), lang), width="stretch"
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
