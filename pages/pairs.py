"""Par / Pairs: charts to explore the pairs' scores and the use of capacity."""

import polars as pl
import streamlit as st

from smile_core.ingest.roster import choices, filter_roster, roster
from smile_core.matching.pair_views import (
    capacity_use,
    same_birth_region,
    score_breakdown,
    score_grid,
)
from smile_core.matching.plan_table import SCORE_PARTS, candidates_for, pairs_listing, plan_frame
from smile_core.matching.role_view import main_role_note
from smile_core.text import t
from smile_ui import charts, jobs_view, pairs_view, plan_editor, roles_view, session
from smile_ui.formatting import Lookup
from smile_ui.layout import needs_plan, page_header
from smile_ui.plan_filters import paged_view
from smile_ui.state import current_language
from smile_ui.text import literal, number

lang = current_language()
page_header("pairs")
ws = session.workspace()
if ws.plan is None or ws.result is None:
    needs_plan(lang)
    st.stop()
programme = session.active_programme()
key = session.active_key()
pairs = plan_frame(ws.plan, programme)
adept_names = {a.id: a.name or a.id for a in programme.adepts}
mentor_names = {m.id: m.name or m.id for m in programme.mentors}

if ws.result.roles is not None:
    # The charts and the editor below are the main role's pairs; say so before anyone reads
    # a mentor's score as the adept's whole plan.
    st.info(literal(main_role_note(ws.result.roles, lang)), icon=":material/info:")

# --- Scores by gender, every pair, linked; a click opens the pair's parts ---------------------
st.subheader(t("pairs.distribution.heading", lang))
st.caption(t("pairs.distribution.help", lang))
# One page of workplaces (numeric-aware) for the strip here and the capacity chart below.
mentor_use, workplace_use, on_page = pairs_view.workplace_page(
    *capacity_use(programme, ws.plan), f"pairs_workplace_page_{key}", lang
)
charts.show(
    lang,
    pairs_view.distribution_chart(pairs, lang, on_page),
    width="stretch",
    key=pairs_view.DISTRIBUTION_KEY,
    on_select=pairs_view.on_pair_clicked,
    selection_mode=["pair"],
)

st.subheader(t("pairs.components.heading", lang))
matched = pairs["adept_id"].to_list()
# Files without names: each side by its id ("A00002 – M0002"), never a side left blank. The
# labels are a selectbox's plain text, so an uploaded name is never read as markdown.
pair_labels = Lookup(
    tuple(
        (
            row["adept_id"],
            f"{row['adept_name'] or row['adept_id']} – {row['mentor_name'] or row['mentor_id']}",
        )
        for row in pairs.iter_rows(named=True)
    )
)
if st.session_state.get(pairs_view.ADEPT_KEY) not in matched:
    st.session_state.pop(pairs_view.ADEPT_KEY, None)
adept = st.selectbox(
    t("pairs.components.pair", lang),
    options=matched,
    format_func=pair_labels,
    key=pairs_view.ADEPT_KEY,
)
if adept is not None:
    row = pairs.filter(pl.col("adept_id") == adept).row(0, named=True)
    opted_in = ws.settings.similar_background_opt_in
    breakdown = score_breakdown(
        {part: row[part] for part in SCORE_PARTS},
        ws.settings.weights,
        row["gender_penalty"] or 0,
        similar_background=opted_in,
    )
    st.caption(t("pairs.components.total", lang, score=number(row["score"], lang, 1)))
    if opted_in:
        # Sensitive: only the coordinator reaches this page, and only yes/no/not known.
        same = same_birth_region(programme, row["adept_id"], row["mentor_id"])
        answer = {True: "yes", False: "no", None: "unknown"}[same]
        st.caption(
            t(
                "pairs.components.same_birth_region",
                lang,
                answer=t(f"pairs.components.same_birth_region.{answer}", lang),
            )
        )
    charts.show(lang, pairs_view.components_chart(breakdown, lang), width="stretch")
    # An earlier cohort's mentor (smile_core.matching.history): forbidden, or the penalty in the
    # score.
    for sentence_sv, sentence_en in ws.history.get(adept, ()):
        st.caption(literal(sentence_sv if lang == "sv" else sentence_en))

# --- With roles: the placement and a column per role, unmet needs per role ------------------
roles_view.role_plan_section(
    session.roles_on_screen(ws), programme, lang, locks=ws.role_locks, forbids=ws.role_forbids
)

# --- Every pair (and adept without a mentor): filtered, sorted, one page at a time -----------
st.subheader(t("pairs.table.heading", lang))
rows = plan_editor.derived("editor_frame", ws, key, lambda: plan_editor.editor_frame(ws, programme))
_, page = paged_view(rows, f"pairs_view_{key}", lang)
st.dataframe(
    pairs_listing(page.rows),
    hide_index=True,
    column_config={
        "adept_id": t("field.id", lang),
        "adept_name": t("matching.plan.adept", lang),
        "mentor_name": t("matching.plan.mentor", lang),
        "workplace_name": t("field.workplace_id", lang),
        "score": st.column_config.NumberColumn(t("matching.plan.score", lang), format="%.1f"),
        "note": t("matching.plan.note", lang),
    },
)

# --- Capacity ---------------------------------------------------------------------------------
st.subheader(t("pairs.capacity.heading", lang))
st.caption(t("pairs.capacity.help", lang))
if workplace_use.is_empty():
    st.dataframe(mentor_use, hide_index=True)
