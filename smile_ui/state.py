"""Session state as a typed store: every key the dashboard keeps, with its type and default.

Declare a key once here as a :class:`StateKey`, list it in :data:`KEYS`, and read and write it
through the key object rather than with bare strings. ``app.py`` calls :func:`bootstrap` at the
top of every run, so a key has its default before any page reads it. Values must be picklable
(``runner.enforceSerializableSessionState`` is on). Keep domain data (the programme, a plan)
under keys no widget owns: Streamlit deletes a widget's key when the widget is not drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import streamlit as st

from smile_core.i18n import DEFAULT_LANGUAGE, LANGUAGES

T = TypeVar("T")


@dataclass(frozen=True)
class StateKey(Generic[T]):
    """One session-state entry: its ``name`` and a factory for its default value."""

    name: str
    default: Callable[[], T]

    def get(self) -> T:
        """The current value, or the default if the entry is not set yet."""
        if self.name not in st.session_state:
            return self.default()
        return st.session_state[self.name]

    def set(self, value: T) -> None:
        """Store ``value`` for the rest of the session."""
        st.session_state[self.name] = value


#: The UI language code; also the sidebar switch's widget key and URL parameter (``?lang=``).
LANGUAGE: StateKey[str] = StateKey("lang", lambda: DEFAULT_LANGUAGE)

#: Every key :func:`bootstrap` initialises.
KEYS: tuple[StateKey[Any], ...] = (LANGUAGE,)


def bootstrap() -> None:
    """Give every declared key its default if the session does not have it yet."""
    for key in KEYS:
        st.session_state.setdefault(key.name, key.default())


def current_language() -> str:
    """The session's UI language; the default when the stored value is not a known language."""
    language = LANGUAGE.get()
    return language if language in LANGUAGES else DEFAULT_LANGUAGE
