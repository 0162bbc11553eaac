"""What a follow-up and an evaluation answer can be: their codes and their frames' columns.

Reading (:mod:`smile_core.outcomes.outcomes_reading`), the store (:mod:`smile_core.store.outcomes`)
and the figures (:mod:`smile_core.outcomes.outcome_figures`) share these: a status is one of
:data:`FOLLOW_UP_STATUSES` at one of :data:`FOLLOW_UP_MONTHS`, an answer one of
:data:`ANSWERS` by one of :data:`ROLES`.
"""

from __future__ import annotations

import polars as pl

#: Months after the start at which an adept's status is followed up.
FOLLOW_UP_MONTHS: tuple[int, ...] = (3, 6, 12)

#: Follow-up statuses, in the order tables and charts show them.
FOLLOW_UP_STATUSES: tuple[str, ...] = (
    "qualified_job",
    "other_job",
    "internship",
    "studies",
    "seeking_work",
    "left_programme",
)
#: The statuses that count as "in work".
IN_WORK_STATUSES: tuple[str, ...] = ("qualified_job", "other_job")

#: Who answers an evaluation.
ROLES: tuple[str, ...] = ("adept", "mentor")
#: The answers of a Likert item (5 = fully agree / very satisfied).
ANSWERS: tuple[int, ...] = (1, 2, 3, 4, 5)
#: Answers that count as agreeing.
AGREE_ANSWERS: tuple[int, ...] = (4, 5)


#: The columns of a loaded follow-ups frame (see ``FollowupLoad``).
FOLLOWUP_SCHEMA: dict[str, pl.DataType] = {
    "programme": pl.String(),
    "cohort": pl.String(),
    "adept_id": pl.String(),
    "months": pl.Int64(),
    "status": pl.String(),
    "mentor_contributed": pl.Boolean(),
}
#: The columns of a loaded evaluations frame (see ``EvaluationLoad``).
EVALUATION_SCHEMA: dict[str, pl.DataType] = {
    "programme": pl.String(),
    "respondent_id": pl.String(),
    "role": pl.String(),
    "item": pl.String(),
    "answer": pl.Int64(),
}
