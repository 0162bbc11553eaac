"""Why each unmatched adept is unmatched: every reason produced on a crafted instance."""

import numpy as np
import pytest
from instances import adept, equality, mentor, no_equality, programme

from smile_core.ingest.participants import MentorGenderPreference, Workplace
from smile_core.matching.plan import Status, UnmatchedReason
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchSettings, Priority, ScoreWeights
from smile_core.matching.solver import reasons, solve
from smile_core.matching.solver.problem import build_problem
from smile_core.text import both


def _reasons(result):
    return {u.adept_id: u.reason for u in result.unmatched}


def _problem(prog, settings_, **decisions):
    return build_problem(prog, score_pairs(prog, settings_), settings_, **decisions)


def _chosen(problem, keys):
    a_index = {a: i for i, a in enumerate(problem.adept_ids)}
    m_index = {m: i for i, m in enumerate(problem.mentor_ids)}
    return np.array(
        sorted(problem.pair_index[(a_index[a], m_index[m])] for a, m in keys), dtype=np.int64
    )


def test_no_allowed_mentor_when_no_language_is_shared(tiny):
    """tiny's A06 speaks only Tigrinya and little Swedish: no mentor shares a language."""
    assert _reasons(tiny.solve())["A06"] is UnmatchedReason.NO_SHARED_LANGUAGE


def test_no_allowed_mentor_when_every_pair_is_forbidden():
    """Forbidding an adept's only pair leaves them with no allowed mentor: forbidden."""
    prog = programme([adept("A01"), adept("A02")], [mentor("M01", capacity=2)])
    result = solve(prog, forbids=[("A02", "M01")])
    assert _reasons(result) == {"A02": UnmatchedReason.FORBIDDEN}


def test_no_allowed_mentor_names_the_hard_gender_wish():
    """A woman who wants a woman mentor, with only men mentors and the wish hard: the wish."""
    wish = MentorGenderPreference.WOMAN
    prog = programme([adept("A01", preferred_mentor_gender=wish)], [mentor("M01")])
    result = solve(prog, no_equality(MatchSettings(gender_preference_hard=True)))
    assert _reasons(result) == {"A01": UnmatchedReason.GENDER_WISH}
    assert result.unmatched[0].message_sv.startswith("Ingen tillåten mentor: ingen mentor har")


def test_no_allowed_mentor_names_an_avoid_list_of_either_side():
    """The adept avoids one mentor and the other mentor avoids the adept: avoided."""
    prog = programme(
        [adept("A01", avoids=("M01",))], [mentor("M01"), mentor("M02", avoids=("A01",))]
    )
    assert _reasons(solve(prog, no_equality())) == {"A01": UnmatchedReason.AVOIDED}


def test_no_allowed_mentor_names_the_same_organisation_rule():
    """Every mentor works for the adept's own organisation, with the rule on: same organisation."""
    prog = programme([adept("A01", organisation="Volvo")], [mentor("M01", organisation="Volvo")])
    settings_ = no_equality(MatchSettings(forbid_same_organisation=True))
    assert _reasons(solve(prog, settings_)) == {"A01": UnmatchedReason.SAME_ORGANISATION}


def test_mixed_rules_stay_no_allowed_mentor():
    """One mentor is avoided and the other forbidden: no single rule, so the general reason."""
    prog = programme([adept("A01", avoids=("M01",))], [mentor("M01"), mentor("M02")])
    result = solve(prog, no_equality(), forbids=[("A01", "M02")])
    assert _reasons(result) == {"A01": UnmatchedReason.NO_ALLOWED_MENTOR}


def test_mentor_full_when_the_mentor_is_taken_at_an_open_workplace():
    """The only mentor is full while the workplace has places: the mentor is full."""
    prog = programme(
        [adept("A01"), adept("A02", target_field="jurist")],
        [mentor("M01", workplace_id="W1")],
        [Workplace("W1", capacity=5)],
    )
    assert _reasons(solve(prog, no_equality())) == {"A02": UnmatchedReason.MENTOR_FULL}


def test_all_full_when_every_allowed_mentor_is_taken(tiny):
    """tiny has 3 seats for 5 adepts who could be matched: the two left wait for a seat."""
    reasons_ = _reasons(tiny.solve())
    assert sorted(a for a, r in reasons_.items() if r is UnmatchedReason.ALL_FULL) == [
        a for a in ("A01", "A02", "A03", "A04", "A05") if a not in tiny.solve().plan.mentor_of
    ]


def test_workplace_full_when_the_workplace_is_full_though_the_mentor_is_not():
    """The mentor has room but the workplace's places are taken: the workplace is full."""
    prog = programme(
        [adept("A01", target_field="ekonom"), adept("A02", target_field="jurist")],
        [mentor("M01", workplace_id="W1", capacity=2)],
        [Workplace("W1", capacity=1)],
    )
    result = solve(prog, no_equality())
    assert result.matched == 1
    assert _reasons(result) == {"A02": UnmatchedReason.WORKPLACE_FULL}


def test_equality_rule_when_adding_the_adept_would_break_the_workplace_mix(mix_leaves_men_out):
    """Men left out although the mentor has room are kept out by the workplace mix."""
    # One woman, three men, three seats at a workplace needing 50% women: the woman and one
    # man are placed; a third adept would make the women fewer than half.
    result = mix_leaves_men_out.solve()
    assert result.status is Status.OPTIMAL
    assert result.matched == 2 and "A01" in result.plan.mentor_of
    unmatched = _reasons(result)
    assert len(unmatched) == 2
    assert set(unmatched.values()) == {UnmatchedReason.EQUALITY_RULE}


