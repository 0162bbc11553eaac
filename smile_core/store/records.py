"""What the repository returns: immutable records of stored rows.

All times are timezone-aware UTC. Adepts and mentors appear by the coordinator's id in their
cohort (``adept_id``, ``mentor_id``) and, where a person is meant across cohorts, by their
``person_key``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from smile_core.matching.plan import Conflict, Plan, Status
from smile_core.matching.role_plan import Placement, RolePair, RoleUnmatched
from smile_core.matching.roles import RoleSetup
from smile_core.matching.settings import MatchSettings


@dataclass(frozen=True, slots=True)
class ProgrammeRecord:
    """A programme: name, kind (vocational, academic or group) and rhythm; closed or open."""

    id: int
    name: str
    kind: str
    rhythm: dict[str, Any]
    created_at: datetime
    closed_at: datetime | None

    @property
    def closed(self) -> bool:
        """True once the programme has been closed."""
        return self.closed_at is not None


@dataclass(frozen=True, slots=True)
class CohortRecord:
    """One intake of a programme."""

    id: int
    programme_id: int
    name: str
    starts_on: date | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class VersionRecord:
    """One upload of a cohort's participants: numbered 1, 2, ... within the cohort."""

    id: int
    cohort_id: int
    number: int
    label: str
    uploaded_at: datetime
    uploaded_by: str
    adepts: int
    mentors: int
    workplaces: int


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of one row that differs between two versions."""

    field: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class RowChange:
    """A row (adept, mentor or workplace) present in both versions with different fields."""

    id: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class TableDiff:
    """Ids added, removed and changed in one table between two versions."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[RowChange, ...] = ()

    @property
    def empty(self) -> bool:
        """True when nothing changed."""
        return not (self.added or self.removed or self.changed)


@dataclass(frozen=True, slots=True)
class VersionDiff:
    """What changed from one participants version to another, table by table.

    ``before`` is ``None`` for a first upload: then everyone counts as added.
    """

    before: int | None
    after: int
    adepts: TableDiff
    mentors: TableDiff
    workplaces: TableDiff

    @property
    def empty(self) -> bool:
        """True when the two versions hold the same people and workplaces, field for field."""
        return self.adepts.empty and self.mentors.empty and self.workplaces.empty


@dataclass(frozen=True, slots=True)
class SavedVersion:
    """The result of saving an upload: the new version and its difference from the last."""

    id: int
    number: int
    diff: VersionDiff


@dataclass(frozen=True, slots=True)
class Member:
    """A person's membership of a cohort: role, the coordinator's id, when they left."""

    cohort_id: int
    role: str
    source_id: str
    person_key: str
    left_on: date | None
    promoted_from: tuple[int, str, str] | None = None  # (cohort id, role, source id)


@dataclass(frozen=True, slots=True)
class RunSummary:
    """One saved run, without its plan: for the run history."""

    id: int
    cohort_id: int
    version_number: int
    status: Status
    matched: int
    total_score: float
    seed: int
    solve_seconds: float
    created_at: datetime
    created_by: str
    agreed: bool
    parent_run_id: int | None
    #: Mentor changes made by hand after the solve (the run saved an edited plan): its
    #: ``status`` is then the solver's verdict on the plan it found, not on this one.
    hand_edits: int = 0


@dataclass(frozen=True)
class StoredRoles:
    """A run's plan with roles as stored (issue 10): the setup it was made with, each adept's
    placement and person per role, the unmet needs with their reasons in words, and the
    coordinator's forbids by role as (adept, person or workplace, role key). The adepts'
    needs are not stored: they follow from the run's participants and the setup
    (:func:`smile_core.matching.saved_runs.role_plan_from_stored`)."""

    setup: RoleSetup
    placements: tuple[Placement, ...] = ()
    pairs: tuple[RolePair, ...] = ()
    unmatched: tuple[RoleUnmatched, ...] = ()
    forbids: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class StoredRun:
    """A saved run in full: its inputs, how it was found, its figures and its plan.

    ``figures`` are aggregates (total and objective, bound and gap, per-gender counts and
    means, stage names, counts of unmatched, conflicts and changes); ``unmatched`` pairs each
    unmatched adept's id with the reason code; ``conflicts`` come back with their kind, their
    words (a catalogue message, read in any language), subject and limit; ``roles`` the plan
    with roles, if the run has one.
    """

    summary: RunSummary
    version_id: int
    settings: MatchSettings
    solver: str
    versions: dict[str, str]
    figures: dict[str, Any]
    plan: Plan
    unmatched: tuple[tuple[str, str], ...] = ()
    forbids: tuple[tuple[str, str], ...] = ()
    must_match: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    agreed_at: datetime | None = None
    agreed_by: str | None = None
    #: The plan with roles, when the run has one (``plan`` then holds the main role's pairs).
    roles: StoredRoles | None = None

    @property
    def id(self) -> int:
        """The run's id."""
        return self.summary.id


@dataclass(frozen=True, slots=True)
class EditRecord:
    """One manual change to a run's plan: who, when, what, why, and about whom."""

    id: int
    run_id: int
    created_at: datetime
    who: str
    what: str
    why: str
    adept_id: str | None
    mentor_id: str | None


@dataclass(frozen=True, slots=True)
class MentorGroup:
    """A mentor leading a group of adepts (group mentoring), with its size limits."""

    id: int
    cohort_id: int
    mentor_id: str
    label: str
    min_size: int
    max_size: int
    adept_ids: tuple[str, ...]
    #: The group whose member was promoted to lead this one (group cascade); None for a
    #: first-generation group.
    seeded_by: int | None = None

    @property
    def below_minimum(self) -> bool:
        """True while the group has fewer adepts than its minimum."""
        return len(self.adept_ids) < self.min_size


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """A programme-level event (upload, agreement, erasure, purge...): never whom it concerned."""

    id: int
    at: datetime
    who: str
    action: str
    programme_id: int | None
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PurgeCandidate:
    """A closed programme past the retention period, with how much would go with it."""

    programme_id: int
    name: str
    closed_at: datetime
    cohorts: int
    people: int
    runs: int


@dataclass(frozen=True, slots=True)
class ErasureReport:
    """How many rows went with an erased person, and how many texts had them blotted out."""

    memberships: int
    participant_rows: int
    pairs: int
    followups: int
    evaluations: int
    edits: int
    redacted_texts: int
    #: Rows of plans with roles (placements, people by role, unmet needs, forbids by role).
    role_choices: int = 0
