"""Group mentoring: a mentor with a minimum group size takes either nobody or at least that
many adepts (the maximum is the mentor's capacity, kept by :mod:`.capacity`)."""

from __future__ import annotations

import numpy as np

from smile_core.solver.context import ModelContext, enforce
from smile_core.text import Message


def add(ctx: ModelContext) -> None:
    """One guarded row per group mentor: matched >= minimum when the group runs at all."""
    problem = ctx.problem
    for mentor in np.flatnonzero(problem.mentor_min_group >= 2):
        minimum = int(problem.mentor_min_group[mentor])
        pairs = problem.pairs_of_mentor[mentor]
        mentor_id = problem.mentor_ids[mentor]
        guard = ctx.guard(
            "group_minimum",
            Message.of("conflict.group_minimum", mentor=mentor_id, count=minimum),
            subject=mentor_id,
            limit=minimum,
        )
        runs = ctx.derive(ctx.model.new_bool_var(""), lambda x, pairs=pairs: int(x[pairs].any()))
        group = ctx.total(pairs)
        enforce(ctx.model.add(group >= minimum).only_enforce_if(runs), guard)
        ctx.model.add(group == 0).only_enforce_if(~runs)
