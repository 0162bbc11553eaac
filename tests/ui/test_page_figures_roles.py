"""A plan with roles is saved and comes back: a reload restores it on the Matching page, and
the steering group's Figures page shows it by role, suppressed as on the Equality page."""

import dataclasses

import polars as pl
import pytest
from apptest_support import APP_PATH, RUN_TIMEOUT_SECONDS, add_account, assert_no_error, log_in
from streamlit.testing.v1 import AppTest

from smile_core.equality.role_figures import role_gender_figures
from smile_core.matching.role_view import role_name
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import solve
from smile_core.store import Repository
from smile_core.text import t
from smile_ui.session import demo_load
from smile_ui.text import number

KEY = "roles_vocational"


def _run(at):
    """Press Matcha and run."""
    next(b for b in at.button if b.label == t("matching.run", "sv")).click().run()
    assert_no_error(at)
    return at


def test_a_saved_role_plan_comes_back_after_a_reload(open_page):
    """Matcha on the vocational role demo saves the plan by role; a new session with the URL
    shows the same placements, people by role and unmet needs, and the by-role section."""
    at = _run(open_page("matching", state={"active_programme": KEY}))
    ws = at.session_state["workspaces"][KEY]
    assert ws.run_id is not None and ws.result.roles is not None
    link = at.session_state["store_links"][KEY]
    fresh = AppTest.from_file(str(APP_PATH), default_timeout=RUN_TIMEOUT_SECONDS)
    fresh.query_params = {"programme": str(link[0]), "cohort": str(link[1]), "run": str(ws.run_id)}
    fresh.run()
    assert_no_error(fresh)
    fresh.switch_page("pages/matching.py").run()
    assert_no_error(fresh)
    restored = fresh.session_state["workspaces"][KEY]
    assert fresh.session_state["active_programme"] == KEY
    assert restored.run_id == ws.run_id
    assert restored.result.roles == dataclasses.replace(ws.result.roles, diff=None)
    assert restored.plan == ws.plan
    assert t("roles_ui.heading", "sv") in [s.value for s in fresh.subheader]
    assert t("roles_ui.check.ok", "sv") in [c.value for c in fresh.caption]


def _decide(at, role, adept, person, kind):
    """Fill in the lock/forbid-by-role widgets and press the button (the page re-solves)."""
    at.selectbox(key=f"role_decide_role_{KEY}").set_value(role).run()
    at.selectbox(key=f"role_decide_adept_{KEY}_{role}").set_value(adept).run()
    at.selectbox(key=f"role_decide_person_{KEY}_{role}").set_value(person).run()
    at.radio(key=f"role_decide_kind_{KEY}").set_value(kind).run()
    at.button(key=f"role_decide_submit_{KEY}").click().run()
    assert_no_error(at)
    return at.session_state["workspaces"][KEY]


def test_locks_and_forbids_by_role_come_back_after_a_reload(open_page):
    """A forbidden handledare and a locked mentor are saved with the re-solved run; a new
    session with its URL has the same decisions by role and the same plan by role."""
    at = _run(open_page("matching", state={"active_programme": KEY}))
    plan = at.session_state["workspaces"][KEY].result.roles
    adept, old = next((p.adept_id, p.mentor_id) for p in plan.pairs if p.role == "supervisor")
    _decide(at, "supervisor", adept, old, "forbid")
    mentors = [
        p for p in at.session_state["workspaces"][KEY].result.roles.pairs if p.role == "mentor"
    ]
    ws = _decide(at, "mentor", mentors[0].adept_id, mentors[1].mentor_id, "lock")
    assert ws.role_forbids and ws.role_locks and ws.run_id is not None
    link = at.session_state["store_links"][KEY]
    fresh = AppTest.from_file(str(APP_PATH), default_timeout=RUN_TIMEOUT_SECONDS)
    fresh.query_params = {"programme": str(link[0]), "cohort": str(link[1]), "run": str(ws.run_id)}
    fresh.run()
    fresh.switch_page("pages/matching.py").run()
    assert_no_error(fresh)
    restored = fresh.session_state["workspaces"][KEY]
    assert restored.role_forbids == ws.role_forbids
    # The mentor lock is the main role's: it comes back as the one-mentor plan's lock.
    assert restored.locks | {(a, m) for a, m, _r in restored.role_locks} == {
        (a, m) for a, m, _r in ws.role_locks
    } | set(ws.locks)
    assert restored.result.roles == dataclasses.replace(ws.result.roles, diff=None)


def _expected(figures: pl.DataFrame, column: str, lang: str) -> list[str]:
    """The column as the page writes it: numbers in ``lang``, hidden ones as the mark."""
    mark = t("suppression.mark", lang)
    return [
        mark if row[f"{column}_suppressed"] else number(row[column], lang)
        for row in figures.iter_rows(named=True)
    ]


NAMES = {
    "sv": {"Praktikplats", "Handledare", "Mentor"},
    "en": {"Placement", "Workplace supervisor", "Mentor"},
}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_steering_group_sees_the_figures_by_role(app, temporary_database, lang):
    """A steering user's Figures page shows, under the cohort, each role by its name in the
    language with the counts the Equality page computes for the same plan (hidden as "–")."""
    programme = demo_load(KEY).programme
    result = solve(programme, MatchSettings(seed=1))
    repo = Repository.open(temporary_database)
    programme_id = repo.create_programme("Yrkes med roller", "vocational", {}, "kim")
    cohort_id = repo.create_cohort(programme_id, "2026 höst", "kim")
    repo.save_participants(cohort_id, programme, "kim")
    repo.save_run(cohort_id, MatchSettings(seed=1), result, 1, "kim")
    add_account(temporary_database, "board", "steering", (programme_id,))
    app.session_state["lang"] = lang
    app.run()
    log_in(app, "board")
    assert_no_error(app)
    assert [title.value for title in app.title] == [t("page.figures.title", lang)]
    heading = f"**{t('figures.by_role', lang, cohort='2026 höst')}**"
    assert heading in [m.value for m in app.markdown]
    role_column = t("roles_ui.column.role", lang)
    (table,) = [d.value for d in app.dataframe if role_column in d.value.columns]
    expected = role_gender_figures(programme, result.plan, result.roles)
    setup = result.roles.setup
    assert table[role_column].tolist() == [
        role_name(setup, c, lang) for c in expected["column"].to_list()
    ]
    assert set(table[role_column]) == NAMES[lang]
    for column in ("needed", "filled"):
        assert table[t(f"roles_ui.column.{column}", lang)].tolist() == _expected(
            expected, column, lang
        )
