"""Each mentor takes at most ``capacity`` adepts; each workplace hosts at most ``capacity``
adepts placed with its mentors."""

from __future__ import annotations

from collections import Counter

from smile_core.matching.solver.context import ModelContext, enforce
from smile_core.matching.solver.rules.rule import Rule, always
from smile_core.matching.violation import PlanFacts, Violation
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


def check(plan: PlanFacts) -> list[Violation]:
    """Mentors and workplaces with more adepts than their capacity."""
    programme = plan.programme
    out = []
    for mentor_id, n in sorted(plan.mentor_load.items()):
        capacity = programme.mentor_by_id[mentor_id].capacity
        if n > capacity:
            out.append(
                Violation(
                    "mentor_capacity",
                    f"mentor {mentor_id} has {n} adepts, capacity {capacity}",
                    (("m", mentor_id), ("n", str(n)), ("c", str(capacity))),
                )
            )
    per_workplace = Counter(
        programme.mentor_by_id[m].workplace_id
        for _, m in plan.pairs
        if programme.mentor_by_id[m].workplace_id
    )
    for workplace_id, n in sorted(per_workplace.items()):
        capacity = programme.workplace_by_id[workplace_id].capacity
        if n > capacity:
            out.append(
                Violation(
                    "workplace_capacity",
                    f"workplace {workplace_id} has {n} adepts, capacity {capacity}",
                    (("w", workplace_id), ("n", str(n)), ("c", str(capacity))),
                )
            )
    return out


def _add(ctx: ModelContext, counts_fixed: bool) -> dict:
    add(ctx)
    return {}


# No mirror: every flow plan keeps the capacities by construction.
RULE = Rule(
    name="capacity",
    settings=(),
    applies=always,
    build=_add,
    check=check,
    codes=("mentor_capacity", "workplace_capacity"),
)
