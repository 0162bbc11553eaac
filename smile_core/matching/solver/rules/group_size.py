"""Group mentoring: a mentor with a minimum group size takes either nobody or at least that
many adepts (the maximum is the mentor's capacity, kept by :mod:`.capacity`)."""

from __future__ import annotations

import numpy as np

from smile_core.matching.plan import UnmatchedReason
from smile_core.matching.solver.context import ModelContext, enforce
from smile_core.matching.solver.problem import MatchProblem
from smile_core.matching.solver.rules.rule import Rule, always
from smile_core.matching.violation import PlanFacts, Violation
from smile_core.text import Message


def add(ctx: ModelContext) -> None:
    """One guarded row per group mentor: matched >= minimum when the group runs at all."""
    problem = ctx.problem
    for mentor in np.flatnonzero(problem.mentor_min_group >= 2):
        minimum = int(problem.mentor_min_group[mentor])
        pairs = problem.pairs_of_mentor[mentor]
        mentor_id = problem.mentor_ids[mentor]
        guard = ctx.guard(
            "group_minimum",
            Message.of("conflict.group_minimum", mentor=mentor_id, count=minimum),
            subject=mentor_id,
            limit=minimum,
        )
        runs = ctx.derive(ctx.model.new_bool_var(""), lambda x, pairs=pairs: int(x[pairs].any()))
        group = ctx.total(pairs)
        enforce(ctx.model.add(group >= minimum).only_enforce_if(runs), guard)
        ctx.model.add(group == 0).only_enforce_if(~runs)


def check(plan: PlanFacts) -> list[Violation]:
    """Group mentors with some adepts but fewer than their minimum group size."""
    out = []
    for mentor_id, n in sorted(plan.mentor_load.items()):
        minimum = plan.programme.mentor_by_id[mentor_id].min_group_size
        if minimum >= 2 and n < minimum:
            out.append(
                Violation(
                    "group_minimum",
                    f"mentor {mentor_id} leads a group of {n}, minimum {minimum}",
                    (("m", mentor_id), ("n", str(n)), ("k", str(minimum))),
                )
            )
    return out


def mirror(problem: MatchProblem, chosen: np.ndarray) -> bool:
    """Every group mentor has nobody or at least their minimum group size."""
    load = np.bincount(problem.pair_mentor[chosen], minlength=len(problem.mentor_ids))
    minimum = problem.mentor_min_group
    return not ((minimum >= 2) & (load > 0) & (load < minimum)).any()


def room_reason(
    problem: MatchProblem, with_room: np.ndarray, mentor_load: np.ndarray
) -> UnmatchedReason | None:
    """``GROUP_MINIMUM`` when every mentor with room leads a group that has not started (one
    adept alone would stay below its minimum)."""
    mentors = problem.pair_mentor[with_room]
    closed = (problem.mentor_min_group[mentors] >= 2) & (mentor_load[mentors] == 0)
    return UnmatchedReason.GROUP_MINIMUM if closed.all() else None


def _add(ctx: ModelContext, counts_fixed: bool) -> dict:
    add(ctx)
    return {}


RULE = Rule(
    name="group_size",
    settings=(),
    applies=always,
    build=_add,
    check=check,
    codes=("group_minimum",),
    mirror=mirror,
    room_reason=room_reason,
)
