"""The participant lists a coordinator browses: one table per kind, filtered, then labelled.

:func:`roster` gives the columns worth reading on screen (no birth country: it is sensitive
and not needed to check a list); :func:`filter_roster` narrows it by a search text and chosen
values; :func:`labelled` turns codes (``woman``, ``cv_interview``) into words of the UI
language. Filter on codes first and label last, so a filter never depends on the language.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from smile_core.ingest.participants import Programme
from smile_core.ingest.tables import adepts_frame, mentors_frame, workplaces_frame
from smile_core.text import t

#: The columns each table shows, in order.
ROSTER_COLUMNS: dict[str, tuple[str, ...]] = {
    "adepts": (
        "id",
        "name",
        "gender",
        "field",
        "target_field",
        "languages",
        "swedish_level",
        "municipality",
        "region",
        "preferred_mentor_gender",
        "goals",
        "cohort",
    ),
    "mentors": (
        "id",
        "name",
        "gender",
        "mentor_type",
        "workplace_id",
        "field",
        "languages",
        "capacity",
        "min_group_size",
        "municipality",
        "region",
        "offers",
    ),
    "workplaces": ("id", "name", "industry", "municipality", "region", "capacity"),
}

_FRAMES = {"adepts": adepts_frame, "mentors": mentors_frame, "workplaces": workplaces_frame}
# Code columns and the catalogue prefix of their words; tag lists are labelled item by item.
_CODE_COLUMNS = {
    "gender": "gender",
    "preferred_mentor_gender": "preference",
    "mentor_type": "mentor_type",
}
_TAG_COLUMNS = ("goals", "offers")


def roster(programme: Programme, table: str) -> pl.DataFrame:
    """The ``table`` (``"adepts"``, ``"mentors"`` or ``"workplaces"``) of ``programme`` with
    the columns of :data:`ROSTER_COLUMNS`, in programme order."""
    if table not in _FRAMES:
        raise ValueError(f"unknown table {table!r}; expected one of {tuple(_FRAMES)}")
    return _FRAMES[table](programme).select(ROSTER_COLUMNS[table])


def filter_roster(
    frame: pl.DataFrame,
    *,
    search: str = "",
    genders: Iterable[str] = (),
    fields: Iterable[str] = (),
    regions: Iterable[str] = (),
) -> pl.DataFrame:
    """The rows of a :func:`roster` frame that match every filter given.

    ``search`` matches the id or name, ignoring case, as plain text (not a pattern); an
    empty search, or an empty list of values, does not filter. ``genders``, ``fields`` and
    ``regions`` keep rows whose value is one of those listed; a table without that column
    (workplaces have no gender) is not filtered by it.
    """
    condition = pl.lit(True)
    needle = search.strip().casefold()
    if needle:
        condition &= pl.col("id").str.to_lowercase().str.contains(needle, literal=True) | pl.col(
            "name"
        ).str.to_lowercase().str.contains(needle, literal=True)
    for column, values in (("gender", genders), ("field", fields), ("region", regions)):
        chosen = list(values)
        if chosen and column in frame.columns:
            condition &= pl.col(column).is_in(chosen)
    return frame.filter(condition)


def choices(frame: pl.DataFrame, column: str) -> list[str]:
    """The distinct non-blank values of ``column`` in ``frame``, sorted: a filter's options."""
    if column not in frame.columns:
        return []
    return sorted(value for value in frame[column].unique().to_list() if value)


def labelled(frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    """``frame`` with its code columns in the words of ``lang``; other columns unchanged.

    A code the catalogue does not know (e.g. a goal word a coordinator wrote that is not one
    of SMILE's tags) is shown as written.
    """
    replacements = []
    for column, prefix in _CODE_COLUMNS.items():
        if column in frame.columns:
            words = {code: _word(prefix, code, lang) for code in frame[column].unique().to_list()}
            replacements.append(pl.col(column).replace_strict(words, return_dtype=pl.String))
    for column in _TAG_COLUMNS:
        if column in frame.columns:
            codes = {code for tags in frame[column].to_list() for code in tags}
            words = {code: _word("goal", code, lang) for code in codes}
            replacements.append(
                pl.col(column).list.eval(pl.element().replace_strict(words, return_dtype=pl.String))
            )
    return frame.with_columns(replacements) if replacements else frame


def _word(prefix: str, code: str | None, lang: str) -> str | None:
    if code is None:
        return None
    try:
        return t(f"{prefix}.{code}", lang)
    except KeyError:
        return code
