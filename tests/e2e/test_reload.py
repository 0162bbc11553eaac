"""A reload brings the coordinator back: run a match, reload, and find the same plan.

Session state does not survive a reload; the run was saved to the server's database and its
programme, cohort and run ids are in the URL, so the new session opens it from there.
"""

import re
from pathlib import Path

import polars as pl
import pytest
from e2e_support import DOWNLOAD_TIMEOUT_MS, expect_no_error_on_screen, wait_for_app
from playwright.sync_api import Page, expect
from test_coordinator_flow import full_screenshot, go_to

from smile_core.text import t

pytestmark = pytest.mark.e2e


def key_figures(page: Page) -> dict[str, str]:
    """The Matching page's key figures: label -> value as shown."""
    figures = {}
    for metric in page.get_by_test_id("stMetric").all():
        label = metric.get_by_test_id("stMetricLabel").inner_text().strip()
        figures[label] = metric.get_by_test_id("stMetricValue").inner_text().strip()
    return figures


def exported_pairs(page: Page, path: Path) -> pl.DataFrame:
    """The plan's pairs from the Export page's XLSX, sorted by adept."""
    go_to(page, "export")
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as download_info:
        page.get_by_role("button", name=t("export.plan.xlsx", "sv")).click()
    download_info.value.save_as(path)
    pairs = pl.read_excel(path, sheet_name="Par")
    return pairs.select("Adept-ID", "Mentor-ID", "Poäng").sort("Adept-ID")


def test_a_reload_shows_the_same_plan(visit, tmp_path):
    """After a reload, and in a new tab, the URL's run shows the same figures and pairs."""
    page = visit("matchning")
    page.get_by_role("button", name=t("matching.run", "sv"), exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text("Bevisat bästa möjliga plan")).to_be_visible()
    before = key_figures(page)
    assert before[t("matching.figures.matched", "sv")] == "35 av 40"
    run = re.search(r"[?&]run=(\d+)", page.url)
    assert run, page.url
    pairs_before = exported_pairs(page, tmp_path / "before.xlsx")
    assert pairs_before.height == 35

    page.reload()
    wait_for_app(page)
    expect_no_error_on_screen(page)
    assert f"run={run.group(1)}" in page.url
    assert exported_pairs(page, tmp_path / "after.xlsx").equals(pairs_before)
    go_to(page, "matching")
    expect(page.get_by_text("Bevisat bästa möjliga plan")).to_be_visible()
    assert key_figures(page) == before
    full_screenshot(page, "reload-matching-after-reload")

    tab = page.context.new_page()
    tab.goto(page.url)
    wait_for_app(tab)
    expect_no_error_on_screen(tab)
    go_to(tab, "export")
    assert exported_pairs(tab, tmp_path / "tab.xlsx").equals(pairs_before)
