"""The plan as an editable table, and the workspace glue around it.

The editor follows the rule that keeps ``st.data_editor`` from losing every second edit
(streamlit#7749): its input is built from the workspace's plan and never from the editor's
own output, and its widget key carries the workspace's ``editor_version``. Edits wait in the
widget's state until the coordinator presses Apply; then they are checked, applied to the
workspace in one step, and the version goes up, so the next run draws a fresh editor on the
new plan.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl
import streamlit as st

from smile_core.equality.metrics import gender_figures
from smile_core.ingest.participants import Programme, any_named, labelled
from smile_core.matching import plan_table
from smile_core.matching.plan import MatchResult, Plan, PlanDiff, diff_plans
from smile_core.matching.plan_table import (
    NAMED_FITTING,
    candidates_for,
    fitting_mentors,
    unmatched_frame,
)
from smile_core.matching.plan_view import PairIndex, mentor_choices, natural_key, refusal_lines
from smile_core.matching.role_what_if import role_plan_score
from smile_core.matching.settings import MatchSettings
from smile_core.text import t
from smile_core.workflows.edit_checks import EditViolation, check_edits
from smile_core.workflows.plan_edits import PlanState, RowEdit, edit_plan, parallel_words
from smile_core.workflows.runs import PlanEdit
from smile_ui import memo, persistence
from smile_ui.errors import guarded
from smile_ui.formatting import Label, Lookup
from smile_ui.plan_filters import paged_view
from smile_ui.session import (
    Workspace,
    active_key,
    active_programme,
    pair_scores,
    roles_on_screen,
    update_workspace,
    workspace,
)
from smile_ui.state import FLASH
from smile_ui.text import literal


def with_stability(settings: MatchSettings, stability_weight: float) -> MatchSettings:
    """``settings`` with the re-solve's stability weight."""
    return dataclasses.replace(settings, stability_weight=float(stability_weight))


def result_on_screen(ws: Workspace, programme: Programme) -> MatchResult:
    """The workspace's result with the plan on screen (hand edits included) and its figures;
    with roles, the role plan on screen too and its total over every role's pairs."""
    assert ws.result is not None
    if ws.plan is None or ws.plan is ws.result.plan:
        return ws.result
    roles = roles_on_screen(ws)
    return dataclasses.replace(
        ws.result,
        plan=ws.plan,
        roles=roles,
        hand_edits=ws.hand_edits,
        total_score=ws.plan.total_score if roles is None else role_plan_score(roles),
        by_gender=gender_figures(programme, {p.adept_id: p.score for p in ws.plan.pairs}),
    )


def derived(name: str, ws: Workspace, programme_key: str, compute):
    """``compute()``, kept in the session (:func:`smile_ui.memo.kept`) until the programme, the
    workspace's plan, locks, forbids, notes, settings or editor version change.

    A tick in the editor reruns the page, and each run used to rebuild the editor's rows and
    re-run every check of the plan (seconds at 1,000 adepts) though nothing they depend on
    had changed.
    """
    version = (
        programme_key,
        hash(active_programme()),
        ws.editor_version,
        ws.run_id,
        hash(ws.plan),
        hash(ws.locks),
        hash(ws.forbids),
        hash(tuple(sorted(ws.notes.items()))),
        repr(ws.settings),
        ws.result is not None and ws.result.has_plan,
    )
    return memo.kept(name, version, compute)


def pair_index() -> PairIndex:
    """The :class:`~smile_core.matching.plan_view.PairIndex` of the active programme's pair scores,
    kept until the programme or the settings change (finding a plan's pairs by a join over
    every pair took about a second per check at 5,000 adepts)."""
    ws = workspace()
    version = (active_key(), hash(active_programme()), repr(ws.settings))
    return memo.kept("pair_index", version, lambda: PairIndex.of(pair_scores()))


def violations(ws: Workspace, programme: Programme) -> list[EditViolation]:
    """What the public checks say about the plan on screen under the workspace's rules (kept
    until the plan or its rules change)."""
    if ws.plan is None:
        return []
    return derived(
        "violations",
        ws,
        active_key(),
        lambda: check_edits(
            programme,
            ws.plan,
            ws.settings,
            pair_scores(),
            locks=ws.locks,
            forbids=ws.forbids,
            index=pair_index(),
        ),
    )


