"""The Programmes page's parts: choosing the stored programme and cohort, participant versions,
run history, two runs side by side, the agreed plan, someone leaving, promotions and groups.

Every part reads and writes through :func:`smile_ui.persistence.repository`; what is computed
comes from :mod:`smile_core` (saved runs, re-matching, groups). Store refusals are shown as
warnings in the UI language.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import streamlit as st

from smile_core.demo.group_cascade import PROGRAMME_NAME, seed_group_cascade
from smile_core.equality.suppression import DEFAULT_MIN_COUNT
from smile_core.ingest.intakes import start_from_name
from smile_core.matching.group_cascade import generation_counts, lineage
from smile_core.matching.mentor_groups import planned_groups
from smile_core.matching.plan import PlanDiff
from smile_core.matching.saved_runs import comparison, has_plan, history_frame
from smile_core.store import StoreError
from smile_core.store.records import VersionDiff
from smile_core.text import MISSING, t
from smile_core.workflows import leaving, plan_edits, programmes
from smile_core.workflows.groups import programme_groups, promote_to_lead_group, replace_groups
from smile_ui import charts, persistence, session
from smile_ui.formatting import Label
from smile_ui.text import literal, number

KINDS = ("vocational", "academic", "group")


def refusal(error: StoreError, lang: str) -> None:
    """Show the store's refusal in the UI language."""
    st.warning(error.message_sv if lang == "sv" else error.message_en, icon=":material/block:")


def new_programme_form(lang: str) -> None:
    """Create a programme: name, kind and rhythm (length, unit and a free description)."""
    with st.form("new_programme", clear_on_submit=True):
        name = st.text_input(
            t("programmes.new.name", lang), max_chars=120, key="new_programme_name"
        )
        kind = st.selectbox(
            t("programmes.new.kind", lang), KINDS, format_func=Label("programmes.kind", lang)
        )
        left, right = st.columns(2)
        length = left.number_input(
            t("programmes.new.length", lang), min_value=1, max_value=120, value=30
        )
        unit = right.selectbox(
            t("programmes.new.unit", lang),
            ("weeks", "months"),
            format_func=Label("programmes.unit", lang),
        )
        rhythm = st.text_input(
            t("programmes.new.rhythm", lang), max_chars=300, key="new_programme_rhythm"
        )
        cohort = st.text_input(
            t("programmes.new.cohort", lang), max_chars=120, key="new_programme_cohort"
        )
        if st.form_submit_button(t("programmes.new.create", lang), icon=":material/add:"):
            repo = persistence.service()
            try:
                # The programme and its first cohort in one transaction (both or neither).
                programme_id = programmes.create_programme(
                    repo,
                    name,
                    kind,
                    {unit: int(length), "description": rhythm.strip()},
                    cohort=cohort,
                )
                if cohort.strip():
                    created = repo.list_cohorts(programme_id)[0]
                    persistence.set_link(programme_id, created.id)
                    persistence.sync_url()
            except StoreError as error:
                refusal(error, lang)
            else:
                st.success(t("programmes.new.created", lang), icon=":material/task_alt:")
    _finnish_demo(lang)


def _finnish_demo(lang: str) -> None:
    """Store the Finnish group-mentoring demo (three generations of groups), once."""
    repo = persistence.service()
    if any(p.name == PROGRAMME_NAME for p in repo.list_programmes()):
        return
    st.caption(t("programmes.generations.demo_help", lang))
    if st.button(
        t("programmes.generations.demo", lang), icon=":material/account_tree:", key="cascade_demo"
    ):
        try:
            seed_group_cascade(repo)  # one call; refused if the name is taken meanwhile
        except StoreError as error:
            refusal(error, lang)
        else:
            st.success(t("programmes.generations.demo_done", lang, name=literal(PROGRAMME_NAME)))


