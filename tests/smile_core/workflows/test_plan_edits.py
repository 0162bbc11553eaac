"""What a hand edit of a plan means: lock on change, forbids, refusals, and the audit entries."""

from __future__ import annotations

import pytest
from demo_data import demo_programme, demo_result

from smile_core.access import LOCAL_USER, Service
from smile_core.demo.synthetic import binding_programme
from smile_core.ingest.participants import Adept, Gender, Mentor, Programme, Workplace
from smile_core.matching.plan import Plan
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import EqualitySettings, MatchSettings
from smile_core.matching.solver import solve
from smile_core.store import Repository
from smile_core.workflows.plan_edits import (
    PlanState,
    RowEdit,
    edit_plan,
    newer_runs,
    parallel_edits,
)
from smile_core.workflows.runs import PlanEdit

SETTINGS = MatchSettings(equality=EqualitySettings().all_off(), time_limit_seconds=10)
SWEDISH = ("swedish",)


@pytest.fixture(scope="module")
def programme() -> Programme:
    """Three adepts; mentor M1 takes one, M2 two."""
    adepts = tuple(
        Adept(f"A{i}", gender, "ekonom", target_field="ekonom", languages=SWEDISH)
        for i, gender in ((1, Gender.WOMAN), (2, Gender.MAN), (3, Gender.WOMAN))
    )
    mentors = (
        Mentor("M1", Gender.WOMAN, "ekonom", "Maja", "W1", SWEDISH, capacity=1),
        Mentor("M2", Gender.MAN, "ekonom", "Mats", "W2", SWEDISH, capacity=2),
    )
    workplaces = (Workplace("W1", "Banken", capacity=1), Workplace("W2", "Byrån", capacity=2))
    return Programme(adepts, mentors, workplaces)


@pytest.fixture(scope="module")
def scores(programme):
    """Every pair of the small programme, scored."""
    return score_pairs(programme, SETTINGS)


@pytest.fixture
def state() -> PlanState:
    """A1 with M1 and A2 with M2; A3 without a mentor; nothing locked."""
    return PlanState(Plan.from_keys([("A1", "M1"), ("A2", "M2")]))


def test_a_changed_mentor_is_locked_and_logged_with_the_note(programme, scores, state):
    """Giving A3 mentor M2 adds the pair, locks it, and logs it with the adept's note as why."""
    edits = [RowEdit("A3", None, False, {"mentor_id": "M2", "note": "ringer på måndag"})]
    outcome = edit_plan(state, edits, programme, SETTINGS, scores)
    assert outcome.accepted and outcome.state is not None
    assert outcome.state.plan.mentor_of == {"A1": "M1", "A2": "M2", "A3": "M2"}
    assert outcome.state.locks == {("A3", "M2")}
    assert outcome.state.notes == {"A3": "ringer på måndag"}
    assert outcome.log == (
        PlanEdit("note changed", "A3", None, "ringer på måndag"),
        PlanEdit("mentor changed", "A3", "M2", "ringer på måndag"),
    )


def test_a_forbidden_pair_leaves_the_plan_and_is_remembered(programme, scores, state):
    """Forbidding A1–M1 removes the pair, adds the forbid, and logs one entry."""
    outcome = edit_plan(
        state, [RowEdit("A1", "M1", False, {"forbidden": True})], programme, SETTINGS, scores
    )
    assert outcome.accepted and outcome.state is not None
    assert "A1" not in outcome.state.plan.mentor_of
    assert outcome.state.forbids == {("A1", "M1")}
    assert outcome.log == (PlanEdit("pair forbidden", "A1", "M1"),)


def test_lock_and_unlock_are_audit_entries_without_changing_pairs(programme, scores, state):
    """Ticking lock keeps the plan and logs "pair locked"; unticking logs "pair unlocked"."""
    locked = edit_plan(
        state, [RowEdit("A2", "M2", False, {"locked": True})], programme, SETTINGS, scores
    )
    assert locked.state is not None and locked.state.locks == {("A2", "M2")}
    assert locked.state.plan == state.plan
    assert locked.log == (PlanEdit("pair locked", "A2", "M2"),)
    unlocked = edit_plan(
        locked.state, [RowEdit("A2", "M2", True, {"locked": False})], programme, SETTINGS, scores
    )
    assert unlocked.state is not None and unlocked.state.locks == frozenset()
    assert unlocked.log == (PlanEdit("pair unlocked", "A2", "M2"),)


def test_a_row_both_locked_and_forbidden_is_refused(programme, scores, state):
    """Lock and forbid on one row contradict each other: nothing is applied."""
    outcome = edit_plan(
        state,
        [RowEdit("A1", "M1", False, {"locked": True, "forbidden": True})],
        programme,
        SETTINGS,
        scores,
    )
    assert not outcome.accepted and outcome.contradictions == ("A1",)
    assert outcome.state is None and outcome.log == ()


