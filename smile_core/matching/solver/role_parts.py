"""How a programme's roles split into parts solved on their own, and each role's inputs.

- Locks and forbids carry a role: ``(adept, mentor or workplace, role)``; a 2-tuple or a blank
  role is the programme's main role (:func:`main_role`).
- Parts (:func:`components`): a role tied to the placement is solved with the placement;
  roles one mentor offers together are solved together; any other role is a part of its own.
- A role's programme (:func:`role_programme`): the adepts needing it and the people offering
  it, with the role's seats as their capacity.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from smile_core.ingest.participants import Programme
from smile_core.matching.roles import PLACEMENT, Role, RoleSetup, offered
from smile_core.matching.settings import MatchSettings

#: A lock or forbid with its role: (adept, mentor or workplace, role).
RoleKey = tuple[str, str, str]


def role_keys(setup: RoleSetup, items: Iterable[tuple[str, ...]]) -> tuple[RoleKey, ...]:
    """Locks/forbids as (adept, person, role): a 2-tuple or a blank role is the main role."""
    main = main_role(setup)
    out = []
    for item in items:
        adept, person = item[0], item[1]
        role = item[2] if len(item) > 2 and item[2] else main
        out.append((adept, person, role))
    return tuple(out)


def main_role(setup: RoleSetup) -> str:
    """The role whose pairs fill the classic plan: ``mentor`` if there, else the first role
    not tied to the placement, else the first."""
    if "mentor" in setup.keys:
        return "mentor"
    free = [r.key for r in setup.roles if not r.at_placement]
    return (free or list(setup.keys))[0]


def components(programme: Programme, setup: RoleSetup) -> list[tuple[str, ...]]:
    """The roles (and ``placement``) that must be solved together, in the setup's order.

    Coupled: a role tied to the placement with the placement; roles one mentor offers.
    """
    nodes = ([PLACEMENT] if setup.placements else []) + list(setup.keys)
    parent = {n: n for n in nodes}

    def root(n: str) -> str:
        while parent[n] != n:
            n = parent[n]
        return n

    def join(a: str, b: str) -> None:
        parent[root(a)] = root(b)

    for role in setup.roles:
        if role.at_placement:
            join(role.key, PLACEMENT)
    for mentor in programme.mentors:
        keys = [k for k in offered(mentor) if k in parent]
        for other in keys[1:]:
            join(keys[0], other)
    groups: dict[str, list[str]] = {}
    for n in nodes:
        groups.setdefault(root(n), []).append(n)
    return [tuple(g) for g in groups.values()]


def role_settings(settings: MatchSettings, role: Role) -> MatchSettings:
    """The settings for ``role``: its own weights; the equality rules off when it opts out."""
    out = settings
    if role.weights is not None:
        out = dataclasses.replace(out, weights=role.weights)
    if not role.equality:
        out = dataclasses.replace(out, equality=out.equality.all_off())
    return out


def role_programme(programme: Programme, role: str, needs: dict[str, tuple[str, ...]]) -> Programme:
    """The adepts needing ``role`` and the mentors offering it (capacity = the role's), with
    workplaces unlimited: only placements are bounded by a workplace's capacity."""
    adepts = tuple(
        dataclasses.replace(a, needs=()) for a in programme.adepts if role in needs[a.id]
    )
    mentors = []
    for m in programme.mentors:
        seats = offered(m).get(role, 0)
        if seats > 0:
            mentors.append(
                dataclasses.replace(
                    m,
                    capacity=seats,
                    mentor_type=role,
                    roles=(),
                    min_group_size=min(m.min_group_size, seats),
                )
            )
    total = sum(m.capacity for m in mentors)
    workplaces = tuple(
        dataclasses.replace(w, capacity=max(w.capacity, total)) for w in programme.workplaces
    )
    return Programme(adepts=adepts, mentors=tuple(mentors), workplaces=workplaces)
