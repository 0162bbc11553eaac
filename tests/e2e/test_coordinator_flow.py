"""A coordinator's session in a real browser: demo, match, lock a pair, re-solve, export, look.

One test walks the whole way, as the steps depend on each other (the plan the export holds is
the one matched and re-solved before). Screenshots of every page, at their full height, go to
artifacts/screenshots/flow-<nn>-<step>.png.
"""

import re
from pathlib import Path

import polars as pl
import pytest
from e2e_support import (
    APP_TIMEOUT_MS,
    DOWNLOAD_TIMEOUT_MS,
    SCREENSHOT_DIR,
    expect_no_error_on_screen,
    wait_for_app,
)
from playwright.sync_api import Page, expect

from smile_core.text import t
from smile_ui.navigation import PAGES

pytestmark = pytest.mark.e2e

# The plan editor's columns, left to right; the lock box is the sixth.
LOCK_COLUMN = 5
MAX_SCREENSHOT_HEIGHT = 8000


def full_screenshot(page: Page, name: str) -> Path:
    """Save the whole page, not just the window: Streamlit scrolls inside stMain, so the window
    is made as tall as the content for the shot, then put back."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size(
        {"width": viewport["width"], "height": min(height, MAX_SCREENSHOT_HEIGHT)}
    )
    page.wait_for_timeout(400)  # charts re-lay themselves out to the new size
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path))
    page.set_viewport_size(viewport)
    return path


def go_to(page: Page, page_id: str) -> None:
    """Click the page's link in the sidebar and wait for its run to finish."""
    spec = next(s for s in PAGES if s.page_id == page_id)
    page.get_by_test_id("stSidebarNav").get_by_text(spec.title("sv"), exact=True).click()
    wait_for_app(page)
    # As long as any run may take: on a loaded machine the new page can start late.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        spec.title("sv"), timeout=APP_TIMEOUT_MS
    )


def lock_first_pair(page: Page, lock_column: int = LOCK_COLUMN) -> None:
    """Tick the lock box of the plan's first row, as a coordinator would with the keyboard:
    the editor is a canvas, so the first cell is clicked and the cursor moved ``lock_column``
    cells right to the box (one fewer for a cohort without names: no Adept column)."""
    # The plan editor is the grid with the lock column: a page may show other tables above it
    # (a binding cohort's missed targets).
    locked = t("matching.plan.locked", "sv")
    grid = page.get_by_test_id("stDataFrame").filter(has_text=locked).first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    header, row = 35, 35
    page.mouse.click(box["x"] + 20, box["y"] + header + row / 2)
    for _ in range(lock_column):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    wait_for_app(page)


def lock_first_pair_and_save(page: Page, lock_column: int = LOCK_COLUMN) -> None:
    """Tick the first row's lock (:func:`lock_first_pair`) until the save button counts one
    change, then press it."""
    save = page.get_by_role("button", name=re.compile(r"Spara ändringar \(1\)"))
    # The tick reaches the server through the canvas grid's debounced edit; on a loaded machine
    # that takes longer than expect's default 5 s. The grid is a canvas: under load (CI, the
    # whole suite) the click has landed on a score cell instead, so the gesture is tried again
    # from the start (Escape leaves the cell) before the test gives up.
    for attempt in range(3):
        lock_first_pair(page, lock_column)
        try:
            expect(save).to_be_enabled(timeout=APP_TIMEOUT_MS if attempt == 2 else 10_000)
            break
        except AssertionError:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            wait_for_app(page)
    save.click()


def test_coordinator_matches_locks_resolves_and_exports(visit, tmp_path):
    """The demo opens, matching proves its plan, a lock survives re-solving, the XLSX holds it."""
    page = visit()
    expect(page.get_by_role("heading", name=re.compile("^Demoprogram"))).to_be_visible()
    expect_no_error_on_screen(page)
    full_screenshot(page, "flow-01-overview")

    go_to(page, "matching")
    page.get_by_role("button", name=t("matching.run", "sv"), exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text("Bevisat bästa möjliga plan")).to_be_visible()
    expect_no_error_on_screen(page)

    lock_first_pair_and_save(page)
    wait_for_app(page)
    expect(page.get_by_text(t("matching.edit.accepted", "sv", count=1))).to_be_visible()
    expect(page.get_by_text(t("matching.resolve.help", "sv", locks=1, forbids=0))).to_be_visible()
    full_screenshot(page, "flow-02-matching-locked")

    page.get_by_role("button", name=t("matching.resolve.run", "sv"), exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text("Bevisat bästa möjliga plan")).to_be_visible()
    expect(page.get_by_text(t("matching.diff.heading", "sv"))).to_be_visible()
    expect(page.get_by_text(t("matching.resolve.help", "sv", locks=1, forbids=0))).to_be_visible()
    expect_no_error_on_screen(page)
    full_screenshot(page, "flow-03-matching-resolved")

    go_to(page, "export")
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as download_info:
        page.get_by_role("button", name=t("export.plan.xlsx", "sv")).click()
    path = tmp_path / "plan.xlsx"
    download_info.value.save_as(path)
    pairs = pl.read_excel(path, sheet_name="Par")
    unmatched = pl.read_excel(path, sheet_name="Ej matchade")
    assert {"Adept-ID", "Adept", "Mentor-ID", "Mentor", "Poäng", "Låst"} <= set(pairs.columns)
    assert pairs.height >= 30 and pairs.height + unmatched.height == 40
    assert all(a.startswith("A") for a in pairs["Adept-ID"])
    assert all(m.startswith("M") for m in pairs["Mentor-ID"])
    assert pairs["Låst"].to_list().count("ja") == 1
    text_cells = [
        value
        for frame in (pairs, unmatched)
        for column in frame.columns
        if frame.schema[column] == pl.String
        for value in frame[column].drop_nulls()
    ]
    assert not [value for value in text_cells if value.startswith("=")]
    full_screenshot(page, "flow-04-export")

    for step, spec in enumerate(PAGES, start=5):
        go_to(page, spec.page_id)
        page.wait_for_timeout(300)  # charts draw after the run ends
        expect_no_error_on_screen(page)
        full_screenshot(page, f"flow-{step:02}-{spec.page_id}")