def test_an_edit_over_capacity_is_refused_whole(programme, scores, state):
    """A3 onto M1 (full) blocks; the other edit of the same apply is not applied either."""
    edits = [
        RowEdit("A3", None, False, {"mentor_id": "M1"}),
        RowEdit("A2", "M2", False, {"locked": True}),
    ]
    outcome = edit_plan(state, edits, programme, SETTINGS, scores)
    assert not outcome.accepted and outcome.state is None
    assert {v.rule for v in outcome.blocking} >= {"mentor_capacity"}
    assert outcome.mentor_edits == {"A3": "M1"}


@pytest.fixture(scope="module")
def binding_plan():
    """200 binding adepts, hard wish: the proven plan misses the women's match-rate target."""
    programme = binding_programme(200, 1)
    settings = MatchSettings(gender_preference_hard=True)
    scores = score_pairs(programme, settings)
    plan = solve(programme, settings, scores=scores).plan
    gender = {a.id: a.gender.value for a in programme.adepts}
    first = {
        g: next(p.adept_id for p in plan.pairs if gender[p.adept_id] == g) for g in gender.values()
    }
    return programme, settings, scores, PlanState(plan), first


@pytest.mark.parametrize(
    ("gender", "change", "as_before"),
    [
        # A note leaves the plan as it was: the women's miss was there before.
        ("woman", {"note": "ringer"}, True),
        # A woman without her mentor lowers the women's share further: the miss is the edit's.
        ("woman", {"mentor_id": None}, False),
        # A man without his mentor raises the women's share: still missed, but no worse.
        ("man", {"mentor_id": None}, True),
    ],
)
def test_a_missed_target_is_as_before_unless_the_edit_moved_it_further_away(
    binding_plan, gender, change, as_before
):
    """The women's missed match-rate target after an edit: marked as before only if no worse."""
    programme, settings, scores, state, first = binding_plan
    adept = first[gender]
    edits = [RowEdit(adept, state.plan.mentor_of[adept], False, change)]
    outcome = edit_plan(state, edits, programme, settings, scores)
    assert outcome.accepted
    misses = [(v.rule, dict(v.facts)["g"], v.as_before) for v in outcome.violations if v.target]
    assert misses == [("match_rate", "woman", as_before)]


def test_edits_of_the_same_plan_by_someone_else_are_found(tmp_path):
    """Anna and Carl both edit run 1: each is told of the other's run, not of their own."""
    repo = Repository.open(f"sqlite:///{tmp_path / 'smile.db'}")
    programme = demo_programme("vocational")
    cohort = repo.create_cohort(repo.create_programme("Demo", "vocational", {}, "t"), "c", "t")
    repo.save_participants(cohort, programme, "t")
    result = demo_result("vocational")
    first = repo.save_run(cohort, SETTINGS, result, 0, "anna")
    anna = repo.save_run(cohort, SETTINGS, result, 0, "anna", parent_run_id=first)
    carl = repo.save_run(cohort, SETTINGS, result, 0, "carl", parent_run_id=first)
    again = repo.save_run(cohort, SETTINGS, result, 0, "anna", parent_run_id=first)
    service = Service(repo, LOCAL_USER)
    assert [r.id for r in parallel_edits(service, cohort, anna)] == [carl]
    assert [r.id for r in parallel_edits(service, cohort, carl)] == [anna, again]
    assert parallel_edits(service, cohort, first) == ()
    repo.engine.dispose()


def test_runs_someone_else_saved_after_the_one_on_screen_are_found(tmp_path):
    """Anna views run 2: Carl's later runs are found, oldest first; hers and earlier ones not."""
    repo = Repository.open(f"sqlite:///{tmp_path / 'smile.db'}")
    programme = demo_programme("vocational")
    cohort = repo.create_cohort(repo.create_programme("Demo", "vocational", {}, "t"), "c", "t")
    repo.save_participants(cohort, programme, "t")
    result = demo_result("vocational")
    earlier = repo.save_run(cohort, SETTINGS, result, 0, "carl")
    viewed = repo.save_run(cohort, SETTINGS, result, 0, "anna")
    hers = repo.save_run(cohort, SETTINGS, result, 0, "anna", parent_run_id=viewed)
    edit = repo.save_run(cohort, SETTINGS, result, 0, "carl", parent_run_id=viewed)
    solve = repo.save_run(cohort, SETTINGS, result, 0, "carl")
    service = Service(repo, LOCAL_USER)
    assert [r.id for r in newer_runs(service, cohort, viewed, "anna")] == [edit, solve]
    assert [r.id for r in newer_runs(service, cohort, earlier, "carl")] == [viewed, hers]
    assert newer_runs(service, cohort, solve, "anna") == ()
    repo.engine.dispose()
