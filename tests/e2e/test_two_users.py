"""Two people at once, in two browsers: each coordinator sees only their own programme, and a
steering user reaches no name or pair by any URL."""

import re
from pathlib import Path

import pytest
from e2e_support import (
    APP_TIMEOUT_MS,
    DOWNLOAD_TIMEOUT_MS,
    expect_no_error_on_screen,
    running_app,
    wait_for_app,
)
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader
from test_coordinator_flow import go_to, lock_first_pair_and_save

from smile_core.ingest.reading import SourceFile
from smile_core.ingest.validation import load_programme
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import solve
from smile_core.store import Repository
from smile_core.store.accounts import Accounts
from smile_core.text import t
from smile_ui.newer_runs_view import LOOK_SECONDS

pytestmark = pytest.mark.e2e

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"
PASSWORD = "correct horse battery"


def _programme(folder: str):
    files = {
        table: SourceFile(f"{table}.csv", (DEMO / folder / f"{table}.csv").read_bytes())
        for table in ("adepts", "mentors", "workplaces")
    }
    return load_programme(**files).programme


def _seed(database: Path) -> dict[str, int]:
    """Programmes North (vocational demo, an agreed run) and South (academic demo) and three
    accounts: a coordinator for each, and a steering group for North."""
    repo = Repository.open(f"sqlite:///{database}")
    ids: dict[str, int] = {}
    for name, folder in (("Programmet Norr", "vocational"), ("Programmet Syd", "academic")):
        programme_id = repo.create_programme(name, "vocational", {}, "setup")
        cohort_id = repo.create_cohort(programme_id, "2026", "setup")
        participants = _programme(folder)
        repo.save_participants(cohort_id, participants, "setup")
        ids[folder] = cohort_id
        ids[f"{folder}_programme"] = programme_id
    vocational = _programme("vocational")
    run = repo.save_run(
        ids["vocational"], MatchSettings(), solve(vocational, MatchSettings()), 0, "setup"
    )
    repo.mark_agreed(run, "setup")
    ids["run"] = run
    accounts = Accounts(repo.engine)
    accounts.add_user("anna", "coordinator", PASSWORD, "setup", [ids["vocational_programme"]])
    accounts.add_user("bo", "coordinator", PASSWORD, "setup", [ids["academic_programme"]])
    accounts.add_user("styr", "steering", PASSWORD, "setup", [ids["vocational_programme"]])
    repo.engine.dispose()
    return ids


def _seed_with_carl(tmp_path: Path) -> tuple[dict[str, int], str]:
    """:func:`_seed` plus Carl, a second coordinator of North; and the query of North's run."""
    ids = _seed(tmp_path / "smile.db")
    repo = Repository.open(f"sqlite:///{tmp_path / 'smile.db'}")
    Accounts(repo.engine).add_user(
        "carl", "coordinator", PASSWORD, "setup", [ids["vocational_programme"]]
    )
    repo.engine.dispose()
    query = f"programme={ids['vocational_programme']}&cohort={ids['vocational']}&run={ids['run']}"
    return ids, query


def _log_in(browser: Browser, url: str, name: str) -> Page:
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(APP_TIMEOUT_MS)
    page = context.new_page()
    page.goto(url)
    wait_for_app(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("login.title", "sv"))
    page.get_by_label(t("login.name", "sv")).fill(name)
    page.get_by_label(t("login.password", "sv")).fill(PASSWORD)
    page.get_by_role("button", name=t("login.submit", "sv")).click()
    wait_for_app(page)
    expect_no_error_on_screen(page)
    return page


def _body(page: Page) -> str:
    return page.locator("body").inner_text()


