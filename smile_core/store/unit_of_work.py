"""The transaction helper every repository shares: one short transaction per method, or one
transaction for several methods (:meth:`UnitOfWork.atomic`).

Writers take the database's write lock at their start (SQLite ``BEGIN IMMEDIATE``; on
PostgreSQL writers to one cohort lock its row), so concurrent sessions, threads or processes
queue instead of losing each other's work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Self

from sqlalchemy.engine import Connection, Engine

from smile_core.store.codec import utc, utc_now
from smile_core.store.engine import read_transaction, write_transaction


class UnitOfWork:
    """An engine, a clock, and (inside :meth:`atomic`) the one connection every method uses.

    Each method of a repository built on this runs in its own transaction: it commits
    everything or, on any error, nothing. ``clock`` gives the current UTC time (tests pass a
    fixed one).
    """

    def __init__(
        self,
        engine: Engine,
        *,
        clock: Callable[[], datetime] = utc_now,
        connection: Connection | None = None,
    ) -> None:
        self.engine = engine
        self._clock = clock
        # Set only on the repository :meth:`atomic` hands out: every method then runs in
        # that one transaction instead of its own.
        self._connection = connection

    @contextmanager
    def atomic(self, *, adds_only: bool = False) -> Iterator[Self]:
        """A repository of the same kind whose every method runs in one write transaction:
        all of it is committed at the end of the ``with`` block, or nothing if anything
        raised. Nested, it is the same transaction. ``adds_only``: every method called in it
        only adds rows of its own (as :meth:`_write` says), so reads kept in memory stay."""
        if self._connection is not None:
            yield self
            return
        with write_transaction(self.engine, adds_only=adds_only) as connection:
            yield type(self)(self.engine, clock=self._clock, connection=connection)

    @contextmanager
    def _write(self, *, adds_only: bool = False) -> Iterator[Connection]:
        """One write transaction (or the :meth:`atomic` one). ``adds_only``: it only inserts
        rows of its own and changes no existing run or participant version, so reads kept in
        memory stay valid (see :func:`~smile_core.store.engine.write_transaction`)."""
        if self._connection is not None:
            yield self._connection
        else:
            with write_transaction(self.engine, adds_only=adds_only) as connection:
                yield connection

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        if self._connection is not None:
            yield self._connection
        else:
            with read_transaction(self.engine) as connection:
                yield connection

    def _now(self) -> datetime:
        return utc(self._clock())
