"""Dataskydd / Privacy: what is stored and why, erase a person, export a person's data, and the
retention purge with its preview."""

import streamlit as st

from smile_core.text import t
from smile_ui import privacy_view
from smile_ui.layout import page_header
from smile_ui.state import current_language

lang = current_language()
page_header("privacy")
st.markdown(t("privacy.what_is_stored", lang))

st.subheader(t("privacy.erase.heading", lang))
st.caption(t("privacy.erase.help", lang))
privacy_view.erase(lang)

st.subheader(t("privacy.export.heading", lang))
st.caption(t("privacy.export.help", lang))
privacy_view.export(lang)

st.subheader(t("privacy.retention.heading", lang))
st.caption(t("privacy.retention.help", lang))
privacy_view.retention(lang)
