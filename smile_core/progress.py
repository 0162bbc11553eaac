"""Progress of a long step: stage marks, phases with bars, and a job that runs in a thread.

The engine reports a stage when it *ends* (``progress(stage, seconds)``, see
:func:`smile_core.matching.solver.solve`). This module turns those marks into what a person reads:

- :func:`stage_line` — one line per stage, Swedish or English (the CLI prints it on standard
  error);
- :func:`phase_bars` — one bar per phase of a solve (scoring, flow, CP-SAT search, checks):
  a finished phase is full, the phase running shows the share of its time budget used (the
  search: of the time limit), never a completion it cannot know;
- :class:`Job` — runs a piece of work in a daemon thread with a progress log and a cancel
  event, for a caller (the dashboard) that must not block on it; :func:`while_running` runs
  one step that way while the caller ticks a live line.

Nothing here imports Streamlit: the dashboard draws what this module computes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from smile_core.text import number, t

#: The phases of a solve, in order, as the dashboard draws them.
PHASES: tuple[str, ...] = ("scoring", "flow", "search", "check")

#: The phase a reported stage ends (stages not listed end no phase).
_PHASE_OF: dict[str, str] = {
    "scored": "scoring",
    "relaxation": "flow",
    "leximin flow": "flow",
    "warm start": "flow",
    "gap witness": "flow",
    "worst-off flow": "flow",
    "strict counts flow": "flow",
    "cp-sat on the fixed pairs": "search",
    "cp-sat": "search",
    "cp-sat check": "search",
    "done": "check",
}

#: Stages with a line of their own in the catalogue (``progress.stage.<name>``).
_NAMED = (*_PHASE_OF, "read", "validated", "readiness", "point", "pdf")


def stage_line(stage: str, seconds: float, lang: str) -> str:
    """The line for a reported stage, e.g. "Every pair scored (0.4 s)"; a stage the catalogue
    does not name reads as "Working (… s)"."""
    name = stage.replace(" ", "_").replace("-", "_") if stage in _NAMED else "other"
    return t(f"progress.stage.{name}", lang, seconds=_seconds(seconds, lang))


def _seconds(seconds: float, lang: str) -> str:
    return number(seconds, lang, 1)


@dataclass(frozen=True)
class Bar:
    """One phase's bar: ``fraction`` in [0, 1], ``state`` "done", "running" or "waiting",
    and the seconds the phase took (done) or has taken so far (running)."""

    phase: str
    fraction: float
    state: str
    seconds: float


def phase_bars(
    marks: list[tuple[str, float]], elapsed: float, search_seconds: float
) -> tuple[Bar, ...]:
    """The bars of a solve from its stage ``marks`` (stage, seconds since the start), ``elapsed``
    seconds after its start, with ``search_seconds`` the CP-SAT time limit.

    Every phase up to the last one a mark ended is done; the next one is running. A running
    search shows the share of the time limit used (capped below full: it may end any time);
    other running phases show an empty bar with their seconds, as their length is unknown.
    """
    ended = [PHASES.index(_PHASE_OF[s]) for s, _ in marks if s in _PHASE_OF]
    last = max(ended, default=-1)
    ends = {p: 0.0 for p in PHASES}
    for stage, seconds in marks:
        if stage in _PHASE_OF:
            ends[_PHASE_OF[stage]] = max(ends[_PHASE_OF[stage]], seconds)
    bars = []
    start = 0.0
    for i, phase in enumerate(PHASES):
        if i <= last:
            end = max(ends[phase], start)
            bars.append(Bar(phase, 1.0, "done", end - start))
            start = end
        elif i == last + 1:
            running = max(elapsed - start, 0.0)
            fraction = 0.0
            if phase == "search" and search_seconds > 0:
                fraction = min(running / search_seconds, 0.95)
            bars.append(Bar(phase, fraction, "running", running))
        else:
            bars.append(Bar(phase, 0.0, "waiting", 0.0))
    return tuple(bars)


def while_running(
    step: Callable[[], Any], tick: Callable[[float], None], every: float = 0.25
) -> Any:
    """Run ``step()`` in a worker thread and call ``tick(seconds so far)`` in *this* thread
    every ``every`` seconds until it ends; return its value or raise its error here.

    For a step that reports no stages of its own (a file parsed in a child process): the
    caller's thread stays free to draw a live line (Streamlit allows that only in the script
    thread).
    """
    job = Job(lambda _progress, _cancel: step())
    while not job.wait(every):
        tick(job.elapsed)
    if job.error is not None:
        raise job.error
    return job.result


Work = Callable[[Callable[[str, float], None], threading.Event], Any]


class Job:
    """``work(progress, cancel)`` run in a daemon thread, with its stage marks, a cancel event,
    and its result or error once :attr:`done`.

    Only the worker writes ``marks``, ``result`` and ``error``; readers take a copy of
    ``marks`` (:meth:`snapshot`). ``meta`` holds what the starter needs to finish the job
    (picklable values). A pickled job (Streamlit checks that session state pickles) keeps
    its marks, result and meta but is detached: no thread, not cancellable, done.
    """

    def __init__(self, work: Work, *, meta: dict[str, Any] | None = None) -> None:
        self.meta: dict[str, Any] = dict(meta or {})
        self.marks: list[tuple[str, float]] = []
        self.result: Any = None
        self.error: BaseException | None = None
        self.cancel = threading.Event()
        self.started = time.perf_counter()
        self._finished = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = threading.Thread(
            target=self._run, args=(work,), name="smile-job", daemon=True
        )
        self._thread.start()

    def _run(self, work: Work) -> None:
        try:
            self.result = work(self._mark, self.cancel)
        except BaseException as error:  # the starter shows it; a thread cannot raise to it
            self.error = error
        finally:
            self._finished.set()

    def _mark(self, stage: str, seconds: float) -> None:
        with self._lock:
            self.marks.append((stage, seconds))

    def snapshot(self) -> list[tuple[str, float]]:
        """A copy of the stage marks so far."""
        with self._lock:
            return list(self.marks)

    @property
    def done(self) -> bool:
        """True once the work returned or raised."""
        return self._finished.is_set()

    @property
    def elapsed(self) -> float:
        """Seconds since the job started."""
        return time.perf_counter() - self.started

    def wait(self, timeout: float | None = None) -> bool:
        """Wait up to ``timeout`` seconds for the work to end; True when it has."""
        return self._finished.wait(timeout)

    def __getstate__(self) -> dict[str, Any]:
        error = self.error
        if error is not None:
            error = RuntimeError(f"{type(error).__name__}: {error}")
        return {
            "meta": self.meta,
            "marks": self.snapshot(),
            "result": self.result,
            "error": error,
            "started": self.started,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.cancel = threading.Event()
        self._finished = threading.Event()
        self._finished.set()
        self._lock = threading.Lock()
        self._thread = None
