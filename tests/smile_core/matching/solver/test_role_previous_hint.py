"""The CP-SAT re-solve's start (the previous plan fitted to the locks) keeps every rule."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from smile_core.ingest.reading import SourceFile
from smile_core.ingest.validation import load_programme
from smile_core.matching.role_checks import check_role_plan
from smile_core.matching.role_plan import RolePlan
from smile_core.matching.roles import PLACEMENT
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver.role_model import JointModel
from smile_core.matching.solver.role_parts import components
from smile_core.matching.solver.role_stages import JointStages
from smile_core.matching.solver.roles_solve import _previous_keys
from smile_core.matching.solver.solve import solve

SETTINGS = MatchSettings(time_limit_seconds=20)


def _demo():
    root = Path(__file__).resolve().parents[4] / "data" / "demo" / "roles" / "vocational"
    files = {
        name: SourceFile(f"{name}.csv", (root / f"{name}.csv").read_bytes())
        for name in ("adepts", "mentors", "workplaces")
    }
    return load_programme(**files).programme


def test_a_placement_lock_at_a_full_workplace_gives_a_start_that_keeps_every_rule():
    """Every demo workplace is full; locking an adept's placement at another one makes room
    there (one kept placement and its handledare out) and drops the adept's handledare at
    the old workplace, so the start is a plan the checks pass, not one CP-SAT must drop."""
    programme = _demo()
    plan = solve(programme, SETTINGS).roles
    assert all(
        Counter(p.workplace_id for p in plan.placements)[w.id] == w.capacity
        for w in programme.workplaces
    )
    moved = plan.placements[0]
    target = next(p.workplace_id for p in plan.placements if p.workplace_id != moved.workplace_id)
    lock = (moved.adept_id, target, PLACEMENT)
    setup = plan.setup
    part = next(c for c in components(programme, setup) if PLACEMENT in c)
    needs = {a.id: setup.needs_of(a) for a in programme.adepts}
    joint = JointModel(
        programme, SETTINGS, setup, part, needs, (lock,), (), frozenset(),
        _previous_keys(setup, plan),
    )  # fmt: skip
    ys, xs = JointStages(joint)._previous_fitted()
    start = RolePlan(setup, *joint.read(ys, xs), needs=plan.needs)
    assert check_role_plan(programme, start, locks=[lock]) == []
    assert Counter(w for _a, w in ys)[target] <= programme.workplace_by_id[target].capacity
    assert start.placement_of[moved.adept_id] == target
    old = start.person_of.get((moved.adept_id, "supervisor"))
    assert old is None or programme.mentor_by_id[old].workplace_id == target
    # Only the adept and the one who gave up the place lose anything.
    assert len(plan.placements) - len(start.placements) == 1
