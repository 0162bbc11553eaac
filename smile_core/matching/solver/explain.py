"""Why no plan exists: a small set of rules that cannot all hold, in words.

The model is rebuilt with a guard literal on every rule the coordinator controls (locks,
forbids, capacities, must-match adepts, equality targets). CP-SAT returns a set of guards that
is infeasible on its own; that set is then shrunk by deletion (drop one guard, re-solve, keep
it out if still infeasible), so every rule named is needed for the conflict.
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from smile_core.matching.plan import Conflict
from smile_core.matching.solver.context import ModelContext
from smile_core.matching.solver.leximin import leximin_counts
from smile_core.matching.solver.notes import group_words
from smile_core.matching.solver.problem import MatchProblem
from smile_core.matching.solver.rules.registry import CHECKED
from smile_core.text import Message

_PER_SOLVE_SECONDS = 5.0
_BUDGET_SECONDS = 15.0


def conflicts(
    problem: MatchProblem, seed: int = 0, budget_seconds: float = _BUDGET_SECONDS
) -> tuple[Conflict, ...]:
    """A minimal conflicting set of guarded rules (empty if the model is feasible after all).

    The shrinking stops when ``budget_seconds`` have passed: the set is then still one whose
    rules cannot all hold, only perhaps not the smallest — a coordinator waiting on a
    screen gets an answer in seconds rather than a perfect one in minutes.
    """
    started = time.perf_counter()
    ctx = ModelContext(problem, explain=True)
    for rule in CHECKED:
        # counts_fixed: only the strict gap is a rule; the targets are stages, not
        # constraints to explain.
        rule.build(ctx, True)
    guards = [literal for literal, _ in ctx.guards]
    core = _infeasible_subset(ctx.model, guards, seed)
    if core is None:
        # No core proven in time: a strict match-rate rule against forced matches can still
        # be explained by max-flow numbers.
        return _strict_rate_precheck(problem)
    for literal in list(core):
        remaining = budget_seconds - (time.perf_counter() - started)
        if remaining <= 0:
            break
        trial = [g for g in core if g is not literal]
        if _is_infeasible(ctx.model, trial, seed, min(remaining, _PER_SOLVE_SECONDS)):
            core = trial
    described = {literal.index: conflict for literal, conflict in ctx.guards}
    return summarise([described[literal.index] for literal in core])


def _strict_rate_precheck(problem: MatchProblem) -> tuple[Conflict, ...]:
    """A strict match-rate rule against locks and must-match adepts, decided by max-flow:
    when a group's supply allows fewer others matched than must be, name the rule, the
    numbers and the must-match count. Used when CP-SAT proves no core in time (it can take
    long over this counting argument); the set is sound for these capacities, not minimal."""
    rule = problem.settings.equality.match_rate
    if not (rule.enabled and rule.strict):
        return ()
    forced = set(problem.must_match) | set(problem.pair_adept[problem.pair_locked].tolist())
    if not forced:
        return ()
    strict_rule = Conflict(
        "match_rate", Message.of("conflict.strict_rate", points=float(rule.max_shortfall_points))
    )
    numbers = _rate_numbers(problem, (strict_rule,))
    genders = problem.adept_gender
    short = [
        c
        for c in numbers
        if c.limit is not None and c.limit < sum(1 for a in forced if genders[a] != c.subject)
    ]
    if not short:
        return ()
    tightest = short[0]
    forced = {a for a in forced if genders[a] != tightest.subject}
    return (
        tightest,
        strict_rule,
        Conflict("must_match", Message.of("conflict.forced", count=len(forced)), limit=len(forced)),
    )


def _rate_numbers(problem: MatchProblem, items: tuple[Conflict, ...]) -> tuple[Conflict, ...]:
    """For a strict match-rate rule in the conflict: the numbers behind it, in one sentence
    per group whose supply is short — at most a of its n can be matched at all (a max-flow of
    the group alone), so the strict X-point rule allows at most k others matched."""
    if not any(c.kind == "match_rate" for c in items):
        return ()
    groups = tuple(problem.constrained_groups())
    lift = leximin_counts(problem, groups)
    if lift is None:
        return ()
    n = problem.n_adepts
    points = problem.settings.equality.match_rate.max_shortfall_points
    shortfall = round(100 * points)
    out = []
    for g in groups:
        n_g, most = lift.applicants[g], lift.alone[g]
        # The row 10000 N M_g >= share_g * M with M = M_g + others and M_g <= most gives
        # others <= most * (10000 N - share_g) / share_g.
        share = 10000 * n_g - shortfall * n
        if most >= n_g or share <= 0:
            continue
        others = most * (10000 * n - share) // share
        text = Message.of(
            "conflict.match_rate_numbers",
            most=most,
            n=n_g,
            group=group_words(g),
            points=float(points),
            others=others,
        )
        out.append(Conflict("match_rate_numbers", text, subject=g, limit=others))
    return tuple(out)


def summarise(items: list[Conflict]) -> tuple[Conflict, ...]:
    """Put a one-sentence summary first where the pattern is common (locks over a capacity)."""
    lock_items = [c for c in items if c.kind == "lock"]
    capacities = [c for c in items if c.kind in ("mentor_capacity", "workplace_capacity")]
    if lock_items and len(capacities) == 1 and len(items) == len(lock_items) + 1:
        cap = capacities[0]
        pairs = tuple(c.subject for c in lock_items)
        whose = "mentor" if cap.kind == "mentor_capacity" else "workplace"
        text = Message.of(
            f"conflict.summary.{whose}", pairs=pairs, subject=cap.subject, limit=cap.limit
        )
        return (Conflict("summary", text), *items)
    return tuple(items)


def _infeasible_subset(
    model: cp_model.CpModel, guards: list[cp_model.IntVar], seed: int
) -> list[cp_model.IntVar] | None:
    model.clear_assumptions()
    model.add_assumptions(guards)
    solver = _solver(seed)
    if solver.solve(model) != cp_model.INFEASIBLE:
        return None
    core = set(solver.sufficient_assumptions_for_infeasibility())
    return [g for g in guards if g.index in core]


def _is_infeasible(
    model: cp_model.CpModel, guards: list[cp_model.IntVar], seed: int, seconds: float
) -> bool:
    """True only when proven infeasible (a time-out keeps the rule in the set)."""
    model.clear_assumptions()
    model.add_assumptions(guards)
    solver = _solver(seed)
    solver.parameters.max_time_in_seconds = seconds
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE and not guards:
        # With no rule assumed the model has a plan (nobody matched): every rule that can
        # fail is guarded. CP-SAT 9.15's presolve still called one such model infeasible
        # (the strict gap's products, a must-match adept whose only mentor is forbidden:
        # found by Hypothesis), which emptied the set and named no rule; without presolve
        # it is solved as it is.
        solver.parameters.cp_model_presolve = False
        status = solver.solve(model)
    return status == cp_model.INFEASIBLE


def _solver(seed: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    # One worker: assumptions-based cores need it, and it keeps the explanation repeatable.
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = _PER_SOLVE_SECONDS
    return solver
