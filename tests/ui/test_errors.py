"""smile_ui.errors: an exception in a page becomes one translated message, never a traceback."""

import logging

import pytest
from apptest_support import RUN_TIMEOUT_SECONDS
from streamlit.testing.v1 import AppTest

from smile_core.text import LANGUAGES, t


def _failing_page():
    import streamlit as st

    from smile_ui.errors import shown_as_error

    st.write("before")
    with shown_as_error(st.session_state.get("test_lang")):
        st.write("inside")
        raise ValueError("adept Åsa Öberg, born 1990-01-01, has no mentor")
    st.write("after")


def _stopping_page():
    import streamlit as st

    from smile_ui.errors import shown_as_error

    with shown_as_error():
        st.write("shown")
        st.stop()
    st.write("never shown")


def _failing_callback():
    import streamlit as st

    from smile_ui.errors import guarded

    @guarded
    def on_click():
        raise KeyError("Åsa Öberg")

    st.button("Go", on_click=on_click)
    st.write("page drawn")


def _run(script, **state) -> AppTest:
    at = AppTest.from_function(script, default_timeout=RUN_TIMEOUT_SECONDS)
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_exception_becomes_the_translated_generic_message(lang):
    """The user sees the generic message in their language, and no exception element."""
    at = _run(_failing_page, test_lang=lang)
    assert not at.exception
    assert [error.value for error in at.error] == [t("error.generic", lang)]
    assert [markdown.value for markdown in at.markdown] == ["before", "inside", "after"]


def test_message_text_never_reaches_the_screen():
    """Nothing of the exception's own text (which may hold personal data) is shown."""
    at = _run(_failing_page)
    shown = " ".join(str(element.value) for element in [*at.error, *at.markdown])
    assert "Åsa" not in shown and "1990" not in shown and "ValueError" not in shown


def test_log_has_the_type_and_place_but_not_the_message(caplog):
    """The log names the exception type and where it was raised, never its message."""
    with caplog.at_level(logging.ERROR, logger="smile.ui"):
        _run(_failing_page)
    records = [r for r in caplog.records if r.name == "smile.ui"]
    assert len(records) == 1
    logged = records[0].getMessage()
    assert logged.startswith("ValueError in ") and "_failing_page" in logged
    assert "Åsa" not in caplog.text and "1990" not in caplog.text


def test_streamlit_control_flow_passes_through():
    """st.stop inside the guard stops the page as usual and is not reported as an error."""
    at = _run(_stopping_page)
    assert not at.error and not at.exception
    assert [markdown.value for markdown in at.markdown] == ["shown"]


def test_guarded_callback_shows_the_message_and_the_page_still_draws(caplog):
    """An exception in a widget callback gives the generic message; the page runs on."""
    at = _run(_failing_callback)
    with caplog.at_level(logging.ERROR, logger="smile.ui"):
        at.button[0].click().run()
    assert not at.exception
    assert [error.value for error in at.error] == [t("error.generic", "sv")]
    assert [markdown.value for markdown in at.markdown] == ["page drawn"]
    assert "KeyError in " in caplog.text and "Åsa" not in caplog.text
