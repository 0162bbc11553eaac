"""The engine's one entry point, judged from outside: public validators, independent optima
(an LP with GLOP, brute force), determinism, re-solving and the result's own figures."""

import dataclasses

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from instances import (
    adept,
    brute_force,
    decisions,
    equality,
    full_model_optimum,
    judge,
    lp_optimum,
    match_settings,
    mentor,
    no_equality,
    programme,
    programmes,
    score_of,
    worst_off_mean_centi,
)

from smile_core.demo.synthetic import random_programme
from smile_core.equality.metrics import gender_figures
from smile_core.ingest.participants import Gender, Workplace
from smile_core.matching.checks import check_plan
from smile_core.matching.plan import Plan, Status, UnmatchedReason, diff_plans
from smile_core.matching.scoring import COMPONENTS, score_pairs
from smile_core.matching.settings import MatchSettings, Priority, ScoreWeights
from smile_core.matching.solver import PlanInputError, solve

FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _consistent(prog, result, settings_, locks=(), forbids=(), must_match=()):
    """Assert everything a result says about itself agrees with the programme and scores."""
    scores = score_pairs(prog, settings_)
    score = score_of(scores)
    rows = {(r["adept_id"], r["mentor_id"]): r for r in scores.iter_rows(named=True)}
    pairs = result.plan.pairs
    for pair in pairs:
        row = rows[pair.key]
        assert pair.score == row["score"]
        assert pair.workplace_id == (prog.mentor_by_id[pair.mentor_id].workplace_id or "")
        assert dict(pair.components) == {
            **{c: row[c] for c in COMPONENTS},
            "gender_penalty": row["gender_penalty"],
        }
        assert pair.locked == (pair.key in set(locks))
    assert [p.adept_id for p in pairs] == sorted(p.adept_id for p in pairs)
    assert result.total_score == round(sum(round(score[p.key] * 100) for p in pairs) / 100, 2)
    assert result.by_gender == gender_figures(prog, {p.adept_id: p.score for p in pairs})
    matched = {p.adept_id for p in pairs}
    assert [u.adept_id for u in result.unmatched] == [
        a.id for a in prog.adepts if a.id not in matched
    ]
    for u in result.unmatched:
        assert u.message_sv and u.message_en and u.message_sv != u.message_en
    assert 0 <= result.gap <= 1
    assert result.best_bound >= result.objective - 1e-9


# --- every plan keeps every rule ---------------------------------------------------------------


@settings(FAST, max_examples=30)
@given(data=st.data(), prog=programmes(), settings_=match_settings())
def test_generated_plans_keep_every_rule_by_the_public_validators(data, prog, settings_):
    """Generated instances: every plan passes the public checks; no plan comes with conflicts."""
    locks, forbids, must = data.draw(decisions(prog))
    settings_ = dataclasses.replace(settings_, time_limit_seconds=5.0)
    result = solve(prog, settings_, locks=locks, forbids=forbids, must_match=must)
    if result.status is Status.INFEASIBLE:
        assert result.plan.pairs == ()
        assert result.conflicts, "an infeasible result names the rules that conflict"
        assert all(c.message_sv and c.message_en for c in result.conflicts)
        assert {u.reason for u in result.unmatched} <= {UnmatchedReason.NO_PLAN}
        return
    assert result.has_plan, result.status
    assert judge(prog, result, settings_, locks=locks, forbids=forbids, must_match=must) == []
    _consistent(prog, result, settings_, locks, forbids, must)


@settings(FAST, max_examples=40)
@given(data=st.data(), prog=programmes(max_adepts=5, max_mentors=4, max_workplaces=2))
def test_tiny_plans_are_optimal_with_every_rule_against_brute_force(data, prog):
    """Tiny instances with equality rules: infeasible exactly when brute force is, else optimal."""
    settings_ = data.draw(match_settings())
    locks, forbids, must = data.draw(decisions(prog, max_locks=1, max_forbids=2))
    best = brute_force(prog, settings_, locks=locks, forbids=forbids, must_match=must)
    result = solve(prog, settings_, locks=locks, forbids=forbids, must_match=must)
    if best is None:
        assert result.status is Status.INFEASIBLE
        assert result.conflicts
        return
    assert result.status is Status.OPTIMAL
    assert judge(prog, result, settings_, locks=locks, forbids=forbids, must_match=must) == []
    assert round(result.total_score * 100) == best.total_centi
    if settings_.priority is Priority.COVERAGE:
        assert result.matched == best.matched


