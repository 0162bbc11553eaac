"""Locked pairs are always in the plan; a pair both locked and forbidden is never in it
(the two decisions then conflict, and the explanation names both)."""

from __future__ import annotations

import numpy as np

from smile_core.solver.context import ModelContext, enforce
from smile_core.text import Message


def add(ctx: ModelContext) -> None:
    """Fix each locked pair to 1, and each forbidden-but-locked pair to 0."""
    problem = ctx.problem
    for p in np.flatnonzero(problem.pair_locked):
        a, m = problem.adept_ids[problem.pair_adept[p]], problem.mentor_ids[problem.pair_mentor[p]]
        guard = ctx.guard(
            "lock", Message.of("conflict.lock", adept=a, mentor=m), subject=f"{a}–{m}"
        )
        enforce(ctx.model.add(ctx.x[int(p)] == 1), guard)
        if problem.pair_forbidden[p]:
            guard = ctx.guard(
                "forbid", Message.of("conflict.forbid", adept=a, mentor=m), subject=f"{a}–{m}"
            )
            enforce(ctx.model.add(ctx.x[int(p)] == 0), guard)
