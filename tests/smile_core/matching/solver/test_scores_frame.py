"""The solver reads a scores frame by ids, never by position, and refuses another programme's."""

import pytest

from smile_core.demo.synthetic import random_programme
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import PlanInputError, solve


def test_row_order_of_the_scores_frame_does_not_matter():
    """A shuffled scores frame gives the same plan total as the frame in its own order."""
    programme = random_programme(60, seed=0)
    settings = MatchSettings()
    scores = score_pairs(programme, settings)
    shuffled = scores.sample(fraction=1.0, shuffle=True, seed=3)
    in_order = solve(programme, settings, scores=scores)
    reordered = solve(programme, settings, scores=shuffled)
    assert reordered.total_score == in_order.total_score
    assert reordered.matched == in_order.matched
    for pair in reordered.plan.pairs:
        row = scores.filter(
            (scores["adept_id"] == pair.adept_id) & (scores["mentor_id"] == pair.mentor_id)
        )
        assert row["score"].item() == pair.score


@pytest.mark.parametrize("other_size", [59, 61])
def test_scores_of_another_programme_are_refused(other_size):
    """Scores from before someone left or joined are refused, not silently reused."""
    settings = MatchSettings()
    stale = score_pairs(random_programme(other_size, seed=0), settings)
    with pytest.raises(PlanInputError, match="score the programme again"):
        solve(random_programme(60, seed=0), settings, scores=stale)
