"""Local accounts: users, their role and programmes, argon2 password hashes, throttled logins.

A user has one role (``coordinator``, ``steering`` or ``admin``, see
:data:`smile_core.store.schema.USER_ROLES`) and, for coordinators and steering groups, the
programmes they are given. Passwords are kept only as argon2id hashes (``argon2-cffi``, its
default parameters, rehashed on login when those change).

Failed logins are slowed: after ``n`` consecutive failures for a name, the next attempt is
refused unchecked until :func:`login_delay` ``(n)`` seconds after the last one. An unknown name
costs as much as a wrong password (a hash is verified either way) and gets the same answer, so
a login form does not tell which names exist. Nothing here logs anything, and no message
names a password.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.engine import Connection, Engine

from smile_core.store import schema as t
from smile_core.store.codec import utc, utc_now
from smile_core.store.engine import read_transaction, write_transaction
from smile_core.store.errors import StoreError, not_found
from smile_core.store.lookups import audit, programme_row
from smile_core.text import Message

#: The shortest password accepted.
MIN_PASSWORD_LENGTH = 10
#: The longest wait between attempts after many failures (seconds).
MAX_LOGIN_DELAY_SECONDS = 300

_hasher = PasswordHasher()
# Verified against when the name is unknown, so that case takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


def login_delay(failures: int) -> float:
    """Seconds the next attempt must wait after ``failures`` consecutive failures: none for the
    first two (typing mistakes), then 2, 4, 8, … up to :data:`MAX_LOGIN_DELAY_SECONDS`."""
    if failures < 2:
        return 0.0
    return float(min(2 ** (failures - 1), MAX_LOGIN_DELAY_SECONDS))


@dataclass(frozen=True)
class UserRecord:
    """One account: no password or hash, just who it is and what it may see."""

    id: int
    name: str
    role: str
    programme_ids: frozenset[int]
    created_at: datetime


class LoginRefused(StoreError):
    """A login that did not succeed; ``retry_after`` is how many seconds to wait (0: none)."""

    def __init__(
        self, message: Message | str, message_en: str | None = None, retry_after: float = 0.0
    ) -> None:
        super().__init__(message, message_en)
        self.retry_after = retry_after


def _wrong() -> LoginRefused:
    return LoginRefused(Message.of("store.login.wrong"))


class Accounts:
    """Users over an engine; every method is one transaction. ``clock`` gives UTC now."""

    def __init__(self, engine: Engine, *, clock: Callable[[], datetime] = utc_now) -> None:
        self.engine = engine
        self._clock = clock

    def _now(self) -> datetime:
        return utc(self._clock())

    def has_users(self) -> bool:
        """Whether any account exists (then the dashboard requires a login)."""
        with read_transaction(self.engine) as connection:
            return connection.execute(sa.select(t.users.c.id).limit(1)).first() is not None

    def add_user(
        self,
        name: str,
        role: str,
        password: str,
        who: str,
        programme_ids: Iterable[int] = (),
    ) -> int:
        """A new account; names are unique, ``role`` one of ``USER_ROLES``; the password must be
        at least :data:`MIN_PASSWORD_LENGTH` characters. Each programme must exist."""
        name = name.strip()
        if not name:
            raise StoreError(Message.of("store.user.no_name"))
        if role not in t.USER_ROLES:
            roles = ", ".join(t.USER_ROLES)
            raise StoreError(Message.of("store.user.unknown_role", role=repr(role), roles=roles))
        _check_password(password)
        programme_ids = sorted(set(programme_ids))
        password_hash = _hasher.hash(password)
        with write_transaction(self.engine) as connection:
            if _user_row(connection, name) is not None:
                raise StoreError(Message.of("store.user.taken", name=repr(name)))
            for programme_id in programme_ids:
                programme_row(connection, programme_id)
            now = self._now()
            user_id = connection.execute(
                sa.insert(t.users)
                .values(
                    name=name,
                    role=role,
                    password_hash=password_hash,
                    created_at=now,
                    failed_logins=0,
                )
                .returning(t.users.c.id)
            ).scalar_one()
            if programme_ids:
                connection.execute(
                    sa.insert(t.user_programmes),
                    [{"user_id": user_id, "programme_id": p} for p in programme_ids],
                )
            audit(connection, now, who, "user added", None, {"role": role})
        return user_id

    def grant(self, user_id: int, programme_id: int, who: str) -> None:
        """Give the user the programme (harmless if they have it already)."""
        with write_transaction(self.engine) as connection:
            grant(connection, user_id, programme_id)
            audit(connection, self._now(), who, "programme granted", programme_id)

    def set_password(self, name: str, password: str, who: str) -> None:
        """Replace the user's password (and forget their failed logins)."""
        _check_password(password)
        password_hash = _hasher.hash(password)
        with write_transaction(self.engine) as connection:
            row = _user_row(connection, name)
            if row is None:
                raise not_found("user", repr(name))
            connection.execute(
                sa.update(t.users)
                .where(t.users.c.id == row.id)
                .values(password_hash=password_hash, failed_logins=0, last_failed_at=None)
            )
            audit(connection, self._now(), who, "password set", None)

    def remove_user(self, name: str, who: str) -> None:
        """Delete the account (its open sessions end at their next page load)."""
        with write_transaction(self.engine) as connection:
            row = _user_row(connection, name)
            if row is None:
                raise not_found("user", repr(name))
            connection.execute(sa.delete(t.users).where(t.users.c.id == row.id))
            audit(connection, self._now(), who, "user removed", None, {"role": row.role})

    def list_users(self) -> tuple[UserRecord, ...]:
        """Every account by name."""
        with read_transaction(self.engine) as connection:
            rows = connection.execute(sa.select(t.users).order_by(t.users.c.name)).all()
            return tuple(_record(connection, row) for row in rows)

    def get_user(self, user_id: int) -> UserRecord:
        """One account by id (``NotFound`` once it was removed)."""
        with read_transaction(self.engine) as connection:
            row = connection.execute(sa.select(t.users).where(t.users.c.id == user_id)).first()
            if row is None:
                raise not_found("user", user_id)
            return _record(connection, row)

    def programme_ids(self, user_id: int) -> frozenset[int]:
        """The programmes the account is given now (none once it was removed)."""
        with read_transaction(self.engine) as connection:
            return _programme_ids(connection, user_id)

    def for_identity(self, email: str | None) -> UserRecord:
        """The account named by a single-sign-on identity's verified e-mail address (names
        compared without case or surrounding spaces); :class:`LoginRefused` when there is none.

        Signing in through the organisation's identity provider proves who someone is, not
        what they may see: only an account an administrator created (``smile users add
        anna@kommun.se --role …``) gives a role and programmes.
        """
        wanted = (email or "").strip().lower()
        if wanted:
            with read_transaction(self.engine) as connection:
                rows = connection.execute(
                    sa.select(t.users).where(sa.func.lower(t.users.c.name) == wanted)
                ).all()
                if len(rows) == 1:
                    return _record(connection, rows[0])
        who = email or Message.of("store.login.signed_in_user")
        raise LoginRefused(
            Message.of("store.login.no_account", who=who),
        )

    def authenticate(self, name: str, password: str) -> UserRecord:
        """The account if ``password`` is its password; else :class:`LoginRefused`.

        Refused unchecked while the name must still wait after earlier failures (the refusal
        says how long); a wrong password counts one more failure, a right one clears them.
        """
        now = self._now()
        with write_transaction(self.engine) as connection:
            row = _user_row(connection, name.strip())
            if row is None:
                _verify(_DUMMY_HASH, password)
                raise _wrong()
            wait = login_delay(row.failed_logins)
            if row.last_failed_at is not None and wait:
                ready = utc(row.last_failed_at) + timedelta(seconds=wait)
                if now < ready:
                    seconds = math.ceil((ready - now).total_seconds())
                    raise LoginRefused(
                        Message.of("store.login.too_many", seconds=seconds),
                        retry_after=seconds,
                    )
            accepted = _verify(row.password_hash, password)
            values: dict[str, object] = {"failed_logins": 0, "last_failed_at": None}
            if not accepted:
                # Committed although the login fails: the count must outlive the refusal.
                values = {"failed_logins": row.failed_logins + 1, "last_failed_at": now}
            elif _hasher.check_needs_rehash(row.password_hash):
                values["password_hash"] = _hasher.hash(password)
            connection.execute(sa.update(t.users).where(t.users.c.id == row.id).values(**values))
            record = _record(connection, row)
        if not accepted:
            raise _wrong()
        return record


