"""Frames and checks derived from the session's data, kept until what they derive from changes.

Every click reruns the page script, and several pages derived the same things again on each
run (the plan editor's rows, every check of the plan, the readiness check that scores every
pair): seconds at 1,000 adepts (issue 11). :func:`kept` keeps one value per name in the
session, with the version it was computed for; a different version computes it afresh.
Values live in ``st.session_state`` (per session, never shared between users), so they must
pickle (``runner.enforceSerializableSessionState``): keep them small.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

import streamlit as st

#: The session-state key of the kept values.
MEMO_KEY = "smile_memo"

T = TypeVar("T")


def kept(name: str, version: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` as computed last for ``version`` under ``name``; computed (and kept in
    place of the older one) when ``version`` differs. Use a version that changes whenever
    anything the value depends on changes (e.g. hashes of the programme and the plan)."""
    store = st.session_state.setdefault(MEMO_KEY, {})
    entry = store.get(name)
    if entry is not None and entry[0] == version:
        return entry[1]
    value = compute()
    store[name] = (version, value)
    return value
