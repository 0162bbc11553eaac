"""What if an adept had this person in a role, or this placement? (issue 10, role plans)"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from role_cohorts import small_role_programmes

from smile_core.ingest.participants import Programme
from smile_core.ingest.reading import SourceFile
from smile_core.ingest.validation import load_programme
from smile_core.matching.plan import Status
from smile_core.matching.role_checks import check_role_plan
from smile_core.matching.role_locks import refused_role_locks
from smile_core.matching.role_plan import diff_role_plans
from smile_core.matching.role_what_if import (
    plan_on_screen,
    role_plan_score,
    role_what_if,
    what_if_roles_table,
)
from smile_core.matching.roles import PLACEMENT, default_setup
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver.solve import solve
from smile_core.text import t

SETTINGS = MatchSettings(time_limit_seconds=20)
VOCATIONAL = default_setup("vocational")


@cache
def _demo() -> tuple[Programme, object]:
    """The vocational role demo and its plan (solved once for the module)."""
    root = Path(__file__).resolve().parents[3] / "data" / "demo" / "roles" / "vocational"
    files = {
        name: SourceFile(f"{name}.csv", (root / f"{name}.csv").read_bytes())
        for name in ("adepts", "mentors", "workplaces")
    }
    programme = load_programme(**files).programme
    return programme, solve(programme, SETTINGS)


def test_a_what_if_already_in_the_plan_changes_nothing():
    """Asking for a placement, a handledare or a mentor the plan already gives moves nothing,
    changes neither the score nor any count, and the plan keeps every rule."""
    programme, base = _demo()
    plan = base.roles
    place = plan.placements[0]
    sup = next(p for p in plan.pairs if p.role == "supervisor")
    mentor = next(p for p in plan.pairs if p.role == "mentor")
    for lock in (
        (place.adept_id, place.workplace_id, PLACEMENT),
        (sup.adept_id, sup.mentor_id, "supervisor"),
        (mentor.adept_id, mentor.mentor_id, "mentor"),
    ):
        answer = role_what_if(programme, SETTINGS, plan, *lock)
        assert answer.feasible and answer.refusals == ()
        assert answer.result.status is Status.OPTIMAL
        assert answer.diff.changes == () and answer.moved == 0
        assert answer.score_change == 0
        assert all(before == after for _c, before, after in answer.filled)
        assert check_role_plan(programme, answer.result.roles, locks=[lock]) == []


def test_a_handledare_at_another_workplace_is_refused_with_the_lock_reason():
    """A gjuteri handledare (H01 at W01) for a trähus adept (A02) is refused before solving,
    with the words the lock-by-role form uses, in both languages."""
    programme, base = _demo()
    lock = ("A02", "H01", "supervisor")
    answer = role_what_if(programme, SETTINGS, base.roles, *lock)
    assert not answer.feasible and answer.result is None
    expected = refused_role_locks(programme, base.roles.setup, SETTINGS, [lock])
    assert answer.refusals == tuple(expected)
    assert [r.rule for r in answer.refusals] == ["at_placement"]
    assert "W01" in answer.refusals[0].message("sv")
    assert "A02 – H01 (workplace supervisor)" in answer.refusals[0].message("en")


def test_a_what_if_against_a_current_lock_is_refused_and_the_old_lock_stays():
    """With A01's mentor locked, asking for another mentor for A01 refuses the new lock
    (two in one role), never the coordinator's."""
    programme, base = _demo()
    plan = base.roles
    mentors = [p for p in plan.pairs if p.role == "mentor"]
    mine = mentors[0]
    other = next(p.mentor_id for p in mentors if p.mentor_id != mine.mentor_id)
    answer = role_what_if(
        programme, SETTINGS, plan, mine.adept_id, other, "mentor",
        locks=[(mine.adept_id, mine.mentor_id, "mentor")],
    )  # fmt: skip
    assert not answer.feasible
    assert [(r.person_id, r.rule) for r in answer.refusals] == [(other, "two_in_role")]


