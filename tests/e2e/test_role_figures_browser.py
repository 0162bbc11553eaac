"""A plan with roles is saved and the steering figures show it by role, in a real browser."""

import pytest
from e2e_support import choose_demo, expect_no_error_on_screen, wait_for_app
from playwright.sync_api import expect
from test_coordinator_flow import go_to

from smile_core.demo.demo_roles import ROLE_VOCATIONAL
from smile_core.text import t

pytestmark = pytest.mark.e2e


def test_a_saved_role_plan_shows_by_role_on_the_figures_page(visit, screenshot):
    """Match the vocational role demo (the run is saved), open the steering figures: the
    cohort's table by role names the placement, the handledare and the mentor, no error."""
    page = visit("matchning")
    choose_demo(page, ROLE_VOCATIONAL.title_sv)
    page.get_by_role("button", name=t("matching.run", "sv"), exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text(t("roles_ui.heading", "sv"), exact=True)).to_be_visible()
    assert "run=" in page.url
    go_to(page, "figures")
    heading = t("figures.by_role", "sv", cohort=ROLE_VOCATIONAL.key)
    expect(page.get_by_text(heading, exact=True)).to_be_visible()
    table = page.get_by_text(heading, exact=True).locator(
        "xpath=following::*[@data-testid='stDataFrame'][1]"
    )
    table.scroll_into_view_if_needed()
    expect(table).to_be_visible()
    expect_no_error_on_screen(page)
    screenshot("styrgrupp-roles-vocational")
