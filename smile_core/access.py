"""Who may do what: users, roles, and the service every dashboard request goes through.

The dashboard never touches the :class:`~smile_core.store.Repository` directly: it builds a
:class:`Service` for the logged-in :class:`User`, and every method checks that user first.

Roles (see :data:`ROLE_CAPABILITIES`):

- **coordinator** — everything about the people of *their* programmes: uploads, participants,
  runs, pairs, edits, groups, outcomes, and those programmes' figures.
- **steering** — the aggregated, suppressed figures of the programmes they are given; no
  names, pairs, uploads or privacy tools.
- **admin** — accounts, retention (the purge), erasure and access requests, across every
  programme (they see programme and cohort names and the coordinators' ids, which is what
  picking a person to erase needs, but no plans or participant details).
- **local** — the single user of a local installation with no accounts (``make run`` on one's
  own machine, bound to 127.0.0.1): may do everything.

A programme, cohort, run or group the user may not see answers exactly as one that does not
exist (:class:`~smile_core.store.NotFound`, same words), so ids cannot be probed. Asking for
something the role may never do (a steering user's purge) is :class:`Forbidden`.
Nothing here imports Streamlit; the audit's "who" is always the user's name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

import polars as pl

from smile_core.equality.figures import gender_table
from smile_core.equality.role_figures import role_gender_figures
from smile_core.equality.suppression import DEFAULT_MIN_COUNT
from smile_core.ingest.participants import Programme
from smile_core.matching.group_cascade import CascadeGroup, generation_counts
from smile_core.matching.plan import Plan, Status
from smile_core.matching.roles import RoleSetup
from smile_core.matching.saved_runs import role_plan_from_stored
from smile_core.store import NotFound, Repository, StoreError, read_cache
from smile_core.store.accounts import Accounts, UserRecord
from smile_core.store.errors import not_found
from smile_core.store.records import (
    CohortRecord,
    EditRecord,
    Member,
    MentorGroup,
    ProgrammeRecord,
    PurgeCandidate,
    RunSummary,
    SavedVersion,
    StoredRun,
    VersionDiff,
    VersionRecord,
)
from smile_core.text import Message


class Role(StrEnum):
    """An account's role (the values stored in ``users.role``)."""

    COORDINATOR = "coordinator"
    STEERING = "steering"
    ADMIN = "admin"


class Capability(StrEnum):
    """What a request needs."""

    #: Participants, uploads, runs, pairs, edits, groups and outcomes (person-level data).
    PEOPLE = "people"
    #: Aggregated, suppressed figures.
    FIGURES = "figures"
    #: Erasure, access requests, the retention purge.
    PRIVACY = "privacy"
    #: Managing accounts.
    USERS = "users"


ROLE_CAPABILITIES: Mapping[Role, frozenset[Capability]] = {
    Role.COORDINATOR: frozenset({Capability.PEOPLE, Capability.FIGURES}),
    Role.STEERING: frozenset({Capability.FIGURES}),
    Role.ADMIN: frozenset({Capability.PRIVACY, Capability.USERS}),
}

#: The local single user's name in the audit trail.
LOCAL_USER_NAME = "samordnare"
#: Addresses that count as "this machine only" for the local single-user mode.
LOCAL_ADDRESSES = frozenset({"127.0.0.1", "localhost", "::1"})
#: A login ends after this long without a page load ...
IDLE_TIMEOUT = timedelta(minutes=30)
#: ... and after this long in any case.
ABSOLUTE_TIMEOUT = timedelta(hours=10)


class Forbidden(StoreError):
    """The user's role may not do this at all (nothing was read or written)."""

    def __init__(self) -> None:
        super().__init__(Message.of("store.role_not_allowed"))


@dataclass(frozen=True)
class User:
    """The acting user: name (for the audit), role, and the programmes they are given.

    ``local`` marks the single user of a local installation without accounts, who may do
    everything; ``id`` is the account's id (None for the local user).
    """

    name: str
    role: Role
    programme_ids: frozenset[int] = frozenset()
    id: int | None = None
    local: bool = False

    @classmethod
    def from_record(cls, record: UserRecord) -> User:
        """The user of a stored account."""
        return cls(record.name, Role(record.role), record.programme_ids, record.id)

    def can(self, capability: Capability) -> bool:
        """Whether the user's role allows ``capability`` at all."""
        return self.local or capability in ROLE_CAPABILITIES[self.role]


#: The user of a local installation without accounts.
LOCAL_USER = User(LOCAL_USER_NAME, Role.ADMIN, local=True)


