"""Roles and placements: the boundary, the joint solve and the independent checks (issue 10)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smile_core.ingest.participants import Adept, Gender, Mentor, Programme, Workplace
from smile_core.ingest.reading import SourceFile
from smile_core.ingest.validation import load_programme
from smile_core.matching.plan import Status
from smile_core.matching.role_checks import check_role_plan
from smile_core.matching.role_plan import Placement, RolePair, RolePlan
from smile_core.matching.roles import KNOWN_ROLES, PLACEMENT, default_setup, infer_setup, uses_roles
from smile_core.matching.settings import EqualitySettings, MatchSettings
from smile_core.matching.solver.problem import PlanInputError
from smile_core.matching.solver.solve import solve

OFF = MatchSettings(equality=EqualitySettings().all_off(), time_limit_seconds=20)
VOCATIONAL = default_setup("vocational")


def _csv(name: str, text: str) -> SourceFile:
    return SourceFile(name, text.encode())


def _adept(i: int, gender: str = "woman", field: str = "svetsning", **kw) -> Adept:
    return Adept(f"A{i:02d}", Gender(gender), field, region="kronoberg", **kw)


def _handledare(i: int, workplace: str, capacity: int = 1, gender: str = "man") -> Mentor:
    return Mentor(
        f"H{i:02d}",
        Gender(gender),
        "svetsning",
        workplace_id=workplace,
        capacity=capacity,
        mentor_type="supervisor",
    )


def _mentor(i: int, capacity: int = 1, gender: str = "woman") -> Mentor:
    return Mentor(f"M{i:02d}", Gender(gender), "svetsning", capacity=capacity)


def _factory(wid: str, places: int, industry: str = "svetsning") -> Workplace:
    return Workplace(wid, name=wid, industry=industry, region="kronoberg", capacity=places)


def test_boundary_reads_roles_capacities_and_needs():
    """Roll lists, "Kapacitet <roll>" columns and Behöver are read into typed values."""
    result = load_programme(
        adepts=_csv(
            "adepter.csv",
            "ID,Kön,Yrke,Behöver\nA1,kvinna,svetsning,praktikplats; handledare; mentor\n"
            "A2,man,svetsning,mentor\nA3,man,svetsning,\n",
        ),
        mentors=_csv(
            "mentorer.csv",
            "ID,Kön,Arbetsplats,Yrke,Roll,Kapacitet,Kapacitet handledare,Kapacitet mentor\n"
            "M1,kvinna,W1,svetsning,handledare; mentor,2,1,3\n"
            "M2,man,W1,svetsning,handledare,2,,\nM3,man,,svetsning,mentor,2,,\n",
        ),
        workplaces=_csv("arbetsplatser.csv", "ID,Namn,Bransch,Kapacitet\nW1,Gjuteri,svetsning,2\n"),
    )
    assert result.ok, result.report.problems
    mentors = result.programme.mentor_by_id
    assert mentors["M1"].roles == (("supervisor", 1), ("mentor", 3))
    assert mentors["M1"].mentor_type == "supervisor"
    assert mentors["M2"].roles == () and mentors["M2"].mentor_type == "supervisor"
    assert result.programme.adept_by_id["A1"].needs == (PLACEMENT, "supervisor", "mentor")
    assert result.programme.adept_by_id["A3"].needs == ()
    assert not [p for p in result.report.problems if "Kapacitet" in (p.column or "")]


def test_boundary_names_file_row_column_value_for_bad_role_cells():
    """A bad per-role capacity is an error and an unknown role a warning, each with its place."""
    result = load_programme(
        adepts=_csv("adepter.csv", "ID,Kön,Yrke,Behöver\nA1,kvinna,svetsning,trollkarl\n"),
        mentors=_csv(
            "mentorer.csv", "ID,Kön,Yrke,Roll,Kapacitet mentor\nM1,man,svetsning,mentor,två\n"
        ),
    )
    assert not result.ok
    problems = {
        (p.file, p.row, p.column, p.value, p.severity.value) for p in result.report.problems
    }
    assert ("mentorer.csv", 2, "Kapacitet mentor", "två", "error") in problems
    assert ("adepter.csv", 2, "Behöver", "trollkarl", "warning") in problems


def test_defaults_by_programme_kind():
    """Vocational = placement + handledare + mentor; academic = mentor; group = group leader."""
    assert VOCATIONAL.placements and VOCATIONAL.keys == ("supervisor", "mentor")
    assert VOCATIONAL.default_needs() == (PLACEMENT, "supervisor", "mentor")
    assert default_setup("academic").keys == ("mentor",)
    assert not default_setup("academic").multi
    assert default_setup("group").keys == ("group_leader",)
    network = Programme(
        (_adept(1),),
        (
            Mentor("C1", Gender.MAN, "x", mentor_type="company_mentor"),
            Mentor("S1", Gender.MAN, "x", mentor_type="social_mentor"),
        ),
    )
    assert default_setup("network", network).keys == ("company_mentor", "social_mentor")


def test_single_role_programmes_take_the_classic_path():
    """Without role columns or a setup the result has no roles and equals the classic solve."""
    programme = Programme(
        tuple(_adept(i) for i in range(1, 4)),
        (_mentor(1, 2), _handledare(1, "W1")),
        (_factory("W1", 2),),
    )
    assert not uses_roles(programme)
    result = solve(programme, OFF)
    assert result.roles is None
    assert result.matched == 3


def _vocational(places: int = 3, handledare_seats: int = 1, adepts: int = 3) -> Programme:
    return Programme(
        tuple(_adept(i, needs=(PLACEMENT, "supervisor", "mentor")) for i in range(1, adepts + 1)),
        (
            _handledare(1, "W1", capacity=handledare_seats),
            _handledare(2, "W2", capacity=2),
            _mentor(1, capacity=adepts),
        ),
        (_factory("W1", places), _factory("W2", 1)),
    )


def test_handledare_works_at_the_placement_and_coupling_bites():
    """W1 has three places but one handledare seat: a second adept goes to W2, not W1."""
    programme = _vocational()
    result = solve(programme, OFF)
    assert result.status is Status.OPTIMAL
    plan = result.roles
    assert check_role_plan(programme, plan) == []
    assert plan.filled("supervisor") == 2
    assert plan.filled(PLACEMENT) == 3  # the third is placed without a handledare
    assert plan.filled("mentor") == 3
    for pair in plan.pairs:
        if pair.role == "supervisor":
            assert (
                programme.mentor_by_id[pair.mentor_id].workplace_id
                == plan.placement_of[pair.adept_id]
            )
    no_handledare = [u for u in plan.unmatched if u.role == "supervisor"]
    assert len(no_handledare) == 1
    assert "handledare" in no_handledare[0].message_sv
    assert [p.adept_id for p in result.plan.pairs] == ["A01", "A02", "A03"]  # main role: mentor


def test_locks_and_forbids_per_role():
    """A placement lock and a handledare forbid hold, and unknown roles are refused."""
    programme = _vocational()
    result = solve(
        programme,
        OFF,
        locks=[("A03", "W2", PLACEMENT)],
        forbids=[("A01", "H01", "supervisor"), ("A02", "H01", "supervisor")],
    )
    plan = result.roles
    assert plan.placement_of["A03"] == "W2"
    assert plan.person_of.get(("A01", "supervisor")) != "H01"
    assert plan.person_of.get(("A02", "supervisor")) != "H01"
    assert (
        check_role_plan(
            programme,
            plan,
            locks=[("A03", "W2", PLACEMENT)],
            forbids=[("A01", "H01", "supervisor")],
        )
        == []
    )
    with pytest.raises(PlanInputError):
        solve(programme, OFF, locks=[("A01", "H01", "juggler")])


def test_equality_lifts_the_lower_group_per_role():
    """One handledare seat for a woman and a man: the lift never leaves a group at zero when
    the other is served, and a two-group tie is broken by score, not by levelling down."""
    adepts = (
        *(_adept(i, "woman", needs=(PLACEMENT, "supervisor")) for i in (1, 2)),
        *(_adept(i, "man", needs=(PLACEMENT, "supervisor")) for i in (3, 4)),
    )
    programme = Programme(
        adepts,
        (_handledare(1, "W1", capacity=2),),
        (_factory("W1", 4),),
    )
    settings = MatchSettings(equality=EqualitySettings(min_group_size=1))
    result = solve(programme, settings, roles=default_setup("vocational"))
    plan = result.roles
    assert check_role_plan(programme, plan) == []
    genders = sorted(programme.adept_by_id[p.adept_id].gender.value for p in plan.pairs)
    assert genders == ["man", "woman"]
    assert any(s.endswith("lift supervisor") for s in result.stages)


def test_checks_find_every_broken_role_rule():
    """The independent checks flag handledare elsewhere, seats, places and doubles at once."""
    programme = _vocational(places=1)
    plan = RolePlan(
        setup=VOCATIONAL,
        placements=(Placement("A01", "W1"), Placement("A02", "W1")),
        pairs=(
            RolePair("A01", "H02", "supervisor"),
            RolePair("A02", "H01", "supervisor"),
            RolePair("A03", "H01", "supervisor"),
            RolePair("A01", "M01", "mentor"),
        ),
    )
    rules = sorted(v.rule for v in check_role_plan(programme, plan))
    assert rules == ["at_placement", "at_placement", "placement_capacity", "role_capacity"]
    with pytest.raises(ValueError):
        RolePlan(setup=VOCATIONAL, pairs=(RolePair("A01", "M01", "mentor"),) * 2)


def test_infer_setup_from_files():
    """A programme with handledare and mentor offers infers placement + both roles."""
    programme = _vocational()
    setup = infer_setup(programme)
    assert setup.placements and setup.keys == ("supervisor", "mentor")
    assert KNOWN_ROLES["supervisor"].at_placement


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(["woman", "man"]), min_size=1, max_size=8),
    st.lists(st.integers(0, 3), min_size=1, max_size=3),
    st.lists(st.tuples(st.integers(0, 2), st.integers(1, 2)), min_size=1, max_size=4),
    st.integers(1, 4),
)
def test_generated_role_plans_keep_every_rule(genders, places, handledare, mentor_seats):
    """Any small vocational instance: proven optimal and the independent checks find nothing,
    and nobody is left without a placement while a fitting place is free."""
    workplaces = tuple(_factory(f"W{i}", n) for i, n in enumerate(places))
    mentors = (
        *(
            _handledare(i, f"W{min(w, len(places) - 1)}", capacity=c)
            for i, (w, c) in enumerate(handledare)
        ),
        _mentor(1, capacity=mentor_seats),
    )
    adepts = tuple(
        _adept(i, g, needs=(PLACEMENT, "supervisor", "mentor")) for i, g in enumerate(genders)
    )
    programme = Programme(adepts, mentors, workplaces)
    result = solve(programme, MatchSettings(time_limit_seconds=20))
    assert result.status is Status.OPTIMAL
    plan = result.roles
    assert check_role_plan(programme, plan) == []
    assert plan.filled(PLACEMENT) == min(len(adepts), sum(places))
    assert plan.filled("mentor") == min(len(adepts), mentor_seats)
    # Handledare: as many as the seats at workplaces with places allow.
    seats_by_place = {}
    for m in mentors[:-1]:
        seats_by_place[m.workplace_id] = seats_by_place.get(m.workplace_id, 0) + m.capacity
    usable = sum(min(seats_by_place.get(w.id, 0), w.capacity) for w in workplaces)
    assert plan.filled("supervisor") == min(len(adepts), usable)


def test_role_plan_replace_keeps_needs():
    """The plan records each adept's needs, for readiness and exports."""
    programme = _vocational()
    plan = solve(programme, OFF).roles
    assert plan.needing("supervisor") == 3
    assert dataclasses.replace(plan, unmatched=()).needing(PLACEMENT) == 3


