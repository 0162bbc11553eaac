"""A second process writing to the store at the same time as another (for test_concurrency).

Usage: python concurrent_writer.py URL COHORT_ID RUN_COUNT TAG GO_FILE
Prints "ready" once set up, waits until GO_FILE exists, then saves RUN_COUNT runs, each with
one edit, and prints the run ids it saved.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from smile_core.matching.plan import MatchResult, Pair, Plan, Status
from smile_core.matching.settings import MatchSettings
from smile_core.store import Repository, create_engine


def _plan_result(repo: Repository, cohort_id: int) -> MatchResult:
    """A plan pairing adepts with mentors in turn (the solver is not what is tested here)."""
    programme = repo.load_participants(cohort_id)
    mentors = programme.mentors
    pairs = tuple(
        Pair(a.id, mentors[i % len(mentors)].id, score=50.0) for i, a in enumerate(programme.adepts)
    )
    return MatchResult(
        status=Status.FEASIBLE,
        plan=Plan(pairs),
        unmatched=(),
        total_score=50.0 * len(pairs),
        objective=50.0 * len(pairs),
        best_bound=50.0 * len(pairs),
        gap=0.0,
        solve_seconds=0.0,
        by_gender=(),
    )


def main(url: str, cohort_id: int, count: int, tag: str, go_file: Path) -> None:
    """Save ``count`` runs with an edit each, starting when ``go_file`` appears."""
    engine = create_engine(url)
    repo = Repository(engine)
    settings = MatchSettings()
    result = _plan_result(repo, cohort_id)
    print("ready", flush=True)
    deadline = time.monotonic() + 60
    while not go_file.exists():
        if time.monotonic() > deadline:
            raise SystemExit("no go signal")
        time.sleep(0.01)
    saved = []
    for i in range(count):
        run_id = repo.save_run(cohort_id, settings, result, i, tag)
        repo.record_edit(run_id, tag, f"edit {i}", "concurrency test")
        saved.append(run_id)
    print(" ".join(map(str, saved)), flush=True)
    engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], Path(sys.argv[5]))
