"""Exports coordinators open in Excel: CSV that Swedish Excel reads as it is, and XLSX.

Every CSV export goes through :func:`neutralize_formulas` first (OWASP "CSV injection", ASVS
V1.2.10, CWE-1236): a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab, a carriage
return or NUL could run as a formula in Excel, LibreOffice or Google Sheets, so it gets a
leading apostrophe and stays text. Quoting does not help: Excel evaluates a quoted ``"=..."``.
Numeric columns are left alone, so ``-5`` stays a number; a phone number ``+46...`` in a text
column gets the apostrophe, which is the price of the rule.

A CSV file can also be opened with another separator than it was written with (a semicolon
file read as comma-separated, or as tab-separated), and then a cell ``x,=cmd|...`` splits into
``x`` and a live formula. So a CSV export also (:func:`guard_csv_cells`): writes a tab in a
text cell as a space and a carriage return as a line feed (Excel's own line break in a cell),
so only ``,`` ``;`` and line feeds can start a field inside a cell; puts an apostrophe before
every formula character that follows one of them (after any spaces or quotes); and quotes
every text cell holding ``,`` ``;`` ``"`` or a line break, whichever separator the file uses.

XLSX exports do not need the apostrophe: their text cells are written as strings, which Excel
never evaluates, so the coordinator sees exactly the text of the file.

The plan's own sheets (:func:`plan_export_frames`, :func:`pairs_csv_bytes`,
:func:`pairs_xlsx_bytes`): the pairs and the unmatched adepts with Swedish (or English)
headers, through the writers above.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import polars as pl
import xlsxwriter

from smile_core.ingest.participants import AdeptId, Programme
from smile_core.matching.plan import MatchResult, Plan
from smile_core.matching.plan_table import (
    EXPORT_PARTS,
    SENSITIVE_PARTS,
    plan_frame,
    unmatched_frame,
)
from smile_core.text import LANGUAGES, t
from smile_core.text.labels import label

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


# Rust regex syntax (polars). A formula character at the start of a cell or after a separator
# or line break, with only spaces and quotes between.
_EMBEDDED_TRIGGER = r"(^|[,;\n])([ \"]*)([=+\-@])"
_NEEDS_QUOTES = r"[,;\"\n]"


def guard_csv_cells(df: pl.DataFrame) -> pl.DataFrame:
    """``df`` with every text value (and column name) safe for a CSV file, as quoted text.

    :func:`neutralize_formulas`, then in each text value: tab -> space, CR LF and CR -> LF, an
    apostrophe before each ``=`` ``+`` ``-`` ``@`` that starts a cell or follows ``,`` ``;``
    or a line feed (spaces and quotes between do not matter), and the value in double quotes
    (inner quotes doubled) when it holds ``,`` ``;`` ``"`` or a line feed, or is empty. Write
    the result with ``quote_style="never"``: the quoting is done. Lists are joined with ", ".
    Non-text columns are returned unchanged.
    """
    prepared = _join_lists(neutralize_formulas(df))
    strings = [name for name, dtype in prepared.schema.items() if dtype == pl.String]
    guarded = prepared.with_columns(_guarded_cell(pl.col(name)).alias(name) for name in strings)
    return guarded.rename({name: _guarded_text(name) for name in guarded.columns})


def _guarded_cell(expr: pl.Expr) -> pl.Expr:
    text = (
        expr.str.replace_all("\t", " ", literal=True)
        .str.replace_all("\r\n", "\n", literal=True)
        .str.replace_all("\r", "\n", literal=True)
        .str.replace_all(_EMBEDDED_TRIGGER, "${1}${2}'${3}")
    )
    quoted = pl.lit('"') + text.str.replace_all('"', '""', literal=True) + pl.lit('"')
    # An empty text is quoted too (""), as polars writes it, so it stays apart from a missing one.
    needs_quotes = text.str.contains(_NEEDS_QUOTES) | (text == "")
    return pl.when(needs_quotes).then(quoted).otherwise(text)


def _guarded_text(text: str) -> str:
    return pl.select(_guarded_cell(pl.lit(text, dtype=pl.String))).item()


def to_excel_csv_bytes(df: pl.DataFrame) -> bytes:
    """``df`` as a CSV file that Excel with Swedish settings opens correctly by double-click.

    UTF-8 with a byte order mark (so å, ä and ö survive), semicolons between fields, decimal
    commas, CRLF line ends, ISO dates; list cells joined with ", "; every text cell guarded
    (:func:`guard_csv_cells`), so no separator can split a cell into a formula.
    """
    return _csv_bytes(df, separator=";", decimal_comma=True, bom=True)


def to_plain_csv_bytes(df: pl.DataFrame) -> bytes:
    """``df`` as plain CSV for other programs (comma, UTF-8, decimal point, LF), guarded as
    :func:`to_excel_csv_bytes` is."""
    return _csv_bytes(df, separator=",", decimal_comma=False, bom=False)


def _csv_bytes(df: pl.DataFrame, *, separator: str, decimal_comma: bool, bom: bool) -> bytes:
    buffer = io.BytesIO()
    guard_csv_cells(df).write_csv(
        buffer,
        include_bom=bom,
        separator=separator,
        decimal_comma=decimal_comma,
        line_terminator="\r\n" if bom else "\n",
        quote_style="never",  # guard_csv_cells quoted every text cell that needs it
        date_format="%Y-%m-%d",
        datetime_format="%Y-%m-%d %H:%M",
    )
    return buffer.getvalue()


def to_xlsx_bytes(sheets: Mapping[str, pl.DataFrame]) -> bytes:
    """A workbook with one sheet per entry of ``sheets``, in order, as XLSX bytes.

    Text stays text: the workbook never turns strings into formulas, numbers or links, so a
    text starting with ``=`` is written as it is, with no apostrophe (a string cell is never
    evaluated). Each sheet has a frozen header row, an
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
            _join_lists(_as_strings(frame)).write_excel(
                workbook,
                worksheet=name,
                autofit=True,
                freeze_panes=(1, 0),
                autofilter=True,
            )
    return buffer.getvalue()


