"""End-to-end fixtures: a real ``streamlit run app.py`` and Debian's headless Chromium.

Use in a test module marked ``pytestmark = pytest.mark.e2e``::

    def test_something(visit, screenshot):
        page = visit("matchning")            # opens /matchning and waits for the run to end
        page.get_by_role("button", name="Matcha").click()
        wait_for_app(page)                    # from e2e_support, after every interaction
        expect_no_error_on_screen(page)
        screenshot("matchning-after-run")     # artifacts/screenshots/matchning-after-run.png

``app_url`` is the server's base URL (one server for the whole session); ``page`` is a fresh
browser context and page per test (a new Streamlit session, Swedish locale, 1280x900);
``running_app(dir)`` starts a server of your own when a test needs a fresh one.
If Chromium is missing the tests fail, they are not skipped: install it with
``scripts/ensure-browser`` (``make test`` does).
"""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from e2e_support import (
    APP_TIMEOUT_MS,
    CHROMIUM_ARGS,
    CHROMIUM_PATH,
    SCREENSHOT_DIR,
    running_app,
    wait_for_app,
)
from playwright.sync_api import Browser, Page, sync_playwright


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of one dashboard server (``python -m smile_ui.serve``) for the session."""
    with running_app(tmp_path_factory.mktemp("streamlit")) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, launched once for the session; fails if it is missing."""
    if not CHROMIUM_PATH.exists():
        pytest.fail(
            f"The end-to-end tests need Chromium at {CHROMIUM_PATH}. Install it with "
            "'bash scripts/ensure-browser' (or 'apt-get install chromium'); "
            "do not run 'playwright install'.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context and page: a new Streamlit session, Swedish locale."""
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(APP_TIMEOUT_MS)
    new_page = context.new_page()
    yield new_page
    context.close()


@pytest.fixture
def visit(page: Page, app_url: str) -> Callable[..., Page]:
    """A function that opens a URL path of the app (``""`` for the start page) and waits."""

    def _visit(url_path: str = "", query: str = "") -> Page:
        page.goto(f"{app_url}/{url_path}" + (f"?{query}" if query else ""))
        wait_for_app(page)
        return page

    return _visit


@pytest.fixture
def screenshot(page: Page) -> Callable[[str], Path]:
    """A function that saves a full-page screenshot to artifacts/screenshots/<name>.png."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)

    def _screenshot(name: str) -> Path:
        path = SCREENSHOT_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _screenshot
