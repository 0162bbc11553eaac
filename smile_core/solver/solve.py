"""The one entry point of the matching engine: :func:`solve`.

How a plan is found:

1. Score every pair (:mod:`smile_core.scoring`) and build the array problem.
2. Solve the min-cost flow relaxation (no equality rules, no must-match): an upper bound on the
   objective and every pair's reduced cost.
3. Find a plan that keeps every rule (the relaxed plan itself, or a parametric flow plan): a
   warm start and a lower bound.
4. Leave out every pair whose reduced cost exceeds (upper − lower bound): such a pair cannot be
   in any plan better than the warm start, so the optimum is untouched.
5. CP-SAT, the model of record, carries every rule on the remaining pairs, in stages
   (coverage: most matched adepts, then best score; quality: best score; an extra stage for
   the worst-off group's mean in MAXIMIN mode), each stage hinted with the last.
6. When the rules cannot all hold, name a small conflicting set (:mod:`.explain`).

Nothing from CP-SAT leaves this module: the caller gets a :class:`~smile_core.plan.MatchResult`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import polars as pl
from ortools.sat.python import cp_model

from smile_core.metrics import gender_figures
from smile_core.participants import AdeptId, MentorId, Programme
from smile_core.plan import MatchResult, Pair, Plan, Status, diff_plans
from smile_core.scoring import COMPONENTS, score_pairs
from smile_core.settings import MatchSettings, Priority, QualityParityMode
from smile_core.solver import explain, reasons
from smile_core.solver.context import ModelContext
from smile_core.solver.flow import coverage_bonus, solve_flow
from smile_core.solver.hint import feasible_hint
from smile_core.solver.problem import MatchProblem, build_problem, restrict
from smile_core.solver.rules import (
    assignment,
    capacity,
    group_size,
    match_rate,
    quality_parity,
    score,
    spread_load,
    workplace_mix,
)
from smile_core.solver.rules import locks as lock_rule

ProgressCallback = Callable[[str, float], None]


def solve(
    programme: Programme,
    settings: MatchSettings | None = None,
    *,
    locks: Iterable[tuple[AdeptId, MentorId]] = (),
    forbids: Iterable[tuple[AdeptId, MentorId]] = (),
    must_match: Iterable[AdeptId] = (),
    previous: Plan | None = None,
    scores: pl.DataFrame | None = None,
    progress: ProgressCallback | None = None,
) -> MatchResult:
    """The best plan for ``programme`` under ``settings`` and the coordinator's decisions.

    ``locks`` pairs are always in the plan, ``forbids`` never; ``must_match`` adepts must get a
    mentor; with a ``previous`` plan, keeping its pairs earns the settings' stability weight
    and the result reports the difference. ``scores`` may pass a precomputed
    :func:`~smile_core.scoring.score_pairs` frame for the same settings. ``progress`` is called
    with a stage name and the seconds elapsed. The same inputs and seed give the same plan when
    the search finishes within its limits. Raises
    :class:`~smile_core.solver.problem.PlanInputError` for unknown ids.
    """
    settings = settings or MatchSettings()
    started = time.perf_counter()
    report = progress or (lambda _stage, _t: None)
    if scores is None:
        scores = score_pairs(programme, settings)
    problem = build_problem(
        programme,
        scores,
        settings,
        locks=locks,
        forbids=forbids,
        must_match=must_match,
        previous=previous,
    )
    report("scored", time.perf_counter() - started)
    outcome = _optimise(problem, started, report)
    return _result(programme, problem, scores, outcome, previous, started)


@dataclass
class _Outcome:
    status: Status
    chosen: np.ndarray  # pair indices into the full problem
    objective: int
    bound: int
    stages: tuple[str, ...]
    conflicts: tuple = ()


def _optimise(problem: MatchProblem, started: float, report: ProgressCallback) -> _Outcome:
    settings = problem.settings
    gain = problem.pair_value
    bonus = coverage_bonus(problem, gain) if settings.priority is Priority.COVERAGE else 0
    relaxed = solve_flow(problem, gain, bonus, reduced_costs=True)
    report("relaxation", time.perf_counter() - started)
    keep = np.arange(problem.n_pairs)
    hint = None
    bounds = None
    if relaxed is not None:
        bounds = _Bounds(
            combined=relaxed.value,
            bonus=bonus,
            count=len(relaxed.chosen),
            score_only=lambda: relaxed.value if bonus == 0 else solve_flow(problem, gain).value,
        )
        hint = feasible_hint(problem, gain, bonus, relaxed, relaxed.reduced_cost)
        maximin = settings.equality.quality.enabled and (
            settings.equality.quality.mode is QualityParityMode.MAXIMIN
        )
        # Under MAXIMIN the worst-off group's mean is a stage of its own, about which the
        # flow's reduced costs say nothing: a pair they would prune may raise that mean. So no
        # pruning and no flow-proven shortcut there; CP-SAT runs every stage on every pair.
        if hint is not None and not maximin:
            # The warm start's own objective: spreading the load costs what the flow ignores.
            lower = int(gain[hint].sum()) + bonus * len(hint) - spread_load.cost_of(problem, hint)
            slack = relaxed.value - lower
            keep = np.flatnonzero(relaxed.reduced_cost <= slack)
            keep = np.union1d(keep, np.union1d(hint, np.flatnonzero(problem.pair_locked)))
            if slack == 0:
                # The relaxation's bound is reached by a plan that keeps every rule: it is
                # optimal. CP-SAT, the model of record, still checks it against every rule.
                outcome = _cp_sat_check(restrict(problem, keep), np.searchsorted(keep, hint))
                report("cp-sat check", time.perf_counter() - started)
                if outcome is not None:
                    outcome.chosen = keep[outcome.chosen]
                    return outcome
    report("warm start", time.perf_counter() - started)
    sub = restrict(problem, keep)
    sub_hint = np.searchsorted(keep, hint) if hint is not None else None
    outcome = _cp_sat(sub, sub_hint, bounds, started)
    report("cp-sat", time.perf_counter() - started)
    if outcome.status is Status.INFEASIBLE:
        # The pruning only ever removes pairs when a feasible plan is known, so infeasibility
        # is the full problem's; explain it on the full candidate set.
        outcome.conflicts = explain.conflicts(problem, settings.seed)
        return outcome
    outcome.chosen = keep[outcome.chosen]
    return outcome


@dataclass(frozen=True)
class _Bounds:
    """The flow relaxation's optimum: valid upper bounds for every plan that keeps the rules."""

    combined: int  # max of bonus * matched + value
    bonus: int  # per matched adept (0 under the quality priority)
    count: int  # matched adepts in the relaxation's optimum
    #: The best total value of any plan, coverage aside (the quality-only relaxation),
    #: computed only when needed.
    score_only: Callable[[], int]