def login_required(has_users: bool, server_address: str | None, *, proxied: bool = False) -> bool:
    """Whether the dashboard must ask for a login: once any account exists, whenever the
    server listens on anything but this machine's loopback (``None``/empty: every interface),
    and whenever the request came through a proxy (``proxied``: then "127.0.0.1" is not
    this machine's user but anyone the proxy lets in)."""
    return has_users or proxied or (server_address or "").strip() not in LOCAL_ADDRESSES


def login_expired(logged_in_at: datetime, last_seen_at: datetime, now: datetime) -> bool:
    """Whether a login is over: idle longer than :data:`IDLE_TIMEOUT`, or older than
    :data:`ABSOLUTE_TIMEOUT`."""
    return now - last_seen_at > IDLE_TIMEOUT or now - logged_in_at > ABSOLUTE_TIMEOUT


class Service:
    """The store as ``user`` may use it. Every method checks before it reads or writes.

        Methods mirror :class:`~smile_core.store.Repository`'s (same arguments, without ``who``:
        it is the user's name). Actions of several steps (an upload, a run with its edits, someone
    leaving, groups, erasure) are the workflows of :mod:`smile_core.workflows`, built on this
    service's checks (``require_*``). Refusals: :class:`~smile_core.store.NotFound` for anything the
        user may not see, :class:`Forbidden` for what the role may never do.
    """

    def __init__(self, repository: Repository, user: User) -> None:
        self.repository = repository
        self.user = user

    def _sees(self, programme_id: int) -> bool:
        # Asked of the database each time rather than of ``user.programme_ids``: a programme
        # just created or taken away counts at once.
        if self.user.local or self.user.role is Role.ADMIN:
            return True
        if self.user.id is None:
            return False
        return programme_id in Accounts(self.repository.engine).programme_ids(self.user.id)

    @property
    def owner_user_id(self) -> int | None:
        """The account a programme the user creates is given to (None for the local user)."""
        return None if self.user.local else self.user.id

    @property
    def who(self) -> str:
        """The name the audit trail records."""
        return self.user.name

    # ------------------------------------------------------------------ checks

    def require(self, capability: Capability) -> None:
        """Refuse (:class:`Forbidden`) unless the role allows ``capability`` at all."""
        if not self.user.can(capability):
            raise Forbidden()

    def require_programme(self, programme_id: int, capability: Capability) -> None:
        """Refuse (``NotFound``) unless the user may use the programme for ``capability``."""
        if not (self.user.can(capability) and self._sees(programme_id)):
            raise not_found("programme", programme_id)
        self.repository.get_programme(programme_id)

    def require_cohort(self, cohort_id: int, capability: Capability) -> CohortRecord:
        """The cohort, if the user may use it for ``capability`` (else ``NotFound``)."""
        if not self.user.can(capability):
            raise not_found("cohort", cohort_id)
        cohort = self.repository.get_cohort(cohort_id)
        if not self._sees(cohort.programme_id):
            raise not_found("cohort", cohort_id)
        return cohort

    def require_run(self, run_id: int, capability: Capability) -> int:
        """The run's cohort id, if the user may use the run for ``capability`` (else
        ``NotFound``)."""
        if not self.user.can(capability):
            raise not_found("run", run_id)
        cohort_id = self.repository.run_cohort_id(run_id)
        try:
            self.require_cohort(cohort_id, capability)
        except NotFound:
            raise not_found("run", run_id) from None
        return cohort_id

    def require_group(self, group_id: int) -> None:
        """Refuse (``NotFound``) unless the user may change the mentor group."""
        if not self.user.can(Capability.PEOPLE):
            raise not_found("group", group_id)
        try:
            self.require_cohort(self.repository.group_cohort_id(group_id), Capability.PEOPLE)
        except NotFound:
            raise not_found("group", group_id) from None

    # ------------------------------------------------------------------ programmes, cohorts

    def list_programmes(self, *, include_closed: bool = True) -> tuple[ProgrammeRecord, ...]:
        """The programmes the user sees, by name."""
        programmes = self.repository.list_programmes(include_closed=include_closed)
        if self.user.local or self.user.role is Role.ADMIN:
            return programmes
        given = Accounts(self.repository.engine).programme_ids(self.user.id or 0)
        return tuple(p for p in programmes if p.id in given)

    def get_programme(self, programme_id: int) -> ProgrammeRecord:
        """One programme the user sees."""
        if not self._sees(programme_id):
            raise not_found("programme", programme_id)
        return self.repository.get_programme(programme_id)

    def close_programme(self, programme_id: int, closed_at: datetime | None = None) -> None:
        """Mark one of the user's programmes closed."""
        self.require_programme(programme_id, Capability.PEOPLE)
        self.repository.close_programme(programme_id, self.who, closed_at)

    def save_column_mapping(self, programme_id: int, mapping: Mapping[str, Any]) -> None:
        """Keep the column mapping of one of the user's programmes (``{}`` forgets it)."""
        self.require_programme(programme_id, Capability.PEOPLE)
        self.repository.save_column_mapping(programme_id, mapping, self.who)

    def column_mapping(self, programme_id: int) -> dict[str, Any]:
        """The saved column mapping of one of the user's programmes (``{}`` when none)."""
        self.require_programme(programme_id, Capability.PEOPLE)
        return self.repository.column_mapping(programme_id)

    def list_cohorts(self, programme_id: int) -> tuple[CohortRecord, ...]:
        """The cohorts of a programme the user sees."""
        self.get_programme(programme_id)
        return self.repository.list_cohorts(programme_id)

    def get_cohort(self, cohort_id: int) -> CohortRecord:
        """One cohort of a programme the user sees."""
        cohort = self.repository.get_cohort(cohort_id)
        if not self._sees(cohort.programme_id):
            raise not_found("cohort", cohort_id)
        return cohort

    def create_cohort(self, programme_id: int, name: str, starts_on: date | None = None) -> int:
        """A new cohort of one of the user's programmes."""
        self.require_programme(programme_id, Capability.PEOPLE)
        return self.repository.create_cohort(programme_id, name, self.who, starts_on)

    # ------------------------------------------------------------------ participants, people

    def save_participants(self, cohort_id: int, programme: Programme) -> SavedVersion:
        """Store an upload as the cohort's next participant version."""
        self.require_cohort(cohort_id, Capability.PEOPLE)
        return self.repository.save_participants(cohort_id, programme, self.who)

    def list_versions(self, cohort_id: int) -> tuple[VersionRecord, ...]:
        """The cohort's participant versions."""
        self.require_cohort(cohort_id, Capability.PEOPLE)
        return self.repository.list_versions(cohort_id)

    def load_participants(
        self, cohort_id: int, version: int | None = None, *, without_left: bool = False
    ) -> Programme:
        """The cohort's participants (names included) as of ``version``."""
        self.require_cohort(cohort_id, Capability.PEOPLE)
        return self.repository.load_participants(cohort_id, version, without_left=without_left)

    def diff_versions(self, cohort_id: int, before: int, after: int) -> VersionDiff:
        """What changed between two participant versions."""
        self.require_cohort(cohort_id, Capability.PEOPLE)
        return self.repository.diff_versions(cohort_id, before, after)

    def list_members(self, cohort_id: int) -> tuple[Member, ...]:
        """Everyone who is or was in the cohort (the coordinators' ids; admins may list them
        too, to pick a person for erasure or an access request)."""
        if self.user.can(Capability.PEOPLE):
            self.require_cohort(cohort_id, Capability.PEOPLE)
        else:
            self.require_cohort(cohort_id, Capability.PRIVACY)
        return self.repository.list_members(cohort_id)

    def mark_left(
        self, cohort_id: int, source_id: str, left_on: date | None, **kwargs: Any
    ) -> None:
        """Record that an adept or mentor left the cohort (``Repository.mark_left``)."""
        self.require_cohort(cohort_id, Capability.PEOPLE)
        self.repository.mark_left(cohort_id, source_id, left_on, self.who, **kwargs)

    def promote_to_mentor(
        self, cohort_id: int, adept_id: str, target_cohort_id: int, mentor_id: str | None = None
    ) -> str:
        """Make an adept of one cohort a mentor of another of the same programme; returns
        their person key."""
        self.require_cohort(cohort_id, Capability.PEOPLE)
        self.require_cohort(target_cohort_id, Capability.PEOPLE)
        return self.repository.promote_to_mentor(
            cohort_id, adept_id, target_cohort_id, self.who, mentor_id=mentor_id
        )

    # ------------------------------------------------------------------ runs

    def list_runs(self, cohort_id: int) -> tuple[RunSummary, ...]:
        """The cohort's runs."""
        self.require_cohort(cohort_id, Capability.PEOPLE)
        return self.repository.list_runs(cohort_id)

    def load_run(self, run_id: int) -> StoredRun:
        """A saved run in full (its plan names people's ids)."""
        self.require_run(run_id, Capability.PEOPLE)
        return self.repository.load_run(run_id)

    def mark_agreed(self, run_id: int) -> None:
        """Make the run the cohort's agreed plan."""
        self.require_run(run_id, Capability.PEOPLE)
        self.repository.mark_agreed(run_id, self.who)

    def agreed_run(self, cohort_id: int) -> StoredRun | None:
        """The cohort's agreed run, if any."""
        self.require_cohort(cohort_id, Capability.PEOPLE)
        return self.repository.agreed_run(cohort_id)

    def record_edit(self, run_id: int, what: str, why: str, **kwargs: str | None) -> int:
        """Append a manual change to the run's audit trail."""
        self.require_run(run_id, Capability.PEOPLE)
        return self.repository.record_edit(run_id, self.who, what, why, **kwargs)

    def list_edits(self, run_id: int) -> tuple[EditRecord, ...]:
        """The run's audit trail of manual changes."""
        self.require_run(run_id, Capability.PEOPLE)
        return self.repository.list_edits(run_id)

    # ------------------------------------------------------------------ groups, outcomes

    def create_group(
        self,
        cohort_id: int,
        mentor_id: str,
        min_size: int,
        max_size: int,
        *,
        label: str = "",
        adept_ids: Iterable[str] = (),
        seeded_by: int | None = None,
    ) -> int:
        """A mentor group in the cohort, led by the mentor, for ``min_size``–``max_size``
        (``seeded_by``: the group it grew out of, group cascade)."""
        self.require_cohort(cohort_id, Capability.PEOPLE)
        if seeded_by is not None:
            self.require_group(seeded_by)
        return self.repository.create_group(
            cohort_id,
            mentor_id,
            min_size,
            max_size,
            self.who,
            label=label,
            adept_ids=adept_ids,
            seeded_by=seeded_by,
        )

    def set_group_members(self, group_id: int, adept_ids: Iterable[str]) -> None:
        """Replace a mentor group's adepts."""
        self.require_group(group_id)
        self.repository.set_group_members(group_id, adept_ids)

    def list_groups(self, cohort_id: int) -> tuple[MentorGroup, ...]:
        """The cohort's mentor groups."""
        self.require_cohort(cohort_id, Capability.PEOPLE)
        return self.repository.list_groups(cohort_id)

    def record_followups(self, cohort_id: int, frame: pl.DataFrame) -> int:
        """Store follow-ups of the cohort's adepts."""
        self.require_cohort(cohort_id, Capability.PEOPLE)
        return self.repository.record_followups(cohort_id, frame, self.who)

    def record_evaluations(self, cohort_id: int, frame: pl.DataFrame) -> int:
        """Store evaluation answers of the cohort's people."""
        self.require_cohort(cohort_id, Capability.PEOPLE)
        return self.repository.record_evaluations(cohort_id, frame, self.who)

    def load_followups(self, *, programme_id: int) -> pl.DataFrame:
        """A programme's follow-ups, person by person."""
        self.require_programme(programme_id, Capability.PEOPLE)
        return self.repository.load_followups(programme_id=programme_id)

    def load_evaluations(self, *, programme_id: int) -> pl.DataFrame:
        """A programme's evaluation answers, person by person."""
        self.require_programme(programme_id, Capability.PEOPLE)
        return self.repository.load_evaluations(programme_id=programme_id)

    # ------------------------------------------------------------------ figures

    def cohort_figures(
        self, cohort_id: int, *, min_count: int = DEFAULT_MIN_COUNT
    ) -> pl.DataFrame | None:
        """The cohort's applicants, matched and match rate by gender (and for everyone), from
        its agreed plan, else its latest run with a plan; every small or recoverable figure is
        null (see :mod:`smile_core.equality.suppression`). None when the cohort has no plan yet.

        Columns: ``gender`` (null: everyone), ``applicants``, ``matched``, ``match_rate``.
        """
        self.require_cohort(cohort_id, Capability.FIGURES)
        chosen = self._figures_run(cohort_id)
        if chosen is None:
            return None

        def compute() -> pl.DataFrame:
            plan = self.repository.load_plan(chosen.id)  # the figures need no components
            # The run's own participants (the version it was solved on), so the figures are
            # the same ones the coordinator's Equality page and report show for this run.
            people = self.repository.load_participants(cohort_id, chosen.version_number)
            return gender_figures(people, plan, min_count=min_count)

        # Kept like the run and version it derives from (until the store changes them).
        key = ("cohort_figures", chosen.id, chosen.version_number, min_count)
        return read_cache.kept(self.repository.engine, key, compute)

    def cohort_figures_run(self, cohort_id: int) -> RunSummary | None:
        """The run the cohort's steering figures describe (:meth:`cohort_figures`): the agreed
        one, else the latest with a plan — a draft, which the page must say it is."""
        self.require_cohort(cohort_id, Capability.FIGURES)
        return self._figures_run(cohort_id)

    def _figures_run(self, cohort_id: int) -> RunSummary | None:
        """The run the steering figures describe: the agreed one, else the latest with a plan."""
        runs = [
            r
            for r in self.repository.list_runs(cohort_id)
            if r.status in (Status.OPTIMAL, Status.FEASIBLE)
        ]
        if not runs:
            return None
        return next((r for r in runs if r.agreed), runs[-1])

    def cohort_role_figures(
        self, cohort_id: int, *, min_count: int = DEFAULT_MIN_COUNT
    ) -> tuple[RoleSetup, pl.DataFrame] | None:
        """Equality by role for the steering group: per role (and the placement) and gender
        row, how many adepts need it, have it and the share, suppressed exactly as on the
        Equality page and in the report
        (:func:`smile_core.equality.role_figures.role_gender_figures`), with the setup that
        names the roles. From the same run as :meth:`cohort_figures` (agreed, else the latest
        with a plan), since the two are protected together; None when that run has no roles
        (or the cohort no plan)."""
        self.require_cohort(cohort_id, Capability.FIGURES)
        chosen = self._figures_run(cohort_id)
        if chosen is None:
            return None
        # Keyed like the run and version it derives from (until the store changes them).
        key = ("cohort_role_figures", chosen.id, chosen.version_number, min_count)

        def compute() -> tuple[RoleSetup, pl.DataFrame] | None:
            stored = self.repository.load_roles(chosen.id)
            if stored is None:
                return None
            plan = self.repository.load_plan(chosen.id)
            people = self.repository.load_participants(cohort_id, chosen.version_number)
            roles = role_plan_from_stored(stored, people)
            return roles.setup, role_gender_figures(people, plan, roles, min_count=min_count)

        return read_cache.kept(self.repository.engine, key, compute)

    def generation_figures(
        self, programme_id: int, *, min_count: int = DEFAULT_MIN_COUNT
    ) -> pl.DataFrame | None:
        """The programme's group cascade for the steering group: groups and members per
        generation, suppressed (:func:`smile_core.matching.group_cascade.generation_counts`);
        no one's id. None when the programme has no stored groups."""
        self.require_programme(programme_id, Capability.FIGURES)
        groups = [
            CascadeGroup(g.id, cohort.name, "", "", g.seeded_by, len(g.adept_ids))
            for cohort in self.repository.list_cohorts(programme_id)
            for g in self.repository.list_groups(cohort.id)
        ]
        return generation_counts(groups, min_count=min_count) if groups else None

    # ------------------------------------------------------------------ accounts

    def list_users(self) -> tuple[UserRecord, ...]:
        """Every account (administrators)."""
        self.require(Capability.USERS)
        return Accounts(self.repository.engine).list_users()

    def add_user(
        self, name: str, role: str, password: str, programme_ids: Iterable[int] = ()
    ) -> int:
        """A new account (administrators); see ``Accounts.add_user``."""
        self.require(Capability.USERS)
        return Accounts(self.repository.engine).add_user(
            name, role, password, self.who, programme_ids
        )

    # ------------------------------------------------------------------ data protection

    def person_key(self, cohort_id: int, role: str, source_id: str) -> str:
        """The person key of a member (for erasure and access requests: admins only)."""
        self.require_cohort(cohort_id, Capability.PRIVACY)
        return self.repository.person_key(cohort_id, role, source_id)

    def export_person_json(self, person_key: str) -> bytes:
        """Everything stored about the person, as JSON (an access request)."""
        self.require(Capability.PRIVACY)
        return self.repository.export_person_json(person_key, self.who)

    def purge_preview(self, closed_before_months: int) -> tuple[PurgeCandidate, ...]:
        """What a purge would delete."""
        self.require(Capability.PRIVACY)
        return self.repository.purge_preview(closed_before_months)


def gender_figures(
    programme: Programme, plan: Plan, *, min_count: int = DEFAULT_MIN_COUNT
) -> pl.DataFrame:
    """Applicants, matched and match rate (%) by gender row and for everyone (``gender``
    null), protected by the one disclosure-control engine: exactly the figures
    :func:`smile_core.equality.figures.gender_table` publishes on the Equality page and in the
    report, so seen together they reveal nothing more. A hidden figure is null."""
    table = gender_table(programme, plan, min_count=min_count)
    return table.select(
        "gender",
        pl.when(~pl.col("applicants_suppressed")).then(pl.col("applicants")).alias("applicants"),
        pl.when(~pl.col("matched_suppressed")).then(pl.col("matched")).alias("matched"),
        pl.when(~pl.col("match_rate_suppressed"))
        .then(100.0 * pl.col("match_rate"))
        .alias("match_rate"),
    )
