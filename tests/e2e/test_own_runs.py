"""Issue 9 in a real browser: a reopened old run shows its own participants, and a person
erased in one session never comes back through another."""

import re
from pathlib import Path

import polars as pl
import pytest
from e2e_support import APP_TIMEOUT_MS, REPO_ROOT, running_app, wait_for_app
from playwright.sync_api import Browser, Page, expect
from test_coordinator_flow import go_to
from test_reload import exported_pairs, key_figures

from smile_core.text import t

pytestmark = pytest.mark.e2e

TINY = REPO_ROOT / "tests" / "data" / "tiny_programme"
DEMO = REPO_ROOT / "data" / "demo" / "vocational"
MATCHED = t("matching.figures.matched", "sv")


def upload_and_match(page: Page, folder: Path) -> str:
    """Upload the folder's three files, match, and return the run's URL."""
    go_to(page, "participants")
    for index, table in enumerate(("adepts", "mentors", "workplaces")):
        page.locator("input[type=file]").nth(index).set_input_files(str(folder / f"{table}.csv"))
        wait_for_app(page)
    page.get_by_role("button", name=t("participants.upload.check", "sv")).click()
    wait_for_app(page)
    go_to(page, "matching")
    page.get_by_role("button", name=t("matching.run", "sv"), exact=True).click()
    wait_for_app(page)
    assert re.search(r"[?&]run=\d+", page.url), page.url
    return page.url


def test_a_reopened_old_run_shows_its_own_participants(visit, tmp_path):
    """File A matched, file B matched, A's link again: A's people, counts and export rows."""
    page = visit()
    first = upload_and_match(page, TINY)
    first_figures = key_figures(page)
    assert first_figures[MATCHED].endswith("av 4")
    upload_and_match(page, DEMO)
    assert key_figures(page)[MATCHED].endswith("av 40")

    page.goto(first)
    wait_for_app(page)
    go_to(page, "matching")
    assert key_figures(page) == first_figures
    pairs = exported_pairs(page, tmp_path / "first.xlsx")
    unmatched = pl.read_excel(tmp_path / "first.xlsx", sheet_name="Ej matchade")
    adepts = set(pairs["Adept-ID"]) | set(unmatched["Adept-ID"])
    assert adepts == {"A01", "A02", "A03", "A04"}


def _open(browser: Browser, url: str) -> Page:
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(APP_TIMEOUT_MS)
    page = context.new_page()
    page.goto(url)
    wait_for_app(page)
    return page


def test_an_erased_person_never_comes_back(browser: Browser, tmp_path):
    """One session erases A01; the other, with the same run open, cannot save them back."""
    # A server of its own: the Privacy page's first programme and cohort are then this run's.
    with running_app(tmp_path) as url:
        eraser = _open(browser, url)  # the start page first: see the app_url fixture
        go_to(eraser, "matching")
        eraser.get_by_role("button", name=t("matching.run", "sv"), exact=True).click()
        wait_for_app(eraser)
        holder = _open(browser, eraser.url)  # the same run, in another browser
        go_to(holder, "matching")

        go_to(eraser, "privacy")
        erased = "A01"  # the erase form's first adept of the only stored cohort
        expect(eraser.get_by_role("combobox", name=t("field.id", "sv")).first).to_have_value(erased)
        eraser.get_by_text(t("privacy.erase.confirm", "sv")).click()
        wait_for_app(eraser)
        eraser.get_by_role("button", name=t("privacy.erase.run", "sv")).click()
        wait_for_app(eraser)
        expect(eraser.get_by_test_id("stAlertContentSuccess")).to_have_count(1)

        # Matched again from the settings (folded away while a plan is on screen).
        holder.get_by_text(t("matching.settings.heading", "sv"), exact=True).click()
        holder.get_by_role("button", name=t("matching.run", "sv"), exact=True).click()
        wait_for_app(holder)
        expect(holder.get_by_text("Resultatet sparades inte").last).to_be_visible()
        expect(holder.get_by_text(t("store.erased_demo", "sv"))).to_be_visible()

        holder.reload()
        wait_for_app(holder)
        pairs = exported_pairs(holder, tmp_path / "after.xlsx")
        assert erased not in set(pairs["Adept-ID"])