def grant(connection: Connection, user_id: int, programme_id: int) -> None:
    """Within a transaction: give user ``user_id`` programme ``programme_id`` (idempotent)."""
    exists = connection.execute(
        sa.select(t.user_programmes.c.user_id).where(
            t.user_programmes.c.user_id == user_id,
            t.user_programmes.c.programme_id == programme_id,
        )
    ).first()
    if exists is None:
        programme_row(connection, programme_id)
        connection.execute(
            sa.insert(t.user_programmes).values(user_id=user_id, programme_id=programme_id)
        )


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise StoreError(Message.of("store.user.short_password", n=MIN_PASSWORD_LENGTH))


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _user_row(connection: Connection, name: str) -> sa.Row | None:
    return connection.execute(sa.select(t.users).where(t.users.c.name == name)).first()


def _programme_ids(connection: Connection, user_id: int) -> frozenset[int]:
    return frozenset(
        connection.execute(
            sa.select(t.user_programmes.c.programme_id).where(
                t.user_programmes.c.user_id == user_id
            )
        ).scalars()
    )


def _record(connection: Connection, row: sa.Row) -> UserRecord:
    return UserRecord(
        id=row.id,
        name=row.name,
        role=row.role,
        programme_ids=_programme_ids(connection, row.id),
        created_at=utc(row.created_at),
    )
