"""The data-protection actions: erase a person everywhere, purge programmes past retention.

Each is one transaction (:mod:`smile_core.store.privacy`); on SQLite the write-ahead log is
emptied afterwards, so the deleted pages do not linger in it.
"""

from __future__ import annotations

from smile_core.access import Capability, Service
from smile_core.store.records import ErasureReport, PurgeCandidate


def erase_person(service: Service, person_key: str) -> ErasureReport:
    """Erase the person everywhere (administrators)."""
    service.require(Capability.PRIVACY)
    return service.repository.erase_person(person_key, service.who)


def purge(service: Service, closed_before_months: int) -> tuple[PurgeCandidate, ...]:
    """Delete the programmes closed longer ago than the retention period (administrators);
    returns what went."""
    service.require(Capability.PRIVACY)
    return service.repository.purge(closed_before_months, service.who)
