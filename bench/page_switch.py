"""Dashboard benchmark (issue 4): how long a page switch takes with a 200-adept plan in session.

A generated programme of 200 adepts (``smile_core.synthetic.random_programme``) is put in the
session as the uploaded programme and matched once on the Matching page; then every page is
opened in turn, several rounds, each switch timed from the switch to the end of the script run
(``streamlit.testing.v1.AppTest``, the same code path as the server: ``app.py``, the session,
the page, its ``smile_core`` calls and charts). This is the server's side of a switch; the
browser then draws what it is sent. Target: every switch under 1 s.

Usage: ``python -m bench.page_switch [--adepts 200] [--rounds 5] [--seed 1]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from smile_core.i18n import t
from smile_core.problems import Report
from smile_core.synthetic import random_programme
from smile_core.validation import LoadResult
from smile_ui.navigation import PAGES
from smile_ui.session import UploadedProgramme

APP = Path(__file__).resolve().parents[1] / "app.py"
TARGET_SECONDS = 1.0


def matched_app(adepts: int, seed: int) -> AppTest:
    """The dashboard with a generated programme uploaded and matched (the solve not timed)."""
    programme = random_programme(adepts, seed=seed)
    counts = {"adepts": len(programme.adepts), "mentors": len(programme.mentors), "workplaces": 0}
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.session_state["uploaded_programme"] = UploadedProgramme(
        LoadResult(programme, Report(), counts, {})
    )
    at.session_state["active_programme"] = "uploaded"
    at.run()
    at.switch_page("pages/matching.py").run()
    next(b for b in at.button if b.label == t("matching.run", "sv")).click().run()
    _check(at, "matching (solve)")
    workspace = at.session_state["workspaces"]["uploaded"]
    print(
        f"programme: {len(programme.adepts)} adepts, {len(programme.mentors)} mentors, "
        f"{len(programme.workplaces)} workplaces; plan: {workspace.result.matched} pairs, "
        f"{workspace.result.status}"
    )
    return at


def _check(at: AppTest, what: str) -> None:
    if at.exception or at.error:
        shown = [e.value for e in [*at.exception, *at.error]]
        raise SystemExit(f"{what}: the page failed: {shown}")


def main(argv: list[str] | None = None) -> int:
    """Print per-page switch times (median and worst over the rounds); exit 1 over target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adepts", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    at = matched_app(args.adepts, args.seed)
    times: dict[str, list[float]] = {spec.page_id: [] for spec in PAGES}
    for _ in range(args.rounds):
        for spec in PAGES:
            started = time.perf_counter()
            at.switch_page(spec.path).run()
            times[spec.page_id].append(time.perf_counter() - started)
            _check(at, spec.page_id)
    print(f"{'page':<14}{'median s':>10}{'worst s':>10}")
    worst = 0.0
    for page_id, seconds in times.items():
        worst = max(worst, max(seconds))
        print(f"{page_id:<14}{statistics.median(seconds):>10.3f}{max(seconds):>10.3f}")
    verdict = "OK" if worst < TARGET_SECONDS else "OVER TARGET"
    print(f"worst switch {worst:.3f} s (target < {TARGET_SECONDS:.0f} s): {verdict}")
    return 0 if worst < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
