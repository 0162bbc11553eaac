"""Placements, handledare and mentors chosen in one solve (the role-aware path of ``solve``).

The rules, for a programme with a :class:`~smile_core.matching.roles.RoleSetup`:

- Each adept gets at most one placement (a workplace with placement capacity that fits their
  field and place: :mod:`.role_fit`) and at most one person per role they need.
- A workplace takes at most its capacity of placed adepts; a mentor at most their capacity per
  role; nobody holds two roles for the same adept.
- A role tied to the placement (the handledare) must be filled by someone who works at the
  adept's placement workplace: placement and handledare are decided together.
- Locks and forbids name a role: ``(adept, mentor, role)``; role ``placement`` with a
  workplace id locks or forbids a placement; a blank role means the programme's main role.
  Locks no plan can keep are refused by name first (:mod:`..role_locks`).
- Minimal change: with a ``previous`` plan (a :class:`RolePlan`, or a one-role plan of the
  main role), keeping its placements and role pairs earns the settings' stability weight in
  the score stage (coverage and the lift come first), and the result's ``roles.diff`` says
  per role what moved (``diff``: the main role's pairs, as on the one-mentor path).
- A must-match adept (``must_match`` or the file's "Måste matchas") gets a placement when
  needed and a person in every role they need. When no plan can do that, the result is
  ``infeasible`` with a conflict per must-match adept and role the best plan without the rule
  leaves unmet, naming why (the unmet reason).

The roles split into parts (:mod:`.role_parts`). A coupled part (placement with the role tied
to it, roles one person offers together) is solved jointly in lexicographic stages
(:mod:`.role_stages`: most needs met, the lift per line, the best score), by flow where a flow
carries the rules (:mod:`.role_flow`) and on the CP-SAT model (:mod:`.role_model`) otherwise;
its unmet needs get reasons (:mod:`.role_reasons`). A role coupled to nothing else (e.g. the
mentor beside placement + handledare) is an independent problem with the same optimum on its
own, so it goes to the classic one-role engine, with its leximin lift, reasons and proofs.
The result is ``optimal`` only when every stage of every part is proven.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable

from smile_core.equality.metrics import gender_figures
from smile_core.ingest.participants import Programme, must_match_ids
from smile_core.matching.plan import (
    Conflict,
    MatchResult,
    Pair,
    Plan,
    PlanDiff,
    Status,
    Unmatched,
    UnmatchedReason,
    diff_plans,
)
from smile_core.matching.role_locks import RoleLocksRefused, refused_role_locks, role_word
from smile_core.matching.role_plan import (
    Placement,
    RolePair,
    RolePlan,
    RoleUnmatched,
    diff_role_plans,
)
from smile_core.matching.roles import PLACEMENT, Role, RoleSetup
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver.problem import PlanInputError
from smile_core.matching.solver.role_model import JointModel
from smile_core.matching.solver.role_parts import (
    RoleKey,
    components,
    main_role,
    role_keys,
    role_programme,
    role_settings,
)
from smile_core.matching.solver.role_reasons import joint_reasons, role_name
from smile_core.matching.solver.role_stages import JointStages
from smile_core.text import Message

__all__ = ["RoleKey", "main_role", "role_keys", "solve_roles"]


def solve_roles(
    programme: Programme,
    settings: MatchSettings,
    setup: RoleSetup,
    *,
    locks: Iterable[tuple[str, ...]] = (),
    forbids: Iterable[tuple[str, ...]] = (),
    must_match: Iterable[str] = (),
    previous: Plan | RolePlan | None = None,
    classic: Callable[..., MatchResult],
    progress: Callable[[str, float], None] | None = None,
) -> MatchResult:
    """The best plan with placements and roles (see the module docstring).

    ``classic`` is the one-role engine (``solve`` itself), used for independent roles.
    Raises :class:`PlanInputError` for a lock or forbid naming someone or a role not there,
    and its :class:`~smile_core.matching.role_locks.RoleLocksRefused` for locks no plan can
    keep (:func:`~smile_core.matching.role_locks.refused_role_locks`).
    """
    started = time.perf_counter()
    report = progress or (lambda _s, _t: None)
    lock_keys = role_keys(setup, locks)
    forbid_keys = role_keys(setup, forbids)
    _check_keys(programme, setup, (*lock_keys, *forbid_keys))
    # A lock no plan can keep is refused by name before any search (the form says the same).
    if refusals := refused_role_locks(programme, setup, settings, lock_keys, forbid_keys):
        raise RoleLocksRefused(refusals)
    needs = {a.id: setup.needs_of(a) for a in programme.adepts}
    must = frozenset(must_match) | must_match_ids(programme)
    if unknown := sorted(a for a in must if a not in needs):
        raise PlanInputError("must-match: no adept " + ", ".join(map(repr, unknown)))
    kept = _previous_keys(setup, previous)
    parts = components(programme, setup)
    placements: list[Placement] = []
    pairs: list[RolePair] = []
    unmatched: list[RoleUnmatched] = []
    statuses: list[Status] = []
    gaps: list[float] = []
    stages: list[str] = []
    for part in parts:
        if len(part) == 1 and part[0] != PLACEMENT:
            role = setup.role(part[0])
            result = _classic_role(
                programme, settings, role, needs, lock_keys, forbid_keys, must, kept, classic
            )
            statuses.append(result.status)
            gaps.append(result.gap)
            stages += [f"{role.key}: {s}" for s in result.stages]
            pairs += [
                RolePair(p.adept_id, p.mentor_id, role.key, p.workplace_id, p.score, p.locked)
                for p in result.plan.pairs
            ]
            unmatched += [
                RoleUnmatched(u.adept_id, role.key, u.reason, u.text) for u in result.unmatched
            ]
        else:
            joint = JointModel(
                programme, settings, setup, part, needs, lock_keys, forbid_keys, must, kept
            )
            run = JointStages(joint)
            status, gap, got = run.solve()
            statuses.append(status)
            gaps.append(gap)
            stages += [f"{'+'.join(part)}: {s}" for s in run.stages]
            if got is not None:
                placements += got[0]
                pairs += got[1]
                unmatched += joint_reasons(joint, got)
        report(f"roles: {'+'.join(part)}", time.perf_counter() - started)
    status = _overall(statuses)
    if must and status is Status.INFEASIBLE:
        # Say which must-match adept lacks which role, and why, as the classic path does.
        return _must_blocked(programme, settings, setup, locks, forbids, must, classic, started)
    role_plan = RolePlan(
        setup=setup,
        placements=tuple(sorted(placements, key=lambda p: p.adept_id)),
        pairs=tuple(sorted(pairs, key=lambda p: (p.adept_id, setup.keys.index(p.role)))),
        unmatched=tuple(sorted(unmatched, key=lambda u: (u.adept_id, u.role))),
        needs=tuple(sorted(needs.items())),
    )
    if isinstance(previous, RolePlan):
        role_plan = dataclasses.replace(role_plan, diff=diff_role_plans(previous, role_plan))
    main = main_role(setup)
    plan = Plan(
        tuple(
            Pair(p.adept_id, p.mentor_id, p.workplace_id, p.score, locked=p.locked)
            for p in role_plan.pairs
            if p.role == main
        )
    )
    total = round(sum(round(p.score * 100) for p in role_plan.pairs) / 100, 2)
    gap = max(gaps, default=0.0) if status is not Status.OPTIMAL else 0.0
    return MatchResult(
        status=status,
        plan=plan if status in (Status.OPTIMAL, Status.FEASIBLE) else Plan(),
        unmatched=tuple(
            Unmatched(u.adept_id, u.reason) for u in role_plan.unmatched if u.role == main
        ),
        total_score=total,
        objective=total,
        best_bound=round(total / (1 - gap), 2) if gap < 1 else total,
        gap=gap,
        solve_seconds=round(time.perf_counter() - started, 3),
        by_gender=gender_figures(
            role_programme(programme, main, needs), {p.adept_id: p.score for p in plan.pairs}
        ),
        stages=tuple(stages),
        seed=settings.seed,
        diff=_main_diff(previous, plan, main) if previous is not None else None,
        roles=role_plan,
    )


def _overall(statuses: list[Status]) -> Status:
    for worst in (Status.INFEASIBLE, Status.NO_SOLUTION_IN_TIME, Status.FEASIBLE):
        if worst in statuses:
            return worst
    return Status.OPTIMAL


def _check_keys(programme: Programme, setup: RoleSetup, keys: Iterable[RoleKey]) -> None:
    bad = []
    for adept, person, role in keys:
        if adept not in programme.adept_by_id:
            bad.append(f"adept {adept!r}")
        if role == PLACEMENT:
            if not setup.placements or person not in programme.workplace_by_id:
                bad.append(f"placement at {person!r}")
        elif role not in setup.keys:
            bad.append(f"role {role!r}")
        elif person not in programme.mentor_by_id:
            bad.append(f"mentor {person!r}")
    if bad:
        raise PlanInputError("not in the programme: " + ", ".join(sorted(set(bad))))


def _must_blocked(
    programme: Programme,
    settings: MatchSettings,
    setup: RoleSetup,
    locks: Iterable[tuple[str, ...]],
    forbids: Iterable[tuple[str, ...]],
    must: frozenset[str],
    classic: Callable[..., MatchResult],
    started: float,
) -> MatchResult:
    """No plan gives every must-match adept every role they need: the best plan without
    that rule says, for each must-match adept it leaves short, which role and why."""
    relaxed = dataclasses.replace(
        programme, adepts=tuple(dataclasses.replace(a, must_match=False) for a in programme.adepts)
    )
    best = solve_roles(relaxed, settings, setup, locks=locks, forbids=forbids, classic=classic)
    if best.roles is None or best.status is Status.INFEASIBLE:
        return best
    conflicts = tuple(
        Conflict(
            "must_match",
            Message.of(
                "role_must.blocked", adept=u.adept_id, role=role_word(setup, u.role), why=u.text
            ),
            subject=u.adept_id,
        )
        for u in best.roles.unmatched
        if u.adept_id in must
    ) or (Conflict("must_match", Message.of("role_must.together")),)
    return MatchResult(
        status=Status.INFEASIBLE,
        plan=Plan(),
        unmatched=(),
        total_score=0.0,
        objective=0.0,
        best_bound=0.0,
        gap=1.0,
        solve_seconds=round(time.perf_counter() - started, 3),
        by_gender=(),
        stages=(*best.stages, "must-match: no plan"),
        seed=settings.seed,
        conflicts=conflicts,
    )


def _previous_keys(setup: RoleSetup, previous: Plan | RolePlan | None) -> frozenset[RoleKey]:
    """The previous plan's choices as (adept, workplace or person, role): a one-role
    :class:`Plan` holds the main role's pairs."""
    if isinstance(previous, RolePlan):
        return frozenset(
            {(p.adept_id, p.workplace_id, PLACEMENT) for p in previous.placements}
            | {(p.adept_id, p.mentor_id, p.role) for p in previous.pairs}
        )
    if isinstance(previous, Plan):
        main = main_role(setup)
        return frozenset((p.adept_id, p.mentor_id, main) for p in previous.pairs)
    return frozenset()


