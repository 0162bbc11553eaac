"""Local accounts: argon2 hashes, roles and programmes, throttled logins, the CLI."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from smile_core import cli
from smile_core.store import Repository, StoreError
from smile_core.store import schema as t
from smile_core.store.accounts import Accounts, LoginRefused, login_delay

PASSWORD = "correct horse battery"


class Clock:
    """A settable clock for the throttle."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    """A fixed clock the test moves."""
    return Clock()


@pytest.fixture
def accounts(repo: Repository, clock: Clock) -> Accounts:
    """Accounts over the migrated test database."""
    return Accounts(repo.engine, clock=clock)


def test_a_user_is_stored_with_an_argon2_hash_and_logs_in(accounts, repo):
    """Only an argon2id hash is kept; the right password logs in with role and programmes."""
    programme = repo.create_programme("P", "group", {}, "test")
    user_id = accounts.add_user("kim", "coordinator", PASSWORD, "test", [programme])
    with repo.engine.connect() as connection:
        stored = connection.execute(sa.select(t.users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    record = accounts.authenticate("kim", PASSWORD)
    assert (record.id, record.role, record.programme_ids) == (user_id, "coordinator", {programme})
    assert accounts.has_users()


def test_wrong_password_and_unknown_name_get_the_same_answer(accounts):
    """A form does not tell which names exist."""
    accounts.add_user("kim", "admin", PASSWORD, "test")
    with pytest.raises(LoginRefused) as wrong:
        accounts.authenticate("kim", "not the password")
    with pytest.raises(LoginRefused) as unknown:
        accounts.authenticate("nobody", "not the password")
    assert str(wrong.value) == str(unknown.value) == "Wrong name or password"


def test_failed_logins_are_slowed_and_a_success_clears_them(accounts, clock):
    """After repeated failures even the right password waits; after the wait it works."""
    accounts.add_user("kim", "admin", PASSWORD, "test")
    for _ in range(2):
        with pytest.raises(LoginRefused):
            accounts.authenticate("kim", "wrong")
    with pytest.raises(LoginRefused) as waiting:
        accounts.authenticate("kim", PASSWORD)
    assert waiting.value.retry_after == login_delay(2) == 2
    clock.now += timedelta(seconds=3)
    assert accounts.authenticate("kim", PASSWORD).name == "kim"
    with pytest.raises(LoginRefused) as again:  # the count started over: no wait
        accounts.authenticate("kim", "wrong")
    assert again.value.retry_after == 0


def test_bad_accounts_are_refused(accounts):
    """Short passwords, unknown roles, taken names and missing programmes are refused."""
    with pytest.raises(StoreError, match="at least 10"):
        accounts.add_user("kim", "admin", "short", "test")
    with pytest.raises(StoreError, match="Role 'boss'"):
        accounts.add_user("kim", "boss", PASSWORD, "test")
    with pytest.raises(StoreError, match="No programme 99"):
        accounts.add_user("kim", "steering", PASSWORD, "test", [99])
    accounts.add_user("kim", "admin", PASSWORD, "test")
    with pytest.raises(StoreError, match="already exists"):
        accounts.add_user("kim", "admin", PASSWORD, "test")
    assert [u.name for u in accounts.list_users()] == ["kim"]


def test_removing_a_user_ends_their_account(accounts):
    """A removed account no longer logs in and its id is not found."""
    user_id = accounts.add_user("kim", "admin", PASSWORD, "test")
    accounts.remove_user("kim", "test")
    with pytest.raises(LoginRefused):
        accounts.authenticate("kim", PASSWORD)
    with pytest.raises(StoreError):
        accounts.get_user(user_id)


def test_cli_adds_a_user_with_the_password_from_standard_input(tmp_path, monkeypatch, capsys):
    """`smile users add NAME --role ... --programme ID` reads the password from stdin."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("SMILE_DATABASE_URL", url)
    repo = Repository.open(url)
    programme = repo.create_programme("P", "group", {}, "test")
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    code = cli.main(["users", "add", "sam", "--role", "steering", "--programme", str(programme)])
    assert code == 0
    record = Accounts(repo.engine).authenticate("sam", PASSWORD)
    assert (record.role, record.programme_ids) == ("steering", {programme})
    assert PASSWORD not in capsys.readouterr().out
    assert cli.main(["users", "programmes"]) == 0
    assert capsys.readouterr().out == f"{programme}\tP\n"
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert cli.main(["users", "add", "bo", "--role", "admin"]) == 1


def test_cli_replaces_a_password_and_removes_an_account(tmp_path, monkeypatch):
    """`smile users password NAME` sets a new password; `smile users remove NAME` ends it."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("SMILE_DATABASE_URL", url)
    accounts = Accounts(Repository.open(url).engine)
    accounts.add_user("sam", "admin", PASSWORD, "test")
    monkeypatch.setattr("sys.stdin", io.StringIO("a brand new password\n"))
    assert cli.main(["users", "password", "sam"]) == 0
    assert accounts.authenticate("sam", "a brand new password").name == "sam"
    assert cli.main(["users", "remove", "sam"]) == 0
    assert not accounts.has_users()
    assert cli.main(["users", "remove", "sam"]) == 1


def test_a_single_sign_on_identity_finds_only_its_own_account(accounts):
    """An identity's e-mail finds the account of that name (any case); others are refused."""
    accounts.add_user("anna@kommun.se", "coordinator", PASSWORD, "test")
    found = accounts.for_identity("  Anna@Kommun.SE ")
    assert (found.name, found.role) == ("anna@kommun.se", "coordinator")
    for identity in ("bo@kommun.se", "", None):
        with pytest.raises(LoginRefused, match="No SMILE account"):
            accounts.for_identity(identity)
