"""Concurrent writers (threads sharing an engine, and separate processes) lose nothing."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from smile_core.matching.plan import MatchResult
from smile_core.matching.settings import MatchSettings
from smile_core.store import Repository

from .conftest import Cohort

WRITER = Path(__file__).with_name("concurrent_writer.py")
RUNS_EACH = 15


def _stored(repo: Repository, cohort_id: int) -> dict[str, list[int]]:
    """Run ids per author, each run checked to hold its full plan and exactly one edit."""
    by_author: dict[str, list[int]] = {}
    for run in repo.list_runs(cohort_id):
        assert len(repo.load_run(run.id).plan.pairs) == run.matched > 0
        assert len(repo.list_edits(run.id)) == 1
        by_author.setdefault(run.created_by, []).append(run.id)
    return by_author


def _writer_command(database_url: str, cohort_id: int, tag: str, go_file: Path) -> list[str]:
    arguments = [database_url, str(cohort_id), str(RUNS_EACH), tag, str(go_file)]
    return [sys.executable, str(WRITER), *arguments]


def test_two_threads_writing_at_once_lose_nothing(
    repo: Repository, cohort: Cohort, settings: MatchSettings, solved: MatchResult
) -> None:
    """Two threads each saving runs and edits at the same time: every write is kept."""
    start = threading.Barrier(2)
    saved: dict[str, list[int]] = {}
    errors: list[BaseException] = []

    def write(tag: str) -> None:
        try:
            start.wait()
            ids = []
            for i in range(RUNS_EACH):
                run_id = repo.save_run(cohort.cohort_id, settings, solved, i, tag)
                repo.record_edit(run_id, tag, f"edit {i}", "concurrency test")
                ids.append(run_id)
            saved[tag] = ids
        except BaseException as error:  # reported to the test below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(tag,)) for tag in ("one", "two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert _stored(repo, cohort.cohort_id) == saved
    assert len(saved["one"]) == len(saved["two"]) == RUNS_EACH


def test_two_processes_writing_at_once_lose_nothing(
    database_url: str, repo: Repository, cohort: Cohort, tmp_path: Path
) -> None:
    """Two processes each saving runs and edits at the same time: every write is kept."""
    go_file = tmp_path / "go"
    writers = [
        subprocess.Popen(
            _writer_command(database_url, cohort.cohort_id, tag, go_file),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("one", "two")
    ]
    for writer in writers:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
    go_file.touch()
    saved = {}
    for tag, writer in zip(("one", "two"), writers, strict=True):
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        saved[tag] = [int(i) for i in out.split()]
    assert _stored(repo, cohort.cohort_id) == saved
    assert len(saved["one"]) == len(saved["two"]) == RUNS_EACH
