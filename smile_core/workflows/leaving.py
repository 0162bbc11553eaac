"""Someone leaves: re-match the rest from the agreed plan, record the leaving, save the run."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

from smile_core.access import Capability, Service
from smile_core.matching.plan import MatchResult
from smile_core.matching.rematch import rematch_after_leaving
from smile_core.matching.saved_runs import role_plan_from_stored
from smile_core.store import StoreError
from smile_core.text import Message


def leave_and_rematch(
    service: Service,
    cohort_id: int,
    adept_id: str,
    left_on: date,
    *,
    progress: Callable[[str, float], None] | None = None,
) -> tuple[int, MatchResult]:
    """Someone leaves: re-match the rest from the cohort's agreed plan (see
    :func:`smile_core.matching.rematch.rematch_after_leaving`), then record the leaving and save the
    new run as one transaction. Returns (run id, result). The solve runs before the
    transaction, so no lock is held while it thinks; if the agreed plan changed meanwhile the
    save is refused and nothing is recorded."""
    service.require_cohort(cohort_id, Capability.PEOPLE)
    agreed = service.repository.agreed_run(cohort_id)
    if agreed is None:
        raise StoreError(Message.of("store.leaving.no_agreed_plan"))
    participants = service.repository.load_participants(cohort_id, without_left=True)
    remaining = dataclasses.replace(
        participants, adepts=tuple(a for a in participants.adepts if a.id != adept_id)
    )
    stored_roles = agreed.roles
    # With roles, the agreed placements, handledare and mentors are the plan to keep.
    agreed_roles = (
        role_plan_from_stored(stored_roles, participants) if stored_roles is not None else None
    )
    role_forbids = [f for f in stored_roles.forbids if f[0] != adept_id] if stored_roles else []
    result = rematch_after_leaving(
        remaining,
        agreed.plan,
        agreed.settings,
        forbids=[*agreed.forbids, *role_forbids],
        progress=progress,
        agreed_roles=agreed_roles,
    )
    with service.repository.atomic() as repo:
        current = repo.agreed_run(cohort_id)
        if current is None or current.id != agreed.id:
            raise StoreError(Message.of("store.leaving.plan_changed"))
        repo.mark_left(cohort_id, adept_id, left_on, service.who)
        run_id = repo.save_run(
            cohort_id,
            agreed.settings,
            result,
            agreed.settings.seed,
            service.who,
            forbids=[f for f in agreed.forbids if f[0] != adept_id],
            parent_run_id=agreed.id,
            role_forbids=role_forbids,
        )
    return run_id, result
