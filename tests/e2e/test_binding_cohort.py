"""Issue 8 in a real browser: a coordinator uploads the foundry cohort where the equality rules
bind (40 adepts, few women mentors, women who want a woman mentor; soft wish, default rules),
matches, and is told the plan is proven best, with women's and men's figures on screen."""

import re

import polars as pl
import pytest
from e2e_support import (
    DOWNLOAD_TIMEOUT_MS,
    expect_no_error_on_screen,
    wait_for_app,
)
from playwright.sync_api import expect
from pypdf import PdfReader
from test_coordinator_flow import LOCK_COLUMN, go_to, lock_first_pair_and_save
from test_own_runs import upload_and_match
from test_reload import key_figures

from smile_core.text import t

pytestmark = pytest.mark.e2e


def _upload_and_match(page, folder, adepts: int) -> None:
    """Write binding_programme(adepts, 1) as a coordinator's three CSV files, upload, match."""
    from bench.reading import participant_files
    from smile_core.demo.synthetic import binding_programme

    files = participant_files(binding_programme(adepts, 1))
    for table in ("adepts", "mentors", "workplaces"):
        (folder / f"{table}.csv").write_bytes(files[table].data)
    upload_and_match(page, folder)


def _proven_with(page, *, women: str, men: str) -> dict[str, str]:
    """The banner says proven best, no warning is shown, and the women's and men's matched
    figures read as given; returns the key figures."""
    proven = t("matching.banner.optimal", "sv", seconds="0").split("(")[0].strip()
    expect(page.get_by_test_id("stAlertContentSuccess").first).to_contain_text(proven)
    expect(page.get_by_test_id("stAlertContentWarning")).to_have_count(0)
    figures = key_figures(page)
    assert figures[t("matching.figures.woman", "sv")] == women
    assert figures[t("matching.figures.man", "sv")] == men
    return figures


def _an_allowed_move_with_room() -> tuple[str, str]:
    """In the 200-adept hard-wish plan: an adept on the editor's first page and another mentor
    who is allowed for them and has room (the page shows the same plan: the seed is fixed)."""
    from smile_core.demo.synthetic import binding_programme
    from smile_core.matching.plan_table import candidates_for
    from smile_core.matching.scoring import score_pairs
    from smile_core.matching.settings import MatchSettings
    from smile_core.matching.solver import solve

    programme = binding_programme(200, 1)
    settings = MatchSettings(gender_preference_hard=True)
    scores = score_pairs(programme, settings)
    plan = solve(programme, settings, scores=scores).plan
    for pair in sorted(plan.pairs, key=lambda p: p.adept_id)[:40]:
        options = candidates_for(scores, programme, pair.adept_id, plan)
        roomy = options.filter(pl.col("has_room") & ~pl.col("current"))
        allowed = roomy.join(scores.filter("allowed"), on="mentor_id", how="semi")
        if allowed.height:
            return pair.adept_id, allowed["mentor_id"][0]
    raise AssertionError("no allowed mentor with room on the first page")


def _match_200_with_the_hard_wish(page, folder) -> None:
    """Upload the 200-adept cohort, make the wish a requirement, match: proven best, 54 of 100
    women and 100 of 100 men matched."""
    _upload_and_match(page, folder, 200)
    _click_in_settings(page, "radio", "matching.settings.gender_preference.hard")
    page.get_by_role("button", name=t("matching.run", "sv"), exact=True).click()
    wait_for_app(page)
    _proven_with(page, women="54 av 100", men="100 av 100")


def test_a_binding_cohort_is_matched_and_proven_best_in_the_browser(visit, tmp_path, screenshot):
    """The 40-adept soft-wish cohort: the banner says proven best (no gap), 14 of 20 women and
    15 of 20 men matched, total 2 052,49 points (the best-score plan at those counts: the
    10-point quality target is missed, as no plan keeps it without lowering the men)."""
    page = visit()
    _upload_and_match(page, tmp_path, 40)
    figures = _proven_with(page, women="14 av 20", men="15 av 20")
    assert re.sub(r"\s", "", figures[t("matching.figures.total_score", "sv")]) == "2052,49"
    screenshot("binding-cohort-proven")