def changes(ws: Workspace) -> PlanDiff | None:
    """What the last solve changed in the plan that was on screen before it (None the first
    time)."""
    if ws.result is None or not ws.result.has_plan:
        return None
    if ws.result.diff is not None:
        return ws.result.diff
    if ws.previous_plan is None:
        return None
    return diff_plans(ws.previous_plan, ws.result.plan)


# --------------------------------------------------------------------------- the editor


def editor_key(ws: Workspace, programme_key: str, view: str = "") -> str:
    """The plan editor's widget key: new for every accepted edit and every solve, and for
    every page or filter (``view``, :meth:`~smile_core.matching.plan_view.PlanView.signature`; empty
    for the first page of the whole plan), because the editor matches edits to rows by
    position."""
    suffix = f"_{view}" if view else ""
    return f"plan_editor_{programme_key}_{ws.editor_version}{suffix}"


def editor_frame(ws: Workspace, programme: Programme) -> pl.DataFrame:
    """The plan editor's rows for the workspace's plan on screen
    (:func:`smile_core.matching.plan_table.editor_frame`)."""
    assert ws.result is not None and ws.plan is not None
    return plan_table.editor_frame(ws.result, ws.plan, programme, ws.locks, ws.notes)


@dataclass(frozen=True)
class EditOutcome:
    """What became of the coordinator's edits: accepted or not, and why, in the UI language.

    ``blocking`` lists the rules the edited plan would break (the edits are then not
    applied); ``warnings`` the equality rules it breaks (applied all the same); ``as_before``
    says the missed targets the plan already missed as much before the edit (not a warning:
    the edit did not cause them).
    """

    accepted: bool
    blocking: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    changed: int = 0
    #: The accepted changes for the audit trail, in English.
    log: tuple[PlanEdit, ...] = ()
    as_before: tuple[str, ...] = ()


def apply_editor_changes(
    ws: Workspace,
    programme: Programme,
    frame: pl.DataFrame,
    editing: Mapping[str, object],
    scores: pl.DataFrame,
    lang: str,
) -> EditOutcome:
    """Check the editor's pending edits against the rules and, if none blocks, apply them to
    the workspace in one step, with a new editor version (what an edit means is
    :func:`smile_core.workflows.plan_edits.edit_plan`'s).

    ``editing`` is the editor's widget state (``{"edited_rows": {position: {column:
    value}}, ...}``) over ``frame``, the rows it was drawn from.
    """
    edited = {int(position): change for position, change in editing.get("edited_rows", {}).items()}
    rows = []
    for position, change in sorted(edited.items()):
        row = frame.row(position, named=True)
        rows.append(RowEdit(row["adept_id"], row["mentor_id"], bool(row["locked"]), change))
    state = PlanState(ws.plan or Plan(), ws.locks, ws.forbids, dict(ws.notes))
    index = pair_index() if scores is pair_scores() else None
    outcome = edit_plan(
        state,
        rows,
        programme,
        ws.settings,
        scores,
        index=index,
        earlier=ws.earlier,
        checked_before=violations(ws, programme) if scores is pair_scores() else None,
    )
    if outcome.contradictions:
        return EditOutcome(
            False,
            tuple(
                t("matching.edit.lock_and_forbid", lang, adept=adept)
                for adept in outcome.contradictions
            ),
        )
    if not outcome.accepted or outcome.state is None:
        # Each refusal names the edited row (as numbered on screen) and the rule it breaks.
        numbers = {frame["adept_id"][position]: position + 1 for position in edited}
        refusals = list(outcome.violations)
        blocking = tuple(
            refusal_lines(
                refusals,
                numbers,
                outcome.mentor_edits,
                {v.rule: Label("matching.check.rule", lang)(v.rule) for v in refusals},
                t("matching.edit.row", lang),
                lang,
            )
        )
        return EditOutcome(False, blocking)
    new = outcome.state
    update_workspace(
        plan=new.plan,
        locks=new.locks,
        forbids=new.forbids,
        notes=dict(new.notes),
        hand_edits=ws.hand_edits + len(outcome.mentor_edits),
        editor_version=ws.editor_version + 1,
        what_if=None,
        role_what_if=None,
    )
    warnings = tuple(v.text(lang) for v in outcome.violations if not v.blocking and not v.as_before)
    warnings += tuple(sv if lang == "sv" else en for sv, en in outcome.earlier)
    carried = [v for v in outcome.violations if v.as_before]
    as_before = (t("matching.edit.targets_as_before", lang, count=len(carried)),) if carried else ()
    return EditOutcome(True, (), warnings, len(edited), outcome.log, as_before=as_before)


