"""Must-match on the role path: the adept gets every role they need, or each block is named."""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smile_core.ingest.participants import Adept, Gender, Mentor, Programme, Workplace
from smile_core.matching.plan import Status
from smile_core.matching.role_checks import check_role_plan
from smile_core.matching.roles import PLACEMENT, default_setup
from smile_core.matching.settings import EqualitySettings, MatchSettings
from smile_core.matching.solver.solve import solve

OFF = MatchSettings(equality=EqualitySettings().all_off(), time_limit_seconds=20)
VOCATIONAL = default_setup("vocational")
NEEDS_ALL = (PLACEMENT, "supervisor", "mentor")


def _programme(mentor_seats: int = 3) -> Programme:
    """Three welders; W1 has 3 places but one handledare seat, W2 one place: one adept is
    placed without a handledare."""
    adepts = tuple(
        Adept(f"A{i}", Gender.WOMAN if i % 2 else Gender.MAN, "svetsning", region="kr",
              needs=NEEDS_ALL)
        for i in (1, 2, 3)
    )  # fmt: skip
    mentors = (
        Mentor("H1", Gender.MAN, "svetsning", workplace_id="W1", mentor_type="supervisor"),
        Mentor("H2", Gender.MAN, "svetsning", workplace_id="W2", capacity=2,
               mentor_type="supervisor"),
        Mentor("M1", Gender.WOMAN, "svetsning", capacity=mentor_seats),
    )  # fmt: skip
    workplaces = (
        Workplace("W1", name="W1", industry="svetsning", region="kr", capacity=3),
        Workplace("W2", name="W2", industry="svetsning", region="kr", capacity=1),
    )
    return Programme(adepts, mentors, workplaces)


def test_a_must_match_adept_gets_every_role_they_need():
    """Whoever the free plan leaves without a handledare gets one when they must be matched."""
    programme = _programme()
    free = solve(programme, OFF, roles=VOCATIONAL).roles
    short = next(u.adept_id for u in free.unmatched)
    result = solve(programme, OFF, must_match=[short], roles=VOCATIONAL)
    assert result.status is Status.OPTIMAL
    assert {r for a, r in result.roles.person_of if a == short} == {"supervisor", "mentor"}
    assert short in result.roles.placement_of
    assert check_role_plan(programme, result.roles, must_match=[short]) == []
    assert [v.rule for v in check_role_plan(programme, free, must_match=[short])] == ["must_match"]


def test_the_files_must_match_column_counts_on_the_role_path():
    """An adept marked "Måste matchas" in the file is treated as --must-match."""
    programme = _programme()
    short = next(u.adept_id for u in solve(programme, OFF, roles=VOCATIONAL).roles.unmatched)
    marked = dataclasses.replace(
        programme,
        adepts=tuple(dataclasses.replace(a, must_match=a.id == short) for a in programme.adepts),
    )
    result = solve(marked, OFF, roles=VOCATIONAL)
    assert result.status is Status.OPTIMAL
    assert (short, "supervisor") in result.roles.person_of


def test_must_match_that_cannot_hold_names_each_adept_role_and_cause():
    """Three must-match adepts, two handledare places: no plan, and the conflict names the
    adept left short, the role and why, in both languages."""
    programme = _programme()
    result = solve(programme, OFF, must_match=["A1", "A2", "A3"], roles=VOCATIONAL)
    assert result.status is Status.INFEASIBLE and not result.has_plan
    assert [c.kind for c in result.conflicts] == ["must_match"]
    conflict = result.conflicts[0]
    assert conflict.subject in {"A1", "A2", "A3"}
    assert conflict.message("en").startswith(
        f"Adept {conflict.subject} must be matched but cannot get a workplace supervisor:"
    )
    assert conflict.message("sv").startswith(f"Adept {conflict.subject} måste matchas")


def test_must_match_on_an_independent_role_is_kept_and_explained():
    """The mentor (solved by the one-role engine) is given to a must-match adept; with one
    seat for two must-match adepts, the one without is named."""
    programme = _programme(mentor_seats=1)
    result = solve(programme, OFF, must_match=["A3"], roles=VOCATIONAL)
    assert result.roles.person_of[("A3", "mentor")] == "M1"
    blocked = solve(programme, OFF, must_match=["A2", "A3"], roles=VOCATIONAL)
    assert blocked.status is Status.INFEASIBLE
    assert any("mentor" in c.message("en") for c in blocked.conflicts)


def test_cli_must_match_with_roles(tmp_path, capsys):
    """`smile match --must-match` on a role programme: kept when it can be, else exit 1 with
    the adept and the role named."""
    from smile_core.cli import main

    files = {
        "a.csv": "ID,Kön,Yrke,Län,Behöver\nA1,kvinna,gjuteri,kr,praktikplats; handledare\n"
        "A2,man,gjuteri,kr,praktikplats; handledare\n",
        "m.csv": "ID,Kön,Arbetsplats,Yrke,Roll,Kapacitet\nH1,man,W1,gjuteri,handledare,1\n",
        "w.csv": "ID,Namn,Bransch,Län,Kapacitet\nW1,Gjuteri,gjuteri,kr,2\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "plan.csv"
    args = ["match", "--adepts", str(tmp_path / "a.csv"), "--mentors", str(tmp_path / "m.csv"),
            "--workplaces", str(tmp_path / "w.csv"), "--out", str(out)]  # fmt: skip
    assert main([*args, "--must-match", "A2"]) == 0
    assert "A2,W1,Gjuteri,H1" in out.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main([*args, "--must-match", "A1", "--must-match", "A2"]) == 1
    text = capsys.readouterr().out
    assert "måste matchas men kan inte få handledare" in text
    assert "must be matched but cannot get a workplace supervisor" in text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(["woman", "man"]), min_size=1, max_size=6),
    st.lists(st.integers(0, 2), min_size=1, max_size=3),
    st.lists(st.tuples(st.integers(0, 2), st.integers(1, 2)), min_size=1, max_size=3),
    st.integers(1, 3),
    st.sets(st.integers(0, 5), max_size=3),
)
def test_generated_must_match_is_kept_or_every_block_named(
    genders, places, handledare, mentor_seats, must_ix
):
    """Any small cohort: either every must-match adept has every need met (and the checks
    pass), or there is no plan and each conflict names a must-match adept."""
    workplaces = tuple(
        Workplace(f"W{i}", name=f"W{i}", industry="svetsning", region="kr", capacity=n)
        for i, n in enumerate(places)
    )
    mentors = (
        *(
            Mentor(f"H{i}", Gender.MAN, "svetsning", workplace_id=f"W{min(w, len(places) - 1)}",
                   capacity=c, mentor_type="supervisor")
            for i, (w, c) in enumerate(handledare)
        ),
        Mentor("M1", Gender.WOMAN, "svetsning", capacity=mentor_seats),
    )  # fmt: skip
    adepts = tuple(
        Adept(f"A{i}", Gender(g), "svetsning", region="kr", needs=NEEDS_ALL)
        for i, g in enumerate(genders)
    )
    must = sorted(f"A{i}" for i in must_ix if i < len(adepts))
    programme = Programme(adepts, mentors, workplaces)
    result = solve(programme, OFF, must_match=must, roles=VOCATIONAL)
    if result.status is Status.OPTIMAL:
        assert check_role_plan(programme, result.roles, must_match=must) == []
        return
    assert result.status is Status.INFEASIBLE and must
    assert result.conflicts and all(c.subject in must for c in result.conflicts)
