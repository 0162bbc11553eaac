"""How SMILE words a problem: where it is, then what is wrong, in Swedish and in English.

Every message starts with its place as the coordinator sees it in Excel ("Rad 7, kolumn Kön: " /
"Row 7, column Kön: "), so it still makes sense when copied out of the report on its own.
"""

from __future__ import annotations

from collections.abc import Mapping

from smile_core.ingest.problems import Problem, Severity
from smile_core.text import t

_SHOWN_VALUE_CHARS = 60


def quoted(value: str) -> str:
    """A cell value as it appears inside a message: in quotes, long values shortened."""
    shown = value if len(value) <= _SHOWN_VALUE_CHARS else value[: _SHOWN_VALUE_CHARS - 1] + "…"
    return f"'{shown}'"


def _place(row: int | None, column: str | None) -> tuple[str, str]:
    if row is not None and column is not None:
        return f"Rad {row}, kolumn {column}: ", f"Row {row}, column {column}: "
    if row is not None:
        return f"Rad {row}: ", f"Row {row}: "
    if column is not None:
        return f"Kolumn {column}: ", f"Column {column}: "
    return "", ""


def problem(
    severity: Severity,
    file: str,
    sv: str,
    en: str,
    *,
    row: int | None = None,
    column: str | None = None,
    value: str | None = None,
) -> Problem:
    """A :class:`Problem` whose messages start with its row and column, when it has them."""
    place_sv, place_en = _place(row, column)
    return Problem(
        severity=severity,
        file=file,
        row=row,
        column=column,
        value=value,
        message_sv=place_sv + sv,
        message_en=place_en + en,
    )


def error(
    file: str,
    sv: str,
    en: str,
    *,
    row: int | None = None,
    column: str | None = None,
    value: str | None = None,
) -> Problem:
    """An error: it blocks matching."""
    return problem(Severity.ERROR, file, sv, en, row=row, column=column, value=value)


def warning(
    file: str,
    sv: str,
    en: str,
    *,
    row: int | None = None,
    column: str | None = None,
    value: str | None = None,
) -> Problem:
    """A warning: worth a look, does not block matching."""
    return problem(Severity.WARNING, file, sv, en, row=row, column=column, value=value)


def catalogued(
    severity: Severity,
    file: str,
    key: str,
    *,
    row: int | None = None,
    column: str | None = None,
    value: str | None = None,
    sv: Mapping[str, object] | None = None,
    en: Mapping[str, object] | None = None,
    **params: object,
) -> Problem:
    """A :class:`Problem` worded by the text catalogue's ``key`` (:func:`smile_core.text.t`).

    ``params`` fill both languages' placeholders; ``sv``/``en`` add those whose words differ
    by language (a table's name: "adepter"/"adepts").
    """
    message_sv, message_en = texts(key, sv=sv, en=en, **params)
    return problem(severity, file, message_sv, message_en, row=row, column=column, value=value)


def texts(
    key: str,
    *,
    sv: Mapping[str, object] | None = None,
    en: Mapping[str, object] | None = None,
    **params: object,
) -> tuple[str, str]:
    """The catalogue's ``key`` in Swedish and English (``sv``/``en`` as in :func:`catalogued`)."""
    return t(key, "sv", **params, **(sv or {})), t(key, "en", **params, **(en or {}))
