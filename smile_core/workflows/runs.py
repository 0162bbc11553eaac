"""Saving a run of a match: the run and the hand edits that made its plan, as one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from smile_core.access import Capability, Service
from smile_core.matching.plan import MatchResult
from smile_core.matching.settings import MatchSettings


@dataclass(frozen=True)
class PlanEdit:
    """One hand change to a plan for the audit trail: what, about whom, and why."""

    what: str
    adept_id: str | None = None
    mentor_id: str | None = None
    why: str = ""


def save_run(
    service: Service,
    cohort_id: int,
    settings: MatchSettings,
    result: MatchResult,
    seed: int,
    *,
    edits: Iterable[PlanEdit] = (),
    **kwargs: Any,
) -> int:
    """Store a run of the cohort (see ``Repository.save_run`` for the keywords: ``version``,
    ``forbids``, ``must_match``, ``parent_run_id``, ``role_forbids``; a result with roles keeps
    its plan by role) and the hand ``edits`` that made its plan, as one transaction: both or
    neither. Returns the run id."""
    service.require_cohort(cohort_id, Capability.PEOPLE)
    parent = kwargs.get("parent_run_id")
    if parent is not None:
        service.require_run(parent, Capability.PEOPLE)
    # A new run and its edit entries only add rows: what is kept in memory stays valid.
    with service.repository.atomic(adds_only=True) as repo:
        run_id = repo.save_run(cohort_id, settings, result, seed, service.who, **kwargs)
        for edit in edits:
            repo.record_edit(
                run_id,
                service.who,
                edit.what,
                edit.why,
                adept_id=edit.adept_id,
                mentor_id=edit.mentor_id,
            )
    return run_id
