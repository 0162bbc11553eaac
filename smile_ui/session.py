"""The session's programme and matching work: which programme is open, and what was done to it.

A session has one *active programme*: one of the built-in demo programmes (by key, see
:data:`smile_core.demo.programmes.DEMO_PROGRAMMES`) or the one the coordinator uploaded
(:data:`UPLOADED`). Each programme has its own :class:`Workspace` (settings, the last two
match result, the plan on screen with its hand edits, locks, forbids and notes), so switching
between the demo and the uploaded programme loses nothing.

Rules kept here:

- Solving happens only in :func:`matching_work` (run in a worker thread by the Matching page),
  which only a button starts; a rerun or a page switch
  just reads the stored :class:`~smile_core.matching.plan.MatchResult`.
- Demo programmes are synthetic and the same for everyone, so they are cached for the whole
  server (:func:`demo_load`); anything uploaded stays in this session's state only.
- Workspaces are immutable values: change one with :func:`update_workspace`.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import polars as pl
import streamlit as st

from smile_core.demo.demo_roles import DASHBOARD_DEMOS, dashboard_demo_files
from smile_core.demo.programmes import DEMO_PROGRAMMES
from smile_core.equality.figures import tradeoff_frame
from smile_core.ingest.isolation import load_evaluations_isolated, load_followups_isolated
from smile_core.ingest.participants import AdeptId, MentorId, Programme
from smile_core.ingest.reading import SourceFile
from smile_core.ingest.validation import LoadResult, load_programme
from smile_core.matching.analysis import (
    MATCH_RATE_TARGETS,
    QUALITY_TARGETS,
    WhatIf,
    price_of_equality,
    what_if,
)
from smile_core.matching.history import EarlierPair, annotate_result, apply_history, history_reasons
from smile_core.matching.load_spread import SpreadPrice, spread_price
from smile_core.matching.plan import MatchResult, Plan
from smile_core.matching.role_plan import RolePlan
from smile_core.matching.role_view import programme_setup
from smile_core.matching.role_what_if import RoleWhatIf, plan_on_screen, role_what_if
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchSettings, QualityParityMode
from smile_core.matching.solver import solve
from smile_core.matching.solver.role_parts import main_role
from smile_core.outcomes.outcomes_reading import (
    EvaluationLoad,
    FollowupLoad,
    load_evaluations,
    load_followups,
)
from smile_core.text import Message
from smile_ui.state import (
    ACTIVE_PROGRAMME,
    OUTCOME_FILES,
    PINNED_VERSIONS,
    STORE_LINKS,
    UPLOADED_PROGRAMME,
    WORKSPACES,
)

#: The active-programme value of the coordinator's uploaded programme.
UPLOADED = "uploaded"
#: The demo programme a new session opens on.
DEFAULT_PROGRAMME = DEMO_PROGRAMMES[0].key
#: Where a demo programme's own outcome files come from (see :class:`OutcomeData`).
DEMO_SOURCE = "demo"

PairKey = tuple[AdeptId, MentorId]

#: The most seconds one point of a price-of-equality curve may take.
TRADEOFF_SECONDS = 10.0


@dataclass(frozen=True)
class UploadedProgramme:
    """A programme the coordinator uploaded, with the names of its files and its report."""

    load: LoadResult

    @property
    def programme(self) -> Programme:
        """The validated programme (an uploaded programme is only kept when it has no errors)."""
        assert self.load.programme is not None
        return self.load.programme


@dataclass(frozen=True)
class Workspace:
    """One programme's matching work in this session.

    ``result`` is the last solve. ``plan`` is the plan on screen: ``result``'s plan with the
    coordinator's accepted hand edits (None before the first solve or when the last solve found
    no plan); ``previous_plan`` is the plan that was on screen when the last solve started.
    ``hand_edits`` counts the mentor changes made by hand since the last solve.
    ``editor_version`` goes into the plan editor's widget key: bumping it after an accepted
    edit gives a fresh editor on the new plan, so no edit is applied twice or lost.
    """

    settings: MatchSettings = field(default_factory=MatchSettings)
    result: MatchResult | None = None
    plan: Plan | None = None
    previous_plan: Plan | None = None
    locks: frozenset[PairKey] = frozenset()
    forbids: frozenset[PairKey] = frozenset()
    #: With roles: the coordinator's locks and forbids per role, as (adept, person or
    #: workplace, role); see :func:`smile_core.matching.solver.solve`.
    role_locks: frozenset[tuple[str, str, str]] = frozenset()
    role_forbids: frozenset[tuple[str, str, str]] = frozenset()
    notes: Mapping[AdeptId, str] = field(default_factory=dict)
    hand_edits: int = 0
    editor_version: int = 0
    #: The last pair scores and the settings they were computed for.
    scores_cache: tuple[MatchSettings, pl.DataFrame] | None = None
    #: Price-of-equality curves by rule: the settings they were computed for, and the points.
    tradeoffs: Mapping[str, tuple[MatchSettings, pl.DataFrame]] = field(default_factory=dict)
    #: The last "what if this adept had that mentor?" answer, against the plan on screen.
    what_if: WhatIf | None = None
    #: With roles: the last "what if this adept had that person in a role?" answer.
    role_what_if: RoleWhatIf | None = None
    #: The stored run the result on screen is (None before the first save).
    run_id: int | None = None
    #: Earlier cohorts' pairs found in this programme at the last solve
    # (smile_core.matching.history);
    #: what-ifs and trade-off curves keep them out (or penalised) as the solve did.
    earlier: Mapping[PairKey, EarlierPair] = field(default_factory=dict)
    #: Per adept, what the last solve did about their mentor from an earlier cohort, in
    #: (Swedish, English) sentences (for the unmatched reasons and the meeting pack).
    history: Mapping[AdeptId, list[Message]] = field(default_factory=dict)
    #: What spreading the mentors' load cost in the last solve (None when it was off).
    spread_price: SpreadPrice | None = None

    def __getstate__(self) -> dict[str, object]:
        """The workspace as pickled, without the pair scores: they are derived (``pair_scores``
        recomputes them when missing) and big (adepts × mentors rows), and the app's
        ``runner.enforceSerializableSessionState`` pickles the session state on every run,
        which cost 0.3–0.6 s per click at 1,000 adepts (issue 11)."""
        return {**self.__dict__, "scores_cache": None}


# --------------------------------------------------------------------------- programmes


@st.cache_resource(show_spinner=False)
def demo_load(key: str) -> LoadResult:
    """The demo programme ``key`` read and validated exactly as an upload would be.

    Cached for the server: the demo data are synthetic, identical for everyone, and the
    objects are immutable.
    """
    files = dashboard_demo_files(key)
    workplaces = files.get("workplaces.csv")
    return load_programme(
        adepts=SourceFile("adepts.csv", files["adepts.csv"]),
        mentors=SourceFile("mentors.csv", files["mentors.csv"]),
        workplaces=SourceFile("workplaces.csv", workplaces) if workplaces is not None else None,
    )


def programme_keys() -> tuple[str, ...]:
    """The programmes the session can switch between: the demos, and the upload if any."""
    keys = tuple(p.key for p in DASHBOARD_DEMOS)
    return (*keys, UPLOADED) if UPLOADED_PROGRAMME.get() is not None else keys


def programme_title(key: str, lang: str) -> str:
    """The name of programme ``key`` in ``lang``."""
    from smile_core.text import t

    for demo in DASHBOARD_DEMOS:
        if demo.key == key:
            title = demo.title_sv if lang == "sv" else demo.title_en
            return t("app.programme_demo", lang, name=title)
    return t("app.programme_uploaded", lang)


def active_key() -> str:
    """The active programme's key; the default demo when the stored one is not available."""
    key = ACTIVE_PROGRAMME.get()
    return key if key in programme_keys() else DEFAULT_PROGRAMME


