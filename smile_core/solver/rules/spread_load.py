"""Spread the mentors' load: every adept beyond a mentor's first costs ``spread_load_points``.

So a mentor without an adept is preferred before one gets a second, as far as the points
say (a coordinator trades score for spread; the price is shown next to the plan). Off at 0,
the default: then this adds nothing to the model.

With L_m the mentor's adepts and U_m = 1 when the mentor has any (``U_m <= L_m`` and
``L_m <= cap_m * U_m`` make it exact), the cost is ``points * sum(L_m - U_m)`` in
centipoints. The flow relaxation does not know this cost, so the façade does not prune pairs
by the flow's reduced costs while it is on (its bound on the total stays valid: the cost only
lowers it).
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from smile_core.solver.context import ModelContext


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
        used = ctx.derive(
            ctx.model.new_bool_var(""), lambda x, pairs=pairs: int(x[pairs].any())
        )
        ctx.model.add(used <= load)
        ctx.model.add(load <= most * used)
        extra.append(load - used)
    if not extra:
        return None
    return points * sum(extra)