def test_a_hard_wish_cohorts_missed_target_is_not_called_a_broken_rule(visit, tmp_path, screenshot):
    """200 adepts, the wish a requirement: proven best, every rule kept, the target missed."""
    # Only 54 of the 100 women can have a woman mentor: the match-rate target cannot be met.
    # The page used to say "the plan breaks 1 rules, match again to put it right" beside the
    # proven-best banner; matching again changes nothing.
    page = visit()
    _match_200_with_the_hard_wish(page, tmp_path)
    captions = page.get_by_test_id("stCaptionContainer")
    expect(captions.filter(has_text=t("matching.check.ok", "sv"))).to_have_count(1)
    missed = t("matching.check.targets_missed", "sv", count=1).split(".")[0]
    expect(captions.filter(has_text=missed)).to_have_count(1)
    screenshot("binding-cohort-hard-wish")


def test_a_lock_on_a_binding_plan_is_saved_without_warning_of_the_target_it_already_missed(
    visit, tmp_path, screenshot
):
    """200 adepts, hard wish: a lock keeps the plan, so its missed target is said, not warned."""
    page = visit()
    _match_200_with_the_hard_wish(page, tmp_path)
    # The cohort's files carry ids only, so the editor has no Adept column.
    lock_first_pair_and_save(page, LOCK_COLUMN - 1)
    wait_for_app(page)
    saved = page.get_by_test_id("stAlertContentSuccess").filter(
        has_text=t("matching.edit.accepted", "sv", count=1)
    )
    expect(saved).to_contain_text(t("matching.edit.targets_as_before", "sv", count=1))
    expect(page.get_by_test_id("stAlertContentWarning")).to_have_count(0)
    saved.scroll_into_view_if_needed()
    screenshot("binding-cohort-lock-saved")


def test_a_plan_changed_by_hand_is_not_called_proven_best_even_after_a_reload(
    visit, tmp_path, screenshot
):
    """A mentor changed with "Byt mentor": the banner says changed by hand, also after reload."""
    # The reviewer's finding: the edited plan was still "proven best", and was saved so.
    page = visit()
    _match_200_with_the_hard_wish(page, tmp_path)
    # The solver's own banner (the edited one quotes its verdict, in a warning).
    proven = page.get_by_test_id("stAlertContentSuccess").filter(
        has_text=t("matching.banner.optimal", "sv", seconds="0").split("(")[0].strip()
    )
    adept, mentor = _an_allowed_move_with_room()
    page.get_by_text(t("matching.change.heading", "sv")).click()
    for label, value in (("matching.change.adept", adept), ("matching.change.mentor", mentor)):
        box = page.get_by_test_id("stSelectbox").filter(has_text=t(label, "sv"))
        # A click while the expander still opens only focuses the box: click until it lists.
        for _ in range(5):
            box.get_by_role("combobox").click()
            if page.get_by_role("listbox").count():
                break
            page.wait_for_timeout(300)
        page.keyboard.type(value)
        # "Name (id)", or the id alone (these files have no names), then maybe " · score".
        exact = re.compile(rf"(^|\(){re.escape(value)}(\)|$| ·)")
        page.get_by_role("option").filter(has_text=exact).first.click()
        wait_for_app(page)
    page.get_by_role("button", name=t("matching.change.run", "sv"), exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text(t("matching.edit.accepted", "sv", count=1))).to_be_visible()
    changed = t("matching.banner.edited", "sv", count=1, solver="").split(",")[0]
    banner = page.get_by_test_id("stAlertContentWarning").filter(has_text=changed)
    expect(banner).to_be_visible()
    expect(proven).to_have_count(0)
    banner.scroll_into_view_if_needed()
    screenshot("hand-edited-banner")

    # The meeting pack prints the same status (the Export page once passed it no result at
    # all, and the download failed without a word).
    go_to(page, "export")
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as download:
        page.get_by_role("button", name=t("export.meeting.download", "sv")).click()
    pdf = PdfReader(download.value.path())
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    solver = t("meeting.status.optimal", "sv")
    assert t("meeting.status.edited", "sv", count=1, solver=solver) in text

    page.reload()
    wait_for_app(page)
    expect_no_error_on_screen(page)
    go_to(page, "matching")
    expect(page.get_by_test_id("stAlertContentWarning").filter(has_text=changed)).to_be_visible()
    expect(proven).to_have_count(0)


