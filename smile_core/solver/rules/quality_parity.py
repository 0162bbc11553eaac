"""Quality parity between matched women and men (both groups at least ``min_group_size``).

``MAX_GAP``: the mean scores of matched women and of matched men differ by at most Y points.
With S_g the summed score (centipoints) and M_g the number matched in group g, the rule is
``|S_w * M_m - S_m * M_w| <= 100 * Y * M_w * M_m``: exact, with the products as CP-SAT
multiplication constraints (a group with nobody matched has no mean and no constraint).

``MAXIMIN``: returns a term, the lower of the two means (centipoints), for the façade to
maximise as its own stage.
"""

from __future__ import annotations

import numpy as np
from ortools.sat.python import cp_model

from smile_core.settings import QualityParityMode
from smile_core.solver.context import ModelContext, enforce

GROUPS = ("woman", "man")


def add(ctx: ModelContext) -> cp_model.IntVar | None:
    """Add the parity rows (MAX_GAP) or the worst-off mean variable (MAXIMIN)."""
    problem = ctx.problem
    rule = problem.settings.equality.quality
    if not rule.enabled or not all(g in problem.constrained_groups() for g in GROUPS):
        return None
    model = ctx.model
    sums, counts = {}, {}
    for group in GROUPS:
        member = problem.gender_members(group)[problem.pair_adept]
        pairs = np.flatnonzero(member)
        n_g = problem.group_sizes()[group]
        score = problem.pair_score
        sums[group] = ctx.derive(
            model.new_int_var(0, 10000 * n_g, f"score_{group}"),
            lambda x, pairs=pairs, score=score: int(score[pairs][x[pairs]].sum()),
        )
        counts[group] = ctx.derive(
            model.new_int_var(0, n_g, f"matched_{group}"),
            lambda x, pairs=pairs: int(x[pairs].sum()),
        )
        model.add(sums[group] == ctx.total(pairs, problem.pair_score[pairs]))
        model.add(counts[group] == ctx.total(pairs))
    if rule.mode is QualityParityMode.MAXIMIN:
        return _worst_off_mean(ctx, sums, counts)
    w, m = GROUPS
    gap = round(100 * rule.max_gap_points)
    cross_w = _product(ctx, sums[w], counts[m])
    cross_m = _product(ctx, sums[m], counts[w])
    both = _product(ctx, counts[w], counts[m])
    guard = ctx.guard(
        "quality_parity",
        f"Medelpoängen för matchade kvinnor och män skiljer högst {rule.max_gap_points:g} poäng",
        f"Matched women's and men's mean scores differ by at most {rule.max_gap_points:g} points",
    )
    enforce(model.add(cross_w - cross_m <= gap * both), guard)
    enforce(model.add(cross_m - cross_w <= gap * both), guard)
    return None


def _product(ctx: ModelContext, a: cp_model.IntVar, b: cp_model.IntVar) -> cp_model.IntVar:
    model = ctx.model
    # The upper bounds from the proto (``domain`` is [lo, hi]; the container does not take
    # negative indices).
    bound = max(model.proto.variables[a.index].domain) * max(model.proto.variables[b.index].domain)
    product = model.new_int_var(0, bound, "")
    model.add_multiplication_equality(product, [a, b])
    return ctx.derive(product, lambda x: ctx.value(a, x) * ctx.value(b, x))


def _worst_off_mean(
    ctx: ModelContext, sums: dict[str, cp_model.IntVar], counts: dict[str, cp_model.IntVar]
) -> cp_model.IntVar:
    model = ctx.model
    means: list[cp_model.IntVar] = []
    worst = ctx.derive(
        model.new_int_var(0, 10000, "worst_off_mean"),
        lambda x: min(ctx.value(v, x) for v in means),
    )
    for group in GROUPS:
        mean = ctx.derive(
            model.new_int_var(0, 10000, f"mean_{group}"),
            lambda x, s=sums[group], c=counts[group]: ctx.value(s, x) // max(ctx.value(c, x), 1),
        )
        # mean * M_g <= S_g makes ``mean`` at most the group's mean; a group nobody from is
        # matched has mean 0, so maximising cannot profit from leaving a group out.
        model.add(_product(ctx, mean, counts[group]) <= sums[group])
        model.add(mean <= 10000 * counts[group])
        model.add(worst <= mean)
        means.append(mean)
    return worst
