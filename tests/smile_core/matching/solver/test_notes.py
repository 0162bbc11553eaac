"""The equality notes claim what holds only of the best plan (the gap cannot be narrowed; a
group's seats went to lifting another) only when the stages before the score are proven."""

from __future__ import annotations

import dataclasses
import importlib

import numpy as np
import pytest

from smile_core.demo.synthetic import binding_programme
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchSettings, QualityParityMode
from smile_core.matching.solver import solve
from smile_core.matching.solver.notes import equality_notes
from smile_core.matching.solver.problem import MatchProblem, build_problem
from smile_core.text import t


@pytest.fixture(scope="module")
def cohort() -> tuple[MatchProblem, np.ndarray]:
    """40 binding adepts (hard wish) under a 0-point gap target, and the default plan's pairs
    (its means differ by some points, so the target is missed)."""
    programme = binding_programme(40, 0)
    default = MatchSettings(gender_preference_hard=True)
    plan = solve(programme, default).plan
    quality = dataclasses.replace(default.equality.quality, max_gap_points=0.0)
    settings = dataclasses.replace(
        default, equality=dataclasses.replace(default.equality, quality=quality)
    )
    problem = build_problem(programme, score_pairs(programme, settings), settings)
    adept = {a: i for i, a in enumerate(problem.adept_ids)}
    mentor = {m: i for i, m in enumerate(problem.mentor_ids)}
    chosen = [problem.pair_index[(adept[p.adept_id], mentor[p.mentor_id])] for p in plan.pairs]
    return problem, np.sort(np.array(chosen))


def _note(problem: MatchProblem, chosen: np.ndarray, kind: str, settled: bool) -> str:
    (note,) = [n for n in equality_notes(problem, chosen, settled=settled) if n.kind == kind]
    return note.message_en


def test_the_gap_is_said_to_be_as_narrow_as_it_can_be_only_when_proven(cohort):
    """The quality note: "cannot be narrowed further" when settled, "stopped before" when not."""
    problem, chosen = cohort
    settled = _note(problem, chosen, "quality_target", settled=True)
    unsettled = _note(problem, chosen, "quality_target", settled=False)
    # Lifting the women as far as these counts allow leaves the means apart (no plan keeps a
    # 0-point target without lowering the men): said only of a settled plan.
    assert "can rise to at most" in settled and "less suitable mentors" in settled
    assert "can rise" not in unsettled
    assert "stopped before proving whether the gap can be narrowed" in unsettled


def test_seats_lost_to_lifting_are_the_cause_only_when_the_counts_are_proven(cohort):
    """Three women fewer than their supply: the lifting cause when settled, else unsettled."""
    problem, chosen = cohort
    women = np.array(problem.adept_gender)[problem.pair_adept[chosen]] == "woman"
    fewer = np.sort(np.concatenate([chosen[~women], chosen[women][3:]]))
    assert t("note.cause.lifted", "en") in _note(problem, fewer, "rate_target", settled=True)
    unsettled = _note(problem, fewer, "rate_target", settled=False)
    assert t("note.cause.unproven", "en") in unsettled
    assert t("note.cause.lifted", "en") not in unsettled


def _strict_match_rate(problem: MatchProblem) -> MatchProblem:
    """The same problem with the match-rate rule's strict option on."""
    match_rate = dataclasses.replace(problem.settings.equality.match_rate, strict=True)
    settings = dataclasses.replace(
        problem.settings,
        equality=dataclasses.replace(problem.settings.equality, match_rate=match_rate),
    )
    return dataclasses.replace(problem, settings=settings)


def test_a_strict_rule_costing_one_person_names_them_and_the_rule(cohort):
    """One man fewer than the lifted plan under the strict match rate: "The strict option
    (Equal chance) costs 1 man", not "The strict rule costs 1 Man"."""
    problem, chosen = cohort
    strict = _strict_match_rate(problem)
    men = np.array(problem.adept_gender)[problem.pair_adept[chosen]] == "man"
    one_man_fewer = np.sort(np.concatenate([chosen[~men], chosen[men][1:]]))
    (note,) = [n for n in equality_notes(strict, one_man_fewer) if n.kind == "strict_cost"]
    assert "The strict option (Equal chance) costs 1 man a mentor" in note.message_en
    assert "Det strikta alternativet (Lika chans) kostar 1 man en mentor" in note.message_sv


def test_under_a_strict_option_seats_are_not_said_to_go_to_lifting(cohort):
    """Three women fewer than their supply under the strict match rate: the cause is the
    strict option, by name (no group is lifted then)."""
    problem, chosen = cohort
    women = np.array(problem.adept_gender)[problem.pair_adept[chosen]] == "woman"
    fewer = np.sort(np.concatenate([chosen[~women], chosen[women][3:]]))
    note = _note(_strict_match_rate(problem), fewer, "rate_target", settled=True)
    assert t("note.cause.lifted", "en") not in note
    assert "Cause: the strict option (Equal chance) limits which seats" in note


def _with_quality_mode(settings: MatchSettings, mode: QualityParityMode) -> MatchSettings:
    quality = dataclasses.replace(settings.equality.quality, mode=mode)
    return dataclasses.replace(
        settings, equality=dataclasses.replace(settings.equality, quality=quality)
    )


def _means(result) -> dict[str, float]:
    return {g.gender: g.mean_score for g in result.by_gender}


def test_a_gap_target_kept_only_by_lowering_men_is_said_so_with_the_lifting_plans_means(
    monkeypatch,
):
    """40 binding adepts (hard wish, seed 1): the plan that keeps the target by lowering the
    men (what the engine chose before it lifted only) gets a note with the MAXIMIN plan's
    means; the engine's own plan now misses the target instead and has no such note."""
    programme = binding_programme(40, 1)
    default = MatchSettings(gender_preference_hard=True)
    result = solve(programme, default)
    solve_module = importlib.import_module("smile_core.matching.solver.solve")
    monkeypatch.setattr(solve_module, "_lifting_short_of_target", lambda *args: None)
    levelled = solve(programme, default)
    lifting = solve(programme, _with_quality_mode(default, QualityParityMode.MAXIMIN))
    assert lifting.proven and lifting.matched == levelled.matched == result.matched
    kept, lifted = _means(levelled), _means(lifting)
    # The levelled plan keeps the 10-point target; the lifting plan cannot, and dominates it.
    assert kept["man"] - kept["woman"] <= 10 < lifted["man"] - lifted["woman"]
    assert kept["woman"] <= lifted["woman"] and kept["man"] < lifted["man"]
    (note,) = [n for n in levelled.equality_notes if n.kind == "quality_levelled"]
    assert note.group == "man"
    words = note.message_en
    for figure in (lifted["woman"], lifted["man"], kept["man"]):
        assert f"{figure:.1f}" in words
    assert "less suitable mentors" in words
    for plain in (result, lifting):
        assert not [n for n in plain.equality_notes if n.kind == "quality_levelled"]
    assert _means(result)["man"] > kept["man"]


def test_no_levelling_note_when_lifting_the_worse_off_group_reaches_the_target():
    """100 binding adepts (soft wish, seed 7): the lifting plan keeps the target itself."""
    programme = binding_programme(100, 7)
    settings = MatchSettings(time_limit_seconds=3)
    lifting = solve(programme, _with_quality_mode(settings, QualityParityMode.MAXIMIN))
    lifted = _means(lifting)
    assert lifted["man"] - lifted["woman"] <= 10
    result = solve(programme, settings)
    assert not [n for n in result.equality_notes if n.kind == "quality_levelled"]