def choose_cohort(lang: str) -> tuple[int, int] | None:
    """Pick a stored programme and cohort; link it to the session's programme or open it.

    Returns the active programme's (programme id, cohort id), or None while it has none.
    """
    repo = persistence.service()
    programmes = repo.list_programmes()
    current = persistence.link()
    if not programmes:
        st.info(t("programmes.none", lang), icon=":material/info:")
        return current
    names = {p.id: p.name + (t("programmes.closed", lang) if p.closed else "") for p in programmes}
    ids = list(names)
    programme_id = st.selectbox(
        t("programmes.pick.programme", lang),
        ids,
        index=ids.index(current[0]) if current and current[0] in ids else 0,
        format_func=names.__getitem__,
        key=f"pick_programme_{lang}",
    )
    cohorts = repo.list_cohorts(programme_id)
    with st.popover(t("programmes.new_cohort", lang), icon=":material/add:"):
        cohort_name = st.text_input(t("programmes.new.cohort", lang), key="new_cohort_name")
        starts_on = st.date_input(
            t("programmes.intakes.starts_on", lang),
            value=None,
            help=t("programmes.intakes.starts_on_help", lang),
            key="new_cohort_starts_on",
        )
        if st.button(t("programmes.new.create", lang), key="new_cohort_create"):
            try:
                repo.create_cohort(
                    programme_id, cohort_name, starts_on or start_from_name(cohort_name)
                )
                st.rerun()
            except StoreError as error:
                refusal(error, lang)
    if not cohorts:
        st.info(t("programmes.no_cohorts", lang), icon=":material/info:")
        return current
    # An intake's start date after its name, so September and February intakes tell apart.
    cohort_names = {
        c.id: c.name + (f" ({c.starts_on:%Y-%m-%d})" if c.starts_on else "") for c in cohorts
    }
    cohort_ids = list(cohort_names)
    cohort_id = st.selectbox(
        t("programmes.pick.cohort", lang),
        cohort_ids,
        index=cohort_ids.index(current[1]) if current and current[1] in cohort_ids else 0,
        format_func=cohort_names.__getitem__,
        key=f"pick_cohort_{lang}_{programme_id}",
    )
    use, load = st.columns(2)
    if use.button(t("programmes.pick.use", lang), icon=":material/link:", key="cohort_use"):
        try:
            persistence.link_to(programme_id, cohort_id)
        except StoreError as error:
            refusal(error, lang)
    if load.button(
        t("programmes.pick.open", lang), icon=":material/folder_open:", key="cohort_open"
    ):
        try:
            persistence.open_cohort(cohort_id)
        except StoreError as error:
            refusal(error, lang)
        else:
            st.rerun()
    return persistence.link()


def versions(cohort_id: int, lang: str) -> None:
    """Save the session's participants as the cohort's next version; list the versions."""
    repo = persistence.service()
    if st.button(t("programmes.versions.save", lang), icon=":material/save:", key="save_version"):
        try:
            saved = repo.save_participants(cohort_id, session.active_programme())
        except StoreError as error:
            refusal(error, lang)
        else:
            st.success(t("programmes.versions.saved", lang, number=saved.number))
            version_changes(saved.diff, lang)
    rows = repo.list_versions(cohort_id)
    if rows:
        st.dataframe(
            pl.DataFrame(
                [
                    {
                        "version": v.number,
                        "uploaded_at": v.uploaded_at,
                        "uploaded_by": v.uploaded_by,
                        "adepts": v.adepts,
                        "mentors": v.mentors,
                        "workplaces": v.workplaces,
                    }
                    for v in rows
                ]
            ),
            hide_index=True,
            column_config={
                "version": t("programmes.versions.number", lang),
                "uploaded_at": st.column_config.DatetimeColumn(
                    t("programmes.when", lang), format="YYYY-MM-DD HH:mm"
                ),
                "uploaded_by": t("programmes.who", lang),
                "adepts": t("programmes.adepts", lang),
                "mentors": t("programmes.mentors", lang),
                "workplaces": t("programmes.workplaces", lang),
            },
        )