def set_active(key: str) -> None:
    """Make programme ``key`` the active one (it must be in :func:`programme_keys`)."""
    if key not in programme_keys():
        raise ValueError(f"no programme {key!r} in this session")
    ACTIVE_PROGRAMME.set(key)


def active_programme() -> Programme:
    """The active programme."""
    key = active_key()
    if key == UPLOADED:
        uploaded = UPLOADED_PROGRAMME.get()
        assert uploaded is not None
        return uploaded.programme
    programme = demo_load(key).programme
    assert programme is not None, f"demo programme {key} does not validate"
    return programme


def is_demo() -> bool:
    """True when the active programme is one of the built-in demos."""
    return active_key() != UPLOADED


def accept_upload(load: LoadResult, *, stored: bool = False) -> None:
    """Keep a programme that loaded without errors as the session's upload and open it.

    A new upload replaces the previous one and starts its workspace afresh (its plan, locks
    and notes were about other people). Outcome data imported for the old upload go too.
    Unless it came from the store (``stored``), it is stored at once as a new cohort of its
    own (``smile_ui.persistence.store_new_upload``), so a reload brings it back.
    """
    if load.programme is None:
        raise ValueError("only a programme without errors can be accepted")
    UPLOADED_PROGRAMME.set(UploadedProgramme(load))
    workspaces = dict(WORKSPACES.get())
    workspaces.pop(UPLOADED, None)
    WORKSPACES.set(workspaces)
    outcome_files = dict(OUTCOME_FILES.get())
    outcome_files.pop(UPLOADED, None)
    OUTCOME_FILES.set(outcome_files)
    links = dict(STORE_LINKS.get())
    links.pop(UPLOADED, None)  # the stored cohort held other people
    STORE_LINKS.set(links)
    PINNED_VERSIONS.set({k: v for k, v in PINNED_VERSIONS.get().items() if k != UPLOADED})
    ACTIVE_PROGRAMME.set(UPLOADED)
    if not stored:
        from smile_ui import persistence  # imported here: persistence imports this module

        refused = persistence.store_new_upload()
        if refused is not None:
            from smile_ui.state import current_language

            lang = current_language()
            st.warning(refused.message_sv if lang == "sv" else refused.message_en)


