"""One small CP-SAT model per rule module: feasible on its own, infeasible when a violating
assignment is fixed, feasible when a compliant one is; and each equality rule agrees with the
public validator on random fixed plans."""

from collections.abc import Callable, Iterable

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from instances import (
    adept,
    equality,
    mentor,
    no_equality,
    programme,
    programmes,
    score_of,
    worst_off_mean_centi,
)
from ortools.sat.python import cp_model

from smile_core.ingest.participants import Workplace
from smile_core.matching.checks import check_equality
from smile_core.matching.plan import Plan
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver.context import ModelContext, enforce
from smile_core.matching.solver.problem import build_problem
from smile_core.matching.solver.rules import (
    assignment,
    capacity,
    group_size,
    locks,
    match_rate,
    quality_parity,
    score,
    workplace_mix,
)
from smile_core.text import stored

FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
Key = tuple[str, str]


def _problem(prog, settings_=None, **decisions):
    settings_ = settings_ or no_equality()
    return build_problem(prog, score_pairs(prog, settings_), settings_, **decisions)


def _index(problem, key: Key) -> int:
    a = problem.adept_ids.index(key[0])
    m = problem.mentor_ids.index(key[1])
    return problem.pair_index[(a, m)]


def _solve(
    problem,
    rule: Callable[[ModelContext], object],
    ones: Iterable[Key] = (),
    zeros: Iterable[Key] = (),
    *,
    only: bool = False,
) -> int:
    """Status of a model with just ``rule`` and the given pairs fixed to 1 (and 0); with
    ``only``, every pair not in ``ones`` is fixed to 0."""
    ctx = ModelContext(problem)
    rule(ctx)
    ones = {_index(problem, k) for k in ones}
    zeros = {_index(problem, k) for k in zeros}
    for p in range(problem.n_pairs):
        if p in ones:
            ctx.model.add(ctx.x[p] == 1)
        elif p in zeros or only:
            ctx.model.add(ctx.x[p] == 0)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    return solver.solve(ctx.model)


FEASIBLE = (cp_model.OPTIMAL, cp_model.FEASIBLE)


def _maximise(problem, rule, ones: Iterable[Key]) -> float:
    """The value of ``rule``'s objective term with exactly ``ones`` in the plan."""
    ctx = ModelContext(problem)
    term = rule(ctx)
    chosen = {_index(problem, k) for k in ones}
    for p in range(problem.n_pairs):
        ctx.model.add(ctx.x[p] == int(p in chosen))
    ctx.model.maximize(term)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(ctx.model) == cp_model.OPTIMAL
    return solver.objective_value


# --- assignment ------------------------------------------------------------------------------


def _two_by_two(**mentor_fields):
    return programme(
        [adept("A01"), adept("A02")],
        [mentor("M01", capacity=2, **mentor_fields), mentor("M02", capacity=2)],
    )


def test_assignment_at_most_one_mentor_per_adept():
    """An adept fixed to two mentors breaks the rule; to one, it holds."""
    problem = _problem(_two_by_two())
    assert _solve(problem, assignment.add) in FEASIBLE
    assert _solve(problem, assignment.add, [("A01", "M01"), ("A01", "M02")]) == cp_model.INFEASIBLE
    assert _solve(problem, assignment.add, [("A01", "M01"), ("A02", "M01")]) in FEASIBLE


def test_assignment_must_match_adept_gets_exactly_one():
    """A must-match adept with every pair fixed out is infeasible; with one pair, feasible."""
    problem = _problem(_two_by_two(), must_match=["A01"])
    all_out = [("A01", "M01"), ("A01", "M02")]
    assert _solve(problem, assignment.add, zeros=all_out) == cp_model.INFEASIBLE
    assert _solve(problem, assignment.add, [("A01", "M02")], [("A01", "M01")]) in FEASIBLE
    # Adept A02 is free to stay out.
    assert _solve(problem, assignment.add, [("A01", "M01")], only=True) in FEASIBLE


def test_assignment_must_match_adept_without_candidates_is_infeasible():
    """A must-match adept no mentor may take makes the rule unsatisfiable on its own."""
    # A language no mentor speaks (with no language data at all the language rule is off).
    prog = programme([adept("A01", languages=("tigrinya",), swedish_level="")], [mentor("M01")])
    problem = _problem(prog, must_match=["A01"])
    assert problem.n_pairs == 0
    assert _solve(problem, assignment.add) == cp_model.INFEASIBLE