def version_changes(diff: VersionDiff, lang: str) -> None:
    """What changed against the previous version, table by table (ids only)."""
    if diff.empty:
        st.caption(t("programmes.versions.unchanged", lang))
        return
    rows = [
        {
            "table": t(f"programmes.{table}", lang),
            "added": ", ".join(part.added),
            "removed": ", ".join(part.removed),
            "changed": ", ".join(
                f"{c.id} ({', '.join(f.field for f in c.changes)})" for c in part.changed
            ),
        }
        for table, part in (
            ("adepts", diff.adepts),
            ("mentors", diff.mentors),
            ("workplaces", diff.workplaces),
        )
    ]
    st.dataframe(
        pl.DataFrame(rows),
        hide_index=True,
        column_config={
            "table": " ",
            "added": t("programmes.diff.added", lang),
            "removed": t("programmes.diff.removed", lang),
            "changed": t("programmes.diff.changed", lang),
        },
    )


def history(cohort_id: int, lang: str) -> list[int]:
    """The cohort's runs, newest first; open one on screen. Returns the run ids."""
    repo = persistence.service()
    runs = repo.list_runs(cohort_id)
    if not runs:
        st.info(t("programmes.history.none", lang), icon=":material/info:")
        return []
    frame = history_frame(runs)
    # Numbers as the UI language writes them ("11 708,28", not "11708.28"), and a run with no
    # parent as the dash, not "None".
    shown = frame.with_columns(
        status=pl.col("status").replace_strict(_status_labels(lang), default=pl.col("status")),
        total_score=pl.Series([number(v, lang, 2) for v in frame["total_score"]], dtype=pl.String),
        solve_seconds=pl.Series(
            [number(v, lang, 1) for v in frame["solve_seconds"]], dtype=pl.String
        ),
        parent_run_id=pl.Series(
            [MISSING if v is None else str(v) for v in frame["parent_run_id"]], dtype=pl.String
        ),
    )
    st.dataframe(
        shown,
        hide_index=True,
        column_config={
            "run_id": t("programmes.run", lang),
            "created_at": st.column_config.DatetimeColumn(
                t("programmes.when", lang), format="YYYY-MM-DD HH:mm:ss"
            ),
            "created_by": t("programmes.who", lang),
            "status": t("programmes.history.status", lang),
            "matched": t("programmes.history.matched", lang),
            "total_score": t("programmes.history.total", lang),
            "solve_seconds": t("programmes.history.seconds", lang),
            "version": t("programmes.versions.number", lang),
            "parent_run_id": t("programmes.history.parent", lang),
            "agreed": st.column_config.CheckboxColumn(t("programmes.history.agreed", lang)),
        },
    )
    run_ids = frame["run_id"].to_list()
    pick, open_column = st.columns([3, 1])
    chosen = pick.selectbox(t("programmes.run", lang), run_ids, key=f"history_pick_{cohort_id}")
    if open_column.button(
        t("programmes.history.open", lang), key="history_open", icon=":material/open_in_new:"
    ):
        # Opened with the participants it was solved on, whatever was uploaded since.
        try:
            persistence.open_cohort(cohort_id, chosen)
        except StoreError as error:
            refusal(error, lang)
        else:
            st.success(t("programmes.history.opened", lang, run=chosen))
    return run_ids


def _status_labels(lang: str) -> dict[str, str]:
    return {
        s: t(f"programmes.status.{s}", lang)
        for s in ("optimal", "feasible", "infeasible", "time_limit", "edited")
    }


def side_by_side(run_ids: list[int], lang: str) -> None:
    """Two runs' key figures and the pair difference from the first to the second."""
    if len(run_ids) < 2:
        st.caption(t("programmes.compare.need_two", lang))
        return
    left_column, right_column = st.columns(2)
    left_id = left_column.selectbox(
        t("programmes.compare.left", lang), run_ids, index=1, key="compare_left"
    )
    right_id = right_column.selectbox(
        t("programmes.compare.right", lang), run_ids, index=0, key="compare_right"
    )
    repo = persistence.service()
    compared = comparison(repo.load_run(left_id), repo.load_run(right_id))
    figures = compared.figures
    # Each figure with its own decimals ("35", not "35.00"), as the UI language writes them.
    decimals = [_FIGURE_DECIMALS[f] for f in figures["figure"]]
    shown = figures.with_columns(
        figure=pl.col("figure").replace_strict(_figure_labels(lang)),
        **{
            side: pl.Series(
                [number(v, lang, d) for v, d in zip(figures[side], decimals, strict=True)],
                dtype=pl.String,
            )
            for side in ("left", "right")
        },
    )
    st.dataframe(
        shown,
        hide_index=True,
        column_config={
            "figure": " ",
            "left": t("programmes.run_n", lang, run=left_id),
            "right": t("programmes.run_n", lang, run=right_id),
        },
    )
    pair_changes(compared.diff, lang)


