"""Which per-role locks the role-aware solve cannot keep, each refused in words (issue 10).

A lock ``(adept, person, role)`` (``(adept, workplace, placement)`` for a placement; a 2-tuple
or a blank role is the programme's main role) is a hard rule of the joint solve. A set of
locks that cannot all hold leaves no plan, so the dashboard's form and ``smile match --lock``
refuse them before solving, naming the adept, the person, the role and the rule, as the
one-mentor path refuses an edit that breaks a rule.

:func:`refused_role_locks` judges the locks in the order given (the form puts the new lock
last, so a conflict refuses the new lock, never an older one). A lock is refused when:

- an id or the role is not in the programme (``unknown``);
- the adept does not need the role or a placement (``not_needed``);
- the person does not offer the role, or the workplace has no placements (``not_offered``);
- the same choice is forbidden (``forbidden``);
- the adept is already locked to someone else in that role, or the person is already locked
  in another role for the adept (``two_in_role``, ``two_roles``);
- a role tied to the placement (the handledare): the person has no workplace, the adept is
  locked to a placement elsewhere, or a placement at the person's workplace is forbidden or
  does not fit the adept's field and place with no placement lock there (``at_placement``);
- the person's seats in the role, or the workplace's placements, are all taken by earlier
  locks (``role_capacity``, ``placement_capacity``).

Every other rule is an upper bound (at most one per role, seats, places), so a set of locks
that passes these checks is kept by the solve. Rules a programme may add on top (a mentor's
minimum group size, the workplace mix) are the one-role engine's: it explains those itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from smile_core.ingest.participants import Programme
from smile_core.matching.plan import InWords
from smile_core.matching.roles import PLACEMENT, RoleSetup, offered
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver.problem import PlanInputError
from smile_core.matching.solver.role_fit import placement_fits
from smile_core.matching.solver.role_parts import role_keys
from smile_core.text import Message, stored


@dataclass(frozen=True, slots=True)
class LockRefusal(InWords):
    """A lock the solve cannot keep: the adept, the person (or workplace), the role, the rule
    and the whole sentence (through :meth:`~smile_core.matching.plan.InWords.message`)."""

    adept_id: str
    person_id: str
    role: str
    rule: str
    text: Message


class RoleLocksRefused(PlanInputError):
    """Locks the role-aware solve cannot keep (``refusals``, each in words); ``str()`` is
    the English sentences."""

    def __init__(self, refusals: list[LockRefusal]) -> None:
        super().__init__(" ".join(r.message("en") for r in refusals))
        self.refusals = tuple(refusals)


def refused_role_locks(
    programme: Programme,
    setup: RoleSetup,
    settings: MatchSettings,
    locks: Iterable[tuple[str, ...]],
    forbids: Iterable[tuple[str, ...]] = (),
) -> list[LockRefusal]:
    """Every lock of ``locks`` the solve could not keep with the ones before it and
    ``forbids`` (empty when all can be kept); see the module docstring."""
    ordered = list(dict.fromkeys(role_keys(setup, locks)))
    forbidden = set(role_keys(setup, forbids))
    placement_locks = {(a, w) for a, w, r in ordered if r == PLACEMENT}
    needs = {a.id: setup.needs_of(a) for a in programme.adepts}
    out: list[LockRefusal] = []
    person_in_role: dict[tuple[str, str], str] = {}  # (adept, role) -> person
    role_of_person: dict[tuple[str, str], str] = {}  # (adept, person) -> role
    placed: dict[str, str] = {}  # adept -> the workplace accepted locks place them at
    seats_taken: Counter[tuple[str, str]] = Counter()
    places_taken: Counter[str] = Counter()
    for lock in ordered:
        adept, person, role = lock
        rule, why = _refusal(
            programme, setup, settings, needs, forbidden, placement_locks, lock, placed
        )
        if rule is None:
            rule, why = _conflict(
                programme, setup, lock, person_in_role, role_of_person, seats_taken,
                places_taken, placed,
            )  # fmt: skip
        if rule is not None:
            out.append(_refused(setup, lock, rule, why))
            continue
        if role != PLACEMENT:
            person_in_role[(adept, role)] = person
            role_of_person[(adept, person)] = role
            seats_taken[(person, role)] += 1
        where = person if role == PLACEMENT else _tied_workplace(programme, setup, lock)
        if where and adept not in placed:
            placed[adept] = where
            places_taken[where] += 1
    return out


def _tied_workplace(programme: Programme, setup: RoleSetup, lock: tuple[str, str, str]) -> str:
    """The workplace a lock in a role tied to the placement places the adept at ('' else)."""
    _a, person, role = lock
    if role == PLACEMENT or not setup.role(role).at_placement:
        return ""
    return programme.mentor_by_id[person].workplace_id


def _refusal(
    programme: Programme,
    setup: RoleSetup,
    settings: MatchSettings,
    needs: dict[str, tuple[str, ...]],
    forbidden: set[tuple[str, str, str]],
    placement_locks: set[tuple[str, str]],
    lock: tuple[str, str, str],
    placed: dict[str, str],
) -> tuple[str | None, Message | None]:
    """The rule a lock breaks on its own (or against a placement), with the reason."""
    adept, person, role = lock
    if adept not in programme.adept_by_id:
        return "unknown", Message.of("role_lock.unknown_adept")
    if role != PLACEMENT and role not in setup.keys:
        return "unknown", Message.of("role_lock.unknown_role")
    known = programme.workplace_by_id if role == PLACEMENT else programme.mentor_by_id
    if person not in known:
        return "unknown", Message.of("role_lock.unknown_person", person=person)
    if role not in needs[adept] or (role == PLACEMENT and not setup.placements):
        return "not_needed", Message.of("role_lock.not_needed", role=role_word(setup, role))
    if role == PLACEMENT:
        if programme.workplace_by_id[person].capacity <= 0:
            return "not_offered", Message.of("role_lock.no_places", workplace=person)
    elif offered(programme.mentor_by_id[person]).get(role, 0) <= 0:
        return "not_offered", Message.of(
            "role_lock.not_offered", person=person, role=role_word(setup, role)
        )
    if lock in forbidden:
        return "forbidden", Message.of("role_lock.forbidden")
    if role == PLACEMENT or not setup.role(role).at_placement:
        return None, None
    works_at = programme.mentor_by_id[person].workplace_id
    word = role_word(setup, role)
    if not works_at or works_at not in programme.workplace_by_id:
        return "at_placement", Message.of("role_lock.no_workplace", person=person, role=word)
    elsewhere = placed.get(adept)
    if elsewhere and elsewhere != works_at:
        return "at_placement", Message.of(
            "role_lock.placed_elsewhere", person=person, workplace=works_at, placed=elsewhere
        )
    if (adept, works_at, PLACEMENT) in forbidden:
        return "at_placement", Message.of(
            "role_lock.placement_forbidden", person=person, workplace=works_at
        )
    if (adept, works_at) in placement_locks:
        return None, None  # the coordinator placed the adept there, fitting or not
    workplace = programme.workplace_by_id[works_at]
    fit = placement_fits(programme.adept_by_id[adept], workplace, settings.related_field_credit)
    if fit is None:
        return "at_placement", Message.of(
            "role_lock.placement_unfit", person=person, workplace=works_at
        )
    return None, None


def _conflict(
    programme: Programme,
    setup: RoleSetup,
    lock: tuple[str, str, str],
    person_in_role: dict[tuple[str, str], str],
    role_of_person: dict[tuple[str, str], str],
    seats_taken: Counter[tuple[str, str]],
    places_taken: Counter[str],
    placed: dict[str, str],
) -> tuple[str | None, Message | None]:
    """The rule a lock breaks together with the locks accepted before it."""
    adept, person, role = lock
    if role == PLACEMENT:
        if adept in placed:
            if placed[adept] == person:
                return None, None
            why = Message.of("role_lock.placed_elsewhere_place", placed=placed[adept])
            return "two_in_role", why
        capacity = programme.workplace_by_id[person].capacity
        if places_taken[person] >= capacity:
            return "placement_capacity", Message.of(
                "role_lock.places_full", workplace=person, capacity=capacity
            )
        return None, None
    other = person_in_role.get((adept, role))
    if other is not None and other != person:
        return "two_in_role", Message.of("role_lock.two_in_role", other=other)
    if (adept, person) in role_of_person:
        return "two_roles", Message.of("role_lock.two_roles", person=person)
    seats = offered(programme.mentor_by_id[person]).get(role, 0)
    if seats_taken[(person, role)] >= seats:
        return "role_capacity", Message.of("role_lock.role_full", person=person, capacity=seats)
    # A handledare lock places the adept at the person's workplace: it needs a place there.
    works_at = _tied_workplace(programme, setup, lock)
    if works_at and adept not in placed:
        capacity = programme.workplace_by_id[works_at].capacity
        if places_taken[works_at] >= capacity:
            return "placement_capacity", Message.of(
                "role_lock.places_full", workplace=works_at, capacity=capacity
            )
    return None, None


def role_word(setup: RoleSetup, role: str) -> Message:
    """The role's own name (or the placement's word), lower case, in either language."""
    if role == PLACEMENT:
        return Message.of("role_lock.placement")
    if role not in setup.keys:
        return stored(role, role)
    r = setup.role(role)
    return stored(r.name_sv, r.name_en)


def _refused(
    setup: RoleSetup, lock: tuple[str, str, str], rule: str, why: Message | None
) -> LockRefusal:
    adept, person, role = lock
    text = Message.of(
        "role_lock.refused",
        adept=adept,
        person=person,
        role=role_word(setup, role),
        why=why if why is not None else Message.of("role_lock.unknown_role"),
    )
    return LockRefusal(adept, person, role, rule, text)
