"""Saved runs as the dashboard uses them: a stored run back as a result, the run history as a
table, and two runs side by side.

A stored run keeps its plan, its unmatched adepts with their reason codes and its aggregate
figures; :func:`result_from_stored` rebuilds the :class:`~smile_core.matching.plan.MatchResult` a
solve gave from them (the gender figures recomputed against the participants), so a reload shows the
same plan, total and matched count as the run did; a run with roles comes back with its plan
by role (:func:`role_plan_from_stored`), the adepts' needs read from the participants.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import polars as pl

from smile_core.equality.metrics import gender_figures
from smile_core.ingest.participants import Programme
from smile_core.matching.plan import (
    EqualityNote,
    MatchResult,
    PlanDiff,
    Status,
    Unmatched,
    UnmatchedReason,
    diff_plans,
)
from smile_core.matching.role_plan import RolePlan
from smile_core.matching.roles import PLACEMENT
from smile_core.matching.solver.role_parts import main_role
from smile_core.store.records import RunSummary, StoredRoles, StoredRun
from smile_core.text import Message, stored


def role_plan_from_stored(roles: StoredRoles, programme: Programme) -> RolePlan:
    """The stored plan with roles as a solve gave it: its setup, placements, people by role
    and unmet needs, each adept's needs as the setup reads them from ``programme`` (the
    run's participants, as the solve did). What a re-solve changed is not kept (``diff``)."""
    needs = tuple(sorted((a.id, roles.setup.needs_of(a)) for a in programme.adepts))
    return RolePlan(
        setup=roles.setup,
        placements=roles.placements,
        pairs=roles.pairs,
        unmatched=roles.unmatched,
        needs=needs,
    )


RoleDecision = tuple[str, str, str]


def stored_role_decisions(
    stored: StoredRun, locks: Collection[tuple[str, str]] = ()
) -> tuple[frozenset[RoleDecision], frozenset[RoleDecision]]:
    """The locks and forbids by role, as (adept, person or workplace, role), that a stored
    run with roles was solved with: each locked placement and person by role, except the main
    role's pairs already among ``locks`` (the one-mentor plan's own locks, which the solve
    reads as the main role's), and the stored forbids by role. Both empty without roles."""
    roles = stored.roles
    if roles is None:
        return frozenset(), frozenset()
    main = main_role(roles.setup) if roles.setup.keys else None
    held = set(locks)
    kept = {(p.adept_id, p.workplace_id, PLACEMENT) for p in roles.placements if p.locked} | {
        (p.adept_id, p.mentor_id, p.role)
        for p in roles.pairs
        if p.locked and not (p.role == main and (p.adept_id, p.mentor_id) in held)
    }
    return frozenset(kept), frozenset(roles.forbids)


def result_from_stored(stored: StoredRun, programme: Programme) -> MatchResult:
    """The result of the stored run: its status, plan, unmatched adepts (reasons in words),
    total and objective figures, gender figures against ``programme`` (its participants) and,
    for a run with roles, its plan by role."""
    figures = stored.figures
    unmatched = tuple(
        Unmatched(adept_id, UnmatchedReason(reason)) for adept_id, reason in stored.unmatched
    )
    gap = figures.get("gap")
    return MatchResult(
        status=stored.summary.status,
        plan=stored.plan,
        unmatched=unmatched,
        total_score=float(figures.get("total_score", stored.plan.total_score)),
        objective=float(figures.get("objective", 0.0)),
        best_bound=float(figures.get("best_bound", 0.0)),
        gap=float(gap) if gap is not None else math.inf,
        solve_seconds=float(stored.summary.solve_seconds),
        by_gender=gender_figures(programme, {p.adept_id: p.score for p in stored.plan.pairs}),
        stages=tuple(figures.get("stages", ())),
        seed=stored.summary.seed,
        equality_notes=tuple(
            EqualityNote(n["kind"], _note_text(n), n.get("group", ""), n.get("count"))
            for n in figures.get("equality_notes", ())
        ),
        roles=role_plan_from_stored(stored.roles, programme) if stored.roles is not None else None,
        hand_edits=int(figures.get("hand_edits", 0)),
    )


def _note_text(note: dict) -> Message:
    """A stored note's text: its key and parameters, or (a run saved before the catalogue,
    not converted) the two sentences it kept."""
    if "key" in note:
        return Message.from_json(note)
    return stored(note["message_sv"], note["message_en"])


HISTORY_SCHEMA: dict[str, pl.DataType] = {
    "run_id": pl.Int64(),
    "created_at": pl.Datetime("us", "UTC"),
    "created_by": pl.String(),
    "status": pl.String(),
    "matched": pl.Int64(),
    "total_score": pl.Float64(),
    "solve_seconds": pl.Float64(),
    "version": pl.Int64(),
    "parent_run_id": pl.Int64(),
    "agreed": pl.Boolean(),
}


def history_frame(runs: Sequence[RunSummary]) -> pl.DataFrame:
    """The run history, newest first: one row per run with its status (``edited`` for a plan
    changed by hand after its solve: not the solver's proven plan), matched count, total
    score, solve time, who ran it, the participants version, its parent run and whether it is
    the agreed plan."""
    rows = [
        {
            "run_id": r.id,
            "created_at": r.created_at,
            "created_by": r.created_by,
            "status": "edited" if r.hand_edits and has_plan(r) else r.status.value,
            "matched": r.matched,
            "total_score": r.total_score,
            "solve_seconds": r.solve_seconds,
            "version": r.version_number,
            "parent_run_id": r.parent_run_id,
            "agreed": r.agreed,
        }
        for r in sorted(runs, key=lambda r: (r.created_at, r.id), reverse=True)
    ]
    return pl.DataFrame(rows, schema=HISTORY_SCHEMA)


@dataclass(frozen=True)
class RunComparison:
    """Two runs side by side: key figures per run (``figure``, ``left``, ``right``) and what
    changed from the left plan to the right one."""

    figures: pl.DataFrame
    diff: PlanDiff


#: The figures compared, in order (the keys of :func:`comparison`'s ``figure`` column).
COMPARED_FIGURES = ("matched", "unmatched", "total_score", "mean_score", "solve_seconds")


def comparison(left: StoredRun, right: StoredRun) -> RunComparison:
    """Key figures of two runs and the pair difference from ``left``'s plan to ``right``'s."""

    def figures(run: StoredRun) -> dict[str, float | None]:
        matched = run.summary.matched
        total = run.summary.total_score
        return {
            "matched": float(matched),
            "unmatched": float(len(run.unmatched)),
            "total_score": total,
            "mean_score": total / matched if matched else None,
            "solve_seconds": run.summary.solve_seconds,
        }

    a, b = figures(left), figures(right)
    frame = pl.DataFrame(
        {
            "figure": list(COMPARED_FIGURES),
            "left": [a[k] for k in COMPARED_FIGURES],
            "right": [b[k] for k in COMPARED_FIGURES],
        },
        schema={"figure": pl.String(), "left": pl.Float64(), "right": pl.Float64()},
    )
    return RunComparison(frame, diff_plans(left.plan, right.plan))


def has_plan(summary: RunSummary) -> bool:
    """True when the run found a plan (one that can be agreed on)."""
    return summary.status in (Status.OPTIMAL, Status.FEASIBLE)
