"""The dashboard's link to the store: one repository per server, which stored cohort the
session's programme belongs to, saving runs and edits, and coming back after a reload.

Rules kept here:

- ``app.py`` calls :func:`repository` first: the database (``SMILE_DATABASE_URL``, else
  ``data/smile.db``) is migrated once per server and URL, and every session shares the engine.
- Every read and write goes through :func:`service`, the store as the logged-in user may use it
  (:mod:`smile_core.access` refuses what they may not see); the audit's "who" is that user.
- An upload is stored at once (:func:`store_new_upload`), in one transaction, where the
  coordinator chose on the Participants page (:class:`UploadTarget`): by default the first
  version of a new cohort of its own, named after its files and the time, in the user's
  programme "Uppladdat"; or the next version of a cohort they pick; or one cohort per Kohort
  value. Never a cohort shared by every upload: people are the same person only within one
  cohort's versions. A demo programme gets the automatic programme "Demo" with a
  cohort named after the demo.
- The session's participants are one stored version (:data:`~smile_ui.state.PINNED_VERSIONS`):
  every run is saved against exactly that version and a stored run is always opened with its
  own version's participants. The store refuses a run naming someone not in its version, so a
  session still holding a person erased meanwhile cannot save them back; each page load also
  compares the pinned version's head count (:func:`check_erasures`) and reloads or warns.
- The programme, cohort and run ids go into the URL (``?programme=&cohort=&run=``); a new
  session (a reload, a new tab) with them opens that cohort's participants and that run's plan
  from the database (:func:`restore_from_url`). Session state itself does not survive a reload.
- Nothing here logs; store errors reach the page as :class:`~smile_core.store.StoreError`
  with their Swedish and English texts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import polars as pl
import streamlit as st

from smile_core.access import Forbidden, Service, User
from smile_core.demo.demo_roles import DASHBOARD_DEMOS
from smile_core.ingest.dashboard_size import require_dashboard_size
from smile_core.ingest.participants import Programme
from smile_core.ingest.problems import Report
from smile_core.ingest.validation import LoadResult
from smile_core.matching.plan import MatchResult
from smile_core.matching.saved_runs import result_from_stored, stored_role_decisions
from smile_core.matching.settings import MatchSettings
from smile_core.store import NotFound, Repository, StoreError, create_engine, database_url, upgrade
from smile_core.store.records import RunSummary, StoredRun
from smile_core.text import Message, t
from smile_core.workflows import outcomes, plan_edits, programmes, runs, uploads
from smile_core.workflows.plan_edits import PlanState
from smile_core.workflows.runs import PlanEdit
from smile_ui import session
from smile_ui.state import (
    CURRENT_USER,
    PINNED_VERSIONS,
    SAVE_REFUSED,
    STORE_LINKS,
    UPLOAD_TARGET,
    URL_RESTORED,
    current_language,
)

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


def document_title(key: str, lang: str) -> str:
    """The programme ``key``'s name for a printed document: for an uploaded programme, its
    stored programme and cohort ("Programmet Norr, 2026"), else its session name. A pack titled
    "Uppladdat program" did not say which programme it was for (a review in Chromium)."""
    linked = link(key)
    # A demo keeps its own title (its stored cohort is named by its key).
    if linked is not None and key == session.UPLOADED:
        try:
            repo = service()
            programme, cohort = repo.get_programme(linked[0]), repo.get_cohort(linked[1])
        except StoreError:
            pass
        else:
            # The automatic programme an upload is saved in says no more than the session name.
            if programme.name != _own(UPLOAD_PROGRAMME_NAME):
                return f"{programme.name}, {cohort.name}"
    return session.programme_title(key, lang)


def set_link(programme_id: int, cohort_id: int, key: str | None = None) -> None:
    """Save the session programme ``key`` (default active) into this cohort from now on (its
    participants are then matched to a version of that cohort anew)."""
    key = key or session.active_key()
    STORE_LINKS.set({**STORE_LINKS.get(), key: (programme_id, cohort_id)})
    unpin(key)


def link_to(programme_id: int, cohort_id: int) -> int:
    """Make the active programme's participants a version of this cohort now (the latest if
    equal, else a new one), link and pin it, and name it in the URL: the coordinator's pick
    of cohort for an upload, so a reload opens exactly these participants there. Returns the
    version number."""
    set_link(programme_id, cohort_id)
    number = ensure_version(cohort_id, session.active_programme())
    session.update_workspace(run_id=None)  # runs of the old cohort are not this cohort's
    sync_url()
    return number


def pinned(key: str | None = None) -> int | None:
    """The stored version number the session programme ``key`` (default active) is."""
    return PINNED_VERSIONS.get().get(key or session.active_key())


def pin(number: int, key: str | None = None) -> None:
    """Record that the session programme ``key`` (default active) is version ``number``."""
    PINNED_VERSIONS.set({**PINNED_VERSIONS.get(), key or session.active_key(): number})


def unpin(key: str | None = None) -> None:
    """Forget which version the session programme ``key`` (default active) is."""
    key = key or session.active_key()
    PINNED_VERSIONS.set({k: v for k, v in PINNED_VERSIONS.get().items() if k != key})


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
            unpin()
            session.update_workspace(run_id=None)
    key = session.active_key()
    demo = key != session.UPLOADED
    programme_name = demo_programme_name() if demo else _own(UPLOAD_PROGRAMME_NAME)
    cohort_name = key if demo else (session.active_programme().name or "upload")
    programme_id, cohort_id, stored = uploads.find_or_store_cohort(
        repo, programme_name, cohort_name, session.active_programme()
    )
    set_link(programme_id, cohort_id)
    if stored is not None:
        pin(stored)
    return programme_id, cohort_id


def demo_programme_name() -> str:
    """The programme the demo cohorts are saved under: "Demo" for the local user, and one of
    their own for each account (one user's demo runs are no one else's business)."""
    return _own(DEMO_PROGRAMME_NAME)


def own_upload_programme_name() -> str:
    """The name of the user's own programme for uploads ("Uppladdat", with their name when
    there are accounts)."""
    return _own(UPLOAD_PROGRAMME_NAME)


def _own(name: str) -> str:
    current = user()
    return name if current.local else f"{name} ({current.name})"


def _mapping_programme(create: bool) -> int | None:
    """The store programme whose column mapping uploads use: the one the uploaded programme
    is linked to, else the automatic upload programme (created only when ``create``)."""
    linked = link(session.UPLOADED)
    if linked is not None:
        return linked[0]
    # The user's own upload programme, as the service lets them see it: never one "Uppladdat"
    # shared by every account.
    repo = service()
    name = own_upload_programme_name()
    found = next((p for p in repo.list_programmes() if p.name == name), None)
    if found is not None:
        return found.id
    return programmes.find_or_create_programme(repo, name) if create else None


def save_column_mapping(mapping: dict[str, Any]) -> None:
    """Keep the uploads' column mapping (JSON data) for the programme."""
    programme_id = _mapping_programme(create=True)
    if programme_id is not None:
        service().save_column_mapping(programme_id, mapping)


