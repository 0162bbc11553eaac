"""Workplace mix: at each workplace that takes at least two adepts, at least a minimum share of
them are women. Kept linear: ``100 * women >= round(100 * share) * placed`` when placed >= 2."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from smile_core.matching.solver.context import ModelContext
from smile_core.matching.solver.problem import MatchProblem
from smile_core.matching.solver.rules.rule import Rule
from smile_core.matching.violation import PlanFacts, Violation
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


def mirror(problem: MatchProblem, chosen: np.ndarray) -> bool:
    """Every workplace with two or more adepts has the minimum share of women."""
    rule = problem.settings.equality.workplace_mix
    if not rule.enabled:
        return True
    share = round(100 * rule.min_women_share)
    workplaces = problem.workplace_of(chosen)
    women = np.array(problem.adept_gender)[problem.pair_adept[chosen]] == "woman"
    keep = workplaces >= 0
    n_w = len(problem.workplace_ids)
    placed = np.bincount(workplaces[keep], minlength=n_w)
    placed_women = np.bincount(workplaces[keep], weights=women[keep], minlength=n_w)
    bad = (placed >= 2) & (100 * placed_women < share * placed)
    return not bad.any()


def check(plan: PlanFacts) -> list[Violation]:
    """Workplaces with two or more adepts and fewer women than the minimum share."""
    rule = plan.settings.equality.workplace_mix
    if not rule.enabled:
        return []
    share = Fraction(round(100 * rule.min_women_share), 100)
    placed: dict[str, list[str]] = {}
    for a, m in plan.pairs:
        workplace = plan.programme.mentor_by_id[m].workplace_id
        if workplace:
            placed.setdefault(workplace, []).append(plan.gender[a])
    out = []
    for workplace, genders in sorted(placed.items()):
        if len(genders) >= 2 and Fraction(genders.count("woman"), len(genders)) < share:
            out.append(
                Violation(
                    "workplace_mix",
                    f"workplace {workplace}: {genders.count('woman')} women of {len(genders)}",
                    (
                        ("w", workplace),
                        ("k", str(genders.count("woman"))),
                        ("n", str(len(genders))),
                    ),
                )
            )
    return out


def _add(ctx: ModelContext, counts_fixed: bool) -> dict:
    add(ctx)
    return {}


RULE = Rule(
    name="workplace_mix",
    settings=("equality.workplace_mix.enabled", "equality.workplace_mix.min_women_share"),
    applies=lambda s: s.equality.workplace_mix.enabled,
    build=_add,
    check=check,
    codes=("workplace_mix",),
    mirror=mirror,
    equality=True,
)