def test_feasible_what_ifs_report_the_diff_of_the_two_plans_and_keep_every_rule():
    """Another handledare at the same workplace, another mentor and another placement: each
    answer's moves are the diff of the plan on screen and the re-solve, the lock holds, the
    role checks pass, and the score and counts are the two plans' differences."""
    programme, base = _demo()
    plan = base.roles
    sup = [p for p in plan.pairs if p.role == "supervisor"]
    mine, other = next(
        (a, b) for a in sup for b in sup
        if a.workplace_id == b.workplace_id and a.mentor_id != b.mentor_id
    )  # fmt: skip
    mentors = [p for p in plan.pairs if p.role == "mentor"]
    new_mentor = next(p.mentor_id for p in mentors if p.mentor_id != mentors[0].mentor_id)
    place = plan.placements[0]
    elsewhere = next(
        p.workplace_id for p in plan.placements if p.workplace_id != place.workplace_id
    )
    for lock in (
        (mine.adept_id, other.mentor_id, "supervisor"),
        (mentors[0].adept_id, new_mentor, "mentor"),
        (place.adept_id, elsewhere, PLACEMENT),
    ):
        answer = role_what_if(programme, SETTINGS, plan, *lock)
        assert answer.feasible, lock
        new = answer.result.roles
        assert answer.result.status is Status.OPTIMAL
        assert answer.diff == diff_role_plans(plan, new)
        assert 1 <= answer.moved <= 6
        assert any(c.adept_id == lock[0] and c.role == lock[2] for c in answer.diff.changes)
        assert check_role_plan(programme, new, locks=[lock]) == []
        assert answer.score_change == round(role_plan_score(new) - role_plan_score(plan), 2)
        assert answer.score_change == round(answer.result.total_score - base.total_score, 2)
        for column, before, after in answer.filled:
            assert (before, after) == (plan.filled(column), new.filled(column))
            assert answer.filled_change(column) == after - before
        table = what_if_roles_table(answer, plan.setup, "sv")
        assert table.height == len(plan.columns)
        assert table[t("roles_ui.changes.moved", "sv")].sum() == answer.moved


def test_the_same_what_if_gives_the_same_answer():
    """The fixed seed: asking twice gives the same moves and score change."""
    programme, base = _demo()
    place = base.roles.placements[0]
    other = next(
        p.workplace_id for p in base.roles.placements if p.workplace_id != place.workplace_id
    )
    one = role_what_if(programme, SETTINGS, base.roles, place.adept_id, other, PLACEMENT)
    two = role_what_if(programme, SETTINGS, base.roles, place.adept_id, other, PLACEMENT)
    assert (one.diff, one.score_change) == (two.diff, two.score_change)


def test_a_forbid_of_the_asked_choice_is_set_aside_and_the_plan_on_screen_keeps_scores():
    """A forbid of the very choice asked about does not refuse it (the lock is the
    question); the hand-edited plan on screen keeps its pairs' scores and workplaces."""
    programme, base = _demo()
    plan = base.roles
    mentor = next(p for p in plan.pairs if p.role == "mentor")
    lock = (mentor.adept_id, mentor.mentor_id, "mentor")
    answer = role_what_if(programme, SETTINGS, plan, *lock, forbids=[lock])
    assert answer.feasible and answer.moved == 0
    on_screen = plan_on_screen(plan, base.plan.pairs)
    assert role_plan_score(on_screen) == role_plan_score(plan)
    assert on_screen.choices() == plan.choices()


@st.composite
def _cohorts(draw):
    programme = draw(small_role_programmes(industries=("svetsning", "trähus"), max_adepts=5))
    workplaces, mentors, adepts = programme.workplaces, programme.mentors, programme.adepts
    role = draw(st.sampled_from([PLACEMENT, "supervisor", "mentor"]))
    people = (
        [w.id for w in workplaces] if role == PLACEMENT
        else [m.id for m in mentors if (m.id[0] == "H") == (role == "supervisor")]
    )  # fmt: skip
    adept = draw(st.sampled_from([a.id for a in adepts]))
    return programme, (adept, draw(st.sampled_from(people)), role)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_cohorts())
def test_generated_what_ifs_are_refused_by_name_or_keep_the_lock_and_every_rule(case):
    """Any small cohort and any asked choice: either refused with the role_locks reasons, or
    a proven plan holding the lock and every rule whose moves are the diff of the plans."""
    programme, lock = case
    base = solve(programme, SETTINGS, roles=VOCATIONAL)
    answer = role_what_if(programme, SETTINGS, base.roles, *lock)
    refusals = refused_role_locks(programme, VOCATIONAL, SETTINGS, [lock])
    assert answer.refusals == tuple(refusals)
    if refusals:
        assert not answer.feasible
        return
    assert answer.feasible and answer.result.status is Status.OPTIMAL
    new = answer.result.roles
    assert check_role_plan(programme, new, locks=[lock]) == []
    assert answer.diff == diff_role_plans(base.roles, new)
    if lock in {(a, w, PLACEMENT) for a, w in base.roles.placement_of.items()} | {
        (p.adept_id, p.mentor_id, p.role) for p in base.roles.pairs
    }:
        assert answer.moved == 0