def _build(problem: MatchProblem) -> tuple[ModelContext, dict[str, cp_model.LinearExprT]]:
    ctx = ModelContext(problem)
    count = assignment.add(ctx)
    capacity.add(ctx)
    group_size.add(ctx)
    lock_rule.add(ctx)
    match_rate.add(ctx)
    worst_off = quality_parity.add(ctx)
    workplace_mix.add(ctx)
    value = score.add(ctx)
    spread_cost = spread_load.add(ctx)
    if spread_cost is not None:
        value = value - spread_cost
    terms = {"coverage": count, "score": value}
    if worst_off is not None:
        terms["worst_off_mean"] = worst_off
    return ctx, terms


def _cp_sat_check(problem: MatchProblem, plan: np.ndarray) -> _Outcome | None:
    """Check a plan against every rule of the CP-SAT model (all variables fixed to it)."""
    ctx, terms = _build(problem)
    chosen = np.zeros(problem.n_pairs, dtype=bool)
    chosen[plan] = True
    ctx.hint(chosen)
    ctx.model.maximize(terms["score"])
    solver = _solver(problem.settings, remaining=problem.settings.time_limit_seconds)
    solver.parameters.fix_variables_to_their_hinted_value = True
    if solver.solve(ctx.model) != cp_model.OPTIMAL:
        return None
    value = int(problem.pair_value[plan].sum())
    stages = ("flow bound reached", "cp-sat check")
    return _Outcome(Status.OPTIMAL, np.sort(plan), value, value, stages)


