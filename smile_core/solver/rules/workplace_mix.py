"""Workplace mix: at each workplace that takes at least two adepts, at least a minimum share of
them are women. Kept linear: ``100 * women >= round(100 * share) * placed`` when placed >= 2."""

from __future__ import annotations

from smile_core.solver.context import ModelContext
from smile_core.text import Message


def add(ctx: ModelContext) -> None:
    """One guarded row per workplace that could take two or more adepts."""
    problem = ctx.problem
    rule = problem.settings.equality.workplace_mix
    if not rule.enabled:
        return
    women = problem.gender_members("woman")
    share = round(100 * rule.min_women_share)
    for workplace, pairs in enumerate(problem.pairs_of_workplace):
        if min(len(pairs), int(problem.workplace_capacity[workplace])) < 2:
            continue
        placed = ctx.total(pairs)
        is_woman = women[problem.pair_adept[pairs]]
        two_or_more = ctx.derive(
            ctx.model.new_bool_var(""), lambda x, pairs=pairs: int(x[pairs].sum() >= 2)
        )
        ctx.model.add(placed >= 2).only_enforce_if(two_or_more)
        ctx.model.add(placed <= 1).only_enforce_if(~two_or_more)
        workplace_id = problem.workplace_ids[workplace]
        guard = ctx.guard(
            "workplace_mix",
            Message.of("conflict.workplace_mix", share=share / 100, workplace=workplace_id),
        )
        row = ctx.model.add(100 * ctx.total(pairs[is_woman]) >= share * placed)
        row.only_enforce_if([two_or_more] if guard is None else [two_or_more, guard])
