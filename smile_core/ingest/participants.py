"""The programme's people and places as typed, immutable values.

Everything here has already been validated at the boundary (:mod:`smile_core.ingest.validation`):
the rest of the package trusts these objects. Free-text categories (fields, languages,
municipalities, regions, tags) are stored normalised — trimmed, case-folded, Unicode NFC —
so equal words compare equal; ``name`` keeps the spelling the coordinator typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

AdeptId = str
MentorId = str
WorkplaceId = str


class Gender(StrEnum):
    """Self-identified gender; ``UNDISCLOSED`` when blank or declined (ESF+ categories)."""

    WOMAN = "woman"
    MAN = "man"
    NON_BINARY = "non_binary"
    UNDISCLOSED = "undisclosed"


class MentorGenderPreference(StrEnum):
    """The gender an adept wishes their mentor to have."""

    ANY = "any"
    WOMAN = "woman"
    MAN = "man"

    def accepts(self, gender: Gender) -> bool:
        """Whether a mentor of ``gender`` satisfies this preference."""
        return self is MentorGenderPreference.ANY or self.value == gender.value


#: The tags adepts' goals and mentors' offers share (canonical English words).
GOAL_TAGS: tuple[str, ...] = (
    "network",
    "labour_market",
    "workplace_culture",
    "language",
    "cv_interview",
    "trade_skills",
    "education",
)

#: Swedish proficiency on one ordered scale: CEFR levels, with SFI courses placed where
#: Skolverket places them (SFI A ~ pre-A1, B ~ A1, C ~ A2, D ~ B1).
SWEDISH_LEVEL_RANK: dict[str, int] = {
    "sfi a": 0,
    "a1": 1,
    "sfi b": 1,
    "a2": 2,
    "sfi c": 2,
    "b1": 3,
    "sfi d": 3,
    "b2": 4,
    "c1": 5,
    "c2": 6,
}
SWEDISH_LEVEL_MAX_RANK = 6


def swedish_rank(level: str) -> int | None:
    """Rank 0 (SFI A) to 6 (C2) of a normalised Swedish level; ``None`` when not given."""
    return SWEDISH_LEVEL_RANK.get(level) if level else None


@dataclass(frozen=True, slots=True)
class Workplace:
    """An employer hosting practice placements; ``capacity`` adepts at most (0 = none now)."""

    id: WorkplaceId
    name: str = ""
    industry: str = ""
    municipality: str = ""
    region: str = ""
    capacity: int = 0

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("a workplace needs an id")
        if self.capacity < 0:
            raise ValueError(f"workplace {self.id}: capacity {self.capacity} is negative")


@dataclass(frozen=True, slots=True)
class Mentor:
    """A mentor (or handledare) who can take up to ``capacity`` adepts."""

    id: MentorId
    gender: Gender
    field: str
    name: str = ""
    workplace_id: WorkplaceId = ""
    languages: tuple[str, ...] = ()
    municipality: str = ""
    region: str = ""
    capacity: int = 1
    offers: tuple[str, ...] = ()
    availability: tuple[str, ...] = ()
    mentor_type: str = "mentor"
    #: The mentor's organisation (employer, company, department) as written; for the
    #: "not from my own organisation" rule. Blank when not given.
    organisation: str = ""
    email: str = ""
    job_title: str = ""
    grade: str = ""
    #: Adepts the mentor wishes for / will not take, as adept ids (resolved at validation).
    wishes: tuple[AdeptId, ...] = ()
    avoids: tuple[AdeptId, ...] = ()
    #: Group mentoring (the Finnish model): a mentor who leads a group takes either nobody or
    #: between ``min_group_size`` and ``capacity`` adepts. 0 or 1 = no minimum (1:1 mentoring).
    min_group_size: int = 0
    #: The roles the mentor offers with a capacity each, as (role key, capacity), when the
    #: files say so (a "Roll" list or "Kapacitet <roll>" columns); empty = the one role
    #: ``mentor_type`` with ``capacity`` (see :mod:`smile_core.matching.roles`).
    roles: tuple[tuple[str, int], ...] = ()
    #: Sensitive (see :mod:`smile_core.ingest.birth_regions`): the country of birth as written,
    #: the birth region's code, and "yes"/"no"/"" for a migration background. Used only when
    #: the programme opts in to the similar-background score; never exported.
    birth_country: str = ""
    birth_region: str = ""
    migration_background: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("a mentor needs an id")
        for role, seats in self.roles:
            if not role or seats < 0:
                raise ValueError(f"mentor {self.id}: role {role!r} with capacity {seats}")
        if self.capacity < 1:
            raise ValueError(f"mentor {self.id}: capacity {self.capacity} is below 1")
        if not 0 <= self.min_group_size <= self.capacity:
            raise ValueError(
                f"mentor {self.id}: minimum group size {self.min_group_size} is not between 0 "
                f"and the capacity {self.capacity}"
            )


@dataclass(frozen=True, slots=True)
class Adept:
    """An adept (mentee): a foreign-born job seeker in the programme."""

    id: AdeptId
    gender: Gender
    field: str
    name: str = ""
    birth_country: str = ""
    birth_region: str = ""
    languages: tuple[str, ...] = ()
    swedish_level: str = ""
    target_field: str = ""
    municipality: str = ""
    region: str = ""
    preferred_mentor_gender: MentorGenderPreference = MentorGenderPreference.ANY
    goals: tuple[str, ...] = ()
    availability: tuple[str, ...] = ()
    cohort: str = ""
    #: The adept's own organisation (employer, department) as written, for the "not from my
    #: own organisation" rule; blank when not given.
    organisation: str = ""
    email: str = ""
    job_title: str = ""
    grade: str = ""
    #: Mentors the adept wishes for / does not want, as mentor ids (resolved at validation).
    wishes: tuple[MentorId, ...] = ()
    avoids: tuple[MentorId, ...] = ()
    #: The roles the adept needs (role keys, e.g. "supervisor", "mentor"), from the "Behöver"
    #: column; empty = the programme's default roles (see :mod:`smile_core.matching.roles`).
    needs: tuple[str, ...] = ()
    #: The coordinator promised this adept a mentor (column "Måste matchas"): every plan must
    #: match them, and a plan that cannot says which rule is in the way.
    must_match: bool = False
    #: "yes"/"no"/"" (not stated): sensitive, like ``birth_country`` and ``birth_region`` (a
    #: region code, see :mod:`smile_core.ingest.birth_regions`).
    migration_background: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("an adept needs an id")
        if self.swedish_level and self.swedish_level not in SWEDISH_LEVEL_RANK:
            raise ValueError(f"adept {self.id}: unknown Swedish level {self.swedish_level!r}")


@dataclass(frozen=True)
class Programme:
    """One cohort's adepts, mentors and workplaces, with unique ids and resolved references.

    Invariants (checked on construction): ids are unique within each table and every mentor's
    ``workplace_id`` is blank or names a workplace in ``workplaces``.
    """

    adepts: tuple[Adept, ...]
    mentors: tuple[Mentor, ...]
    workplaces: tuple[Workplace, ...] = ()
    name: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        for kind, items in (
            ("adept", self.adepts),
            ("mentor", self.mentors),
            ("workplace", self.workplaces),
        ):
            seen: set[str] = set()
            for item in items:
                if item.id in seen:
                    raise ValueError(f"duplicate {kind} id {item.id!r}")
                seen.add(item.id)
        workplace_ids = {w.id for w in self.workplaces}
        for mentor in self.mentors:
            if mentor.workplace_id and mentor.workplace_id not in workplace_ids:
                raise ValueError(
                    f"mentor {mentor.id}: workplace {mentor.workplace_id!r} is not in the programme"
                )

    @cached_property
    def adept_by_id(self) -> dict[AdeptId, Adept]:
        """Adepts keyed by id."""
        return {a.id: a for a in self.adepts}

    @cached_property
    def mentor_by_id(self) -> dict[MentorId, Mentor]:
        """Mentors keyed by id."""
        return {m.id: m for m in self.mentors}

    @cached_property
    def workplace_by_id(self) -> dict[WorkplaceId, Workplace]:
        """Workplaces keyed by id."""
        return {w.id: w for w in self.workplaces}


def must_match_ids(programme: Programme) -> frozenset[AdeptId]:
    """The adepts the participant file marks "Måste matchas" (each solve and check adds them
    to the coordinator's own must-match decisions)."""
    return frozenset(a.id for a in programme.adepts if a.must_match)


def has_gender_data(programme: Programme) -> bool:
    """Whether anyone in the programme has a stated gender (not all "undisclosed").

    A programme may not collect gender at all; then the equality rules have nothing to act on
    and the equality views say "no gender data" instead of showing empty figures.
    """
    people = (*programme.adepts, *programme.mentors)
    return any(person.gender is not Gender.UNDISCLOSED for person in people)


def labelled(name: str, person_id: str) -> str:
    """A person or workplace as people read it: "Name (id)", or the id alone when there is no
    name (files from other tools often have ids only; "M0014 (M0014)" said it twice)."""
    return f"{name} ({person_id})" if name and name != person_id else person_id


def any_named(people: Iterable[Adept | Mentor | Workplace]) -> bool:
    """Whether any of ``people`` has a name: a table hides a name column that would be empty
    (a file from another tool may carry ids only)."""
    return any(person.name for person in people)
