"""Editing a plan: change a mentor, lock, forbid, unlock, note; what an edit means; saving it.

What an edit means (:func:`edit_plan`):

- A changed mentor is locked to the adept, so re-solving keeps the coordinator's choice; the
  new pair must itself be allowed by the matching rules and the mentor must have room.
- A forbidden pair leaves the plan at once and is never proposed again; a pair both locked
  and forbidden is refused.
- Breaking a capacity, a lock, a forbid or the matching rules blocks the whole edit (nothing
  is applied); an equality rule only warns (:mod:`smile_core.workflows.edit_checks`).
- Every accepted change is one audit entry (:class:`~smile_core.workflows.runs.PlanEdit`, in
  English: "mentor changed", "pair removed", "pair forbidden", "pair locked", "pair unlocked",
  "note changed"), with the adept's note as why.

:func:`save_plan_edits` then stores the edited plan as a new run whose parent is the run
edited, with its audit entries, in one transaction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import polars as pl

from smile_core.access import Service
from smile_core.ingest.participants import AdeptId, MentorId, Programme
from smile_core.matching.history import EarlierPair, earlier_mentor_warnings
from smile_core.matching.plan import MatchResult, Pair, Plan
from smile_core.matching.plan_table import SCORE_PARTS
from smile_core.matching.plan_view import PairIndex
from smile_core.matching.settings import MatchSettings
from smile_core.store.records import RunSummary
from smile_core.workflows.edit_checks import EditViolation, check_edits, mark_as_before
from smile_core.workflows.runs import PlanEdit, save_run

PairKey = tuple[AdeptId, MentorId]


@dataclass(frozen=True)
class PlanState:
    """A plan as the coordinator holds it: the pairs, their locks and forbids, the notes."""

    plan: Plan
    locks: frozenset[PairKey] = frozenset()
    forbids: frozenset[PairKey] = frozenset()
    notes: Mapping[AdeptId, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RowEdit:
    """One edited row of the plan: the adept, the mentor and lock the row showed, and the
    change (any of ``mentor_id``, ``locked``, ``forbidden``, ``note``, as the editor's
    columns are named)."""

    adept_id: AdeptId
    mentor_id: MentorId | None
    locked: bool
    change: Mapping[str, object]


@dataclass(frozen=True)
class PlanEditOutcome:
    """What became of a set of edits.

    Refused: ``contradictions`` (adepts whose row was both locked and forbidden) or the
    ``violations`` with ``blocking`` set; nothing is applied. Accepted: ``state`` is the new
    plan, locks, forbids and notes, ``violations`` the equality rules it breaks (warnings; a
    missed target the plan already missed as much before the edit is marked ``as_before``),
    ``earlier`` the (Swedish, English) warnings for an adept given an earlier cohort's mentor,
    ``log`` the audit entries.
    """

    accepted: bool
    contradictions: tuple[AdeptId, ...] = ()
    violations: tuple[EditViolation, ...] = ()
    mentor_edits: Mapping[AdeptId, MentorId | None] = field(default_factory=dict)
    state: PlanState | None = None
    earlier: tuple[tuple[str, str], ...] = ()
    log: tuple[PlanEdit, ...] = ()

    @property
    def blocking(self) -> tuple[EditViolation, ...]:
        """The violations that refuse the edit."""
        return tuple(v for v in self.violations if v.blocking)


def edit_plan(
    state: PlanState,
    edits: Sequence[RowEdit],
    programme: Programme,
    settings: MatchSettings,
    scores: pl.DataFrame,
    *,
    index: PairIndex | None = None,
    earlier: Mapping[PairKey, EarlierPair] | None = None,
    checked_before: Sequence[EditViolation] | None = None,
) -> PlanEditOutcome:
    """Check ``edits`` against the rules and, if none blocks, apply them (see the module's
    rules). ``index`` is the :class:`~smile_core.matching.plan_view.PairIndex` of ``scores``
    (faster, same answer); ``earlier`` the pairs of earlier cohorts, to warn about;
    ``checked_before`` :func:`check_edits`' verdict on ``state`` (computed here when needed and not
    given), to tell a missed target the edit caused from one the plan already had."""
    mentor_edits: dict[AdeptId, MentorId | None] = {}
    locks, forbids = set(state.locks), set(state.forbids)
    new_locks: set[PairKey] = set()
    notes = dict(state.notes)
    contradictions: list[AdeptId] = []
    log: list[tuple[str, str | None, str | None]] = []
    for row in edits:
        change = row.change
        adept, before = row.adept_id, row.mentor_id
        after = change.get("mentor_id", before) or None
        lock = bool(change.get("locked", row.locked))
        forbid = bool(change.get("forbidden", False))
        if "note" in change:
            note = str(change["note"] or "").strip()
            if note:
                notes[adept] = note
            else:
                notes.pop(adept, None)
        if lock and forbid:
            contradictions.append(adept)
            continue
        if "note" in change:
            log.append(("note changed", adept, None))
        if forbid and before is not None:
            forbids.add((adept, before))
            log.append(("pair forbidden", adept, before))
            if after == before:
                after = None
        if after != before:
            mentor_edits[adept] = after  # type: ignore[assignment]
            if after is not None:
                log.append(("mentor changed", adept, str(after)))
            elif not forbid:
                log.append(("pair removed", adept, before))
        elif "locked" in change and after is not None:
            log.append(("pair locked" if lock else "pair unlocked", adept, str(after)))
        locks = {(a, m) for a, m in locks if a != adept}
        if after is not None and after != before:
            new_locks.add((adept, str(after)))
        elif lock and after is not None:
            locks.add((adept, str(after)))
    if contradictions:
        return PlanEditOutcome(False, tuple(contradictions))
    plan = apply_edits(state.plan, mentor_edits, programme=programme, scores=scores, index=index)
    # New pairs are checked unlocked, so the matching rules and capacities still hold them.
    violations = tuple(
        check_edits(programme, plan, settings, scores, locks=locks, forbids=forbids, index=index)
    )
    if any(v.blocking for v in violations):
        return PlanEditOutcome(False, (), violations, mentor_edits)
    if any(v.target for v in violations):
        if checked_before is None:
            checked_before = check_edits(
                programme,
                state.plan,
                settings,
                scores,
                locks=state.locks,
                forbids=state.forbids,
                index=index,
            )
        violations = tuple(mark_as_before(violations, checked_before))
    # An adept given last cohort's mentor by hand: allowed (a decision, like a lock), but said.
    warned = earlier_mentor_warnings(mentor_edits, earlier or {}, settings, programme)
    return PlanEditOutcome(
        True,
        (),
        violations,
        mentor_edits,
        PlanState(plan, frozenset(locks | new_locks), frozenset(forbids), notes),
        tuple(warned),
        tuple(PlanEdit(what, a, m, notes.get(a or "", "")) for what, a, m in log),
    )


def save_plan_edits(
    service: Service,
    cohort_id: int,
    result: MatchResult,
    state: PlanState,
    log: Sequence[PlanEdit],
    settings: MatchSettings,
    *,
    parent_run_id: int,
    version: int | None = None,
    role_forbids: Sequence[tuple[str, str, str]] = (),
) -> int:
    """Store an accepted edit: ``result`` with the edited plan (its pairs locked as
    ``state.locks`` say) as a new run of the cohort whose parent is the run edited, with the
    audit entries ``log``, in one transaction (:func:`~smile_core.workflows.runs.save_run`);
    a result with roles keeps its plan by role and the ``role_forbids``.
    Returns the new run id."""
    plan = dataclasses.replace(
        result.plan,
        pairs=tuple(
            dataclasses.replace(p, locked=(p.adept_id, p.mentor_id) in state.locks)
            for p in result.plan.pairs
        ),
    )
    return save_run(
        service,
        cohort_id,
        settings,
        dataclasses.replace(result, plan=plan),
        settings.seed,
        edits=log,
        version=version,
        forbids=sorted(state.forbids),
        parent_run_id=parent_run_id,
        role_forbids=role_forbids,
    )


def parallel_edits(service: Service, cohort_id: int, run_id: int) -> tuple[RunSummary, ...]:
    """Other runs saved from the same plan as ``run_id`` by someone else: edits of the same
    run (the same parent) by another user, oldest first. Each is a plan of its own; neither
    contains the other's changes, and agreeing one leaves the other's out. Two coordinators
    editing at once are told so (found in two browsers: the second coordinator's edit
    silently dropped out of the plan the first agreed)."""
    runs = service.list_runs(cohort_id)
    own = next((r for r in runs if r.id == run_id), None)
    if own is None or own.parent_run_id is None:
        return ()
    return tuple(
        sorted(
            (
                r
                for r in runs
                if r.parent_run_id == own.parent_run_id
                and r.id != run_id
                and r.created_by != own.created_by
            ),
            key=lambda r: (r.created_at, r.id),
        )
    )


def newer_runs(service: Service, cohort_id: int, run_id: int, user: str) -> tuple[RunSummary, ...]:
    """Runs of the cohort someone other than ``user`` saved after ``run_id`` (a later id),
    oldest first: what a coordinator looking at ``run_id`` has not seen. Why: a coordinator
    who only views a plan saves nothing, so the warning on save (:func:`parallel_edits`)
    never reaches them; found with two browsers, the viewer kept discussing a plan another
    coordinator had already changed."""
    return tuple(
        sorted(
            (r for r in service.list_runs(cohort_id) if r.id > run_id and r.created_by != user),
            key=lambda r: r.id,
        )
    )


def parallel_words(runs: Sequence[RunSummary]) -> dict[str, object]:
    """The facts a warning about :func:`parallel_edits` names: how many runs, who saved them
    and their ids (the ``count``, ``who`` and ``runs`` of the catalogue's texts)."""
    return {
        "count": len(runs),
        "who": ", ".join(sorted({r.created_by for r in runs})),
        "runs": ", ".join(str(r.id) for r in runs),
    }


def apply_edits(
    plan: Plan,
    edits: Mapping[AdeptId, MentorId | None],
    *,
    programme: Programme | None = None,
    scores: pl.DataFrame | None = None,
    index: PairIndex | None = None,
) -> Plan:
    """``plan`` with each edited adept given their new mentor (``None`` = no mentor).

    An unchanged mentor keeps the pair as it was (its lock too); a new pair is unlocked, at
    the mentor's workplace and with its score and parts when ``programme`` and ``scores`` are
    given. Pairs stay in programme order when ``programme`` is given, else in plan order with
    new adepts last. ``index`` speeds up the look-up in ``scores`` (see :func:`check_edits`).
    Nothing is checked here: see :func:`check_edits`.
    """
    by_adept = {p.adept_id: p for p in plan.pairs}
    order = [p.adept_id for p in plan.pairs]
    lookup = _score_lookup(scores, edits, index) if scores is not None else {}
    for adept_id, mentor_id in edits.items():
        old = by_adept.get(adept_id)
        if mentor_id is None:
            by_adept.pop(adept_id, None)
            continue
        if old is not None and old.mentor_id == mentor_id:
            continue
        mentor = programme.mentor_by_id.get(mentor_id) if programme is not None else None
        score, parts = lookup.get((adept_id, mentor_id), (0.0, ()))
        by_adept[adept_id] = Pair(
            adept_id,
            mentor_id,
            workplace_id=mentor.workplace_id if mentor else "",
            score=score,
            components=parts,
        )
        if adept_id not in order:
            order.append(adept_id)
    if programme is not None:
        rank = {a.id: i for i, a in enumerate(programme.adepts)}
        order.sort(key=lambda a: (rank.get(a, len(rank)), a))
    return Plan(tuple(by_adept[a] for a in order if a in by_adept))


def _score_lookup(
    scores: pl.DataFrame,
    edits: Mapping[AdeptId, MentorId | None],
    index: PairIndex | None = None,
) -> dict[tuple[str, str], tuple[float, tuple[tuple[str, float], ...]]]:
    wanted = [(a, m) for a, m in edits.items() if m is not None]
    if not wanted:
        return {}
    if index is not None:
        rows = index.rows(scores, wanted)
    else:
        rows = scores.join(
            pl.DataFrame(wanted, schema=["adept_id", "mentor_id"], orient="row"),
            on=["adept_id", "mentor_id"],
            how="inner",
        )
    return {
        (row["adept_id"], row["mentor_id"]): (
            float(row["score"]),
            tuple((part, float(row[part])) for part in SCORE_PARTS),
        )
        for row in rows.iter_rows(named=True)
    }
