"""Roles in a programme: handledare, mentor, company/social/education mentor, group leader.

A programme may give an adept more than one person: the SMILE/INGJUTA vocational model places
the adept at a workplace (a *placement*) with a handledare there *and* gives them a mentor; the
Danish municipal network puts company, social and education mentors around one young person.

The contract:

- A :class:`Role` has a key (the canonical word, e.g. ``supervisor``), Swedish and English
  names, whether every adept needs it by default (``required``), whether the person must work
  at the adept's placement workplace (``at_placement``, the handledare), its own score weights
  (``None`` = the programme's) and whether the equality rules apply to it.
- A :class:`RoleSetup` is the programme's roles and whether it places adepts at workplaces.
  An adept needs the roles in their "Behöver" column, else the setup's required roles; needing
  a role tied to the placement implies needing a placement.
- A mentor offers the roles in ``Mentor.roles`` with a capacity each, else the one role
  ``mentor_type`` with ``capacity``.
- :func:`default_setup` gives the defaults by programme kind (vocational = placement +
  handledare + mentor; academic = mentor; group = group leader; network = the roles offered).
- :func:`uses_roles` says when the role-aware solve engages: only when the files say so (an
  adept's "Behöver", a mentor's role list or per-role capacity) or the caller passes a setup
  with placements or more than one role. Everything else is matched exactly as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from smile_core.ingest.participants import Adept, Mentor, Programme
from smile_core.ingest.vocabulary import clean_text, is_blank, parse_mentor_type, word_key
from smile_core.matching.settings import ScoreWeights

#: The pseudo-role a "Behöver" cell names for a placement (praktikplats).
PLACEMENT = "placement"


@dataclass(frozen=True, slots=True)
class Role:
    """One role a person can have towards an adept (see the module docstring)."""

    key: str
    name_sv: str
    name_en: str
    required: bool = True
    at_placement: bool = False
    weights: ScoreWeights | None = None
    equality: bool = True

    def __post_init__(self) -> None:
        if not self.key or self.key == PLACEMENT:
            raise ValueError(f"a role needs a key other than {PLACEMENT!r}")


#: The roles SMILE knows, in the order plans show them (placement-tied first).
KNOWN_ROLES: dict[str, Role] = {
    role.key: role
    for role in (
        Role("supervisor", "handledare", "workplace supervisor", at_placement=True),
        Role("mentor", "mentor", "mentor"),
        Role("company_mentor", "företagsmentor", "company mentor", required=False),
        Role("social_mentor", "social mentor", "social mentor", required=False),
        Role("education_mentor", "utbildningsmentor", "education mentor", required=False),
        Role("group_leader", "gruppledare", "group leader"),
    )
}

_EXTRA_WORDS: dict[str, str] = {
    word_key(word): key
    for key, words in {
        "group_leader": ("gruppledare", "group leader", "gruppmentor", "group mentor"),
        PLACEMENT: ("praktikplats", "praktik", "placement", "arbetsplats", "workplace"),
        "supervisor": ("handledare", "supervisor"),
    }.items()
    for word in words
}


def parse_role(text: str) -> tuple[str, bool]:
    """The role key a word names and whether it is known (placement included).

    Unknown words are kept normalised (``False``) so the coordinator's role survives.
    """
    key = _EXTRA_WORDS.get(word_key(clean_text(text)))
    if key is not None:
        return key, True
    if is_blank(text):
        return "", False
    return parse_mentor_type(text)


def role_of(key: str) -> Role:
    """The known role of ``key``, or a plain optional role named as written."""
    return KNOWN_ROLES.get(key) or Role(key, key, key, required=False)


@dataclass(frozen=True)
class RoleSetup:
    """The roles of one programme and whether adepts are placed at workplaces.

    ``placement_equality``: the equality rules apply to placements too.
    """

    roles: tuple[Role, ...]
    placements: bool = False
    placement_equality: bool = True

    def __post_init__(self) -> None:
        keys = [r.key for r in self.roles]
        if len(set(keys)) != len(keys):
            raise ValueError(f"a role is listed twice: {keys}")
        if not self.placements and any(r.at_placement for r in self.roles):
            raise ValueError("a role tied to the placement needs a programme with placements")

    @property
    def keys(self) -> tuple[str, ...]:
        """The role keys in order."""
        return tuple(r.key for r in self.roles)

    @property
    def multi(self) -> bool:
        """Whether the role-aware solve is needed: placements or more than one role."""
        return self.placements or len(self.roles) > 1

    def role(self, key: str) -> Role:
        """The role of ``key`` (``KeyError`` when the programme has no such role)."""
        for role in self.roles:
            if role.key == key:
                return role
        raise KeyError(key)

    def default_needs(self) -> tuple[str, ...]:
        """What an adept without a "Behöver" cell needs: every required role (+ placement)."""
        needs = tuple(r.key for r in self.roles if r.required)
        if self.placements and any(r.at_placement for r in self.roles if r.required):
            needs = (PLACEMENT, *needs)
        return needs

    def needs_of(self, adept: Adept) -> tuple[str, ...]:
        """The roles ``adept`` needs here (placement first when needed), in the setup's order.

        Roles the programme does not have are left out (the boundary reports them); a role
        tied to the placement brings the placement with it.
        """
        wanted = set(adept.needs) if adept.needs else set(self.default_needs())
        if any(r.at_placement and r.key in wanted for r in self.roles):
            wanted.add(PLACEMENT)
        out = tuple(r.key for r in self.roles if r.key in wanted)
        return (PLACEMENT, *out) if self.placements and PLACEMENT in wanted else out


def offered(mentor: Mentor) -> dict[str, int]:
    """The roles ``mentor`` offers with the capacity of each."""
    if mentor.roles:
        return {role: seats for role, seats in mentor.roles if seats > 0}
    return {mentor.mentor_type: mentor.capacity}


def uses_roles(programme: Programme) -> bool:
    """Whether the files ask for roles: an adept's needs or a mentor's role list/capacities."""
    return any(a.needs for a in programme.adepts) or any(m.roles for m in programme.mentors)


def default_setup(kind: str, programme: Programme | None = None) -> RoleSetup:
    """The roles a programme of ``kind`` has by default.

    vocational: placement + handledare + mentor; academic: mentor; group: group leader;
    network (or any other kind): the roles the programme's mentors offer, all optional unless
    known as required, in SMILE's order.
    """
    known = KNOWN_ROLES
    if kind == "vocational":
        return RoleSetup((known["supervisor"], known["mentor"]), placements=True)
    if kind == "academic":
        return RoleSetup((known["mentor"],))
    if kind == "group":
        return RoleSetup((known["group_leader"],))
    return infer_setup(programme) if programme is not None else RoleSetup((known["mentor"],))


def infer_setup(programme: Programme) -> RoleSetup:
    """The setup the programme's own data implies: every role offered or needed, in SMILE's
    order (unknown roles after, as written); placements when a role tied to them is there or
    an adept needs a placement."""
    present: list[str] = []
    for mentor in programme.mentors:
        present += [k for k in offered(mentor) if k not in present]
    for adept in programme.adepts:
        present += [k for k in adept.needs if k not in present and k != PLACEMENT]
    order = list(KNOWN_ROLES)
    present.sort(key=lambda k: (order.index(k) if k in order else len(order), k))
    roles = tuple(role_of(k) for k in present) or (KNOWN_ROLES["mentor"],)
    placements = any(r.at_placement for r in roles) or any(
        PLACEMENT in a.needs for a in programme.adepts
    )
    return RoleSetup(roles, placements=placements)
