"""Fast array checks of the CP-SAT rules on a candidate plan (pair indices), used to decide
whether a flow plan can serve as a warm start and a lower bound. Each rule's ``mirror`` lives
in its module and mirrors its rows exactly in whole numbers; this runs every registered one
(:mod:`~smile_core.matching.solver.rules.registry`). The public, independent checks are in
:mod:`smile_core.matching.checks`; CP-SAT, the model of record, confirms every plan returned."""

from __future__ import annotations

import numpy as np

from smile_core.matching.solver.problem import MatchProblem
from smile_core.matching.solver.rules.match_rate import (
    violated_groups as violated_match_rate_groups,
)
from smile_core.matching.solver.rules.quality_parity import group_score_sums, lower_mean_group
from smile_core.matching.solver.rules.registry import RULES

__all__ = [
    "group_score_sums",
    "lower_mean_group",
    "satisfies_rules",
    "violated_match_rate_groups",
]

_MIRRORS = tuple(rule.mirror for rule in RULES if rule.mirror is not None)


def satisfies_rules(problem: MatchProblem, chosen: np.ndarray) -> bool:
    """True when the pairs ``chosen`` keep every rule of the model (rules without a mirror —
    at-most-one, capacities, locks — are assumed: flow plans keep them by construction)."""
    return all(mirror(problem, chosen) for mirror in _MIRRORS)
