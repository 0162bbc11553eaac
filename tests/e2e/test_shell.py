"""The dashboard shell in a real browser: every page opens with no error, in both languages."""

import pytest
from e2e_support import expect_no_error_on_screen, running_app, wait_for_app
from playwright.sync_api import expect

from smile_core.text import t
from smile_ui.navigation import PAGES

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("spec", PAGES, ids=[spec.page_id for spec in PAGES])
def test_every_page_opens_without_error(visit, screenshot, spec):
    """Opening each page's URL shows its Swedish title, the sidebar and no error."""
    page = visit(spec.url_path)
    expect(page.get_by_role("heading", level=1)).to_have_text(spec.title("sv"))
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Språk")
    expect_no_error_on_screen(page)
    screenshot(f"{spec.page_id}-sv")


def test_sidebar_lists_the_pages_in_their_sections(visit):
    """The sidebar shows the coordinator's and the steering group's sections with all pages."""
    page = visit()
    navigation = page.get_by_test_id("stSidebarNav")
    for section in ("nav.coordinator", "nav.steering_group"):
        expect(navigation).to_contain_text(t(section, "sv"))
    links = navigation.get_by_test_id("stSidebarNavLink")
    expect(links).to_have_count(len(PAGES))
    for spec in PAGES:
        expect(navigation).to_contain_text(spec.title("sv"))


def test_english_switch_then_clicking_through_every_page(visit, screenshot):
    """After choosing English, each sidebar link opens its page in English, the URL keeps it."""
    page = visit()
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview")
    for spec in PAGES:
        page.get_by_test_id("stSidebarNav").get_by_text(spec.title("en"), exact=True).click()
        wait_for_app(page)
        expect(page.get_by_role("heading", level=1)).to_have_text(spec.title("en"))
        expect_no_error_on_screen(page)
        assert "lang=English" in page.url
        screenshot(f"{spec.page_id}-en")


def test_reload_keeps_the_language(visit):
    """A reload starts a new session, yet the language chosen stays (it is in the URL)."""
    page = visit(query="lang=English")
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview")
    page.reload()
    wait_for_app(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview")


def test_first_deep_link_after_start(browser, tmp_path):
    """The very first visit to a server, straight to a page's URL, shows no 'Page not found'."""
    with running_app(tmp_path) as url:
        context = browser.new_context(locale="sv-SE")
        try:
            page = context.new_page()
            page.goto(f"{url}/{PAGES[2].url_path}")
            wait_for_app(page)
            expect(page.get_by_role("heading", level=1)).to_have_text(PAGES[2].title("sv"))
            # Counted at once: the dialog, if any, came before the page's run had finished.
            assert page.get_by_text("Page not found").count() == 0
        finally:
            context.close()
