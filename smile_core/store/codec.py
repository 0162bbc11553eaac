"""Turning SMILE's values into JSON for the store, and back.

- People and workplaces: every dataclass field except ``id`` (kept in its own column) as a
  JSON object; tuples become lists and enums their values. Reading back ignores fields the
  dataclass no longer has and lets new fields take their defaults, so old versions still load.
- Settings: ``dataclasses.asdict``, read back with :func:`settings_from_mapping`.
- Figures of a result: aggregates only (see :func:`result_figures`); per-person facts are rows.
- A plan's role setup (:func:`role_setup_json`): the programme's roles, names and rules, no
  person in them; kept with the run so a reload reads the plan with the roles it was made with.
"""

from __future__ import annotations

import dataclasses
import json
import math
import platform
from datetime import UTC, datetime
from functools import cache
from importlib import metadata
from typing import Any, TypeVar

from smile_core.ingest.participants import Adept, Gender, Mentor, MentorGenderPreference, Workplace
from smile_core.matching.plan import MatchResult
from smile_core.matching.roles import Role, RoleSetup
from smile_core.matching.settings import MatchSettings, ScoreWeights, settings_from_mapping

Row = TypeVar("Row", Adept, Mentor, Workplace)

_ENUM_FIELDS = {"gender": Gender, "preferred_mentor_gender": MentorGenderPreference}
_VERSIONED_PACKAGES = ("smile", "ortools", "polars", "sqlalchemy")


def plain(value: Any) -> Any:
    """``value`` as plain JSON data (tuples as lists, enums as values, non-finite floats None)."""
    return json.loads(json.dumps(value, default=str), parse_constant=lambda _c: None)


def attributes(row: Adept | Mentor | Workplace) -> dict[str, Any]:
    """Every field of ``row`` except its id, as plain JSON data."""
    data = dataclasses.asdict(row)
    data.pop("id")
    return plain(data)


@cache
def _stored_fields(cls: type) -> frozenset[str]:
    # Once per class, not once per row: a 5,000-adept version reads 8,500 rows per page.
    return frozenset(f.name for f in dataclasses.fields(cls)) - {"id"}


def from_attributes(cls: type[Row], source_id: str, data: dict[str, Any]) -> Row:
    """A ``cls`` with id ``source_id`` from stored attributes (see module doc)."""
    known = _stored_fields(cls)
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name not in known:
            continue
        if isinstance(value, list):
            # Nested lists too: a mentor's roles are (role, capacity) pairs.
            value = tuple(tuple(v) if isinstance(v, list) else v for v in value)
        if name in _ENUM_FIELDS:
            value = _ENUM_FIELDS[name](value)
        values[name] = value
    return cls(id=source_id, **values)


def settings_json(settings: MatchSettings) -> dict[str, Any]:
    """The settings as plain JSON data."""
    return plain(dataclasses.asdict(settings))


def settings_from_json(data: dict[str, Any]) -> MatchSettings:
    """Settings stored with :func:`settings_json`."""
    return settings_from_mapping(data)


def role_setup_json(setup: RoleSetup) -> dict[str, Any]:
    """A role setup as plain JSON data (every field of each role, weights included)."""
    return plain(dataclasses.asdict(setup))


def role_setup_from_json(data: dict[str, Any]) -> RoleSetup:
    """The setup :func:`role_setup_json` wrote."""
    roles = tuple(
        Role(**{**role, "weights": ScoreWeights(**role["weights"]) if role["weights"] else None})
        for role in data["roles"]
    )
    return RoleSetup(
        roles,
        placements=bool(data["placements"]),
        placement_equality=bool(data["placement_equality"]),
    )


def result_figures(result: MatchResult) -> dict[str, Any]:
    """A result's aggregate figures: no adept's or mentor's id or name appears in them."""
    diff = result.diff
    return plain(
        {
            "total_score": result.total_score,
            "objective": result.objective,
            "best_bound": result.best_bound,
            "gap": result.gap if math.isfinite(result.gap) else None,
            "matched": result.matched,
            "unmatched": len(result.unmatched),
            "conflicts": len(result.conflicts),
            "stages": list(result.stages),
            # Mentor changes made by hand after the solve: the status is the solver's.
            "hand_edits": result.hand_edits,
            # Group counts in words (constrained groups only, so never fewer than the group
            # limit): what a reload shows beside the plan.
            "equality_notes": [
                {"kind": n.kind, **n.text.to_json(), "group": n.group, "count": n.count}
                for n in result.equality_notes
            ],
            "by_gender": [
                {
                    "gender": g.gender,
                    "applicants": g.applicants,
                    "matched": g.matched,
                    "mean_score": g.mean_score,
                }
                for g in result.by_gender
            ],
            "changes": None
            if diff is None
            else {
                "added": len(diff.added),
                "removed": len(diff.removed),
                "changed": len(diff.changed),
                "kept": diff.kept,
            },
        }
    )


def package_versions() -> dict[str, str]:
    """Versions of Python and of the packages that shape a plan, for a run's record."""
    return dict(_package_versions())


@cache
def _package_versions() -> tuple[tuple[str, str], ...]:
    # Once per process: the code running is the code imported, whatever pip did since.
    versions = {"python": platform.python_version()}
    for package in _VERSIONED_PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "unknown"
    return tuple(versions.items())


def solver_name(versions: dict[str, str]) -> str:
    """The solver that produced a run, with its version."""
    return f"OR-Tools CP-SAT {versions.get('ortools', 'unknown')}"


def utc(moment: datetime | None) -> datetime | None:
    """``moment`` in UTC with its zone (SQLite returns stored UTC times without one)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def utc_now() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)
