"""Plans and match results: what the engine returns, independent of any solver.

A :class:`Plan` is the set of adept–mentor pairs. A :class:`MatchResult` adds how it was found
(status, bound, gap, time), why each unmatched adept is unmatched, the gender figures, and —
when no plan exists — the small set of rules that conflict, in words.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from smile_core.ingest.participants import AdeptId, MentorId, WorkplaceId
from smile_core.text import Message

if TYPE_CHECKING:
    from smile_core.matching.role_plan import RolePlan


@dataclass(frozen=True, slots=True)
class Pair:
    """One adept with one mentor (at the mentor's workplace, blank when none), and its score."""

    adept_id: AdeptId
    mentor_id: MentorId
    workplace_id: WorkplaceId = ""
    score: float = 0.0
    components: tuple[tuple[str, float], ...] = ()
    locked: bool = False

    @property
    def key(self) -> tuple[AdeptId, MentorId]:
        """The pair's identity: (adept, mentor)."""
        return (self.adept_id, self.mentor_id)


@dataclass(frozen=True)
class Plan:
    """A set of pairs, at most one per adept, in adept order."""

    pairs: tuple[Pair, ...] = ()

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for pair in self.pairs:
            if pair.adept_id in seen:
                raise ValueError(f"adept {pair.adept_id} is paired twice in one plan")
            seen.add(pair.adept_id)

    @property
    def mentor_of(self) -> dict[AdeptId, MentorId]:
        """Each matched adept's mentor."""
        return {p.adept_id: p.mentor_id for p in self.pairs}

    @property
    def keys(self) -> frozenset[tuple[AdeptId, MentorId]]:
        """The (adept, mentor) keys of every pair."""
        return frozenset(p.key for p in self.pairs)

    @property
    def total_score(self) -> float:
        """Sum of the pairs' scores, to two decimals."""
        return round(sum(round(p.score * 100) for p in self.pairs) / 100, 2)

    @classmethod
    def from_keys(cls, keys: Iterable[tuple[AdeptId, MentorId]]) -> Plan:
        """A plan of bare pairs (no scores), e.g. a previous plan read back from a file."""
        return cls(tuple(Pair(a, m) for a, m in sorted(keys)))


class Status(StrEnum):
    """How the search ended."""

    OPTIMAL = "optimal"  # proven best possible plan
    FEASIBLE = "feasible"  # a plan, within ``gap`` of the best possible
    INFEASIBLE = "infeasible"  # the rules cannot all hold: see ``conflicts``
    NO_SOLUTION_IN_TIME = "time_limit"  # the time limit passed before any plan was found


class UnmatchedReason(StrEnum):
    """Why an adept has no mentor in the plan."""

    NO_ALLOWED_MENTOR = "no_allowed_mentor"
    ALL_FULL = "all_full"
    EQUALITY_RULE = "equality_rule"
    DISPLACED_BY_LOCK = "displaced_by_lock"
    NOT_WORTH_IT = "not_worth_it"  # quality priority: matching them would not raise the total
    #: A plan not proven best: a fitting seat has room and the pair keeps every rule, so the
    #: search stopped before it could match them (or show it should not).
    SEARCH_STOPPED = "search_stopped"
    GROUP_MINIMUM = "group_minimum"  # the mentors with room lead groups too small to run
    #: Every fitting seat is full, and the group matches fewer than it would without the
    #: equality rule: a seat went to lift a group with a lower match rate.
    LIFTED_OTHER = "lifted_other"
    NO_PLAN = "no_plan"
    # No allowed mentor, when every mentor is ruled out for one and the same reason (mixed
    # reasons stay ``NO_ALLOWED_MENTOR``).
    NO_SHARED_LANGUAGE = "no_shared_language"
    GENDER_WISH = "gender_wish"  # the adept's wished mentor gender, as a hard rule
    FORBIDDEN = "forbidden"  # the coordinator's forbids
    EARLIER_MENTOR = "earlier_mentor"  # an earlier cohort's mentor, not offered again
    AVOIDED = "avoided"  # the adept's or a mentor's "Undviker" list
    SAME_ORGANISATION = "same_organisation"
    WORKPLACE_CLOSED = "workplace_closed"  # the mentors' workplaces have no places at all
    # Every allowed mentor or workplace is full, and which (mixed stays ``ALL_FULL``).
    MENTOR_FULL = "mentor_full"
    WORKPLACE_FULL = "workplace_full"


class InWords:
    """A value with a :class:`~smile_core.text.Message`, read in either language."""

    __slots__ = ()

    def message(self, lang: str) -> str:
        """The value in words in ``lang``."""
        return self.text.render(lang)  # type: ignore[attr-defined]

    @property
    def message_sv(self) -> str:
        """In Swedish."""
        return self.message("sv")

    @property
    def message_en(self) -> str:
        """In English."""
        return self.message("en")


@dataclass(frozen=True, slots=True)
class Unmatched(InWords):
    """An unmatched adept and the reason (a code); ``notes`` add what an earlier cohort's
    pairs mean for them. In words through :meth:`message` (the catalogue's ``reason.<code>``)."""

    adept_id: AdeptId
    reason: UnmatchedReason
    notes: tuple[Message, ...] = ()

    @property
    def text(self) -> Message:
        """The reason, with the notes after it, as a message."""
        if not self.notes:
            return Message.of(f"reason.{self.reason.value}")
        return Message.of(
            "reason.with_notes", reason=Message.of(f"reason.{self.reason.value}"), notes=self.notes
        )


@dataclass(frozen=True, slots=True)
class GroupFigures:
    """Applicants, matched adepts and mean matched score for one gender group."""

    gender: str
    applicants: int
    matched: int
    mean_score: float | None

    @property
    def match_rate(self) -> float | None:
        """Matched / applicants (None for an empty group)."""
        return self.matched / self.applicants if self.applicants else None


@dataclass(frozen=True, slots=True)
class Conflict(InWords):
    """One rule among a conflicting set: its kind and its words as a catalogue message;
    ``subject`` and ``limit`` (e.g. mentor M02, capacity 1) let a summary sentence name them."""

    kind: str
    text: Message
    subject: str = ""
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class EqualityNote(InWords):
    """What the plan means for an equality target, in words (Swedish, English).

    ``kind``: ``rate_target`` (a group's match rate misses the X-point target, with the
    cause), ``strict_cost`` (people a strict option leaves without a mentor),
    ``quality_target`` (the mean scores differ by more than the Y-point target), or
    ``mix_target`` (workplaces below the workplace mix's share; ``count``: the women missing).
    ``group`` and ``count`` carry the facts the sentence names."""

    kind: str
    text: Message
    group: str = ""
    count: int | None = None


@dataclass(frozen=True, slots=True)
class PlanDiff:
    """What changed from a previous plan: pairs added, removed, and adepts who changed mentor."""

    added: tuple[tuple[AdeptId, MentorId], ...] = ()
    removed: tuple[tuple[AdeptId, MentorId], ...] = ()
    changed: tuple[tuple[AdeptId, MentorId, MentorId], ...] = ()  # adept, old mentor, new mentor
    kept: int = 0

    @property
    def moved(self) -> int:
        """Number of adepts whose situation changed (new, dropped or other mentor)."""
        return len(self.added) + len(self.removed) + len(self.changed)


def diff_plans(previous: Plan, current: Plan) -> PlanDiff:
    """The difference from ``previous`` to ``current``.

    An adept with a mentor in both plans but a different one is *changed*; an adept only in
    ``current`` is *added*; only in ``previous`` is *removed*.
    """
    before, after = previous.mentor_of, current.mentor_of
    added = tuple(sorted((a, m) for a, m in after.items() if a not in before))
    removed = tuple(sorted((a, m) for a, m in before.items() if a not in after))
    changed = tuple(
        sorted((a, before[a], m) for a, m in after.items() if a in before and before[a] != m)
    )
    kept = sum(1 for a, m in after.items() if before.get(a) == m)
    return PlanDiff(added=added, removed=removed, changed=changed, kept=kept)


@dataclass(frozen=True)
class MatchResult:
    """Everything one solve produced.

    ``total_score`` is the plan's summed score; ``objective`` and ``best_bound`` are the final
    stage's objective and the proven upper bound on it (the same as the total score unless a
    previous plan's stability bonus is in play), and ``gap = (best_bound - objective) /
    best_bound`` (0 when proven optimal) — or, when an earlier stage (a rate, the number
    matched, the worse-off mean) stopped unproven, that stage's own relative gap if it is
    larger: the score's bound says nothing about a plan better in an earlier stage.
    """

    status: Status
    plan: Plan
    unmatched: tuple[Unmatched, ...]
    total_score: float
    objective: float
    best_bound: float
    gap: float
    solve_seconds: float
    by_gender: tuple[GroupFigures, ...]
    conflicts: tuple[Conflict, ...] = ()
    diff: PlanDiff | None = None
    stages: tuple[str, ...] = field(default=())
    seed: int = 0
    #: Targets the plan misses and what strict options cost, in words (empty when none).
    equality_notes: tuple[EqualityNote, ...] = ()
    #: Placements and a person per role, when the programme has roles (placements or more
    #: than one role); ``plan`` then holds the main role's pairs. ``None`` otherwise.
    roles: RolePlan | None = None
    #: Mentor changes made by hand after the solve. When not 0, ``status``, ``gap`` and
    #: ``equality_notes`` are the solver's verdict on the plan it found, not on ``plan``: an
    #: edited plan is never called proven (:attr:`proven`).
    hand_edits: int = 0

    @property
    def proven(self) -> bool:
        """The plan is proven the best possible: optimal, gap 0, and not changed by hand."""
        return self.status is Status.OPTIMAL and self.gap == 0 and not self.hand_edits

    @property
    def score_shortfall(self) -> float | None:
        """At most how many points of total score the best possible plan has more than this
        one (``best_bound - objective``), when that is what ``gap`` measures: a plan stopped
        unproven in its score stage (the gap is that stage's own, so every earlier stage is
        proven), no stability bonus in the objective, not changed by hand. ``None`` otherwise:
        a proven plan has no shortfall, and an earlier stage's gap is not one of score."""
        if self.status is not Status.FEASIBLE or self.hand_edits or self.best_bound <= 0:
            return None
        if not math.isclose(self.objective, self.total_score, abs_tol=0.005):
            return None  # the stability bonus is in the objective: not the plan's score
        own = (self.best_bound - self.objective) / self.best_bound
        if not math.isclose(own, self.gap, rel_tol=1e-6, abs_tol=1e-12):
            return None  # the gap is an earlier stage's (a rate, the count, a mean)
        return self.best_bound - self.objective

    @property
    def matched(self) -> int:
        """Number of matched adepts."""
        return len(self.plan.pairs)

    @property
    def mean_pair_score(self) -> float | None:
        """The mean score of the pairs ``total_score`` adds up: the plan's pairs, or with roles
        every person chosen in any role (a handledare and a mentor are two pairs, each 0-100);
        ``None`` without pairs."""
        pairs = len(self.roles.pairs) if self.roles is not None else len(self.plan.pairs)
        return self.total_score / pairs if pairs else None

    @property
    def has_plan(self) -> bool:
        """True when the result carries a plan (optimal or feasible)."""
        return self.status in (Status.OPTIMAL, Status.FEASIBLE)
