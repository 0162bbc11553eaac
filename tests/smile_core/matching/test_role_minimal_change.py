"""Minimal-change re-solve on the role path: other adepts keep their placement and people."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from role_cohorts import small_role_programmes

from smile_core.ingest.participants import Programme
from smile_core.matching.plan import Plan, Status
from smile_core.matching.role_checks import check_role_plan
from smile_core.matching.role_plan import diff_role_plans
from smile_core.matching.role_view import role_changes_table, role_moves_table
from smile_core.matching.roles import PLACEMENT, default_setup
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver.solve import solve
from smile_core.text import t

SETTINGS = MatchSettings(time_limit_seconds=20)
VOCATIONAL = default_setup("vocational")


def _demo() -> Programme:
    from pathlib import Path

    from smile_core.ingest.reading import SourceFile
    from smile_core.ingest.validation import load_programme

    root = Path(__file__).resolve().parents[3] / "data" / "demo" / "roles" / "vocational"
    files = {
        name: SourceFile(f"{name}.csv", (root / f"{name}.csv").read_bytes())
        for name in ("adepts", "mentors", "workplaces")
    }
    return load_programme(**files).programme


def test_forbidding_one_handledare_moves_only_what_it_must_on_the_demo():
    """On the vocational demo, forbidding one adept's handledare and re-solving with the plan
    on screen moves 2 choices (a fresh solve moves 34), keeps every need met as before, and
    the result says per role what moved."""
    programme = _demo()
    first = solve(programme, SETTINGS)
    plan = first.roles
    adept, person = next((p.adept_id, p.mentor_id) for p in plan.pairs if p.role == "supervisor")
    forbid = [(adept, person, "supervisor")]
    fresh = solve(programme, SETTINGS, forbids=forbid)
    kept = solve(programme, SETTINGS, forbids=forbid, previous=plan)
    assert kept.status is Status.OPTIMAL
    assert check_role_plan(programme, kept.roles, forbids=forbid) == []
    for column in plan.columns:  # coverage comes first: as many needs met as a fresh solve
        assert kept.roles.filled(column) == fresh.roles.filled(column)
    moved = kept.roles.diff.changes
    assert 1 <= len(moved) <= 2 < len(diff_role_plans(plan, fresh.roles).changes)
    assert any(c.adept_id == adept and c.before == person for c in moved)
    assert kept.diff is not None and kept.diff.kept == len(kept.plan.pairs)  # mentors all kept
    table = role_changes_table(kept.roles, programme, "en")
    assert table[t("roles_ui.changes.moved", "en")].sum() == len(moved)
    assert role_moves_table(kept.roles, programme, "sv").height == len(moved)


def test_a_one_role_previous_plan_keeps_the_main_roles_pairs():
    """A previous one-mentor Plan (the main role's pairs) is kept too."""
    programme = _demo()
    first = solve(programme, SETTINGS)
    again = solve(programme, SETTINGS, previous=Plan(first.plan.pairs))
    assert again.diff is not None and not again.diff.moved
    assert again.roles.diff is None  # no role plan to compare with


@st.composite
def _cohorts(draw):
    programme = draw(small_role_programmes())
    return programme, draw(st.integers(0, 100))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_cohorts())
def test_generated_re_solves_keep_at_least_as_much_as_a_fresh_solve(case):
    """Any small cohort: re-solving the same plan moves nothing; after forbidding one chosen
    pair, the minimal-change plan meets as many needs and keeps at least as many choices as
    a fresh solve, and keeps every rule."""
    programme, pick = case
    first = solve(programme, SETTINGS, roles=VOCATIONAL)
    assert first.status is Status.OPTIMAL
    plan = first.roles
    same = solve(programme, SETTINGS, previous=plan, roles=VOCATIONAL)
    assert same.roles.diff.changes == ()
    chosen = [(p.adept_id, p.workplace_id, PLACEMENT) for p in plan.placements] + [
        (p.adept_id, p.mentor_id, p.role) for p in plan.pairs
    ]
    if not chosen:
        return
    forbid = [chosen[pick % len(chosen)]]
    fresh = solve(programme, SETTINGS, forbids=forbid, roles=VOCATIONAL)
    kept = solve(programme, SETTINGS, forbids=forbid, previous=plan, roles=VOCATIONAL)
    assert kept.status is Status.OPTIMAL
    assert check_role_plan(programme, kept.roles, forbids=forbid) == []
    for column in plan.columns:
        assert kept.roles.filled(column) == fresh.roles.filled(column)
    stayed = sum(n for _c, n in kept.roles.diff.kept)
    assert stayed >= sum(n for _c, n in diff_role_plans(plan, fresh.roles).kept)


def test_a_handledare_lock_re_solve_moves_little():
    """A handledare lock (a forced adept of the flow) re-solved from the plan on screen is
    proven and moves only the locked adept's handledare and whoever gave up that seat."""
    programme = _demo()
    plan = solve(programme, SETTINGS).roles
    sup = [p for p in plan.pairs if p.role == "supervisor"]
    mine, other = next(
        (a, b)
        for a in sup
        for b in sup
        if a.workplace_id == b.workplace_id and a.mentor_id != b.mentor_id
    )
    lock = [(mine.adept_id, other.mentor_id, "supervisor")]
    kept = solve(programme, SETTINGS, locks=lock, previous=plan)
    assert kept.status is Status.OPTIMAL
    assert check_role_plan(programme, kept.roles, locks=lock) == []
    assert 1 <= len(kept.roles.diff.changes) <= 3
