"""Each adept has at most one mentor; a must-match adept has exactly one; every pair is one
the scoring allows (the model has a variable only for those; a locked pair is allowed).

Its term is the number of matched adepts (``coverage``).
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from ortools.sat.python import cp_model

from smile_core.matching.solver.context import ModelContext, enforce
from smile_core.matching.solver.problem import MatchProblem
from smile_core.matching.solver.rules.rule import Rule, always
from smile_core.matching.violation import PlanFacts, Violation
from smile_core.text import Message


def add(ctx: ModelContext) -> cp_model.LinearExprT:
    """Add the at-most-one rows and the must-match rows; return the matched count."""
    problem = ctx.problem
    for adept, pairs in enumerate(problem.pairs_of_adept):
        variables = [ctx.x[int(p)] for p in pairs]
        if variables:
            ctx.model.add_at_most_one(variables)
        if adept in problem.must_match:
            adept_id = problem.adept_ids[adept]
            # What the adept could have, so a conflict says what blocks them: no mentor at
            # all, or these mentors (whose capacities or other rules the conflict names).
            mentors = [problem.mentor_ids[m] for m in sorted(set(problem.pair_mentor[pairs]))]
            if not mentors:
                text = Message.of("conflict.must_match_no_mentor", adept=adept_id)
            else:
                shown = ", ".join(mentors[:5]) + (
                    f" +{len(mentors) - 5}" if len(mentors) > 5 else ""
                )
                text = Message.of("conflict.must_match", adept=adept_id, mentors=shown)
            guard = ctx.guard("must_match", text, subject=adept_id)
            enforce(ctx.model.add(sum(variables) >= 1), guard)
    return ctx.total(range(problem.n_pairs))  # type: ignore[arg-type]


def check(plan: PlanFacts) -> list[Violation]:
    """Adepts with more than one mentor; must-match adepts left out; pairs the scoring does
    not allow (when ``allowed`` is known) unless locked."""
    counts = Counter(a for a, _ in plan.pairs)
    out = [
        Violation("at_most_once", f"adept {a} has {n} mentors", (("a", a), ("n", str(n))))
        for a, n in sorted(counts.items())
        if n > 1
    ]
    out += [
        Violation("must_match", f"adept {a} must be matched but is not", (("a", a),))
        for a in sorted(plan.must_match - set(counts))
    ]
    if plan.allowed is not None:
        out += [
            Violation(
                "allowed",
                f"pair {a}–{m} is not allowed by the matching rules",
                (("a", a), ("m", m)),
            )
            for a, m in sorted(set(plan.pairs) - plan.allowed - plan.locks)
        ]
    return out


def mirror(problem: MatchProblem, chosen: np.ndarray) -> bool:
    """Every must-match adept is matched (at most one per adept holds in every flow plan)."""
    if not problem.must_match:
        return True
    matched = np.zeros(problem.n_adepts, dtype=bool)
    matched[problem.pair_adept[chosen]] = True
    return all(matched[a] for a in problem.must_match)


RULE = Rule(
    name="assignment",
    settings=(),
    applies=always,
    build=lambda ctx, counts_fixed: {"coverage": add(ctx)},
    check=check,
    codes=("at_most_once", "must_match", "allowed"),
    mirror=mirror,
)
