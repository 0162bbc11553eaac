"""Public, solver-independent checks that judge any plan against the programme and the rules.

Plain Python over the plan's pairs: no CP-SAT, no flows. Every solve is checked by these in the
tests, and the dashboard shows their verdict next to each plan. All violations are returned,
not only the first. Each rule's check lives in its module (``check`` in
:mod:`smile_core.matching.solver.rules`); this runs every registered one
(:mod:`smile_core.matching.solver.rules.registry`), in registry order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from smile_core.ingest.participants import AdeptId, MentorId, Programme, must_match_ids
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver.rules.registry import CHECKED
from smile_core.matching.violation import PlanFacts, Violation

__all__ = ["PlanFacts", "Violation", "check_equality", "check_plan"]


def check_plan(
    programme: Programme,
    pairs: Iterable[tuple[AdeptId, MentorId]],
    settings: MatchSettings,
    *,
    scores: Mapping[tuple[AdeptId, MentorId], float] | None = None,
    allowed: Iterable[tuple[AdeptId, MentorId]] | None = None,
    locks: Iterable[tuple[AdeptId, MentorId]] = (),
    forbids: Iterable[tuple[AdeptId, MentorId]] = (),
    must_match: Iterable[AdeptId] = (),
    targets: bool = False,
) -> list[Violation]:
    """Every rule the plan breaks (empty when it keeps them all).

    Checks: known ids (nothing else is judged with an unknown id); then every registered
    rule's check: each adept at most once, must-match adepts (``must_match`` and those
    the file marks "Måste matchas") matched, each pair allowed by the
    scoring rules (when ``allowed`` is given) unless locked; mentor and workplace capacities;
    group mentors' minimum group sizes (nobody, or at least the minimum); locked pairs present,
    forbidden pairs absent; and the equality rules switched on in ``settings`` — match-rate
    parity, quality parity (needs ``scores``) and workplace mix.
    The match-rate, quality and workplace mix targets are rules only with their ``strict``
    option: by default they lift and are reported against; ``targets=True`` judges them too
    (the dashboard warns about a manual edit that misses them).
    """
    facts = PlanFacts(
        programme,
        tuple(pairs),
        settings,
        scores=scores,
        allowed=None if allowed is None else frozenset(allowed),
        locks=frozenset(locks),
        forbids=frozenset(forbids),
        must_match=frozenset(must_match) | must_match_ids(programme),
        targets=targets,
    )
    unknown = _known_ids(programme, facts.pairs)
    if unknown:
        return unknown
    return [v for rule in CHECKED for v in rule.check(facts)]  # type: ignore[misc]


def check_equality(
    programme: Programme,
    pairs: Iterable[tuple[AdeptId, MentorId]],
    settings: MatchSettings,
    *,
    scores: Mapping[tuple[AdeptId, MentorId], float] | None = None,
    targets: bool = False,
) -> list[Violation]:
    """Violations of the equality rules that are switched on (exact rational arithmetic).

    The match-rate shortfall and the quality gap are hard rules only when ``strict``; by
    default they are targets, judged here only with ``targets=True`` (a missed target is
    then reported the same way)."""
    facts = PlanFacts(programme, tuple(pairs), settings, scores=scores, targets=targets)
    return [v for rule in CHECKED if rule.equality for v in rule.check(facts)]  # type: ignore[misc]


def _known_ids(programme: Programme, pairs: tuple[tuple[str, str], ...]) -> list[Violation]:
    violations = []
    for a, m in pairs:
        if a not in programme.adept_by_id:
            violations.append(
                Violation("unknown", f"unknown adept {a}", (("kind", "adept"), ("x", a)))
            )
        if m not in programme.mentor_by_id:
            violations.append(
                Violation("unknown", f"unknown mentor {m}", (("kind", "mentor"), ("x", m)))
            )
    return violations
