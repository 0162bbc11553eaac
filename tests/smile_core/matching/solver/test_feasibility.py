"""The fast array checks mirror the public validators exactly."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from instances import adept, decisions, equality, match_settings, mentor, programme, programmes

from smile_core.matching.checks import check_plan
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver.feasibility import (
    lower_mean_group,
    satisfies_rules,
    violated_match_rate_groups,
)
from smile_core.matching.solver.problem import build_problem

FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def _plan(draw, problem):
    """At most one candidate per adept, within mentor and workplace capacities, every lock in
    (the rows a flow plan keeps by construction)."""
    mentor_load = np.zeros(len(problem.mentor_ids), dtype=int)
    wp_load = np.zeros(len(problem.workplace_ids), dtype=int)
    chosen = []
    locked_adepts = set(problem.pair_adept[problem.pair_locked].tolist())
    for p in np.flatnonzero(problem.pair_locked):
        chosen.append(int(p))
        mentor_load[problem.pair_mentor[p]] += 1
        if problem.pair_workplace[p] >= 0:
            wp_load[problem.pair_workplace[p]] += 1
    for adept_index, pairs in enumerate(problem.pairs_of_adept):
        if adept_index in locked_adepts or not len(pairs) or not draw(st.booleans()):
            continue
        p = int(draw(st.sampled_from(pairs.tolist())))
        m, w = problem.pair_mentor[p], problem.pair_workplace[p]
        if mentor_load[m] >= problem.mentor_capacity[m]:
            continue
        if w >= 0 and wp_load[w] >= problem.workplace_capacity[w]:
            continue
        mentor_load[m] += 1
        if w >= 0:
            wp_load[w] += 1
        chosen.append(p)
    return np.array(sorted(chosen), dtype=np.int64)


@settings(FAST, max_examples=50)
@given(data=st.data(), prog=programmes(), settings_=match_settings())
def test_satisfies_rules_agrees_with_check_plan(data, prog, settings_):
    """On random network-feasible plans the fast check agrees with the public check_plan."""
    locks, forbids, must = data.draw(decisions(prog))
    if len({a for a, _ in locks}) != len(locks):
        return
    scores = score_pairs(prog, settings_)
    problem = build_problem(prog, scores, settings_, locks=locks, forbids=forbids, must_match=must)
    chosen = data.draw(_plan(problem))
    keys = [
        (problem.adept_ids[problem.pair_adept[p]], problem.mentor_ids[problem.pair_mentor[p]])
        for p in chosen
    ]
    score = {(a, m): s for a, m, s in scores.select("adept_id", "mentor_id", "score").iter_rows()}
    violations = check_plan(
        prog, keys, settings_, scores=score, locks=locks, forbids=forbids, must_match=must
    )
    # Capacities may be broken by locks alone; the fast check assumes them, so skip those.
    if any(v.rule in ("mentor_capacity", "workplace_capacity") for v in violations):
        return
    assert satisfies_rules(problem, chosen) == (not violations)


def _parity_problem(settings_):
    women = [adept(f"A0{i}", "woman", target_field="jurist") for i in range(1, 4)]
    men = [adept(f"A1{i}", "man") for i in range(1, 4)]
    prog = programme(women + men, [mentor("M01", capacity=6)])
    return build_problem(prog, score_pairs(prog, settings_), settings_)


def test_violated_match_rate_groups_names_the_short_group():
    """Only men matched: women (half the applicants) are the group short of its share."""
    problem = _parity_problem(MatchSettings(equality=equality(k=3, match_rate=5.0)))
    men = np.flatnonzero(np.array(problem.adept_gender) == "man")
    matched = np.zeros(problem.n_adepts, dtype=bool)
    matched[men] = True
    assert violated_match_rate_groups(problem, matched) == ["woman"]
    matched[:3] = True  # all three women: half the matched
    assert violated_match_rate_groups(problem, matched) == []


def test_lower_mean_group_names_the_group_behind():
    """Women matched with a poor fit, men with a good one: women's mean is the lower one."""
    problem = _parity_problem(MatchSettings(equality=equality(k=3, quality=5.0)))
    everyone = np.arange(problem.n_pairs)
    assert lower_mean_group(problem, everyone) == "woman"
    wide = _parity_problem(MatchSettings(equality=equality(k=3, quality=100.0)))
    assert lower_mean_group(wide, everyone) is None
