"""The parts of the screen every page shares: the language and programme switches, a page's
header, and the note shown where there is no plan yet."""

from __future__ import annotations

import streamlit as st

from smile_core.text import LANGUAGE_NAMES, LANGUAGES, t
from smile_ui import session
from smile_ui.errors import guarded
from smile_ui.formatting import ProgrammeTitle
from smile_ui.state import LANGUAGE, current_language

#: The widget key of the sidebar's programme switch, per language (the choice itself is kept
#: under ``smile_ui.state.ACTIVE_PROGRAMME``, which an upload may change too).
PROGRAMME_SWITCH = "programme_switch_{lang}"


def language_switch() -> str:
    """Draw the sidebar's language switch and return the language it is set to.

    The choice lives in session state under :data:`smile_ui.state.LANGUAGE` (as a code,
    ``"en"``) and in the URL (as Streamlit binds it, by the option's label: ``?lang=English``),
    so a reload or a shared link keeps the language. Swedish, the default, is left out of the
    URL; an unknown value there is ignored.
    """
    st.sidebar.radio(
        t("app.language_switch", current_language()),
        options=LANGUAGES,
        format_func=LANGUAGE_NAMES.__getitem__,
        key=LANGUAGE.name,
        bind="query-params",
        horizontal=True,
    )
    return current_language()


def page_header(page_id: str, **fmt: object) -> None:
    """The page's title and its one line on what the page is for, in the session's language.

    ``fmt`` fills placeholders in the purpose text (e.g. ``k`` for the suppression threshold).
    """
    lang = current_language()
    st.title(t(f"page.{page_id}.title", lang))
    st.markdown(t(f"page.{page_id}.purpose", lang, **fmt))


def programme_switch(lang: str) -> str:
    """Draw the sidebar's choice of programme (the demos, and the upload once there is one).

    The active programme is kept under a key no widget owns, because an upload changes it
    as well; the select box is set from it before it is drawn and writes back on change.
    Returns the active programme's key.
    """
    active = session.active_key()
    key = PROGRAMME_SWITCH.format(lang=lang)
    if st.session_state.get(key) != active:
        st.session_state[key] = active
    st.sidebar.selectbox(
        t("app.programme_switch", lang),
        options=session.programme_keys(),
        format_func=ProgrammeTitle(lang),
        key=key,
        on_change=_programme_chosen,
        args=(key,),
    )
    return session.active_key()


@guarded
def _programme_chosen(key: str) -> None:
    chosen = st.session_state.get(key)
    if chosen in session.programme_keys():
        session.set_active(chosen)


def needs_plan(lang: str) -> None:
    """Say that this page shows a plan once matching has run, with a link to Matching."""
    st.info(t("app.no_plan_yet", lang), icon=":material/info:")
    st.page_link(
        "pages/matching.py", label=t("app.go_to_matching", lang), icon=":material/handshake:"
    )
