"""Repository: programmes, cohorts, participant versions, runs, edits, people and groups,
on every backend (SQLite file; PostgreSQL when SMILE_TEST_POSTGRES_URL is set)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from smile_core.ingest.participants import Programme
from smile_core.matching.plan import MatchResult, Pair, Plan, Status
from smile_core.matching.settings import MatchSettings
from smile_core.store import NotFound, Repository, StoreError
from smile_core.text import stored

from .conftest import Cohort

# --------------------------------------------------------------------------- programmes


def test_programmes_are_created_listed_and_closed(repo: Repository) -> None:
    """A programme keeps its kind and rhythm; closing it moves it out of the open list."""
    academic = {"months": 7, "joint_training_days": 3, "meetings": "monthly 1:1"}
    first = repo.create_programme("Akademiker", "academic", academic, "kim")
    second = repo.create_programme("Grupp", "group", {"months": 6}, "kim")
    assert [p.name for p in repo.list_programmes()] == ["Akademiker", "Grupp"]
    assert repo.get_programme(first).rhythm == academic
    assert repo.get_programme(first).kind == "academic"
    repo.close_programme(second, "kim")
    assert repo.get_programme(second).closed
    assert [p.id for p in repo.list_programmes(include_closed=False)] == [first]


def test_programme_name_and_kind_are_checked(repo: Repository) -> None:
    """A second programme of the same name, or an unknown kind, is refused in both languages."""
    repo.create_programme("SMILE", "vocational", {}, "kim")
    with pytest.raises(StoreError, match="already exists") as same:
        repo.create_programme("SMILE", "group", {}, "kim")
    assert "finns redan" in same.value.message_sv
    with pytest.raises(StoreError, match="kind 'night school'"):
        repo.create_programme("Kväll", "night school", {}, "kim")
    assert len(repo.list_programmes()) == 1


def test_cohorts_belong_to_their_programme(repo: Repository) -> None:
    """Cohorts list per programme, oldest first; a name is unique within its programme."""
    one = repo.create_programme("A", "vocational", {}, "kim")
    two = repo.create_programme("B", "vocational", {}, "kim")
    spring = repo.create_cohort(one, "Vår", "kim", starts_on=date(2026, 1, 12))
    autumn = repo.create_cohort(one, "Höst", "kim")
    repo.create_cohort(two, "Vår", "kim")
    assert [c.id for c in repo.list_cohorts(one)] == [spring, autumn]
    assert repo.get_cohort(spring).starts_on == date(2026, 1, 12)
    with pytest.raises(StoreError, match="already has a cohort"):
        repo.create_cohort(one, "Vår", "kim")
    with pytest.raises(NotFound):
        repo.get_cohort(9999)


# --------------------------------------------------------------------------- participants


def test_participants_load_back_as_uploaded(
    repo: Repository, cohort: Cohort, vocational: Programme
) -> None:
    """The stored upload loads back equal to the programme, in the coordinator's order."""
    loaded = repo.load_participants(cohort.cohort_id)
    assert loaded == vocational
    assert [a.id for a in loaded.adepts] == [a.id for a in vocational.adepts]
    assert [m.id for m in loaded.mentors] == [m.id for m in vocational.mentors]
    assert loaded.adepts[0].name == vocational.adepts[0].name != ""


def test_first_upload_counts_everyone_as_added(repo: Repository, vocational: Programme) -> None:
    """Version 1's difference lists every adept, mentor and workplace as added."""
    programme_id = repo.create_programme("P", "vocational", {}, "kim")
    cohort_id = repo.create_cohort(programme_id, "C", "kim")
    saved = repo.save_participants(cohort_id, vocational, "kim")
    assert (saved.number, saved.diff.before, saved.diff.after) == (1, None, 1)
    assert saved.diff.adepts.added == tuple(sorted(a.id for a in vocational.adepts))
    assert len(saved.diff.mentors.added) == 28 and len(saved.diff.workplaces.added) == 12


