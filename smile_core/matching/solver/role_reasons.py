"""Why a need of a jointly solved part (placement, handledare, coupled roles) is unmet.

Each unmet need gets one reason, in Swedish and English: a placement that no workplace fits,
that is forbidden or whose fitting workplaces are full; a role tied to the placement when the
adept has no placement, or nobody fitting works there; a role whose fitting people are full.
"""

from __future__ import annotations

from smile_core.matching.plan import UnmatchedReason
from smile_core.matching.role_plan import Placement, RolePair, RoleUnmatched
from smile_core.matching.roles import PLACEMENT, Role
from smile_core.matching.solver.role_model import JointModel
from smile_core.text import Message, stored


def _allowed_here(model: JointModel, a: str, key: str, place_of: dict[str, str]) -> bool:
    """Whether anyone allowed could fill ``key`` for ``a`` (for a role tied to the
    placement: someone at the workplace the adept was placed at)."""
    if not model.setup.role(key).at_placement:
        return bool(model.allowed.get((a, key)))
    return (a, place_of[a]) in model.role_places.get(key, set())


def joint_reasons(
    model: JointModel, got: tuple[list[Placement], list[RolePair]]
) -> list[RoleUnmatched]:
    """Why each need of the joint part is unmet, in words."""
    place_of = {p.adept_id: p.workplace_id for p in got[0]}
    placed = set(place_of)
    filled = {(p.adept_id, p.role) for p in got[1]}
    out = []
    for a, needs in model.needs.items():
        for key in needs:
            if key not in model.part:
                continue
            if key == PLACEMENT:
                if a in placed:
                    continue
                if model.fitting.get(a) and a not in model.placeable:
                    out.append(
                        RoleUnmatched(
                            a,
                            key,
                            UnmatchedReason.FORBIDDEN,
                            Message.of("role_reason.placement_forbidden"),
                        )
                    )
                elif not model.fitting.get(a):
                    out.append(
                        RoleUnmatched(
                            a,
                            key,
                            UnmatchedReason.WORKPLACE_CLOSED,
                            Message.of("role_reason.no_fitting_workplace"),
                        )
                    )
                else:
                    out.append(
                        RoleUnmatched(
                            a,
                            key,
                            UnmatchedReason.WORKPLACE_FULL,
                            Message.of("role_reason.placements_taken"),
                        )
                    )
                continue
            if (a, key) in filled:
                continue
            role = model.setup.role(key)
            if role.at_placement and a not in placed:
                out.append(
                    RoleUnmatched(
                        a,
                        key,
                        UnmatchedReason.ALL_FULL,
                        Message.of("role_reason.no_placement", role=role_name(role)),
                    )
                )
            elif not _allowed_here(model, a, key, place_of):
                out.append(
                    RoleUnmatched(
                        a,
                        key,
                        UnmatchedReason.NO_ALLOWED_MENTOR,
                        Message.of(
                            "role_reason.none_fits_at_placement"
                            if role.at_placement
                            else "role_reason.none_fits",
                            role=role_name(role),
                        ),
                    )
                )
            else:
                out.append(
                    RoleUnmatched(
                        a,
                        key,
                        UnmatchedReason.MENTOR_FULL,
                        Message.of("role_reason.role_full", role=role_name(role)),
                    )
                )
    return out


def role_name(role: Role) -> Message:
    """The role's own name (the programme's data, not the catalogue's) in either language."""
    return stored(role.name_sv, role.name_en)
