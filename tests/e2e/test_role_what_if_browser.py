"""The what-if by role in a real browser: asked on the matched vocational role demo."""

import pytest
from e2e_support import choose_demo, expect_no_error_on_screen, wait_for_app
from playwright.sync_api import expect

from smile_core.demo.demo_roles import ROLE_VOCATIONAL
from smile_core.text import t

pytestmark = pytest.mark.e2e


def test_a_what_if_by_role_answers_on_the_matching_page(visit, screenshot):
    """Match the role demo and ask the what-if with its first choices (the first adept's
    placement where the plan has it): the answer shows that nothing moves, with no error."""
    page = visit("matchning")
    choose_demo(page, ROLE_VOCATIONAL.title_sv)
    page.get_by_role("button", name=t("matching.run", "sv"), exact=True).click()
    wait_for_app(page)
    heading = page.get_by_text(t("role_what_if.heading", "sv"), exact=True)
    heading.scroll_into_view_if_needed()
    page.get_by_role("button", name=t("role_what_if.run", "sv"), exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text(t("role_what_if.none", "sv"))).to_be_visible()
    expect(page.get_by_text(t("role_what_if.moved", "sv"), exact=True)).to_be_visible()
    expect(page.get_by_role("button", name=t("role_what_if.keep", "sv"))).to_be_visible()
    expect_no_error_on_screen(page)
    heading.scroll_into_view_if_needed()
    screenshot("matchning-role-what-if")