@guarded  # a callback runs before the page, outside app.py's guard
def discard_edits() -> None:
    """Drop the editor's pending edits: a fresh editor on the same plan."""
    ws = workspace()
    update_workspace(editor_version=ws.editor_version + 1)


# --------------------------------------------------------------------------- on screen


@st.fragment
@guarded  # a fragment's own rerun (a tick, a filter) is outside the page's error guard (app.py)
def plan_section(programme_key: str, lang: str) -> None:
    """The plan editor as a fragment: a tick, a filter or a page reruns only this part of the
    page. A saved edit reruns the whole page (the figures and checks above it change).

    The workspace is read afresh here, not passed in: a fragment rerun replays the arguments
    of the last full run, which would be the plan before the last save.
    """
    ws = workspace()
    if ws.plan is None or ws.result is None:
        return
    editor(ws, active_programme(), programme_key, lang)


def editor(ws: Workspace, programme: Programme, programme_key: str, lang: str) -> None:
    """One page of the plan as an editable table, with its filters, Apply and Discard buttons
    and the ranked "change mentor" choice.

    Pending edits stay in the editor until Apply; then they are checked and either applied
    (the page reruns on the new plan, with a fresh editor) or refused with the reasons, each
    naming the row and the rule.
    """
    flash = FLASH.get()
    if flash is not None:
        FLASH.set(None)
        kind, headline, details = flash
        show = st.success if kind == "success" else st.warning
        show("\n".join([headline, *literal_lines(details)]), icon=":material/task_alt:")
    # A solve's refused save (someone in it was erased meanwhile) is said where the coordinator
    # looks, above the plan, on every run until a save succeeds: the plan stays unsaved.
    refused = persistence.refusal()
    if refused is not None:
        st.warning(literal(refused), icon=":material/block:")
    frame = derived("editor_frame", ws, programme_key, lambda: editor_frame(ws, programme))
    view, page = paged_view(frame, f"plan_view_{programme_key}", lang)
    key = editor_key(ws, programme_key, view.signature())
    mentor_ids, mentor_labels = derived(
        "mentor_options", ws, programme_key, lambda: _mentor_options(programme)
    )
    st.data_editor(
        page.rows,
        key=key,
        num_rows="fixed",
        hide_index=True,
        disabled=["adept_id", "adept_name", "mentor_name", "workplace_name", "score"],
        column_order=[
            "adept_id",
            *(["adept_name"] if any_named(programme.adepts) else []),
            "mentor_id",
            "workplace_name",
            "score",
            "locked",
            "forbidden",
            "note",
        ],
        column_config={
            "adept_id": st.column_config.TextColumn(t("field.id", lang), width="small"),
            "adept_name": st.column_config.TextColumn(t("matching.plan.adept", lang)),
            "mentor_id": st.column_config.SelectboxColumn(
                t("matching.plan.mentor", lang),
                help=t("matching.plan.mentor_help", lang),
                options=mentor_ids,
                format_func=mentor_labels,
                width="medium",
            ),
            "workplace_name": st.column_config.TextColumn(t("field.workplace_id", lang)),
            "score": st.column_config.NumberColumn(
                t("matching.plan.score", lang), format="localized", width="small"
            ),
            "locked": st.column_config.CheckboxColumn(
                t("matching.plan.locked", lang), help=t("matching.plan.locked_help", lang)
            ),
            "forbidden": st.column_config.CheckboxColumn(
                t("matching.plan.forbidden", lang), help=t("matching.plan.forbidden_help", lang)
            ),
            "note": st.column_config.TextColumn(
                t("matching.plan.note", lang),
                help=t("matching.plan.note_help", lang),
                max_chars=200,
            ),
        },
    )
    pending = len(st.session_state.get(key, {}).get("edited_rows", {}))
    if pending and page.pages > 1:
        st.caption(t("plan.view.pending", lang))
    apply_column, discard_column = st.columns([1, 3])
    apply = apply_column.button(
        t("matching.edit.apply", lang, count=pending),
        type="primary",
        disabled=not pending,
        key=f"apply_{key}",
        icon=":material/save:",
    )
    discard_column.button(
        t("matching.edit.discard", lang),
        disabled=not pending,
        key=f"discard_{key}",
        on_click=discard_edits,
    )
    if apply:
        _finish(
            apply_editor_changes(
                ws, programme, page.rows, st.session_state[key], pair_scores(), lang
            ),
            programme,
            lang,
        )
    change_mentor(ws, programme, page.rows, key, lang)