def _as_strings(df: pl.DataFrame) -> pl.DataFrame:
    """Categorical and Enum columns as String, which is how a workbook holds them."""
    return df.with_columns(
        pl.col(name).cast(pl.String)
        for name, dtype in df.schema.items()
        if isinstance(dtype, pl.Categorical | pl.Enum)
    )


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


# --------------------------------------------------------------------------- exports

#: The columns the export names (the catalogue's ``plan_export.header.<column>``).
_EXPORT_COLUMNS = (
    "adept_id",
    "adept_name",
    "adept_gender",
    "mentor_id",
    "mentor_name",
    "mentor_gender",
    "workplace_id",
    "workplace_name",
    "score",
    "locked",
    "note",
    "reason",
)


def _sheets(lang: str) -> tuple[str, str]:
    return t("plan_export.sheet.pairs", lang), t("plan_export.sheet.unmatched", lang)


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected 'sv' or 'en'")


def plan_export_frames(
    result: MatchResult,
    programme: Programme,
    *,
    plan: Plan | None = None,
    lang: str = "sv",
    notes: Mapping[AdeptId, str] | None = None,
) -> dict[str, pl.DataFrame]:
    """The plan as sheets for Excel: ``{"Par": pairs, "Ej matchade": unmatched}`` in Swedish,
    ``{"Pairs": ..., "Unmatched": ...}`` with ``lang="en"``.

    ``plan`` is the plan to export when the coordinator edited the result's; ``notes`` adds
    each adept's note. Genders, lock and reasons are words; the score parts are 0–1 (the
    gender penalty in points). Text is as typed: the byte writers neutralise formulas.
    """
    _check_lang(lang)
    headers = {c: t(f"plan_export.header.{c}", lang) for c in _EXPORT_COLUMNS}
    yes, no = t("plan_export.yes", lang), t("plan_export.no", lang)
    # Never the sensitive parts (birth region): exports leave the coordinator's hands.
    pairs = plan_frame(plan if plan is not None else result, programme).drop(SENSITIVE_PARTS)
    gender_words = {g: label("gender", g, lang) for g in pairs["adept_gender"].unique()}
    gender_words.update({g: label("gender", g, lang) for g in pairs["mentor_gender"].unique()})
    pairs = pairs.with_columns(
        pl.col("adept_gender", "mentor_gender").replace_strict(gender_words, default=""),
        pl.col(*EXPORT_PARTS).round(2),
        locked=pl.when(pl.col("locked")).then(pl.lit(yes)).otherwise(pl.lit(no)),
    )
    if notes is not None:
        pairs = pairs.with_columns(
            note=pl.col("adept_id").replace_strict(dict(notes), default="", return_dtype=pl.String)
        )
    pairs = pairs.rename(
        {
            **{c: headers[c] for c in pairs.columns if c in headers},
            **{part: label("component", part, lang) for part in EXPORT_PARTS},
        }
    )
    unmatched = unmatched_frame(result, programme, plan)
    unmatched = unmatched.select(
        pl.col("adept_id").alias(headers["adept_id"]),
        pl.col("adept_name").alias(headers["adept_name"]),
        pl.col("adept_gender")
        .replace_strict({g: label("gender", g, lang) for g in unmatched["adept_gender"].unique()})
        .alias(headers["adept_gender"]),
        pl.col(f"message_{lang}").alias(headers["reason"]),
    )
    pairs_sheet, unmatched_sheet = _sheets(lang)
    return {pairs_sheet: pairs, unmatched_sheet: unmatched}


def pairs_csv_bytes(
    result: MatchResult,
    programme: Programme,
    *,
    plan: Plan | None = None,
    lang: str = "sv",
    notes: Mapping[AdeptId, str] | None = None,
) -> bytes:
    """The pairs sheet as CSV for Swedish Excel (UTF-8 BOM, semicolons), formulas neutralised."""
    frames = plan_export_frames(result, programme, plan=plan, lang=lang, notes=notes)
    return to_excel_csv_bytes(neutralize_formulas(frames[_sheets(lang)[0]]))


def unmatched_csv_bytes(
    result: MatchResult, programme: Programme, *, plan: Plan | None = None, lang: str = "sv"
) -> bytes:
    """The unmatched sheet as CSV for Swedish Excel, formulas neutralised."""
    frames = plan_export_frames(result, programme, plan=plan, lang=lang)
    return to_excel_csv_bytes(neutralize_formulas(frames[_sheets(lang)[1]]))


def pairs_xlsx_bytes(
    result: MatchResult,
    programme: Programme,
    *,
    plan: Plan | None = None,
    lang: str = "sv",
    notes: Mapping[AdeptId, str] | None = None,
) -> bytes:
    """Both sheets (pairs, unmatched) as one XLSX workbook; text cells are strings, which
    Excel never evaluates, so a name starting with "=" is shown as it is."""
    frames = plan_export_frames(result, programme, plan=plan, lang=lang, notes=notes)
    return to_xlsx_bytes(frames)
