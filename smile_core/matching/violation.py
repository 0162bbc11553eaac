"""Judging a plan: the plan under judgement (:class:`PlanFacts`) and what it breaks
(:class:`Violation`).

Plain values, no solver: each rule's public check (``check`` in its module under
:mod:`smile_core.matching.solver.rules`) reads a :class:`PlanFacts` and returns its violations;
:func:`smile_core.matching.checks.check_plan` runs every registered rule's check.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from smile_core.ingest.participants import AdeptId, MentorId, Programme
from smile_core.matching.settings import MatchSettings

#: The gender groups an equality rule can constrain, in the order checks report them.
CONSTRAINABLE = ("woman", "man", "non_binary")


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule: which rule, and the facts in words."""

    rule: str
    message: str
    #: The facts the message names, by key (e.g. m=mentor id, n=adepts, c=capacity), so the
    #: dashboard can say them in Swedish and English with names without parsing ``message``.
    facts: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @property
    def fact(self) -> dict[str, str]:
        """The facts as a dict."""
        return dict(self.facts)


@dataclass(frozen=True)
class PlanFacts:
    """A plan and everything a rule's check may judge it against.

    ``pairs`` are (adept id, mentor id) with known ids. ``targets`` makes the match-rate,
    quality and workplace mix targets count as rules (they are rules only with their
    ``strict`` option)."""

    programme: Programme
    pairs: tuple[tuple[AdeptId, MentorId], ...]
    settings: MatchSettings
    scores: Mapping[tuple[AdeptId, MentorId], float] | None = None
    allowed: frozenset[tuple[AdeptId, MentorId]] | None = None
    locks: frozenset[tuple[AdeptId, MentorId]] = frozenset()
    forbids: frozenset[tuple[AdeptId, MentorId]] = frozenset()
    must_match: frozenset[AdeptId] = frozenset()
    targets: bool = False

    @cached_property
    def gender(self) -> dict[str, str]:
        """Each adept's gender value by id."""
        return {a.id: a.gender.value for a in self.programme.adepts}

    @cached_property
    def applicants(self) -> Counter[str]:
        """Applicants per gender value."""
        return Counter(self.gender.values())

    @cached_property
    def groups(self) -> list[str]:
        """The gender groups with at least ``min_group_size`` applicants."""
        k = self.settings.equality.min_group_size
        return [g for g in CONSTRAINABLE if self.applicants[g] >= k]

    @cached_property
    def mentor_load(self) -> Counter[str]:
        """Adepts per mentor id in the plan."""
        return Counter(m for _, m in self.pairs)

    @cached_property
    def matched_per_group(self) -> Counter[str]:
        """Matched adepts per gender value."""
        return Counter(self.gender[a] for a, _ in self.pairs)