# --------------------------------------------------------------------------- workspaces


def workspace() -> Workspace:
    """The active programme's workspace (a fresh one if nothing was done yet)."""
    return WORKSPACES.get().get(active_key(), Workspace())


def roles_on_screen(ws: Workspace) -> RolePlan | None:
    """The workspace's plan with roles as the coordinator sees it: the main role's pairs are
    the one-mentor plan on screen (hand edits included), so every page, export and figure by
    role describes the same plan; ``None`` without roles."""
    if ws.result is None or ws.result.roles is None:
        return None
    if ws.plan is None or ws.plan is ws.result.plan:
        return ws.result.roles
    return plan_on_screen(ws.result.roles, ws.plan.pairs)


def update_workspace(**changes: object) -> Workspace:
    """Replace fields of the active programme's workspace; return the new workspace."""
    new = dataclasses.replace(workspace(), **changes)
    workspaces = dict(WORKSPACES.get())
    workspaces[active_key()] = new
    WORKSPACES.set(workspaces)
    return new


def pair_scores(settings: MatchSettings | None = None) -> pl.DataFrame:
    """Every pair's scores for the active programme under ``settings`` (the workspace's by
    default), computed once per settings and kept in the workspace."""
    ws = workspace()
    settings = settings or ws.settings
    if ws.scores_cache is not None and ws.scores_cache[0] == settings:
        return ws.scores_cache[1]
    scores = score_pairs(active_programme(), settings)
    update_workspace(scores_cache=(settings, scores))
    return scores


@dataclass(frozen=True)
class MatchingOutcome:
    """What a matching solve computed, for :func:`apply_matching` to put in the workspace."""

    settings: MatchSettings
    result: MatchResult
    scores: pl.DataFrame
    earlier: Mapping[PairKey, EarlierPair]
    history: Mapping[AdeptId, list[Message]]
    spread_price: SpreadPrice | None


