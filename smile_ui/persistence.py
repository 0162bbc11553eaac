"""The dashboard's link to the store: one repository per server, which stored cohort the
session's programme belongs to, saving runs and edits, and coming back after a reload.

Rules kept here:

- ``app.py`` calls :func:`repository` first: the database (``SMILE_DATABASE_URL``, else
  ``data/smile.db``) is migrated once per server and URL, and every session shares the engine.
- Every read and write goes through :func:`service`, the store as the logged-in user may use it
  (:mod:`smile_core.access` refuses what they may not see); the audit's "who" is that user.
- Every solve is saved (:func:`save_result`) into the active programme's cohort; a demo
  programme without one gets the automatic programme "Demo" with a cohort named after the demo,
  an upload the programme "Uppladdat" with a cohort named after its files, so saving always
  works. The participants are saved as a new version only when they differ from the last one.
- The programme, cohort and run ids go into the URL (``?programme=&cohort=&run=``); a new
  session (a reload, a new tab) with them opens that cohort's participants and that run's plan
  from the database (:func:`restore_from_url`). Session state itself does not survive a reload.
- Nothing here logs; store errors reach the page as :class:`~smile_core.store.StoreError`
  with their Swedish and English texts.
"""

from __future__ import annotations

import dataclasses

import polars as pl
import streamlit as st

from smile_core.access import Forbidden, Service, User
from smile_core.demo import DEMO_PROGRAMMES
from smile_core.participants import Programme
from smile_core.plan import MatchResult
from smile_core.problems import Report
from smile_core.saved_runs import result_from_stored
from smile_core.settings import MatchSettings
from smile_core.store import NotFound, Repository, StoreError, create_engine, database_url, upgrade
from smile_core.store.records import StoredRun
from smile_core.validation import LoadResult
from smile_ui import session
from smile_ui.state import CURRENT_USER, STORE_LINKS, URL_RESTORED

#: The programme the demo cohorts are saved under, and the one for unassigned uploads.
DEMO_PROGRAMME_NAME = "Demo"
UPLOAD_PROGRAMME_NAME = "Uppladdat"
#: The URL parameters that bring a session back.
URL_KEYS = ("programme", "cohort", "run")


@st.cache_resource(show_spinner=False)
def _repository(url: str) -> Repository:
    engine = create_engine(url)
    upgrade(engine)
    return Repository(engine)


def repository() -> Repository:
    """The store of this server (migrated to the current schema on first use)."""
    return _repository(database_url().render_as_string(hide_password=False))


def user() -> User:
    """The user of this run (``app.py`` sets it before any page runs); refused without one."""
    current = CURRENT_USER.get()
    if current is None:
        raise Forbidden()
    return current


def service() -> Service:
    """The store as the user of this run may use it."""
    return Service(repository(), user())


def who() -> str:
    """The name the audit trail records: the logged-in user's (or the local user's)."""
    return user().name


# --------------------------------------------------------------------------- the link


def link(key: str | None = None) -> tuple[int, int] | None:
    """The (programme id, cohort id) the session programme ``key`` (default active) is saved in."""
    return STORE_LINKS.get().get(key or session.active_key())


def set_link(programme_id: int, cohort_id: int, key: str | None = None) -> None:
    """Save the session programme ``key`` (default active) into this cohort from now on."""
    STORE_LINKS.set({**STORE_LINKS.get(), key or session.active_key(): (programme_id, cohort_id)})


def ensure_cohort() -> tuple[int, int]:
    """The active programme's (programme id, cohort id), creating the automatic ones if none
    (or if the linked cohort was purged meanwhile)."""
    current = link()
    repo = service()
    if current is not None:
        try:
            repo.get_cohort(current[1])
            return current
        except NotFound:  # purged or erased meanwhile (maybe in another session): start again
            STORE_LINKS.set({k: v for k, v in STORE_LINKS.get().items() if v != current})
            session.update_workspace(run_id=None)
    key = session.active_key()
    demo = key != session.UPLOADED
    programme_name = demo_programme_name() if demo else _own(UPLOAD_PROGRAMME_NAME)
    cohort_name = key if demo else (session.active_programme().name or "upload")
    programme_id = _find_or_create_programme(repo, programme_name)
    cohort = next((c for c in repo.list_cohorts(programme_id) if c.name == cohort_name), None)
    cohort_id = cohort.id if cohort else repo.create_cohort(programme_id, cohort_name)
    set_link(programme_id, cohort_id)
    return programme_id, cohort_id


