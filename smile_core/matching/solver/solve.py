"""The one entry point of the matching engine: :func:`solve`.

How a plan is found:

1. Score every pair (:mod:`smile_core.matching.scoring`) and build the array problem.
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

Nothing from CP-SAT leaves this module: the caller gets a
:class:`~smile_core.matching.plan.MatchResult`.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import threading
import time
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import polars as pl
from ortools.sat.python import cp_model

from smile_core.equality.metrics import gender_figures
from smile_core.ingest.participants import AdeptId, MentorId, Programme
from smile_core.matching.pair_pool import PairPool, merge_keys, missing_keys, score_pool
from smile_core.matching.plan import MatchResult, Pair, Plan, Status, diff_plans
from smile_core.matching.role_plan import RolePlan
from smile_core.matching.roles import RoleSetup, infer_setup, uses_roles
from smile_core.matching.scoring import BLOCK_CODES, COMPONENTS, PairStore, pair_rows, score_store
from smile_core.matching.settings import MatchSettings, Priority, QualityParityMode
from smile_core.matching.solver import explain, reasons
from smile_core.matching.solver.context import ModelContext
from smile_core.matching.solver.feasibility import lower_mean_group, satisfies_rules
from smile_core.matching.solver.flow import coverage_bonus, solve_flow
from smile_core.matching.solver.gap_climb import climb_within_gap
from smile_core.matching.solver.hint import feasible_hint, repair
from smile_core.matching.solver.leximin import (
    GapBound,
    Lift,
    best_lifted_plan,
    best_worst_off_lift,
    gap_reachable,
    gap_score_bound,
    gap_witness,
    group_labels,
    leximin_counts,
    lift_groups,
    lifted_plan,
    same_rate_lifts,
    worst_off_bound,
    worst_off_mean,
    worst_off_plan,
)
from smile_core.matching.solver.mix_flow import fewest_missing
from smile_core.matching.solver.notes import equality_notes
from smile_core.matching.solver.pool_pricing import MorePairs, PoolUnsuitable, require_listed_fits
from smile_core.matching.solver.problem import MatchProblem, build_problem, restrict
from smile_core.matching.solver.rules import quality_parity, spread_load, workplace_mix
from smile_core.matching.solver.rules.registry import RULES
from smile_core.matching.solver.score_lattice import find_lattice, least_coarse
from smile_core.matching.solver.strict_counts import count_vectors, strict_plan

ProgressCallback = Callable[[str, float], None]

#: The stage a result carries (last in ``MatchResult.stages``) when a cancel stopped or skipped
#: a CP-SAT search: its status is then what was proven before the stop, never more.
CANCELLED = "cancelled"

#: CP-SAT's work (deterministic seconds) for the short search with the Lagrangian bound.
_CUT_WORK = 2.0
#: Its work for the first, shorter such search, before the split on the scores' grid (0: none).
_QUICK_CUT_WORK = 0.5
#: CP-SAT's work for the score stage on the pairs reduced-cost fixing keeps.
_FIXED_WORK = 1.0
_FIXED_SECONDS = 3.0
#: The narrowed reduced-cost fixing starts this fraction (1 / it) of the bound below the bound.
_NARROW_SHARE = 1000
#: The largest share of the pairs reduced-cost fixing may keep for that search to be tried.
_FIXED_SHARE = 0.25
#: The same two for the score stage under the workplace mix target (:func:`_mix_fixed_search`).
_MIX_FIXED_WORK = 4.0
_MIX_FIXED_SHARE = 0.5
#: Its wall-time cap per search: twice what that work took here, so a busier machine still
#: reaches the same (deterministic) end.
_MIX_FIXED_SECONDS = 8.0
#: CP-SAT's work for each search of the split along the scores' grid (:func:`_lattice_search`).
#: Each seed gets all of it, not a third of 1.0: with the rest searches maximising the total
#: at the linearisation level 2, the binding sweep (40-300 adepts, both wishes, seeds 0-47,
#: 10 s) left 1 of 384 cohorts unproven with 3.0 and 3 with a third of 1.0, too little for
#: CP-SAT's presolve on 100-200 adepts: those searches stopped before they began.
_LATTICE_WORK = 3.0
#: The seeds each of those searches is tried with, in turn, until one proves it.
_LATTICE_SEEDS = 3
#: The share of the time left that a stage before the score may search (the full searches,
#: not those capped by a fixed amount of work), so that every later stage gets some of it. With
#: all of it, a stage that could not be proven left the later ones nothing: their plan was
#: whatever the early stage's search last held (100 binding adepts, strict 50 % mix: 73 matched
#: scoring 1,992 points in all; with half, the same 73 score 4,747). The price: an early stage
#: that needed more than half the time is cut sooner (200 binding adepts, the same rule: 150
#: matched within 34 % instead of 151 within 63 %).
_EARLY_SHARE = 0.5


def solve(
    programme: Programme,
    settings: MatchSettings | None = None,
    *,
    locks: Iterable[tuple[AdeptId, MentorId]] = (),
    forbids: Iterable[tuple[AdeptId, MentorId]] = (),
    must_match: Iterable[AdeptId] = (),
    previous: Plan | RolePlan | None = None,
    scores: pl.DataFrame | PairStore | PairPool | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    roles: RoleSetup | None = None,
) -> MatchResult:
    """The best plan for ``programme`` under ``settings`` and the coordinator's decisions.

    ``locks`` pairs are always in the plan, ``forbids`` never; ``must_match`` adepts must get a
    mentor; with a ``previous`` plan, keeping its pairs earns the settings' stability weight
    and the result reports the difference. ``scores`` may pass a precomputed
    :func:`~smile_core.matching.scoring.score_pairs` frame or
    :func:`~smile_core.matching.scoring.score_store` for the same settings, or its
    :func:`~smile_core.matching.pair_pool.score_pool` (without it the compact store is
    scored: memory in proportion to the allowed pairs; or, for a programme of over
    :data:`POOL_FROM_PAIRS` pairs under rules a pool can prove, the pool: 2 bytes a pair).
    ``progress`` is called with a stage name and the seconds elapsed. The same inputs and seed
    give the same plan when the search finishes within its limits. Raises
    :class:`~smile_core.matching.solver.problem.PlanInputError` for unknown ids, and
    :class:`~smile_core.matching.solver.pool_pricing.ScaleRefused` when a pooled programme's
    rules need every allowed pair listed and they would not fit in the machine's memory.

    ``cancel`` (set from any thread) stops the CP-SAT search running when it is set and skips
    the searches after it: the result then keeps the best plan CP-SAT has checked so far with
    its honest status and gap (FEASIBLE, or NO_SOLUTION_IN_TIME when there is none) and ends
    its ``stages`` with :data:`CANCELLED`. A cancel after the last search changes nothing.

    Roles (:mod:`smile_core.matching.roles`): with ``roles`` given, or when the files name roles (an
    adept's needs, a mentor's role list or per-role capacities), and the setup has placements
    or more than one role, placements and every role are chosen in one solve
    (:mod:`.roles_solve`); locks and forbids may then be ``(adept, mentor, role)``, the result
    carries ``roles`` and ``plan`` holds the main role's pairs; a ``must_match`` adept then gets
    every role they need, and ``previous`` (with its ``roles``) is kept where moving does not
    improve the plan. Otherwise nothing changes. Not on that path: ``scores``.
    """
    token = _CANCEL.set(_Cancel(cancel) if cancel is not None else None)
    try:
        setup = (
            roles
            if roles is not None
            else (infer_setup(programme) if uses_roles(programme) else None)
        )
        if setup is not None and setup.multi:
            from smile_core.matching.solver.roles_solve import solve_roles  # imports this module

            return solve_roles(
                programme,
                settings or MatchSettings(),
                setup,
                locks=locks,
                forbids=forbids,
                must_match=must_match,
                previous=previous,
                # The one-role engine within this cancel context, for independent roles.
                classic=lambda p, s, locks, forbids, must=(), previous=None: _solve(
                    p, s, locks, forbids, must, previous, None, None
                ),
                progress=progress,
            )
        if isinstance(previous, RolePlan):  # a plan with roles, now matched with one role
            previous = Plan(tuple(Pair(p.adept_id, p.mentor_id) for p in previous.pairs))
        return _solve(programme, settings, locks, forbids, must_match, previous, scores, progress)
    finally:
        _CANCEL.reset(token)


def _solve(
    programme: Programme,
    settings: MatchSettings | None,
    locks: Iterable[tuple[AdeptId, MentorId]],
    forbids: Iterable[tuple[AdeptId, MentorId]],
    must_match: Iterable[AdeptId],
    previous: Plan | None,
    scores: pl.DataFrame | PairStore | PairPool | None,
    progress: ProgressCallback | None,
) -> MatchResult:
    """:func:`solve` with its cancel request in place (same arguments, same contract)."""
    settings = settings or MatchSettings()
    started = time.perf_counter()
    report = progress or (lambda _stage, _t: None)
    if scores is None and len(programme.adepts) * len(programme.mentors) >= POOL_FROM_PAIRS:
        # Pooled, or — for rules a pool cannot prove — counted first, so that a listing that
        # would not fit is refused with its sizes rather than stopped by the kernel.
        scores = score_pool(programme, settings)
    if isinstance(scores, PairPool):
        try:
            return _solve_pooled(
                programme, settings, scores, locks, forbids, must_match, previous, report, started
            )
        except PoolUnsuitable:
            # A stage the pool cannot prove (see pool_pricing): every allowed pair instead,
            # when they fit; else a refusal with the sizes, not a kill by the kernel.
            require_listed_fits(scores)
            scores = None
    if scores is None:
        scores = score_store(programme, settings)
    problem = build_problem(
        programme,
        scores,
        settings,
        locks=locks,
        forbids=forbids,
        must_match=must_match,
        previous=previous,
    )
    if isinstance(scores, PairStore):
        scores = scores.blocks_only()  # the problem holds the pairs now
    report("scored", time.perf_counter() - started)
    outcome = _optimise(problem, started, report)
    cancel = _CANCEL.get()
    if cancel is not None and cancel.hit:
        outcome.stages = (*outcome.stages, CANCELLED)
    return _result(programme, problem, scores, outcome, previous, started)


#: From this many adept × mentor pairs, a solve whose every stage a pool can prove scores into
#: a :class:`~smile_core.matching.pair_pool.PairPool` (2 bytes a pair) and solves over
#: candidates priced from it, rather than listing every allowed pair (12 bytes each, and 27
#: once the problem indexes them). Below it the pair list is small and fast: 10,000 adepts
#: (70 million pairs) solve in 17 s and 2.1 GB that way.
POOL_FROM_PAIRS = 100_000_000

#: Each adept's best pairs the pooled solve starts from (its flows price the rest in).
POOL_START_PAIRS = 16


def poolable(programme: Programme, settings: MatchSettings) -> bool:
    """Whether :func:`solve` scores ``programme`` into a pair pool: large enough (see
    :data:`POOL_FROM_PAIRS`) and matched by rules whose every stage a flow proves — the
    default lifting match-rate rule or none (not the strict one), no load spreading, no
    MAXIMIN quality stage (their searches run on CP-SAT over the pairs it is given). A stage
    that still turns out to need CP-SAT falls back to the compact store
    (:class:`.pool_pricing.PoolUnsuitable`)."""
    size = len(programme.adepts) * len(programme.mentors)
    return size >= POOL_FROM_PAIRS and pool_rules(settings)


def pool_rules(settings: MatchSettings) -> bool:
    """Whether ``settings`` are rules a pooled solve can prove (see :func:`poolable`)."""
    quality = settings.equality.quality
    return (
        (lifting(settings) or not settings.equality.match_rate.enabled)
        and settings.spread_load_points == 0
        and not (quality.enabled and quality.mode is QualityParityMode.MAXIMIN)
    )


def _solve_pooled(
    programme: Programme,
    settings: MatchSettings,
    pool: PairPool,
    locks: Iterable[tuple[AdeptId, MentorId]],
    forbids: Iterable[tuple[AdeptId, MentorId]],
    must_match: Iterable[AdeptId],
    previous: Plan | None,
    report: ProgressCallback,
    started: float,
) -> MatchResult:
    """:func:`solve` over a pair pool: the candidates are each adept's best pairs and the
    previous plan's; every flow prices the pool before its optimum counts (a pair priced
    below zero joins the candidates and the stages run again), so the plan is optimal over
    every pair. The unmatched adepts' pairs their reasons look at then join the candidates
    (:func:`.reasons.pool_witnesses`), so the reasons are those of every pair. Raises
    :class:`.pool_pricing.PoolUnsuitable` when a stage needs a CP-SAT search."""
    if not pool_rules(settings):
        raise PoolUnsuitable("rules whose stages a flow does not prove")
    locks, forbids = list(locks), list(forbids)
    a_index = {a.id: i for i, a in enumerate(programme.adepts)}
    m_index = {m.id: i for i, m in enumerate(programme.mentors)}
    n_m = len(programme.mentors)

    def keys(pairs: Iterable[tuple[str, str]]) -> np.ndarray:
        return np.array(
            [a_index[a] * n_m + m_index[m] for a, m in pairs if a in a_index and m in m_index],
            dtype=np.int64,
        )

    pool = pool.with_forbids(keys(forbids))
    allowed = pool.scores.reshape(-1)  # a view: one cell per key
    kept = keys(previous.keys) if previous is not None else np.zeros(0, np.int64)
    kept = missing_keys(kept[allowed[kept] >= 0], pool.forbidden)
    candidates = merge_keys(pool.best_keys(POOL_START_PAIRS), kept)
    report("scored", time.perf_counter() - started)
    outcome: _Outcome | None = None
    chosen_keys = start_keys = np.zeros(0, np.int64)
    while True:
        problem = build_problem(
            programme,
            pool.store(candidates),
            settings,
            locks=locks,
            forbids=forbids,
            must_match=must_match,
            previous=previous,
            pool=pool,
        )
        try:
            if outcome is None:
                found = _optimise(problem, started, report)
                if found.status is not Status.OPTIMAL:
                    raise PoolUnsuitable("a plan the flows did not prove")
                chosen_keys = problem.pair_keys[found.chosen]
                if found.plain_start is not None:
                    start_keys = problem.pair_keys[found.plain_start]
                outcome = found
                more = missing_keys(reasons.pool_witnesses(problem, found.chosen), candidates)
                if len(more):
                    candidates = merge_keys(candidates, more)
                    continue
            else:
                outcome.chosen = np.searchsorted(problem.pair_keys, chosen_keys)
                if outcome.plain_start is not None:
                    outcome.plain_start = np.searchsorted(problem.pair_keys, start_keys)
            return _result(programme, problem, pool.blocks_only(), outcome, previous, started)
        except MorePairs as priced:
            candidates = merge_keys(candidates, priced.keys)


@dataclass
class _Outcome:
    status: Status
    chosen: np.ndarray  # pair indices into the full problem
    objective: int
    bound: int
    stages: tuple[str, ...]
    conflicts: tuple = ()
    #: The lifted flow's priced network (:attr:`~.leximin.Lift.network`): where the unmatched
    #: reasons' most-matched flow starts its pricing (None: from each adept's best pairs).
    plain_start: np.ndarray | None = None
    #: The relative gap of the first stage before the score that stopped unproven (its own
    #: objective: a rate, the count matched, the worse-off mean), or ``None`` when every
    #: earlier stage was proven. The score's gap alone would hide it: the score stage keeps
    #: what the earlier stage reached, so its bound says nothing about a better earlier stage
    #: (1,000 binding adepts under MAXIMIN: "feasible, within 0.00 %" while the worse-off
    #: mean's search had found nothing beyond the warm start).
    stage_gap: float | None = None


def _optimise(problem: MatchProblem, started: float, report: ProgressCallback) -> _Outcome:
    settings = problem.settings
    gain = problem.pair_value
    bonus = coverage_bonus(problem, gain) if settings.priority is Priority.COVERAGE else 0
    if lifting(settings):
        settled = _strict_mix_as_target(problem, gain, bonus, started, report)
        if settled is not None:
            return settled
        return _lift(problem, gain, bonus, started, report)
    strict = _strict_counts(problem, gain, bonus, started, report)
    earlier = None
    if isinstance(strict, _Outcome):
        if strict.status is not Status.FEASIBLE:
            return strict
        # The forced-counts route stopped unproven within its share of the time: the search
        # from the coverage stage gets the rest, and the better of the two plans is kept.
        earlier, strict = strict, strict.chosen
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
        if strict is not None and (
            hint is None
            or (len(strict), int(gain[strict].sum())) > (len(hint), int(gain[hint].sum()))
        ):
            hint = strict  # the most matched under the strict rule: a better warm start
        # A quality stage (the worst-off mean, or the gap target) comes before the score and
        # may need a plan of lower score than the warm start; the flow's reduced costs say
        # nothing about it. So no pruning and no flow-proven shortcut there — unless the
        # warm start meets the gap target: then the final plan is at least as good as it in
        # (coverage, score), which is all the pruning needs.
        if hint is not None and _prunable(problem, hint):
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
    if problem.pool is not None:
        # A CP-SAT search over the candidates proves nothing about the pool's other pairs.
        raise PoolUnsuitable("the plan needs a CP-SAT search")
    report("warm start", time.perf_counter() - started)
    sub = restrict(problem, keep)
    sub_hint = np.searchsorted(keep, hint) if hint is not None else None
    outcome = _cp_sat(sub, sub_hint, bounds, started)
    report("cp-sat", time.perf_counter() - started)
    if outcome.status is Status.INFEASIBLE:
        if earlier is not None:
            return earlier  # cannot happen (a checked plan exists); kept for safety
        # The pruning only ever removes pairs when a feasible plan is known, so infeasibility
        # is the full problem's; explain it on the full candidate set.
        outcome.conflicts = explain.conflicts(problem, settings.seed)
        return outcome
    outcome.chosen = keep[outcome.chosen]
    if (
        earlier is not None
        and outcome.status is not Status.OPTIMAL
        and _stage_key(problem, earlier.chosen) > _stage_key(problem, outcome.chosen)
    ):
        return earlier
    return outcome


def _stage_key(problem: MatchProblem, plan: np.ndarray) -> tuple[int, int, int, int]:
    """A plan's place in the strict path's stages: matched, the gap target kept, the women
    missing from the workplace mix (fewer is better), the score."""
    kept = int(
        not _has_quality_stage(problem) or lower_mean_group(problem, plan, target=True) is None
    )
    score = _score_of(problem, plan)
    return len(plan), kept, -workplace_mix.missing_women(problem, plan), score


def _strict_counts(
    problem: MatchProblem, gain: np.ndarray, bonus: int, started: float, report: ProgressCallback
) -> _Outcome | np.ndarray | None:
    """The strict match-rate option under the coverage priority by flows
    (:mod:`.strict_counts`): the outcome when its plan keeps every rule and settles the later
    stages (no quality stage, or the plan keeps the gap target; no load spreading), checked by
    CP-SAT; else the plan as a warm start when it keeps every rule; else ``None``."""
    settings = problem.settings
    rule = settings.equality.match_rate
    if not (rule.enabled and rule.strict) or settings.priority is not Priority.COVERAGE:
        return None
    plan = strict_plan(problem, gain, bonus)
    report("strict counts flow", time.perf_counter() - started)
    if plan is None or not satisfies_rules(problem, plan):
        return None
    quality = settings.equality.quality
    settled = not _has_quality_stage(problem) or (
        quality.mode is QualityParityMode.MAX_GAP
        and lower_mean_group(problem, plan, target=True) is None
    )
    settled = settled and workplace_mix.missing_women(problem, plan) == 0
    if settled and settings.spread_load_points == 0:
        outcome = _cp_sat_check(problem, plan, ("strict counts flow", "cp-sat check"))
        report("cp-sat check", time.perf_counter() - started)
        if outcome is not None:
            return outcome
    vectors = count_vectors(problem, plan)
    if vectors is not None:
        outcome = _each_count_vector(problem, vectors, gain, bonus, started, report)
        if outcome is not None:
            return outcome
    return plan


def _each_count_vector(
    problem: MatchProblem,
    vectors: list[dict[str, int]],
    gain: np.ndarray,
    bonus: int,
    started: float,
    report: ProgressCallback,
) -> _Outcome | None:
    """The strict rule's later stages over its few count vectors at the most matched
    (:func:`~.strict_counts.count_vectors`): at each, the lifting path's stages at known
    counts (witness, Lagrangian bound, reduced-cost fixing, the grid split), not a CP-SAT
    search from the coverage stage on; the best plan by the stages (:func:`_stage_key`).

    Every plan with the most matched that keeps the rule has one of these vectors, so the
    best is proven when each vector's is, or when a vector cannot beat the best in hand (the
    plan in hand keeps the gap target, misses nobody from the workplace mix, and scores at
    least the vector's bound: :func:`_beats_by_bound` before its search, the search's own
    bound after it). Measured on 40 binding adepts, hard wish, gap target: the strict 5-point
    rule leaves 14/15 and 15/14 women/men; the first is proven and the second's Lagrangian
    bound is below it, so the plan is proven in 0.5 s, where the search from the coverage
    stage stopped at 5 s, 1 centipoint short of its bound. The price-of-equality curve on
    that cohort (10 s a point): 4 of its 6 strict points proven (none before), 33 s, not 70 s.

    Half the time goes to this route, shared among the vectors not yet looked at; when a
    vector stops unproven the best plan found is returned as ``FEASIBLE`` (the search from
    the coverage stage, which proves some cohorts this route does not, gets the rest of the
    time and keeps the better plan). ``None`` when a vector's flow plan breaks a rule the flow
    does not carry (then nothing is proven about that vector)."""
    settings = problem.settings
    if (
        len(vectors) > 1
        and settings.equality.quality.mode is QualityParityMode.MAXIMIN
        and _has_quality_stage(problem)
    ):
        # The worse-off mean is a stage of its own, which :func:`_stage_key` does not
        # compare across vectors: the search from the coverage stage decides.
        return None
    groups = lift_groups(problem)
    labels = group_labels(problem)
    applicants = {g: labels.count(g) for g in groups}
    elapsed = time.perf_counter() - started
    deadline = elapsed + (settings.time_limit_seconds - elapsed) / 2
    lifts = []
    for counts in vectors:
        lift = lifted_plan(problem, Lift(groups, applicants, counts, dict(counts)), gain, bonus)
        if _known_counts(problem, groups, lift.chosen) != {**counts, "": sum(counts.values())}:
            return None  # the flow did not reach the vector: nothing is known about it
        if not satisfies_rules(problem, lift.chosen):
            return None
        lifts.append(lift)
    # The most promising first (the most score at the counts): the later ones may then be
    # settled by the bound alone.
    order = sorted(range(len(lifts)), key=lambda i: (i != 0, -int(gain[lifts[i].chosen].sum())))
    best: _Outcome | None = None
    searched: list[_Outcome] = []
    for rank, i in enumerate(order):
        lift = lifts[i]
        if best is not None and _beats_by_bound(problem, best.chosen, lift, gain):
            continue  # (the best plan only improves, so this stays true)
        now = time.perf_counter() - started
        share = now + (deadline - now) / (len(order) - rank)
        budget = dataclasses.replace(
            problem, settings=dataclasses.replace(settings, time_limit_seconds=share)
        )
        outcome = _at_counts(
            budget, lift, gain, bonus, groups, None, started, report, "strict counts flow"
        )
        if outcome.status not in (Status.OPTIMAL, Status.FEASIBLE):
            return None
        searched.append(outcome)
        if best is None or _stage_key(problem, outcome.chosen) > _stage_key(problem, best.chosen):
            best = outcome
    assert best is not None
    if len(vectors) == 1:
        return best
    open_ = [o for o in searched if not _settled_by(problem, o, best)]
    if not open_:
        return best
    # Unproven: measured against the bounds of the vectors still open (the stages before
    # the score as well), so the gap reported is never smaller than the truth.
    gaps = [o.stage_gap for o in open_ if o.stage_gap is not None]
    return dataclasses.replace(
        best,
        status=Status.FEASIBLE,
        bound=max([best.objective, *(o.bound for o in open_)]),
        stage_gap=max(gaps) if gaps else None,
    )


def _settled_by(problem: MatchProblem, outcome: _Outcome, best: _Outcome) -> bool:
    """Whether ``outcome`` (a count vector's search) leaves no plan at its counts that comes
    before ``best`` in the stages: it is proven, or its stages before the score are proven
    (its plan is at the vector's best there) and ``best`` is ahead there, or level with it and
    scoring at least the vector's bound."""
    if outcome.status is Status.OPTIMAL:
        return True
    if outcome.stage_gap is not None:
        return False
    ahead, level = _stage_key(problem, best.chosen)[:3], _stage_key(problem, outcome.chosen)[:3]
    return ahead > level or (ahead == level and outcome.bound <= _score_of(problem, best.chosen))


def _beats_by_bound(problem: MatchProblem, plan: np.ndarray, lift: Lift, gain: np.ndarray) -> bool:
    """True when no plan at ``lift``'s counts can come before ``plan`` in the stages: ``plan``
    keeps the gap target (or there is no quality stage) and misses nobody from the workplace
    mix, and no plan at those counts that keeps the gap scores more. The most any plan there
    scores is the flow's plan's, and, when a gap (target or strict) is set, the Lagrangian
    bound for plans keeping it (:func:`~.leximin.gap_score_bound`); a plan missing the target
    comes after ``plan`` whatever it scores."""
    quality = problem.settings.equality.quality
    kept = not _has_quality_stage(problem) or lower_mean_group(problem, plan, target=True) is None
    if not (
        kept
        and workplace_mix.missing_women(problem, plan) == 0
        and problem.settings.spread_load_points == 0
    ):
        return False
    ceiling = int(gain[lift.chosen].sum())
    gap_band = quality.enabled and quality.mode is QualityParityMode.MAX_GAP
    if gap_band and (_has_quality_stage(problem) or _strict_gap(problem)):
        band = gap_score_bound(problem, lift, gain, round(100 * quality.max_gap_points))
        if band is None:
            return True  # no plan at these counts keeps the gap
        ceiling = min(ceiling, band.bound)
    return _score_of(problem, plan) >= ceiling


def lifting(settings: MatchSettings) -> bool:
    """True when the match-rate rule lifts (leximin, the default) rather than levels."""
    return settings.equality.match_rate.lifts


def _prunable(problem: MatchProblem, hint: np.ndarray) -> bool:
    """Whether the final plan is sure to be at least as good as ``hint`` in (coverage, score):
    no stage between them, or ``hint`` already best on those stages (keeps the gap target,
    misses no woman from the workplace mix)."""
    if workplace_mix.missing_women(problem, hint) > 0:
        return False
    if not _has_quality_stage(problem):
        return True
    quality = problem.settings.equality.quality
    return (
        quality.mode is QualityParityMode.MAX_GAP
        and lower_mean_group(problem, hint, target=True) is None
    )


def _known_counts(
    problem: MatchProblem, groups: tuple[str, ...], plan: np.ndarray
) -> dict[str, int]:
    """Each lifting group's count in ``plan``, and its total under the key ``""``."""
    labels = np.array(group_labels(problem))[problem.pair_adept[plan]]
    counts = {g: int((labels == g).sum()) for g in groups}
    counts[""] = len(plan)
    return counts


def _has_quality_stage(problem: MatchProblem) -> bool:
    rule = problem.settings.equality.quality
    groups = problem.constrained_groups()
    return (
        rule.enabled
        and not (rule.mode is QualityParityMode.MAX_GAP and rule.strict)
        and "woman" in groups
        and "man" in groups
    )


def _lift(
    problem: MatchProblem, gain: np.ndarray, bonus: int, started: float, report: ProgressCallback
) -> _Outcome:
    """Lift, never level down: leximin counts by max-flow, the best plan for them by min-cost
    flow; when that plan keeps every rule (CP-SAT checks it) it is optimal, since the flow is a
    relaxation of the full model. Otherwise CP-SAT runs the same lexicographic stages on every
    pair, warm-started from the flow plan (repaired) and bounded by its lowest rate."""
    groups = lift_groups(problem)
    lift = leximin_counts(problem, groups)
    lowest = None
    counts_proven = True
    if lift is not None:
        lift = best_lifted_plan(problem, lift, gain, bonus)
        quality = problem.settings.equality.quality
        if quality.mode is QualityParityMode.MAXIMIN and _has_quality_stage(problem):
            lift, counts_proven = best_worst_off_lift(problem, lift, gain, bonus)
        lowest = lift.rates()[0] if groups else None
        report("leximin flow", time.perf_counter() - started)
    if counts_proven:
        outcome = _at_counts(problem, lift, gain, bonus, groups, lowest, started, report)
    else:
        outcome = _best_of_swaps(problem, lift, gain, bonus, groups, lowest, started, report)
    if lift is not None:
        outcome.plain_start = lift.network
    return outcome


def _best_of_swaps(
    problem: MatchProblem,
    lift: Lift,
    gain: np.ndarray,
    bonus: int,
    groups: tuple[str, ...],
    lowest: Fraction | None,
    started: float,
    report: ProgressCallback,
) -> _Outcome:
    """MAXIMIN when equal groups can swap counts at the same leximin rates and the flows did
    not settle which swap is better (:func:`best_worst_off_lift`): the later stages at each
    swap's counts, the best by the worse-off mean, then the score. Optimal only when every
    swap's stages are proven; otherwise the best one found, "feasible". (CP-SAT's own lift
    stages fix which group takes which count, so they cannot decide this: found by review
    on generated binding cohorts of 36 adepts, where the other swap's worse-off mean was
    higher.)"""
    outcomes = [
        _at_counts(problem, candidate, gain, bonus, groups, lowest, started, report)
        for candidate in same_rate_lifts(problem, lift, gain, bonus)
    ]
    usable = [o for o in outcomes if o.status in (Status.OPTIMAL, Status.FEASIBLE)]
    if not usable:
        return outcomes[0]
    best = max(usable, key=lambda o: (worst_off_mean(problem, o.chosen), o.objective))
    open_gaps = [_own_gap(o) for o in outcomes if o.status is not Status.OPTIMAL]
    if open_gaps:
        # An unproven swap's worse-off mean is at most its own bound, and the plan kept is at
        # least as good as that swap's plan: its gap bounds how far the kept plan can be.
        best = dataclasses.replace(
            best,
            status=Status.FEASIBLE,
            bound=max(best.bound, best.objective),
            stage_gap=max(open_gaps),
        )
    best.stages = (*best.stages, "best of swapped counts")
    return best


def _own_gap(outcome: _Outcome) -> float:
    """An outcome's relative gap: its score's, or an earlier stage's when that is larger."""
    score = (outcome.bound - outcome.objective) / outcome.bound if outcome.bound > 0 else 0.0
    return max(score, outcome.stage_gap or 0.0, 0.0)


def _at_counts(
    problem: MatchProblem,
    lift: Lift | None,
    gain: np.ndarray,
    bonus: int,
    groups: tuple[str, ...],
    lowest: Fraction | None,
    started: float,
    report: ProgressCallback,
    first: str = "leximin flow",
) -> _Outcome:
    """The stages after the group counts: ``lift`` holds counts proven best by flows (the
    leximin ones, or the strict rule's forced ones) and the best plan at them
    (``lift.chosen``), or is ``None`` (CP-SAT then runs every stage). ``first`` names the
    flow stage that found the counts in the result's stages."""
    hint = None
    local = None  # a checked plan of local moves under the gap target (:func:`_gap_score`)
    known = None
    score_bound = None
    quality_bound = None
    target_kept = False
    lagrange = None
    mix_bound = None
    if lift is not None:
        problem = _lifting_short_of_target(problem, lift, gain) or problem
        start = lift.chosen
        if not satisfies_rules(problem, start):
            start = _strict_mix_start(problem, lift, gain, bonus, start)
        if not satisfies_rules(problem, start):
            start = _strict_gap_start(problem, lift, gain, bonus, start)
        if satisfies_rules(problem, start):
            hint = start
            # The plan keeps every rule at the flow's counts, so those counts are proven (the
            # flow is a relaxation): CP-SAT needs only the quality stage and the score at them.
            known = _known_counts(problem, groups, hint)
            quality = problem.settings.equality.quality
            gap_target = quality.mode is QualityParityMode.MAX_GAP and _has_quality_stage(problem)
            # The strict gap kept at these counts (the plan in hand keeps every rule) leaves
            # the same score stage as a kept gap target: the most score with the gap held. So
            # the same bounds, local moves and searches serve it (below); CP-SAT alone
            # stopped unproven at 5 s on 40 binding adepts, hard wish, a 10-point gap.
            gap_band = gap_target or _strict_gap(problem)
            # The gap target settles at once when the flow plan keeps it, or when no plan at
            # these counts can (two flows prove it): the quality stage is then the same for
            # every plan, and the flow plan has the best score.
            settled = not _has_quality_stage(problem) or (
                gap_target
                and (
                    lower_mean_group(problem, hint, target=True) is None
                    or not gap_reachable(problem, lift, round(100 * quality.max_gap_points))
                )
            )
            # A plan for the strict workplace mix instead of the flow's is not the best score.
            settled = settled and hint is lift.chosen
            if hint is not lift.chosen:
                # When it keeps the gap target (CP-SAT checks it), the quality stage is settled.
                target_kept = (
                    gap_target
                    and lower_mean_group(problem, hint, target=True) is None
                    and _cp_sat_check(problem, hint) is not None
                )
            # No plan at these counts scores more than the flow's: a valid bound.
            ceiling = lift.chosen
            if not settled and quality.mode is QualityParityMode.MAXIMIN:
                # The worse-off mean, then the score, at these counts: one lexicographic
                # flow settles it unless the two means cross (then CP-SAT decides). Measured
                # on the crossing cases (binding 200/300/1,000, hard wish): the exact stage
                # (resolution 1 / (M_w * M_m) centipoint) keeps an integrality gap no
                # method here closed — a Lagrangian bound by flows (41,104,424 against the
                # best plan's 41,049,500 at 200 adepts) with reduced-cost fixing to a third
                # of the pairs, then CP-SAT (20 s) or HiGHS (60 s), proved nothing (nor
                # CP-SAT on the 720 pairs of the Lagrangian optimum's face alone, 20 s); the
                # result stays "feasible" there, measured against that bound (below).
                best = worst_off_plan(problem, lift, gain)
                report("worst-off flow", time.perf_counter() - started)
                if best is not None and satisfies_rules(problem, best):
                    hint, settled, ceiling = best, True, best
            # The workplace mix target is a stage after the quality stage: settled when the
            # plan in hand misses no woman from the share. Otherwise CP-SAT decides it at
            # these counts, and the quality stage's flow proofs below (their score stage
            # comes straight after the quality stage) do not apply.
            mix_open = workplace_mix.missing_women(problem, hint) > 0
            # No plan at these counts scores more than the flow's (the worst-off flow's, in
            # MAXIMIN): a valid bound, whatever plan is in hand.
            score_bound = int(gain[ceiling].sum())
            settled = settled and not mix_open
            if mix_open and problem.pool is None:
                # The fewest women missing at these counts, proven on the class graph, and a
                # plan that reaches it by flows (see .mix_flow): CP-SAT's own mix stage on the
                # pairs rarely finds either. (Not pooled: the pool's classes would be the
                # candidates' only; a pooled solve falls back to every pair below.)
                optimum = fewest_missing(problem, lift, gain, bonus)
                report("workplace mix flow", time.perf_counter() - started)
                if optimum is not None:
                    mix_bound = optimum.fewest
                    placed = optimum.plan
                    if (
                        placed is not None
                        and workplace_mix.missing_women(problem, placed) == optimum.fewest
                        and satisfies_rules(problem, placed)
                        and (
                            not gap_target
                            or lower_mean_group(problem, hint, target=True) is not None
                            or lower_mean_group(problem, placed, target=True) is None
                        )
                    ):
                        # (Not when it would give up the gap target the plan in hand keeps:
                        # the quality stage comes first.)
                        hint = placed
                        # A plan CP-SAT has checked that keeps the gap target settles the
                        # quality stage too, and its score is a floor for the score stage.
                        target_kept = (
                            gap_target
                            and lower_mean_group(problem, hint, target=True) is None
                            and _cp_sat_check(problem, hint) is not None
                        )
                    if workplace_mix.missing_women(problem, hint) == optimum.fewest and (
                        not _has_quality_stage(problem) or target_kept
                    ):
                        # The stages before the score are proven at the plan in hand:
                        # reduced-cost fixing on the lifted flow settles the score.
                        fixed = _mix_fixed_search(
                            problem,
                            lift,
                            gain,
                            hint,
                            groups,
                            known,
                            optimum.fewest,
                            target_kept,
                            started,
                            report,
                        )
                        if fixed is not None and fixed.status is Status.OPTIMAL:
                            return fixed
                        if fixed is not None:
                            hint = fixed.chosen  # a better plan at every earlier stage
            # Spreading the load is a cost the flow does not see: its plan is then the best
            # for the counts but not proven best for score less spread, so CP-SAT finishes.
            if settled and problem.settings.spread_load_points == 0:
                checked = (first, "cp-sat check")
                if quality.mode is QualityParityMode.MAXIMIN and _has_quality_stage(problem):
                    checked = (first, "worst-off flow", "cp-sat check")
                outcome = _cp_sat_check(problem, hint, checked)
                report("cp-sat check", time.perf_counter() - started)
                if outcome is not None:
                    return outcome
            if (
                not settled
                and quality.mode is QualityParityMode.MAXIMIN
                and _has_quality_stage(problem)
            ):
                # The means cross: a Lagrangian bound on the worse-off mean (what CP-SAT's
                # search is measured against, and a proof when it is reached) and the best
                # flow plan met on the way as the warm start, when it keeps every rule and
                # the number matched.
                maximin = worst_off_bound(problem, lift, gain)
                report("worst-off bound", time.perf_counter() - started)
                if maximin is not None:
                    quality_bound = maximin.bound
                    start = maximin.plan
                    if (
                        len(start) == len(hint)
                        and worst_off_mean(problem, start) > worst_off_mean(problem, hint)
                        and satisfies_rules(problem, start)
                    ):
                        hint = start
            if gap_band and not mix_open:
                witness = gap_witness(
                    problem, lift, gain, bonus, round(100 * quality.max_gap_points)
                )
                report("gap witness", time.perf_counter() - started)
                if (
                    witness is not None
                    and satisfies_rules(problem, witness)
                    and _cp_sat_check(problem, witness) is not None
                ):
                    hint, target_kept = witness, True
                    scored = _gap_score(problem, lift, gain, witness, started, report, first)
                    if isinstance(scored, _Outcome):
                        return scored
                    if scored is not None:
                        proof, local = scored
                        lagrange = proof.bound
                        if proof.plan is not None:
                            hint = witness = proof.plan
                        fixed = _fixed_pairs_search(
                            problem, proof, witness, groups, known, started, report
                        )
                        if fixed is not None and fixed.status is Status.OPTIMAL:
                            return fixed
                        if fixed is not None:
                            hint = witness = fixed.chosen  # a better plan keeping the target
                        # A short search with the Lagrangian bound as a cut beside the split
                        # along the scores' grid (two cores). The split's proof is taken
                        # whenever it has one, so the result does not depend on which finishes
                        # first, and the cut is stopped as soon as the split proves: on the
                        # binding sweep (40-300 adepts, seeds 0-47) the split proved every
                        # cohort the cut did, as fast or sooner, while the result waited for
                        # the cut (40 adepts, hard wish, seed 37: proven at 0.35 s, returned
                        # at 1.0 s when the cut stopped unproven). The cut settles what the
                        # split cannot: scores with no grid (other weights).
                        quick_beside = None
                        if _QUICK_CUT_WORK and score_bound is not None and lagrange < score_bound:
                            kept = _score_floor(problem, witness)
                            quick_beside = _Beside(
                                lambda witness=witness, kept=kept: _cut_search(
                                    problem,
                                    witness,
                                    groups,
                                    known,
                                    lagrange,
                                    kept,
                                    started,
                                    work=_QUICK_CUT_WORK,
                                )
                            )
                        try:
                            split = _lattice_search(
                                problem, lift, proof, witness, groups, known, started, report
                            )
                            if split is not None and split.status is Status.OPTIMAL:
                                return split
                            quick = None if quick_beside is None else quick_beside.result()
                        finally:
                            if quick_beside is not None:
                                quick_beside.stop()  # at once when it has finished
                        if quick is not None:
                            report("cp-sat with the bound", time.perf_counter() - started)
                            if quick.status is Status.OPTIMAL:
                                return quick
                        for found in (quick, split):
                            # A search stopped unproven with a better plan (checked, every
                            # stage before the score kept): the plan the searches below start
                            # from and must beat.
                            if (
                                found is not None
                                and found.status is Status.FEASIBLE
                                and _score_of(problem, found.chosen) > _score_of(problem, witness)
                            ):
                                hint = witness = found.chosen
        else:
            hint = repair(problem, start)
    if problem.pool is not None:
        # Past this point CP-SAT searches the candidate pairs alone, which proves nothing
        # about the pool's other pairs: the solve falls back to the compact store.
        raise PoolUnsuitable("the plan needs a CP-SAT search")
    floor = _score_floor(problem, hint) if target_kept else None
    if lagrange is not None and score_bound is not None and lagrange < score_bound:
        # A short search (a fixed amount of work: deterministic) with the Lagrangian bound as
        # a constraint first. Measured on the binding cohorts, the cut settles some proofs
        # at once (40 adepts, hard wish: 0.6 s instead of over 60 s) and slows others (200,
        # soft: over 60 s instead of 25 s), so the full search below runs without it.
        first = _cut_search(problem, hint, groups, known, lagrange, floor, started, work=_CUT_WORK)
        report("cp-sat with the bound", time.perf_counter() - started)
        if first.status is Status.OPTIMAL:
            return first
        if first.status is Status.FEASIBLE:
            hint, floor = first.chosen, max(floor or 0, first.objective)
    outcome = _cp_sat(
        problem,
        hint,
        None,
        started,
        lift=groups,
        lowest=lowest,
        known=known,
        score_bound=score_bound,
        target_kept=target_kept,
        score_floor=floor,
        reported_bound=lagrange,
        quality_bound=quality_bound,
        mix_bound=mix_bound,
    )
    report("cp-sat", time.perf_counter() - started)
    if outcome.status is Status.INFEASIBLE:
        outcome.conflicts = explain.conflicts(problem, problem.settings.seed)
    if local is not None and outcome.status is Status.FEASIBLE and outcome.stages[-1] == "score":
        value = _score_of(problem, local)
        if value > outcome.objective:
            # The search stopped below the local moves' plan, which keeps every stage before
            # the score: the better plan is the result, against the same bound.
            outcome = dataclasses.replace(
                outcome, chosen=local, objective=value, stages=(*outcome.stages, "local moves")
            )
    return outcome


def _lifting_short_of_target(
    problem: MatchProblem, lift: Lift, gain: np.ndarray
) -> MatchProblem | None:
    """The problem without its quality stage, when the Y-point gap target (not strict) cannot
    be reached at ``lift``'s counts without lowering the better-off group; ``None`` otherwise.

    The gap target is reached by lifting the worse-off group, never by giving the other less
    suitable mentors. The lifting plan ``L`` (:func:`worst_off_plan`: the worse-off group's
    mean as high as these counts allow, then the best ``gain``; two exact flows) has the
    narrowest gap of every plan that lowers nobody for it: when ``L`` still misses the target,
    every plan keeping it has the worse-off mean at most ``L``'s and the other mean below
    ``L``'s — the gap narrowed only by lowering the better-off group. Measured on the binding
    sweep (40-300 adepts, 16 seeds, both wishes): 18 of 128 default plans did exactly that
    (40 adepts, hard wish, seed 1: women 50.7 either way, men 60.6 where they could have
    74.8), and they were 8 of the 9 cohorts whose score stage stayed unproven at 10 s — the
    search was for the best way to lower the men's mean to the women's plus Y. The target is
    then missed, as when no plan at all can keep it: the quality stage is the same for every
    plan, the best-score plan at these counts is the plan (the settings' "else the best-score
    plan"), and the result names the means lifting would reach. Not when ``L`` breaks a rule
    the flows do not carry or matches fewer (the stage then stays, as before), nor when the
    flow's own plan keeps the target.

    Scope: the lifting match-rate rule (its counts are the same for every plan the quality
    stage compares, so "at these counts" means the plan's own), and no rule the flows do not
    carry (must-match, group minimums, the strict workplace mix): where CP-SAT chooses the
    counts itself (the strict options) the stage is as before, and the result's note says
    when a plan keeps the target by lowering a group (:mod:`.notes`)."""
    settings = problem.settings
    quality = settings.equality.quality
    mix = settings.equality.workplace_mix
    if not (
        lifting(settings)
        and quality.enabled
        and quality.mode is QualityParityMode.MAX_GAP
        and not quality.strict
        and _has_quality_stage(problem)
        and not problem.must_match
        and not (problem.mentor_min_group >= 2).any()
        and not (mix.enabled and mix.strict)
        # A pooled solve's flows see the candidate pairs only when weighted as here: it falls
        # back to the compact store once the target binds (the gap stages need CP-SAT), and
        # the rule is judged there, on every pair.
        and problem.pool is None
    ):
        return None
    if lower_mean_group(problem, lift.chosen, target=True) is None:
        return None  # the best-score plan keeps the target: nobody is lowered for it
    lifted = worst_off_plan(problem, lift, gain)
    if (
        lifted is None
        or len(lifted) < len(lift.chosen)
        or lower_mean_group(problem, lifted, target=True) is None
        or not satisfies_rules(problem, lifted)
    ):
        return None
    equality = dataclasses.replace(
        problem.settings.equality, quality=dataclasses.replace(quality, enabled=False)
    )
    return dataclasses.replace(
        problem, settings=dataclasses.replace(problem.settings, equality=equality)
    )


def _score_floor(problem: MatchProblem, plan: np.ndarray) -> int | None:
    """The plan's score as a floor for the score stage (:func:`_cp_sat`'s ``score_floor``); the
    plan keeps the stages before it, except maybe the workplace mix target's: ``None`` when it
    misses women from that, since a plan missing women may outscore every plan that keeps it
    (then the floor made the search "infeasible"; Hypothesis, 21 adepts, 40 %)."""
    if workplace_mix.missing_women(problem, plan) > 0:
        return None
    return _score_of(problem, plan)


def _score_of(problem: MatchProblem, plan: np.ndarray) -> int:
    """The score stage's value of a plan (pair indices): its pairs' values less the cost of
    spreading the load."""
    return int(problem.pair_value[plan].sum()) - spread_load.cost_of(problem, plan)


def _cut_search(
    problem: MatchProblem,
    plan: np.ndarray,
    groups: tuple[str, ...],
    known: dict[str, int] | None,
    lagrange: int,
    floor: int | None,
    started: float,
    *,
    work: float,
) -> _Outcome:
    """The score stage on CP-SAT at the ``known`` counts, the gap target kept (``plan``, a
    checked plan that keeps it, is the hint and ``floor`` its score), with the Lagrangian bound
    ``lagrange`` as a constraint, for ``work`` deterministic seconds: the same stop on every
    machine."""
    return _cp_sat(
        problem,
        plan,
        None,
        started,
        lift=groups,
        known=known,
        score_bound=lagrange,
        target_kept=True,
        score_floor=floor,
        work=work,
    )


def _mix_as_target(problem: MatchProblem) -> MatchProblem | None:
    """The problem with its strict workplace mix as the target instead; ``None`` when the mix
    is not strict, or the problem is pooled (its classes would be the candidates' only)."""
    rule = problem.settings.equality.workplace_mix
    if not (rule.enabled and rule.strict) or problem.pool is not None:
        return None
    equality = dataclasses.replace(
        problem.settings.equality, workplace_mix=dataclasses.replace(rule, strict=False)
    )
    return dataclasses.replace(
        problem, settings=dataclasses.replace(problem.settings, equality=equality)
    )


def _strict_mix_as_target(
    problem: MatchProblem, gain: np.ndarray, bonus: int, started: float, report: ProgressCallback
) -> _Outcome | None:
    """Lifting with the strict workplace mix, solved as the target when the target's plan
    misses no woman: its lifted counts are then the strict rule's too, and its later stages
    (quality, the mix at 0, the score) run over the very plans that keep the strict rule, so
    its plan and its status are the strict problem's. CP-SAT checks the plan against the
    strict model. ``None`` (solve as usual) otherwise. Measured on 200 binding adepts, soft
    wish, 25 %: the target proved its plan in 1.4 s; the strict model's search stopped at
    20 s within 1.19 % of the same plan."""
    target = _mix_as_target(problem)
    if target is None:
        return None
    # First by flows alone (milliseconds): whether the target misses none at the lifted counts.
    lift = leximin_counts(target, lift_groups(target))
    if lift is None:
        return None
    lift = best_lifted_plan(target, lift, gain, bonus)
    if workplace_mix.missing_women(target, lift.chosen) > 0:
        optimum = fewest_missing(target, lift, gain, bonus)
        if optimum is None or optimum.fewest > 0:
            return None
    outcome = _lift(target, gain, bonus, started, report)
    if outcome.status not in (Status.OPTIMAL, Status.FEASIBLE):
        return None
    if workplace_mix.missing_women(target, outcome.chosen) > 0 or outcome.stage_gap:
        return None  # the mix stage was not settled at 0: the strict counts may be lower
    if _cp_sat_check(problem, outcome.chosen) is None:
        return None
    outcome.stages = (*outcome.stages, "strict mix kept")
    return outcome


def _strict_mix_start(
    problem: MatchProblem, lift: Lift, gain: np.ndarray, bonus: int, plan: np.ndarray
) -> np.ndarray:
    """Under the strict workplace mix: the target's class-optimum plan at the flow's counts,
    else ``plan``. Missing no woman, it keeps the strict rule with the most the flows allow,
    so those counts are proven for it too; missing some, it is where the repair starts
    dropping men (fewer to drop than from the flow's plan). Measured on 200
    binding adepts with the hard wish (25 %): CP-SAT's lift stages from the repaired flow
    plan held 2 matched after 3 s ("within 98.45 %"); this plan has the lifted 154."""
    target = _mix_as_target(problem)
    if target is None:
        return plan
    optimum = fewest_missing(target, lift, gain, bonus)
    if optimum is None or optimum.plan is None:
        return plan
    # Missing none, it keeps the rule; else it is the start the repair drops men from.
    return optimum.plan


def _strict_gap(problem: MatchProblem) -> bool:
    """Whether the strict gap rule is on between women and men."""
    quality = problem.settings.equality.quality
    groups = problem.constrained_groups()
    return (
        quality.enabled
        and quality.strict
        and quality.mode is QualityParityMode.MAX_GAP
        and "woman" in groups
        and "man" in groups
    )


def _strict_gap_start(
    problem: MatchProblem, lift: Lift, gain: np.ndarray, bonus: int, plan: np.ndarray
) -> np.ndarray:
    """Under the strict gap rule: a plan at the lifted counts that keeps it (the gap target's
    witness, :func:`~.leximin.gap_witness`), else ``plan``. With it the lifted counts are
    proven (the flow is a relaxation) and only the score is left to search. Without it the
    repair drops people until the rule holds, and CP-SAT searches the counts from there: 100
    binding adepts, a strict 5-point gap, 50 matched (15 of 50 women) at 20 s, where the
    default plan (35 and 35, gap 4.98) keeps the rule."""
    if not _strict_gap(problem):
        return plan
    gap = round(100 * problem.settings.equality.quality.max_gap_points)
    witness = gap_witness(problem, lift, gain, bonus, gap)
    return plan if witness is None else witness


def _gap_score(
    problem: MatchProblem,
    lift: Lift,
    gain: np.ndarray,
    witness: np.ndarray,
    started: float,
    report: ProgressCallback,
    first: str = "leximin flow",
) -> _Outcome | tuple[GapBound, np.ndarray | None] | None:
    """The score stage under the gap target, at the lifted counts, from a checked ``witness``
    that keeps the target: a Lagrangian bound on the flow (:func:`gap_score_bound`) either
    proves the witness, or the plan local moves reach from it, optimal at once (the outcome;
    CP-SAT has checked the plan) or is returned (an upper bound on the stage's score, for
    CP-SAT as a cut) with the local moves' plan when it beats the witness (checked: every
    stage before the score kept); ``None`` when there is no bound."""
    quality = problem.settings.equality.quality
    incumbent = _score_of(problem, witness)
    bounds = gap_score_bound(
        problem,
        lift,
        gain,
        round(100 * quality.max_gap_points),
        incumbent=incumbent,
    )
    report("lagrangian bound", time.perf_counter() - started)
    if bounds is None:
        return None
    better = bounds.plan
    # Flows and local moves do not see the workplace mix target, a stage before the score: a
    # plan missing more women than the witness would be worse at that stage.
    missing = workplace_mix.missing_women(problem, witness)
    if better is not None and (
        _score_of(problem, better) <= incumbent
        or workplace_mix.missing_women(problem, better) > missing
        or not satisfies_rules(problem, better)
        or _cp_sat_check(problem, better) is None
    ):
        better = None
    if better is not None:
        # A flow plan of the bound's search keeps the target with more score: the plan to
        # beat from here on.
        witness = better
        incumbent = _score_of(problem, better)
    stages = (first, "gap witness", "lagrangian bound")
    local = None
    if bounds.bound > incumbent:
        # Local moves at these counts from the plan in hand (:mod:`.gap_climb`): they often
        # reach the bound, where CP-SAT searched for minutes.
        climbed = climb_within_gap(
            problem, gain, witness, lift.counts, round(100 * quality.max_gap_points)
        )
        value = _score_of(problem, climbed)
        report("local moves", time.perf_counter() - started)
        if (
            value > incumbent
            and workplace_mix.missing_women(problem, climbed) <= missing
            and satisfies_rules(problem, climbed)
            and _cp_sat_check(problem, climbed) is not None
        ):
            local = climbed
            if value >= bounds.bound:
                witness, incumbent = climbed, value
                stages = (*stages, "local moves")
    bounds = dataclasses.replace(bounds, plan=better)
    # The bound proves the plan only when it also keeps the mix stage's optimum: the caller
    # comes here when the plan in hand misses nobody, so that optimum is 0.
    if (
        bounds.bound <= incumbent
        and problem.settings.spread_load_points == 0
        and workplace_mix.missing_women(problem, witness) == 0
    ):
        outcome = _cp_sat_check(problem, witness, (*stages, "cp-sat check"))
        report("cp-sat check", time.perf_counter() - started)
        if outcome is not None:
            return outcome
    # The bound did not close the gap: reduced-cost fixing with it and a short search
    # (:func:`_fixed_pairs_search`), else CP-SAT gets the bound as a cut. The local moves'
    # plan, when they fell short of the bound, is kept aside rather than handed on as those
    # searches' hint: measured on the sweep's 40-adept cohorts, hinted with it CP-SAT
    # proved less (hard wish, seed 1: unproven at 10 s where the flow plan's hint proved it
    # in 1.2 s). It is the result when the searches end below it.
    return bounds, local


def _fixed_pairs_search(
    problem: MatchProblem,
    bounds: GapBound,
    witness: np.ndarray,
    groups: tuple[str, ...],
    known: dict[str, int] | None,
    started: float,
    report: ProgressCallback,
    *,
    target_kept: bool = True,
    mix_bound: int | None = None,
    narrow: bool = False,
    work: float = _FIXED_WORK,
    share: float = _FIXED_SHARE,
    wall: float = _FIXED_SECONDS,
) -> _Outcome | None:
    """The score stage at these counts, every earlier stage proven at the checked ``witness``,
    by reduced-cost fixing: a pair whose bound (:attr:`GapBound.pair_bound`: no plan at
    these counts keeping the stages totals more through it) is at most a threshold is left
    out (the witness's own pairs and the locked ones stay), and CP-SAT with its richer
    linear relaxation (``linearization_level`` 2: its cuts close what the Lagrangian bound
    leaves open) and a fixed amount of work searches the rest. Its optimum there is the
    optimum overall when it reaches the threshold, since every plan through a pair left out
    totals at most that.

    The threshold is the witness's total; with ``narrow``, it starts just below the bound
    (a :data:`_NARROW_SHARE`-th of it) and widens fourfold until a search proves its optimum
    at or above it, down to the best plan found so far. Returns the proven outcome; else the
    best plan found when it beats the witness (status ``FEASIBLE``: a warm start for the full
    search), else ``None``. Measured:
    200 binding adepts, soft wish: 722 of 25,000 pairs kept, proven in 0.35 s (the full
    search took 18-25 s); with the workplace mix target (hard wish, 25 %), narrowed: 1,850 of
    18,994 pairs, proven in 0.6 s (the full search: "within 0.37 %" at 20 s), where the
    witness's threshold kept 3,936 and proved nothing in its work."""
    floor = _score_of(problem, witness)
    band = max(bounds.bound // _NARROW_SHARE, 1)
    threshold = max(floor, bounds.bound - band) if narrow else floor
    better: _Outcome | None = None
    # The witness's score is a floor only when it keeps the mix target's stage (its fewest
    # missing, or nobody when that stage is not settled): see :func:`_score_floor`.
    floor_holds = workplace_mix.missing_women(problem, witness) <= (mix_bound or 0)
    while True:
        keep = _beating_pairs(problem, bounds, witness, threshold)
        if len(keep) > share * problem.n_pairs:
            # Measured: where the bound keeps half the pairs the search proves nothing in its
            # time and only delays the search with the bound as a cut (40 adepts, hard wish:
            # 0.5 s -> 6 s); where it keeps 3-13 % it proves in under a second.
            break
        outcome = _cp_sat(
            restrict(problem, keep),
            np.searchsorted(keep, witness),
            None,
            started,
            lift=groups,
            known=known,
            score_bound=bounds.bound,
            target_kept=target_kept,
            score_floor=floor if floor_holds else None,
            mix_bound=mix_bound,
            work=work,
            linearization=2,
            wall=wall,
        )
        report("cp-sat on the fixed pairs", time.perf_counter() - started)
        if outcome.status is Status.OPTIMAL and outcome.objective >= threshold:
            outcome.chosen = keep[outcome.chosen]
            outcome.stages = ("reduced-cost fixing", *outcome.stages)
            return outcome
        if outcome.status in (Status.OPTIMAL, Status.FEASIBLE) and outcome.objective > floor:
            witness, floor = keep[outcome.chosen], outcome.objective
            floor_holds = True  # CP-SAT's plan keeps every stage before the score
            better = dataclasses.replace(outcome, status=Status.FEASIBLE, chosen=witness)
        if threshold <= floor:
            break  # the widest threshold was searched
        band *= 4
        threshold = max(floor, bounds.bound - band)
    return better


def _mix_fixed_search(
    problem: MatchProblem,
    lift: Lift,
    gain: np.ndarray,
    hint: np.ndarray,
    groups: tuple[str, ...],
    known: dict[str, int] | None,
    fewest: int,
    target_kept: bool,
    started: float,
    report: ProgressCallback,
) -> _Outcome | None:
    """The score stage under the workplace mix target, once every earlier stage is proven at
    the plan in hand (``hint``: the lifted counts, the quality stage kept or absent, the
    ``fewest`` women missing): reduced-cost fixing (:func:`_fixed_pairs_search`) with the
    lifted flow's bound, which leaves the mix out (a relaxation) and whose reduced costs
    bound every plan through a pair. Each search gets :data:`_MIX_FIXED_WORK` and may keep up
    to :data:`_MIX_FIXED_SHARE` of the pairs: the full search after it rarely beats its
    plan (200 binding adepts, hard wish, 25 %: 11,445.78 at 20 s where the restricted
    search's plan totals 11,683.28; the optimum, by HiGHS, is 11,695.78)."""
    base = Lift(lift.groups, lift.applicants, lift.counts, lift.alone)
    plain = lifted_plan(problem, base, gain, 0, reduced_costs=True)
    assert plain.reduced is not None
    best = int(gain[plain.chosen].sum())
    return _fixed_pairs_search(
        problem,
        GapBound(best, best - plain.reduced),
        hint,
        groups,
        known,
        started,
        report,
        target_kept=target_kept,
        mix_bound=fewest,
        narrow=True,
        work=_MIX_FIXED_WORK,
        share=_MIX_FIXED_SHARE,
        wall=_MIX_FIXED_SECONDS,
    )


def _beating_pairs(
    problem: MatchProblem, bounds: GapBound, witness: np.ndarray, floor: int
) -> np.ndarray:
    """The pairs a plan at these counts keeping the target could use and still total more than
    ``floor``: those whose Lagrangian bound exceeds it, the witness's own and the locked ones
    (sorted pair indices; reduced-cost fixing)."""
    keep = np.flatnonzero(bounds.pair_bound > floor)
    return np.union1d(keep, np.union1d(witness, np.flatnonzero(problem.pair_locked)))


def _lattice_search(
    problem: MatchProblem,
    lift: Lift,
    bounds: GapBound,
    witness: np.ndarray,
    groups: tuple[str, ...],
    known: dict[str, int] | None,
    started: float,
    report: ProgressCallback,
) -> _Outcome | None:
    """The score stage under the gap target, at the lifted counts, split along the scores' grid
    (:mod:`.score_lattice`): the best coarse sum ``C`` proven first, then, at each coarse sum
    whose plans could beat the best plan known, the best rest sum ``R``. Every search is
    CP-SAT on the model of record (every rule, the counts fixed, the target kept), capped at
    ``_LATTICE_WORK`` per seed (up to ``_LATTICE_SEEDS``), over the pairs that can be in a plan
    beating the best known: by the Lagrangian bound on the score (``bounds``) and by one on
    the coarse sum (the same flows with the coarse values as gains). Returns the proven
    outcome (its plan may beat the checked ``witness``); when a search stops unproven, the
    best plan met as a ``FEASIBLE`` outcome if it beats the witness (checked), else ``None``;
    ``None`` too when the values have no grid or the load is spread (a cost off the grid).

    Why it is exact: every plan totals ``(step * C + R) / scale``; no plan has ``C`` above the
    proven best, none has ``R`` above ``rest_high`` (each matched adept adds one pair's rest
    at most), and at each coarse sum that could still win the best ``R`` is proven, so the
    best plan of every such coarse sum has been seen."""
    settings = problem.settings
    if settings.spread_load_points or known is None or "" not in known or problem.pool is not None:
        return None
    lattice = find_lattice(problem.pair_value)
    if lattice is None:
        return None
    best = np.sort(witness)
    incumbent = int(problem.pair_value[best].sum())
    # As in the quality stage of :func:`_cp_sat`: under the coverage priority the number
    # matched is fixed, otherwise it may only grow (each adept adds at most one pair's rest).
    fixed_total = settings.priority is Priority.COVERAGE
    most = known[""] if fixed_total else problem.n_adepts
    rest_high = most * max(int(lattice.rest.max()), 0)
    counts = {
        g: int(problem.gender_members(g)[problem.pair_adept[best]].sum())
        for g in quality_parity.GROUPS
    }
    locked = np.flatnonzero(problem.pair_locked)
    strict_gap = _strict_gap(problem)

    def lowest() -> int:
        """The least coarse sum of a plan that could total more than the best known."""
        return least_coarse(lattice, rest_high, incumbent)

    coarse = gap_score_bound(
        problem,
        lift,
        lattice.coarse,
        round(100 * settings.equality.quality.max_gap_points),
        incumbent=lowest() - 1,
    )
    report("lagrangian bound on the coarse scores", time.perf_counter() - started)
    if coarse is None:
        return None

    def search(objective: str, coarse_sum: int | None) -> tuple[int, np.ndarray | None, int]:
        """CP-SAT on the stage model maximising the ``objective`` sum (``coarse`` or ``rest``;
        at ``coarse_sum`` when given), hinted with the best plan, over the pairs a plan
        beating it (at that coarse sum) can use: the status, the plan (pair indices) and its
        objective value."""
        least = lowest() if coarse_sum is None else coarse_sum
        pairs = _beating_pairs(problem, bounds, best, incumbent)
        pairs = pairs[coarse.pair_bound[pairs] >= least]
        pairs = np.union1d(pairs, np.union1d(best, locked))
        sub = restrict(problem, pairs)
        ctx, terms = _build(sub, counts_fixed=True, known=known)
        labels = np.array(group_labels(sub))[sub.pair_adept]
        for g in groups:
            ctx.model.add(ctx.total(np.flatnonzero(labels == g)) == known[g])
        if fixed_total:
            ctx.model.add(terms["coverage"] == known[""])
        else:
            ctx.model.add(terms["coverage"] >= known[""])
        if not strict_gap:  # (the strict gap is a row of the model, at the known counts)
            name, stage = quality_parity.linear_stage(ctx, terms, counts)
            if name != "quality_target":
                return cp_model.UNKNOWN, None, 0
            ctx.model.add(stage == 1)
        every = np.arange(sub.n_pairs)
        if coarse_sum is not None:
            ctx.model.add(ctx.total(every, lattice.coarse[pairs]) == coarse_sum)
        if objective == "coarse":
            ctx.model.maximize(ctx.total(every, lattice.coarse[pairs]))
        else:
            # At a fixed coarse sum, maximise the plan's total itself, a whole number with
            # ``scale * total == step * C + R``, rather than the rest sum R: only every
            # ``scale``-th R is a plan's total, which CP-SAT cannot see in R, and rounding the
            # total's bound down closes that last step. Measured on 40 binding adepts, soft
            # wish, seed 22: the linear relaxation gives R <= 8.7 where the best R is 7, and
            # the next R a plan can have is 10; maximising R, CP-SAT's bound stayed at 13 for
            # 30 s and the solve was unproven after 60 s; maximising the total, the whole
            # solve is proven in 0.9 s.
            high = int(np.abs(problem.pair_value).sum()) + 1
            total = ctx.model.new_int_var(-high, high, "plan_total")
            ctx.model.add(
                lattice.scale * total
                == lattice.step * coarse_sum + ctx.total(every, lattice.rest[pairs])
            )
            ctx.model.maximize(total)
        hint = np.zeros(sub.n_pairs, dtype=bool)
        hint[np.searchsorted(pairs, best)] = True
        ctx.hint(hint)
        # Another random seed when one stops unproven: the time to a proof depends on it
        # (the best rest sum of 200 binding adepts, hard wish, seed 16: 8.7 s of work with
        # seed 0, 0.45-1.5 with seeds 1, 2, 3, 7 and 42). Each seed and its work are fixed,
        # so the outcome repeats.
        found: tuple[int, np.ndarray | None, int] = (cp_model.UNKNOWN, None, 0)
        for attempt in range(_LATTICE_SEEDS):
            found = attempt_search(ctx, pairs, attempt)
            if found[0] in (cp_model.OPTIMAL, cp_model.INFEASIBLE):
                break
        return found

    def attempt_search(
        ctx: ModelContext, pairs: np.ndarray, attempt: int
    ) -> tuple[int, np.ndarray | None, int]:
        """One search of ``ctx``'s model (on ``pairs``) for ``_LATTICE_WORK``, with the
        ``attempt``-th seed: the status, the plan (pair indices) and its objective value."""
        solver = _solver(
            settings, remaining=settings.time_limit_seconds - (time.perf_counter() - started)
        )
        solver.parameters.random_seed = settings.seed + attempt
        solver.parameters.max_deterministic_time = _LATTICE_WORK
        solver.parameters.relative_gap_limit = 0.0
        # The gap row and the coarse sum fixed, in the linear relaxation with its cuts: at
        # the default level CP-SAT's bound on R stayed at 16 on that 40-adept cohort (the
        # relaxation's is 8.7), and the 100-adept soft-wish cohort of seed 7 proved its rests
        # with 0.4 s of work instead of 3.3.
        solver.parameters.linearization_level = 2
        # Presolve without probing and without its search for big linear overlaps: on these
        # restricted models they took most of the work (0.6 of 1.4 on that cohort's coarse
        # search, which then proves with 0.2). Measured on the binding sweep (seeds 0-47): 100
        # adepts, hard wish, seed 40 proven in 0.84 s instead of 1.94, soft seed 7 in 2.9 s
        # instead of 4.2; no cohort slower.
        solver.parameters.find_big_linear_overlap = False
        solver.parameters.cp_model_probing_level = 0
        result = _search(solver, ctx.model)
        if result in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            plan = pairs[[solver.boolean_value(v) for v in ctx.x]]
            return result, plan, round(solver.objective_value)
        return result, None, 0

    def take(plan: np.ndarray | None) -> None:
        nonlocal best, incumbent
        if plan is not None and int(problem.pair_value[plan].sum()) > incumbent:
            best, incumbent = plan, int(problem.pair_value[plan].sum())

    def checked() -> _Outcome | None:
        """The best plan met, checked by CP-SAT, as a proven outcome; ``None`` when it misses
        a woman of the workplace mix target. These searches leave out that target, a stage
        before the score: their plan is the best only when it misses nobody (found by
        Hypothesis: 21 adepts, 40 %, "optimal" with one woman missing where a plan missing
        none exists)."""
        if workplace_mix.missing_women(problem, best) > 0:
            return None
        stages = ("reduced-cost fixing", "score split on its grid")
        if not strict_gap:  # (the strict gap is a rule, not a stage)
            stages = (*stages, "quality_target (witness)")
        outcome = _cp_sat_check(problem, best, (*stages, "cp-sat check"))
        report("cp-sat check", time.perf_counter() - started)
        return outcome

    def unproven(plan: np.ndarray | None) -> _Outcome | None:
        """A search stopped unproven: the best plan met, when it beats the witness, as a
        ``FEASIBLE`` outcome for the searches after this one to start from (200 binding
        adepts, hard wish, seed 16: 1,147,416 against the witness's 1,145,832, which the
        later searches did not beat); else ``None``."""
        take(plan)
        if incumbent <= start:
            return None
        outcome = checked()
        return None if outcome is None else dataclasses.replace(outcome, status=Status.FEASIBLE)

    start = incumbent
    if coarse.bound >= lowest():
        result, plan, top = search("coarse", None)
        report("cp-sat on the coarse scores", time.perf_counter() - started)
        if result == cp_model.OPTIMAL:
            take(plan)
        elif result != cp_model.INFEASIBLE:  # infeasible: no plan reaches lowest()
            return unproven(plan)
        coarse_sum = top if result == cp_model.OPTIMAL else lowest() - 1
        while coarse_sum >= lowest():
            result, plan, _ = search("rest", coarse_sum)
            report("cp-sat on the rests", time.perf_counter() - started)
            if result == cp_model.OPTIMAL:
                take(plan)
            elif result != cp_model.INFEASIBLE:
                return unproven(plan)
            coarse_sum -= 1
    return checked()


@dataclass(frozen=True)
class _Bounds:
    """The flow relaxation's optimum: valid upper bounds for every plan that keeps the rules."""

    combined: int  # max of bonus * matched + value
    bonus: int  # per matched adept (0 under the quality priority)
    count: int  # matched adepts in the relaxation's optimum
    #: The best total value of any plan, coverage aside (the quality-only relaxation),
    #: computed only when needed.
    score_only: Callable[[], int]


def _build(
    problem: MatchProblem, *, counts_fixed: bool = False, known: dict[str, int] | None = None
) -> tuple[ModelContext, dict[str, cp_model.LinearExprT]]:
    """The model of record: every registered rule's rows, and their objective terms by name
    (``score_cost`` terms are taken off ``score``). ``known``: each lifting group's count
    (and the total under ``""``) that the caller fixes with rows of its own; the rules may
    use them as numbers (:attr:`ModelContext.known_counts`)."""
    ctx = ModelContext(problem, known_counts=known)
    terms: dict[str, cp_model.LinearExprT] = {}
    costs: list[cp_model.LinearExprT] = []
    for rule in RULES:
        for name, term in rule.build(ctx, counts_fixed).items():
            if name == "score_cost":
                costs.append(term)
            else:
                terms[name] = term
    for cost in costs:
        terms["score"] = terms["score"] - cost
    return ctx, terms


def _lift_terms(ctx: ModelContext, groups: tuple[str, ...]) -> list[tuple[cp_model.IntVar, int]]:
    """Leximin as lexicographic stages: stage k maximises the sum of the k lowest group rates
    (s_k <= the sum over every k-subset), each rate M_g / n_g scaled to a whole number
    M_g * (P / n_g) with P the least common multiple of the group sizes. Returns the stage
    variables with the scale P."""
    problem = ctx.problem
    labels = np.array(group_labels(problem))
    sizes = {g: int((labels == g).sum()) for g in groups}
    scale = math.lcm(*(sizes[g] for g in groups))
    members = {g: np.flatnonzero(labels[problem.pair_adept] == g) for g in groups}
    rate = {g: ctx.total(members[g]) * (scale // sizes[g]) for g in groups}

    def lowest(x: np.ndarray, k: int) -> int:
        scaled = sorted(int(x[members[g]].sum()) * (scale // sizes[g]) for g in groups)
        return sum(scaled[:k])

    stages = []
    for k in range(1, len(groups) + 1):
        s_k = ctx.model.new_int_var(0, k * scale, f"lowest_{k}_rates")
        for subset in itertools.combinations(groups, k):
            ctx.model.add(s_k <= sum(rate[g] for g in subset))
        ctx.derive(s_k, lambda x, k=k: lowest(x, k))
        stages.append((s_k, scale))
    return stages


def _cp_sat_check(
    problem: MatchProblem,
    plan: np.ndarray,
    stages: tuple[str, ...] = ("flow bound reached", "cp-sat check"),
) -> _Outcome | None:
    """Check a plan against every rule of the CP-SAT model (all variables fixed to it).

    The model is built on the plan's own pairs only: every rule is a sum over chosen pairs
    (a pair left out counts 0 either way) except a lock, checked first; so the verdict is
    the full model's, and a
    1,000-adept check takes milliseconds instead of building 600,000 variables."""
    plan = np.sort(np.asarray(plan, dtype=np.int64))
    if not np.isin(np.flatnonzero(problem.pair_locked), plan).all():
        return None  # a locked pair left out: the one rule a sum over the plan cannot see
    own = restrict(problem, plan)
    ctx, terms = _build(own)
    ctx.hint(np.ones(own.n_pairs, dtype=bool))
    ctx.model.maximize(terms["score"])
    solver = _solver(problem.settings, remaining=problem.settings.time_limit_seconds)
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.relative_gap_limit = 0.0
    if solver.solve(ctx.model) != cp_model.OPTIMAL:
        return None
    value = int(problem.pair_value[plan].sum())
    return _Outcome(Status.OPTIMAL, plan, value, value, stages)


def _cp_sat(
    problem: MatchProblem,
    hint: np.ndarray | None,
    bounds: _Bounds | None,
    started: float,
    *,
    lift: tuple[str, ...] | None = None,
    lowest: Fraction | None = None,
    known: dict[str, int] | None = None,
    score_bound: int | None = None,
    target_kept: bool = False,
    score_floor: int | None = None,
    reported_bound: int | None = None,
    quality_bound: int | None = None,
    mix_bound: int | None = None,
    work: float | None = None,
    linearization: int | None = None,
    wall: float = _FIXED_SECONDS,
) -> _Outcome:
    """The lexicographic stages on CP-SAT, each hinted with the last plan.

    Stages: the lifted rates (leximin, when ``lift`` names groups), coverage (coverage
    priority), the quality stage (the gap target or the worst-off mean; before it the counts
    are fixed, so it never unmatches anyone), the score. A stage proven only within a gap
    (time or gap limit) makes the result FEASIBLE, never OPTIMAL. With ``known`` counts (per
    lifting group, the total under ``""``; proven by the flow) the rate and coverage stages
    are replaced by those counts as constraints. ``score_floor`` is the score of a plan
    known to keep every rule and stage (the checked gap witness). ``reported_bound`` is an
    upper bound on the score stage proven outside CP-SAT (the Lagrangian one): reported when
    the search stops early, never added to the model (as a constraint it slowed CP-SAT's
    proof on 200 binding adepts from 25 s to over 60 s). ``work`` caps each search at that
    much deterministic time (the same stop on every machine). ``linearization`` sets CP-SAT's
    linearization level (2: more cuts in its linear relaxation) and caps each search at
    ``wall`` seconds of wall time too. ``quality_bound`` is an upper bound on the
    ``MAXIMIN`` stage proven outside CP-SAT (:func:`~.leximin.worst_off_bound`): the stage is
    proven when its plan reaches it, and it is the stage's bound when the search stops
    early. ``mix_bound`` is the same for the workplace mix stage: the fewest women missing at
    these counts (:func:`~.mix_flow.fewest_missing`), a constraint on the stage and its proof.
    """
    ceilings = [b for b in (score_bound, reported_bound) if b is not None]
    settings = problem.settings
    ctx, terms = _build(problem, counts_fixed=bool(lift), known=known if lift else None)
    stages: list[str] = []
    if known is not None and lift:
        labels = np.array(group_labels(problem))[problem.pair_adept]
        for g in lift:
            ctx.model.add(ctx.total(np.flatnonzero(labels == g)) == known[g])
        if settings.priority is Priority.COVERAGE:
            ctx.model.add(terms["coverage"] == known[""])
    elif lift:
        for k, (s_k, scale) in enumerate(_lift_terms(ctx, lift), start=1):
            terms[f"lift_{k}"] = s_k
            stages.append(f"lift_{k}")
            if k == 1 and lowest is not None:
                # The flow's lowest rate is a relaxation's: a valid bound.
                ctx.model.add(s_k <= math.floor(lowest * scale))
    if settings.priority is Priority.COVERAGE and known is None:
        stages.append("coverage")
        if bounds is not None:
            ctx.model.add(terms["coverage"] <= bounds.count)  # the relaxation's bound: valid
    quality_stage = next((t for t in ("quality_target", "worst_off_mean") if t in terms), None)
    if lift and "matched_woman" in terms:
        quality_stage = "quality"  # built once the counts are known (linear rows)
    # The workplace mix target (women missing from the share, negated) comes after the
    # quality stage: both are decided within the counts, and the mix only moves people.
    mix_stage = workplace_mix.STAGE if workplace_mix.STAGE in terms else None
    if quality_stage is not None or mix_stage is not None:
        if settings.priority is Priority.QUALITY and not lift:
            # The counts the quality stage keeps are those of the best-score plan (the
            # priority's own); without them, a group's mean is raised by unmatching its
            # weaker pairs (4 of 40 matched, once).
            stages += ["score_counts"]
        stages += [stage for stage in (quality_stage, mix_stage) if stage is not None]
    stages.append("score")

    solution = np.zeros(problem.n_pairs, dtype=bool)
    if hint is not None:
        solution[hint] = True
    status = Status.OPTIMAL
    objective = bound = 0
    done: list[str] = []
    searched = False  # whether ``solution`` is a CP-SAT search's plan (so keeps every rule)
    stage_gap: float | None = None

    def unproven(name: str, value: int, upper: float) -> None:
        """Keep the gap of the first stage before the score that stops unproven."""
        nonlocal stage_gap
        if stage_gap is None and name != "score":
            if name == "worst_off_mean" and quality_bound is not None:
                upper = min(upper, quality_bound)
            if name == mix_stage and mix_bound is not None:
                upper = min(upper, -mix_bound)
            upper = max(upper, value)
            if name == mix_stage:
                # A minimisation (the women missing, negated): the gap relative to the
                # women missing in the plan (3 missing, perhaps 0 possible: 100 %).
                stage_gap = (upper - value) / -value if value < 0 else 0.0
            else:
                stage_gap = (upper - value) / upper if upper > 0 else 0.0

    for name in stages:
        if name == quality_stage:
            # Fix the counts: the matched total (and, when lifting, the groups' counts are
            # already fixed by the rate stages), so the quality stage cannot unmatch anyone.
            ctx.model.add(terms["coverage"] >= int(solution.sum()))
            if name == "quality":
                fixed = {
                    g: int(solution[problem.gender_members(g)[problem.pair_adept]].sum())
                    for g in quality_parity.GROUPS
                }
                name, terms[name] = quality_parity.linear_stage(ctx, terms, fixed)
                if name == "quality_target" and target_kept:
                    # A witness CP-SAT has checked keeps the target at these counts: the
                    # stage's optimum (1) is known, no search needed.
                    ctx.model.add(terms[name] == 1)
                    done.append("quality_target (witness)")
                    continue
        if (
            name == "coverage"
            and bounds is not None
            and int(solution.sum()) >= bounds.count
            and (searched or _cp_sat_check(problem, np.flatnonzero(solution)) is not None)
        ):
            # The plan in hand matches as many as the relaxation (no rule but the capacities):
            # the stage is proven without a search (100 binding adepts, a strict match rate:
            # the search spent the whole 10 s on it and stopped "within 33 %", its bound
            # not yet down to the relaxation's in CP-SAT).
            ctx.model.add(terms["coverage"] >= bounds.count)
            done.append("coverage (relaxation's count)")
            searched = True
            continue
        if name == mix_stage:
            # Fix the total matched, as for the quality stage (when lifting, each group's
            # count is fixed already): the mix never leaves anyone without a mentor.
            ctx.model.add(terms["coverage"] >= int(solution.sum()))
            if mix_bound is not None:
                ctx.model.add(terms[name] <= -mix_bound)  # proven for every plan: valid
                if ctx.value(terms[name], solution) >= -mix_bound:
                    # The plan in hand reaches the class optimum: the stage's optimum is
                    # known, no search needed (as for the gap target's witness).
                    ctx.model.add(terms[name] >= -mix_bound)
                    done.append(f"{name} (class optimum)")
                    continue
        expression = terms["score" if name == "score_counts" else name]
        if hint is not None or done:
            ctx.hint(solution)
        if name == "score" and bounds is not None:
            matched = int(solution.sum()) if settings.priority is Priority.COVERAGE else 0
            ctx.model.add(expression <= bounds.combined - bounds.bonus * matched)
        if name == "score" and score_bound is not None:
            ctx.model.add(expression <= score_bound)
        if name == "score" and score_floor is not None:
            # A plan CP-SAT has checked reaches it: a stop on time never returns less.
            ctx.model.add(expression >= score_floor)
        ctx.model.maximize(expression)
        remaining = settings.time_limit_seconds - (time.perf_counter() - started)
        if name != "score" and work is None:
            remaining *= _EARLY_SHARE  # the later stages get the rest
        solver = _solver(settings, remaining=remaining)
        if work is not None:
            solver.parameters.max_deterministic_time = work
        if linearization is not None:
            solver.parameters.linearization_level = linearization
            # Its cuts can cost far more wall time than their deterministic measure: a
            # wall cap too, so an unproven attempt gives way to the full search soon.
            solver.parameters.max_time_in_seconds = min(solver.parameters.max_time_in_seconds, wall)
        if name == "score_counts":
            # Best score first, then the most matched among the best-score plans; the score
            # floor is an assumption, dropped afterwards so later stages are free of it.
            result = _search(solver, ctx.model)
            if result in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                floor = ctx.model.new_bool_var("score_floor")
                ctx.model.add(expression >= round(solver.objective_value)).only_enforce_if(floor)
                ctx.model.maximize(terms["coverage"])
                ctx.hint(np.array([solver.boolean_value(v) for v in ctx.x], dtype=bool))
                ctx.model.clear_assumptions()
                ctx.model.add_assumptions([floor])
                solver = _solver(
                    settings,
                    remaining=settings.time_limit_seconds - (time.perf_counter() - started),
                )
                result = _search(solver, ctx.model)
                ctx.model.clear_assumptions()
                expression = terms["coverage"]
        else:
            result = _search(solver, ctx.model)
        done.append(name)
        if result == cp_model.INFEASIBLE:
            return _Outcome(Status.INFEASIBLE, np.array([], dtype=np.int64), 0, 0, tuple(done))
        if result not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            unconfirmed = len(done) == 1
            if unconfirmed and (
                hint is None or _cp_sat_check(problem, np.flatnonzero(solution)) is None
            ):
                # No CP-SAT plan yet, and the warm start (from the array mirror) is returned
                # only once CP-SAT has checked it against every rule.
                return _Outcome(
                    Status.NO_SOLUTION_IN_TIME, np.array([], dtype=np.int64), 0, 0, tuple(done)
                )
            # Keep the plan in hand — the previous stage's, or the warm start, which keeps
            # every rule — with the relaxation's bound on the score (valid for any plan).
            status = Status.FEASIBLE
            if name != "score":
                unproven(name, *_stage_standing(ctx, name, expression, solution, solver))
            objective = int(problem.pair_value[solution].sum())
            bound = objective
            if bounds is not None:
                # No plan has a higher total than the quality-only relaxation, whatever its
                # coverage: the honest bound when the search stopped early.
                bound = bounds.score_only() if bounds.bonus else bounds.combined
            elif ceilings:
                bound = max(min(ceilings), objective)
            else:
                bound = max(_score_ceiling(problem), objective)
            break
        found = np.array([solver.boolean_value(v) for v in ctx.x], dtype=bool)
        objective = round(solver.objective_value)
        bound = int(np.floor(solver.best_objective_bound + 1e-6))
        if name == "worst_off_mean" and quality_bound is not None and objective >= quality_bound:
            # The plan reaches the Lagrangian bound: the stage is proven, whatever CP-SAT's
            # own bound says.
            bound, result = objective, cp_model.OPTIMAL
        if name == mix_stage and mix_bound is not None and objective >= -mix_bound:
            bound, result = objective, cp_model.OPTIMAL  # the class optimum is reached
        if name == "coverage" and bounds is not None:
            bound = min(bound, max(bounds.count, objective))  # the relaxation's: valid
        if name == "score" and ceilings:
            # The flow's (and the Lagrangian) bound holds for every plan of this stage;
            # CP-SAT may report a looser one when it stops early.
            bound = min(bound, max(min(ceilings), objective))
        # OPTIMAL from CP-SAT also means "stopped at the relative gap limit": only a bound
        # equal to the objective is a proof.
        if result != cp_model.OPTIMAL or bound > objective:
            status = Status.FEASIBLE
            unproven(name, objective, bound)
        if (
            name not in ("score", "score_counts")
            and not np.array_equal(found, solution)
            and _no_worse(ctx, name, expression, solution, objective, checked=searched)
        ):
            # CP-SAT's plan does not beat the plan in hand on this stage: keep that plan,
            # not an arbitrary one of the same value. The later stages start from it, and
            # when the time runs out before them it is the plan returned (200 binding
            # adepts, strict workplace mix 50 %: the first rate stage stopped at the warm
            # start's value, and its plan scored 7,539.99 points against the warm start's
            # 11,626.66 for the same 146 matched).
            found = solution
        solution = found
        searched = True
        # Later stages keep what this one achieved (not the bound: it may not be reachable).
        ctx.model.add(expression >= objective)
    return _Outcome(
        status,
        np.flatnonzero(solution),
        objective,
        max(bound, objective),
        tuple(done),
        stage_gap=stage_gap,
    )


def _score_ceiling(problem: MatchProblem) -> int:
    """An upper bound on every plan's total value, for a search that stopped before its score
    stage: the best total of the flow's rules alone (no equality rule; one min-cost flow),
    else each adept's best pair. Measured (200 binding adepts, hard wish, workplace mix, 15 s
    in the lift stages): the sum over every pair it replaces said 575,356 points, where no
    plan of 200 adepts can pass 20,000, and the result read "within 99.28 %"."""
    relaxed = solve_flow(problem, problem.pair_value)
    if relaxed is not None:
        return int(relaxed.value)
    best = np.zeros(problem.n_adepts, dtype=np.int64)
    np.maximum.at(best, problem.pair_adept, problem.pair_value.astype(np.int64))
    return int(best.sum())


def _no_worse(
    ctx: ModelContext,
    name: str,
    expression: cp_model.LinearExprT,
    solution: np.ndarray,
    objective: int,
    *,
    checked: bool,
) -> bool:
    """Whether the plan in hand (``solution``) keeps every rule of the model — known when it is
    a search's plan (``checked``), else checked by CP-SAT now — and is worth at least
    ``objective`` on the stage ``name``, when its value there is known from the plan alone."""
    value, _ = _plan_value(ctx, name, expression, solution)
    if value is None or value < objective:
        return False
    return checked or _cp_sat_check(ctx.problem, np.flatnonzero(solution)) is not None


def _plan_value(
    ctx: ModelContext, name: str, expression: cp_model.LinearExprT, solution: np.ndarray
) -> tuple[int | None, float]:
    """A plan's value on the stage ``name`` and the largest value the stage can take; ``None``
    when the value is not known from a plan alone (the score of the quality priority's first
    stage)."""
    if name == "coverage":
        return int(solution.sum()), float(ctx.problem.n_adepts)
    if isinstance(expression, cp_model.IntVar):
        try:
            value = ctx.value(expression, solution)
        except KeyError:
            return None, 0.0
        # (list(): the proto wrapper reads index -1 as 0.)
        return value, float(list(expression.proto.domain)[-1])
    return None, 0.0


def _stage_standing(
    ctx: ModelContext,
    name: str,
    expression: cp_model.LinearExprT,
    solution: np.ndarray,
    solver: cp_model.CpSolver,
) -> tuple[int, float]:
    """A stage that stopped with no plan of its own: the plan in hand's value on it and an
    upper bound — CP-SAT's, when it proved one at or above that value, else the largest value
    the stage can take (always valid, if loose). Stages whose value is not known from a plan
    alone (the score of the quality priority's first stage) stand at (0, 0): no gap."""
    value, most = _plan_value(ctx, name, expression, solution)
    if value is None:
        return 0, 0.0
    bound = solver.best_objective_bound
    if not math.isfinite(bound) or bound < value:
        bound = most
    return value, math.floor(bound + 1e-6)


class _Beside:
    """A stage run in a thread of its own while the caller searches (CP-SAT releases the
    GIL): :meth:`stop` ends its search early (its result is then discarded), and
    :meth:`result` waits for it. The running solve's cancel reaches it too: a cancelled solve
    stops it, and it then returns what a search cut short returns."""

    def __init__(self, run: Callable[[], _Outcome | None]) -> None:
        self._outer = _CANCEL.get()
        self._stop = threading.Event()
        self._outcome: _Outcome | None = None
        self._error: BaseException | None = None
        own = _Cancel(self._stop)

        def work() -> None:
            _CANCEL.set(own)  # a new thread starts from an empty context: its own cancel
            try:
                self._outcome = run()
            except BaseException as error:  # re-raised in the caller's thread
                self._error = error

        self._thread = threading.Thread(target=work, name="smile-solve-beside", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """End the stage's search now and wait for the thread; its result is not used."""
        self._stop.set()
        self._thread.join()

    def result(self) -> _Outcome | None:
        """The stage's result, once it has finished; raises what the stage raised."""
        while self._thread.is_alive():
            if self._outer is not None and self._outer.event.is_set():
                self._stop.set()
                self._outer.hit = True  # the result then ends its stages with CANCELLED
            self._thread.join(0.05)
        if self._error is not None:
            raise self._error
        return self._outcome


@dataclass
class _Cancel:
    """A solve's cancel request, and whether it stopped or skipped a search (``hit``)."""

    event: threading.Event
    hit: bool = False


#: The running solve's cancel request (per thread: each thread has its own context), read by
#: every search through :func:`_search`, so the stages need no parameter for it.
_CANCEL: ContextVar[_Cancel | None] = ContextVar("smile_solve_cancel", default=None)


def _search(solver: cp_model.CpSolver, model: cp_model.CpModel) -> int:
    """``solver.solve(model)``, stopped as soon as the running solve's cancel is set, and not
    started (``UNKNOWN``, as if out of time) when it is set already: the stages then treat it
    as a search cut short, keeping the plan in hand with its bound."""
    cancel = _CANCEL.get()
    if cancel is None:
        return solver.solve(model)
    if cancel.event.is_set():
        cancel.hit = True
        return cp_model.UNKNOWN
    finished = threading.Event()

    def watch() -> None:
        # stop_search is safe from another thread but only reaches a search in progress, so
        # it is repeated until the search returns (a stop just before it starts is not lost).
        while not finished.is_set():
            if cancel.event.wait(0.05):
                solver.stop_search()
                finished.wait(0.05)

    watcher = threading.Thread(target=watch, name="smile-cp-sat-cancel", daemon=True)
    watcher.start()
    try:
        result = solver.solve(model)
    finally:
        finished.set()
        watcher.join()
    if cancel.event.is_set():
        cancel.hit = True
    return result


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
    scores: pl.DataFrame | PairStore,
    outcome: _Outcome,
    previous: Plan | None,
    started: float,
) -> MatchResult:
    chosen = outcome.chosen
    if isinstance(scores, PairStore):
        rows = pair_rows(programme, problem.settings, *_indices(problem, chosen))
        plan = _plan(problem, rows, chosen)
        scores = _block_causes(problem, scores)
    else:
        plan = _plan(problem, scores[problem.pair_row[chosen]], chosen)
    matched_scores = {p.adept_id: p.score for p in plan.pairs}
    objective = outcome.objective / 100
    bound = outcome.bound / 100
    gap = (bound - objective) / bound if bound > 0 and outcome.status is not Status.OPTIMAL else 0.0
    if outcome.status is not Status.OPTIMAL and outcome.stage_gap is not None:
        # An earlier stage stopped unproven: the plan is no closer to the best than that
        # stage is (the larger of the two gaps, so neither claim is overstated).
        gap = max(gap, outcome.stage_gap)
    return MatchResult(
        status=outcome.status,
        plan=plan,
        unmatched=reasons.unmatched(
            problem, chosen, outcome.status, scores, plain_start=outcome.plain_start
        ),
        total_score=plan.total_score,
        objective=round(objective, 2),
        best_bound=round(bound, 2),
        gap=max(gap, 0.0),
        solve_seconds=round(time.perf_counter() - started, 3),
        by_gender=gender_figures(programme, matched_scores),
        conflicts=reasons.must_match_blocks(problem, scores, tuple(outcome.conflicts)),
        diff=diff_plans(previous, plan) if previous is not None else None,
        stages=outcome.stages,
        seed=problem.settings.seed,
        equality_notes=(
            equality_notes(
                problem,
                chosen,
                settled=outcome.status is Status.OPTIMAL or outcome.stage_gap is None,
                # The flow's plan, checked and returned as it was (see _at_counts): it is the
                # best-score plan at its counts, so the quality target did not bind there.
                flow_plan=len(outcome.stages) == 2 and outcome.stages[-1] == "cp-sat check",
            )
            if outcome.status in (Status.OPTIMAL, Status.FEASIBLE)
            else ()
        ),
    )


def _indices(problem: MatchProblem, chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return problem.pair_adept[chosen], problem.pair_mentor[chosen]


def _block_causes(problem: MatchProblem, store: PairStore) -> pl.DataFrame:
    """For each adept without a candidate pair, one row (adept_id, blocked_by) per distinct
    cause among its mentors (a block code, or null for a pair the scoring allows): what the
    unmatched reasons read of a full scores frame, so they come out the same."""
    rows: list[tuple[str, str | None]] = []
    allowed = store.allowed_per_adept()
    # One count over the pairs, not the per-adept lists (a sort of every pair: 0.3 s at
    # 41.7 million pairs) nor a loop over every adept.
    without = np.bincount(problem.pair_adept, minlength=problem.n_adepts) == 0
    for adept in np.flatnonzero(without).tolist():
        name = problem.adept_ids[adept]
        counts = zip(BLOCK_CODES, store.blocked[adept], strict=True)
        rows += [(name, code) for code, n in counts if n]
        if allowed[adept]:
            rows.append((name, None))
    return pl.DataFrame(rows, schema={"adept_id": pl.String, "blocked_by": pl.String}, orient="row")


def _plan(problem: MatchProblem, rows: pl.DataFrame, chosen: np.ndarray) -> Plan:
    """The plan of the ``chosen`` pairs from their scores rows (one each, in that order)."""
    if len(chosen) == 0:
        return Plan()
    rows = rows.with_columns(locked=pl.Series(problem.pair_locked[chosen])).sort("adept_id")
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
