"""Each mentor takes at most ``capacity`` adepts; each workplace hosts at most ``capacity``
adepts placed with its mentors."""

from __future__ import annotations

from smile_core.solver.context import ModelContext, enforce
from smile_core.text import Message


def add(ctx: ModelContext) -> None:
    """Add one capacity row per mentor and per workplace (skipped where it cannot bind)."""
    problem = ctx.problem
    for mentor, pairs in enumerate(problem.pairs_of_mentor):
        capacity = int(problem.mentor_capacity[mentor])
        if len(pairs) <= capacity:
            continue
        mentor_id = problem.mentor_ids[mentor]
        guard = ctx.guard(
            "mentor_capacity",
            Message.of("conflict.mentor_capacity", mentor=mentor_id, count=capacity),
            subject=mentor_id,
            limit=capacity,
        )
        enforce(ctx.model.add(ctx.total(pairs) <= capacity), guard)
    for workplace, pairs in enumerate(problem.pairs_of_workplace):
        capacity = int(problem.workplace_capacity[workplace])
        if len(pairs) <= capacity:
            continue
        workplace_id = problem.workplace_ids[workplace]
        guard = ctx.guard(
            "workplace_capacity",
            Message.of("conflict.workplace_capacity", workplace=workplace_id, count=capacity),
            subject=workplace_id,
            limit=capacity,
        )
        enforce(ctx.model.add(ctx.total(pairs) <= capacity), guard)
