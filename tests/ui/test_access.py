"""Logins and roles in the dashboard: the local mode, the login form, each role's pages."""

from datetime import timedelta

import pytest
from apptest_support import add_account, assert_no_error, log_in

from smile_core.access import LOCAL_USER, Role, User
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import solve
from smile_core.store import Repository
from smile_core.store.accounts import Accounts
from smile_core.text import t
from smile_ui.navigation import PAGES, pages_for
from smile_ui.session import demo_load


def _titles(at) -> list[str]:
    return [title.value for title in at.title]


def test_without_accounts_the_local_mode_opens_on_the_demo_with_a_banner(app):
    """No accounts and 127.0.0.1: straight to the overview, and the sidebar says local mode."""
    app.run()
    assert_no_error(app)
    assert _titles(app) == [t("page.overview.title", "sv")]
    assert any(t("login.local_mode", "sv") in c.value for c in app.sidebar.caption)


def test_once_an_account_exists_only_the_login_form_shows(app, temporary_database):
    """A new session sees the login form and nothing else; a wrong password is refused."""
    add_account(temporary_database, "kim", "coordinator")
    app.run()
    assert_no_error(app)
    assert _titles(app) == [t("login.title", "sv")]
    assert not app.selectbox  # no programme switch, no page content
    log_in(app, "kim", "wrong password!")
    assert [e.value for e in app.error] == ["Fel namn eller lösenord"]
    assert _titles(app) == [t("login.title", "sv")]


def test_a_coordinator_logs_in_and_works_under_their_name(app, temporary_database):
    """After logging in the coordinator gets the overview and the sidebar names them."""
    add_account(temporary_database, "kim", "coordinator")
    app.run()
    log_in(app, "kim")
    assert_no_error(app)
    assert _titles(app) == [t("page.overview.title", "sv")]
    assert any("kim" in c.value for c in app.sidebar.caption)


def test_the_steering_group_sees_its_figures_and_no_names(app, temporary_database):
    """A steering user lands on the figures of their programme; a coordinator page stays shut."""
    repo = Repository.open(temporary_database)
    programme = repo.create_programme("Norr", "group", {}, "test")
    repo.create_cohort(programme, "2026", "test")
    add_account(temporary_database, "board", "steering", (programme,))
    app.run()
    log_in(app, "board")
    assert_no_error(app)
    assert _titles(app) == [t("page.figures.title", "sv")]
    assert "Norr" in [s.value for s in app.subheader]
    assert not app.selectbox  # no programme switch: steering has no session programme
    # The navigation registers the figures page only: no other page can be opened.
    with pytest.raises(ValueError, match=r"Known pages: \['[^,]*figures\.py'\]"):
        app.switch_page("pages/participants.py")


def test_each_role_navigation_lists_its_own_pages():
    """Coordinators get the coordinator and figure pages; steering figures only; admins admin."""

    def ids(role):
        return [s.page_id for s in pages_for(User("x", role, id=1))]

    assert ids(Role.STEERING) == ["figures"]
    assert ids(Role.ADMIN) == ["privacy", "users"]
    assert "privacy" not in ids(Role.COORDINATOR) and "pairs" in ids(Role.COORDINATOR)
    assert pages_for(LOCAL_USER) == PAGES


def test_logging_out_returns_to_the_login_form(app, temporary_database):
    """The sidebar's log-out button ends the session's login."""
    add_account(temporary_database, "kim", "admin")
    app.run()
    log_in(app, "kim")
    assert _titles(app) == [t("page.privacy.title", "sv")]
    app.sidebar.button(key="logout").click().run()
    assert_no_error(app)
    assert _titles(app) == [t("login.title", "sv")]


def test_an_administrator_adds_an_account_on_the_accounts_page(app, temporary_database):
    """The admin's form creates a coordinator with a programme; a steering user cannot."""
    repo = Repository.open(temporary_database)
    programme = repo.create_programme("Norr", "group", {}, "test")
    add_account(temporary_database, "admin", "admin")
    app.run()
    log_in(app, "admin")
    app.switch_page("pages/users.py").run()
    assert_no_error(app)
    app.text_input[0].input("lena")
    app.selectbox[0].set_value("coordinator")
    app.multiselect[0].set_value([programme])
    app.text_input[1].input("long enough password")
    next(b for b in app.button if b.label == t("users.add", "sv")).click().run()
    assert_no_error(app)
    (lena,) = [u for u in Accounts(repo.engine).list_users() if u.name == "lena"]
    assert (lena.role, lena.programme_ids) == ("coordinator", {programme})
    assert [e.who for e in repo.audit_entries() if e.action == "user added"][-1] == "admin"


def test_an_expired_login_forgets_the_session_and_says_so(app, temporary_database):
    """After 30 idle minutes the next page load shows the login form and holds no programme."""
    add_account(temporary_database, "kim", "coordinator")
    app.run()
    log_in(app, "kim")
    app.switch_page("pages/matching.py").run()
    next(b for b in app.button if b.label == t("matching.run", "sv")).click().run()
    assert app.session_state["workspaces"]
    user_id, logged_in_at, _ = app.session_state["login_session"]
    app.session_state["login_session"] = (user_id, logged_in_at, logged_in_at - timedelta(hours=1))
    app.run()
    assert_no_error(app)
    assert _titles(app) == [t("login.title", "sv")]
    assert [i.value for i in app.info] == [t("login.expired", "sv")]
    assert "workspaces" not in app.session_state or not app.session_state["workspaces"]


def test_single_sign_on_is_offered_when_configured(app, temporary_database):
    """With an [auth] section in the secrets the login page offers the organisation's login."""
    add_account(temporary_database, "kim", "coordinator")
    app.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback"}
    app.run()
    assert_no_error(app)
    assert t("login.sso", "sv") in [b.label for b in app.button]
    log_in(app, "kim")  # the password login stays beside it
    assert _titles(app) == [t("page.overview.title", "sv")]


def test_without_single_sign_on_only_the_password_form_shows(app, temporary_database):
    """No [auth] secrets: no single-sign-on button."""
    add_account(temporary_database, "kim", "coordinator")
    app.run()
    assert t("login.sso", "sv") not in [b.label for b in app.button]


def test_steering_figures_from_an_unagreed_run_are_marked_as_a_draft(app, temporary_database):
    """Without an agreed plan the figures are the latest run's, and the page says it is a draft."""
    repo = Repository.open(temporary_database)
    programme = repo.create_programme("Norr", "vocational", {}, "test")
    cohort = repo.create_cohort(programme, "2026", "test")
    vocational = demo_load("vocational").programme
    repo.save_participants(cohort, vocational, "test")
    run = repo.save_run(cohort, MatchSettings(), solve(vocational, MatchSettings()), 0, "anna")
    add_account(temporary_database, "board", "steering", (programme,))
    app.run()
    log_in(app, "board")
    assert_no_error(app)
    draft = t("figures.draft", "sv", run=run)
    assert draft in [w.value for w in app.warning]
    repo.mark_agreed(run, "anna")
    app.run()
    assert draft not in [w.value for w in app.warning]
