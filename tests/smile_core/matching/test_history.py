"""History across cohorts: the earlier cohort's agreed mentor is not offered again (or costs)."""

from __future__ import annotations

from datetime import date

import pytest

from smile_core.ingest.participants import Adept, Gender, Mentor, Programme
from smile_core.matching.history import (
    PENALTY_COLUMN,
    EarlierPair,
    annotate_result,
    apply_history,
    current_pairs,
    earlier_mentor_warnings,
    earlier_pairs,
    history_reasons,
)
from smile_core.matching.plan import UnmatchedReason
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import EarlierMentor, MatchSettings
from smile_core.matching.solver import solve
from smile_core.store import Repository, create_engine, upgrade

FIELDS = ("svetsare", "kock", "snickare")


def _programme(mentor_ids=("M1", "M2", "M3")) -> Programme:
    adepts = tuple(
        Adept(
            f"A{i}",
            Gender.WOMAN if i % 2 else Gender.MAN,
            field,
            name=f"Adept {i}",
            target_field=field,
            swedish_level="b1",
        )
        for i, field in enumerate(FIELDS, start=1)
    )
    mentors = tuple(
        Mentor(mentor_id, Gender.MAN, field, name=f"Mentor {mentor_id}", languages=("swedish",))
        for mentor_id, field in zip(mentor_ids, FIELDS, strict=True)
    )
    return Programme(adepts, mentors)


SETTINGS = MatchSettings(time_limit_seconds=5)


@pytest.fixture
def repo(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'smile.db'}")
    upgrade(engine)
    yield Repository(engine)
    engine.dispose()


def _agreed_cohort(repo, programme_id: int, name: str, starts_on: date) -> int:
    cohort = repo.create_cohort(programme_id, name, "test", starts_on=starts_on)
    programme = _programme()
    repo.save_participants(cohort, programme, "test")
    result = solve(programme, SETTINGS)
    repo.mark_agreed(repo.save_run(cohort, SETTINGS, result, 0, "test"), "test")
    return cohort


def test_no_adept_meets_last_cohorts_mentor_again(repo):
    """The autumn plan paired everyone with their own field's mentor; spring forbids those."""
    programme_id = repo.create_programme("Yrkesmentor", "vocational", {}, "test")
    autumn = _agreed_cohort(repo, programme_id, "Hösten", date(2026, 9, 1))
    spring = repo.create_cohort(programme_id, "Våren", "test", starts_on=date(2027, 2, 1))
    earlier = earlier_pairs(repo, programme_id, before_cohort=spring)
    autumn_plan = repo.agreed_run(autumn).plan
    assert {(p.adept_id, p.mentor_id) for p in earlier} == autumn_plan.keys
    assert {p.cohort_name for p in earlier} == {"Hösten"}
    assert all(p.adept_key and p.mentor_key for p in earlier)
    assert {p.adept_name for p in earlier} == {"Adept 1", "Adept 2", "Adept 3"}

    programme = _programme()
    found = current_pairs(earlier, programme)
    scores, forbids = apply_history(score_pairs(programme, SETTINGS), found, SETTINGS)
    result = solve(programme, SETTINGS, forbids=forbids, scores=scores)
    assert result.matched == 3
    assert not result.plan.keys & autumn_plan.keys


def test_a_later_cohort_is_not_history(repo):
    """Only cohorts that start before the one being matched count."""
    programme_id = repo.create_programme("Yrkesmentor", "vocational", {}, "test")
    autumn = repo.create_cohort(programme_id, "Hösten", "test", starts_on=date(2026, 9, 1))
    _agreed_cohort(repo, programme_id, "Våren", date(2027, 2, 1))
    assert earlier_pairs(repo, programme_id, before_cohort=autumn) == ()
    assert len(earlier_pairs(repo, programme_id)) == 3


def test_person_key_finds_a_mentor_under_a_new_id():
    """A mentor who has a new id this cohort is still found by the store's person key."""
    earlier = [EarlierPair("ka", "km", "A1", "M1", 1, "Hösten")]
    programme = _programme(mentor_ids=("X1", "M2", "M3"))
    found = current_pairs(earlier, programme, {("adept", "A1"): "ka", ("mentor", "X1"): "km"})
    assert set(found) == {("A1", "X1")}
    assert current_pairs(earlier, programme) == {}  # by id alone, M1 is not there