def _cp_sat(
    problem: MatchProblem, hint: np.ndarray | None, bounds: _Bounds | None, started: float
) -> _Outcome:
    settings = problem.settings
    ctx, terms = _build(problem)
    stages: list[str] = []
    if settings.priority is Priority.COVERAGE:
        stages.append("coverage")
        if bounds is not None:
            ctx.model.add(terms["coverage"] <= bounds.count)  # the relaxation's bound: valid
    if "worst_off_mean" in terms and settings.equality.quality.mode is QualityParityMode.MAXIMIN:
        stages.append("worst_off_mean")
    stages.append("score")

    solution = np.zeros(problem.n_pairs, dtype=bool)
    if hint is not None:
        solution[hint] = True
    status = Status.OPTIMAL
    objective = bound = 0
    done: list[str] = []
    for name in stages:
        expression = terms[name]
        if hint is not None or done:
            ctx.hint(solution)
        if name == "score" and bounds is not None:
            matched = int(solution.sum()) if settings.priority is Priority.COVERAGE else 0
            ctx.model.add(expression <= bounds.combined - bounds.bonus * matched)
        ctx.model.maximize(expression)
        solver = _solver(
            settings, remaining=settings.time_limit_seconds - (time.perf_counter() - started)
        )
        result = solver.solve(ctx.model)
        done.append(name)
        if result == cp_model.INFEASIBLE:
            return _Outcome(Status.INFEASIBLE, np.array([], dtype=np.int64), 0, 0, tuple(done))
        if result not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if len(done) == 1 and hint is None:
                return _Outcome(
                    Status.NO_SOLUTION_IN_TIME, np.array([], dtype=np.int64), 0, 0, tuple(done)
                )
            # Keep the plan in hand — the previous stage's, or the warm start, which keeps
            # every rule — with the relaxation's bound on the score (valid for any plan).
            status = Status.FEASIBLE
            objective = int(problem.pair_value[solution].sum())
            bound = objective
            if bounds is not None:
                # No plan has a higher total than the quality-only relaxation, whatever its
                # coverage: the honest bound when the search stopped early.
                bound = bounds.score_only() if bounds.bonus else bounds.combined
            break
        solution = np.array([solver.boolean_value(v) for v in ctx.x], dtype=bool)
        objective = round(solver.objective_value)
        bound = int(np.floor(solver.best_objective_bound + 1e-6))
        if result != cp_model.OPTIMAL:
            status = Status.FEASIBLE
        # Later stages keep what this one achieved (not the bound: it may not be reachable).
        ctx.model.add(expression >= objective)
    return _Outcome(status, np.flatnonzero(solution), objective, max(bound, objective), tuple(done))


def _solver(settings: MatchSettings, remaining: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.max_time_in_seconds = max(remaining, 0.5)
    params.random_seed = settings.seed
    # One worker: a single search is deterministic for a given seed (only a time limit that
    # cuts it short makes the plan depend on timing), and on these models it proves faster
    # than two interleaved workers (measured: the vocational demo with a strict match-rate
    # target proves in 1.6 s, against 20 s interleaved).
    params.num_workers = 1
    params.relative_gap_limit = settings.relative_gap_limit
    return solver


def _result(
    programme: Programme,
    problem: MatchProblem,
    scores: pl.DataFrame,
    outcome: _Outcome,
    previous: Plan | None,
    started: float,
) -> MatchResult:
    chosen = outcome.chosen
    plan = _plan(problem, scores, chosen)
    matched_scores = {p.adept_id: p.score for p in plan.pairs}
    objective = outcome.objective / 100
    bound = outcome.bound / 100
    gap = (bound - objective) / bound if bound > 0 and outcome.status is not Status.OPTIMAL else 0.0
    return MatchResult(
        status=outcome.status,
        plan=plan,
        unmatched=reasons.unmatched(problem, chosen, outcome.status),
        total_score=plan.total_score,
        objective=round(objective, 2),
        best_bound=round(bound, 2),
        gap=max(gap, 0.0),
        solve_seconds=round(time.perf_counter() - started, 3),
        by_gender=gender_figures(programme, matched_scores),
        conflicts=tuple(outcome.conflicts),
        diff=diff_plans(previous, plan) if previous is not None else None,
        stages=outcome.stages,
        seed=problem.settings.seed,
    )


def _plan(problem: MatchProblem, scores: pl.DataFrame, chosen: np.ndarray) -> Plan:
    if len(chosen) == 0:
        return Plan()
    rows = scores[problem.pair_row[chosen]].with_columns(
        locked=pl.Series(problem.pair_locked[chosen])
    )
    rows = rows.sort("adept_id")
    return Plan(
        tuple(
            Pair(
                adept_id=row["adept_id"],
                mentor_id=row["mentor_id"],
                workplace_id=row["workplace_id"] or "",
                score=row["score"],
                components=(
                    *((c, row[c]) for c in COMPONENTS),
                    ("gender_penalty", row["gender_penalty"]),
                ),
                locked=row["locked"],
            )
            for row in rows.iter_rows(named=True)
        )
    )