def _mentor_options(programme: Programme) -> tuple[list[str], Lookup]:
    """The editor's mentor column: every mentor id in numeric-aware order, with labels."""
    ids = sorted((m.id for m in programme.mentors), key=natural_key)
    return ids, Lookup(tuple((m.id, labelled(m.name, m.id)) for m in programme.mentors))


def _finish(outcome: EditOutcome, programme: Programme, lang: str) -> None:
    """Store accepted edits and rerun the page on the new plan; show a refusal's reasons."""
    if outcome.accepted:
        edited = workspace()
        run_id = persistence.save_edited_plan(
            result_on_screen(edited, programme), list(outcome.log)
        )
        headline = t("matching.edit.accepted", lang, count=outcome.changed)
        kind = "warning" if outcome.warnings else "success"
        # Another coordinator saved an edit of the same plan: two plans now, neither with the
        # other's changes; say so before one of them is agreed without the other.
        others = persistence.parallel_edits(run_id) if run_id is not None else ()
        if others:
            kind = "warning"
            headline += " " + t(
                "matching.edit.parallel",
                lang,
                **parallel_words(others),
                own=run_id,
            )
        refused = persistence.refusal()  # e.g. someone in the plan was erased
        if refused is not None:
            kind, headline = "warning", f"{headline} {refused}"
        FLASH.set((kind, headline, outcome.warnings + outcome.as_before))
        st.rerun()
    st.error(
        "\n".join([t("matching.edit.refused", lang), *literal_lines(outcome.blocking)]),
        icon=":material/block:",
    )


def change_mentor(
    ws: Workspace, programme: Programme, rows: pl.DataFrame, key: str, lang: str
) -> None:
    """Give one adept of the page another mentor, choosing from every mentor ranked for that
    adept: the allowed ones first, best score first, each with its score and room. The change
    is checked and saved like an edit in the table (and locked to the adept)."""
    if rows.is_empty():
        return
    with st.expander(t("matching.change.heading", lang)):
        adepts = rows["adept_id"].to_list()
        names = Lookup(tuple(rows.select("adept_id", "adept_name").iter_rows()))
        left, right = st.columns(2)
        adept = left.selectbox(
            t("matching.change.adept", lang),
            options=adepts,
            format_func=_AdeptLabel(names),
            key=f"change_adept_{key}",
        )
        if adept is None:
            return
        choices = mentor_choices(pair_scores(), programme, adept, ws.plan).filter(
            ~pl.col("current")
        )
        not_allowed = t("matching.change.not_allowed", lang)
        full = t("matching.change.full", lang)
        unscored = t("matching.change.unscored", lang)
        labels = []
        for mentor_id, name, score, ok, load, capacity, room, _ in choices.iter_rows():
            parts = [
                labelled(name, mentor_id),
                unscored if score is None else t("matching.change.score", lang, score=score),
                f"{load}/{capacity}",
            ]
            parts += [] if ok else [not_allowed]
            parts += [] if room else [full]
            labels.append((mentor_id, " · ".join(parts)))
        mentor = right.selectbox(
            t("matching.change.mentor", lang),
            options=choices["mentor_id"].to_list(),
            format_func=Lookup(tuple(labels)),
            key=f"change_mentor_{key}_{adept}",
        )
        if st.button(
            t("matching.change.run", lang),
            disabled=mentor is None,
            key=f"change_run_{key}",
            icon=":material/swap_horiz:",
        ):
            position = adepts.index(adept)
            editing = {"edited_rows": {position: {"mentor_id": mentor}}}
            _finish(
                apply_editor_changes(ws, programme, rows, editing, pair_scores(), lang),
                programme,
                lang,
            )


