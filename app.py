"""SMILE's dashboard: the frame every page shares, and the navigation between pages.

Run with ``streamlit run app.py`` (``make run``). This script runs first on every rerun: it
sets up the session, finds out who is using it (the local single user, or a login: see
``smile_ui.login``; without one only the login page exists), draws the sidebar (navigation of
the user's pages, language and programme switches) and then runs the chosen page from
``pages/``, inside the error guard so no traceback ever reaches a user.
"""

import streamlit as st

from smile_core.access import Capability
from smile_core.text import t
from smile_ui import login, persistence, state
from smile_ui.errors import shown_as_error
from smile_ui.layout import language_switch, programme_switch
from smile_ui.navigation import PAGES, sections

# An emoji icon: Streamlit draws it as an inline SVG. A ":material/...:" page icon makes every
# browser fetch the favicon from fonts.gstatic.com, and no request may leave the server.
st.set_page_config(page_title="SMILE", page_icon="🤝", layout="wide")
state.bootstrap()
lang = language_switch()
user = None
with shown_as_error(lang):
    persistence.repository()  # migrates the database once per server
    user = login.current_user()
if user is None:
    # Every page's URL shows the login form (a deep link is not "page not found"); after the
    # login the same URL opens the page, if the user's role has it.
    title = t("login.title", lang)
    st.navigation(
        [st.Page(login.login_page, title=title, url_path="login", default=True)]
        + [
            st.Page(login.login_page, title=title, url_path=spec.url_path)
            for spec in PAGES
            if spec.url_path
        ],
        position="hidden",
    ).run()
    st.stop()
page = st.navigation(sections(lang, user))
with shown_as_error(lang):
    login.sidebar(user, lang)
    if user.can(Capability.PEOPLE):
        refused = persistence.restore_from_url() or persistence.store_new_upload()
        if refused is not None:
            st.warning(refused.message_sv if lang == "sv" else refused.message_en)
        erased = persistence.check_erasures()
        if erased is not None:
            st.warning(t(erased, lang), icon=":material/person_off:")
        programme_switch(lang)
        persistence.sync_url()
    page.run()
