"""Exports coordinators open in Excel: CSV that Swedish Excel reads as it is, and XLSX.

Every export goes through :func:`neutralize_formulas` first (OWASP "CSV injection", ASVS
V1.2.10, CWE-1236): a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab, a carriage
return or NUL could run as a formula in Excel, LibreOffice or Google Sheets, so it gets a
leading apostrophe and stays text. Quoting does not help: Excel evaluates a quoted ``"=..."``.
Numeric columns are left alone, so ``-5`` stays a number; a phone number ``+46...`` in a text
column gets the apostrophe, which is the price of the rule.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import polars as pl
import xlsxwriter

#: The first characters that make a spreadsheet treat a cell as a formula (or DDE command).
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "\0")

# The same characters as a regular expression (Rust regex syntax, which polars uses).
_TRIGGER_PATTERN = r"^[=+\-@\t\r\x00]"

#: How list cells (languages, goals) read in an export: one cell, comma-separated.
LIST_SEPARATOR = ", "

_FORBIDDEN_IN_SHEET_NAMES = set("[]:*?/\\")
_MAX_SHEET_NAME_LENGTH = 31


def neutralize_formulas(df: pl.DataFrame) -> pl.DataFrame:
    """``df`` with every text value that could start a formula prefixed with ``'``.

    Applies to String columns, Categorical and Enum columns (returned as String) and the
    elements of List(String) columns, and to column names. Numeric, Boolean and date columns
    are returned unchanged. Neutralising twice changes nothing more than neutralising once.
    """
    replacements = []
    for name, dtype in df.schema.items():
        if isinstance(dtype, pl.Categorical | pl.Enum):
            replacements.append(_neutralized(pl.col(name).cast(pl.String)).alias(name))
        elif dtype == pl.String:
            replacements.append(_neutralized(pl.col(name)).alias(name))
        elif isinstance(dtype, pl.List) and dtype.inner == pl.String:
            replacements.append(pl.col(name).list.eval(_neutralized(pl.element())).alias(name))
    neutralized = df.with_columns(replacements) if replacements else df
    return neutralized.rename(
        {name: _neutralized_text(name) for name in df.columns if _starts_like_formula(name)}
    )


def to_excel_csv_bytes(df: pl.DataFrame) -> bytes:
    """``df`` as a CSV file that Excel with Swedish settings opens correctly by double-click.

    UTF-8 with a byte order mark (so å, ä and ö survive), semicolons between fields, decimal
    commas, CRLF line ends, ISO dates; list cells joined with ", "; formulas neutralised.
    """
    prepared = _join_lists(neutralize_formulas(df))
    buffer = io.BytesIO()
    prepared.write_csv(
        buffer,
        include_bom=True,
        separator=";",
        decimal_comma=True,
        line_terminator="\r\n",
        quote_style="necessary",
        date_format="%Y-%m-%d",
        datetime_format="%Y-%m-%d %H:%M",
    )
    return buffer.getvalue()


def to_xlsx_bytes(sheets: Mapping[str, pl.DataFrame]) -> bytes:
    """A workbook with one sheet per entry of ``sheets``, in order, as XLSX bytes.

    Text stays text: the workbook never turns strings into formulas, numbers or links, and
    formulas are neutralised as in every export. Each sheet has a frozen header row, an
    autofilter and columns fitted to their contents; list cells are joined with ", ".
    Raises ``ValueError`` for no sheets or a sheet name Excel would refuse (blank, longer
    than 31 characters, containing ``[]:*?/\\``, or repeated ignoring case).
    """
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    _check_sheet_names(list(sheets))
    buffer = io.BytesIO()
    options = {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
    }
    with xlsxwriter.Workbook(buffer, options) as workbook:
        for name, frame in sheets.items():
            _join_lists(neutralize_formulas(frame)).write_excel(
                workbook,
                worksheet=name,
                autofit=True,
                freeze_panes=(1, 0),
                autofilter=True,
            )
    return buffer.getvalue()


def _starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def _neutralized_text(text: str) -> str:
    return "'" + text if _starts_like_formula(text) else text


def _neutralized(expr: pl.Expr) -> pl.Expr:
    return pl.when(expr.str.contains(_TRIGGER_PATTERN)).then(pl.lit("'") + expr).otherwise(expr)


def _join_lists(df: pl.DataFrame) -> pl.DataFrame:
    lists = [name for name, dtype in df.schema.items() if isinstance(dtype, pl.List)]
    return df.with_columns(
        pl.col(name).cast(pl.List(pl.String)).list.join(LIST_SEPARATOR) for name in lists
    )


def _check_sheet_names(names: list[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if not name.strip():
            raise ValueError("a sheet name is blank")
        if len(name) > _MAX_SHEET_NAME_LENGTH:
            raise ValueError(f"sheet name {name!r} is longer than {_MAX_SHEET_NAME_LENGTH}")
        if _FORBIDDEN_IN_SHEET_NAMES & set(name) or name.startswith("'") or name.endswith("'"):
            raise ValueError(f"sheet name {name!r} has a character Excel does not allow")
        if name.casefold() in seen:
            raise ValueError(f"sheet name {name!r} is used twice")
        seen.add(name.casefold())
