"""Public, solver-independent checks of a plan with placements and roles.

Plain Python over the :class:`~smile_core.matching.role_plan.RolePlan`: no CP-SAT. Every rule the
role-aware solve keeps is judged here from the programme alone, and all violations are
returned, not only the first:

- known ids, and roles the programme has;
- each adept at most one placement and at most one person per role; nobody in two roles for
  the same adept; only roles (and placements) the adept needs;
- the person offers the role; each mentor within their capacity per role;
- each workplace within its placement capacity;
- a role tied to the placement (the handledare) is filled by someone who works at the
  adept's placement workplace;
- locked (adept, person, role) present, forbidden ones absent;
- a must-match adept has a placement (when needed) and a person in every role they need.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from smile_core.ingest.participants import Programme, must_match_ids
from smile_core.matching.checks import Violation
from smile_core.matching.role_plan import RolePlan
from smile_core.matching.roles import PLACEMENT, offered


def check_role_plan(
    programme: Programme,
    plan: RolePlan,
    *,
    locks: Iterable[tuple[str, str, str]] = (),
    forbids: Iterable[tuple[str, str, str]] = (),
    must_match: Iterable[str] = (),
) -> list[Violation]:
    """Every rule ``plan`` breaks (empty when it keeps them all); see the module docstring.
    ``must_match`` adepts (with those the file marks) must have every need met."""
    out: list[Violation] = []
    setup = plan.setup
    needs = {a.id: setup.needs_of(a) for a in programme.adepts}
    for p in plan.placements:
        if p.adept_id not in programme.adept_by_id:
            out.append(Violation("unknown", f"unknown adept {p.adept_id}", (("x", p.adept_id),)))
        if p.workplace_id not in programme.workplace_by_id:
            out.append(
                Violation(
                    "unknown", f"unknown workplace {p.workplace_id}", (("x", p.workplace_id),)
                )
            )
    for p in plan.pairs:
        for kind, x, known in (
            ("adept", p.adept_id, programme.adept_by_id),
            ("mentor", p.mentor_id, programme.mentor_by_id),
        ):
            if x not in known:
                out.append(Violation("unknown", f"unknown {kind} {x}", (("x", x),)))
        if p.role not in setup.keys:
            out.append(Violation("unknown", f"unknown role {p.role}", (("r", p.role),)))
    if out:
        return out
    out += _once(plan)
    out += _needed(plan, needs)
    out += _seats(programme, plan)
    out += _at_placement(programme, plan)
    chosen = {(p.adept_id, p.workplace_id, PLACEMENT) for p in plan.placements} | {
        (p.adept_id, p.mentor_id, p.role) for p in plan.pairs
    }
    out += [
        Violation("lock", f"locked {r} {a}–{m} is missing", (("a", a), ("m", m), ("r", r)))
        for a, m, r in sorted(set(locks) - chosen)
    ]
    out += [
        Violation("forbid", f"forbidden {r} {a}–{m} is in the plan", (("a", a), ("m", m), ("r", r)))
        for a, m, r in sorted(set(forbids) & chosen)
    ]
    met = {(a, r) for a, _p, r in chosen}
    out += [
        Violation("must_match", f"must-match adept {a} has no {r}", (("a", a), ("r", r)))
        for a in sorted(set(must_match) | must_match_ids(programme))
        for r in needs.get(a, ())
        if (a, r) not in met
    ]
    return out


def _once(plan: RolePlan) -> list[Violation]:
    out = []
    places = Counter(p.adept_id for p in plan.placements)
    roles = Counter((p.adept_id, p.role) for p in plan.pairs)
    people = Counter((p.adept_id, p.mentor_id) for p in plan.pairs)
    for a, n in sorted(places.items()):
        if n > 1:
            out.append(Violation("at_most_once", f"adept {a} has {n} placements", (("a", a),)))
    for (a, r), n in sorted(roles.items()):
        if n > 1:
            out.append(
                Violation("at_most_once", f"adept {a} has {n} in role {r}", (("a", a), ("r", r)))
            )
    for (a, m), n in sorted(people.items()):
        if n > 1:
            out.append(
                Violation(
                    "two_roles", f"mentor {m} has {n} roles for adept {a}", (("a", a), ("m", m))
                )
            )
    return out


def _needed(plan: RolePlan, needs: dict[str, tuple[str, ...]]) -> list[Violation]:
    out = []
    for a, r in [(p.adept_id, PLACEMENT) for p in plan.placements] + [
        (p.adept_id, p.role) for p in plan.pairs
    ]:
        if r not in needs[a]:
            out.append(
                Violation("not_needed", f"adept {a} does not need {r}", (("a", a), ("r", r)))
            )
    return out


def _seats(programme: Programme, plan: RolePlan) -> list[Violation]:
    out = []
    per_role = Counter((p.mentor_id, p.role) for p in plan.pairs)
    for (m, r), n in sorted(per_role.items()):
        seats = offered(programme.mentor_by_id[m]).get(r, 0)
        if n > seats:
            rule = "role_capacity" if seats else "role_not_offered"
            out.append(
                Violation(
                    rule,
                    f"mentor {m} has {n} adepts as {r}, capacity {seats}",
                    (("m", m), ("r", r), ("n", str(n)), ("c", str(seats))),
                )
            )
    per_place = Counter(p.workplace_id for p in plan.placements)
    for w, n in sorted(per_place.items()):
        capacity = programme.workplace_by_id[w].capacity
        if n > capacity:
            out.append(
                Violation(
                    "placement_capacity",
                    f"workplace {w} has {n} placed adepts, capacity {capacity}",
                    (("w", w), ("n", str(n)), ("c", str(capacity))),
                )
            )
    return out


def _at_placement(programme: Programme, plan: RolePlan) -> list[Violation]:
    out = []
    tied = {r.key for r in plan.setup.roles if r.at_placement}
    place = plan.placement_of
    for p in plan.pairs:
        if p.role not in tied:
            continue
        works_at = programme.mentor_by_id[p.mentor_id].workplace_id
        if place.get(p.adept_id) != works_at or not works_at:
            out.append(
                Violation(
                    "at_placement",
                    f"{p.role} {p.mentor_id} works at {works_at or '-'}, adept {p.adept_id} is "
                    f"placed at {place.get(p.adept_id, '-')}",
                    (("a", p.adept_id), ("m", p.mentor_id), ("r", p.role)),
                )
            )
    return out
