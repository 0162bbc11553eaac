"""Someone leaves mid-programme: re-match only the people it affects, keeping the agreed plan.

The previous plan is the agreed one (without those who left) with a high stability weight, so
keeping a pair outweighs any gain from moving it: what changes is the seats the leavers free
(their mentors' room goes to adepts who were unmatched; a leaving mentor's adepts get new
mentors where possible). When no equality rule is on, every still-valid agreed pair is also
locked. With an equality rule on they are not: removing one person can make the old pairs
plus the rule infeasible (a locked plan cannot be rebalanced), and the rules must hold, so the
stability weight alone keeps the rest and the result's ``diff`` shows any pair that had to move.

With roles (a vocational programme: placement, handledare, mentor) the agreed plan by role is
the previous plan: every remaining adept's placement, handledare and mentor earn the stability
weight, so a leaver does not reshuffle the factories.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from smile_core.ingest.participants import Programme
from smile_core.matching.plan import MatchResult, Plan, diff_plans
from smile_core.matching.role_plan import RolePlan
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import solve

#: The stability weight of a re-match after someone left: keeping a pair outweighs any gain.
REMATCH_STABILITY_WEIGHT = 100.0


def kept_pairs(agreed: Plan, programme: Programme) -> list[tuple[str, str]]:
    """The agreed pairs whose adept and mentor are both still in ``programme``."""
    adepts = {a.id for a in programme.adepts}
    mentors = {m.id for m in programme.mentors}
    return sorted(
        (p.adept_id, p.mentor_id)
        for p in agreed.pairs
        if p.adept_id in adepts and p.mentor_id in mentors
    )


def equality_rules_on(settings: MatchSettings) -> bool:
    """True when a match-rate or quality parity rule is on."""
    return settings.equality.match_rate.enabled or settings.equality.quality.enabled


def rematch_after_leaving(
    programme: Programme,
    agreed: Plan,
    settings: MatchSettings,
    *,
    forbids: Iterable[tuple[str, ...]] = (),
    stability_weight: float = REMATCH_STABILITY_WEIGHT,
    progress: Callable[[str, float], None] | None = None,
    agreed_roles: RolePlan | None = None,
) -> MatchResult:
    """Re-match ``programme`` (the participants *without* those who left) from the ``agreed``
    plan, as the module says; the result's ``diff`` is the change against the agreed plan
    (the leavers' pairs appear as removed). ``agreed_roles``, the agreed plan by role, is
    then the previous plan (without the leavers); ``forbids`` may be by role too."""
    kept = kept_pairs(agreed, programme)
    previous: Plan | RolePlan = Plan(
        tuple(p for p in agreed.pairs if (p.adept_id, p.mentor_id) in set(kept))
    )
    if agreed_roles is not None:
        previous = roles_without_leavers(agreed_roles, programme)
    locks = [] if equality_rules_on(settings) else kept
    result = solve(
        programme,
        dataclasses.replace(settings, stability_weight=float(stability_weight)),
        locks=locks,
        forbids=[f for f in forbids if f not in set(kept)],
        previous=previous,
        progress=progress,
    )
    if result.has_plan:
        result = dataclasses.replace(result, diff=diff_plans(agreed, result.plan))
    return result


def roles_without_leavers(roles: RolePlan, programme: Programme) -> RolePlan:
    """``roles`` with only the adepts, people and workplaces still in ``programme``."""
    adepts = {a.id for a in programme.adepts}
    mentors = {m.id for m in programme.mentors}
    workplaces = {w.id for w in programme.workplaces}
    return dataclasses.replace(
        roles,
        placements=tuple(
            p for p in roles.placements if p.adept_id in adepts and p.workplace_id in workplaces
        ),
        pairs=tuple(p for p in roles.pairs if p.adept_id in adepts and p.mentor_id in mentors),
        unmatched=tuple(u for u in roles.unmatched if u.adept_id in adepts),
        needs=tuple((a, n) for a, n in roles.needs if a in adepts),
        diff=None,
    )