def _find_or_create_programme(repo: Service, name: str) -> int:
    found = next((p for p in repo.list_programmes() if p.name == name), None)
    return found.id if found else repo.create_programme(name, "vocational", {})


def demo_programme_name() -> str:
    """The programme the demo cohorts are saved under: "Demo" for the local user, and one of
    their own for each account (one user's demo runs are no one else's business)."""
    return _own(DEMO_PROGRAMME_NAME)


def _own(name: str) -> str:
    current = user()
    return name if current.local else f"{name} ({current.name})"


def ensure_version(cohort_id: int, programme: Programme) -> int:
    """The number of the cohort's participants version equal to ``programme``: the latest if it
    is the same, else a new one saved now."""
    repo = service()
    versions = repo.list_versions(cohort_id)
    if versions and repo.load_participants(cohort_id) == programme:
        return versions[-1].number
    return repo.save_participants(cohort_id, programme).number


# --------------------------------------------------------------------------- saving


def save_result(
    result: MatchResult, settings: MatchSettings, *, parent_run_id: int | None = None
) -> int:
    """Save the active workspace's new ``result`` as a run of its cohort; the workspace and the
    URL then name it. Returns the run id."""
    _, cohort_id = ensure_cohort()
    version = ensure_version(cohort_id, session.active_programme())
    ws = session.workspace()
    run_id = service().save_run(
        cohort_id,
        settings,
        result,
        settings.seed,
        version=version,
        forbids=sorted(ws.forbids),
        parent_run_id=parent_run_id,
    )
    session.update_workspace(run_id=run_id)
    sync_url()
    return run_id


def save_edited_plan(
    result: MatchResult, changes: list[tuple[str, str | None, str | None]], notes: dict[str, str]
) -> int | None:
    """After accepted hand edits: save ``result`` (the plan on screen, its pairs marked locked
    as the workspace's locks say) as a new run whose parent is the run on screen, and append
    the edits (what, adept id, mentor id) to the new run's audit trail, each with the adept's
    note as why. A reload then shows the edited plan. Returns the new run id (None when the
    workspace has no saved run to edit)."""
    ws = session.workspace()
    if ws.run_id is None:
        return None
    plan = dataclasses.replace(
        result.plan,
        pairs=tuple(
            dataclasses.replace(p, locked=(p.adept_id, p.mentor_id) in ws.locks)
            for p in result.plan.pairs
        ),
    )
    run_id = save_result(
        dataclasses.replace(result, plan=plan), ws.settings, parent_run_id=ws.run_id
    )
    record_edits(changes, notes)
    return run_id


def record_edits(changes: list[tuple[str, str | None, str | None]], notes: dict[str, str]) -> int:
    """Append plan edits (what, adept id, mentor id) to the audit trail of the run on screen,
    each with the adept's note as why. Returns how many were recorded (none without a run)."""
    run_id = session.workspace().run_id
    if run_id is None:
        return 0
    repo = service()
    for what, adept_id, mentor_id in changes:
        repo.record_edit(
            run_id,
            what,
            notes.get(adept_id or "", ""),
            adept_id=adept_id,
            mentor_id=mentor_id,
        )
    return len(changes)


def store_outcomes(
    followups: pl.DataFrame | None, evaluations: pl.DataFrame | None
) -> tuple[int, int]:
    """Keep follow-ups and evaluation answers (as :mod:`smile_core.outcomes` reads them) in the
    active programme's cohort; a stored adept and month, or respondent and item, is replaced,
    so storing the same file again is harmless. Returns the rows stored of each."""
    _, cohort_id = ensure_cohort()
    ensure_version(cohort_id, session.active_programme())
    repo = service()
    stored_followups = (
        repo.record_followups(
            cohort_id,
            followups.select("adept_id", "months", "status", "mentor_contributed"),
        )
        if followups is not None
        else 0
    )
    stored_evaluations = (
        repo.record_evaluations(
            cohort_id, evaluations.select("respondent_id", "role", "item", "answer")
        )
        if evaluations is not None
        else 0
    )
    return stored_followups, stored_evaluations


