"""What the store says when a request cannot be carried out, in Swedish and English.

Messages name ids (a cohort, a run, the coordinator's adept or mentor ids), never a name.
"""

from __future__ import annotations


class StoreError(ValueError):
    """A request the store refuses (nothing was written); ``str()`` is the English message."""

    def __init__(self, message_sv: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_sv = message_sv
        self.message_en = message_en


class NotFound(StoreError, LookupError):
    """The programme, cohort, version, run, group or person asked for is not stored."""


class WalNotFlushed(StoreError):
    """Deleted personal data could not yet be flushed out of SQLite's write-ahead log (other
    sessions kept reading); the deletion is committed, the old pages still sit in the log."""

    def __init__(self) -> None:
        super().__init__(
            "Raderingen är sparad, men gamla kopior ligger kvar i databasens loggfil (WAL) "
            "eftersom andra sessioner läste samtidigt. Försök igen om en stund så töms den.",
            "The erasure is saved, but old copies remain in the database's log file (WAL) "
            "because other sessions were reading. Try again in a moment to empty it.",
        )


def not_found(what_sv: str, what_en: str, key: object) -> NotFound:
    """``NotFound`` for ``what`` (e.g. "körning"/"run") with identifier ``key``."""
    return NotFound(f"Hittar ingen {what_sv} {key}", f"No {what_en} {key} is stored")


def unknown_ids(role_sv: str, role_en: str, cohort_id: int, ids: list[str]) -> StoreError:
    """``StoreError`` naming every id that has no member of ``role`` in the cohort."""
    listed = ", ".join(sorted(set(ids)))
    return StoreError(
        f"Kohort {cohort_id} har ingen {role_sv} med id {listed}",
        f"Cohort {cohort_id} has no {role_en} with id {listed}",
    )
