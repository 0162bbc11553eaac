"""A plan with roles: each adept's placement and the person in each role they need.

What the role-aware solve returns besides the classic one-mentor
:class:`~smile_core.matching.plan.Plan` (which keeps the pairs of the programme's main role, so
every existing view still works). Independent of any solver.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property

from smile_core.ingest.participants import AdeptId, MentorId, WorkplaceId
from smile_core.matching.plan import InWords, UnmatchedReason
from smile_core.matching.roles import PLACEMENT, RoleSetup
from smile_core.text import Message


@dataclass(frozen=True, slots=True)
class Placement:
    """An adept placed at a workplace (practice placement), and the placement's score."""

    adept_id: AdeptId
    workplace_id: WorkplaceId
    score: float = 0.0
    locked: bool = False


@dataclass(frozen=True, slots=True)
class RolePair:
    """An adept with a person in one role (at that person's workplace, blank when none)."""

    adept_id: AdeptId
    mentor_id: MentorId
    role: str
    workplace_id: WorkplaceId = ""
    score: float = 0.0
    locked: bool = False


@dataclass(frozen=True, slots=True)
class RoleUnmatched(InWords):
    """An adept without a person in ``role`` (or without a placement: role ``placement``); in
    words through :meth:`~smile_core.matching.plan.InWords.message`."""

    adept_id: AdeptId
    role: str
    reason: UnmatchedReason
    text: Message


@dataclass(frozen=True, slots=True)
class RoleChange:
    """One adept's placement or person in one role before and after a re-solve (blank:
    none); ``before == after`` never occurs in a diff."""

    role: str
    adept_id: AdeptId
    before: str
    after: str


@dataclass(frozen=True)
class RoleDiff:
    """What a re-solve changed, per column of the plan (placement and each role):
    ``changes`` lists every adept whose choice moved; ``kept`` counts per column the
    choices that stayed."""

    changes: tuple[RoleChange, ...] = ()
    kept: tuple[tuple[str, int], ...] = ()

    def moved(self, role: str) -> int:
        """How many adepts' choice in ``role`` changed (new, dropped or another)."""
        return sum(1 for c in self.changes if c.role == role)


@dataclass(frozen=True)
class RolePlan:
    """Placements and role pairs; at most one placement and one person per role per adept.

    ``needs`` is each adept's needed roles (``placement`` first when needed).
    """

    setup: RoleSetup
    placements: tuple[Placement, ...] = ()
    pairs: tuple[RolePair, ...] = ()
    unmatched: tuple[RoleUnmatched, ...] = ()
    needs: tuple[tuple[AdeptId, tuple[str, ...]], ...] = ()
    #: What changed from the plan the re-solve started from (None: not a re-solve).
    diff: RoleDiff | None = None

    def __post_init__(self) -> None:
        seen: set[tuple[str, str]] = set()
        for key in [(p.adept_id, PLACEMENT) for p in self.placements] + [
            (p.adept_id, p.role) for p in self.pairs
        ]:
            if key in seen:
                raise ValueError(f"adept {key[0]} has two in role {key[1]}")
            seen.add(key)

    @cached_property
    def placement_of(self) -> dict[AdeptId, WorkplaceId]:
        """Each placed adept's workplace."""
        return {p.adept_id: p.workplace_id for p in self.placements}

    @cached_property
    def person_of(self) -> dict[tuple[AdeptId, str], MentorId]:
        """The person of each (adept, role)."""
        return {(p.adept_id, p.role): p.mentor_id for p in self.pairs}

    @property
    def columns(self) -> tuple[str, ...]:
        """The plan's columns in order: placement (when the programme places) and each role."""
        return ((PLACEMENT,) if self.setup.placements else ()) + self.setup.keys

    def filled(self, role: str) -> int:
        """How many adepts have someone in ``role`` (or a placement)."""
        if role == PLACEMENT:
            return len(self.placements)
        return sum(1 for p in self.pairs if p.role == role)

    def needing(self, role: str) -> int:
        """How many adepts need ``role`` (or a placement)."""
        return sum(1 for _a, needs in self.needs if role in needs)

    def with_pairs_of(self, role: str, pairs: Iterable[tuple[AdeptId, MentorId]]) -> RolePlan:
        """This plan with ``role``'s pairs replaced by ``pairs`` (e.g. the one-mentor
        editor's hand edits of the main role)."""
        others = [p for p in self.pairs if p.role != role]
        return replace(self, pairs=(*others, *(RolePair(a, m, role) for a, m in pairs)))

    def choices(self) -> dict[tuple[AdeptId, str], str]:
        """Each (adept, column) -> the workplace (placement) or the person chosen."""
        out = {(p.adept_id, PLACEMENT): p.workplace_id for p in self.placements}
        return out | {(p.adept_id, p.role): p.mentor_id for p in self.pairs}


def diff_role_plans(old: RolePlan, new: RolePlan) -> RoleDiff:
    """Per column of ``new``, which adepts' placement or person changed since ``old``."""
    before, after = old.choices(), new.choices()
    order = {key: i for i, key in enumerate(new.columns)}
    keys = sorted(set(before) | set(after), key=lambda k: (order.get(k[1], len(order)), k[1], k[0]))
    changes = tuple(
        RoleChange(role, adept, before.get((adept, role), ""), after.get((adept, role), ""))
        for adept, role in keys
        if before.get((adept, role)) != after.get((adept, role))
    )
    kept = tuple(
        (column, sum(1 for k, v in after.items() if k[1] == column and before.get(k) == v))
        for column in new.columns
    )
    return RoleDiff(changes, kept)
