"""Workplace mix: at each workplace that takes at least two adepts, at least a minimum share of
them are women.

- Default (``strict`` off) — a target that lifts, never levels down. It is decided *within the
  counts fixed before it* (each gender's count and the total matched, after the quality
  stage): the façade minimises the women *missing* from the share, summed over the
  workplaces (the stage term ``workplace_mix``, negated so every stage maximises). A plan
  moves people between mentors to meet it, and never leaves anyone without a mentor for it:
  measured on 200 binding adepts with the hard wish, the hard rule matched 106–130 of the
  154 the lifted counts allow, unproven after 60 s.
- ``strict`` — the old hard rule, an explicit option:
  ``100 * women >= round(100 * share) * placed`` at each workplace with two or more, even if
  fewer people are matched (the result states that cost in people).

At one workplace with ``placed >= 2`` of whom ``women`` are women, the missing women are
``max(0, ceil(share * placed) - women)`` (share in whole percent, so exact in integers).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from smile_core.matching.solver.context import ModelContext
from smile_core.matching.solver.problem import MatchProblem
from smile_core.matching.solver.rules.rule import Rule
from smile_core.matching.violation import PlanFacts, Violation
from smile_core.text import Message

#: The stage term's name (the façade's lexicographic stage, before the score).
STAGE = "workplace_mix"
#: Workplaces taking up to this many adepts also get the share by count (:func:`_by_count`):
#: a Boolean per number placed, so a few hundred variables at most per workplace.
MAX_BY_COUNT = 200


def add(ctx: ModelContext) -> dict:
    """One guarded row per workplace that could take two or more adepts: the share itself
    (``strict``), or the share with the missing women made up by a variable per workplace
    whose negated sum is returned as the stage term :data:`STAGE` (the target)."""
    problem = ctx.problem
    rule = problem.settings.equality.workplace_mix
    if not rule.enabled:
        return {}
    women = problem.gender_members("woman")
    share = round(100 * rule.min_women_share)
    missing_vars, most = [], 0
    for workplace, pairs in enumerate(problem.pairs_of_workplace):
        # The most that can be placed there. Not the capacity in the explain model: the
        # staircase below ties ``placed`` to one of its counts, an unguarded capacity row
        # that would make locks over a full workplace look like a conflict on their own
        # (found by the brute-force test of the explanations).
        capacity = len(pairs)
        if not ctx.explain:
            capacity = min(capacity, int(problem.workplace_capacity[workplace]))
        if capacity < 2:
            continue
        placed = ctx.total(pairs)
        is_woman = women[problem.pair_adept[pairs]]
        two_or_more = ctx.derive(
            ctx.model.new_bool_var(""), lambda x, pairs=pairs: int(x[pairs].sum() >= 2)
        )
        ctx.model.add(placed >= 2).only_enforce_if(two_or_more)
        ctx.model.add(placed <= 1).only_enforce_if(~two_or_more)
        placed_women = ctx.total(pairs[is_woman])
        if not rule.strict:
            missing = ctx.derive(
                ctx.model.new_int_var(0, capacity, ""),
                lambda x, pairs=pairs, is_woman=is_woman: _missing(
                    int(x[pairs].sum()), int(x[pairs[is_woman]].sum()), share
                ),
            )
            # Minimised by the stage: at its optimum exactly the formula above.
            ctx.model.add(100 * (placed_women + missing) >= share * placed).only_enforce_if(
                two_or_more
            )
            if capacity <= MAX_BY_COUNT:
                ctx.model.add(
                    placed_women + missing >= _by_count(ctx, pairs, placed, capacity, share)
                )
            missing_vars.append(missing)
            most += capacity
            continue
        workplace_id = problem.workplace_ids[workplace]
        guard = ctx.guard(
            "workplace_mix",
            Message.of("conflict.workplace_mix", share=share / 100, workplace=workplace_id),
        )
        row = ctx.model.add(100 * placed_women >= share * placed)
        row.only_enforce_if([two_or_more] if guard is None else [two_or_more, guard])
        if capacity <= MAX_BY_COUNT:
            row = ctx.model.add(placed_women >= _by_count(ctx, pairs, placed, capacity, share))
            if guard is not None:
                row.only_enforce_if(guard)
    if rule.strict:
        return {}
    stage = ctx.derive(ctx.model.new_int_var(-most, 0, STAGE), lambda x: -missing_women(problem, x))
    ctx.model.add(stage == -sum(missing_vars))
    return {STAGE: stage}


def women_needed(share: int, most: int) -> list[int]:
    """For each number placed at a workplace, 0 to ``most``: the women ``share`` percent needs
    there (none below two)."""
    return [0 if placed < 2 else -(-share * placed // 100) for placed in range(most + 1)]


def _by_count(ctx: ModelContext, pairs: np.ndarray, placed, most: int, share: int):
    """The women the share needs at a workplace as a linear expression: a Boolean per number
    placed there (exactly one holds) weighted by :func:`women_needed`. Why: with only the
    guarded row, the linear relaxation meets any share by a fraction of "two or more placed",
    so its bound on the missing women is 0 and CP-SAT proves nothing; the staircase by count
    is exact at every whole point (the class model of :mod:`..mix_flow` went from unproven at
    10 s to proven in 0.02 s on 200 binding adepts at a 50 % share)."""
    count = [
        ctx.derive(ctx.model.new_bool_var(""), lambda x, n=n: int(x[pairs].sum() == n))
        for n in range(most + 1)
    ]
    return needed_by_count(ctx.model, placed, count, share)


def needed_by_count(model, placed, count: list, share: int):
    """Tie ``count`` (a Boolean per number placed, 0 to its length - 1) to ``placed`` (exactly
    one holds, at that number) and return the women ``share`` percent needs there, linear in
    them (:func:`women_needed`)."""
    model.add_exactly_one(count)
    model.add(placed == sum(n * y for n, y in enumerate(count)))
    need = women_needed(share, len(count) - 1)
    return sum(r * y for r, y in zip(need, count, strict=True) if r)


def _missing(placed: int, women: int, share: int) -> int:
    """The women missing from ``share`` percent at one workplace (none below two placed)."""
    if placed < 2:
        return 0
    return max(0, -(-share * placed // 100) - women)


def shortfalls(
    problem: MatchProblem, chosen: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per workplace: adepts placed, women among them, and the women missing from the share
    (0 where fewer than two are placed), for the pairs ``chosen`` (indices or a Boolean mask)."""
    rule = problem.settings.equality.workplace_mix
    chosen = np.flatnonzero(chosen) if chosen.dtype == bool else chosen
    share = round(100 * rule.min_women_share)
    workplaces = problem.workplace_of(chosen)
    women = problem.gender_members("woman")[problem.pair_adept[chosen]]
    keep = workplaces >= 0
    n_w = len(problem.workplace_ids)
    placed = np.bincount(workplaces[keep], minlength=n_w)
    placed_women = np.bincount(workplaces[keep & women], minlength=n_w)
    need = -(-share * placed // 100)
    missing = np.where(placed >= 2, np.maximum(need - placed_women, 0), 0)
    return placed, placed_women, missing


def missing_women(problem: MatchProblem, chosen: np.ndarray) -> int:
    """The target's measure: the women missing from the share, summed over the workplaces;
    0 when the mix is off or strict (a rule then, not a stage)."""
    rule = problem.settings.equality.workplace_mix
    if not rule.enabled or rule.strict:
        return 0
    return int(shortfalls(problem, chosen)[2].sum())


def mirror(problem: MatchProblem, chosen: np.ndarray) -> bool:
    """Every workplace with two or more adepts has the minimum share of women (strict only:
    the target holds for every plan, as a stage)."""
    rule = problem.settings.equality.workplace_mix
    if not rule.enabled or not rule.strict:
        return True
    return not shortfalls(problem, chosen)[2].any()


def check(plan: PlanFacts) -> list[Violation]:
    """Workplaces with two or more adepts and fewer women than the minimum share; the target
    (not ``strict``) only with ``targets``."""
    rule = plan.settings.equality.workplace_mix
    if not rule.enabled or not (rule.strict or plan.targets):
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


RULE = Rule(
    name="workplace_mix",
    settings=(
        "equality.workplace_mix.enabled",
        "equality.workplace_mix.min_women_share",
        "equality.workplace_mix.strict",
    ),
    applies=lambda s: s.equality.workplace_mix.enabled,
    build=lambda ctx, counts_fixed: add(ctx),
    check=check,
    codes=("workplace_mix",),
    mirror=mirror,
    equality=True,
)