@settings(FAST, max_examples=40)
@given(
    data=st.data(),
    prog=programmes(group_mentors=False),
    settings_=match_settings(equality_rules=False),
)
def test_without_equality_the_total_is_the_independent_lp_optimum(data, prog, settings_):
    """Equality off: total (and coverage's matched count) equal the GLOP LP optimum."""
    locks, forbids, must = data.draw(decisions(prog))
    reference = lp_optimum(prog, settings_, locks=locks, forbids=forbids, must_match=must)
    result = solve(prog, settings_, locks=locks, forbids=forbids, must_match=must)
    if reference is None:
        assert result.status is Status.INFEASIBLE
        return
    assert result.status is Status.OPTIMAL
    assert round(result.total_score * 100) == reference.total_centi
    assert result.best_bound == result.total_score
    if settings_.priority is Priority.COVERAGE:
        assert result.matched == reference.matched
    assert judge(prog, result, settings_, locks=locks, forbids=forbids, must_match=must) == []


@pytest.mark.parametrize("priority", list(Priority))
@pytest.mark.parametrize("seed", [3, 11])
def test_generated_cohort_of_sixty_reaches_the_lp_optimum(priority, seed):
    """A 60-adept random cohort without equality rules: the LP optimum, both priorities."""
    prog = random_programme(60, seed=seed)
    settings_ = no_equality(MatchSettings(priority=priority))
    reference = lp_optimum(prog, settings_)
    result = solve(prog, settings_)
    assert result.status is Status.OPTIMAL
    assert round(result.total_score * 100) == reference.total_centi
    if priority is Priority.COVERAGE:
        assert result.matched == reference.matched
    else:
        assert result.matched <= lp_optimum(prog, no_equality()).matched


@settings(FAST, max_examples=30)
@given(data=st.data(), prog=programmes(max_adepts=5, max_mentors=4, max_workplaces=2))
def test_tiny_maximin_plans_are_optimal_against_brute_force(data, prog):
    """Tiny instances under MAXIMIN reach the brute-force optimum of its lexicographic stages."""
    settings_ = data.draw(match_settings(maximin=True))
    locks, forbids, must = data.draw(decisions(prog, max_locks=1, max_forbids=2))
    best = brute_force(prog, settings_, locks=locks, forbids=forbids, must_match=must)
    result = solve(prog, settings_, locks=locks, forbids=forbids, must_match=must)
    if best is None:
        assert result.status is Status.INFEASIBLE
        return
    assert result.status is Status.OPTIMAL
    scores = score_of(score_pairs(prog, settings_))
    assert worst_off_mean_centi(prog, result.plan.keys, scores) == worst_off_mean_centi(
        prog, best.plan, scores
    ) or not _both_groups_constrained(prog, settings_)
    assert round(result.total_score * 100) == best.total_centi
    if settings_.priority is Priority.COVERAGE:
        assert result.matched == best.matched
    assert judge(prog, result, settings_, locks=locks, forbids=forbids, must_match=must) == []


@pytest.mark.parametrize("n, seed", [(10, 2), (14, 0), (18, 3)])
def test_maximin_optimum_survives_pruning(n, seed):
    """MAXIMIN: worst-off mean and total equal the full CP-SAT model's, solved without pruning."""
    prog = random_programme(n, seed=seed)
    settings_ = MatchSettings(equality=equality(k=2, maximin=True))
    reference = full_model_optimum(prog, settings_)
    result = solve(prog, settings_)
    scores = score_of(score_pairs(prog, settings_))
    assert result.matched == reference.matched
    assert worst_off_mean_centi(prog, result.plan.keys, scores) == worst_off_mean_centi(
        prog, reference.plan, scores
    )
    assert round(result.total_score * 100) == reference.total_centi


@pytest.mark.parametrize("priority", list(Priority))
def test_maximin_tiny_regression(maximin_tiny, priority):
    """maximin_tiny, which reduced-cost pruning once got wrong: the brute-force optimum."""
    settings_ = dataclasses.replace(maximin_tiny.settings, priority=priority)
    prog = maximin_tiny.programme
    best = brute_force(prog, settings_)
    result = maximin_tiny.solve(settings_)
    scores = score_of(score_pairs(prog, settings_))
    assert worst_off_mean_centi(prog, result.plan.keys, scores) == worst_off_mean_centi(
        prog, best.plan, scores
    )
    assert round(result.total_score * 100) == best.total_centi
    assert result.matched == best.matched or priority is Priority.QUALITY


