"""Uploaded files are parsed in a child process with a memory and time limit (issue 9).

:mod:`smile_core.ingest.reading` refuses the hostile files it knows (workbooks that unpack or reach
too far, CSVs of blank lines) before any parser allocates. This module is the second wall, for what
nobody thought of: the parsing runs in a child process whose address space is capped with
``RLIMIT_AS``, so calamine asking for 512 GiB, a ``MemoryError``, a Rust abort or a parser that
never ends kills or stops the child, never the server, and the coordinator gets a message
naming the file. Only file contents go in and plain results come out (pickled); nothing is
logged.

Each child is a fresh interpreter (``python -c``), not a fork: it inherits none of the
dashboard's threads, locks or database connections, and sets its own limit before it imports
anything. Starting it and importing polars costs about half a second per check.
"""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from smile_core.ingest.mapping import ColumnMapping
from smile_core.ingest.participants import Programme
from smile_core.ingest.problems import Problem, Report
from smile_core.ingest.reading import DEFAULT_LIMITS, Limits, SourceFile, read_table
from smile_core.ingest.validation import LoadResult, load_programme
from smile_core.ingest.vocabulary import TABLES
from smile_core.outcomes.outcomes_reading import (
    EvaluationLoad,
    FollowupLoad,
    load_evaluations,
    load_followups,
)
from smile_core.text.messages import error, texts

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class ChildLimits:
    """What one parse may use: address space in bytes (``RLIMIT_AS``) and wall-clock seconds.

    The address space includes the ~0.4 GB that the interpreter, polars and fastexcel map
    before reading anything; 1 GiB leaves the parser about 0.6 GB, several times what a
    10 MB file of 50 000 rows needs. 8 seconds (a 50 000-row workbook takes about 5 on a busy
    machine) keeps a refusal, with the child's start and the search for the guilty file,
    within 10 seconds.
    """

    memory_bytes: int = 1 << 30
    seconds: float = 8.0


#: The limits used when none are given.
DEFAULT_CHILD_LIMITS = ChildLimits()