def test_cli_match_writes_a_column_per_role_and_takes_roles_in_locks(tmp_path):
    """`smile match` writes placement + a column per role and reads ADEPT:MENTOR:ROLE."""
    from smile_core.cli import main

    files = {
        "a.csv": "ID,Kön,Yrke,Län,Behöver\nA1,kvinna,svetsning,kronoberg,praktikplats; "
        "handledare; mentor\nA2,man,svetsning,kronoberg,mentor\n",
        "m.csv": "ID,Kön,Arbetsplats,Yrke,Roll,Kapacitet\nH1,man,W1,svetsning,handledare,1\n"
        "M1,kvinna,,svetsning,mentor,2\n",
        "w.csv": "ID,Namn,Bransch,Län,Kapacitet\nW1,Gjuteri,svetsning,kronoberg,1\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "plan.csv"
    code = main(
        [
            "match",
            "--adepts", str(tmp_path / "a.csv"),
            "--mentors", str(tmp_path / "m.csv"),
            "--workplaces", str(tmp_path / "w.csv"),
            "--out", str(out),
            "--lock", "A1:W1:praktikplats",
            "--forbid", "A2:M1:mentor",
        ]
    )  # fmt: skip
    assert code == 0
    text = out.read_text(encoding="utf-8").splitlines()
    assert text[0] == "adept_id,placement,placement_name,supervisor,mentor,needs,unmet"
    assert text[1].startswith("A1,W1,Gjuteri,H1,M1,")
    assert text[2].startswith('A2,"","","","",mentor,')
    assert main(["match", "--adepts", str(tmp_path / "a.csv"), "--mentors",
                 str(tmp_path / "m.csv"), "--lock", "A1:M1:trollkarl"]) == 1  # fmt: skip


def _demo(folder: str) -> Programme:
    from pathlib import Path

    root = Path(__file__).resolve().parents[3] / "data" / "demo" / "roles" / folder
    files = {
        table: SourceFile(f"{table}.csv", (root / f"{table}.csv").read_bytes())
        for table in ("adepts", "mentors", "workplaces")
        if (root / f"{table}.csv").exists()
    }
    result = load_programme(**files)
    assert result.ok, result.report.problems
    return result.programme


def test_vocational_role_demo_places_with_handledare_and_mentor_proven_optimal():
    """Every handledare seat at a placement is used, W02/W05 leave placed adepts without one,
    and the plan is proven optimal and keeps every rule."""
    programme = _demo("vocational")
    result = solve(programme, MatchSettings(time_limit_seconds=30))
    assert result.status is Status.OPTIMAL
    plan = result.roles
    assert check_role_plan(programme, plan) == []
    seats = sum(m.capacity for m in programme.mentors if m.mentor_type == "supervisor")
    assert plan.filled("supervisor") == seats
    assert plan.filled(PLACEMENT) == sum(w.capacity for w in programme.workplaces)
    assert plan.filled("mentor") >= plan.needing("mentor") - 3


def test_network_demo_gives_each_young_person_the_mentor_types_they_need():
    """Company, social and education mentors: every need is met, with a two-role mentor."""
    programme = _demo("network")
    result = solve(programme, MatchSettings(time_limit_seconds=30))
    assert result.status is Status.OPTIMAL
    plan = result.roles
    assert check_role_plan(programme, plan) == []
    assert plan.unmatched == ()
    assert {p.role for p in plan.pairs if p.mentor_id == "N28"} <= {
        "social_mentor",
        "education_mentor",
    }


def test_role_export_has_a_column_per_role_and_neutralises_formulas():
    """The export table heads each role in Swedish, and a name like a formula is defused."""
    from smile_core.reports.export import to_excel_csv_bytes
    from smile_core.reports.role_output import role_table

    programme = _vocational()
    programme = dataclasses.replace(
        programme,
        adepts=(
            dataclasses.replace(programme.adepts[0], name="=HYPERLINK(1)"),
            *programme.adepts[1:],
        ),
    )
    plan = solve(programme, OFF).roles
    table = role_table(plan, programme, "sv")
    assert table.columns == ["ID", "Adept", "Praktikplats", "Handledare", "Mentor", "Ej uppfyllt"]
    assert table.row(0)[2] in {"W1", "W2"}
    data = to_excel_csv_bytes(table).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in data  # neutralised as every export
    english = role_table(plan, programme, "en")
    assert "Workplace supervisor" in english.columns


def test_stored_mentor_keeps_its_roles_and_an_adept_its_needs():
    """The store's codec reads roles and needs back as the same typed values."""
    from smile_core.store.codec import attributes, from_attributes

    mentor = Mentor("M1", Gender.MAN, "svetsning", roles=(("supervisor", 1), ("mentor", 2)))
    adept = _adept(1, needs=(PLACEMENT, "supervisor"))
    assert from_attributes(Mentor, "M1", attributes(mentor)) == mentor
    assert from_attributes(Adept, "A01", attributes(adept)) == adept


def test_readiness_per_role_names_the_handledare_gap_by_field():
    """Seats per role, and adepts who can be placed in their field but with no handledare."""
    from smile_core.ingest.role_readiness import placement_gaps, role_supply

    programme = _vocational(places=3, handledare_seats=1, adepts=3)
    supply = {s.role: s for s in role_supply(programme, VOCATIONAL)}
    assert (supply[PLACEMENT].needed, supply[PLACEMENT].seats) == (3, 4)
    assert (supply["supervisor"].seats, supply["mentor"].seats) == (3, 3)
    assert supply["supervisor"].short == 0
    # Four places, two handledare seats that have room (H02's second seat sits at W2, one
    # place): one adept can be placed but not with a handledare, as the solve finds.
    assert [(g.field, g.count) for g in placement_gaps(programme, VOCATIONAL)] == [("svetsning", 1)]
    crowded = dataclasses.replace(programme, mentors=programme.mentors[:1] + programme.mentors[2:])
    gaps = placement_gaps(crowded, VOCATIONAL)
    assert [(g.field, g.count) for g in gaps] == [("svetsning", 2)]
    assert (
        gaps[0].message_en
        == "2 adepts in svetsning can have a placement but no workplace supervisor there."
    )
