"""What-if by role benchmark (issue 10): one "what if adept A had P as <role>?" answer.

The vocational role demo (``data/demo/roles/vocational``) and a generated vocational
programme (``bench.roles.vocational_roles_programme``, 1,000 adepts by default) are solved
once; then, against that plan, one what-if per kind is timed: a choice already in the plan,
another mentor, another handledare at the adept's placement workplace and another placement.
Each is the minimal-change role re-solve with the lock added (``role_what_if``); the row gives
its status, wall time, the choices that move, the change in total score, the independent
role checks' violations with the lock and the proven gap (0 when optimal).

Usage: ``python -m bench.role_what_if [--sizes 1000] [--seed 1]``.
"""

from __future__ import annotations

import argparse
import time

from bench.roles import _demo, vocational_roles_programme
from smile_core.ingest.participants import Programme
from smile_core.matching.role_checks import check_role_plan
from smile_core.matching.role_plan import RolePlan
from smile_core.matching.role_what_if import role_what_if
from smile_core.matching.roles import PLACEMENT
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import solve

#: The dashboard's defaults (a 20 s search limit), as a coordinator asks.
SETTINGS = MatchSettings()


def questions(plan: RolePlan) -> list[tuple[str, tuple[str, str, str]]]:
    """One what-if per kind, chosen deterministically from ``plan``: (label, lock)."""
    out = []
    mentors = [p for p in plan.pairs if p.role == "mentor"]
    if mentors:
        first = mentors[0]
        out.append(("in the plan", (first.adept_id, first.mentor_id, "mentor")))
        other = next((p for p in mentors if p.mentor_id != first.mentor_id), None)
        if other is not None:
            out.append(("another mentor", (first.adept_id, other.mentor_id, "mentor")))
    sup = [p for p in plan.pairs if p.role == "supervisor"]
    pair = next(
        (
            (a, b)
            for a in sup
            for b in sup
            if a.workplace_id == b.workplace_id and a.mentor_id != b.mentor_id
        ),
        None,
    )
    if pair is not None:
        out.append(("another handledare", (pair[0].adept_id, pair[1].mentor_id, "supervisor")))
    places = list(plan.placements)
    if places:
        first_place = places[0]
        moved = next(
            (p.workplace_id for p in places if p.workplace_id != first_place.workplace_id), None
        )
        if moved is not None:
            out.append(("another placement", (first_place.adept_id, moved, PLACEMENT)))
    return out


def _rows(name: str, programme: Programme) -> None:
    started = time.perf_counter()
    base = solve(programme, SETTINGS)
    print(f"{name}: base solve {base.status.value} in {time.perf_counter() - started:.2f} s")
    plan = base.roles
    for label, lock in questions(plan):
        started = time.perf_counter()
        answer = role_what_if(programme, SETTINGS, plan, *lock)
        seconds = time.perf_counter() - started
        if not answer.feasible:
            print(f"{'':>4}{label:<20} {'refused':>9} {seconds:>7.2f}")
            continue
        broken = len(check_role_plan(programme, answer.result.roles, locks=[lock]))
        print(
            f"{'':>4}{label:<20} {answer.result.status.value:>9} {seconds:>7.2f} "
            f"{answer.moved:>6} {answer.score_change:>9.2f} {broken:>6} {answer.result.gap:>7.2%}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"{'':>4}{'what if':<20} {'status':>9} {'time s':>7} {'moved':>6} {'score Δ':>9} "
          f"{'broken':>6} {'gap':>7}")  # fmt: skip
    _rows("demo roles/vocational", _demo("vocational"))
    for n in args.sizes:
        _rows(f"vocational {n:,}", vocational_roles_programme(n, args.seed))


if __name__ == "__main__":
    main()