def test_assignment_term_counts_matched_adepts():
    """The coverage term is the number of pairs in the plan."""
    problem = _problem(_two_by_two())
    assert _maximise(problem, assignment.add, [("A01", "M02"), ("A02", "M02")]) == 2
    assert _maximise(problem, assignment.add, []) == 0


# --- capacity --------------------------------------------------------------------------------


def test_capacity_mentor_takes_at_most_capacity():
    """Two adepts fixed to a capacity-1 mentor break the rule; one holds."""
    prog = programme([adept("A01"), adept("A02")], [mentor("M01")])
    problem = _problem(prog)
    assert _solve(problem, capacity.add) in FEASIBLE
    assert _solve(problem, capacity.add, [("A01", "M01"), ("A02", "M01")]) == cp_model.INFEASIBLE
    assert _solve(problem, capacity.add, [("A02", "M01")]) in FEASIBLE


def test_capacity_workplace_takes_at_most_capacity_across_its_mentors():
    """Three adepts at a 2-place workplace (two mentors with room) break the rule; two hold."""
    prog = programme(
        [adept("A01"), adept("A02"), adept("A03")],
        [
            mentor("M01", workplace_id="W1", capacity=2),
            mentor("M02", workplace_id="W1", capacity=2),
        ],
        [Workplace("W1", capacity=2)],
    )
    problem = _problem(prog)
    three = [("A01", "M01"), ("A02", "M01"), ("A03", "M02")]
    assert _solve(problem, capacity.add, three) == cp_model.INFEASIBLE
    assert _solve(problem, capacity.add, three[1:]) in FEASIBLE


def test_capacity_mentor_without_workplace_is_not_counted_at_a_workplace():
    """A mentor without a workplace does not use a workplace's places."""
    prog = programme(
        [adept("A01"), adept("A02")],
        [mentor("M01", workplace_id="W1"), mentor("M02", capacity=2)],
        [Workplace("W1", capacity=1)],
    )
    problem = _problem(prog)
    assert _solve(problem, capacity.add, [("A01", "M01"), ("A02", "M02")]) in FEASIBLE


# --- locks -----------------------------------------------------------------------------------


def test_locks_locked_pair_is_always_in():
    """A locked pair fixed out is infeasible; fixed in, feasible."""
    problem = _problem(_two_by_two(), locks=[("A01", "M02")])
    assert _solve(problem, locks.add) in FEASIBLE
    assert _solve(problem, locks.add, zeros=[("A01", "M02")]) == cp_model.INFEASIBLE
    assert _solve(problem, locks.add, [("A01", "M02")]) in FEASIBLE


def test_locks_lock_overrides_a_disallowed_pair():
    """A locked pair the scoring rules forbid is still a candidate, and must be in."""
    # A language no mentor speaks (with no language data at all the language rule is off).
    prog = programme([adept("A01", languages=("tigrinya",), swedish_level="")], [mentor("M01")])
    problem = _problem(prog, locks=[("A01", "M01")])
    assert problem.n_pairs == 1
    assert _solve(problem, locks.add, zeros=[("A01", "M01")]) == cp_model.INFEASIBLE


def test_locks_locked_and_forbidden_pair_is_infeasible_on_its_own():
    """A pair both locked and forbidden cannot be in and out: infeasible whatever is fixed."""
    problem = _problem(_two_by_two(), locks=[("A01", "M01")], forbids=[("A01", "M01")])
    assert _solve(problem, locks.add) == cp_model.INFEASIBLE


# --- match-rate parity -----------------------------------------------------------------------


def _five_and_five():
    women = [adept(f"A0{i}", "woman") for i in range(1, 6)]
    men = [adept(f"A1{i}", "man") for i in range(1, 6)]
    return programme(women + men, [mentor("M01", capacity=10)])


def _rate(k=5, points=5.0):
    return MatchSettings(equality=equality(k=k, match_rate=points))


def test_match_rate_group_below_its_share_breaks_the_rule():
    """Women are half the applicants: two men and no woman matched breaks the 5-point rule."""
    problem = _problem(_five_and_five(), _rate())
    men_only = [("A11", "M01"), ("A12", "M01")]
    assert _solve(problem, match_rate.add) in FEASIBLE
    assert _solve(problem, match_rate.add, men_only, only=True) == cp_model.INFEASIBLE
    assert _solve(problem, match_rate.add, [("A01", "M01"), ("A11", "M01")], only=True) in FEASIBLE


