"""Shared helpers for the AppTest suites (imported by tests/ui/conftest.py and the tests)."""

import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from streamlit.testing.v1 import AppTest

REPO_ROOT = Path(__file__).resolve().parents[2]
APP_PATH = REPO_ROOT / "app.py"
# Generous: the first run imports polars and friends, and CI machines are slow.
RUN_TIMEOUT_SECONDS = 30

# smile_ui sits next to app.py and is not an installed package: Streamlit finds it because it
# puts the script's folder on sys.path, and the tests need the same.
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))


def assert_no_error(at: AppTest) -> None:
    """Fail if the last run raised or showed an error message; say what was shown."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@dataclass(frozen=True)
class Chart:
    """An Altair chart as the app sent it: its Vega-Lite spec and the data sets it carries."""

    spec: dict
    datasets: list[pl.DataFrame]

    @property
    def data(self) -> pl.DataFrame:
        """All rows the chart sends to the browser, from every data set, stacked."""
        return pl.concat(self.datasets, how="diagonal_relaxed")


def charts(at: AppTest) -> list[Chart]:
    """Every Vega-Lite (Altair) chart of the last run, in the order drawn."""
    found: list[Chart] = []

    def walk(node) -> None:
        for child in getattr(node, "children", {}).values():
            if getattr(child, "type", "") in ("arrow_vega_lite_chart", "vega_lite_chart"):
                found.append(
                    Chart(
                        spec=json.loads(child.proto.spec),
                        datasets=[
                            pl.read_ipc_stream(io.BytesIO(d.data.data))
                            for d in child.proto.datasets
                        ],
                    )
                )
            walk(child)

    walk(at._tree)
    return found


#: The password of every account the UI tests create.
TEST_PASSWORD = "correct horse battery"


def add_account(
    database_url: str, name: str, role: str, programme_ids: tuple[int, ...] = ()
) -> int:
    """Create an account in the test database (migrating it first); returns its id."""
    from smile_core.store import Repository
    from smile_core.store.accounts import Accounts

    repo = Repository.open(database_url)
    return Accounts(repo.engine).add_user(name, role, TEST_PASSWORD, "test", programme_ids)


def log_in(at: AppTest, name: str, password: str = TEST_PASSWORD) -> AppTest:
    """Fill in and submit the login form of the last run, and run again."""
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    next(b for b in at.button if b.label in ("Logga in", "Log in")).click().run()
    return at