def matching_work(
    settings: MatchSettings,
    *,
    keep_previous: bool = False,
    earlier: Mapping[PairKey, EarlierPair] | None = None,
) -> Callable[[Callable[[str, float], None], threading.Event], MatchingOutcome]:
    """Solve the active programme with ``settings`` and the workspace's locks and forbids, as a
    function ``work(progress, cancel)`` that touches no session state, so it may run in a worker
    thread (``smile_core.progress.Job``): the programme, workspace and cached scores are read
    here, in the script thread; :func:`apply_matching` puts the outcome in the workspace.

    With ``keep_previous`` the plan on screen is the previous plan (the minimal-change option:
    keeping its pairs earns ``settings.stability_weight``) and the result carries the
    difference. ``earlier`` are the pairs of earlier cohorts found in this programme
    (:func:`smile_core.matching.history.current_pairs`): forbidden or penalised by the settings'
    rule (a lock the coordinator set still wins), and said in the unmatched reasons.

    The work scores the pairs (unless the workspace has them for ``settings``), solves
    (stopped by ``cancel``, see :func:`smile_core.matching.solver.solve`), adds the history reasons,
    prices the load spread (skipped once cancelled: it is another solve) and reports
    ``"done"``. The only place the dashboard solves a matching; only a button starts it.
    """
    ws = workspace()
    previous_plan: Plan | RolePlan | None = ws.plan if keep_previous else None
    # With roles the previous plan is the whole role plan: placements, handledare, mentors.
    # The one-mentor editor's hand edits of the main role are part of what is kept.
    if keep_previous and ws.result is not None and ws.result.roles is not None:
        roles = ws.result.roles
        previous_plan = roles.with_pairs_of(
            main_role(roles.setup), [p.key for p in ws.plan.pairs] if ws.plan else ()
        )
    programme = active_programme()
    # A lock the coordinator set (also by role) wins over the earlier-mentor rule.
    locked = set(ws.locks) | {(a, m) for a, m, _r in ws.role_locks}
    earlier = {key: pair for key, pair in (earlier or {}).items() if key not in locked}
    cached = (
        ws.scores_cache[1]
        if ws.scores_cache is not None and ws.scores_cache[0] == settings
        else None
    )
    locks = sorted(ws.locks)
    own_forbids = ws.forbids
    # Per-role decisions go to the role-aware solve only (a programme with roles).
    with_roles = programme_setup(programme) is not None
    role_locks = sorted(ws.role_locks) if with_roles else []
    role_forbids = sorted(ws.role_forbids) if with_roles else []

    def work(progress: Callable[[str, float], None], cancel: threading.Event) -> MatchingOutcome:
        started = time.perf_counter()
        scores = cached if cached is not None else score_pairs(programme, settings)
        scored, history_forbids = apply_history(scores, earlier, settings)
        forbids = sorted(set(own_forbids) | set(history_forbids))

        def report(stage: str, seconds: float) -> None:
            progress(stage, time.perf_counter() - started)

        result = solve(
            programme,
            settings,
            locks=[*locks, *role_locks],
            forbids=[*forbids, *role_forbids],
            previous=previous_plan,
            scores=scored,
            progress=report,
            cancel=cancel,
        )
        history = history_reasons(earlier, settings, programme)
        result = annotate_result(result, history, coordinator_forbids=own_forbids)
        price = (
            None
            if cancel.is_set()
            else spread_price(
                programme, settings, result, locks=locks, forbids=forbids, scores=scored
            )
        )
        report("done", 0.0)
        return MatchingOutcome(settings, result, scores, earlier, history, price)

    return work


def apply_matching(outcome: MatchingOutcome) -> MatchResult:
    """Make ``outcome`` the active workspace's result (script thread only): its plan replaces
    the plan on screen, the hand-edit count starts again, the scores are kept."""
    ws = workspace()
    result = outcome.result
    update_workspace(
        settings=outcome.settings,
        previous_plan=ws.plan,
        result=result,
        plan=result.plan if result.has_plan else None,
        hand_edits=0,
        editor_version=ws.editor_version + 1,
        what_if=None,
        role_what_if=None,
        run_id=None,
        earlier=outcome.earlier,
        history=outcome.history,
        spread_price=outcome.spread_price,
        scores_cache=(outcome.settings, outcome.scores),
    )
    return result


