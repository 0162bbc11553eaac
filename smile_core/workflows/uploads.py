"""Uploading participants: where an upload is stored, as which cohort's next version.

An upload is stored at once, in one transaction, where the coordinator chose: the next
version of a cohort they pick (a corrected file of the same intake), a new cohort named after
its files and the time, or, split by the Kohort column, one cohort per value. Never a cohort
shared by every upload: people are the same person only within one cohort's versions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from smile_core.access import Capability, Service
from smile_core.ingest.intakes import split_by_cohort, start_from_name
from smile_core.ingest.participants import Programme
from smile_core.store import StoreError
from smile_core.store.codec import utc_now
from smile_core.store.records import SavedVersion
from smile_core.text import Message


@dataclass(frozen=True)
class StoredIntake:
    """Where :func:`store_upload` put one part of an upload."""

    programme_id: int
    cohort_id: int
    cohort_name: str
    version: SavedVersion


def store_upload(
    service: Service, programme: int | str, parts: Mapping[str, Programme]
) -> tuple[StoredIntake, ...]:
    """Store an upload as participant versions, all in one transaction: every part or none
    (a failure half-way leaves no cohort and no version behind).

    ``programme`` is the id of one of the user's programmes, or the name of one of their own
    to find or create (e.g. their "Uppladdat"). ``parts`` maps a cohort name to its
    participants (one entry for an upload kept whole; one per Kohort value when split, see
    :func:`smile_core.ingest.intakes.split_by_cohort`). A cohort of that name in the programme gets
    the part as its next version (the next upload of the same intake); otherwise the cohort
    is created, with the start date its name implies. Returns the stored parts in the order
    given.
    """
    service.require(Capability.PEOPLE)
    if not parts:
        raise StoreError(Message.of("store.upload.empty"))
    programme_id: int | None
    if isinstance(programme, int):
        service.require_programme(programme, Capability.PEOPLE)
        programme_id = programme
    else:
        programme_id = _programme_id(service, programme)
    existing = (
        {c.name: c.id for c in service.repository.list_cohorts(programme_id)}
        if programme_id is not None
        else {}
    )
    stored = []
    with service.repository.atomic() as repo:
        if programme_id is None:
            # Created inside the transaction, so a failed upload leaves no empty programme.
            programme_id = repo.create_programme(
                str(programme), "vocational", {}, service.who, owner_user_id=service.owner_user_id
            )
        for name, part in parts.items():
            name = name.strip()
            cohort_id = existing.get(name)
            if cohort_id is None:
                cohort_id = repo.create_cohort(
                    programme_id, name, service.who, start_from_name(name)
                )
                existing[name] = cohort_id
            version = repo.save_participants(cohort_id, part, service.who)
            stored.append(StoredIntake(programme_id, cohort_id, name, version))
    return tuple(stored)


def upload_version(
    service: Service,
    participants: Programme,
    programme: int | str,
    *,
    cohort_name: str = "",
    split: bool = False,
    no_cohort_name: str = "",
    unnamed: str = "upload",
    now: datetime | None = None,
) -> tuple[StoredIntake, ...]:
    """Store a checked upload where the coordinator chose (:func:`store_upload`, one
    transaction): with ``split`` and several Kohort values one cohort per value (people with
    no value in the cohort ``no_cohort_name``); else the whole upload as the next version of
    the cohort ``cohort_name``, or, when that is empty, of a new cohort named after its files
    (``unnamed``, in the user's language, when the upload has no name) and the time
    (:func:`new_cohort_name`)."""
    intakes = split_by_cohort(participants)
    if split and len(intakes) > 1:
        parts = {name or no_cohort_name: part for name, part in intakes.items()}
    else:
        name = cohort_name.strip() or new_cohort_name(
            service, programme, participants, now, unnamed=unnamed
        )
        parts = {name: participants}
    return store_upload(service, programme, parts)


def new_cohort_name(
    service: Service,
    programme: int | str,
    participants: Programme,
    now: datetime | None = None,
    *,
    unnamed: str = "upload",
) -> str:
    """A cohort name not taken in the programme: the files' name (``unnamed`` when the upload
    has none) and the time, marked UTC (the store keeps UTC; a bare time read as local time
    is an hour or two off in the Nordics)."""
    programme_id = programme if isinstance(programme, int) else _programme_id(service, programme)
    taken = {c.name for c in service.list_cohorts(programme_id)} if programme_id else set()
    base = f"{participants.name or unnamed} {now or utc_now():%Y-%m-%d %H:%M} UTC"
    return next(n for n in (base, *(f"{base} ({i})" for i in range(2, 1000))) if n not in taken)


def find_or_store_cohort(
    service: Service, programme_name: str, cohort_name: str, participants: Programme
) -> tuple[int, int, int | None]:
    """The user's cohort ``cohort_name`` of their programme ``programme_name``: (programme id,
    cohort id, None) when it exists; else both are created as needed with ``participants`` as
    the cohort's first version, in one transaction (:func:`store_upload`), and the third item
    is that version's number."""
    found = _programme_id(service, programme_name)
    if found is not None:
        cohort = next((c for c in service.list_cohorts(found) if c.name == cohort_name), None)
        if cohort is not None:
            return found, cohort.id, None
    (stored,) = store_upload(
        service, found if found is not None else programme_name, {cohort_name: participants}
    )
    return stored.programme_id, stored.cohort_id, stored.version.number


def version_of(service: Service, cohort_id: int, participants: Programme) -> int:
    """The number of the cohort's participant version that ``participants`` are: the latest
    if equal, else a new version stored now (one transaction: two sessions cannot both store
    the same participants as two versions)."""
    service.require_cohort(cohort_id, Capability.PEOPLE)
    with service.repository.atomic() as repo:
        versions = repo.list_versions(cohort_id)
        if versions and repo.load_participants(cohort_id) == participants:
            return versions[-1].number
        return repo.save_participants(cohort_id, participants, service.who).number


def _programme_id(service: Service, name: str) -> int | None:
    return next((p.id for p in service.list_programmes() if p.name == name), None)