def _both_groups_constrained(prog, settings_):
    k = settings_.equality.min_group_size
    return all(sum(1 for a in prog.adepts if a.gender.value == g) >= k for g in ("woman", "man"))


@pytest.mark.parametrize(
    "n, seed, priority, gap",
    [
        (40, 0, Priority.COVERAGE, None),
        (24, 3, Priority.QUALITY, None),
        (40, 3, Priority.QUALITY, None),
        (16, 0, Priority.QUALITY, 10.0),
    ],
)
def test_pruning_and_warm_start_never_lose_the_optimum(n, seed, priority, gap):
    """Where pruning removes pairs, the engine still reaches the full CP-SAT model's optimum."""
    prog = random_programme(n, seed=seed)
    settings_ = MatchSettings(
        priority=priority, equality=equality(k=3, match_rate=0.0, quality=gap)
    )
    reference = full_model_optimum(prog, settings_)
    result = solve(prog, settings_)
    assert result.status is Status.OPTIMAL
    assert round(result.total_score * 100) == reference.total_centi
    assert result.matched == reference.matched or priority is Priority.QUALITY
    assert judge(prog, result, settings_) == []


def test_coverage_matches_at_least_as_many_and_quality_scores_at_least_as_much(tiny):
    """Coverage never matches fewer adepts than quality, and quality never scores less."""
    coverage = tiny.solve(MatchSettings(priority=Priority.COVERAGE))
    quality = tiny.solve(MatchSettings(priority=Priority.QUALITY))
    assert coverage.matched >= quality.matched
    assert quality.total_score >= coverage.total_score


# --- named instances ---------------------------------------------------------------------------


def test_tiny_fills_every_seat_and_says_why_the_others_wait(tiny):
    """tiny: 3 seats (W1 caps M01+M02 at 2, M03 has 1), so 3 matched, the brute-force best."""
    result = tiny.solve()
    assert result.status is Status.OPTIMAL
    assert result.matched == 3
    best = brute_force(tiny.programme, tiny.settings)
    assert round(result.total_score * 100) == best.total_centi
    reasons = {u.adept_id: u.reason for u in result.unmatched}
    assert reasons.pop("A06") is UnmatchedReason.NO_SHARED_LANGUAGE
    assert set(reasons.values()) == {UnmatchedReason.ALL_FULL}
    assert judge(tiny.programme, result, tiny.settings) == []
    _consistent(tiny.programme, result, tiny.settings)


def test_parity_equality_rules_bring_women_in_at_the_brute_force_optimum(parity):
    """parity: lifting brings women in at the brute-force optimum; the gap target is missed."""
    unequal = parity.solve(no_equality())
    assert unequal.by_gender[0].matched == 0  # women
    fair = parity.solve()
    women, men = fair.by_gender[0], fair.by_gender[1]
    assert women.matched / fair.matched >= 0.5 - 0.05
    # Lifting cannot bring the means within 10 points (at these counts the women's best mean
    # is 56.25, the men's then 80): the target is missed and said so, not met by giving the
    # men less suitable mentors.
    assert women.mean_score == 56.25 and men.mean_score == 80.0
    (missed,) = [n for n in fair.equality_notes if n.kind == "quality_target"]
    assert "less suitable mentors" in missed.message_en
    best = brute_force(parity.programme, parity.settings)
    assert (fair.matched, round(fair.total_score * 100)) == (best.matched, best.total_centi)
    assert fair.total_score < unequal.total_score
    assert judge(parity.programme, fair, parity.settings) == []


def test_programme_without_workplaces_solves():
    """Mentors need not belong to a workplace: a programme with none at all still solves."""
    prog = programme(
        [adept("A01"), adept("A02"), adept("A03", languages=("tigrinya",), swedish_level="")],
        [mentor("M01")],
    )
    result = solve(prog)
    assert result.status is Status.OPTIMAL
    assert result.matched == 1
    assert {u.reason for u in result.unmatched} == {
        UnmatchedReason.MENTOR_FULL,
        UnmatchedReason.NO_SHARED_LANGUAGE,
    }


