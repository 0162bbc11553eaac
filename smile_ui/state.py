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

from smile_core.demo.programmes import DEMO_PROGRAMMES
from smile_core.text import DEFAULT_LANGUAGE, LANGUAGES

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

#: The active programme: a demo programme's key, or ``"uploaded"`` (see smile_ui.session).
#: A new session opens on the first demo programme, so the dashboard is never empty.
ACTIVE_PROGRAMME: StateKey[str] = StateKey("active_programme", lambda: DEMO_PROGRAMMES[0].key)

#: The programme the coordinator uploaded (a ``smile_ui.session.UploadedProgramme``) or None.
UPLOADED_PROGRAMME: StateKey[Any] = StateKey("uploaded_programme", lambda: None)

#: Each programme's matching work (``smile_ui.session.Workspace``) by programme key.
WORKSPACES: StateKey[dict[str, Any]] = StateKey("workspaces", dict)

#: Imported follow-ups and evaluations (``smile_ui.session.OutcomeData``) by programme key.
OUTCOME_FILES: StateKey[dict[str, Any]] = StateKey("outcome_data", dict)

#: The files of the last upload check, by table (or ``"workbook"``), kept so a column
#: mapping can be applied without uploading them again.
UPLOAD_SOURCES: StateKey[dict[str, Any]] = StateKey("upload_sources", dict)

#: The last upload check's ``LoadResult`` (shown until the next check), or None.
UPLOAD_CHECK: StateKey[Any] = StateKey("last_upload_check", lambda: None)

#: The coordinator's column mapping ``{table: {their header: field}}``, for the session.
COLUMN_MAPPING: StateKey[dict[str, dict[str, str]]] = StateKey("column_mapping", dict)

#: The rest of the column mapping (value words, combined and split columns, and columns from
#: a mapping file) as :meth:`smile_core.ingest.mapping.ColumnMapping.to_json` data, for the session.
MAPPING_EXTRA: StateKey[dict[str, Any]] = StateKey("column_mapping_extra", dict)

#: A message for the next run (``(kind, headline, details)``), e.g. after edits were applied
#: and the page reran; shown once.
FLASH: StateKey[Any] = StateKey("flash_message", lambda: None)

#: Where the next upload is stored (a ``smile_ui.persistence.UploadTarget``), as chosen on
#: the Participants page; None: a new cohort of the user's own "Uppladdat".
UPLOAD_TARGET: StateKey[Any] = StateKey("upload_target", lambda: None)

#: Which stored cohort each session programme belongs to: ``{programme key: (programme id,
#: cohort id)}`` (see smile_ui.persistence).
STORE_LINKS: StateKey[dict[str, tuple[int, int]]] = StateKey("store_links", dict)

#: Which stored participant version each session programme *is*: ``{programme key: version
#: number}`` of its linked cohort. Runs are saved against it, never against a newer version.
PINNED_VERSIONS: StateKey[dict[str, int]] = StateKey("pinned_versions", dict)

#: The last refused save's message, until a page that reran shows it (see smile_ui.persistence).
SAVE_REFUSED: StateKey[Any] = StateKey("save_refused", lambda: None)
#: Why the identity the provider signed in has no SMILE login: (Swedish, English), else None.
SSO_REFUSED: StateKey[Any] = StateKey("sso_refused", lambda: None)

#: True once this session has looked at the URL's programme, cohort and run (done once).
URL_RESTORED: StateKey[bool] = StateKey("url_restored", lambda: False)

#: This session's login: ``(account id, logged in at, last page load at)`` (UTC), or None.
LOGIN: StateKey[Any] = StateKey("login_session", lambda: None)

#: True when the last login ended by itself (it was idle too long or too old): say so once.
LOGIN_EXPIRED: StateKey[bool] = StateKey("login_expired", lambda: False)

#: The user of this run (a ``smile_core.access.User``), set by ``app.py`` before any page;
#: None while nobody is logged in. Every store request is made as this user.
CURRENT_USER: StateKey[Any] = StateKey("current_user", lambda: None)

#: Long steps running in worker threads (``smile_core.progress.Job``) by job key, e.g.
#: ``"matching:vocational"`` (see smile_ui.jobs_view): a rerun or page switch finds them again.
JOBS: StateKey[dict[str, Any]] = StateKey("running_jobs", dict)

#: Every key :func:`bootstrap` initialises.
KEYS: tuple[StateKey[Any], ...] = (
    LANGUAGE,
    ACTIVE_PROGRAMME,
    UPLOADED_PROGRAMME,
    WORKSPACES,
    OUTCOME_FILES,
    UPLOAD_SOURCES,
    UPLOAD_CHECK,
    COLUMN_MAPPING,
    MAPPING_EXTRA,
    FLASH,
    UPLOAD_TARGET,
    STORE_LINKS,
    PINNED_VERSIONS,
    SAVE_REFUSED,
    SSO_REFUSED,
    URL_RESTORED,
    LOGIN,
    LOGIN_EXPIRED,
    CURRENT_USER,
    JOBS,
)


def bootstrap() -> None:
    """Give every declared key its default if the session does not have it yet."""
    for key in KEYS:
        st.session_state.setdefault(key.name, key.default())


def current_language() -> str:
    """The session's UI language; the default when the stored value is not a known language."""
    language = LANGUAGE.get()
    return language if language in LANGUAGES else DEFAULT_LANGUAGE
