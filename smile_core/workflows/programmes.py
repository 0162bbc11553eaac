"""Creating a programme, with its first cohort, for the acting user."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from smile_core.access import Capability, Service
from smile_core.ingest.intakes import start_from_name


def create_programme(
    service: Service,
    name: str,
    kind: str,
    rhythm: Mapping[str, Any],
    *,
    cohort: str = "",
    starts_on: date | None = None,
) -> int:
    """A new programme (coordinators, and the local user); a coordinator is given it.

    With ``cohort`` its first cohort (starting ``starts_on``, else when its name says) is
    created in the same transaction: a refused cohort leaves no programme without it."""
    service.require(Capability.PEOPLE)
    with service.repository.atomic() as repo:
        programme_id = repo.create_programme(
            name, kind, rhythm, service.who, owner_user_id=service.owner_user_id
        )
        if cohort.strip():
            repo.create_cohort(
                programme_id, cohort, service.who, starts_on or start_from_name(cohort)
            )
    return programme_id


def find_or_create_programme(service: Service, name: str) -> int:
    """The id of the user's programme called ``name``, created (vocational, no rhythm) when
    they have none."""
    found = next((p for p in service.list_programmes() if p.name == name), None)
    return found.id if found else create_programme(service, name, "vocational", {})