def _with_history(
    settings: MatchSettings, forbids: frozenset[PairKey], earlier: Mapping[PairKey, EarlierPair]
) -> tuple[pl.DataFrame, list[PairKey]]:
    """The pair scores and forbids for the engine: the coordinator's forbids plus what the
    settings' earlier-mentor rule makes of ``earlier`` (forbids, or a penalty in the scores)."""
    scores, history_forbids = apply_history(pair_scores(settings), earlier, settings)
    return scores, sorted(set(forbids) | set(history_forbids))


def what_if_work(
    adept_id: AdeptId, mentor_id: MentorId, base: MatchResult
) -> Callable[[Callable[[str, float], None], threading.Event], WhatIf]:
    """Re-solve with (adept, mentor) locked on top of the workspace's locks and forbids and
    compare with ``base`` (the plan on screen), as ``work(progress, cancel)``, touching no
    session state (the inputs are read here); keep its answer with
    ``update_workspace(what_if=...)`` in the script thread."""
    ws = workspace()
    scores, forbids = _with_history(ws.settings, ws.forbids, ws.earlier)
    programme, settings, locks = active_programme(), ws.settings, sorted(ws.locks)

    def work(progress: Callable[[str, float], None], cancel: threading.Event) -> WhatIf:
        return what_if(
            programme,
            settings,
            base,
            adept_id,
            mentor_id,
            locks=locks,
            forbids=forbids,
            scores=scores,
            progress=progress,
            cancel=cancel,
        )

    return work


def role_what_if_work(
    adept_id: AdeptId, person_id: str, role: str
) -> Callable[[Callable[[str, float], None], threading.Event], RoleWhatIf]:
    """The what-if by role (:func:`smile_core.matching.role_what_if.role_what_if`) against the
    role plan on screen (the main role's hand edits included), with the workspace's locks and
    forbids (by role too, and the earlier cohorts' forbids as a solve has them), as
    ``work(progress, cancel)`` touching no session state; keep its answer with
    ``update_workspace(role_what_if=...)`` in the script thread."""
    ws = workspace()
    base = roles_on_screen(ws)
    assert base is not None
    _scores, forbids = _with_history(ws.settings, ws.forbids, ws.earlier)
    programme, settings = active_programme(), ws.settings
    locks = [*sorted(ws.locks), *sorted(ws.role_locks)]
    forbids = [*forbids, *sorted(ws.role_forbids)]

    def work(progress: Callable[[str, float], None], cancel: threading.Event) -> RoleWhatIf:
        return role_what_if(
            programme,
            settings,
            base,
            adept_id,
            person_id,
            role,
            locks=locks,
            forbids=forbids,
            progress=progress,
            cancel=cancel,
        )

    return work


def on_curve(settings: MatchSettings, rule: str) -> bool:
    """Whether the plan ``settings`` give is a point of ``rule``'s price-of-equality curve:
    the rule off, or its target as the strict rule (and, for quality, the gap target rather
    than MAXIMIN) — the curve solves each target as the strict rule. The default, a target
    the plan lifts towards, is not on it: marking the strict point there would tell a
    steering group their target costs people it does not cost."""
    equality = settings.equality
    option = equality.match_rate if rule == "match_rate" else equality.quality
    if not option.enabled:
        return True
    return option.strict and (rule == "match_rate" or option.mode is QualityParityMode.MAX_GAP)


def chosen_target(settings: MatchSettings, rule: str) -> float | None:
    """The target of equality ``rule`` in ``settings`` (None when the rule is off)."""
    equality = settings.equality
    if rule == "match_rate":
        return equality.match_rate.max_shortfall_points if equality.match_rate.enabled else None
    return equality.quality.max_gap_points if equality.quality.enabled else None


@dataclass(frozen=True)
class Tradeoff:
    """A computed price-of-equality curve: the ``rule``, the settings it was computed for,
    its points as a frame, and how many ``targets`` were asked (fewer points: cancelled)."""

    rule: str
    settings: MatchSettings
    frame: pl.DataFrame
    targets: int


def tradeoff_targets(settings: MatchSettings, rule: str) -> list[float | None]:
    """The sweep's targets: off, the defaults and the settings' own, strictest last."""
    defaults = MATCH_RATE_TARGETS if rule == "match_rate" else QUALITY_TARGETS
    chosen = chosen_target(settings, rule)
    return [
        None,
        *sorted(
            {*(v for v in defaults if v is not None), *([chosen] if chosen is not None else [])},
            reverse=True,
        ),
    ]


