"""The Participants page's choice of where an upload is stored: programme, cohort, split.

Decisions a coordinator would expect (issue 9):

- The default is a *new* cohort named after the files and the date in their own "Uppladdat"
  programme: an upload never lands in a cohort someone else's upload is in, and a coordinator
  who just wants to try a file needs to choose nothing.
- Picking an existing cohort makes the upload its next version (a corrected file for the
  same intake), so runs of the earlier version stay pinned to the people they were solved on.
- Splitting by the Kohort column is a choice, not the default: split, every intake is matched
  on its own with every mentor's full capacity, which changes what the matching does. When the
  checked file has several Kohort values and the choice was not made, the page says so.
- Closed programmes are not offered: nobody uploads into a programme that has ended.
"""

from __future__ import annotations

import streamlit as st

from smile_core.ingest.intakes import cohort_names
from smile_core.ingest.participants import Programme
from smile_core.store import StoreError
from smile_core.text import t
from smile_ui import persistence, session
from smile_ui.persistence import UploadTarget
from smile_ui.state import UPLOAD_TARGET
from smile_ui.text import literal

#: The cohort option "a new cohort named after the files and the date".
NEW = ""


def choose(lang: str) -> UploadTarget:
    """Draw the choice and keep it as the session's upload target (the next check and every
    re-check after a mapping change store there); returns it."""
    repo = persistence.service()
    own = persistence.own_upload_programme_name()
    try:
        programmes = {p.id: p.name for p in repo.list_programmes(include_closed=False)}
    except StoreError:
        programmes = {}
    own_id = next((i for i, name in programmes.items() if name == own), None)
    # Labels by dict lookup, not lambdas: widget state must pickle.
    programme_labels: dict[int | None, str] = {None: own}
    programme_labels.update((i, name) for i, name in programmes.items() if i != own_id)
    left, middle, right = st.columns(3)
    programme_id = left.selectbox(
        t("participants.target.programme", lang),
        list(programme_labels),
        format_func=programme_labels.__getitem__,
        key="upload_programme",
    )
    shown_id = own_id if programme_id is None else programme_id
    cohort_labels = {NEW: t("participants.target.new", lang)}
    if shown_id is not None:
        cohort_labels.update((c.name, c.name) for c in repo.list_cohorts(shown_id))
    cohort = middle.selectbox(
        t("participants.target.cohort", lang),
        list(cohort_labels),
        format_func=cohort_labels.__getitem__,
        key=f"upload_cohort_{shown_id}",
    )
    split = right.checkbox(
        t("participants.target.split", lang),
        help=t("participants.target.split_help", lang),
        key="upload_split",
    )
    target = UploadTarget(programme_id, cohort, split)
    UPLOAD_TARGET.set(target)
    return target


def after_check(programme: Programme, lang: str) -> None:
    """Under a successful check: where the upload is stored, and a hint when its Kohort
    column has several values that were kept together."""
    where = persistence.stored_where(session.UPLOADED)
    if where is not None:
        name, cohort, number = where
        st.caption(
            t(
                "participants.target.stored",
                lang,
                programme=literal(name),
                cohort=literal(cohort),
                version=number,
            )
        )
    target = UPLOAD_TARGET.get() or UploadTarget()
    names = cohort_names(programme)
    if len(names) > 1:
        shown = ", ".join(n or t("programmes.intakes.no_cohort", lang) for n in names)
        key = "participants.target.split_done" if target.split else "participants.target.together"
        st.caption(t(key, lang, count=len(names), names=literal(shown)))