def _second_upload(programme: Programme) -> Programme:
    """The demo cohort with A01 gone, a new A99, A02's Swedish level raised, M01's capacity 3."""
    adepts = [a for a in programme.adepts if a.id != "A01"]
    adepts = [
        dataclasses.replace(a, swedish_level="b2") if a.id == "A02" else a for a in adepts
    ] + [dataclasses.replace(programme.adepts[0], id="A99", name="Nadia Testsson")]
    mentors = [
        dataclasses.replace(m, capacity=3) if m.id == "M01" else m for m in programme.mentors
    ]
    return Programme(tuple(adepts), tuple(mentors), programme.workplaces, name="upload 2")


def test_new_upload_is_a_new_version_with_its_differences(
    repo: Repository, cohort: Cohort, vocational: Programme
) -> None:
    """Upload 2 lists added, removed and changed people with old and new values."""
    old_level = vocational.adept_by_id["A02"].swedish_level
    saved = repo.save_participants(cohort.cohort_id, _second_upload(vocational), "lena")
    assert saved.number == 2
    assert saved.diff.adepts.added == ("A99",)
    assert saved.diff.adepts.removed == ("A01",)
    [change] = saved.diff.adepts.changed
    assert change.id == "A02"
    assert [(c.field, c.before, c.after) for c in change.changes] == [
        ("swedish_level", old_level, "b2")
    ]
    [mentor_change] = saved.diff.mentors.changed
    assert (mentor_change.id, mentor_change.changes[0].after) == ("M01", 3)
    assert saved.diff.workplaces.empty
    assert repo.diff_versions(cohort.cohort_id, 1, 2) == saved.diff


def test_old_versions_stay_loadable_and_people_keep_their_keys(
    repo: Repository, cohort: Cohort, vocational: Programme
) -> None:
    """Version 1 still loads as it was; an id kept between uploads keeps its person key."""
    key_before = repo.person_key(cohort.cohort_id, "adept", "A02")
    repo.save_participants(cohort.cohort_id, _second_upload(vocational), "lena")
    assert repo.load_participants(cohort.cohort_id, 1) == vocational
    assert repo.load_participants(cohort.cohort_id).name == "upload 2"
    assert repo.person_key(cohort.cohort_id, "adept", "A02") == key_before
    versions = repo.list_versions(cohort.cohort_id)
    assert [(v.number, v.adepts, v.uploaded_by) for v in versions] == [
        (1, 40, "kim"),
        (2, 40, "lena"),
    ]


def test_same_upload_again_has_no_differences(
    repo: Repository, cohort: Cohort, vocational: Programme
) -> None:
    """Re-uploading the same people gives version 2 with an empty difference."""
    saved = repo.save_participants(cohort.cohort_id, vocational, "kim")
    assert saved.number == 2 and saved.diff.empty


def test_loading_without_participants_or_unknown_version_is_refused(
    repo: Repository, cohort: Cohort
) -> None:
    """A cohort with no upload, or a version that does not exist, gets a clear refusal."""
    empty = repo.create_cohort(cohort.programme_id, "Tom", "kim")
    with pytest.raises(StoreError, match="no participants uploaded"):
        repo.load_participants(empty)
    with pytest.raises(NotFound, match="version 7"):
        repo.load_participants(cohort.cohort_id, 7)


# --------------------------------------------------------------------------- runs


def test_run_round_trip(
    repo: Repository, cohort: Cohort, settings: MatchSettings, solved: MatchResult
) -> None:
    """A saved run loads back with its plan, settings, seed, versions, figures and inputs."""
    run_id = repo.save_run(
        cohort.cohort_id,
        settings,
        solved,
        17,
        "kim",
        forbids=[("A03", "M02")],
        must_match=["A05"],
    )
    run = repo.load_run(run_id)
    assert run.plan == solved.plan
    assert run.settings == settings
    assert run.summary.seed == 17
    assert run.summary.status is Status.OPTIMAL
    assert run.summary.matched == solved.matched
    assert run.summary.total_score == pytest.approx(solved.total_score)
    assert run.summary.created_by == "kim" and not run.summary.agreed
    assert run.solver.startswith("OR-Tools CP-SAT 9.")
    assert {"python", "ortools", "polars", "smile"} <= set(run.versions)
    assert run.figures["unmatched"] == len(solved.unmatched)
    assert run.figures["by_gender"][0]["applicants"] == solved.by_gender[0].applicants
    assert run.unmatched == tuple(sorted((u.adept_id, u.reason.value) for u in solved.unmatched))
    assert run.forbids == (("A03", "M02"),)
    assert run.must_match == ("A05",)


