"""Issue 9 in a real browser: hostile uploads are refused, the server stays up for everyone,
and no page asks anything of another server (no web fonts, scripts or images from outside).

Two sessions at once: one uploads each hostile workbook, the other must still be connected and
working afterwards. Every request either browser makes is recorded; all must go to the app.
"""

import sys
from urllib.parse import urlsplit

import pytest
from e2e_support import REPO_ROOT, wait_for_app
from playwright.sync_api import Browser, expect
from test_coordinator_flow import go_to

from smile_core.text import t

sys.path.insert(0, str(REPO_ROOT / "tests" / "smile_core"))
from hostile_files import far_cell_workbook, understated_zip

pytestmark = pytest.mark.e2e


def test_hostile_workbooks_are_refused_and_the_other_session_stays_connected(
    browser: Browser, app_url: str, tmp_path
):
    """Each hostile workbook gets an error in its session; the other session still works."""
    app_host = urlsplit(app_url).netloc
    outside: list[str] = []

    def record(request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != app_host:
            outside.append(request.url)

    contexts = [browser.new_context(locale="sv-SE") for _ in range(2)]
    for context in contexts:
        context.on("request", record)
    uploader, bystander = (context.new_page() for context in contexts)
    for page in (uploader, bystander):
        page.goto(app_url)
        wait_for_app(page)

    go_to(uploader, "participants")
    uploader.get_by_text(t("participants.upload.layout.workbook", "sv")).click()
    wait_for_app(uploader)
    hostile = {
        "rutnat.xlsx": far_cell_workbook("cell"),
        "dimension.xlsx": far_cell_workbook("dimension"),
        "bomb.xlsx": understated_zip(8_500_000_000),
    }
    failed = t("participants.check.failed", "sv", errors=1)
    for name, data in hostile.items():
        path = tmp_path / name
        path.write_bytes(data)
        uploader.locator("input[type=file]").first.set_input_files(str(path))
        wait_for_app(uploader)
        uploader.get_by_role("button", name=t("participants.upload.check", "sv")).click()
        wait_for_app(uploader, timeout_ms=20_000)
        expect(uploader.get_by_test_id("stAlertContentError")).to_contain_text(failed)

    go_to(bystander, "matching")  # the server answered the other session all along
    expect(bystander.get_by_test_id("stException")).to_have_count(0)
    for context in contexts:
        context.close()
    assert outside == [], sorted(set(outside))


def test_a_national_size_programme_is_refused_with_its_sizes_and_the_other_session_stays(
    browser: Browser, app_url: str, tmp_path
):
    """6,000 adepts and 4,200 mentors (25 million pairs, over the dashboard's 20 million): the
    check reports one error with the sizes and smile match; the other session still works."""
    from bench.reading import participant_files
    from smile_core.demo.synthetic import random_programme

    files = participant_files(random_programme(6000, 1))
    contexts = [browser.new_context(locale="sv-SE") for _ in range(2)]
    uploader, bystander = (context.new_page() for context in contexts)
    for page in (uploader, bystander):
        page.goto(app_url)
        wait_for_app(page)
    go_to(uploader, "participants")
    inputs = uploader.locator("input[type=file]")
    for index, table in enumerate(("adepts", "mentors", "workplaces")):
        path = tmp_path / files[table].name
        path.write_bytes(files[table].data)
        inputs.nth(index).set_input_files(str(path))
        wait_for_app(uploader)
    uploader.get_by_role("button", name=t("participants.upload.check", "sv")).click()
    wait_for_app(uploader, timeout_ms=60_000)
    failed = t("participants.check.failed", "sv", errors=1)
    expect(uploader.get_by_test_id("stAlertContentError")).to_contain_text(failed)
    # The report names the sizes and the way on, in the coordinator's language.
    expect(uploader.get_by_test_id("stDataFrame").first).to_be_visible()
    uploader.screenshot(path=str(tmp_path / "refused.png"), full_page=True)
    go_to(bystander, "matching")
    expect(bystander.get_by_test_id("stException")).to_have_count(0)
    for context in contexts:
        context.close()
