"""Helpers for the end-to-end suite (imported by tests/e2e/conftest.py and the tests).

The browser is Debian's Chromium at :data:`CHROMIUM_PATH`, driven by Playwright's Python
client. Never run ``playwright install``: its browser download does not work on our machines;
``scripts/ensure-browser`` (run by ``make test``) installs Chromium with apt instead.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from smile_core.text import t

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "artifacts" / "screenshots"
CHROMIUM_PATH = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SERVER_START_TIMEOUT_SECONDS = 60
# Generous for a cold server on a slow CI machine; a healthy run takes a second or two.
APP_TIMEOUT_MS = 30_000
#: A download waits longer: the export is built on demand, and in the two-worker suite another
#: worker's app and Chromium share the cores (a 30 s wait failed once, test_reload).
DOWNLOAD_TIMEOUT_MS = 90_000

# smile_ui sits next to app.py and is not an installed package (see tests/ui/apptest_support).
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


#: How long the script must stay finished before a wait ends: a click's rerun starts within
#: it, and so does the run after an ``st.rerun()`` (the state reads "notRunning" for about
#: 0.1–0.2 s between the two runs, measured in Chromium).
QUIET_MS = 300

# True once the script has been "notRunning" for QUIET_MS without a break, judged from polls
# every 50 ms in the page (window.__smileQuietSince is reset by each wait).
_QUIET_SCRIPT = """quiet => {
    const app = document.querySelector("[data-testid='stApp']");
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') {
        window.__smileQuietSince = null;
        return false;
    }
    if (window.__smileQuietSince == null) window.__smileQuietSince = performance.now();
    return performance.now() - window.__smileQuietSince >= quiet;
}"""


def wait_for_app(page: Page, timeout_ms: int = APP_TIMEOUT_MS) -> None:
    """Wait until the app is connected, its script run has finished and stayed finished for
    :data:`QUIET_MS`, and nothing is loading or animating.

    Call after every ``goto`` and after every interaction that reruns the script.
    """
    app = "[data-testid='stApp']"
    page.wait_for_selector(
        f"{app}[data-test-connection-state='CONNECTED']", state="attached", timeout=timeout_ms
    )
    page.evaluate("() => { window.__smileQuietSince = null; }")
    page.wait_for_function(_QUIET_SCRIPT, arg=QUIET_MS, polling=50, timeout=timeout_ms)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=timeout_ms)
    # An expander the run opened or folded animates for half a second after the run: a click
    # into it meanwhile can land on content that is about to fold away.
    page.wait_for_function(
        "() => [...document.querySelectorAll('details')].every(d => !d.getAnimations().length)",
        timeout=timeout_ms,
    )


def choose_demo(page: Page, title_sv: str) -> None:
    """Pick the demo programme titled ``title_sv`` in the sidebar's programme box (Swedish UI)
    and wait for the rerun."""
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name=t("app.programme_demo", "sv", name=title_sv)).click()
    wait_for_app(page)


def expect_no_error_on_screen(page: Page) -> None:
    """Fail if the page shows an exception box, an error message or "Page not found"."""
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    expect(page.get_by_text("Page not found")).to_have_count(0)


@contextmanager
def running_app(log_dir: Path) -> Iterator[str]:
    """Run the dashboard as ``make run`` does (``python -m smile_ui.serve``) from the repository
    root, storing into ``log_dir/smile.db``; yield its URL once healthy."""
    port = free_port()
    log_path = log_dir / "streamlit.log"
    command = [
        # The interpreter running the tests is the project's .venv python.
        sys.executable,
        "-m",
        "smile_ui.serve",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    # The server stores into a database of its own, never the developer's data/smile.db.
    env = {**os.environ, "SMILE_DATABASE_URL": f"sqlite:///{log_dir / 'smile.db'}"}
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            command, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT, env=env
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_health(url, server, log_path)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def _wait_for_health(url: str, server: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log = log_path.read_text(errors="replace")[-3000:]
            pytest.fail(f"streamlit exited with {server.returncode} on start:\n{log}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    log = log_path.read_text(errors="replace")[-3000:]
    pytest.fail(f"streamlit not healthy after {SERVER_START_TIMEOUT_SECONDS} s:\n{log}")
