"""The coordinator's participant files: check them, remember the column mapping, load them.

The files of the last check are kept in session state (:data:`~smile_ui.state.UPLOAD_SOURCES`)
so that choosing a field for an unknown column can load them again without a new upload; the
mapping itself (:data:`~smile_ui.state.COLUMN_MAPPING` for the columns chosen on the page,
:data:`~smile_ui.state.MAPPING_EXTRA` for a mapping file's value words, combined and split
columns) lasts for the session and applies to every later upload too. A check that loads
without errors under a non-empty mapping saves the mapping for the programme in the store, and
the next upload is offered it again (:func:`saved_mapping`).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Iterable, Mapping

from smile_core.ingest.dashboard_size import refuse_oversized
from smile_core.ingest.isolation import load_programme_isolated
from smile_core.ingest.mapping import ColumnMapping, UnknownValue, unknown_values, with_values
from smile_core.ingest.reading import SourceFile
from smile_core.ingest.validation import LoadResult
from smile_core.progress import while_running
from smile_core.store import StoreError
from smile_ui import persistence, session
from smile_ui.state import COLUMN_MAPPING, MAPPING_EXTRA, UPLOAD_CHECK, UPLOAD_SOURCES

#: The key of a whole workbook among the upload sources (the others are table names).
WORKBOOK = "workbook"


def check(
    sources: Mapping[str, SourceFile], tick: Callable[[float], None] | None = None
) -> LoadResult:
    """Load ``sources`` (tables by name, or a :data:`WORKBOOK`) with the session's mapping.

    The files and the result are kept for the page; a programme without errors becomes the
    session's uploaded programme and the active one. The files are parsed in a child process
    with a memory and time limit, so no file can stop the server. With ``tick``, the parse
    waits in a worker thread and ``tick(seconds so far)`` is called in this (the script) thread
    every quarter second until it ends, for a live status line.
    """
    sources = dict(sources)
    mapping = COLUMN_MAPPING.get()
    extra = ColumnMapping.from_json(MAPPING_EXTRA.get())
    if WORKBOOK in sources:
        kwargs = {"workbook": sources[WORKBOOK]}
    else:
        kwargs = {role: sources.get(role) for role in ("adepts", "mentors", "workplaces")}

    def parse() -> LoadResult:
        return load_programme_isolated(**kwargs, column_mapping=mapping, mapping=extra)

    load = parse() if tick is None else while_running(parse, tick)
    # A programme too large for the dashboard's pages is refused here, with the way on
    # (smile match), before it can take the server's memory.
    load = refuse_oversized(load)
    UPLOAD_SOURCES.set(sources)
    UPLOAD_CHECK.set(load)
    if load.ok:
        session.accept_upload(load)
        full = current_mapping()
        if not full.empty:
            persistence.save_column_mapping(full.to_json())
    return load


def current_mapping() -> ColumnMapping:
    """The session's whole mapping: the file's parts, then the columns chosen on the page."""
    full = ColumnMapping.from_json(MAPPING_EXTRA.get())
    for table, headers in COLUMN_MAPPING.get().items():
        full = full.with_columns(table, headers)
    return full


def read_mapping_file(name: str, data: bytes) -> ColumnMapping:
    """A mapping file's mapping: TOML, or JSON when the name ends in .json; ``ValueError``
    (with a message in both languages) when it cannot be used."""
    try:
        text = data.decode("utf-8-sig")
        parsed = json.loads(text) if name.lower().endswith(".json") else tomllib.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{name}: {exc}") from None
    if not isinstance(parsed, dict):
        raise ValueError(f"{name}: not a table of tables")
    return ColumnMapping.from_json(parsed)


def use_mapping(mapping: ColumnMapping) -> None:
    """Make ``mapping`` the session's mapping (replacing the page's column choices)."""
    COLUMN_MAPPING.set({})
    MAPPING_EXTRA.set(mapping.to_json())


def saved_mapping() -> ColumnMapping | None:
    """The programme's saved mapping when the session has none of its own yet, else None."""
    if not current_mapping().empty:
        return None
    try:
        data = persistence.saved_column_mapping()
    except StoreError:
        return None  # the offer is a convenience: a store problem must not break the page
    try:
        mapping = ColumnMapping.from_json(data)
    except ValueError:
        return None  # saved by another version with fields this one lacks
    return None if mapping.empty else mapping


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


def untranslated(load: LoadResult) -> tuple[UnknownValue, ...]:
    """The unreadable words of ``load`` the coordinator can translate (gender, levels)."""
    return unknown_values(load.report.errors, load.files, current_mapping())


def remember_values(choices: Iterable[tuple[UnknownValue, str | None]]) -> None:
    """Add the coordinator's translations (unknown word → SMILE's word) to the mapping;
    a choice of ``None`` leaves the word out."""
    mapping = ColumnMapping.from_json(MAPPING_EXTRA.get())
    for unknown, word in choices:
        if word is not None:
            mapping = with_values(mapping, unknown.table, unknown.field, {unknown.value: word})
    MAPPING_EXTRA.set(mapping.to_json())


def forget_mapping() -> None:
    """Drop every column choice made in the session (the programme's saved one stays)."""
    COLUMN_MAPPING.set({})
    MAPPING_EXTRA.set({})


def check_again(tick: Callable[[float], None] | None = None) -> LoadResult | None:
    """Check the last files again (after the mapping changed); None when there are none.
    ``tick`` as for :func:`check`."""
    sources = UPLOAD_SOURCES.get()
    return check(sources, tick) if sources else None
