"""What-if and price-of-equality answers are real plans with consistent figures."""

import dataclasses
import itertools

import polars as pl
import pytest

from smile_core.demo.synthetic import random_programme
from smile_core.equality.figures import tradeoff_frame
from smile_core.ingest.participants import Adept, Gender, Mentor, Programme, Workplace
from smile_core.matching.analysis import price_of_equality, what_if
from smile_core.matching.checks import check_plan
from smile_core.matching.plan import Status
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchSettings, Priority
from smile_core.matching.solver import solve


@pytest.fixture(scope="module")
def programme() -> Programme:
    """A 40-adept random programme: big enough for trade-offs, small enough to be quick."""
    return random_programme(40, seed=11)


def test_what_if_reports_the_cost_of_forcing_a_pair(programme):
    """Forcing an adept onto a mentor they did not get costs score and moves them."""
    settings = MatchSettings()
    base = solve(programme, settings)
    pair = base.plan.pairs[0]
    # An allowed alternative: a lock outside the allowed pairs may add capacity and raise
    # coverage, which is a different question.
    allowed = score_pairs(programme, settings).filter(
        pl.col("allowed") & (pl.col("adept_id") == pair.adept_id)
    )
    other = next(m for m in allowed["mentor_id"] if m != pair.mentor_id)
    answer = what_if(programme, settings, base, pair.adept_id, other)
    assert answer.feasible
    assert answer.result.plan.mentor_of[pair.adept_id] == other
    assert (pair.adept_id, pair.mentor_id, other) in answer.moved
    assert answer.score_change == pytest.approx(answer.result.total_score - base.total_score)
    assert answer.matched_change == answer.result.matched - base.matched
    # The base plan is optimal, so forcing anything cannot beat it on coverage, then score.
    assert (answer.matched_change, answer.score_change) <= (0, 0.0)
    assert not check_plan(
        programme, answer.result.plan.keys, settings, locks=[(pair.adept_id, other)]
    )


def test_what_if_on_a_full_locked_mentor_is_infeasible_with_reasons():
    """A what-if that breaks a locked capacity says so instead of failing."""
    programme = Programme(
        adepts=(
            Adept("A1", Gender.WOMAN, "ekonom", languages=("swedish",)),
            Adept("A2", Gender.MAN, "ekonom", languages=("swedish",)),
        ),
        mentors=(Mentor("M1", Gender.WOMAN, "ekonom", workplace_id="W1"),),
        workplaces=(Workplace("W1", capacity=1),),
    )
    settings = dataclasses.replace(MatchSettings(), equality=MatchSettings().equality.all_off())
    base = solve(programme, settings, locks=[("A1", "M1")])
    answer = what_if(programme, settings, base, "A2", "M1", locks=[("A1", "M1")])
    assert not answer.feasible
    assert answer.result.status is Status.INFEASIBLE
    assert answer.result.conflicts


def test_price_of_equality_gets_no_better_as_targets_tighten(programme):
    """Stricter match-rate targets never raise the total: each point is a real plan."""
    points = price_of_equality(
        programme,
        MatchSettings(),
        rule="match_rate",
        targets=(None, 20.0, 5.0, 0.0),
        time_limit_per_point=3,
    )
    assert [p.target for p in points] == [None, 20.0, 5.0, 0.0]
    feasible = [p for p in points if p.status in (Status.OPTIMAL, Status.FEASIBLE)]
    assert feasible[0].target is None
    for looser, stricter in itertools.pairwise(feasible):
        if stricter.status is Status.OPTIMAL and looser.status is Status.OPTIMAL:
            assert (stricter.matched, stricter.total_score) <= (looser.matched, looser.total_score)
    for point in feasible:
        if point.target is not None:
            assert all(
                short <= point.target + 1e-9
                for g, short in point.shortfall_points.items()
                if g in ("woman", "man")
            )


def test_price_of_equality_rejects_an_unknown_rule(programme):
    """A typo in the rule name is an error, not a silent sweep of nothing."""
    with pytest.raises(ValueError, match="unknown equality rule"):
        price_of_equality(programme, MatchSettings(), rule="colour", targets=(1.0,))


def test_price_of_equality_marks_points_that_were_not_proven():
    """A point stopped at a 20 % gap limit is unproven, with its gap and bound, in the frame
    (the quality priority: the strict rule's flows settle only the coverage priority)."""
    settings = MatchSettings(relative_gap_limit=0.2, priority=Priority.QUALITY)
    points = price_of_equality(
        random_programme(60, 1), settings, targets=(None, 0.0), time_limit_per_point=5
    )
    off, strict = points
    assert off.proven and off.gap == 0
    assert strict.status is Status.FEASIBLE and not strict.proven
    assert strict.best_bound > strict.total_score and strict.gap > 0
    frame = tradeoff_frame(points)
    assert frame["proven"].to_list() == [True, False]
    assert frame["gap"].to_list()[1] == strict.gap