def test_match_rate_boundary_is_inclusive():
    """Share exactly at applicants' share minus X holds; a hair below breaks it."""
    # 10 applicants, 5 women (50%); X = 10 → women need >= 40% of the matched.
    problem = _problem(_five_and_five(), _rate(points=10.0))
    two_of_five = [("A01", "M01"), ("A02", "M01"), ("A11", "M01"), ("A12", "M01"), ("A13", "M01")]
    assert _solve(problem, match_rate.add, two_of_five, only=True) in FEASIBLE  # 40%
    three_of_seven = [("A01", "M01"), ("A02", "M01"), ("A03", "M01")] + [
        (f"A1{i}", "M01") for i in range(1, 5)
    ]
    assert _solve(problem, match_rate.add, three_of_seven, only=True) in FEASIBLE  # 42.9%
    one_of_three = [("A01", "M01"), ("A11", "M01"), ("A12", "M01")]
    assert _solve(problem, match_rate.add, one_of_three, only=True) == cp_model.INFEASIBLE


@pytest.mark.parametrize("settings_", [_rate(k=6), no_equality()])
def test_match_rate_small_groups_and_switched_off_are_not_constrained(settings_):
    """Groups smaller than k, or the rule off: a men-only plan is fine."""
    problem = _problem(_five_and_five(), settings_)
    men_only = [("A11", "M01"), ("A12", "M01")]
    assert _solve(problem, match_rate.add, men_only, only=True) in FEASIBLE


def test_match_rate_empty_plan_keeps_the_rule():
    """With nobody matched there are no shares to compare."""
    problem = _problem(_five_and_five(), _rate())
    assert _solve(problem, match_rate.add, [], only=True) in FEASIBLE


# --- quality parity --------------------------------------------------------------------------


def _quality_programme():
    """Two women and two men; A01 and A11 fit M01 perfectly, A02 and A12 fit nobody."""
    return programme(
        [
            adept("A01", "woman"),
            adept("A02", "woman", field="jurist", target_field="jurist"),
            adept("A11", "man"),
            adept("A12", "man", field="jurist", target_field="jurist"),
        ],
        [mentor("M01", capacity=4)],
    )


def test_quality_parity_max_gap_between_means():
    """A well-fitted woman with a badly fitted man breaks a 5-point gap; like with like holds."""
    settings_ = MatchSettings(equality=equality(k=2, quality=5.0))
    problem = _problem(_quality_programme(), settings_)
    assert _solve(problem, quality_parity.add) in FEASIBLE
    unequal = [("A01", "M01"), ("A12", "M01")]
    assert _solve(problem, quality_parity.add, unequal, only=True) == cp_model.INFEASIBLE
    equal = [("A01", "M01"), ("A11", "M01")]
    assert _solve(problem, quality_parity.add, equal, only=True) in FEASIBLE
    # A group with nobody matched has no mean, so no constraint.
    assert _solve(problem, quality_parity.add, [("A01", "M01")], only=True) in FEASIBLE


def test_quality_parity_wide_gap_allows_unequal_means():
    """With a 100-point gap allowed, any plan keeps the rule."""
    settings_ = MatchSettings(equality=equality(k=2, quality=100.0))
    problem = _problem(_quality_programme(), settings_)
    assert _solve(problem, quality_parity.add, [("A01", "M01"), ("A12", "M01")], only=True) in (
        FEASIBLE
    )


def test_quality_parity_maximin_term_is_the_worse_mean():
    """MAXIMIN's term is the lower group mean in centipoints, rounded down, 0 for nobody matched."""
    prog = _quality_programme()
    settings_ = MatchSettings(equality=equality(k=2, maximin=True))
    problem = _problem(prog, settings_)
    scores = score_of(score_pairs(prog, settings_))
    for plan in (
        [("A01", "M01"), ("A12", "M01")],
        [("A01", "M01"), ("A02", "M01"), ("A11", "M01")],
        [("A01", "M01")],
    ):
        expected = worst_off_mean_centi(prog, plan, scores)
        term = lambda ctx: quality_parity.add(ctx)["worst_off_mean"]  # noqa: E731
        assert _maximise(problem, term, plan) == expected


def test_quality_parity_needs_both_groups_at_least_k():
    """One group below k: no rule, no term."""
    settings_ = MatchSettings(equality=equality(k=3, quality=0.0))
    problem = _problem(_quality_programme(), settings_)
    ctx = ModelContext(problem)
    assert quality_parity.add(ctx) == {}
    assert len(ctx.model.proto.constraints) == 0


# --- workplace mix ---------------------------------------------------------------------------