def saved_column_mapping() -> dict[str, Any]:
    """The programme's saved column mapping as JSON data (``{}`` when none)."""
    programme_id = _mapping_programme(create=False)
    return {} if programme_id is None else service().column_mapping(programme_id)


def ensure_version(cohort_id: int, programme: Programme) -> int:
    """The number of the cohort's participants version the session's ``programme`` is: the
    pinned one if any; else the latest if equal, else a new one saved now (and pinned)."""
    number = pinned()
    if number is not None:
        return number
    number = uploads.version_of(service(), cohort_id, programme)
    pin(number)
    return number


@dataclass(frozen=True)
class UploadTarget:
    """Where the coordinator stores the next upload (chosen on the Participants page).

    ``programme_id`` None is the user's own "Uppladdat" programme (created on first use);
    ``cohort_name`` "" is a new cohort named after the files and the date, any other name an
    existing cohort of the programme (the upload becomes its next version) or a new one by
    that name; ``split`` stores one cohort per Kohort value instead, when there are several.
    """

    programme_id: int | None = None
    cohort_name: str = ""
    split: bool = False


def store_new_upload() -> StoreError | None:
    """Store the session's upload, if it is not stored yet, where the coordinator chose
    (:data:`~smile_ui.state.UPLOAD_TARGET`; by default a new cohort named after its files
    and the time, in their own "Uppladdat" programme), in one transaction; link and pin it
    and put it in the URL, so a reload brings it back. Split by Kohort, the session then
    opens the first intake's cohort (the others are on the Programmes page). Returns the
    store's refusal, if any: then nothing was stored."""
    if session.UPLOADED not in session.programme_keys() or link(session.UPLOADED) is not None:
        return None
    target = UPLOAD_TARGET.get() or UploadTarget()
    previous = session.active_key()
    try:
        session.set_active(session.UPLOADED)
        programme = session.active_programme()
        stored = uploads.upload_version(
            service(),
            programme,
            target.programme_id or _own(UPLOAD_PROGRAMME_NAME),
            cohort_name=target.cohort_name,
            split=target.split,
            no_cohort_name=t("programmes.intakes.no_cohort", current_language()),
            unnamed=t("programmes.upload.unnamed", current_language()),
        )
        first = stored[0]
        if len(stored) > 1:
            open_cohort(first.cohort_id)  # the session holds one intake: the first
            return None
        set_link(first.programme_id, first.cohort_id)
        pin(first.version.number)
    except StoreError as error:
        session.set_active(previous)
        return error
    else:
        session.set_active(previous)
    sync_url()
    return None