#: Decimals of each compared figure on screen.
_FIGURE_DECIMALS = {
    "matched": 0,
    "unmatched": 0,
    "total_score": 2,
    "mean_score": 1,
    "solve_seconds": 2,
}


def _figure_labels(lang: str) -> dict[str, str]:
    return {
        f: t(f"programmes.compare.{f}", lang)
        for f in ("matched", "unmatched", "total_score", "mean_score", "solve_seconds")
    }


def pair_changes(diff: PlanDiff, lang: str) -> None:
    """The pairs added, removed and moved between two plans (ids only), and how many were kept."""
    st.caption(
        t(
            "programmes.compare.summary",
            lang,
            kept=diff.kept,
            added=len(diff.added),
            removed=len(diff.removed),
            changed=len(diff.changed),
        )
    )
    rows = (
        [{"adept_id": a, "before": None, "after": m} for a, m in diff.added]
        + [{"adept_id": a, "before": m, "after": None} for a, m in diff.removed]
        + [{"adept_id": a, "before": old, "after": new} for a, old, new in diff.changed]
    )
    if rows:
        st.dataframe(
            pl.DataFrame(
                rows, schema={"adept_id": pl.String, "before": pl.String, "after": pl.String}
            ),
            hide_index=True,
            column_config={
                "adept_id": t("field.id", lang),
                "before": t("programmes.compare.before", lang),
                "after": t("programmes.compare.after", lang),
            },
        )


def agree(cohort_id: int, lang: str) -> None:
    """Mark one run's plan as the cohort's agreed one."""
    repo = persistence.service()
    runs = [r for r in repo.list_runs(cohort_id) if has_plan(r)]
    agreed = next((r.id for r in runs if r.agreed), None)
    st.caption(
        t("programmes.agreed.current", lang, run=agreed)
        if agreed
        else t("programmes.agreed.none", lang)
    )
    if not runs:
        return
    ids = [r.id for r in reversed(runs)]
    on_screen = session.workspace().run_id
    chosen = st.selectbox(
        t("programmes.agreed.pick", lang),
        ids,
        index=ids.index(on_screen) if on_screen in ids else 0,
        key=f"agree_pick_{cohort_id}",
    )
    others = plan_edits.parallel_edits(repo, cohort_id, chosen)
    if others:
        st.warning(
            t(
                "programmes.agreed.parallel",
                lang,
                **plan_edits.parallel_words(others),
                chosen=chosen,
            ),
            icon=":material/call_split:",
        )
    if st.button(t("programmes.agreed.mark", lang), icon=":material/verified:", key="agree_mark"):
        try:
            repo.mark_agreed(chosen)
        except StoreError as error:
            refusal(error, lang)
        else:
            st.rerun()


def someone_leaves(cohort_id: int, lang: str) -> None:
    """Mark an adept of the agreed plan as left and re-match only the affected people."""
    repo = persistence.service()
    agreed = repo.agreed_run(cohort_id)
    if agreed is None:
        st.caption(t("programmes.leave.needs_agreed", lang))
        return
    present = [
        m.source_id for m in repo.list_members(cohort_id) if m.role == "adept" and m.left_on is None
    ]
    with st.form(f"leave_{cohort_id}"):
        adept_id = st.selectbox(t("programmes.leave.adept", lang), present)
        left_on = st.date_input(t("programmes.leave.date", lang), value=dt.date.today())
        go = st.form_submit_button(
            t("programmes.leave.run", lang), type="primary", icon=":material/person_remove:"
        )
    if not go or adept_id is None:
        return
    try:
        # One smile_core call: re-match, then mark left and save the run in one transaction.
        with st.spinner(t("matching.running", lang)):
            run_id, result = leaving.leave_and_rematch(repo, cohort_id, adept_id, left_on)
    except StoreError as error:
        refusal(error, lang)
        return
    if not result.has_plan:
        st.warning(t("programmes.leave.no_plan", lang, run=run_id))
        return
    persistence.open_cohort(cohort_id, run_id)
    st.success(t("programmes.leave.done", lang, adept=literal(adept_id), run=run_id))
    if result.diff is not None:
        pair_changes(result.diff, lang)


