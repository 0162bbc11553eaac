"""The parts of the screen every page shares: the language switch and a page's header."""

from __future__ import annotations

import streamlit as st

from smile_core.i18n import LANGUAGE_NAMES, LANGUAGES, t
from smile_ui.state import LANGUAGE, current_language


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
