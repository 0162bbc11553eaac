"""Long steps in a worker thread: start one, follow it with progress bars and a cancel button.

A worker thread cannot call ``st.*`` or touch session state, so the work is a plain function
(``work(progress, cancel)``, built in the script thread from session data, see
``smile_ui.session.matching_work``) run by a :class:`smile_core.progress.Job`, which is kept in
session state under :data:`smile_ui.state.JOBS`. :func:`follow` draws the job and waits for it
*in the script run*, so a quick job finishes in the same run (and ``AppTest`` sees its result
after one ``run()``); any click interrupts the wait but not the job, and the next run follows
it again. After :data:`WAIT_SECONDS` in one run, a fragment polls every :data:`POLL_SECONDS`
and reruns the page once the job is done. The caller finishes a done job (stores its result,
saves it) in the script thread.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from smile_core.progress import Job, Work, phase_bars
from smile_core.text import t
from smile_ui.errors import guarded
from smile_ui.state import JOBS
from smile_ui.text import number

#: The longest one script run waits for a job before leaving it to the polling fragment.
WAIT_SECONDS = 600.0
#: How often the fragment looks at a job still running after the wait.
POLL_SECONDS = 1.0


def start(key: str, work: Work, **meta: object) -> Job:
    """Start ``work`` in a worker thread as job ``key`` (``meta`` is kept for the finish).
    A job already running under ``key`` is returned instead: one at a time per key."""
    running = JOBS.get().get(key)
    if running is not None and not running.done:
        return running
    job = Job(work, meta=meta)
    JOBS.set({**JOBS.get(), key: job})
    return job


def running(key: str) -> Job | None:
    """Job ``key`` if it is there (running, or done and not yet finished by its page)."""
    return JOBS.get().get(key)


def follow(key: str, title: str, lang: str) -> Job | None:
    """Draw job ``key`` and wait for it; return it once done (taken out of the session), else
    None (no such job, or still running: the rest of the page is then not drawn).

    The bars are a solve's phases, with the job's ``meta["search_seconds"]`` its CP-SAT time
    limit, or, with ``meta["points"]``, one bar for a sweep of that many points. The cancel
    button sets the job's cancel event; the job then ends with what it has (see
    ``smile_core.matching.solver.solve``).
    """
    job = running(key)
    if job is None:
        return None
    if not job.done:
        holder = st.empty()
        with holder.container(border=True):
            st.markdown(f"**{title}**")
            # A click reruns the whole script, which interrupts the wait below at once.
            if st.button(
                t("progress.cancel", lang),
                key=f"job_cancel_{key}",
                icon=":material/cancel:",
                help=t("progress.cancel_help", lang),
                disabled=job.cancel.is_set(),
            ):
                job.cancel.set()
            if job.cancel.is_set():
                st.caption(t("progress.cancelling", lang))
            bars = st.empty()
            search, points = job.meta.get("search_seconds"), job.meta.get("points")
            waited = 0.0
            while True:
                with bars.container():
                    _bars(job, lang, search, points)
                if job.wait(0.25) or waited >= WAIT_SECONDS:
                    break
                waited += 0.25
            if not job.done:
                # Only now a polling fragment: registered in a run that finishes the job, its
                # timer would keep rerunning the page after the job is gone.
                bars.empty()
                _poll(key, lang, search, points)
        if not job.done:
            st.stop()
        holder.empty()  # the page below shows the result; a stale cancel button would not
    jobs = dict(JOBS.get())
    jobs.pop(key, None)
    JOBS.set(jobs)
    if job.error is not None:
        raise job.error  # in the script thread, so the app's error guard shows it
    return job


@st.fragment(run_every=POLL_SECONDS)
@guarded  # a timer's run is outside the page's error guard (app.py): no traceback either
def _poll(key: str, lang: str, search_seconds: float | None, points: int | None) -> None:
    """The bars of a job the script run stopped waiting for, redrawn every
    :data:`POLL_SECONDS`; the whole page reruns once the job is done, to finish it."""
    job = running(key)
    if job is None:
        return
    ctx = get_script_run_ctx()
    if job.done and ctx is not None and ctx.fragment_ids_this_run:
        st.rerun()
    _bars(job, lang, search_seconds, points)


def _bars(job: Job, lang: str, search_seconds: float | None, points: int | None) -> None:
    marks = job.snapshot()
    elapsed = job.elapsed
    if points is not None:
        done = sum(1 for stage, _ in marks if stage == "point")
        st.progress(
            min(done / max(points, 1), 1.0),
            text=t(
                "progress.points", lang, done=done, total=points, seconds=number(elapsed, lang, 1)
            ),
        )
        return
    for bar in phase_bars(marks, elapsed, search_seconds or 0.0):
        label = t(f"progress.phase.{bar.phase}", lang, limit=number(search_seconds or 0, lang, 0))
        state = t(f"progress.state.{bar.state}", lang, seconds=number(bar.seconds, lang, 1))
        st.progress(bar.fraction, text=f"{label} — {state}")
