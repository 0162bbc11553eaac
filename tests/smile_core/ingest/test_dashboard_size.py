"""The dashboard's size limit: a programme over it is refused with its sizes and the way on,
both at the upload check and when a stored cohort is opened; one within it passes untouched."""

from pathlib import Path

import pytest

from smile_core.ingest import dashboard_size
from smile_core.ingest.dashboard_size import (
    TooLargeForDashboard,
    refuse_oversized,
    require_dashboard_size,
)
from smile_core.ingest.problems import Severity
from smile_core.ingest.reading import SourceFile
from smile_core.ingest.validation import load_programme
from smile_core.store.errors import StoreError
from smile_core.text import t

TINY = Path(__file__).parent.parent.parent / "data" / "tiny_programme"


def _tiny_load():
    files = {
        n: SourceFile(f"{n}.csv", (TINY / f"{n}.csv").read_bytes())
        for n in ("adepts", "mentors", "workplaces")
    }
    return load_programme(**files)


def test_within_the_limit_the_load_is_unchanged():
    """4 adepts x 3 mentors under the real limit: the very same result."""
    load = _tiny_load()
    assert load.ok
    assert refuse_oversized(load) is load
    require_dashboard_size(load.programme)  # raises nothing


def test_over_the_limit_the_upload_gets_one_error_naming_the_sizes(monkeypatch):
    """12 pairs over a limit of 11: no programme, one error on the mentors file with the sizes."""
    monkeypatch.setattr(dashboard_size, "DASHBOARD_MAX_PAIRS", 11)
    load = _tiny_load()
    refused = refuse_oversized(load)
    assert refused.programme is None and not refused.ok
    errors = refused.report.errors
    assert len(errors) == 1 and errors[0].severity is Severity.ERROR
    assert errors[0].file == load.files["mentors"]
    assert errors[0].value == "4 × 3"
    params = {"adepts": 4, "mentors": 3, "pairs": 12 / 1e6, "most": 11 / 1e6}
    assert errors[0].message_sv == t("dashboard.too_large", "sv", **params)
    assert errors[0].message_en == t("dashboard.too_large", "en", **params)
    assert "smile match" in errors[0].message_en
    # The warnings the files had are all still there.
    assert refused.report.warnings == load.report.warnings


def test_opening_a_stored_cohort_over_the_limit_is_a_refusal(monkeypatch):
    """A store refusal (which the pages show as one) with the same words."""
    monkeypatch.setattr(dashboard_size, "DASHBOARD_MAX_PAIRS", 11)
    with pytest.raises(TooLargeForDashboard) as raised:
        require_dashboard_size(_tiny_load().programme)
    assert isinstance(raised.value, StoreError)
    assert "4 adepts and 3 mentors" in raised.value.message_en
