"""Readiness per role before matching: who needs what, and where the seats fall short.

For each role (and placements): how many adepts need it and how many seats exist (the sum of
the capacities offered in that role; for placements, of the workplaces' placements). For a
role tied to the placement (the handledare), per field: how many adepts of that field could be
placed, and how many of them could not have a handledare there because the workplaces of that
field have fewer handledare seats than placements — "4 adepts in welding can have a placement
but no handledare there". Counts only; no names.
"""

from __future__ import annotations

from dataclasses import dataclass

from smile_core.ingest.participants import Programme
from smile_core.matching.roles import PLACEMENT, RoleSetup, offered
from smile_core.text.messages import texts


@dataclass(frozen=True, slots=True)
class RoleSupply:
    """One role's (or the placements') demand and seats; ``short`` = needed − seats, ≥ 0."""

    role: str
    needed: int
    seats: int

    @property
    def short(self) -> int:
        """How many needing adepts no seat can serve, whatever the plan."""
        return max(self.needed - self.seats, 0)


@dataclass(frozen=True, slots=True)
class PlacementGap:
    """Adepts of ``field`` who can be placed but not with someone in ``role`` there."""

    role: str
    field: str
    count: int
    message_sv: str
    message_en: str


def role_supply(programme: Programme, setup: RoleSetup) -> tuple[RoleSupply, ...]:
    """Demand and seats per column of the plan (placement first when the programme places)."""
    needs = [setup.needs_of(a) for a in programme.adepts]
    out = []
    if setup.placements:
        out.append(
            RoleSupply(
                PLACEMENT,
                sum(PLACEMENT in n for n in needs),
                sum(w.capacity for w in programme.workplaces),
            )
        )
    for role in setup.roles:
        seats = sum(offered(m).get(role.key, 0) for m in programme.mentors)
        out.append(RoleSupply(role.key, sum(role.key in n for n in needs), seats))
    return tuple(out)


def placement_gaps(programme: Programme, setup: RoleSetup) -> tuple[PlacementGap, ...]:
    """Per role tied to the placement and per field, the adepts who can be placed in their
    field but not with that role there (fewer seats than placements), when any."""
    out = []
    for role in setup.roles:
        if not role.at_placement:
            continue
        needing: dict[str, int] = {}
        for adept in programme.adepts:
            if role.key in setup.needs_of(adept):
                field = adept.target_field or adept.field
                needing[field] = needing.get(field, 0) + 1
        places: dict[str, int] = {}
        seats: dict[str, int] = {}
        for workplace in programme.workplaces:
            places[workplace.industry] = places.get(workplace.industry, 0) + workplace.capacity
        for mentor in programme.mentors:
            workplace = programme.workplace_by_id.get(mentor.workplace_id)
            if workplace is not None and workplace.capacity > 0:
                room = min(offered(mentor).get(role.key, 0), workplace.capacity)
                seats[workplace.industry] = seats.get(workplace.industry, 0) + room
        for field in sorted(needing):
            placed = min(needing[field], places.get(field, 0))
            gap = placed - min(placed, seats.get(field, 0))
            if gap > 0:
                out.append(
                    PlacementGap(
                        role.key,
                        field,
                        gap,
                        *texts(
                            "role.placement_gap",
                            n=gap,
                            field=field,
                            sv={"role": role.name_sv},
                            en={"role": role.name_en},
                        ),
                    )
                )
    return tuple(out)