def test_two_coordinators_and_a_steering_group_each_see_only_their_own(browser, tmp_path):
    """Anna and Bo, logged in at once, see only their programme; the steering user no names."""
    ids = _seed(tmp_path / "smile.db")
    vocational = _programme("vocational")
    some_name = vocational.adepts[0].name
    with running_app(tmp_path) as url:
        anna = _log_in(browser, url, "anna")
        bo = _log_in(browser, url, "bo")
        for page, own, other in ((anna, "Norr", "Syd"), (bo, "Syd", "Norr")):
            page.get_by_test_id("stSidebarNav").get_by_text(
                t("page.figures.title", "sv"), exact=True
            ).click()
            wait_for_app(page)
            expect_no_error_on_screen(page)
            expect(page.get_by_role("heading", name=f"Programmet {own}")).to_be_visible()
            assert f"Programmet {other}" not in _body(page)

        # Anna opens Bo's cohort by URL: it does not exist for her.
        anna.goto(f"{url}/program?cohort={ids['academic']}")
        wait_for_app(anna)
        anna.get_by_label(t("login.name", "sv")).fill("anna")
        anna.get_by_label(t("login.password", "sv")).fill(PASSWORD)
        anna.get_by_role("button", name=t("login.submit", "sv")).click()
        wait_for_app(anna)
        expect(anna.get_by_text(f"Hittar ingen kohort {ids['academic']}")).to_be_visible()
        assert "Programmet Syd" not in _body(anna)

        steering = _log_in(browser, url, "styr")
        expect(steering.get_by_role("heading", level=1)).to_have_text(t("page.figures.title", "sv"))
        assert "Programmet Norr" in _body(steering) and some_name not in _body(steering)
        query = f"programme={ids['vocational_programme']}&cohort={ids['vocational']}"
        for path in ("", "par", "exportera", "deltagare", "dataskydd"):
            steering.goto(f"{url}/{path}?{query}&run={ids['run']}")
            wait_for_app(steering)
            assert some_name not in _body(steering)
            assert "A01" not in _body(steering)


def test_two_coordinators_editing_the_same_plan_are_told_of_each_other(browser, tmp_path):
    """Anna and Carl both edit North's agreed plan: Carl's save names Anna's run, and agreeing
    one of the two warns that the other's changes are not in it."""
    # Found in two browsers: the second edit silently dropped out of the plan the first agreed.
    ids, query = _seed_with_carl(tmp_path)
    with running_app(tmp_path) as url:
        pages = {
            name: _log_in(browser, f"{url}/matchning?{query}", name) for name in ("anna", "carl")
        }
        for name in ("anna", "carl"):
            lock_first_pair_and_save(pages[name])
            wait_for_app(pages[name])
        saved = (
            pages["carl"]
            .get_by_test_id("stAlertContentWarning")
            .filter(has_text=t("matching.edit.accepted", "sv", count=1))
        )
        expect(saved).to_contain_text("anna")
        anna_run = ids["run"] + 1
        expect(saved).to_contain_text(f"körning {anna_run}")
        carl = pages["carl"]
        carl.get_by_test_id("stSidebarNav").get_by_text(
            t("page.programmes.title", "sv"), exact=True
        ).click()
        wait_for_app(carl)
        expect_no_error_on_screen(carl)
        warning = carl.get_by_test_id("stAlertContentWarning").filter(has_text=f"{anna_run} (anna)")
        expect(warning).to_be_visible()

        # The meeting pack names the programme and cohort it is for.
        go_to(carl, "export")
        with carl.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as download:
            carl.get_by_role("button", name=t("export.meeting.download", "sv")).click()
        first_page = PdfReader(download.value.path()).pages[0].extract_text()
        assert "Programmet Norr, 2026" in " ".join(first_page.split())


def test_a_coordinator_viewing_a_plan_is_told_when_another_saves_a_newer_one(browser, tmp_path):
    """Anna only views North's agreed run; Carl saves an edit: her Matching page names it
    without a click of hers, and after a page switch."""
    # Found in two browsers: the viewer's screen never changed, so she went on with the old plan.
    ids, query = _seed_with_carl(tmp_path)
    with running_app(tmp_path) as url:
        anna = _log_in(browser, f"{url}/matchning?{query}", "anna")
        carl = _log_in(browser, f"{url}/matchning?{query}", "carl")
        newer = ids["run"] + 1
        notice = t(
            "matching.newer.notice", "sv", count=1, who="carl", runs=str(newer), own=ids["run"]
        )
        expect(anna.get_by_text(notice)).to_have_count(0)
        lock_first_pair_and_save(carl)
        wait_for_app(carl)
        # Anna does nothing: within the page's next look (every LOOK_SECONDS) the notice is there.
        expect(anna.get_by_text(notice)).to_be_visible(timeout=(LOOK_SECONDS + 20) * 1000)
        # ...and after a page switch too.
        go_to(anna, "pairs")
        go_to(anna, "matching")
        expect(anna.get_by_text(notice)).to_be_visible()
        expect_no_error_on_screen(anna)
        anna.get_by_role("button", name=t("matching.newer.open", "sv", run=newer)).click()
        wait_for_app(anna)
        expect(anna.get_by_text(notice)).to_have_count(0)
        expect(anna).to_have_url(re.compile(f"run={newer}"))
        expect_no_error_on_screen(anna)
