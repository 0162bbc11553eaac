"""Storing one import of follow-ups and evaluation answers."""

from __future__ import annotations

import polars as pl

from smile_core.access import Capability, Service


def record_outcomes(
    service: Service,
    cohort_id: int,
    followups: pl.DataFrame | None,
    evaluations: pl.DataFrame | None,
) -> tuple[int, int]:
    """Store one import of follow-ups and evaluation answers (either may be None) as one
    transaction: both files' rows or neither. Returns the rows stored of each."""
    service.require_cohort(cohort_id, Capability.PEOPLE)
    with service.repository.atomic() as repo:
        stored_followups = (
            repo.record_followups(cohort_id, followups, service.who) if followups is not None else 0
        )
        stored_evaluations = (
            repo.record_evaluations(cohort_id, evaluations, service.who)
            if evaluations is not None
            else 0
        )
    return stored_followups, stored_evaluations
