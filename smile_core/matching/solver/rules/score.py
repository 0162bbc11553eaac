"""The quality objective: the plan's total score, plus — when re-solving — a bonus per pair kept
from the previous plan (``stability_weight`` points each)."""

from __future__ import annotations

import numpy as np
from ortools.sat.python import cp_model

from smile_core.matching.solver.context import ModelContext
from smile_core.matching.solver.rules.rule import Rule, always


def add(ctx: ModelContext) -> cp_model.LinearExprT:
    """No constraints; return sum((score + stability bonus) * x) in centipoints."""
    problem = ctx.problem
    return ctx.total(np.arange(problem.n_pairs), problem.pair_value)


RULE = Rule(
    name="score",
    settings=("weights", "stability_weight", "priority"),
    applies=always,
    build=lambda ctx, counts_fixed: {"score": add(ctx)},
    check=None,
    objective_only=True,
)