def promote(programme_id: int, cohort_id: int, lang: str) -> None:
    """Make an adept of this cohort a mentor of another cohort of the programme."""
    repo = persistence.service()
    others = [c for c in repo.list_cohorts(programme_id) if c.id != cohort_id]
    if not others:
        st.caption(t("programmes.promote.needs_cohort", lang))
        return
    adepts = [m.source_id for m in repo.list_members(cohort_id) if m.role == "adept"]
    names = {c.id: c.name for c in others}
    with st.form(f"promote_{cohort_id}"):
        adept_id = st.selectbox(t("programmes.promote.adept", lang), adepts)
        target = st.selectbox(
            t("programmes.promote.cohort", lang), list(names), format_func=names.__getitem__
        )
        mentor_id = st.text_input(t("programmes.promote.mentor_id", lang), max_chars=40)
        go = st.form_submit_button(t("programmes.promote.run", lang), icon=":material/upgrade:")
    if go and adept_id is not None:
        try:
            repo.promote_to_mentor(cohort_id, adept_id, target, mentor_id=mentor_id.strip() or None)
        except StoreError as error:
            refusal(error, lang)
        else:
            st.success(
                t(
                    "programmes.promote.done",
                    lang,
                    adept=literal(adept_id),
                    cohort=literal(names[target]),
                )
            )


def groups(cohort_id: int, lang: str) -> None:
    """Group mentors and their groups in the plan on screen; save them as the cohort's groups."""
    ws = session.workspace()
    programme = session.active_programme()
    planned = planned_groups(ws.plan, programme) if ws.plan is not None else ()
    if not planned:
        st.caption(t("programmes.groups.none", lang))
    else:
        st.dataframe(
            pl.DataFrame(
                [
                    {
                        "mentor_id": g.mentor_id,
                        "size": f"{g.min_size}–{g.max_size}",
                        "adepts": ", ".join(g.adept_ids),
                        "count": len(g.adept_ids),
                    }
                    for g in planned
                ]
            ),
            hide_index=True,
            column_config={
                "mentor_id": t("programmes.groups.mentor", lang),
                "size": t("programmes.groups.size", lang),
                "adepts": t("programmes.adepts", lang),
                "count": t("programmes.groups.count", lang),
            },
        )
        if st.button(
            t("programmes.groups.save", lang), icon=":material/groups:", key="groups_save"
        ):
            _save_groups(cohort_id, planned, lang)
    stored = persistence.service().list_groups(cohort_id)
    if stored:
        st.caption(t("programmes.groups.stored", lang, count=len(stored)))
        st.dataframe(
            pl.DataFrame(
                [
                    {
                        "mentor_id": g.mentor_id,
                        "size": f"{g.min_size}–{g.max_size}",
                        "adepts": ", ".join(g.adept_ids),
                    }
                    for g in stored
                ]
            ),
            hide_index=True,
            column_config={
                "mentor_id": t("programmes.groups.mentor", lang),
                "size": t("programmes.groups.size", lang),
                "adepts": t("programmes.adepts", lang),
            },
        )


def _save_groups(cohort_id: int, planned, lang: str) -> None:
    try:
        replace_groups(persistence.service(), cohort_id, planned)  # one transaction
    except StoreError as error:
        refusal(error, lang)
    else:
        st.success(t("programmes.groups.saved", lang, count=len(planned)))


