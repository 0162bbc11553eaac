"""Version differences: added, removed and changed rows, field by field."""

from __future__ import annotations

from smile_core.store.diff import diff_table, diff_versions
from smile_core.store.records import FieldChange, RowChange


def test_added_removed_and_changed_rows_are_told_apart() -> None:
    """Ids only after are added, only before removed, in both with other values changed."""
    before = {"A1": {"name": "X", "languages": ["sv"]}, "A2": {"name": "Y"}, "A3": {"name": "Z"}}
    after = {"A1": {"name": "X", "languages": ["sv", "en"]}, "A3": {"name": "Z"}, "A4": {}}
    diff = diff_table(before, after)
    assert diff.added == ("A4",)
    assert diff.removed == ("A2",)
    assert diff.changed == (RowChange("A1", (FieldChange("languages", ["sv"], ["sv", "en"]),)),)


def test_a_field_that_appears_or_disappears_is_a_change() -> None:
    """A field present on one side only counts as changed from or to None."""
    diff = diff_table({"W1": {"capacity": 2}}, {"W1": {"capacity": 2, "region": "skåne"}})
    assert diff.changed == (RowChange("W1", (FieldChange("region", None, "skåne"),)),)


def test_identical_versions_have_an_empty_difference() -> None:
    """The same tables on both sides give an empty difference in every table."""
    tables = {"adepts": {"A1": {"name": "X"}}, "mentors": {}, "workplaces": {"W1": {}}}
    diff = diff_versions(1, 2, tables, tables)
    assert diff.empty and (diff.before, diff.after) == (1, 2)
    assert not diff_versions(None, 1, {}, tables).empty
