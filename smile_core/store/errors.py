"""What the store says when a request cannot be carried out, in Swedish and English.

Messages name ids (a cohort, a run, the coordinator's adept or mentor ids), never a name.
"""

from __future__ import annotations

from smile_core.text import Message, stored


class StoreError(ValueError):
    """A request the store refuses (nothing was written); ``str()`` is the English message.

    Worded by the text catalogue: ``StoreError(Message.of("store.key", ...))``; the older form
    ``StoreError(sv, en)`` (two sentences) still reads. ``message`` is the :class:`Message`,
    ``message_sv``/``message_en`` its two renderings, so callers that show both keep working.
    """

    def __init__(self, message: Message | str, message_en: str | None = None) -> None:
        if not isinstance(message, Message):
            message = stored(message, message_en or message)
        self.message = message
        self.message_sv = message.render("sv")
        self.message_en = message.render("en")
        super().__init__(self.message_en)


class NotFound(StoreError, LookupError):
    """The programme, cohort, version, run, group or person asked for is not stored."""


class WalNotFlushed(StoreError):
    """Deleted personal data could not yet be flushed out of SQLite's write-ahead log (other
    sessions kept reading); the deletion is committed, the old pages still sit in the log."""

    def __init__(self) -> None:
        super().__init__(Message.of("store.wal_not_flushed"))


def not_found(what: str, key: object) -> NotFound:
    """``NotFound`` for the thing ``what`` names (``"run"``: the catalogue's ``store.thing.run``)
    with identifier ``key``."""
    return NotFound(Message.of("store.not_found", what=Message.of(f"store.thing.{what}"), id=key))


def unknown_ids(role: str, cohort_id: int, ids: list[str]) -> StoreError:
    """``StoreError`` naming every id that has no member of ``role`` (``"adept"``/``"mentor"``:
    the catalogue's ``store.thing.adept``) in the cohort."""
    listed = ", ".join(sorted(set(ids)))
    return StoreError(
        Message.of(
            "store.unknown_ids",
            role=Message.of(f"store.thing.{role}"),
            cohort=cohort_id,
            ids=listed,
        )
    )