def test_workplace_with_no_places_takes_nobody():
    """A workplace of capacity 0: its mentors get no adepts, others still do."""
    prog = programme(
        [adept("A01"), adept("A02")],
        [mentor("M01", workplace_id="W0", capacity=2), mentor("M02", workplace_id="W1")],
        [Workplace("W0", capacity=0), Workplace("W1", capacity=5)],
    )
    result = solve(prog, no_equality())
    assert {p.mentor_id for p in result.plan.pairs} == {"M02"}
    assert result.matched == 1


def test_adepts_nobody_can_work_with_leave_an_empty_optimal_plan():
    """Adepts who share no language with any mentor: an empty optimal plan, not an error."""
    # A language no mentor speaks: with no language data at all the rule would be off.
    lonely = adept("A01", languages=("tigrinya",), swedish_level="")
    strangers = solve(programme([lonely], [mentor("M01")]))
    assert strangers.status is Status.OPTIMAL and strangers.matched == 0
    assert strangers.total_score == 0
    assert strangers.unmatched[0].reason is UnmatchedReason.NO_SHARED_LANGUAGE


@pytest.mark.parametrize("n_adepts,n_mentors", [(0, 1), (1, 0)])
def test_programme_with_an_empty_side_gives_an_empty_plan(n_adepts, n_mentors):
    """No adepts yet, or no mentors yet: an empty optimal plan, not an error."""
    prog = programme(
        [adept(f"A0{i}") for i in range(1, n_adepts + 1)],
        [mentor(f"M0{i}") for i in range(1, n_mentors + 1)],
    )
    result = solve(prog)
    assert result.status is Status.OPTIMAL and result.matched == 0


# --- locks, forbids, must-match ----------------------------------------------------------------


def test_lock_overrides_the_scoring_rules_and_is_marked(tiny):
    """A locked pair with no shared language is still placed, and marked as locked."""
    result = tiny.solve(locks=[("A06", "M03")])
    assert ("A06", "M03") in result.plan.keys
    assert next(p for p in result.plan.pairs if p.adept_id == "A06").locked
    assert judge(tiny.programme, result, tiny.settings, locks=[("A06", "M03")]) == []


def test_forbid_removes_the_best_pair_and_costs_score(tiny):
    """Forbidding a pair of the optimal plan keeps it out and cannot raise the total."""
    best = tiny.solve()
    pair = best.plan.pairs[0].key
    result = tiny.solve(forbids=[pair])
    assert pair not in result.plan.keys
    assert result.total_score <= best.total_score


def test_must_match_brings_in_an_adept_quality_would_leave_out():
    """Quality leaves a zero-score adept unmatched; must-match puts them in."""
    weights = ScoreWeights(1, 0, 0, 0, 0, 0)
    prog = programme(
        [adept("A01", target_field="ekonom"), adept("A02", target_field="jurist")],
        [mentor("M01", capacity=2)],
    )
    settings_ = MatchSettings(weights=weights, priority=Priority.QUALITY)
    assert solve(prog, settings_, must_match=["A02"]).plan.mentor_of == {
        "A01": "M01",
        "A02": "M01",
    }


def test_unknown_ids_in_decisions_are_all_named():
    """Locks, forbids and must-match naming people who are not there: one error naming each."""
    prog = programme([adept("A01")], [mentor("M01")])
    with pytest.raises(PlanInputError) as error:
        solve(prog, locks=[("A09", "M01")], forbids=[("A01", "M07")], must_match=["A05"])
    message = str(error.value)
    assert "'A09'" in message and "'M07'" in message and "'A05'" in message


# --- infeasibility -----------------------------------------------------------------------------


def test_two_locks_on_a_capacity_one_mentor_are_named_with_the_capacity(locks_over_capacity):
    """The summary sentence first, then exactly the two locks and M02's capacity."""
    result = locks_over_capacity.solve()
    assert result.status is Status.INFEASIBLE
    assert result.plan.pairs == () and not result.has_plan
    summary, *items = result.conflicts
    assert summary.kind == "summary"
    assert summary.message_en == (
        "Locked pairs A01–M02 and A07–M02 exceed mentor M02's capacity of 1"
    )
    assert (
        summary.message_sv
        == "Låsta par A01–M02 och A07–M02 överskrider mentor M02:s kapacitet på 1"
    )
    assert sorted((c.kind, c.subject) for c in items) == [
        ("lock", "A01–M02"),
        ("lock", "A07–M02"),
        ("mentor_capacity", "M02"),
    ]
    assert all(u.reason is UnmatchedReason.NO_PLAN for u in result.unmatched)
    assert len(result.unmatched) == 7