def test_run_with_unknown_people_is_refused_whole(
    repo: Repository, cohort: Cohort, settings: MatchSettings, solved: MatchResult
) -> None:
    """A plan naming ids the cohort does not have is refused, naming them all, and not saved."""
    stray = dataclasses.replace(
        solved,
        plan=Plan((*solved.plan.pairs, Pair("X1", "M01"), Pair("X2", "M01"))),
    )
    with pytest.raises(StoreError, match="no adept with id X1, X2"):
        repo.save_run(cohort.cohort_id, settings, stray, 0, "kim")
    assert repo.list_runs(cohort.cohort_id) == ()


def test_runs_list_in_order_and_one_is_agreed(
    repo: Repository, cohort: Cohort, settings: MatchSettings, solved: MatchResult
) -> None:
    """Runs list oldest first; marking one agreed unmarks the other."""
    first = repo.save_run(cohort.cohort_id, settings, solved, 0, "kim")
    second = repo.save_run(cohort.cohort_id, settings, solved, 1, "lena", parent_run_id=first)
    assert repo.agreed_run(cohort.cohort_id) is None
    repo.mark_agreed(first, "kim")
    repo.mark_agreed(second, "lena")
    runs = repo.list_runs(cohort.cohort_id)
    assert [(r.id, r.agreed) for r in runs] == [(first, False), (second, True)]
    assert runs[1].parent_run_id == first
    agreed = repo.agreed_run(cohort.cohort_id)
    assert agreed is not None and agreed.id == second and agreed.agreed_by == "lena"


def test_a_run_without_a_plan_cannot_be_agreed(
    repo: Repository, cohort: Cohort, settings: MatchSettings, solved: MatchResult
) -> None:
    """An infeasible run is stored (with its conflicts) but cannot become the agreed plan."""
    from smile_core.matching.plan import Conflict

    failed = dataclasses.replace(
        solved,
        status=Status.INFEASIBLE,
        plan=Plan(),
        unmatched=(),
        conflicts=(Conflict("capacity", stored("M02 har 1 plats", "M02 has 1 seat"), "M02", 1),),
    )
    run_id = repo.save_run(cohort.cohort_id, settings, failed, 0, "kim")
    (conflict,) = repo.load_run(run_id).conflicts
    assert (conflict.kind, conflict.subject, conflict.limit) == ("capacity", "M02", 1)
    assert (conflict.message_sv, conflict.message_en) == ("M02 har 1 plats", "M02 has 1 seat")
    with pytest.raises(StoreError, match="no plan to agree on"):
        repo.mark_agreed(run_id, "kim")


def test_edits_are_an_audit_trail(
    repo: Repository, cohort: Cohort, settings: MatchSettings, solved: MatchResult
) -> None:
    """Each manual change keeps who, when, what, why and whom it is about, in order."""
    run_id = repo.save_run(cohort.cohort_id, settings, solved, 0, "kim")
    repo.record_edit(run_id, "kim", "lock A02-M14", "met already", adept_id="A02", mentor_id="M14")
    repo.record_edit(run_id, "lena", "weights changed", "more weight on language")
    edits = repo.list_edits(run_id)
    assert [(e.who, e.what, e.adept_id, e.mentor_id) for e in edits] == [
        ("kim", "lock A02-M14", "A02", "M14"),
        ("lena", "weights changed", None, None),
    ]
    assert edits[0].created_at <= edits[1].created_at
    with pytest.raises(StoreError, match="no mentor with id M99"):
        repo.record_edit(run_id, "kim", "lock", "", mentor_id="M99")


# --------------------------------------------------------------------------- people