def _mix_programme():
    return programme(
        [adept("A01", "woman"), adept("A11", "man"), adept("A12", "man"), adept("A13", "man")],
        [mentor("M01", workplace_id="W1", capacity=4)],
        [Workplace("W1", capacity=4)],
    )


def test_workplace_mix_two_or_more_need_the_share_of_women():
    """At a 50%-women workplace two men break the rule; a mixed pair or one man alone keep it."""
    problem = _problem(_mix_programme(), MatchSettings(equality=equality(mix=0.5)))
    assert _solve(problem, workplace_mix.add) in FEASIBLE
    two_men = [("A11", "M01"), ("A12", "M01")]
    assert _solve(problem, workplace_mix.add, two_men, only=True) == cp_model.INFEASIBLE
    mixed = [("A01", "M01"), ("A11", "M01")]
    assert _solve(problem, workplace_mix.add, mixed, only=True) in FEASIBLE
    assert _solve(problem, workplace_mix.add, [("A11", "M01")], only=True) in FEASIBLE
    one_of_three = [("A01", "M01"), ("A11", "M01"), ("A12", "M01")]
    assert _solve(problem, workplace_mix.add, one_of_three, only=True) == cp_model.INFEASIBLE


def test_workplace_mix_off_by_default():
    """The default settings leave the workplace mix off: two men anywhere are fine."""
    problem = _problem(_mix_programme(), MatchSettings())
    two_men = [("A11", "M01"), ("A12", "M01")]
    assert _solve(problem, workplace_mix.add, two_men, only=True) in FEASIBLE


# --- group size ------------------------------------------------------------------------------


def _group_programme():
    return programme(
        [adept(f"A0{i}") for i in range(1, 5)],
        [mentor("G1", capacity=4, min_group_size=3), mentor("M01", capacity=4)],
    )


def test_group_size_a_group_runs_with_nobody_or_at_least_its_minimum():
    """A group mentor (minimum 3) with two adepts breaks the rule; none or three keep it."""
    problem = _problem(_group_programme())
    assert _solve(problem, group_size.add) in FEASIBLE
    two = [("A01", "G1"), ("A02", "G1")]
    assert _solve(problem, group_size.add, two, only=True) == cp_model.INFEASIBLE
    assert _solve(problem, group_size.add, [*two, ("A03", "G1")], only=True) in FEASIBLE
    assert _solve(problem, group_size.add, [("A01", "M01")], only=True) in FEASIBLE


def test_group_size_one_to_one_mentors_have_no_minimum():
    """A mentor without a minimum (0 or 1) may take a single adept."""
    prog = programme([adept("A01")], [mentor("M01", capacity=2, min_group_size=1)])
    problem = _problem(prog)
    ctx = ModelContext(problem)
    group_size.add(ctx)
    assert len(ctx.model.proto.constraints) == 0
    assert _solve(problem, group_size.add, [("A01", "M01")], only=True) in FEASIBLE


# --- score -----------------------------------------------------------------------------------


def test_score_term_is_the_plan_total_plus_the_stability_bonus():
    """The score term is the plan's centipoints plus the stability weight per kept pair."""
    prog = _two_by_two()
    previous = Plan.from_keys([("A01", "M01")])
    settings_ = no_equality(MatchSettings(stability_weight=12.5))
    problem = _problem(prog, settings_, previous=previous)
    scores = score_of(score_pairs(prog, settings_))
    plan = [("A01", "M01"), ("A02", "M02")]
    expected = sum(round(scores[k] * 100) for k in plan) + 1250
    assert _maximise(problem, score.add, plan) == expected
    assert _maximise(problem, score.add, [("A02", "M01")]) == round(scores[("A02", "M01")] * 100)


# --- the model context -----------------------------------------------------------------------


def test_context_guards_only_in_explain_mode():
    """Guards are None outside explain mode; in it, literals that switch their rule off."""
    problem = _problem(_two_by_two())
    assert ModelContext(problem).guard("lock", stored("sv", "en")) is None
    ctx = ModelContext(problem, explain=True)
    literal = ctx.guard(
        "mentor_capacity", stored("Mentor M01", "Mentor M01"), subject="M01", limit=2
    )
    assert literal is not None
    assert ctx.guards[0][1].kind == "mentor_capacity"
    assert ctx.guards[0][1].limit == 2
    row = ctx.model.add(ctx.x[0] + ctx.x[1] >= 3)  # impossible on its own
    enforce(row, literal)
    ctx.model.add(literal == 0)
    assert cp_model.CpSolver().solve(ctx.model) in FEASIBLE


