"""The Finnish group cascade in a real browser: open the stored demo, see its generations,
start a new group from a member, and the steering group's counts with small ones hidden."""

import pytest
from e2e_support import expect_no_error_on_screen, running_app, wait_for_app
from playwright.sync_api import Browser, expect

from smile_core.access import LOCAL_USER, Service
from smile_core.demo.group_cascade import PROGRAMME_NAME, seed_group_cascade
from smile_core.store import Repository
from smile_core.text import t

pytestmark = pytest.mark.e2e


def test_the_program_page_shows_generations_and_starts_a_group(browser: Browser, tmp_path):
    """Open the demo's first cohort on Program: the generations table and chart show; a
    member starts a new group and the lineage gains a row, with no error on screen."""
    repo = Repository.open(f"sqlite:///{tmp_path / 'smile.db'}")
    programme_id = seed_group_cascade(Service(repo, LOCAL_USER))
    second = repo.list_cohorts(programme_id)[1].id
    repo.engine.dispose()
    with running_app(tmp_path) as url:
        context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{url}/program")
        wait_for_app(page)
        main = page.get_by_test_id("stMainBlockContainer")
        picked = main.get_by_role("combobox", name=t("programmes.pick.programme", "sv"))
        expect(picked).to_have_value(PROGRAMME_NAME)
        page.get_by_role("button", name=t("programmes.pick.open", "sv")).click()
        wait_for_app(page)
        heading = page.get_by_text(t("programmes.generations.heading", "sv"), exact=True)
        heading.scroll_into_view_if_needed()
        expect(heading).to_be_visible()
        expect(page.get_by_text(t("programmes.generations.counts_help", "sv", k=5))).to_be_visible()
        expect(page.get_by_test_id("stVegaLiteChart").last).to_be_visible()
        form = page.get_by_test_id("stForm").filter(
            has_text=t("programmes.generations.member", "sv")
        )
        form.get_by_test_id("stSelectbox").nth(1).click()
        page.get_by_role("option", name="A04", exact=True).click()
        form.get_by_role("button", name=t("programmes.generations.run", "sv")).click()
        wait_for_app(page)
        expect_no_error_on_screen(page)
        done = t("programmes.generations.done", "sv", adept="A04", group=10, cohort="2014 syksy")
        expect(page.get_by_text(done)).to_be_visible()
        context.close()
    repo = Repository.open(f"sqlite:///{tmp_path / 'smile.db'}")
    assert [g.mentor_id for g in repo.list_groups(second) if g.id == 10] == ["A04"]
