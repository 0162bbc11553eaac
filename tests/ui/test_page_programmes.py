"""Program: pick or create a programme and cohort, versions, run history, agreed plan, leaving."""

from apptest_support import assert_no_error

from smile_core.ingest.participants import Adept, Gender, Mentor, Programme
from smile_core.ingest.problems import Report
from smile_core.ingest.validation import LoadResult
from smile_core.store import Repository
from smile_core.text import MISSING, t
from smile_ui.session import UploadedProgramme


def _button(at, key_text, lang="sv"):
    return next(b for b in at.button if b.label == t(key_text, lang))


def _match(at):
    """Run Matcha on the demo (saving a run) and come back to Program."""
    at.switch_page("pages/matching.py").run()
    next(b for b in at.button if b.label == t("matching.run", "sv")).click().run()
    assert_no_error(at)
    at.switch_page("pages/programmes.py").run()
    assert_no_error(at)
    return at


def test_a_fresh_database_asks_for_a_programme(open_page):
    """With nothing stored the page says how to start and shows the creation form open."""
    at = open_page("programmes", lang="en")
    assert t("programmes.none", "en") in [i.value for i in at.info]
    assert t("programmes.not_linked", "en") in [i.value for i in at.info]


def test_creating_a_programme_with_a_cohort_links_the_session(open_page, temporary_database):
    """The form stores programme, kind and rhythm; its cohort becomes the session's cohort."""
    at = open_page("programmes")
    at.text_input(key="new_programme_name").input("SMILE Vrigstad")
    at.text_input(key="new_programme_rhythm").input("vecka 2 teori, 2 praktik, 1 yrkesskola")
    at.text_input(key="new_programme_cohort").input("2026 höst")
    _button(at, "programmes.new.create").click().run()
    assert_no_error(at)
    repo = Repository.open(temporary_database)
    (programme,) = repo.list_programmes()
    assert programme.name == "SMILE Vrigstad" and programme.kind == "vocational"
    assert programme.rhythm == {
        "weeks": 30,
        "description": "vecka 2 teori, 2 praktik, 1 yrkesskola",
    }
    (cohort,) = repo.list_cohorts(programme.id)
    assert at.session_state["store_links"]["vocational"] == (programme.id, cohort.id)
    _button(at, "programmes.versions.save").click().run()
    assert_no_error(at)
    assert [v.adepts for v in repo.list_versions(cohort.id)] == [40]


def test_history_compare_agree_and_someone_leaves(open_page, temporary_database):
    """Two runs are listed and compared; one is agreed; an adept leaves and only they move."""
    at = _match(_match(open_page("programmes")))
    history = at.dataframe[1].value  # [0] is the versions table
    assert len(history) == 2 and list(history["matched"]) == [35, 35]
    # Written as Swedish writes numbers, and the first run's missing parent as the dash.
    assert all("," in total for total in history["total_score"])
    assert list(history["parent_run_id"])[-1] == MISSING
    figures = at.dataframe[2].value
    assert list(figures["left"])[:1] == ["35"] and list(figures["right"])[:1] == ["35"]
    _button(at, "programmes.agreed.mark").click().run()
    assert_no_error(at)
    repo = Repository.open(temporary_database)
    link = at.session_state["store_links"]["vocational"]
    agreed = repo.agreed_run(link[1])
    assert agreed is not None
    leaver = agreed.plan.pairs[0].adept_id
    form_select = next(s for s in at.selectbox if s.label == t("programmes.leave.adept", "sv"))
    form_select.set_value(leaver)
    _button(at, "programmes.leave.run").click().run()
    assert_no_error(at)
    runs = repo.list_runs(link[1])
    newest = repo.load_run(runs[-1].id)
    assert newest.summary.parent_run_id == agreed.id
    assert leaver not in newest.plan.mentor_of
    kept = sum(1 for p in agreed.plan.pairs if newest.plan.mentor_of.get(p.adept_id) == p.mentor_id)
    assert kept >= len(agreed.plan.pairs) - 2
    assert any(m.source_id == leaver and m.left_on for m in repo.list_members(link[1]))
    assert at.session_state["workspaces"]["vocational"].run_id == newest.id


def test_promoting_an_adept_to_mentor_of_the_next_cohort(open_page, temporary_database):
    """With a second cohort, an adept becomes its mentor as the same person."""
    at = _match(open_page("programmes"))
    repo = Repository.open(temporary_database)
    programme_id, cohort_id = at.session_state["store_links"]["vocational"]
    next_cohort = repo.create_cohort(programme_id, "nästa", "test")
    at.run()
    adept = next(s for s in at.selectbox if s.label == t("programmes.promote.adept", "sv"))
    adept.set_value("A01")
    _button(at, "programmes.promote.run").click().run()
    assert_no_error(at)
    (mentor,) = [m for m in repo.list_members(next_cohort) if m.role == "mentor"]
    assert mentor.promoted_from == (cohort_id, "adept", "A01")
    assert mentor.person_key == repo.person_key(cohort_id, "adept", "A01")


def test_group_mentors_and_their_groups_are_shown_and_stored(open_page, temporary_database):
    """A group mentor's group (2–3) from the match is shown on Program and stored for the cohort."""
    adepts = tuple(
        Adept(f"A{i}", gender, "svetsare", languages=("svenska",))
        for i, gender in enumerate((Gender.WOMAN, Gender.MAN, Gender.WOMAN), start=1)
    )
    mentors = (
        Mentor("M1", Gender.MAN, "svetsare", languages=("svenska",), capacity=3, min_group_size=2),
    )
    load = LoadResult(
        Programme(adepts=adepts, mentors=mentors),
        Report(),
        {"adepts": 3, "mentors": 1, "workplaces": 0},
        {},
    )
    at = open_page(
        "matching",
        state={"uploaded_programme": UploadedProgramme(load), "active_programme": "uploaded"},
    )
    next(b for b in at.button if b.label == t("matching.run", "sv")).click().run()
    assert_no_error(at)
    group_size = len(at.session_state["workspaces"]["uploaded"].plan.pairs)
    assert 2 <= group_size <= 3
    at.switch_page("pages/programmes.py").run()
    assert_no_error(at)
    _button(at, "programmes.groups.save").click().run()
    assert_no_error(at)
    cohort_id = at.session_state["store_links"]["uploaded"][1]
    (group,) = Repository.open(temporary_database).list_groups(cohort_id)
    assert (group.mentor_id, group.min_size, group.max_size) == ("M1", 2, 3)
    assert len(group.adept_ids) == group_size