def test_equality_rule_when_the_match_rate_holds_a_group_back():
    """Men beyond their share, with seats to spare, are kept out by the match-rate rule."""
    # Two women (one shares no language) and four men: women are a third of the applicants,
    # so with one woman matched at most two men may be.
    women = [adept("A01", "woman"), adept("A02", "woman", languages=(), swedish_level="")]
    men = [adept(f"A1{i}", "man") for i in range(1, 5)]
    prog = programme(women + men, [mentor("M01", capacity=6)])
    result = solve(prog, MatchSettings(equality=equality(k=2, match_rate=0.0)))
    assert result.matched == 3
    unmatched = _reasons(result)
    assert unmatched.pop("A02") is UnmatchedReason.NO_SHARED_LANGUAGE
    assert list(unmatched.values()) == [UnmatchedReason.EQUALITY_RULE] * 2


def test_displaced_by_lock_when_a_locked_pair_holds_the_seat(displaced_by_lock):
    """The stronger candidate A01 loses the only seat to the locked A02."""
    result = displaced_by_lock.solve()
    assert result.plan.mentor_of == {"A02": "M01"}
    assert _reasons(result) == {"A01": UnmatchedReason.DISPLACED_BY_LOCK}


def test_displaced_by_lock_at_a_full_workplace():
    """A lock that takes the workplace's last place displaces an adept of another mentor."""
    prog = programme(
        [adept("A01"), adept("A02", target_field="jurist")],
        [mentor("M01", workplace_id="W1"), mentor("M02", workplace_id="W1")],
        [Workplace("W1", capacity=1)],
    )
    result = solve(prog, locks=[("A02", "M02")])
    assert _reasons(result) == {"A01": UnmatchedReason.DISPLACED_BY_LOCK}


def test_not_worth_it_under_quality_for_a_zero_score_pair():
    """Quality priority: an adept whose only pair scores 0 would not raise the total."""
    prog = programme(
        [adept("A01", target_field="ekonom"), adept("A02", target_field="jurist")],
        [mentor("M01", capacity=2)],
    )
    settings_ = MatchSettings(weights=ScoreWeights(1, 0, 0, 0, 0, 0), priority=Priority.QUALITY)
    result = solve(prog, settings_)
    assert result.total_score == 100.0
    assert _reasons(result) == {"A02": UnmatchedReason.NOT_WORTH_IT}
    coverage = solve(prog, MatchSettings(weights=settings_.weights))
    assert coverage.matched == 2 and coverage.unmatched == ()


def test_not_worth_it_decided_from_the_plan_alone():
    """Given a plan leaving out an adept a mentor has room for, and no rule broken: not worth it."""
    prog = programme([adept("A01"), adept("A02")], [mentor("M01", capacity=2)])
    settings_ = no_equality(MatchSettings(priority=Priority.QUALITY))
    problem = _problem(prog, settings_)
    entries = reasons.unmatched(problem, _chosen(problem, [("A01", "M01")]), Status.OPTIMAL)
    assert [(u.adept_id, u.reason) for u in entries] == [("A02", UnmatchedReason.NOT_WORTH_IT)]


def test_an_unproven_plan_says_the_search_stopped_not_that_the_pair_is_not_worth_it():
    """The same plan, unproven: a fitting mentor has room and the pair keeps every rule, so
    the search stopped first (not "would not raise the total": that holds of a proven plan)."""
    prog = programme([adept("A01"), adept("A02")], [mentor("M01", capacity=2)])
    problem = _problem(prog, no_equality(MatchSettings()))
    entries = reasons.unmatched(problem, _chosen(problem, [("A01", "M01")]), Status.FEASIBLE)
    assert [(u.adept_id, u.reason) for u in entries] == [("A02", UnmatchedReason.SEARCH_STOPPED)]
    assert "time limit" in entries[0].message_en


def test_no_plan_for_everyone_when_infeasible(locks_over_capacity):
    """An infeasible result gives every adept the no-plan reason."""
    result = locks_over_capacity.solve()
    assert set(_reasons(result).values()) == {UnmatchedReason.NO_PLAN}
    assert len(result.unmatched) == len(locks_over_capacity.programme.adepts)


@pytest.mark.parametrize("status", [Status.INFEASIBLE, Status.NO_SOLUTION_IN_TIME])
def test_no_plan_statuses(status):
    """Without a plan, every adept is unmatched for want of a plan."""
    prog = programme([adept("A01"), adept("A02")], [mentor("M01")])
    problem = _problem(prog, MatchSettings())
    entries = reasons.unmatched(problem, np.array([], dtype=np.int64), status)
    assert [u.reason for u in entries] == [UnmatchedReason.NO_PLAN] * 2


def test_reasons_without_any_workplace():
    """A programme with no workplaces: the full mentor is named (no workplace to index)."""
    prog = programme([adept("A01"), adept("A02"), adept("A03")], [mentor("M01", capacity=2)])
    problem = _problem(prog, no_equality())
    chosen = _chosen(problem, [("A01", "M01"), ("A02", "M01")])
    entries = reasons.unmatched(problem, chosen, Status.OPTIMAL)
    assert [(u.adept_id, u.reason) for u in entries] == [("A03", UnmatchedReason.MENTOR_FULL)]


def test_every_reason_has_its_own_words_in_both_languages():
    """Each reason reads differently, in Swedish and in English."""
    texts = {reason: both(f"reason.{reason.value}") for reason in UnmatchedReason}
    assert len({sv for sv, _ in texts.values()}) == len(UnmatchedReason)
    assert len({en for _, en in texts.values()}) == len(UnmatchedReason)
    assert all(sv != en for sv, en in texts.values())