def stored_where(key: str | None = None) -> tuple[str, str, int] | None:
    """(programme name, cohort name, version number) the session programme ``key`` (default
    active) is stored as, or None while it is not (or cannot be read)."""
    key = key or session.active_key()
    current, number = link(key), pinned(key)
    if current is None or number is None:
        return None
    try:
        repo = service()
        return repo.get_programme(current[0]).name, repo.get_cohort(current[1]).name, number
    except StoreError:
        return None


def check_erasures() -> str | None:
    """If people were erased from the stored version the active programme is (in any
    session), say so: an uploaded programme is reopened from the store without them (its plan
    too); a demo keeps its synthetic people on screen, and the store refuses to save them
    back. Returns the message key to show, or None when nothing changed."""
    current, number = link(), pinned()
    if current is None or number is None:
        return None
    try:
        version = next(v for v in service().list_versions(current[1]) if v.number == number)
    except (StoreError, StopIteration):
        return None  # the cohort is gone: ensure_cohort starts again on the next save
    programme = session.active_programme()
    if (version.adepts, version.mentors) == (len(programme.adepts), len(programme.mentors)):
        return None
    if session.is_demo():
        return "store.erased_demo"
    open_cohort(current[1], session.workspace().run_id)
    return "store.erased_reloaded"


# --------------------------------------------------------------------------- saving


def save_result(
    result: MatchResult,
    settings: MatchSettings,
    *,
    parent_run_id: int | None = None,
    edits: list[PlanEdit] | None = None,
) -> int | None:
    """Save the active workspace's new ``result`` as a run of its cohort, against the version
    the session's participants are, with the hand ``edits`` that made it (one transaction,
    :func:`smile_core.workflows.runs.save_run`); the workspace and the URL then name it.
    Returns the run id, or None when the store refused (e.g. someone in the plan was erased
    meanwhile): the page then says why."""

    def save(cohort_id: int, version: int) -> int:
        return runs.save_run(
            service(),
            cohort_id,
            settings,
            result,
            settings.seed,
            edits=edits or (),
            version=version,
            forbids=sorted(session.workspace().forbids),
            parent_run_id=parent_run_id,
            role_forbids=sorted(session.workspace().role_forbids),
        )

    return _saved(save)


def _saved(save: Callable[[int, int], int]) -> int | None:
    """Run ``save(cohort id, version number)`` for the active programme's cohort and version;
    a refusal is said on the page and kept until a save succeeds."""
    try:
        _, cohort_id = ensure_cohort()
        version = ensure_version(cohort_id, session.active_programme())
        run_id = save(cohort_id, version)
    except StoreError as error:
        lang = current_language()
        message = t(
            "store.not_saved", lang, reason=error.message_sv if lang == "sv" else error.message_en
        )
        st.warning(message, icon=":material/block:")
        # Kept (for this programme) until a save succeeds: the plan on screen stays unsaved,
        # and a page that reruns before the warning is seen must still say so.
        SAVE_REFUSED.set((session.active_key(), message))
        return None
    SAVE_REFUSED.set(None)
    session.update_workspace(run_id=run_id)
    sync_url()
    return run_id


def refusal() -> str | None:
    """Why the active programme's plan on screen is not saved (the store refused its last
    save, e.g. someone in it was erased meanwhile), until a save succeeds; else None."""
    refused = SAVE_REFUSED.get()
    if refused is None or refused[0] != session.active_key():
        return None
    return refused[1]


