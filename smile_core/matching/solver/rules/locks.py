"""Locked pairs are always in the plan; a pair both locked and forbidden is never in it
(the two decisions then conflict, and the explanation names both)."""

from __future__ import annotations

import numpy as np

from smile_core.matching.solver.context import ModelContext, enforce
from smile_core.matching.solver.problem import MatchProblem
from smile_core.matching.solver.rules.rule import Rule, always
from smile_core.matching.violation import PlanFacts, Violation
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


def check(plan: PlanFacts) -> list[Violation]:
    """Locked pairs missing from the plan; forbidden pairs in it."""
    chosen = set(plan.pairs)
    out = [
        Violation("lock", f"locked pair {a}–{m} is missing", (("a", a), ("m", m)))
        for a, m in sorted(plan.locks - chosen)
    ]
    out += [
        Violation("forbid", f"forbidden pair {a}–{m} is in the plan", (("a", a), ("m", m)))
        for a, m in sorted(plan.forbids & chosen)
    ]
    return out


def mirror(problem: MatchProblem, chosen: np.ndarray) -> bool:
    """No forbidden pair is chosen (the flows keep the locks by construction)."""
    return not problem.pair_forbidden[chosen].any()


def _add(ctx: ModelContext, counts_fixed: bool) -> dict:
    add(ctx)
    return {}


RULE = Rule(
    name="locks",
    settings=(),
    applies=always,
    build=_add,
    check=check,
    codes=("lock", "forbid"),
    mirror=mirror,
)
