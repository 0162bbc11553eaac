"""Deltagare / Participants: upload the participant files and see the validation report."""

import json

import streamlit as st

from smile_core.ingest.mapping import TRANSLATABLE_FIELDS
from smile_core.ingest.reading import SourceFile
from smile_core.ingest.roster import choices, filter_roster, labelled, roster
from smile_core.ingest.vocabulary import MAPPABLE_FIELDS, TABLES
from smile_core.text import t
from smile_ui import roles_view, session, upload_cohort, uploads
from smile_ui.formatting import Label
from smile_ui.layout import page_header
from smile_ui.state import COLUMN_MAPPING, UPLOAD_CHECK, current_language
from smile_ui.tables import column_labels, show_report
from smile_ui.text import literal, number

FILE_TYPES = ["csv", "txt", "xlsx", "xlsm", "xls", "ods"]
WORKBOOK_TYPES = ["xlsx", "xlsm", "xls", "ods"]

lang = current_language()
page_header("participants")

# --- Upload ---------------------------------------------------------------------------------
st.subheader(t("participants.upload.heading", lang))
st.caption(t("participants.upload.privacy", lang))
st.caption(t("participants.upload.sensitive", lang))
layout = st.radio(
    t("participants.upload.layout", lang),
    options=["files", uploads.WORKBOOK],
    format_func=Label("participants.upload.layout", lang),
    horizontal=True,
    key=f"upload_layout_{lang}",
)
chosen = {}
if layout == "files":
    for table, column in zip(TABLES, st.columns(len(TABLES)), strict=True):
        name = t(f"table.{table}", lang)
        label_key = (
            "participants.upload.optional" if table == "workplaces" else "participants.upload.file"
        )
        chosen[table] = column.file_uploader(
            t(label_key, lang, table=name),
            type=FILE_TYPES,
            key=f"upload_{table}",
            help=t("participants.upload.help", lang),
        )
    ready = chosen["adepts"] is not None and chosen["mentors"] is not None
else:
    chosen[uploads.WORKBOOK] = st.file_uploader(
        t("participants.upload.workbook", lang),
        type=WORKBOOK_TYPES,
        key="upload_workbook",
        help=t("participants.upload.help", lang),
    )
    ready = chosen[uploads.WORKBOOK] is not None
if not ready:
    st.caption(t("participants.upload.need_files", lang))

# A mapping saved for the programme at an earlier upload is offered before checking again.
offered = uploads.saved_mapping()
if offered is not None:
    st.info(t("participants.mapping.saved_offer", lang), icon=":material/history:")
    if st.button(t("participants.mapping.saved_use", lang), key="mapping_saved_use"):
        uploads.use_mapping(offered)
        uploads.check_again()
        st.rerun()
with st.expander(t("participants.mapping.file", lang)):
    st.caption(t("participants.mapping.file_help", lang))
    mapping_file = st.file_uploader(
        t("participants.mapping.file", lang),
        type=["toml", "json"],
        key="mapping_file",
        label_visibility="collapsed",
    )
    if mapping_file is not None and st.button(
        t("participants.mapping.file_apply", lang), key="mapping_file_apply"
    ):
        try:
            uploads.use_mapping(
                uploads.read_mapping_file(mapping_file.name, mapping_file.getvalue())
            )
        except ValueError as exc:
            st.error(t("participants.mapping.file_bad", lang, problem=literal(str(exc))))
        else:
            uploads.check_again()
            st.rerun()
# Where the upload is stored: chosen before the check, which stores it at once.
upload_cohort.choose(lang)
if st.button(
    t("participants.upload.check", lang), type="primary", disabled=not ready, key="upload_check"
):
    sources = {key: SourceFile(file.name, file.getvalue()) for key, file in chosen.items() if file}
    line = st.empty()  # a live line while the child process reads and checks the files
    loaded = uploads.check(
        sources,
        tick=lambda seconds: line.caption(
            t("progress.reading", lang, seconds=number(seconds, lang, 1))
        ),
    )
    line.empty()
    if loaded.ok:
        st.rerun()  # the sidebar's programme switch now offers (and shows) the upload

