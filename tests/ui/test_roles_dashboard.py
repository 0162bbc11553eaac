"""The dashboard with roles: the role demos, the table with a column per role, unmet needs,
the role checks, readiness per role and the role table in the exports (issue 10)."""

import dataclasses
import sys

import apptest_support
import pytest
from apptest_support import assert_no_error

from smile_core.demo.demo_roles import ROLE_DEMO_PROGRAMMES
from smile_core.text import t
from smile_ui import session
from smile_ui.plan_editor import result_on_screen
from smile_ui.session import Workspace, roles_on_screen
from smile_ui.text import literal

sys.path.insert(0, str(apptest_support.REPO_ROOT / "tests" / "smile_core"))
from role_demo_data import role_demo  # the core tests' shared role demo


def _run(at, lang="sv"):
    """Press Matcha (the settings form's submit button) and run."""
    next(b for b in at.button if b.label == t("matching.run", lang)).click().run()
    assert_no_error(at)
    return at


@pytest.mark.parametrize("demo", ROLE_DEMO_PROGRAMMES, ids=lambda d: d.key)
def test_role_demos_are_offered_and_open(open_page, demo):
    """Each role demo is a programme of the switch and opens the overview with its title."""
    assert demo.key in session.programme_keys()
    at = open_page("overview", state={"active_programme": demo.key})
    assert next(s.value for s in at.subheader) == t("app.programme_demo", "sv", name=demo.title_sv)
    assert demo.description_sv in [c.value for c in at.caption]


def _frames(at):
    """Every dataframe of the last run, as polars."""
    import polars as pl

    return [pl.from_pandas(d.value) for d in at.dataframe]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_matching_shows_a_column_per_role_and_the_checks(open_page, lang):
    """After a run on the vocational role demo: a row per adept with the placement and a
    column per role in the language, the role checks' verdict and unmet needs with reasons."""
    at = _run(open_page("matching", lang, state={"active_programme": "roles_vocational"}), lang)
    plan = at.session_state["workspaces"]["roles_vocational"].result.roles
    assert plan is not None
    assert t("roles_ui.heading", lang) in [s.value for s in at.subheader]
    assert t("roles_ui.check.ok", lang) in [c.value for c in at.caption]
    table = next(f for f in _frames(at) if t("roles_ui.placement", lang) in f.columns)
    for role in plan.setup.roles:
        name = role.name_sv if lang == "sv" else role.name_en
        assert name[:1].upper() + name[1:] in table.columns
    assert table.height == sum(1 for _a, needs in plan.needs if needs)
    reasons = t("roles_ui.column.reason", lang)
    unmet = [f for f in _frames(at) if reasons in f.columns]
    if plan.unmatched:
        assert unmet[0][reasons].to_list() == [u.message(lang) for u in plan.unmatched]
    else:
        assert t("roles_ui.unmet.none", lang) in [c.value for c in at.caption]


def test_pairs_page_shows_the_roles_of_the_network_demo(open_page):
    """On Pairs, the network demo's plan shows a column per mentor role and no placement."""
    at = _run(open_page("matching", state={"active_programme": "roles_network"}))
    at.switch_page("pages/pairs.py").run()
    assert_no_error(at)
    plan = at.session_state["workspaces"]["roles_network"].result.roles
    table = next(f for f in _frames(at) if "Adept" in f.columns and "ID" in f.columns)
    assert t("roles_ui.placement", "sv") not in table.columns
    assert {"Företagsmentor", "Social mentor", "Utbildningsmentor"} <= set(table.columns)
    assert table.height == sum(1 for _a, needs in plan.needs if needs)


def test_pairs_page_says_its_charts_show_the_main_role(open_page):
    """With roles, Pairs says its charts and editor are the mentor pairs; without, it does not."""
    at = _run(open_page("matching", state={"active_programme": "roles_vocational"}))
    at.switch_page("pages/pairs.py").run()
    assert_no_error(at)
    note = literal(t("pairs.roles_note", "sv", role="mentor"))  # escaped: role names are data
    assert note in [i.value for i in at.info]
    at = _run(open_page("matching", state={"active_programme": "vocational"}))
    at.switch_page("pages/pairs.py").run()
    assert at.session_state["workspaces"]["vocational"].result.roles is None
    assert note not in [i.value for i in at.info]


def test_classic_demo_shows_no_role_section(open_page):
    """A programme without roles shows neither the role table nor readiness by role."""
    at = _run(open_page("matching"))
    assert t("roles_ui.heading", "sv") not in [s.value for s in at.subheader]
    at = open_page("participants")
    assert t("roles_ui.readiness.heading", "sv") not in [s.value for s in at.subheader]


