"""The vocational role demo in a real browser: chosen in the sidebar, matched, shown by role."""

import pytest
from e2e_support import choose_demo, expect_no_error_on_screen, wait_for_app
from playwright.sync_api import expect

from smile_core.demo.demo_roles import ROLE_VOCATIONAL
from smile_core.text import t

pytestmark = pytest.mark.e2e


def test_role_demo_matches_and_shows_a_column_per_role(visit, screenshot):
    """Choose the role demo, press Matcha: the by-role section, the checks' verdict and the
    lock/forbid-by-role controls show, with no error."""
    page = visit("matchning")
    choose_demo(page, ROLE_VOCATIONAL.title_sv)
    expect(page.get_by_text(t("roles_ui.readiness.heading", "sv"), exact=True)).to_be_visible()
    page.get_by_role("button", name=t("matching.run", "sv"), exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text(t("roles_ui.heading", "sv"), exact=True)).to_be_visible()
    expect(page.get_by_text(t("roles_ui.check.ok", "sv"))).to_be_visible()
    expect(page.get_by_text(t("roles_ui.decide.heading", "sv"), exact=True)).to_be_visible()
    expect_no_error_on_screen(page)
    page.get_by_text(t("roles_ui.decide.heading", "sv"), exact=True).scroll_into_view_if_needed()
    screenshot("matchning-roles-vocational")
