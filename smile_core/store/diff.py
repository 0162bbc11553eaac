"""What changed between two uploads of a cohort's participants.

Rows are matched by the coordinator's id within each table (adepts, mentors, workplaces):
an id only in the newer upload is *added*, only in the older one *removed*, and in both with
any field different *changed*, listing each differing field with its old and new value.
Fields compare as stored (normalised text, lists in order), so re-uploading the same file
gives an empty difference.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from smile_core.store.records import FieldChange, RowChange, TableDiff, VersionDiff

#: One table of one version: id -> stored attributes.
Snapshot = Mapping[str, Mapping[str, Any]]


def diff_table(before: Snapshot, after: Snapshot) -> TableDiff:
    """Added, removed and changed ids (each sorted) from ``before`` to ``after``."""
    added = tuple(sorted(set(after) - set(before)))
    removed = tuple(sorted(set(before) - set(after)))
    changed: list[RowChange] = []
    for row_id in sorted(set(before) & set(after)):
        old, new = before[row_id], after[row_id]
        fields = [
            FieldChange(name, old.get(name), new.get(name))
            for name in sorted(set(old) | set(new))
            if old.get(name) != new.get(name)
        ]
        if fields:
            changed.append(RowChange(row_id, tuple(fields)))
    return TableDiff(added=added, removed=removed, changed=tuple(changed))


def diff_versions(
    before_number: int | None,
    after_number: int,
    before: Mapping[str, Snapshot],
    after: Mapping[str, Snapshot],
) -> VersionDiff:
    """The difference between two versions given as ``{"adepts"|"mentors"|"workplaces": ...}``."""
    return VersionDiff(
        before=before_number,
        after=after_number,
        adepts=diff_table(before.get("adepts", {}), after.get("adepts", {})),
        mentors=diff_table(before.get("mentors", {}), after.get("mentors", {})),
        workplaces=diff_table(before.get("workplaces", {}), after.get("workplaces", {})),
    )