def test_readiness_by_role_before_matching(open_page):
    """Participants and Matching (before a run) show demand against seats per role and the
    fields where a placement has no handledare."""
    for page in ("participants", "matching"):
        at = open_page(page, state={"active_programme": "roles_vocational"})
        assert t("roles_ui.readiness.heading", "sv") in [s.value for s in at.subheader]
        frame = next(f for f in _frames(at) if t("roles_ui.column.seats", "sv") in f.columns)
        assert frame[t("roles_ui.column.role", "sv")].to_list()[0] == t("roles_ui.placement", "sv")
        warnings = [w.value for w in at.warning]
        assert any("gjuteri" in w and "handledare" in w for w in warnings), warnings


def test_export_offers_the_role_table_only_with_roles(open_page):
    """With roles, Export offers the plan by role as Excel and CSV (deferred files)."""
    at = _run(open_page("matching", state={"active_programme": "roles_vocational"}))
    at.switch_page("pages/export.py").run()
    assert_no_error(at)
    buttons = {b.proto.label: b for b in at.get("download_button")}
    for key in ("roles_ui.export.xlsx", "roles_ui.export.csv"):
        assert buttons[t(key, "sv")].proto.deferred_file_id
    assert t("roles_ui.export.heading", "sv") in [s.value for s in at.subheader]


def _decide(at, role, adept, person, kind):
    """Fill in the lock/forbid-by-role widgets and press the button."""
    at.selectbox(key="role_decide_role_roles_vocational").set_value(role).run()
    at.selectbox(key=f"role_decide_adept_roles_vocational_{role}").set_value(adept).run()
    at.selectbox(key=f"role_decide_person_roles_vocational_{role}").set_value(person).run()
    at.radio(key="role_decide_kind_roles_vocational").set_value(kind).run()
    at.button(key="role_decide_submit_roles_vocational").click().run()
    assert_no_error(at)
    return at.session_state["workspaces"]["roles_vocational"]


def test_forbid_then_lock_per_role_re_solves_and_keeps_the_decisions(open_page):
    """Forbidding an adept's handledare moves them away from that person; locking a mentor
    who offers the role puts that mentor in; the role checks hold with the decisions."""
    at = _run(open_page("matching", state={"active_programme": "roles_vocational"}))
    plan = at.session_state["workspaces"]["roles_vocational"].result.roles
    adept, old = next((p.adept_id, p.mentor_id) for p in plan.pairs if p.role == "supervisor")
    ws = _decide(at, "supervisor", adept, old, "forbid")
    assert ws.role_forbids == {(adept, old, "supervisor")}
    assert ws.result.roles.person_of.get((adept, "supervisor")) != old
    mentors = [p for p in ws.result.roles.pairs if p.role == "mentor"]
    adept, new = mentors[0].adept_id, mentors[1].mentor_id
    ws = _decide(at, "mentor", adept, new, "lock")
    assert ws.role_locks == {(adept, new, "mentor")}
    assert ws.result.roles.person_of[(adept, "mentor")] == new
    assert t("roles_ui.check.ok", "sv") in [c.value for c in at.caption]
    assert len(at.dataframe[-1].value) >= 2  # the decisions listed
    at.button(key="role_decide_clear_roles_vocational").click().run()
    ws = at.session_state["workspaces"]["roles_vocational"]
    assert not ws.role_locks and not ws.role_forbids


@pytest.mark.parametrize("demo", ROLE_DEMO_PROGRAMMES, ids=lambda d: d.key)
def test_every_page_opens_on_a_matched_role_demo(open_page, demo):
    """After matching a role demo, every page of the dashboard opens without an error."""
    from smile_ui.navigation import PAGES

    at = _run(open_page("matching", state={"active_programme": demo.key}))
    for spec in PAGES:
        at.switch_page(f"pages/{spec.page_id}.py").run()
        assert_no_error(at)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_lock_the_solve_cannot_keep_is_refused_in_the_form(open_page, lang):
    """Locking a gjuteri handledare for a trähus adept is refused on the page, naming the
    adept, the person, the role and the rule; nothing is stored and no solve starts."""
    at = _run(open_page("matching", lang, state={"active_programme": "roles_vocational"}), lang)
    before = at.session_state["workspaces"]["roles_vocational"].result
    at.selectbox(key="role_decide_role_roles_vocational").set_value("supervisor").run()
    at.selectbox(key="role_decide_adept_roles_vocational_supervisor").set_value("A02").run()
    at.selectbox(key="role_decide_person_roles_vocational_supervisor").set_value("H01").run()
    at.radio(key="role_decide_kind_roles_vocational").set_value("lock").run()
    at.button(key="role_decide_submit_roles_vocational").click().run()
    assert not at.exception
    ws = at.session_state["workspaces"]["roles_vocational"]
    assert not ws.role_locks and ws.result is before
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and errors[0].startswith(t("role_lock.form_refused", lang))
    word = "handledare" if lang == "sv" else "workplace supervisor"
    assert "A02 – H01" in errors[0] and word in errors[0] and "W01" in errors[0]