def save_edited_plan(result: MatchResult, log: list[PlanEdit]) -> int | None:
    """After accepted hand edits: save ``result`` (the plan on screen) with the workspace's
    locks as a new run whose parent is the run on screen, and the audit entries ``log``, in
    one transaction (:func:`smile_core.workflows.plan_edits.save_plan_edits`). A reload then
    shows the edited plan. Returns the new run id (None when the workspace has no saved run to
    edit, or the store refused)."""
    ws = session.workspace()
    parent = ws.run_id
    if parent is None:
        return None
    state = PlanState(ws.plan or result.plan, ws.locks, ws.forbids, dict(ws.notes))

    def save(cohort_id: int, version: int) -> int:
        return plan_edits.save_plan_edits(
            service(),
            cohort_id,
            result,
            state,
            log,
            ws.settings,
            parent_run_id=parent,
            version=version,
            role_forbids=sorted(ws.role_forbids),
        )

    return _saved(save)


def parallel_edits(run_id: int) -> tuple[RunSummary, ...]:
    """Runs someone else saved from the same plan as ``run_id`` (see
    :func:`smile_core.workflows.plan_edits.parallel_edits`); none when the store cannot say."""
    try:
        _, cohort_id = ensure_cohort()
        return plan_edits.parallel_edits(service(), cohort_id, run_id)
    except StoreError:
        return ()


def newer_runs(run_id: int) -> tuple[RunSummary, ...]:
    """Runs of the active cohort someone else saved after ``run_id`` (see
    :func:`smile_core.workflows.plan_edits.newer_runs`); none when the store cannot say."""
    try:
        link_now = link()
        if link_now is None:
            return ()
        return plan_edits.newer_runs(service(), link_now[1], run_id, who())
    except StoreError:
        return ()


def store_outcomes(
    followups: pl.DataFrame | None, evaluations: pl.DataFrame | None
) -> tuple[int, int]:
    """Keep follow-ups and evaluation answers (as :mod:`smile_core.outcomes.outcomes_reading` reads
    them) in the active programme's cohort; a stored adept and month, or respondent and item,
    is replaced, so storing the same file again is harmless. Returns the rows stored of each."""
    _, cohort_id = ensure_cohort()
    ensure_version(cohort_id, session.active_programme())
    # One import is one transaction: a refused evaluations file takes the follow-ups with it.
    return outcomes.record_outcomes(
        service(),
        cohort_id,
        followups.select("adept_id", "months", "status", "mentor_contributed")
        if followups is not None
        else None,
        evaluations.select("respondent_id", "role", "item", "answer")
        if evaluations is not None
        else None,
    )


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
    stored: StoredRun | None
    if run_id is not None:
        stored = repo.load_run(run_id)
        if stored.summary.cohort_id != cohort_id:
            raise NotFound(Message.of("store.run.not_of_cohort", run=run_id, cohort=cohort_id))
    else:
        stored = repo.agreed_run(cohort_id)
    # A run is always shown with the participants it was solved on, never a later upload.
    versions = repo.list_versions(cohort_id)
    number = stored.summary.version_number if stored is not None else None
    if number is None and versions:
        number = versions[-1].number
    demo_keys = {d.key for d in DASHBOARD_DEMOS}
    if programme_record.name == demo_programme_name() and cohort.name in demo_keys:
        key = cohort.name
        programme = session.demo_load(key).programme
        assert programme is not None
    else:
        programme = repo.load_participants(cohort_id, number)
        # Stored by the CLI, a national programme may be larger than the pages can hold.
        require_dashboard_size(programme)
        key = session.UPLOADED
        session.accept_upload(_stored_load(programme), stored=True)
    session.set_active(key)
    set_link(cohort.programme_id, cohort_id, key)
    if number is not None:
        pin(number, key)
    if stored is not None:
        show_run(stored, programme)
    else:
        session.update_workspace(result=None, plan=None, previous_plan=None, run_id=None)
    sync_url()
    return key


def show_run(stored: StoredRun, programme: Programme) -> None:
    """Make the stored run the active workspace's result and plan on screen (with roles: its
    plan by role, and the locks and forbids by role it was solved with)."""
    ws = session.workspace()
    result = result_from_stored(stored, programme)
    locks = frozenset((p.adept_id, p.mentor_id) for p in stored.plan.pairs if p.locked)
    role_locks, role_forbids = stored_role_decisions(stored, locks)
    session.update_workspace(
        settings=stored.settings,
        result=result,
        plan=result.plan if result.has_plan else None,
        previous_plan=None,
        locks=locks,
        forbids=frozenset(stored.forbids),
        role_locks=role_locks,
        role_forbids=role_forbids,
        # A run saved after hand edits keeps their count: its plan is not the solver's.
        hand_edits=result.hand_edits,
        editor_version=ws.editor_version + 1,
        what_if=None,
        role_what_if=None,
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