# --------------------------------------------------------------------------- the URL


def sync_url() -> None:
    """Put the active programme's programme, cohort and run ids in the URL (or take them out)."""
    current = link()
    run_id = session.workspace().run_id
    wanted = {}
    if current is not None:
        wanted = {"programme": str(current[0]), "cohort": str(current[1])}
        if run_id is not None:
            wanted["run"] = str(run_id)
    for name in URL_KEYS:
        value = wanted.get(name)
        if value is None:
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get(name) != value:
            st.query_params[name] = value


def _url_id(name: str) -> int | None:
    text = st.query_params.get(name, "")
    return int(text) if text.isdigit() else None


def restore_from_url() -> StoreError | None:
    """Once per session: open the cohort (and run) the URL names, from the database.

    Returns the store's refusal (e.g. the cohort was erased meanwhile) for the page to show,
    else None. A session without those parameters is left as it is.
    """
    if URL_RESTORED.get():
        return None
    URL_RESTORED.set(True)
    cohort_id, run_id = _url_id("cohort"), _url_id("run")
    if cohort_id is None:
        return None
    try:
        open_cohort(cohort_id, run_id)
    except StoreError as error:
        return error
    return None


def open_cohort(cohort_id: int, run_id: int | None = None) -> str:
    """Make the stored cohort the active programme: a demo cohort opens its demo, any other
    the cohort's latest participants in the upload slot; with ``run_id`` (else the agreed run,
    if any) its plan becomes the plan on screen. Returns the session programme key."""
    repo = service()
    cohort = repo.get_cohort(cohort_id)
    programme_record = repo.get_programme(cohort.programme_id)
    demo_keys = {d.key for d in DEMO_PROGRAMMES}
    if programme_record.name == demo_programme_name() and cohort.name in demo_keys:
        key = cohort.name
        programme = session.demo_load(key).programme
        assert programme is not None
    else:
        programme = repo.load_participants(cohort_id)
        key = session.UPLOADED
        session.accept_upload(_stored_load(programme))
    session.set_active(key)
    set_link(cohort.programme_id, cohort_id, key)
    stored: StoredRun | None
    if run_id is not None:
        stored = repo.load_run(run_id)
        if stored.summary.cohort_id != cohort_id:
            raise NotFound(
                f"Körning {run_id} hör inte till kohort {cohort_id}",
                f"Run {run_id} is not a run of cohort {cohort_id}",
            )
    else:
        stored = repo.agreed_run(cohort_id)
    if stored is not None:
        show_run(stored, programme)
    else:
        session.update_workspace(result=None, plan=None, previous_plan=None, run_id=None)
    sync_url()
    return key


def show_run(stored: StoredRun, programme: Programme) -> None:
    """Make the stored run the active workspace's result and plan on screen."""
    ws = session.workspace()
    result = result_from_stored(stored, programme)
    session.update_workspace(
        settings=stored.settings,
        result=result,
        plan=result.plan if result.has_plan else None,
        previous_plan=None,
        locks=frozenset((p.adept_id, p.mentor_id) for p in stored.plan.pairs if p.locked),
        forbids=frozenset(stored.forbids),
        hand_edits=0,
        editor_version=ws.editor_version + 1,
        what_if=None,
        run_id=stored.id,
    )


def _stored_load(programme: Programme) -> LoadResult:
    """Stored participants as an accepted upload (validated when they were first uploaded)."""
    counts = {
        "adepts": len(programme.adepts),
        "mentors": len(programme.mentors),
        "workplaces": len(programme.workplaces),
    }
    return LoadResult(programme, Report(), counts, {table: () for table in counts})
