"""AppTest fixtures: the dashboard driven from its entrypoint, as Streamlit would run it.

Use ``open_page`` in page tests: it runs ``app.py`` (the frame: session bootstrap, sidebar,
navigation, error guard), switches to the page and runs it, and checks that nothing raised.
Seed what the page needs through ``state`` (session-state keys from ``smile_ui.state``);
without accounts the app runs in its local single-user mode (``.streamlit/config.toml`` binds
127.0.0.1); with ``user=`` it logs in as that account (see ``apptest_support.add_account``)::

    def test_overview_counts(open_page):
        at = open_page("overview", lang="en", state={"programme": demo})
        assert at.metric[0].value == "40"

``at`` is the ``AppTest``; keep interacting with it (``at.button[0].click().run()``), and
call ``assert_no_error(at)`` (from ``apptest_support``) after each run.
"""

from collections.abc import Callable, Mapping

import pytest
from apptest_support import APP_PATH, RUN_TIMEOUT_SECONDS, assert_no_error, log_in
from streamlit.testing.v1 import AppTest

from smile_ui.navigation import PAGES


@pytest.fixture(autouse=True)
def temporary_database(tmp_path, monkeypatch) -> str:
    """Every UI test stores into a fresh SQLite file of its own, never ``data/smile.db``."""
    url = f"sqlite:///{tmp_path / 'smile.db'}"
    monkeypatch.setenv("SMILE_DATABASE_URL", url)
    return url


@pytest.fixture
def app() -> AppTest:
    """The dashboard from ``app.py``, not yet run."""
    return AppTest.from_file(str(APP_PATH), default_timeout=RUN_TIMEOUT_SECONDS)


@pytest.fixture
def open_page(app: AppTest) -> Callable[..., AppTest]:
    """A function that opens one page (by id, as in ``smile_ui.navigation.PAGES``) and runs it."""
    page_ids = {spec.page_id for spec in PAGES}

    def _open(
        page_id: str,
        lang: str = "sv",
        state: Mapping[str, object] | None = None,
        user: str | None = None,
    ):
        assert page_id in page_ids, f"no page {page_id!r}; pages are {sorted(page_ids)}"
        app.session_state["lang"] = lang
        for key, value in (state or {}).items():
            app.session_state[key] = value
        app.run()
        assert_no_error(app)
        if user is not None:  # an account exists: the first run showed the login form
            log_in(app, user)
            assert_no_error(app)
        app.switch_page(f"pages/{page_id}.py").run()
        assert_no_error(app)
        return app

    return _open


@pytest.fixture(autouse=True)
def cheap_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id with the smallest cost, so tests that log in stay fast."""
    from argon2 import PasswordHasher

    monkeypatch.setattr(
        "smile_core.store.accounts._hasher",
        PasswordHasher(time_cost=1, memory_cost=64, parallelism=1),
    )
