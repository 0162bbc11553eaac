"""Saved runs back as results, the run history table and two runs side by side."""

import dataclasses

import pytest
from demo_data import demo_programme, demo_result

from smile_core.demo.synthetic import binding_programme
from smile_core.matching.saved_runs import (
    COMPARED_FIGURES,
    comparison,
    history_frame,
    result_from_stored,
)
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import solve
from smile_core.store import Repository


@pytest.fixture
def stored(tmp_path):
    """A temporary store with the vocational demo as a cohort and two runs of it."""
    repo = Repository.open(f"sqlite:///{tmp_path / 'smile.db'}")
    programme = demo_programme("vocational")
    programme_id = repo.create_programme("Demo", "vocational", {"weeks": 30}, "test")
    cohort_id = repo.create_cohort(programme_id, "vocational", "test")
    repo.save_participants(cohort_id, programme, "test")
    first = demo_result("vocational")
    settings = MatchSettings(time_limit_seconds=20)
    first_id = repo.save_run(cohort_id, settings, first, 0, "anna")
    shorter = dataclasses.replace(
        first, plan=dataclasses.replace(first.plan, pairs=first.plan.pairs[1:])
    )
    second_id = repo.save_run(cohort_id, settings, shorter, 0, "bo", parent_run_id=first_id)
    yield repo, cohort_id, first_id, second_id
    repo.engine.dispose()


def test_a_stored_run_comes_back_as_the_same_result(stored):
    """Plan, status, total, matched, unmatched reasons and gender figures survive the store."""
    repo, _, first_id, _ = stored
    original = demo_result("vocational")
    again = result_from_stored(repo.load_run(first_id), demo_programme("vocational"))
    assert again.plan.mentor_of == original.plan.mentor_of
    assert again.status == original.status
    assert again.total_score == original.total_score and again.matched == original.matched
    assert [(u.adept_id, u.reason, u.message_sv) for u in again.unmatched] == [
        (u.adept_id, u.reason, u.message_sv) for u in original.unmatched
    ]
    assert again.by_gender == original.by_gender


def test_history_is_newest_first_with_who_and_parent(stored):
    """The history lists both runs, newest first, with who ran each and the parent link."""
    repo, cohort_id, first_id, second_id = stored
    frame = history_frame(repo.list_runs(cohort_id))
    assert frame["run_id"].to_list() == [second_id, first_id]
    assert frame["created_by"].to_list() == ["bo", "anna"]
    assert frame["parent_run_id"].to_list() == [first_id, None]
    assert frame["matched"].to_list() == [34, 35]


def test_comparison_shows_figures_and_the_pair_difference(stored):
    """Side by side: matched 35 against 34, and the dropped pair as removed."""
    repo, _, first_id, second_id = stored
    left, right = repo.load_run(first_id), repo.load_run(second_id)
    compared = comparison(left, right)
    assert compared.figures["figure"].to_list() == list(COMPARED_FIGURES)
    row = compared.figures.row(0, named=True)
    assert (row["left"], row["right"]) == (35.0, 34.0)
    dropped = left.plan.pairs[0]
    assert compared.diff.removed == ((dropped.adept_id, dropped.mentor_id),)
    assert compared.diff.kept == 34


def test_a_saved_run_keeps_its_honest_status_gap_and_equality_notes(tmp_path):
    """Status, gap and the equality notes (a missed target, its cause) survive the store."""
    repo = Repository.open(f"sqlite:///{tmp_path / 'smile.db'}")
    programme = binding_programme(40, 0)
    settings = MatchSettings(gender_preference_hard=True, time_limit_seconds=5)
    result = solve(programme, settings)
    assert result.equality_notes
    programme_id = repo.create_programme("Binding", "vocational", {"weeks": 30}, "test")
    cohort_id = repo.create_cohort(programme_id, "binding", "test")
    repo.save_participants(cohort_id, programme, "test")
    run_id = repo.save_run(cohort_id, settings, result, 0, "anna")
    again = result_from_stored(repo.load_run(run_id), programme)
    assert (again.status, again.gap) == (result.status, result.gap)
    assert again.equality_notes == result.equality_notes
    repo.engine.dispose()


def test_a_run_saved_after_hand_edits_keeps_their_count_and_is_not_proven(stored):
    """A hand-edited plan stored with the solver's optimal status comes back as not proven."""
    repo, cohort_id, first_id, _ = stored
    edited = dataclasses.replace(demo_result("vocational"), hand_edits=2)
    assert demo_result("vocational").proven and not edited.proven
    run_id = repo.save_run(cohort_id, MatchSettings(), edited, 0, "anna", parent_run_id=first_id)
    again = result_from_stored(repo.load_run(run_id), demo_programme("vocational"))
    assert (again.status.value, again.hand_edits, again.proven) == ("optimal", 2, False)


def test_the_history_calls_a_run_saved_after_hand_edits_edited(stored):
    """A run whose plan was changed by hand reads "edited" in the history, not "optimal"."""
    repo, cohort_id, first_id, _ = stored
    edited = dataclasses.replace(demo_result("vocational"), hand_edits=1)
    run_id = repo.save_run(cohort_id, MatchSettings(), edited, 0, "anna", parent_run_id=first_id)
    frame = history_frame(repo.list_runs(cohort_id))
    status = dict(zip(frame["run_id"].to_list(), frame["status"].to_list(), strict=True))
    assert (status[run_id], status[first_id]) == ("edited", "optimal")