def tradeoff_work(
    rule: str,
) -> Callable[[Callable[[str, float], None], threading.Event], Tradeoff]:
    """Sweep equality ``rule``'s target for the active programme (a solve per target, with the
    workspace's settings, locks and forbids) as ``work(progress, cancel)``, touching no session
    state; keep its curve with :func:`keep_tradeoff` in the script thread.

    The settings' own target is always one of the points, so the chart can mark it. Each point
    may take at most the settings' time limit, capped at :data:`TRADEOFF_SECONDS`.
    """
    ws = workspace()
    settings = ws.settings
    targets = tradeoff_targets(settings, rule)
    programme, locks = active_programme(), sorted(ws.locks)
    forbids = _with_history(settings, ws.forbids, ws.earlier)[1]

    def work(progress: Callable[[str, float], None], cancel: threading.Event) -> Tradeoff:
        points = price_of_equality(
            programme,
            settings,
            rule=rule,
            targets=targets,
            locks=locks,
            forbids=forbids,
            time_limit_per_point=min(settings.time_limit_seconds, TRADEOFF_SECONDS),
            progress=progress,
            cancel=cancel,
        )
        return Tradeoff(rule, settings, tradeoff_frame(points), len(targets))

    return work


def keep_tradeoff(curve: Tradeoff) -> None:
    """Keep ``curve`` in the active workspace (script thread only)."""
    ws = workspace()
    update_workspace(tradeoffs={**ws.tradeoffs, curve.rule: (curve.settings, curve.frame)})


@dataclass(frozen=True)
class OutcomeData:
    """The active programme's follow-ups and evaluation answers (either may be missing), and
    where each came from: ``"demo"`` (the demo programme's own files) or a file name."""

    followups: FollowupLoad | None = None
    evaluations: EvaluationLoad | None = None
    followups_source: str = ""
    evaluations_source: str = ""


@st.cache_resource(show_spinner=False)
def demo_outcomes(key: str) -> OutcomeData:
    """The demo programme's synthetic follow-ups and evaluations, read like an import (none
    for a demo with roles, which has participants only)."""
    files = dashboard_demo_files(key)
    if "followups.csv" not in files:
        return OutcomeData()
    programme = demo_load(key).programme
    return OutcomeData(
        load_followups(
            SourceFile("followups.csv", files["followups.csv"]), programme, programme_name=key
        ),
        load_evaluations(
            SourceFile("evaluations.csv", files["evaluations.csv"]), programme, programme_name=key
        ),
        DEMO_SOURCE,
        DEMO_SOURCE,
    )


def outcome_data() -> OutcomeData:
    """The active programme's outcome data: what was imported for it, else the demo's own
    files (for a demo programme), else nothing."""
    key = active_key()
    imported = OUTCOME_FILES.get().get(key)
    if imported is not None:
        return imported
    return demo_outcomes(key) if key != UPLOADED else OutcomeData()


def import_outcomes(
    followups: SourceFile | None, evaluations: SourceFile | None
) -> tuple[FollowupLoad | None, EvaluationLoad | None]:
    """Read the files given, checked against the active programme; keep each one that has no
    errors for the programme (a file not given leaves what was there). Returns the loads."""
    key = active_key()
    programme = active_programme()
    current = outcome_data()
    # Uploaded files are parsed in a limited child process: no file can stop the server.
    followup_load = (
        load_followups_isolated(followups, programme, programme_name=key) if followups else None
    )
    evaluation_load = (
        load_evaluations_isolated(evaluations, programme, programme_name=key)
        if evaluations
        else None
    )
    kept = current
    if followup_load is not None and followup_load.ok:
        kept = dataclasses.replace(kept, followups=followup_load, followups_source=followups.name)
    if evaluation_load is not None and evaluation_load.ok:
        kept = dataclasses.replace(
            kept, evaluations=evaluation_load, evaluations_source=evaluations.name
        )
    if kept is not current:
        OUTCOME_FILES.set({**OUTCOME_FILES.get(), key: kept})
    return followup_load, evaluation_load