def generations(programme_id: int, cohort_id: int, lang: str) -> None:
    """The group cascade: a member of a stored group leads a new group at their own
    workplace in another cohort; which group seeded which; groups and members per generation
    (suppressed, with a chart)."""
    repo = persistence.service()
    _lead_new_group(programme_id, cohort_id, lang)
    groups = programme_groups(repo, programme_id)
    if not groups:
        st.caption(t("programmes.generations.none", lang))
        return
    table = lineage(groups)
    st.dataframe(
        table,
        hide_index=True,
        column_config={
            "group_id": t("programmes.generations.group", lang),
            "generation": t("programmes.generations.generation", lang),
            "cohort": t("programmes.generations.cohort", lang),
            "leader_id": t("programmes.groups.mentor", lang),
            "workplace": t("programmes.generations.workplace", lang),
            "seeded_by": t("programmes.generations.seeded_by", lang),
            "members": t("programmes.generations.members", lang),
            "seeded": t("programmes.generations.seeded", lang),
        },
    )
    generation_counts_view(generation_counts(groups, min_count=DEFAULT_MIN_COUNT), lang)


def generation_counts_view(counts: pl.DataFrame, lang: str) -> None:
    """Groups and members per generation as the steering group sees them: a table with the
    hidden counts marked, and a chart that carries no hidden value."""
    st.caption(t("programmes.generations.counts_help", lang, k=DEFAULT_MIN_COUNT))
    hidden = t("suppression.hidden", lang)
    words = {
        g: t("programmes.generations.nth", lang, n=g)
        for g in counts["generation"].drop_nulls().to_list()
    }
    label = (
        pl.col("generation")
        .replace_strict(words, default=None, return_dtype=pl.String)
        .fill_null(t("programmes.generations.all", lang))
    )
    shown = counts.select(
        label.alias("generation"),
        *(
            pl.when(pl.col(f"{c}_suppressed"))
            .then(pl.lit(hidden))
            .otherwise(pl.col(c).cast(pl.String))
            .alias(c)
            for c in ("groups", "members")
        ),
    )
    st.dataframe(
        shown,
        hide_index=True,
        column_config={
            "generation": t("programmes.generations.generation", lang),
            "groups": t("programmes.generations.groups", lang),
            "members": t("programmes.generations.members", lang),
        },
    )
    per_generation = counts.filter(pl.col("generation").is_not_null())
    long = pl.concat(
        [
            per_generation.select(
                generation_label=label,
                measure_label=pl.lit(t(f"programmes.generations.{c}", lang)),
                value=pl.col(c),
                hidden=pl.col(f"{c}_suppressed"),
            )
            for c in ("groups", "members")
        ]
    )
    charts.show(lang, charts.generations(long, lang), width="stretch")


def _lead_new_group(programme_id: int, cohort_id: int, lang: str) -> None:
    """The form: a member of one of this cohort's stored groups leads a new group."""
    repo = persistence.service()
    stored = [g for g in repo.list_groups(cohort_id) if g.adept_ids]
    others = {c.id: c.name for c in repo.list_cohorts(programme_id) if c.id != cohort_id}
    if not stored or not others:
        st.caption(t("programmes.generations.needs", lang))
        return
    # A dict's lookup as format_func: the session state is pickled, a lambda cannot be.
    labels = {g.id: " · ".join(x for x in (str(g.id), g.mentor_id, g.label) if x) for g in stored}
    with st.form(f"lead_group_{cohort_id}"):
        group_id = st.selectbox(
            t("programmes.generations.seed", lang), list(labels), format_func=labels.__getitem__
        )
        member = st.selectbox(
            t("programmes.generations.member", lang),
            sorted({a for g in stored for a in g.adept_ids}),
        )
        target = st.selectbox(
            t("programmes.promote.cohort", lang), list(others), format_func=others.__getitem__
        )
        workplace = st.text_input(t("programmes.generations.workplace_input", lang), max_chars=120)
        go = st.form_submit_button(
            t("programmes.generations.run", lang), icon=":material/account_tree:"
        )
    if not go or group_id is None or member is None:
        return
    try:
        new_id = promote_to_lead_group(repo, group_id, member, target, workplace=workplace)
    except StoreError as error:
        refusal(error, lang)
    else:
        st.success(
            t(
                "programmes.generations.done",
                lang,
                adept=literal(member),
                group=new_id,
                cohort=literal(others[target]),
            )
        )