@dataclass(frozen=True)
class _AdeptLabel:
    """An adept id -> "Name (id)" (picklable, as every format_func must be)."""

    names: Lookup

    def __call__(self, adept_id: object) -> str:
        return labelled(self.names(adept_id), str(adept_id))


def literal_lines(messages: Sequence[str]) -> list[str]:
    """Messages naming people as Markdown list items, their text shown literally."""
    return [f"- {literal(message)}" for message in messages]


def candidates(ws: Workspace, programme: Programme, programme_key: str, lang: str) -> None:
    """One adept's allowed mentors, best first, with their scores and room."""
    adept_labels = Lookup(tuple((a.id, labelled(a.name, a.id)) for a in programme.adepts))
    adept_id = st.selectbox(
        t("matching.candidates.adept", lang),
        options=[a.id for a in programme.adepts],
        format_func=adept_labels,
        key=f"candidates_{programme_key}",
    )
    frame = candidates_for(pair_scores(), programme, adept_id, ws.plan)
    if frame.is_empty():
        st.caption(t("matching.candidates.none", lang))
        return
    st.dataframe(
        frame.select(
            "mentor_id",
            *(["mentor_name"] if any_named(programme.mentors) else []),
            "workplace_name",
            "score",
            load=pl.format("{}/{}", "load", "capacity"),
            has_room="has_room",
            current="current",
        ),
        hide_index=True,
        column_config={
            "mentor_id": t("field.id", lang),
            "mentor_name": t("matching.plan.mentor", lang),
            "workplace_name": t("field.workplace_id", lang),
            "score": st.column_config.NumberColumn(t("matching.plan.score", lang), format="%.1f"),
            "load": t("matching.candidates.load", lang),
            "has_room": st.column_config.CheckboxColumn(t("matching.candidates.room", lang)),
            "current": st.column_config.CheckboxColumn(t("matching.candidates.current", lang)),
        },
    )


def unmatched(ws: Workspace, programme: Programme, lang: str) -> None:
    """The adepts the plan on screen leaves without a mentor, each with the reason."""
    if ws.result is None or ws.plan is None:
        return
    frame = unmatched_frame(ws.result, programme, ws.plan)
    st.subheader(t("matching.unmatched.heading", lang, count=frame.height))
    if frame.is_empty():
        st.caption(t("matching.unmatched.none", lang))
        return
    # Kept until the plan, forbids or settings change: 0.3 s at 600 unmatched of 3,000.
    fitting = derived(
        "fitting_mentors",
        ws,
        active_key(),
        lambda: fitting_mentors(pair_scores(), programme, frame["adept_id"], ws.forbids),
    )
    st.dataframe(
        frame.select(
            "adept_id",
            *(["adept_name"] if any_named(programme.adepts) else []),
            reason=f"message_{lang}",
        ).with_columns(fitting=fitting["fitting"]),
        hide_index=True,
        column_config={
            "adept_id": t("field.id", lang),
            "adept_name": t("matching.plan.adept", lang),
            "reason": t("matching.unmatched.reason", lang),
            "fitting": st.column_config.TextColumn(
                t("matching.unmatched.fitting", lang),
                help=t("matching.unmatched.fitting_help", lang, count=NAMED_FITTING),
            ),
        },
    )
