"""Fast array checks of the CP-SAT rules on a candidate plan (pair indices), used to decide
whether a flow plan can serve as a warm start and a lower bound. Mirrors the rule modules
exactly in whole numbers; the public, independent checks live in :mod:`smile_core.checks`."""

from __future__ import annotations

import numpy as np

from smile_core.settings import QualityParityMode
from smile_core.solver.problem import MatchProblem
from smile_core.solver.rules import match_rate


def satisfies_rules(problem: MatchProblem, chosen: np.ndarray) -> bool:
    """True when the pairs ``chosen`` keep every rule of the model (capacities, locks and
    at-most-one are assumed: flow plans keep them by construction)."""
    matched = np.zeros(problem.n_adepts, dtype=bool)
    matched[problem.pair_adept[chosen]] = True
    if problem.must_match and not all(matched[a] for a in problem.must_match):
        return False
    if problem.pair_forbidden[chosen].any() or not group_sizes_ok(problem, chosen):
        return False
    return (
        not violated_match_rate_groups(problem, matched)
        and quality_gap_ok(problem, chosen)
        and (workplace_mix_ok(problem, chosen))
    )


def violated_match_rate_groups(problem: MatchProblem, matched: np.ndarray) -> list[str]:
    """Constrained gender groups whose *strict* match-rate parity row fails (the default rule
    lifts instead and keeps X points only as a target: see :mod:`.leximin`)."""
    rule = problem.settings.equality.match_rate
    if not (rule.enabled and rule.strict):
        return []
    return [
        g
        for g in problem.constrained_groups()
        if int(match_rate.coefficients(problem, g)[matched].sum()) < 0
    ]


def group_score_sums(problem: MatchProblem, chosen: np.ndarray) -> dict[str, tuple[int, int]]:
    """(summed score in centipoints, matched count) for women and men."""
    genders = np.array(problem.adept_gender)[problem.pair_adept[chosen]]
    scores = problem.pair_score[chosen]
    return {
        g: (int(scores[genders == g].sum()), int((genders == g).sum())) for g in ("woman", "man")
    }


def lower_mean_group(
    problem: MatchProblem, chosen: np.ndarray, *, target: bool = False
) -> str | None:
    """The group (woman/man) whose mean score is lower by more than the allowed gap, if any.

    By default only the strict (hard) rule counts; ``target=True`` judges the gap as a target
    whatever the mode and strictness (for reporting and for the flow plan's shortcut)."""
    rule = problem.settings.equality.quality
    groups = problem.constrained_groups()
    if not rule.enabled:
        return None
    if not target and (rule.mode is not QualityParityMode.MAX_GAP or not rule.strict):
        return None
    if "woman" not in groups or "man" not in groups:
        return None
    (s_w, m_w), (s_m, m_m) = group_score_sums(problem, chosen).values()
    if not m_w or not m_m:
        return None
    gap = round(100 * rule.max_gap_points)
    if s_w * m_m - s_m * m_w > gap * m_w * m_m:
        return "man"
    if s_m * m_w - s_w * m_m > gap * m_w * m_m:
        return "woman"
    return None


def quality_gap_ok(problem: MatchProblem, chosen: np.ndarray) -> bool:
    """True when the quality-parity row holds (or is off)."""
    return lower_mean_group(problem, chosen) is None


def workplace_mix_ok(problem: MatchProblem, chosen: np.ndarray) -> bool:
    """True when every workplace with two or more adepts has the minimum share of women."""
    rule = problem.settings.equality.workplace_mix
    if not rule.enabled:
        return True
    share = round(100 * rule.min_women_share)
    workplaces = problem.pair_workplace[chosen]
    women = np.array(problem.adept_gender)[problem.pair_adept[chosen]] == "woman"
    keep = workplaces >= 0
    n_w = len(problem.workplace_ids)
    placed = np.bincount(workplaces[keep], minlength=n_w)
    placed_women = np.bincount(workplaces[keep], weights=women[keep], minlength=n_w)
    bad = (placed >= 2) & (100 * placed_women < share * placed)
    return not bad.any()


def group_sizes_ok(problem: MatchProblem, chosen: np.ndarray) -> bool:
    """True when every group mentor has nobody or at least their minimum group size."""
    load = np.bincount(problem.pair_mentor[chosen], minlength=len(problem.mentor_ids))
    minimum = problem.mentor_min_group
    return not ((minimum >= 2) & (load > 0) & (load < minimum)).any()