def _main_diff(previous: Plan | RolePlan, plan: Plan, main: str) -> PlanDiff:
    """The classic difference of the main role's pairs (the one-mentor view's "what changed")."""
    if isinstance(previous, RolePlan):
        previous = Plan(
            tuple(Pair(p.adept_id, p.mentor_id, p.workplace_id) for p in previous.pairs
                  if p.role == main)
        )  # fmt: skip
    return diff_plans(previous, plan)


def _classic_role(
    programme: Programme,
    settings: MatchSettings,
    role: Role,
    needs: dict[str, tuple[str, ...]],
    locks: tuple[RoleKey, ...],
    forbids: tuple[RoleKey, ...],
    must: frozenset[str],
    kept: frozenset[RoleKey],
    classic: Callable[..., MatchResult],
) -> MatchResult:
    sub = role_programme(programme, role.key, needs)
    if not sub.adepts or not sub.mentors:
        return MatchResult(
            status=Status.OPTIMAL,
            plan=Plan(),
            unmatched=tuple(_nobody(a.id, role) for a in sub.adepts),
            total_score=0.0,
            objective=0.0,
            best_bound=0.0,
            gap=0.0,
            solve_seconds=0.0,
            by_gender=(),
        )
    return classic(
        sub,
        role_settings(settings, role),
        locks=[(a, m) for a, m, r in locks if r == role.key],
        # A forbid of someone who does not offer the role (or an adept who does not need it)
        # forbids a pair that cannot occur: moot, not an unknown id for the one-role engine.
        forbids=[
            (a, m)
            for a, m, r in forbids
            if r == role.key and a in sub.adept_by_id and m in sub.mentor_by_id
        ],
        must=sorted(a for a in must if role.key in needs[a]),
        previous=Plan(tuple(Pair(a, m) for a, m, r in sorted(kept) if r == role.key))
        if kept
        else None,
    )


def _nobody(adept: str, role: Role) -> Unmatched:
    return Unmatched(
        adept,
        UnmatchedReason.NO_ALLOWED_MENTOR,
        (Message.of("role_reason.nobody_offers", role=role_name(role)),),
    )
