"""Large reads kept in memory until the store changes (issue 11): a stored run and a stored
participant version of 5,000 adepts take about a second to read and decode, and the Figures
page read both on every visit.

A value is kept with the store's *stamp* at the time it was read: this process's count of
write transactions on the database (every write of :mod:`smile_core.store` goes through
:func:`~smile_core.store.engine.write_transaction`, which calls :func:`bump` after its commit;
only a transaction marked as adding rows of its own — saving a new run, appending an edit —
leaves the kept values valid, so a save on the Matching page does not make the Figures page
read everything again) and the newest audit-log id (writes by another process on the same
database: the changes that alter an existing run or version — agreeing, leaving, erasure —
are audited; a new run or version has a new id). The stamp is read *before* the value, so
a value is never kept under a stamp newer than itself; any other write makes every kept value
stale. Values are immutable records (frozen dataclasses) and frames, shared by every session
of the process; the access checks run before the repository is asked
(:class:`smile_core.access.Service`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from smile_core.store import schema as t

T = TypeVar("T")

#: Values kept per database (a few runs and versions: each may be tens of megabytes).
MAX_KEPT = 8

_LOCK = threading.Lock()
_WRITES: dict[str, int] = {}
_KEPT: dict[str, OrderedDict[Hashable, tuple[tuple[int, int], object]]] = {}


def _database(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def bump(engine: Engine) -> None:
    """Record that a write transaction on ``engine``'s database has ended (committed or not):
    every value kept for it is stale from now on."""
    database = _database(engine)
    with _LOCK:
        _WRITES[database] = _WRITES.get(database, 0) + 1
        _KEPT.pop(database, None)


def stamp(engine: Engine) -> tuple[int, int]:
    """The database's stamp now: (writes committed by this process, newest audit-log id)."""
    with _LOCK:
        writes = _WRITES.get(_database(engine), 0)
    with engine.connect() as connection:
        newest = connection.execute(sa.select(sa.func.max(t.audit_log.c.id))).scalar()
    return writes, int(newest or 0)


def kept(engine: Engine, key: Hashable, load: Callable[[], T]) -> T:
    """``load()``, or the value kept for ``key`` when the store has not changed since it was
    read (see the module docstring)."""
    database = _database(engine)
    now = stamp(engine)
    with _LOCK:
        entry = _KEPT.get(database, OrderedDict()).get(key)
    if entry is not None and entry[0] == now:
        return entry[1]  # type: ignore[return-value]
    value = load()
    with _LOCK:
        values = _KEPT.setdefault(database, OrderedDict())
        values[key] = (now, value)
        values.move_to_end(key)
        while len(values) > MAX_KEPT:
            values.popitem(last=False)
    return value
