"""Every combination of priority and equality modes the settings form offers gives a sensible
plan: it keeps every rule (the independent checks), lifting never matches fewer of the
worse-off group than the MILP oracle's leximin counts, and no non-strict quality mode
matches fewer adepts than the same settings without it."""

from __future__ import annotations

import dataclasses
import itertools
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from milp_oracle import milp_lift

from smile_core.demo.synthetic import binding_programme
from smile_core.matching.checks import check_plan
from smile_core.matching.plan import Status
from smile_core.matching.settings import MatchSettings, Priority, QualityParityMode
from smile_core.matching.solver import solve

sys.path.insert(0, str(Path(__file__).parents[2]))
from demo_data import demo_programme

#: The match-rate rule as the form offers it: off, lifting (default), the strict option.
RATE = ("off", "lift", "strict")
#: The quality rule as the form offers it (strict only with the gap mode: the form refuses it
#: with MAXIMIN, :func:`smile_core.matching.settings.unsolvable_combinations`).
QUALITY = ("off", "gap target", "gap strict", "maximin")


def _settings(priority: Priority, rate: str, quality: str, hard: bool) -> MatchSettings:
    base = MatchSettings(priority=priority, gender_preference_hard=hard, time_limit_seconds=5)
    eq = base.equality
    match_rate = dataclasses.replace(eq.match_rate, enabled=rate != "off", strict=rate == "strict")
    q = dataclasses.replace(
        eq.quality,
        enabled=quality != "off",
        mode=QualityParityMode.MAXIMIN if quality == "maximin" else QualityParityMode.MAX_GAP,
        strict=quality == "gap strict",
    )
    return dataclasses.replace(
        base, equality=dataclasses.replace(eq, match_rate=match_rate, quality=q)
    )


@pytest.fixture(scope="module")
def programmes():
    """The vocational demo (soft wishes) and a 40-adept binding cohort (hard wishes)."""
    return {
        "vocational": (demo_programme("vocational"), False),
        "binding": (binding_programme(40, 1), True),
    }


def _lifting_counts(prog, result, groups) -> tuple[dict[str, int], dict[str, int]]:
    """Matched and applicants per lifting group (each constrained gender, "other" for the
    rest)."""
    label = {a.id: a.gender.value if a.gender.value in groups else "other" for a in prog.adepts}
    applicants = {g: sum(1 for v in label.values() if v == g) for g in groups}
    matched = {g: sum(1 for p in result.plan.pairs if label[p.adept_id] == g) for g in groups}
    return matched, applicants


@pytest.mark.parametrize("which", ["vocational", "binding"])
@pytest.mark.parametrize("priority", list(Priority))
@pytest.mark.parametrize(("rate", "quality"), list(itertools.product(RATE, QUALITY)))
def test_every_offered_combination_gives_a_sensible_plan(
    programmes, which, priority, rate, quality
):
    """Each priority x match-rate x quality mode: a rule-keeping plan, never levelling down."""
    prog, hard = programmes[which]
    settings_ = _settings(priority, rate, quality, hard)
    result = solve(prog, settings_)
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert result.matched > 0
    assert check_plan(prog, result.plan.keys, settings_) == []
    if quality in ("gap target", "maximin"):
        # The quality stage comes after the counts: it never unmatches anyone.
        without = solve(prog, _settings(priority, rate, "off", hard))
        assert result.matched == without.matched
    if rate == "lift" and priority is Priority.COVERAGE:
        oracle = milp_lift(prog, _settings(priority, rate, "off", hard))
        matched, applicants = _lifting_counts(prog, result, set(oracle.counts))
        rates = sorted(Fraction(matched[g], n) for g, n in applicants.items())
        expected = sorted(Fraction(oracle.counts[g], n) for g, n in applicants.items())
        assert rates == expected
        assert result.matched == oracle.matched