def test_someone_leaving_is_marked_and_can_be_left_out(repo: Repository, cohort: Cohort) -> None:
    """A leaver keeps their history; loading without leavers leaves them out."""
    repo.mark_left(cohort.cohort_id, "A03", date(2026, 3, 1), "kim")
    members = {m.source_id: m for m in repo.list_members(cohort.cohort_id)}
    assert members["A03"].left_on == date(2026, 3, 1)
    assert members["A04"].left_on is None
    remaining = repo.load_participants(cohort.cohort_id, without_left=True)
    assert "A03" not in remaining.adept_by_id and len(remaining.adepts) == 39
    assert "A03" in repo.load_participants(cohort.cohort_id).adept_by_id
    repo.mark_left(cohort.cohort_id, "A03", None, "kim")
    assert len(repo.load_participants(cohort.cohort_id, without_left=True).adepts) == 40


def test_alumna_promoted_to_mentor_keeps_her_history(
    repo: Repository, cohort: Cohort, vocational: Programme
) -> None:
    """A promoted adept is the same person (same key) as a mentor of the next cohort's upload."""
    key = repo.person_key(cohort.cohort_id, "adept", "A07")
    next_cohort = repo.create_cohort(cohort.programme_id, "2027 vår", "kim")
    assert (
        repo.promote_to_mentor(cohort.cohort_id, "A07", next_cohort, "kim", mentor_id="M50") == key
    )
    alumna = vocational.adept_by_id["A07"]
    mentor = dataclasses.replace(vocational.mentors[0], id="M50", name=alumna.name)
    repo.save_participants(next_cohort, Programme((), (mentor,), vocational.workplaces), "kim")
    assert repo.person_key(next_cohort, "mentor", "M50") == key
    [member] = [m for m in repo.list_members(next_cohort) if m.source_id == "M50"]
    assert member.promoted_from == (cohort.cohort_id, "adept", "A07")


def test_promotion_after_the_upload_merges_the_new_identity(
    repo: Repository, cohort: Cohort, vocational: Programme
) -> None:
    """Promoting after the next cohort's file gave her a fresh identity merges it into hers."""
    next_cohort = repo.create_cohort(cohort.programme_id, "2027 vår", "kim")
    mentor = dataclasses.replace(vocational.mentors[0], id="M50")
    repo.save_participants(next_cohort, Programme((), (mentor,), vocational.workplaces), "kim")
    fresh = repo.person_key(next_cohort, "mentor", "M50")
    key = repo.promote_to_mentor(cohort.cohort_id, "A07", next_cohort, "kim", mentor_id="M50")
    assert key != fresh
    assert repo.person_key(next_cohort, "mentor", "M50") == key
    with pytest.raises(NotFound):
        repo.export_person(fresh, "kim")


def test_promotion_stays_within_the_programme(repo: Repository, cohort: Cohort) -> None:
    """An adept cannot be promoted into another programme's cohort, nor one that is unknown."""
    other = repo.create_programme("Annat", "academic", {}, "kim")
    elsewhere = repo.create_cohort(other, "Vår", "kim")
    with pytest.raises(StoreError, match="same programme"):
        repo.promote_to_mentor(cohort.cohort_id, "A07", elsewhere, "kim")
    next_cohort = repo.create_cohort(cohort.programme_id, "2027 vår", "kim")
    with pytest.raises(StoreError, match=r"no adept with id A0$"):
        repo.promote_to_mentor(cohort.cohort_id, "A0", next_cohort, "kim")
    assert [m.role for m in repo.list_members(next_cohort)] == []


# --------------------------------------------------------------------------- groups


def test_mentor_groups_keep_leader_members_and_sizes(repo: Repository, cohort: Cohort) -> None:
    """A group stores its leader, size limits and adepts; below its minimum is reported."""
    group = repo.create_group(
        cohort.cohort_id, "M03", 3, 5, "kim", label="Torsdagsgruppen", adept_ids=["A01", "A02"]
    )
    [stored] = repo.list_groups(cohort.cohort_id)
    assert (stored.id, stored.mentor_id, stored.min_size, stored.max_size) == (group, "M03", 3, 5)
    assert stored.adept_ids == ("A01", "A02") and stored.below_minimum
    repo.set_group_members(group, ["A01", "A02", "A05"])
    assert not repo.list_groups(cohort.cohort_id)[0].below_minimum


