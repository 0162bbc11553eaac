"""Each adept has at most one mentor; a must-match adept has exactly one.

Returns the number of matched adepts (the coverage objective).
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from smile_core.solver.context import ModelContext, enforce
from smile_core.text import Message


def add(ctx: ModelContext) -> cp_model.LinearExprT:
    """Add the at-most-one rows and the must-match rows; return the matched count."""
    problem = ctx.problem
    for adept, pairs in enumerate(problem.pairs_of_adept):
        variables = [ctx.x[int(p)] for p in pairs]
        if variables:
            ctx.model.add_at_most_one(variables)
        if adept in problem.must_match:
            adept_id = problem.adept_ids[adept]
            # What the adept could have, so a conflict says what blocks them: no mentor at
            # all, or these mentors (whose capacities or other rules the conflict names).
            mentors = [problem.mentor_ids[m] for m in sorted(set(problem.pair_mentor[pairs]))]
            if not mentors:
                text = Message.of("conflict.must_match_no_mentor", adept=adept_id)
            else:
                shown = ", ".join(mentors[:5]) + (
                    f" +{len(mentors) - 5}" if len(mentors) > 5 else ""
                )
                text = Message.of("conflict.must_match", adept=adept_id, mentors=shown)
            guard = ctx.guard("must_match", text, subject=adept_id)
            enforce(ctx.model.add(sum(variables) >= 1), guard)
    return ctx.total(range(problem.n_pairs))  # type: ignore[arg-type]
