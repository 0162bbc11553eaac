"""The coordinator's participant files: check them, remember the column mapping, load them.

The files of the last check are kept in session state (:data:`~smile_ui.state.UPLOAD_SOURCES`)
so that choosing a field for an unknown column can load them again without a new upload; the
mapping itself (:data:`~smile_ui.state.COLUMN_MAPPING`) lasts for the session and applies to
every later upload too.
"""

from __future__ import annotations

from collections.abc import Mapping

from smile_core.isolation import load_programme_isolated
from smile_core.reading import SourceFile
from smile_core.validation import LoadResult
from smile_ui import session
from smile_ui.state import COLUMN_MAPPING, UPLOAD_CHECK, UPLOAD_SOURCES

#: The key of a whole workbook among the upload sources (the others are table names).
WORKBOOK = "workbook"


def check(sources: Mapping[str, SourceFile]) -> LoadResult:
    """Load ``sources`` (tables by name, or a :data:`WORKBOOK`) with the session's mapping.

    The files and the result are kept for the page; a programme without errors becomes the
    session's uploaded programme and the active one. The files are parsed in a child process
    with a memory and time limit, so no file can stop the server.
    """
    sources = dict(sources)
    mapping = COLUMN_MAPPING.get()
    if WORKBOOK in sources:
        load = load_programme_isolated(workbook=sources[WORKBOOK], column_mapping=mapping)
    else:
        load = load_programme_isolated(
            adepts=sources.get("adepts"),
            mentors=sources.get("mentors"),
            workplaces=sources.get("workplaces"),
            column_mapping=mapping,
        )
    UPLOAD_SOURCES.set(sources)
    UPLOAD_CHECK.set(load)
    if load.ok:
        session.accept_upload(load)
    return load


def remember_mapping(choices: Mapping[str, Mapping[str, str | None]]) -> None:
    """Add the coordinator's column choices (``{table: {header: field}}``) to the mapping.

    A field of ``""`` means "do not use the column"; ``None`` means no choice was made, and
    leaves that header out.
    """
    mapping = {table: dict(headers) for table, headers in COLUMN_MAPPING.get().items()}
    for table, headers in choices.items():
        for header, field in headers.items():
            if field is not None:
                mapping.setdefault(table, {})[header] = field
    COLUMN_MAPPING.set(mapping)


def forget_mapping() -> None:
    """Drop every column choice made in the session."""
    COLUMN_MAPPING.set({})


def check_again() -> LoadResult | None:
    """Check the last files again (after the mapping changed); None when there are none."""
    sources = UPLOAD_SOURCES.get()
    return check(sources) if sources else None
