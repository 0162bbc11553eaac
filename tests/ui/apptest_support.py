"""Shared helpers for the AppTest suites (imported by tests/ui/conftest.py and the tests)."""

import sys
from pathlib import Path

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
