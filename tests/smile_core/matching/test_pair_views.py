"""Pair views: capacity use, a score's parts adding up to it, and the score grid."""

import pytest

from smile_core.ingest.participants import (
    Adept,
    Gender,
    Mentor,
    MentorGenderPreference,
    Programme,
    Workplace,
)
from smile_core.matching.pair_views import PENALTY, capacity_use, score_breakdown, score_grid
from smile_core.matching.plan import Pair, Plan
from smile_core.matching.scoring import COMPONENTS, score_pairs
from smile_core.matching.settings import MatchSettings, ScoreWeights


@pytest.fixture
def programme() -> Programme:
    """Three adepts; mentors M1 (capacity 2) and M2 at workplace W1 (3 places), M3 at none."""
    return Programme(
        adepts=(
            Adept("A1", Gender.WOMAN, "svetsare", languages=("arabic",), target_field="svetsare"),
            Adept(
                "A2",
                Gender.MAN,
                "snickare",
                languages=("arabic",),
                preferred_mentor_gender=MentorGenderPreference.WOMAN,
            ),
            Adept("A3", Gender.MAN, "ekonom", languages=("arabic",)),
        ),
        mentors=(
            Mentor(
                "M1",
                Gender.MAN,
                "svetsare",
                name="Lars",
                workplace_id="W1",
                languages=("arabic",),
                capacity=2,
            ),
            Mentor("M2", Gender.WOMAN, "snickare", workplace_id="W1", languages=("arabic",)),
            Mentor("M3", Gender.WOMAN, "ekonom", languages=("arabic",)),
        ),
        workplaces=(Workplace("W1", name="Gjuteriet", capacity=3),),
    )


def test_capacity_use_counts_each_mentor_and_workplace(programme):
    """Two adepts with M1 and one with M3: M1 is full, W1 has one place left."""
    plan = Plan((Pair("A1", "M1"), Pair("A2", "M1"), Pair("A3", "M3")))
    mentors, workplaces = capacity_use(programme, plan)
    assert mentors["adepts"].to_list() == [2, 0, 1]
    assert mentors["free"].to_list() == [0, 1, 0]
    assert mentors["workplace_name"].to_list() == ["Gjuteriet", "Gjuteriet", ""]
    assert workplaces.row(0, named=True) == {
        "workplace_id": "W1",
        "workplace_name": "Gjuteriet",
        "adepts": 2,
        "capacity": 3,
        "free": 1,
        "mentors": 1,
    }


def test_over_capacity_shows_as_negative_room(programme):
    """A hand-edited plan with three adepts on M1 (capacity 2) leaves -1 free."""
    plan = Plan((Pair("A1", "M1"), Pair("A2", "M1"), Pair("A3", "M1")))
    mentors, workplaces = capacity_use(programme, plan)
    assert mentors["free"][0] == -1 and workplaces["free"][0] == 0


@pytest.mark.parametrize("hard", [False, True])
def test_breakdown_adds_up_to_the_scored_pair(programme, hard):
    """For every scored pair, the parts' points minus the penalty give its score."""
    settings = MatchSettings(
        weights=ScoreWeights(target_field=40, language=10), gender_preference_hard=hard
    )
    for row in score_pairs(programme, settings).iter_rows(named=True):
        parts = score_breakdown(
            {c: row[c] for c in COMPONENTS}, settings.weights, row["gender_penalty"]
        )
        # Without the opt-in the similar-background row is not shown (it is 0 with weight 0).
        shown = [c for c in COMPONENTS if c != "similar_background"]
        assert parts["component"].to_list() == [*shown, PENALTY]
        total = max(0.0, min(100.0, parts["points"].sum()))
        assert total == pytest.approx(row["score"], abs=0.01)


def test_breakdown_weights_are_shares(programme):
    """Each component's weight is its share of all weights; the penalty has none."""
    parts = score_breakdown(dict.fromkeys(COMPONENTS, 1.0) | {"wish": 0.0}, ScoreWeights())
    assert parts["weight"].drop_nulls().sum() == pytest.approx(1.0)
    assert parts["points"].sum() == pytest.approx(100.0)


def test_breakdown_shows_a_wish_as_its_points():
    """A wished pair's breakdown adds the wish weight in points, outside the shares."""
    parts = score_breakdown({"wish": 1.0}, ScoreWeights(wish=12.0))
    wish = parts.filter(parts["component"] == "wish")
    assert (wish["weight"][0], wish["points"][0]) == (None, 12.0)
    assert parts.filter(parts["component"] == PENALTY)["weight"][0] is None


def test_score_grid_keeps_the_chosen_people_and_marks_the_plan(programme):
    """Only pairs between the chosen adepts and mentors, each flagged if it is in the plan."""
    scores = score_pairs(programme, MatchSettings())
    plan = Plan((Pair("A1", "M1"),))
    grid = score_grid(scores, plan, ["A1", "A2"], ["M1", "M3"])
    assert grid.select("adept_id", "mentor_id").rows() == [
        ("A1", "M1"),
        ("A1", "M3"),
        ("A2", "M1"),
        ("A2", "M3"),
    ]
    assert grid["in_plan"].to_list() == [True, False, False, False]
    assert grid.columns == ["adept_id", "mentor_id", "score", "allowed", "in_plan"]