# --- each equality rule agrees with the public validator ---------------------------------------


@st.composite
def _random_plan(draw, problem):
    """At most one candidate pair per adept (capacities ignored: the rule is judged alone)."""
    chosen = []
    for pairs in problem.pairs_of_adept:
        if len(pairs) and draw(st.booleans()):
            chosen.append(int(draw(st.sampled_from(pairs.tolist()))))
    return sorted(chosen)


def _keys(problem, chosen):
    return [
        (problem.adept_ids[problem.pair_adept[p]], problem.mentor_ids[problem.pair_mentor[p]])
        for p in chosen
    ]


def _fixed_status(problem, rule, chosen) -> int:
    ctx = ModelContext(problem)
    rule(ctx)
    chosen_set = set(chosen)
    for p in range(problem.n_pairs):
        ctx.model.add(ctx.x[p] == int(p in chosen_set))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    return solver.solve(ctx.model)


@settings(FAST, max_examples=40)
@given(
    data=st.data(),
    prog=programmes(max_adepts=12, max_mentors=6),
    k=st.sampled_from((1, 2, 3, 5)),
    points=st.sampled_from((0.0, 2.5, 5.0, 12.5, 33.33)),
)
def test_match_rate_rule_agrees_with_the_public_check(data, prog, k, points):
    """On random fixed plans the match-rate rows hold exactly when check_equality agrees."""
    settings_ = MatchSettings(
        equality=equality(k=k, match_rate=points), allow_no_shared_language=True
    )
    problem = _problem(prog, settings_)
    chosen = data.draw(_random_plan(problem))
    broken = [v for v in check_equality(prog, _keys(problem, chosen), settings_)]
    status = _fixed_status(problem, match_rate.add, chosen)
    assert (status == cp_model.INFEASIBLE) == bool(broken)


@settings(FAST, max_examples=40)
@given(
    data=st.data(),
    prog=programmes(max_adepts=12, max_mentors=6),
    k=st.sampled_from((1, 2, 3)),
    gap=st.sampled_from((0.0, 2.5, 5.0, 20.0)),
)
def test_quality_parity_rule_agrees_with_the_public_check(data, prog, k, gap):
    """On random fixed plans the quality-parity rows hold exactly when check_equality agrees."""
    settings_ = MatchSettings(equality=equality(k=k, quality=gap), allow_no_shared_language=True)
    problem = _problem(prog, settings_)
    chosen = data.draw(_random_plan(problem))
    scores = score_of(score_pairs(prog, settings_))
    broken = check_equality(prog, _keys(problem, chosen), settings_, scores=scores)
    status = _fixed_status(problem, quality_parity.add, chosen)
    assert (status == cp_model.INFEASIBLE) == bool(broken)


@settings(FAST, max_examples=40)
@given(
    data=st.data(),
    prog=programmes(max_adepts=12, max_mentors=6),
    share=st.sampled_from((0.25, 1 / 3, 0.5, 0.6, 1.0)),
)
def test_workplace_mix_rule_agrees_with_the_public_check(data, prog, share):
    """On random fixed plans the workplace-mix rows hold exactly when check_equality agrees."""
    settings_ = MatchSettings(equality=equality(mix=share), allow_no_shared_language=True)
    problem = _problem(prog, settings_)
    chosen = data.draw(_random_plan(problem))
    # The rule skips workplaces that can never take two adepts, so respect capacities here.
    load: dict[int, int] = {}
    kept = []
    for p in chosen:
        w = int(problem.pair_workplace[p])
        if w >= 0:
            if load.get(w, 0) >= problem.workplace_capacity[w]:
                continue
            load[w] = load.get(w, 0) + 1
        kept.append(p)
    broken = check_equality(prog, _keys(problem, kept), settings_)
    status = _fixed_status(problem, workplace_mix.add, kept)
    assert (status == cp_model.INFEASIBLE) == bool(broken)


def test_rules_add_nothing_when_off():
    """With the equality rules off, the equality modules add no constraint and no term."""
    problem = _problem(_quality_programme(), no_equality())
    ctx = ModelContext(problem)
    assert match_rate.add(ctx) is None
    assert quality_parity.add(ctx) == {}
    assert workplace_mix.add(ctx) == {}
    assert len(ctx.model.proto.constraints) == 0
    assert np.array_equal(
        np.array([v.index for v in ctx.x]), np.arange(problem.n_pairs)
    )  # only the pair variables exist
