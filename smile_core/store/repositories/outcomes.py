"""Follow-ups and evaluation answers of a cohort's people."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from smile_core.store import outcomes
from smile_core.store.lookups import (
    cohort_row,
)
from smile_core.store.unit_of_work import UnitOfWork


class OutcomeRepository(UnitOfWork):
    """Record and load follow-ups and evaluation answers."""

    # ------------------------------------------------------------------ outcomes

    def record_followups(self, cohort_id: int, frame: pl.DataFrame, who: str) -> int:
        """Store follow-ups (columns ``adept_id``, ``months``, ``status``,
        ``mentor_contributed``) for the cohort's adepts; a stored adept and month is replaced.
        Returns the number of rows."""
        with self._write() as connection:
            cohort_row(connection, cohort_id, lock=True)
            return outcomes.write_followups(connection, cohort_id, frame, who, self._now())

    def load_followups(
        self, *, programme_id: int | None = None, cohort_ids: Iterable[int] | None = None
    ) -> pl.DataFrame:
        """Follow-ups of a programme and/or some cohorts (everything when neither is given):
        ``programme``, ``cohort``, ``adept_id``, ``months``, ``status``,
        ``mentor_contributed``."""
        with self._read() as connection:
            return outcomes.read_followups(connection, programme_id, cohort_ids)

    def record_evaluations(self, cohort_id: int, frame: pl.DataFrame, who: str) -> int:
        """Store evaluation answers (``respondent_id``, ``role``, ``item``, ``answer``) of the
        cohort's adepts and mentors; a stored respondent and item is replaced."""
        with self._write() as connection:
            cohort_row(connection, cohort_id, lock=True)
            return outcomes.write_evaluations(connection, cohort_id, frame, who, self._now())

    def load_evaluations(
        self, *, programme_id: int | None = None, cohort_ids: Iterable[int] | None = None
    ) -> pl.DataFrame:
        """Evaluation answers of a programme and/or some cohorts (everything by default)."""
        with self._read() as connection:
            return outcomes.read_evaluations(connection, programme_id, cohort_ids)
