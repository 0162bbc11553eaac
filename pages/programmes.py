"""Program / Programmes: the stored programme and cohort, participant versions, run history,
two runs side by side, the agreed plan, someone leaving, promotions, mentor groups and the
intakes (cohorts with start dates; one upload split by its Kohort column)."""

import streamlit as st

from smile_core.text import t
from smile_ui import intakes_view, persistence, programmes_view, session
from smile_ui.layout import page_header
from smile_ui.state import current_language
from smile_ui.text import literal

lang = current_language()
page_header("programmes")
st.caption(
    t("programmes.active", lang, programme=session.programme_title(session.active_key(), lang))
)

with st.expander(
    t("programmes.new.heading", lang), expanded=not persistence.service().list_programmes()
):
    programmes_view.new_programme_form(lang)

st.subheader(t("programmes.pick.heading", lang))
current = programmes_view.choose_cohort(lang)
if current is None:
    st.info(t("programmes.not_linked", lang), icon=":material/info:")
    st.stop()
programme_id, cohort_id = current
repo = persistence.service()
st.caption(
    t(
        "programmes.linked",
        lang,
        programme=literal(repo.get_programme(programme_id).name),
        cohort=literal(repo.get_cohort(cohort_id).name),
    )
)

st.subheader(t("programmes.versions.heading", lang))
programmes_view.versions(cohort_id, lang)

st.subheader(t("programmes.history.heading", lang))
run_ids = programmes_view.history(cohort_id, lang)

st.subheader(t("programmes.compare.heading", lang))
programmes_view.side_by_side(run_ids, lang)

st.subheader(t("programmes.agreed.heading", lang))
programmes_view.agree(cohort_id, lang)

st.subheader(t("programmes.leave.heading", lang))
st.caption(t("programmes.leave.help", lang))
programmes_view.someone_leaves(cohort_id, lang)

st.subheader(t("programmes.promote.heading", lang))
programmes_view.promote(programme_id, cohort_id, lang)

st.subheader(t("programmes.groups.heading", lang))
programmes_view.groups(cohort_id, lang)

st.subheader(t("programmes.generations.heading", lang))
st.caption(t("programmes.generations.help", lang))
programmes_view.generations(programme_id, cohort_id, lang)

st.subheader(t("programmes.intakes.heading", lang))
intakes_view.intakes(programme_id, lang)
intakes_view.split_upload(programme_id, lang)