def test_must_match_over_capacity_names_the_three_adepts_and_both_mentors(
    must_match_over_capacity,
):
    """Three must-match adepts, two seats: the conflict is those five rules, no more, each
    adept named with the mentors allowed for them."""
    result = must_match_over_capacity.solve()
    assert result.status is Status.INFEASIBLE
    kinds = sorted((c.kind, c.message_en) for c in result.conflicts)
    assert kinds == [
        ("mentor_capacity", "Mentor M01 takes at most 1 adept"),
        ("mentor_capacity", "Mentor M02 takes at most 1 adept"),
        ("must_match", "Adept A01 must be matched; allowed mentors: M01, M02"),
        ("must_match", "Adept A02 must be matched; allowed mentors: M01, M02"),
        ("must_match", "Adept A03 must be matched; allowed mentors: M01, M02"),
    ]
    assert all("A04" not in c.message_en for c in result.conflicts)


def test_lock_and_forbid_on_one_pair_name_just_those_two(lock_and_forbid):
    """Locked and forbidden A01–M01: exactly that lock and that forbid conflict."""
    result = lock_and_forbid.solve()
    assert result.status is Status.INFEASIBLE
    assert sorted((c.kind, c.subject) for c in result.conflicts) == [
        ("forbid", "A01–M01"),
        ("lock", "A01–M01"),
    ]
    by_kind = {c.kind: c for c in result.conflicts}
    assert by_kind["forbid"].message_sv == "Förbjudet par A01–M01"
    assert by_kind["lock"].message_en == "Locked pair A01–M01"


def test_workplace_mix_without_women_names_the_locks_and_the_mix(mix_without_women):
    """Only men, two locked to one workplace that needs 25% women: those three rules."""
    result = mix_without_women.solve()
    assert result.status is Status.INFEASIBLE
    assert sorted(c.kind for c in result.conflicts) == ["lock", "lock", "workplace_mix"]
    mix = next(c for c in result.conflicts if c.kind == "workplace_mix")
    assert "W1" in mix.message_en and "25" in mix.message_en
    assert "W1" in mix.message_sv


def test_impossible_match_rate_names_the_lock_and_the_target():
    """Women nobody can take plus a locked man: the conflict is that lock and the women's target."""
    # Matching nobody would keep the rule (no shares to compare); the lock forbids that.
    women = [adept(f"A0{i}", "woman", languages=(), swedish_level="") for i in range(1, 4)]
    men = [adept(f"A1{i}", "man") for i in range(1, 4)]
    prog = programme(women + men, [mentor("M01", capacity=3)])
    settings_ = MatchSettings(equality=equality(k=3, match_rate=5.0))
    result = solve(prog, settings_, locks=[("A11", "M01")])
    assert result.status is Status.INFEASIBLE
    assert sorted(c.kind for c in result.conflicts) == ["lock", "match_rate"]
    rate = next(c for c in result.conflicts if c.kind == "match_rate")
    assert "woman" in rate.message_en


def test_lock_at_a_closed_workplace_names_the_workplace_capacity():
    """A lock at a workplace with no places: the summary names the workplace's capacity 0."""
    prog = programme(
        [adept("A01")], [mentor("M01", workplace_id="W1")], [Workplace("W1", capacity=0)]
    )
    result = solve(prog, locks=[("A01", "M01")])
    assert result.status is Status.INFEASIBLE
    assert result.conflicts[0].message_en == (
        "Locked pairs A01–M01 exceed workplace W1's capacity of 0"
    )


# --- determinism and ties ----------------------------------------------------------------------


def _identical_mentors_programme():
    return programme(
        [adept(f"A0{i}", "woman" if i % 2 else "man") for i in range(1, 7)],
        [mentor(f"M0{i}", capacity=2) for i in range(1, 4)],
    )


@pytest.mark.parametrize("priority", list(Priority))
def test_same_seed_same_plan_among_many_ties(priority):
    """Six identical adepts, three identical mentors: many optimal plans, one chosen, twice."""
    prog = _identical_mentors_programme()
    settings_ = MatchSettings(priority=priority, seed=7)
    first, second = solve(prog, settings_), solve(prog, settings_)
    assert first.plan == second.plan
    assert first.total_score == second.total_score == 6 * first.plan.pairs[0].score