def test_a_forbid_re_solves_with_minimal_change_and_says_what_moved_by_role(open_page):
    """After forbidding one adept's handledare, the re-solve keeps everyone else's choices
    (at most 2 move) and the page shows what moved, per role."""
    at = _run(open_page("matching", state={"active_programme": "roles_vocational"}))
    plan = at.session_state["workspaces"]["roles_vocational"].result.roles
    adept, old = next((p.adept_id, p.mentor_id) for p in plan.pairs if p.role == "supervisor")
    ws = _decide(at, "supervisor", adept, old, "forbid")
    moved = ws.result.roles.diff.changes
    assert 1 <= len(moved) <= 2
    assert any(c.adept_id == adept and c.before == old for c in moved)
    assert f"**{t('roles_ui.changes.heading', 'sv')}**" in [m.value for m in at.markdown]
    table = next(f for f in _frames(at) if t("roles_ui.changes.moved", "sv") in f.columns)
    assert table[t("roles_ui.changes.moved", "sv")].sum() == len(moved)


def test_a_run_with_a_lock_no_plan_can_keep_is_refused_not_failed(open_page):
    """A lock by role that cannot be kept (here put in the workspace directly, as a stale
    decision would be) stops Matcha with the refusal by name instead of a failed solve."""
    import dataclasses

    at = _run(open_page("matching", state={"active_programme": "roles_vocational"}))
    ws = at.session_state["workspaces"]["roles_vocational"]
    stale = dataclasses.replace(ws, role_locks=frozenset({("A02", "H01", "supervisor")}))
    at.session_state["workspaces"] = {**at.session_state["workspaces"], "roles_vocational": stale}
    next(b for b in at.button if b.label == t("matching.run", "sv")).click().run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and errors[0].startswith(t("role_lock.run_refused", "sv"))
    assert "A02 – H01" in errors[0]
    assert at.session_state["workspaces"]["roles_vocational"].result is ws.result


def _with_must_match(ids: set[str]):
    """The vocational role demo as an upload whose file marks ``ids`` "Måste matchas"."""
    from smile_core.ingest.reading import SourceFile
    from smile_core.ingest.validation import load_programme
    from smile_ui.session import UploadedProgramme

    root = apptest_support.REPO_ROOT / "data" / "demo" / "roles" / "vocational"
    lines = (root / "adepts.csv").read_text(encoding="utf-8").splitlines()
    marked = [lines[0] + ",Måste matchas"] + [
        f"{line},{'ja' if line.split(',')[0] in ids else 'nej'}" for line in lines[1:]
    ]
    files = {"adepts": "\n".join(marked).encode("utf-8")}
    files |= {n: (root / f"{n}.csv").read_bytes() for n in ("mentors", "workplaces")}
    load = load_programme(**{n: SourceFile(f"{n}.csv", b) for n, b in files.items()})
    assert load.ok, load.report.problems
    return UploadedProgramme(load)


def test_must_match_column_on_the_role_path_names_who_is_blocked(open_page):
    """An upload marking five adepts "Måste matchas" who cannot all get a placement: no plan,
    and the banner names each adept left short with the role and why; marking one who can
    gives that adept every role they need."""
    state = {"uploaded_programme": _with_must_match({"A07", "A28", "A31", "A40", "A20"})}
    at = open_page("matching", state={**state, "active_programme": "uploaded"})
    next(b for b in at.button if b.label == t("matching.run", "sv")).click().run()
    assert not at.exception
    assert not at.session_state["workspaces"]["uploaded"].result.has_plan
    banner = next(e.value for e in at.error)
    assert banner.startswith(t("matching.banner.infeasible", "sv"))
    assert "Adept A07 måste matchas men kan inte få praktikplats" in banner
    at.session_state["uploaded_programme"] = _with_must_match({"A07"})
    at.session_state["workspaces"] = {}
    at = _run(at)
    roles = at.session_state["workspaces"]["uploaded"].result.roles
    assert {r for a, r in roles.person_of if a == "A07"} == {"supervisor", "mentor"}


def test_a_hand_edit_of_a_role_plan_keeps_every_figure_on_the_same_plan():
    """Unassigning one mentor by hand: the result on screen totals every role's pairs, its
    mean stays a pair mean, and the role plan on screen has that mentor pair gone."""
    programme, result = role_demo("vocational")
    dropped = result.plan.pairs[0]
    edited = dataclasses.replace(result.plan, pairs=result.plan.pairs[1:])
    ws = Workspace(result=result, plan=edited)
    shown = result_on_screen(ws, programme)
    assert shown.total_score == pytest.approx(result.total_score - dropped.score, abs=0.01)
    assert shown.mean_pair_score == pytest.approx(shown.total_score / (len(result.roles.pairs) - 1))
    roles = roles_on_screen(ws)
    assert shown.roles == roles
    assert (dropped.adept_id, dropped.mentor_id, "mentor") not in {
        (p.adept_id, p.mentor_id, p.role) for p in roles.pairs
    }