class _Failure(Exception):
    """The child did not answer: it ran out of memory, out of time, or crashed."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind  # "memory", "time" or "crash"


def load_programme_isolated(
    *,
    adepts: SourceFile | None = None,
    mentors: SourceFile | None = None,
    workplaces: SourceFile | None = None,
    workbook: SourceFile | None = None,
    column_mapping: Mapping[str, Mapping[str, str]] | None = None,
    mapping: ColumnMapping | None = None,
    limits: Limits = DEFAULT_LIMITS,
    child_limits: ChildLimits = DEFAULT_CHILD_LIMITS,
) -> LoadResult:
    """:func:`~smile_core.ingest.validation.load_programme` run in a limited child process.

    Same arguments and result (and the same ``ValueError`` for a workbook given with separate
    files); when the child fails, the result has no programme and an error naming the file
    that caused it (each file is then tried alone to find it, within
    the same time limit), saying whether memory or time ran out.
    """
    sources = {
        "adepts": adepts,
        "mentors": mentors,
        "workplaces": workplaces,
        "workbook": workbook,
    }
    if workbook is not None and any(f is not None for f in (adepts, mentors, workplaces)):
        raise ValueError("give either a workbook or separate files, not both")  # as in-process
    given = {role: source for role, source in sources.items() if source is not None}
    started = time.monotonic()
    try:
        return _run(
            load_programme,
            child_limits,
            column_mapping=column_mapping,
            mapping=mapping,
            limits=limits,
            **given,
        )
    except _Failure as failure:
        problems = _blame(list(given.values()), failure, limits, child_limits, started)
        return LoadResult(
            programme=None,
            report=Report(tuple(problems)),
            counts=dict.fromkeys(TABLES, 0),
            unknown_columns=dict.fromkeys(TABLES, ()),
        )


def load_followups_isolated(
    source: SourceFile,
    programme: Programme | None = None,
    *,
    programme_name: str | None = None,
    child_limits: ChildLimits = DEFAULT_CHILD_LIMITS,
) -> FollowupLoad:
    """:func:`~smile_core.outcomes.outcomes_reading.load_followups` run in a limited child
    process."""
    try:
        return _run(load_followups, child_limits, source, programme, programme_name=programme_name)
    except _Failure as failure:
        return FollowupLoad(None, Report((_refusal(source.name, failure, child_limits),)))


def load_evaluations_isolated(
    source: SourceFile,
    programme: Programme | None = None,
    *,
    programme_name: str | None = None,
    child_limits: ChildLimits = DEFAULT_CHILD_LIMITS,
) -> EvaluationLoad:
    """:func:`~smile_core.outcomes.outcomes_reading.load_evaluations` run in a limited child
    process."""
    try:
        return _run(
            load_evaluations, child_limits, source, programme, programme_name=programme_name
        )
    except _Failure as failure:
        return EvaluationLoad(None, Report((_refusal(source.name, failure, child_limits),)))


def run_isolated(
    function: Callable[..., _T], child_limits: ChildLimits, /, *args: Any, **kwargs: Any
) -> _T | None:
    """``function(*args, **kwargs)`` in a limited child; ``None`` when the child failed.

    ``function`` must be importable by name (a module-level function) and its arguments and
    result picklable.
    """
    try:
        return _run(function, child_limits, *args, **kwargs)
    except _Failure:
        return None


# --------------------------------------------------------------------------- the child


def _run(
    function: Callable[..., _T], child_limits: ChildLimits, /, *args: Any, **kwargs: Any
) -> _T:
    """Run the call in a fresh child and return its result; :class:`_Failure` otherwise.

    The call goes to the child's standard input and the answer comes back on its standard
    output, both pickled. The child's standard error is thrown away unread: a parser's
    message can quote cell values, and nothing of an upload is logged.
    """
    call = pickle.dumps((function.__module__, function.__qualname__, args, kwargs))
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from smile_core.ingest.isolated_child import main; main()",
            str(child_limits.memory_bytes),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        # The child imports the very smile_core this process runs (a checkout, a worktree).
        env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, sys.path))},
    )
    try:
        answer, _ = child.communicate(call, timeout=child_limits.seconds)
    except subprocess.TimeoutExpired as exc:
        child.kill()
        child.communicate()
        raise _Failure("time") from exc
    if child.returncode != 0 or not answer:
        # Rust aborts when an allocation fails (calamine asking for 512 GiB under the limit).
        ran_out = -child.returncode in (signal.SIGABRT, signal.SIGKILL)
        raise _Failure("memory" if ran_out else "crash")
    try:  # the child's own pickle of SMILE's own types; a cut-off answer is a crash
        status, result = pickle.loads(answer)
    except Exception as exc:
        raise _Failure("crash") from exc
    if status != "ok":
        raise _Failure(status)
    return result


# --------------------------------------------------------------------------- messages


def _blame(
    sources: Sequence[SourceFile],
    failure: _Failure,
    limits: Limits,
    child_limits: ChildLimits,
    started: float,
) -> list[Problem]:
    """A refusal for each file that fails when read alone; every file when none does alone.

    Reading alone runs in its own child with what is left of the time limit, so finding the
    file never doubles the wait.
    """
    if len(sources) == 1:
        return [_refusal(sources[0].name, failure, child_limits)]
    guilty: list[Problem] = []
    for source in sources:
        left = child_limits.seconds - (time.monotonic() - started)
        if left <= 0:
            break
        try:
            _run(read_table, ChildLimits(child_limits.memory_bytes, left), source, limits)
        except _Failure as alone:
            guilty.append(_refusal(source.name, alone, child_limits))
    return guilty or [_refusal(source.name, failure, child_limits) for source in sources]


def _refusal(name: str, failure: _Failure, child_limits: ChildLimits) -> Problem:
    if failure.kind == "time":
        seconds = float(child_limits.seconds)
        return error(name, *texts("reader.isolation.too_slow", seconds=seconds))
    if failure.kind == "memory":
        gigabytes = round(child_limits.memory_bytes / (1 << 30), 1)
        return error(name, *texts("reader.isolation.too_big", gigabytes=gigabytes))
    return error(name, *texts("reader.isolation.unreadable"))
