"""The newer-runs timer's own login check: judged without counting as the user's activity."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from smile_core.access import IDLE_TIMEOUT, LOCAL_USER
from smile_ui import login

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


@dataclass
class _Held:
    """A state key holding one value (what ``StateKey.get`` would return)."""

    value: Any

    def get(self) -> Any:
        return self.value

    def set(self, value: Any) -> None:
        raise AssertionError("the check must not write the session")


@pytest.mark.parametrize(
    ("user", "session", "expected"),
    [
        (None, None, False),  # nobody logged in
        (LOCAL_USER, None, True),  # local single-user mode
        (LOCAL_USER, (1, NOW - timedelta(hours=1), NOW - timedelta(minutes=5)), True),
        (
            LOCAL_USER,
            (1, NOW - timedelta(hours=1), NOW - IDLE_TIMEOUT - timedelta(seconds=1)),
            False,
        ),
        (LOCAL_USER, (1, NOW - timedelta(hours=11), NOW - timedelta(minutes=1)), False),
    ],
)
def test_a_login_is_judged_without_being_renewed(monkeypatch, user, session, expected):
    """Idle too long or too old: not logged in; nothing in the session is written."""
    monkeypatch.setattr(login, "CURRENT_USER", _Held(user))
    monkeypatch.setattr(login, "LOGIN", _Held(session))
    assert login.still_logged_in(NOW) is expected