def test_the_workplace_mix_keeps_everyone_matched_and_says_what_it_costs(
    visit, tmp_path, screenshot
):
    """The 200-adept hard-wish plan with the mix switched on: still 54 and 100 matched, the gap
    shown honestly, no note of a missed mix; strict, the same (it was 0 and 2 in 3 s)."""
    page = visit()
    _match_200_with_the_hard_wish(page, tmp_path)
    _click_in_settings(page, "checkbox", "matching.settings.workplace_mix")
    limit = page.get_by_role("spinbutton", name=t("matching.settings.time_limit", "sv"))
    limit.fill("3")
    _match_again_as_many(page)
    # Proven or not, the banner says which; the mix itself is met (no note naming workplaces).
    banner = page.get_by_test_id("stAlert").first.inner_text().strip()
    proven = t("matching.banner.optimal", "sv", seconds="0").split("(")[0].strip()
    within = t("matching.banner.feasible", "sv", gap="GAP", seconds="0").split("GAP")[0].strip()
    assert proven in banner or within in banner, banner
    mix_note = t("note.mix_target", "sv", count=2, share=0.25, places=(), missing=0)[:30]
    expect(page.get_by_text(mix_note)).to_have_count(0)
    screenshot("workplace-mix-target")
    _click_in_settings(page, "checkbox", "matching.settings.workplace_mix_strict")
    # The share can be met by placing people: the strict rule costs nobody a mentor here.
    _match_again_as_many(page)
    # (The exact and the "up to" wording both start so.)
    cost = t("note.strict_cost_named", "sv", rules="R", count=2, group="män", one="man")
    cost = cost.split("(")[0]
    expect(page.get_by_text(cost)).to_have_count(0)
    screenshot("workplace-mix-strict")


def _open_settings(page) -> None:
    """Open the Matching page's settings (folded away once a plan is shown)."""
    heading = t("matching.settings.heading", "sv")
    form = page.get_by_text(t("matching.settings.workplace_mix", "sv"), exact=True)
    if not form.is_visible():
        page.get_by_test_id("stExpander").filter(has_text=heading).locator("summary").click()
    expect(form).to_be_visible()


def _click_in_settings(page, role: str, key: str) -> None:
    """Open the settings (folded away once a plan is shown) and check the ``role`` ("radio" or
    "checkbox") labelled by catalogue ``key``; returns once the box shows checked."""
    _open_settings(page)
    label = t(key, "sv")
    choice = page.get_by_role(role, name=label, exact=True)
    # A click while the expander still unfolds can be lost: then "Matcha" sent the old
    # setting (CI once matched the soft wish's 79 women for the hard wish's 54). Click the
    # label until the box itself says it is checked.
    for _ in range(4):
        page.get_by_text(label, exact=True).click()
        try:
            expect(choice).to_be_checked(timeout=2_000)
            return
        except AssertionError:
            continue
    expect(choice).to_be_checked()


def _match_again_as_many(page) -> None:
    """Press Matcha: no error, and still 54 of 100 women and 100 of 100 men matched."""
    page.get_by_role("button", name=t("matching.run", "sv"), exact=True).click()
    wait_for_app(page)
    expect_no_error_on_screen(page)
    figures = key_figures(page)
    assert figures[t("matching.figures.woman", "sv")] == "54 av 100"
    assert figures[t("matching.figures.man", "sv")] == "100 av 100"