def test_group_sizes_and_memberships_are_checked(repo: Repository, cohort: Cohort) -> None:
    """Too many adepts, impossible sizes, or an adept in two groups are refused."""
    first = repo.create_group(cohort.cohort_id, "M03", 1, 2, "kim", adept_ids=["A01"])
    with pytest.raises(StoreError, match="at most 2 adepts, not 3"):
        repo.set_group_members(first, ["A01", "A02", "A03"])
    with pytest.raises(StoreError, match="impossible"):
        repo.create_group(cohort.cohort_id, "M04", 4, 2, "kim")
    with pytest.raises(StoreError, match="Already in another group: A01"):
        repo.create_group(cohort.cohort_id, "M04", 1, 3, "kim", adept_ids=["A01", "A02"])
    assert [g.adept_ids for g in repo.list_groups(cohort.cohort_id)] == [("A01",)]


# --------------------------------------------------------------------------- outcomes


def test_followups_are_kept_and_read_across_cohorts(
    repo: Repository, cohort: Cohort, vocational: Programme, followups_frame
) -> None:
    """Follow-ups of two cohorts come back together, each row with its programme and cohort."""
    later = repo.create_cohort(cohort.programme_id, "2027 vår", "kim")
    repo.save_participants(later, vocational, "kim")
    assert repo.record_followups(cohort.cohort_id, followups_frame, "kim") == 120
    repo.record_followups(later, followups_frame.head(9), "kim")
    both = repo.load_followups(programme_id=cohort.programme_id)
    assert both.height == 129
    assert both.columns == [
        "programme",
        "cohort",
        "adept_id",
        "months",
        "status",
        "mentor_contributed",
    ]
    first = both.filter(cohort="2026 vår").sort("adept_id", "months")
    expected = followups_frame.sort("adept_id", "months")
    assert first["status"].to_list() == expected["status"].to_list()
    assert first["mentor_contributed"].to_list() == [
        {"yes": True, "no": False, "": None}[v] for v in expected["mentor_contributed"]
    ]
    assert repo.load_followups(cohort_ids=[later]).height == 9


def test_followups_imported_again_replace_and_unknown_ids_are_refused(
    repo: Repository, cohort: Cohort, followups_frame
) -> None:
    """Importing again replaces rows; a file with unknown adepts is refused whole, naming them."""
    import polars as pl

    repo.record_followups(cohort.cohort_id, followups_frame, "kim")
    changed = followups_frame.with_columns(status=pl.lit("studies"))
    repo.record_followups(cohort.cohort_id, changed.head(3), "kim")
    stored = repo.load_followups(cohort_ids=[cohort.cohort_id])
    assert stored.height == 120
    assert stored.filter(status="studies").height >= 3
    strangers = pl.DataFrame(
        {"adept_id": ["A01", "Z9", "Z1"], "months": [3, 3, 3], "status": ["studies"] * 3}
    )
    with pytest.raises(StoreError, match="no adept with id Z1, Z9"):
        repo.record_followups(cohort.cohort_id, strangers, "kim")
    assert repo.load_followups().height == 120


def test_evaluations_are_kept(repo: Repository, cohort: Cohort, evaluations_frame) -> None:
    """Evaluation answers of adepts and mentors come back as recorded."""
    count = repo.record_evaluations(cohort.cohort_id, evaluations_frame, "kim")
    stored = repo.load_evaluations(programme_id=cohort.programme_id)
    assert stored.height == count == evaluations_frame.height
    columns = ["respondent_id", "role", "item", "answer"]
    assert (
        stored.select(columns).sort(columns).equals(evaluations_frame.select(columns).sort(columns))
    )


def test_open_migrates_and_returns_a_working_repository(tmp_path) -> None:
    """Repository.open on a new database migrates it, ready to store a programme."""
    repo = Repository.open(f"sqlite:///{tmp_path / 'fresh.db'}")
    repo.create_programme("Ny", "group", {"months": 6}, "kim")
    assert [p.name for p in repo.list_programmes()] == ["Ny"]
    repo.engine.dispose()