def test_same_seed_same_plan_when_cp_sat_searches(parity):
    """Where the equality rules send the search to CP-SAT, a repeat gives the same plan."""
    quality = dataclasses.replace(parity.settings.equality.quality, strict=True)
    strict = dataclasses.replace(
        parity.settings, equality=dataclasses.replace(parity.settings.equality, quality=quality)
    )
    first, second = parity.solve(strict), parity.solve(strict)
    assert "score" in first.stages  # CP-SAT stages ran, not the flow shortcut
    assert first.plan == second.plan
    assert first.seed == parity.settings.seed


def test_other_seed_same_total(parity):
    """Another seed may pick another of the tied plans, never a worse one."""
    base = parity.solve()
    other = parity.solve(dataclasses.replace(parity.settings, seed=5))
    assert other.total_score == base.total_score
    assert other.seed == 5


# --- re-solving with minimal change ------------------------------------------------------------


#: Related fields count 90%, so swapping two economists' mentors costs only a few points.
CLOSE = MatchSettings(related_field_credit=0.9)


def _swap_programme():
    """Two adepts, two mentors in related fields: the optimum pairs A01–M01 and A02–M02, and
    the swapped plan scores a few points less."""
    return programme(
        [
            adept("A01", target_field="ekonom", field="ekonom"),
            adept("A02", target_field="controller", field="controller"),
        ],
        [mentor("M01", field="ekonom"), mentor("M02", field="controller")],
    )


def test_stability_weight_keeps_a_slightly_worse_previous_plan():
    """Stability keeps a slightly worse previous plan; without it the plan changes, as diffed."""
    prog = _swap_programme()
    previous = Plan.from_keys([("A01", "M02"), ("A02", "M01")])
    scores = score_of(score_pairs(prog, CLOSE))
    loss = (scores[("A01", "M01")] + scores[("A02", "M02")]) - (
        scores[("A01", "M02")] + scores[("A02", "M01")]
    )
    assert 0 < loss < 2 * 20.0  # so the default weight keeps it
    kept = solve(prog, dataclasses.replace(CLOSE, stability_weight=20.0), previous=previous)
    assert kept.plan.keys == previous.keys
    assert kept.diff.kept == 2 and kept.diff.moved == 0
    assert kept.objective == pytest.approx(kept.total_score + 2 * 20.0)
    fresh = solve(prog, dataclasses.replace(CLOSE, stability_weight=0.0), previous=previous)
    assert fresh.plan.keys == {("A01", "M01"), ("A02", "M02")}
    assert fresh.diff.changed == (("A01", "M02", "M01"), ("A02", "M01", "M02"))
    assert fresh.diff.added == () and fresh.diff.removed == () and fresh.diff.kept == 0


def test_resolve_after_a_new_lock_moves_only_what_it_must(tiny):
    """Re-solving after one lock keeps unaffected pairs and reports the exact difference."""
    before = tiny.solve()
    locked_adept = "A03"
    after = tiny.solve(locks=[(locked_adept, "M02")], previous=before.plan)
    diff = after.diff
    assert diff == diff_plans(before.plan, after.plan)
    before_map, after_map = before.plan.mentor_of, after.plan.mentor_of
    assert set(diff.added) == {(a, m) for a, m in after_map.items() if a not in before_map}
    assert set(diff.removed) == {(a, m) for a, m in before_map.items() if a not in after_map}
    assert diff.kept == sum(1 for a, m in after_map.items() if before_map.get(a) == m)
    assert (locked_adept, "M02") in diff.added
    # W1 holds 2 and M02 now has A03, so at most one of W1's earlier pairs can stay.
    assert diff.moved <= 2
    assert judge(tiny.programme, after, tiny.settings, locks=[(locked_adept, "M02")]) == []


def test_previous_plan_naming_people_who_left_is_reported_removed(tiny):
    """A previous pair with an adept no longer in the programme shows as removed."""
    previous = Plan.from_keys([("A99", "M01"), ("A01", "M01")])
    result = tiny.solve(previous=previous)
    assert ("A99", "M01") in result.diff.removed


# --- the result's figures ----------------------------------------------------------------------


