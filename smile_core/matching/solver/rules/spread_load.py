"""Spread the mentors' load: every adept beyond a mentor's first costs ``spread_load_points``.

So a mentor without an adept is preferred before one gets a second, as far as the points
say (a coordinator trades score for spread; the price is shown next to the plan). Off at 0,
the default: then this adds nothing to the model.

With L_m the mentor's adepts and U_m = 1 when the mentor has any (``U_m <= L_m`` and
``L_m <= cap_m * U_m`` make it exact), the cost is ``points * sum(L_m - U_m)`` in
centipoints. The flow relaxation does not know this cost; its bound stays valid (the cost
only lowers the objective), and the façade prunes by reduced costs against the warm start's
objective *with* its cost (:func:`cost_of`): a pair whose reduced cost exceeds that slack is in
no plan better than the warm start, cost or not.
"""

from __future__ import annotations

import numpy as np
from ortools.sat.python import cp_model

from smile_core.matching.solver.context import ModelContext
from smile_core.matching.solver.problem import MatchProblem
from smile_core.matching.solver.rules.rule import Rule


def cost_of(problem: MatchProblem, chosen: np.ndarray) -> int:
    """The rule's cost (centipoints) of a plan given as pair indices; 0 when the rule is off."""
    points = round(problem.settings.spread_load_points * 100)
    if points <= 0 or len(chosen) == 0:
        return 0
    load = np.bincount(problem.pair_mentor[chosen], minlength=len(problem.mentor_ids))
    return points * int(np.clip(load - 1, 0, None).sum())


def add(ctx: ModelContext) -> cp_model.LinearExprT | None:
    """Add one "has an adept" literal per mentor who could take two; return the cost
    (centipoints, to subtract from the score objective), or None when the rule is off."""
    problem = ctx.problem
    points = round(problem.settings.spread_load_points * 100)
    if points <= 0:
        return None
    extra: list[cp_model.LinearExprT] = []
    for mentor, pairs in enumerate(problem.pairs_of_mentor):
        most = min(len(pairs), int(problem.mentor_capacity[mentor]))
        if most < 2:
            continue  # never a second adept: nothing to spread
        load = ctx.total(pairs)
        used = ctx.derive(ctx.model.new_bool_var(""), lambda x, pairs=pairs: int(x[pairs].any()))
        ctx.model.add(used <= load)
        ctx.model.add(load <= most * used)
        extra.append(load - used)
    if not extra:
        return None
    return points * sum(extra)


def _build(ctx: ModelContext, counts_fixed: bool) -> dict:
    cost = add(ctx)
    return {} if cost is None else {"score_cost": cost}


RULE = Rule(
    name="spread_load",
    settings=("spread_load_points",),
    applies=lambda s: s.spread_load_points > 0,
    build=_build,
    check=None,
    objective_only=True,
)