def test_a_repeated_id_with_another_name_is_another_person():
    """Ids like A1 restart each cohort: with a different name they are not the same person."""
    earlier = [EarlierPair("", "", "A1", "M1", 1, "Hösten", None, "Adept 1", "Mentor M1")]
    assert set(current_pairs(earlier, _programme())) == {("A1", "M1")}
    stranger = [EarlierPair("", "", "A1", "M1", 1, "Hösten", None, "Någon Annan", "Mentor M1")]
    assert current_pairs(stranger, _programme()) == {}


def test_an_email_id_is_the_same_person_whatever_the_name():
    """An e-mail address as the id finds the person even if the name is spelled anew."""
    programme = _programme(mentor_ids=("m1@example.se", "M2", "M3"))
    earlier = [EarlierPair("", "", "A1", "m1@example.se", 1, "Hösten", None, "Adept  1", "M. Ett")]
    assert set(current_pairs(earlier, programme)) == {("A1", "m1@example.se")}


def test_penalty_mode_lowers_the_score_and_forbids_nothing():
    """Under PENALTY the pair stays allowed with the penalty taken off its score."""
    settings = MatchSettings(earlier_mentor=EarlierMentor.PENALTY, earlier_mentor_penalty=30)
    programme = _programme()
    scores = score_pairs(programme, settings)
    pair = {("A1", "M1"): EarlierPair("", "", "A1", "M1", 1, "Hösten")}
    adjusted, forbids = apply_history(scores, pair, settings)
    assert forbids == []
    row = adjusted.filter(adept_id="A1", mentor_id="M1").row(0, named=True)
    before = scores.filter(adept_id="A1", mentor_id="M1")["score"][0]
    assert row[PENALTY_COLUMN] == 30 and row["score"] == pytest.approx(max(before - 30, 0))
    assert row["score_centi"] == round(row["score"] * 100)
    assert adjusted.filter(adept_id="A2")[PENALTY_COLUMN].sum() == 0


def test_allow_mode_changes_nothing():
    """Under ALLOW the scores and forbids are as without history."""
    settings = MatchSettings(earlier_mentor=EarlierMentor.ALLOW)
    scores = score_pairs(_programme(), settings)
    pair = {("A1", "M1"): EarlierPair("", "", "A1", "M1", 1, "Hösten")}
    assert apply_history(scores, pair, settings) == (scores, [])


def test_the_reason_is_said_for_an_unmatched_adept():
    """An adept left without a mentor because the earlier one is forbidden is told why."""
    programme = Programme(_programme().adepts[:1], _programme().mentors[:1])
    pair = {("A1", "M1"): EarlierPair("", "", "A1", "M1", 1, "Hösten")}
    scores, forbids = apply_history(score_pairs(programme, SETTINGS), pair, SETTINGS)
    result = solve(programme, SETTINGS, forbids=forbids, scores=scores)
    reasons = history_reasons(pair, SETTINGS, programme)
    annotated = annotate_result(result, reasons)
    (entry,) = annotated.unmatched
    assert entry.reason is UnmatchedReason.EARLIER_MENTOR
    assert entry.message_en.startswith("No allowed mentor: only the adept's mentor from an earlier")
    assert "Tidigare mentor Mentor M1 (M1) (kohort Hösten) erbjuds inte igen." in entry.message_sv
    assert "Earlier mentor Mentor M1 (M1) (cohort Hösten) is not offered again." in entry.message_en
    # The coordinator forbade the pair as well: a forbid, not the history alone.
    both = annotate_result(result, reasons, coordinator_forbids=[("A1", "M1")])
    assert both.unmatched[0].reason is UnmatchedReason.FORBIDDEN


@pytest.mark.parametrize("rule", [EarlierMentor.FORBID, EarlierMentor.PENALTY])
def test_a_hand_edit_to_the_earlier_mentor_is_said(rule):
    """Giving an adept last cohort's mentor by hand is warned about, naming mentor and cohort."""
    settings = MatchSettings(earlier_mentor=rule)
    pair = {("A1", "M1"): EarlierPair("", "", "A1", "M1", 1, "Hösten")}
    edits = {"A1": "M1", "A2": "M1", "A3": None}
    ((sv, en),) = earlier_mentor_warnings(edits, pair, settings, _programme())
    assert sv == "A1 hade redan mentorn Mentor M1 (M1) i kohort Hösten."
    assert en == "A1 already had mentor Mentor M1 (M1) in cohort Hösten."
    allowed = MatchSettings(earlier_mentor=EarlierMentor.ALLOW)
    assert earlier_mentor_warnings(edits, pair, allowed, _programme()) == []
