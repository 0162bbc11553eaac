"""SMILE's dashboard: the frame every page shares, and the navigation between pages.

Run with ``streamlit run app.py`` (``make run``). This script runs first on every rerun: it
sets up the session (a new one opens on the first demo programme), draws the sidebar
(navigation, language and programme switches) and then runs the chosen page from ``pages/``,
inside the error guard so no traceback ever reaches a user.
"""

import streamlit as st

from smile_core.i18n import t
from smile_ui import persistence, state
from smile_ui.errors import shown_as_error
from smile_ui.layout import language_switch, programme_switch
from smile_ui.navigation import sections

# An emoji icon: Streamlit draws it as an inline SVG. A ":material/...:" page icon makes every
# browser fetch the favicon from fonts.gstatic.com, and no request may leave the server.
st.set_page_config(page_title="SMILE", page_icon="🤝", layout="wide")
state.bootstrap()
lang = language_switch()
page = st.navigation(sections(lang))
with shown_as_error(lang):
    persistence.repository()  # migrates the database once per server
    refused = persistence.restore_from_url()
    if refused is not None:
        st.warning(refused.message_sv if lang == "sv" else refused.message_en)
    programme_switch(lang)
    persistence.user_field(t("app.user_name", lang))
    persistence.sync_url()
    page.run()