# --- The last check: counts, report, unknown columns ----------------------------------------
check = UPLOAD_CHECK.get()
if check is not None:
    st.subheader(t("participants.check.heading", lang))
    if check.ok:
        st.success(t("participants.check.loaded", lang, **check.counts), icon=":material/check:")
        upload_cohort.after_check(check.programme, lang)
    else:
        st.error(
            t("participants.check.failed", lang, errors=len(check.report.errors)),
            icon=":material/error:",
        )
    if check.report.warnings:
        st.caption(t("participants.check.warnings", lang, warnings=len(check.report.warnings)))
    for table, column in zip(TABLES, st.columns(len(TABLES)), strict=True):
        column.metric(
            t("participants.check.rows_read", lang, table=t(f"table.{table}", lang)),
            check.counts[table],
        )
    show_report(check.report, lang)

    # Words a form or another tool uses for gender or levels ("Dam", "Female"): translate once.
    words = uploads.untranslated(check)
    if words:
        st.subheader(t("participants.values.heading", lang))
        st.write(t("participants.values.intro", lang))
        value_picks = []
        for index, unknown in enumerate(words):
            value_picks.append(
                (
                    unknown,
                    st.selectbox(
                        t(
                            "participants.values.word",
                            lang,
                            table=t(f"table.{unknown.table}", lang),
                            value=literal(unknown.value),
                            header=literal(unknown.header),
                        ),
                        options=[None, *TRANSLATABLE_FIELDS[unknown.field]],
                        # SMILE's own words are shown as written (they have no catalogue entry).
                        format_func=Label(
                            "participants.values.option",
                            lang,
                            none_key="participants.values.unchosen",
                        ),
                        key=f"value_{index}_{lang}",
                    ),
                )
            )
        if st.button(t("participants.values.apply", lang), key="values_apply"):
            uploads.remember_values(value_picks)
            uploads.check_again()
            st.rerun()

    unknown = {table: headers for table, headers in check.unknown_columns.items() if headers}
    if unknown:
        st.subheader(t("participants.mapping.heading", lang))
        st.write(t("participants.mapping.intro", lang))
        options = {table: [None, "", *MAPPABLE_FIELDS[table]] for table in unknown}
        picks: dict[str, dict[str, str | None]] = {}
        for table, headers in unknown.items():
            for index, header in enumerate(headers):
                picks.setdefault(table, {})[header] = st.selectbox(
                    t(
                        "participants.mapping.column",
                        lang,
                        table=t(f"table.{table}", lang),
                        header=literal(header),
                    ),
                    options=options[table],
                    format_func=Label(
                        "field",
                        lang,
                        none_key="participants.mapping.unchosen",
                        blank_key="participants.mapping.ignore",
                    ),
                    key=f"mapping_{table}_{index}_{lang}",
                )
        if st.button(t("participants.mapping.apply", lang), key="mapping_apply"):
            uploads.remember_mapping(picks)
            uploads.check_again()
            st.rerun()

mapping = COLUMN_MAPPING.get()
whole = uploads.current_mapping()
if not whole.empty:
    st.download_button(
        t("participants.mapping.download", lang),
        data=json.dumps(whole.to_json(), ensure_ascii=False, indent=2),
        file_name="kolumnmappning.json",
        mime="application/json",
        key="mapping_download",
    )
if any(mapping.values()):
    st.caption(t("participants.mapping.remembered", lang))
    st.dataframe(
        [
            {
                t("participants.report.file", lang): t(f"table.{table}", lang),
                t("participants.mapping.header", lang): header,
                t("participants.mapping.field", lang): (
                    t(f"field.{field}", lang) if field else t("participants.mapping.ignore", lang)
                ),
            }
            for table, headers in mapping.items()
            for header, field in headers.items()
        ],
        hide_index=True,
    )
if not whole.empty and st.button(t("participants.mapping.forget", lang), key="mapping_forget"):
    uploads.forget_mapping()
    st.rerun()

# --- The active programme's lists -----------------------------------------------------------
st.divider()
st.subheader(t("participants.tables.heading", lang))
st.caption(
    t(
        "participants.tables.programme",
        lang,
        programme=session.programme_title(session.active_key(), lang),
    )
)
programme = session.active_programme()
for table, tab in zip(
    TABLES, st.tabs([t(f"table.{table}", lang) for table in TABLES]), strict=True
):
    with tab:
        frame = roster(programme, table)
        search_column, *filter_columns = st.columns(4)
        search = search_column.text_input(
            t("participants.filter.search", lang), key=f"search_{table}"
        )
        picked = {}
        for column, name in zip(filter_columns, ("gender", "field", "region"), strict=True):
            values = choices(frame, name)
            if not values:
                continue
            picked[f"{name}s"] = column.multiselect(
                t(f"participants.filter.{name}", lang),
                placeholder=t("app.choose", lang),
                options=values,
                format_func=Label(name, lang),
                key=f"filter_{table}_{name}_{lang}",
            )
        shown = filter_roster(frame, search=search, **picked)
        st.caption(t("participants.filter.shown", lang, shown=shown.height, total=frame.height))
        st.dataframe(
            labelled(shown, lang),
            hide_index=True,
            column_config=column_labels(shown.columns, lang),
        )

# --- With roles: demand against seats per role ----------------------------------------------
roles_view.role_readiness(programme, lang)
