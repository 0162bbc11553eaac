"""Export: the plan as XLSX and CSV for Excel, the matching meeting's PDF pack, and the
steering-group report."""

from functools import partial

import streamlit as st

from smile_core.matching.role_view import role_csv_bytes, role_xlsx_bytes
from smile_core.reports.export import pairs_csv_bytes, pairs_xlsx_bytes
from smile_core.reports.meeting_pack import meeting_pack_pdf
from smile_core.reports.report import steering_report_html
from smile_core.text import LANGUAGE_NAMES, LANGUAGES, t
from smile_ui import persistence, plan_editor, session
from smile_ui.layout import needs_plan, page_header
from smile_ui.state import current_language

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

lang = current_language()
page_header("export")
ws = session.workspace()
if ws.plan is None or ws.result is None:
    needs_plan(lang)
    st.stop()
programme = session.active_programme()
key = session.active_key()
# The meeting pack and the report say the status of the plan they print: after hand edits it
# is no longer the solver's proven plan.
result_shown = plan_editor.result_on_screen(ws, programme)
st.caption(
    t(
        "export.plan_summary",
        lang,
        pairs=len(ws.plan.pairs),
        adepts=len(programme.adepts),
        edits=ws.hand_edits,
    )
)
file_lang = st.radio(
    t("export.language", lang),
    options=LANGUAGES,
    index=LANGUAGES.index(lang),
    format_func=LANGUAGE_NAMES.__getitem__,
    horizontal=True,
    key="export_language",
)

st.subheader(t("export.plan.heading", lang))
st.caption(t("export.plan.help", lang))
plan_args = {"plan": ws.plan, "lang": file_lang, "notes": dict(ws.notes)}
xlsx_column, csv_column = st.columns(2)
xlsx_column.download_button(
    t("export.plan.xlsx", lang),
    data=partial(pairs_xlsx_bytes, ws.result, programme, **plan_args),
    file_name=f"smile_{key}_{t('export.file.plan', file_lang)}.xlsx",
    mime=XLSX,
    on_click="ignore",
    type="primary",
    icon=":material/table_view:",
    key="download_xlsx",
)
csv_column.download_button(
    t("export.plan.csv", lang),
    data=partial(pairs_csv_bytes, ws.result, programme, **plan_args),
    file_name=f"smile_{key}_{t('export.file.plan', file_lang)}.csv",
    mime="text/csv",
    on_click="ignore",
    icon=":material/description:",
    key="download_csv",
)

# --- With roles: a column per role (and the placement), unmet needs, counts ----------------
if (on_screen := session.roles_on_screen(ws)) is not None:
    st.subheader(t("roles_ui.export.heading", lang))
    st.caption(t("roles_ui.export.help", lang))
    role_args = (on_screen, programme, file_lang)
    role_file = f"smile_{key}_{t('roles_ui.export.file', file_lang)}"
    xlsx_column, csv_column = st.columns(2)
    xlsx_column.download_button(
        t("roles_ui.export.xlsx", lang),
        data=partial(role_xlsx_bytes, *role_args),
        file_name=f"{role_file}.xlsx",
        mime=XLSX,
        on_click="ignore",
        icon=":material/table_view:",
        key="download_roles_xlsx",
    )
    csv_column.download_button(
        t("roles_ui.export.csv", lang),
        data=partial(role_csv_bytes, *role_args),
        file_name=f"{role_file}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/description:",
        key="download_roles_csv",
    )

st.subheader(t("export.meeting.heading", lang))
st.caption(t("export.meeting.help", lang))
st.download_button(
    t("export.meeting.download", lang),
    data=partial(
        meeting_pack_pdf,
        persistence.document_title(key, file_lang),
        result_shown,
        programme,
        file_lang,
        plan=ws.plan,
        settings=ws.settings,
        notes=dict(ws.notes),
        extra_reasons=ws.history,
    ),
    file_name=f"smile_{key}_{t('export.file.meeting', file_lang)}.pdf",
    mime="application/pdf",
    on_click="ignore",
    icon=":material/groups:",
    key="download_meeting_pack",
)

st.subheader(t("export.report.heading", lang))
st.caption(t("export.report.help", lang))
if ws.result.roles is not None:
    st.caption(t("export.report.roles", lang))
data = session.outcome_data()
st.download_button(
    t("export.report.download", lang),
    data=partial(
        steering_report_html,
        persistence.document_title(key, file_lang),
        result_shown,
        programme,
        data.followups.frame if data.followups else None,
        data.evaluations.frame if data.evaluations else None,
        file_lang,
        settings=ws.settings,
        plan=ws.plan,
    ),
    file_name=f"smile_{key}_{t('export.file.report', file_lang)}.html",
    mime="text/html",
    on_click="ignore",
    icon=":material/print:",
    key="download_report",
)
