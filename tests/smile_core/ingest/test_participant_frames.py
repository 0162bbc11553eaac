"""Participant frames: list attributes become List(String) columns item for item, in order."""

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from smile_core.ingest.participants import Adept, Gender, Programme
from smile_core.ingest.tables import adepts_frame

_ITEMS = st.lists(st.text(max_size=4), max_size=3).map(tuple)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_ITEMS, _ITEMS), min_size=1, max_size=6))
def test_list_columns_keep_every_item(lists: list[tuple[tuple[str, ...], ...]]) -> None:
    """Each adept's languages and goals read back exactly: empty lists, empty strings, any text."""
    adepts = tuple(
        Adept(f"A{i}", Gender.WOMAN, "svetsare", languages=languages, goals=goals)
        for i, (languages, goals) in enumerate(lists)
    )
    frame = adepts_frame(Programme(adepts=adepts, mentors=()))
    assert frame.schema["languages"] == pl.List(pl.String)
    assert [tuple(v) for v in frame["languages"].to_list()] == [a.languages for a in adepts]
    assert [tuple(v) for v in frame["goals"].to_list()] == [a.goals for a in adepts]
    assert frame["id"].to_list() == [a.id for a in adepts]


def test_separator_in_a_value_still_reads_back() -> None:
    """A list item holding the join character takes the per-list path and is kept whole."""
    adept = Adept("A1", Gender.MAN, "snickare", languages=("sv\x1fen", ""))
    frame = adepts_frame(Programme(adepts=(adept,), mentors=()))
    assert frame["languages"].to_list() == [["sv\x1fen", ""]]
