"""The Privacy page's parts: pick a stored person, erase them, export what is stored about them,
and the retention purge with its preview. Nothing here logs or shows more than ids."""

from __future__ import annotations

import polars as pl
import streamlit as st

from smile_core.store import StoreError
from smile_core.text import t
from smile_core.workflows import privacy
from smile_ui import persistence
from smile_ui.formatting import Label
from smile_ui.programmes_view import refusal
from smile_ui.text import literal

#: The retention period offered first (months after a programme was closed).
DEFAULT_RETENTION_MONTHS = 24


def _confirmed_button(confirm: str, run: str, *, icon: str, key: str) -> bool:
    """A destructive action's button, enabled only once its confirmation box is ticked; the
    widgets' keys are ``<key>_confirm`` and ``<key>_run``. True on the click."""
    sure = st.checkbox(confirm, key=f"{key}_confirm", wrap=True)
    return st.button(run, type="primary", disabled=not sure, icon=icon, key=f"{key}_run")


def pick_person(purpose: str, lang: str) -> str | None:
    """Choose programme, cohort, role and the coordinator's id; returns the person key."""
    repo = persistence.service()
    programmes = repo.list_programmes()
    if not programmes:
        st.caption(t("privacy.nothing_stored", lang))
        return None
    names = {p.id: p.name for p in programmes}
    columns = st.columns(4)
    programme_id = columns[0].selectbox(
        t("programmes.pick.programme", lang),
        list(names),
        format_func=names.__getitem__,
        key=f"{purpose}_programme",
    )
    cohorts = {c.id: c.name for c in repo.list_cohorts(programme_id)}
    if not cohorts:
        st.caption(t("programmes.no_cohorts", lang))
        return None
    cohort_id = columns[1].selectbox(
        t("programmes.pick.cohort", lang),
        list(cohorts),
        format_func=cohorts.__getitem__,
        key=f"{purpose}_cohort",
    )
    role = columns[2].selectbox(
        t("privacy.role", lang),
        ("adept", "mentor"),
        format_func=Label("privacy.role", lang),
        key=f"{purpose}_role",
    )
    ids = [m.source_id for m in repo.list_members(cohort_id) if m.role == role]
    source_id = columns[3].selectbox(
        t("field.id", lang), ids, key=f"{purpose}_id_{cohort_id}_{role}"
    )
    if source_id is None:
        return None
    return repo.person_key(cohort_id, role, source_id)


def erase(lang: str) -> None:
    """Erase a chosen person everywhere, after an explicit confirmation."""
    key = pick_person("erase", lang)
    if key is None:
        return
    if _confirmed_button(
        t("privacy.erase.confirm", lang),
        t("privacy.erase.run", lang),
        icon=":material/delete_forever:",
        key="erase",
    ):
        try:
            report = privacy.erase_person(persistence.service(), key)
        except StoreError as error:
            refusal(error, lang)
            return
        st.success(
            t(
                "privacy.erase.done",
                lang,
                pairs=report.pairs,
                followups=report.followups,
                evaluations=report.evaluations,
                edits=report.edits,
            ),
            icon=":material/task_alt:",
        )


def export(lang: str) -> None:
    """Everything stored about a chosen person as a JSON file (an access request)."""
    key = pick_person("export", lang)
    if key is None:
        return
    if st.button(
        t("privacy.export.prepare", lang), icon=":material/description:", key="export_prepare"
    ):
        data = persistence.service().export_person_json(key)
        st.download_button(
            t("privacy.export.download", lang),
            data=data,
            file_name="smile-person.json",
            mime="application/json",
            on_click="ignore",
            icon=":material/download:",
            key="export_download",
        )


def retention(lang: str) -> None:
    """The retention setting, what a purge would delete, and the confirmed purge."""
    months = st.number_input(
        t("privacy.retention.months", lang),
        min_value=0,
        max_value=240,
        value=DEFAULT_RETENTION_MONTHS,
        step=1,
        key="retention_months",
    )
    repo = persistence.service()
    candidates = repo.purge_preview(int(months))
    if not candidates:
        st.caption(t("privacy.retention.nothing", lang, months=int(months)))
        return
    st.dataframe(
        pl.DataFrame(
            [
                {
                    "name": c.name,
                    "closed_at": c.closed_at,
                    "cohorts": c.cohorts,
                    "people": c.people,
                    "runs": c.runs,
                }
                for c in candidates
            ]
        ),
        hide_index=True,
        column_config={
            "name": t("privacy.retention.programme", lang),
            "closed_at": st.column_config.DatetimeColumn(
                t("privacy.retention.closed", lang), format="YYYY-MM-DD"
            ),
            "cohorts": t("privacy.retention.cohorts", lang),
            "people": t("privacy.retention.people", lang),
            "runs": t("privacy.retention.runs", lang),
        },
    )
    if _confirmed_button(
        t("privacy.retention.confirm", lang, count=len(candidates)),
        t("privacy.retention.run", lang),
        icon=":material/auto_delete:",
        key="purge",
    ):
        try:
            gone = privacy.purge(repo, int(months))
        except StoreError as error:  # e.g. the log could not be emptied yet: say so
            refusal(error, lang)
            return
        st.success(
            t("privacy.retention.done", lang, names=", ".join(literal(c.name) for c in gone))
        )
