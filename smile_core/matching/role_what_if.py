"""What if an adept had this person in a role, or this placement? (issue 10, plans with roles)

:func:`role_what_if` answers "what if adept A had person P as <role>" (or workplace W as the
placement) against the plan on screen, without changing it:

- **refused**: the lock cannot be kept with the coordinator's locks and forbids (a handledare
  at a workplace that does not fit the adept, seats already locked, ...). The reasons are
  :func:`~smile_core.matching.role_locks.refused_role_locks`' own, the words the
  lock-by-role form uses, and nothing is solved;
- **infeasible**: the locks can be kept but no plan keeps them together with the rest (e.g.
  every must-match adept); the result's conflicts say why;
- otherwise the change in total score, in needs filled per column (placement and each role)
  and which choices move, per role: the re-solve is the minimal-change role solve (the plan
  on screen is the previous plan, so everyone keeps their placement and people unless moving
  improves the plan) with the asked lock added to the current locks, at the settings' fixed
  seed, and the moves are :func:`~smile_core.matching.role_plan.diff_role_plans` of the two
  plans, the same "what changed, by role" a lock or forbid by role shows after its re-solve.

Pressing "keep this" on the dashboard adds the lock and runs that same re-solve, so the
answer is what the coordinator then gets (when the search is proven within its time).
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import polars as pl

from smile_core.ingest.participants import Programme
from smile_core.matching.plan import MatchResult, Pair
from smile_core.matching.role_locks import LockRefusal, RoleLocksRefused, refused_role_locks
from smile_core.matching.role_plan import RoleDiff, RolePair, RolePlan, diff_role_plans
from smile_core.matching.role_view import role_name
from smile_core.matching.roles import RoleSetup
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver.role_parts import main_role, role_keys
from smile_core.matching.solver.solve import solve
from smile_core.text import t


@dataclass(frozen=True)
class RoleWhatIf:
    """The answer to "what if ``adept_id`` had ``person_id`` as ``role``?".

    ``refusals`` (non-empty: refused before solving) name why the lock cannot be kept.
    ``feasible`` is True when a plan keeps the lock; then ``score_change`` is the new total
    score minus the plan on screen's, ``filled`` is per column of the plan (placement first)
    ``(column, before, after)`` needs filled, and ``diff`` is what moved per column.
    ``result`` is the re-solve (None when refused); its status and gap say whether the
    answer is proven.
    """

    adept_id: str
    person_id: str
    role: str
    feasible: bool
    refusals: tuple[LockRefusal, ...] = ()
    score_change: float = 0.0
    filled: tuple[tuple[str, int, int], ...] = ()
    diff: RoleDiff = field(default_factory=RoleDiff)
    result: MatchResult | None = None

    @property
    def moved(self) -> int:
        """How many choices (placements and people, over every column) move."""
        return len(self.diff.changes)

    def filled_change(self, column: str) -> int:
        """Needs filled in ``column`` after minus before (0 for a column not in the plan)."""
        return next((after - before for c, before, after in self.filled if c == column), 0)


def role_plan_score(plan: RolePlan) -> float:
    """The total score of a plan with roles: its role pairs' scores summed, to two decimals
    (as the role solve totals a result)."""
    return round(sum(round(p.score * 100) for p in plan.pairs) / 100, 2)


def plan_on_screen(roles: RolePlan, main_pairs: Iterable[Pair]) -> RolePlan:
    """``roles`` with the main role's pairs replaced by ``main_pairs`` (the one-mentor
    editor's hand edits), keeping each pair's workplace and score."""
    main = main_role(roles.setup)
    others = [p for p in roles.pairs if p.role != main]
    mine = [RolePair(p.adept_id, p.mentor_id, main, p.workplace_id, p.score) for p in main_pairs]
    return dataclasses.replace(roles, pairs=(*others, *mine), diff=None)


def role_what_if(
    programme: Programme,
    settings: MatchSettings,
    base: RolePlan,
    adept_id: str,
    person_id: str,
    role: str,
    *,
    locks: Iterable[tuple[str, ...]] = (),
    forbids: Iterable[tuple[str, ...]] = (),
    must_match: Iterable[str] = (),
    progress: Callable[[str, float], None] | None = None,
    cancel: threading.Event | None = None,
) -> RoleWhatIf:
    """Re-solve with ``(adept_id, person_id, role)`` locked on top of ``locks`` and compare
    with ``base``, the plan on screen (see the module docstring).

    ``role`` is a role key of ``base.setup`` or ``placement`` (then ``person_id`` is a
    workplace). ``locks``/``forbids`` are the coordinator's, as ``solve`` takes them (2-tuples
    are the main role). A forbid of the asked choice is dropped: the lock is the question, and
    a lock replaces a forbid of the same choice on the dashboard too. ``progress`` and
    ``cancel`` go to :func:`~smile_core.matching.solver.solve`; a cancelled or unproven answer
    keeps its result's honest status.
    """
    setup = base.setup
    asked = (adept_id, person_id, role)
    # The asked lock is judged last, so a conflict with an older lock refuses the new one.
    lock_keys = [k for k in dict.fromkeys(role_keys(setup, locks)) if k != asked] + [asked]
    forbid_keys = [k for k in role_keys(setup, forbids) if k != asked]
    refusals = refused_role_locks(programme, setup, settings, lock_keys, forbid_keys)
    if refusals:
        return RoleWhatIf(adept_id, person_id, role, False, tuple(refusals))
    try:
        result = solve(
            programme,
            settings,
            locks=lock_keys,
            forbids=forbid_keys,
            must_match=must_match,
            previous=base,
            progress=progress,
            cancel=cancel,
            roles=setup,
        )
    except RoleLocksRefused as refused:  # the solve's own check; the one above said the same
        return RoleWhatIf(adept_id, person_id, role, False, refused.refusals)
    if not result.has_plan or result.roles is None:
        return RoleWhatIf(adept_id, person_id, role, False, result=result)
    new = result.roles
    return RoleWhatIf(
        adept_id,
        person_id,
        role,
        True,
        score_change=round(role_plan_score(new) - role_plan_score(base), 2),
        filled=tuple((c, base.filled(c), new.filled(c)) for c in new.columns),
        diff=new.diff if new.diff is not None else diff_role_plans(base, new),
        result=result,
    )


def what_if_roles_table(answer: RoleWhatIf, setup: RoleSetup, lang: str) -> pl.DataFrame:
    """Per column of the plan (placement first): the role in ``lang``, needs filled now and
    with the what-if, and how many choices move and stay (the "what changed, by role"
    counts). Empty when the answer has no plan."""
    schema = {
        t("roles_ui.column.role", lang): pl.String,
        t("role_what_if.filled_now", lang): pl.Int64,
        t("role_what_if.filled_then", lang): pl.Int64,
        t("roles_ui.changes.moved", lang): pl.Int64,
        t("roles_ui.changes.kept", lang): pl.Int64,
    }
    kept = dict(answer.diff.kept)
    rows = [
        (role_name(setup, c, lang), before, after, answer.diff.moved(c), kept.get(c, 0))
        for c, before, after in answer.filled
    ]
    return pl.DataFrame(rows, schema=schema, orient="row")
