"""Why a need of a jointly solved part (placement, handledare, coupled roles) is unmet.

Each unmet need gets one reason, in Swedish and English: a placement that no workplace fits,
that is forbidden or whose fitting workplaces are full; a role tied to the placement when the
adept has no placement, or nobody fitting works there; a role whose fitting people are full.
"""

from __future__ import annotations

from smile_core.plan import UnmatchedReason
from smile_core.role_plan import Placement, RolePair, RoleUnmatched
from smile_core.roles import PLACEMENT
from smile_core.solver.role_model import JointModel


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
                            "Varje passande praktikplats är förbjuden för adepten.",
                            "Every fitting placement is forbidden for the adept.",
                        )
                    )
                elif not model.fitting.get(a):
                    out.append(
                        RoleUnmatched(
                            a,
                            key,
                            UnmatchedReason.WORKPLACE_CLOSED,
                            "Ingen arbetsplats med praktikplatser passar yrke och ort.",
                            "No workplace with placements fits the field and place.",
                        )
                    )
                else:
                    out.append(
                        RoleUnmatched(
                            a,
                            key,
                            UnmatchedReason.WORKPLACE_FULL,
                            "Alla passande arbetsplatsers praktikplatser är tagna.",
                            "Every fitting workplace's placements are taken.",
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
                        f"Ingen praktikplats, så ingen {role.name_sv} där.",
                        f"No placement, so no {role.name_en} there.",
                    )
                )
            elif not _allowed_here(model, a, key, place_of):
                where_sv = " på praktikplatsen" if role.at_placement else ""
                where_en = " at the placement" if role.at_placement else ""
                out.append(
                    RoleUnmatched(
                        a,
                        key,
                        UnmatchedReason.NO_ALLOWED_MENTOR,
                        f"Ingen {role.name_sv}{where_sv} passar adepten.",
                        f"No {role.name_en}{where_en} fits the adept.",
                    )
                )
            else:
                out.append(
                    RoleUnmatched(
                        a,
                        key,
                        UnmatchedReason.MENTOR_FULL,
                        f"Alla passande med rollen {role.name_sv} är fullbokade.",
                        f"Everyone fitting in the role {role.name_en} is full.",
                    )
                )
    return out