else:
    charts.show(lang, pairs_view.capacity_chart(mentor_use, workplace_use, lang), width="content")

# --- Heat map of a chosen group --------------------------------------------------------------
st.subheader(t("pairs.heatmap.heading", lang))
st.caption(t("pairs.heatmap.help", lang, most=pairs_view.HEATMAP_MAX))
adepts_roster, mentors_roster = plan_editor.derived(
    "rosters", ws, key, lambda: (roster(programme, "adepts"), roster(programme, "mentors"))
)
left, right = st.columns(2)
adept_fields = left.multiselect(
    t("pairs.heatmap.adept_fields", lang),
    placeholder=t("app.choose", lang),
    options=choices(adepts_roster, "field"),
    key=f"heatmap_adepts_{key}",
)
mentor_fields = right.multiselect(
    t("pairs.heatmap.mentor_fields", lang),
    placeholder=t("app.choose", lang),
    options=choices(mentors_roster, "field"),
    key=f"heatmap_mentors_{key}",
)
adept_ids = filter_roster(adepts_roster, fields=adept_fields)["id"].to_list()
mentor_ids = filter_roster(mentors_roster, fields=mentor_fields)["id"].to_list()
if len(adept_ids) > pairs_view.HEATMAP_MAX or len(mentor_ids) > pairs_view.HEATMAP_MAX:
    st.caption(t("pairs.heatmap.cut", lang, most=pairs_view.HEATMAP_MAX))
grid = score_grid(
    session.pair_scores(),
    ws.plan,
    adept_ids[: pairs_view.HEATMAP_MAX],
    mentor_ids[: pairs_view.HEATMAP_MAX],
).with_columns(
    adept_label=pl.col("adept_id").replace_strict(adept_names) + " (" + pl.col("adept_id") + ")",
    mentor_label=pl.col("mentor_id").replace_strict(mentor_names)
    + " ("
    + pl.col("mentor_id")
    + ")",
)
if grid.is_empty():
    st.info(t("pairs.heatmap.empty", lang), icon=":material/info:")
else:
    charts.show(lang, pairs_view.heatmap_chart(grid, lang))

# --- What if this adept had that mentor? -----------------------------------------------------
st.subheader(t("pairs.what_if.heading", lang))
st.caption(t("pairs.what_if.help", lang))
left, right = st.columns(2)
asked_adept = left.selectbox(
    t("matching.plan.adept", lang),
    options=[a.id for a in programme.adepts],
    format_func=Lookup(tuple((a, f"{n} ({a})") for a, n in adept_names.items())),
    key=f"what_if_adept_{key}",
)
options = candidates_for(session.pair_scores(), programme, asked_adept, ws.plan)
options = options.filter(~pl.col("current"))
asked_mentor = right.selectbox(
    t("matching.plan.mentor", lang),
    options=options["mentor_id"].to_list(),
    format_func=Lookup(tuple(options.select("mentor_id", "label").iter_rows())),
    key=f"what_if_mentor_{key}",
    placeholder=t("pairs.what_if.no_mentor", lang),
)
if st.button(
    t("pairs.what_if.run", lang),
    disabled=asked_mentor is None,
    key=f"what_if_run_{key}",
    icon=":material/help:",
):
    jobs_view.start(
        f"what_if:{key}",
        session.what_if_work(
            asked_adept, asked_mentor, plan_editor.result_on_screen(ws, programme)
        ),
        search_seconds=ws.settings.time_limit_seconds,
    )
# The what-if solves in a worker: bars and a cancel button while it runs (the page ends here).
job = jobs_view.follow(f"what_if:{key}", t("progress.what_if", lang), lang)
if job is not None:
    ws = session.update_workspace(what_if=job.result)
answer = ws.what_if
if answer is not None:
    asked = t(
        "pairs.what_if.asked",
        lang,
        adept=literal(adept_names.get(answer.adept_id, answer.adept_id)),
        mentor=literal(mentor_names.get(answer.mentor_id, answer.mentor_id)),
    )
    st.markdown(asked)
    if not answer.feasible:
        conflicts = answer.result.conflicts
        st.error(
            "\n".join(
                [t("pairs.what_if.impossible", lang)]
                + [
                    f"- {literal(c.message_sv if lang == 'sv' else c.message_en)}"
                    for c in conflicts
                ]
            ),
            icon=":material/block:",
        )
    else:
        columns = st.columns(3)
        columns[0].metric(
            t("pairs.what_if.score_change", lang),
            number(answer.result.total_score, lang, 2),
            delta=number(answer.score_change, lang, 2),
        )
        columns[1].metric(
            t("matching.figures.matched", lang),
            answer.result.matched,
            delta=answer.matched_change,
        )
        columns[2].metric(t("pairs.what_if.moved", lang), len(answer.moved))
        none = t("pairs.what_if.none", lang)
        st.dataframe(
            pl.DataFrame(
                [
                    {
                        t("matching.plan.adept", lang): f"{adept_names.get(a, a)} ({a})",
                        t("matching.diff.before", lang): mentor_names.get(old, none)
                        if old
                        else none,
                        t("matching.diff.after", lang): mentor_names.get(new, none)
                        if new
                        else none,
                    }
                    for a, old, new in answer.moved
                ]
            ),
            hide_index=True,
        )
