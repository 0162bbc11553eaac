"""The role demos (data/demo/roles/) as tests need them: programme and plan, optionally with
some adepts written as non-binary (a small gender group). Shared by test_role_figures and
test_report_roles; cached, and everything returned is immutable."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from smile_core.ingest.participants import Programme
from smile_core.ingest.reading import SourceFile
from smile_core.ingest.validation import load_programme
from smile_core.matching.plan import MatchResult
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import solve

ROLES = Path(__file__).resolve().parents[2] / "data" / "demo" / "roles"


@cache
def role_demo(key: str, nonbinary: tuple[str, ...] = ()) -> tuple[Programme, MatchResult]:
    """The role demo ``key`` (vocational or network) from data/demo/roles, with the adepts
    ``nonbinary`` written as non-binary, and its plan (fixed seed)."""
    files = {}
    for name in ("adepts", "mentors", "workplaces"):
        path = ROLES / key / f"{name}.csv"
        if path.exists():
            data = path.read_bytes()
            if name == "adepts":
                for adept in nonbinary:
                    data = re.sub(
                        rf"^({adept},[^,\n]*),(man|kvinna),".encode(),
                        rb"\1,x,",
                        data,
                        flags=re.MULTILINE,
                    )
            files[name] = SourceFile(f"{name}.csv", data)
    loaded = load_programme(**files)
    assert loaded.programme is not None, loaded.report.errors
    result = solve(loaded.programme, MatchSettings(seed=1))
    assert result.roles is not None
    return loaded.programme, result