def test_by_gender_counts_every_group_including_undisclosed():
    """Non-binary and undisclosed adepts are counted and reported among the figures."""
    prog = programme(
        [
            adept("A01", Gender.WOMAN),
            adept("A02", Gender.MAN),
            adept("A03", Gender.NON_BINARY),
            adept("A04", Gender.UNDISCLOSED),
        ],
        [mentor("M01", capacity=4)],
    )
    result = solve(prog)
    assert [(f.gender, f.applicants, f.matched) for f in result.by_gender] == [
        ("woman", 1, 1),
        ("man", 1, 1),
        ("non_binary", 1, 1),
        ("undisclosed", 1, 1),
    ]


def test_precomputed_scores_are_used_as_given(tiny):
    """A scores frame passed in is the one the plan is built from."""
    scores = score_pairs(tiny.programme, tiny.settings)
    boosted = scores.with_columns(
        score=pl.when(pl.col("adept_id") == "A03").then(100.0).otherwise(pl.col("score")),
    ).with_columns(score_centi=(pl.col("score") * 100).round(0).cast(pl.Int64))
    result = solve(tiny.programme, tiny.settings, scores=boosted)
    assert "A03" in result.plan.mentor_of
    assert next(p for p in result.plan.pairs if p.adept_id == "A03").score == 100.0


def test_progress_reports_stages_in_time_order(tiny):
    """The progress callback hears named stages with non-decreasing elapsed seconds."""
    heard = []
    tiny.solve(progress=lambda stage, seconds: heard.append((stage, seconds)))
    assert heard and heard[0][0] == "scored"
    times = [t for _, t in heard]
    assert times == sorted(times)


def test_result_checks_against_check_plan_with_its_own_scores(parity):
    """The dashboard's verdict: check_plan on the plan's own pair scores finds nothing."""
    result = parity.solve()
    scores = {p.key: p.score for p in result.plan.pairs}
    assert check_plan(parity.programme, result.plan.keys, parity.settings, scores=scores) == []


# --- MAXIMIN quality parity --------------------------------------------------------------------


def _maximin_programme_and_scores():
    """One woman, one man, two capacity-1 mentors. The best total (A01–M01 100 + A02–M02 40)
    leaves the man at 40; the swap (60 + 60) gives both 60."""
    prog = programme([adept("A01", "woman"), adept("A02", "man")], [mentor("M01"), mentor("M02")])
    wanted = {
        ("A01", "M01"): 100.0,
        ("A01", "M02"): 60.0,
        ("A02", "M01"): 60.0,
        ("A02", "M02"): 40.0,
    }
    return prog, wanted


def _with_scores(frame: pl.DataFrame, wanted) -> pl.DataFrame:
    keys = pl.DataFrame(
        {
            "adept_id": [a for a, _ in wanted],
            "mentor_id": [m for _, m in wanted],
            "wanted": list(wanted.values()),
        }
    )
    return (
        frame.join(keys, on=["adept_id", "mentor_id"], how="left", maintain_order="left")
        .with_columns(score=pl.col("wanted"))
        .with_columns(score_centi=(pl.col("score") * 100).round(0).cast(pl.Int64))
        .drop("wanted")
    )


def test_maximin_raises_the_worst_off_groups_mean():
    """MAXIMIN quality parity prefers the plan whose worse-off group's mean is highest."""
    prog, wanted = _maximin_programme_and_scores()
    settings_ = MatchSettings(equality=equality(k=1, maximin=True))
    scores = _with_scores(score_pairs(prog, settings_), wanted)
    result = solve(prog, settings_, scores=scores)
    assert worst_off_mean_centi(prog, result.plan.keys, wanted) == 6000


def test_maximin_does_not_leave_women_or_men_without_a_pair_to_win_on_score():
    """Equal groups swapping counts at the same rates: MAXIMIN keeps a woman and a man matched."""
    prog = programme(
        [
            adept("A1", Gender.WOMAN),
            adept("A2", Gender.MAN, field="jurist", target_field="jurist"),
            adept("A3", Gender.NON_BINARY),
        ],
        [mentor("M1", capacity=2)],
    )
    settings_ = MatchSettings(equality=equality(k=1, match_rate=0.0, maximin=True, strict=False))
    best = brute_force(prog, settings_)
    result = solve(prog, settings_)
    scores = score_of(score_pairs(prog, settings_))
    assert scores[("A3", "M1")] > scores[("A2", "M1")]  # score alone would take A3
    assert result.plan.keys == best.plan == {("A1", "M1"), ("A2", "M1")}
    assert result.status is Status.OPTIMAL
    assert judge(prog, result, settings_) == []
