"""Every word a person reads comes from the text catalogue: the source is scanned (AST) for
user-facing literals that bypass it.

Three scans:

- Streamlit display and widget calls in ``smile_ui``, ``pages`` and ``app.py``: the text a
  call shows (its first argument and its label/help/placeholder keywords) is never a literal
  with words; it comes from ``t(...)`` (or data, escaped with ``literal``).
- The command line's output (``_say``, ``_print``, ``print``, ``_lines``) and argparse help in
  ``smile_core/cli.py``.
- Swedish letters in string literals anywhere in ``smile_core``, ``smile_ui``, ``pages``: a
  ratchet per file, so no new Swedish literal appears outside the catalogue (see
  :data:`SWEDISH_LITERALS_LEFT`).
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Streamlit calls that show text (display elements, widgets, containers with a label).
DISPLAY_CALLS = frozenset(
    {
        "title", "header", "subheader", "markdown", "caption", "text", "write", "info",
        "warning", "error", "success", "toast", "button", "download_button", "checkbox",
        "radio", "selectbox", "multiselect", "text_input", "number_input", "text_area",
        "file_uploader", "slider", "select_slider", "toggle", "expander", "tabs", "metric",
        "form_submit_button", "page_link", "popover", "status", "spinner", "date_input",
        "link_button", "segmented_control", "pills", "Column", "TextColumn", "NumberColumn",
        "CheckboxColumn", "SelectboxColumn", "ProgressColumn", "DateColumn", "LinkColumn",
    }
)  # fmt: skip
#: Keywords of those calls whose value a person reads.
TEXT_KEYWORDS = frozenset({"label", "help", "placeholder", "body", "caption", "title", "text"})
#: Receivers whose ``error``/``warning``/``info`` are log records, never shown to a person.
LOGGERS = frozenset({"logger", "log", "logging", "LOGGER"})

#: The allow-list: literals that are not words for a person.
#: - a Material icon (":material/block:") or a page's file path ("pages/matching.py"),
#:   both identifiers Streamlit reads;
#: - Markdown punctuation around catalogue text ("**", "- ", ": ") (no letters);
#: - a language code ("sv") compared with, or a column id used as a dict key (``row["share"]``),
#:   which sit inside a comparison or a subscript, never shown.
_ICON_OR_PATH = re.compile(r"^(:material/[a-z_]+:\s*|pages/[a-z_]+\.py)$")


def _python_files(*roots: str) -> list[Path]:
    files = []
    for root in roots:
        path = ROOT / root
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return [f for f in files if "migrations" not in f.parts]


def _name(call: ast.Call) -> str | None:
    fn = call.func
    return fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", None)


def _receiver(call: ast.Call) -> str | None:
    fn = call.func
    if isinstance(fn, ast.Attribute) and isinstance(fn.value, ast.Name):
        return fn.value.id
    return None


def _shown_literals(node: ast.AST):
    """String constants under ``node`` that would be shown as they are: in an f-string, a
    concatenation, a conditional, or formatted (``"...".format()``); not an argument of
    another call (a lookup's key, a helper's code), a comparison or a subscript."""
    if isinstance(node, ast.Call):
        fn = node.func
        if isinstance(fn, ast.Attribute) and isinstance(fn.value, ast.Constant):
            yield fn.value
        return
    if isinstance(node, ast.Compare | ast.Subscript):
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node
    for child in ast.iter_child_nodes(node):
        yield from _shown_literals(child)


def _is_words(text: str) -> bool:
    return any(ch.isalpha() for ch in text) and not _ICON_OR_PATH.match(text.strip())


def _offenders(
    files: list[Path], calls: frozenset[str], keywords: frozenset[str], first: bool = True
) -> list[str]:
    found = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or _name(node) not in calls:
                continue
            if _receiver(node) in LOGGERS:
                continue
            shown = node.args[:1] if first else []
            shown += [k.value for k in node.keywords if k.arg in keywords]
            for argument in shown:
                for constant in _shown_literals(argument):
                    if _is_words(constant.value):
                        where = f"{path.relative_to(ROOT)}:{constant.lineno}"
                        found.append(f"{where} {_name(node)}({constant.value!r})")
    return found


def test_streamlit_calls_show_no_literal_words():
    """No st.* display or widget call in the dashboard shows a literal with words."""
    files = _python_files("smile_ui", "pages", "app.py")
    assert _offenders(files, DISPLAY_CALLS, TEXT_KEYWORDS) == []


def test_the_command_line_prints_no_literal_words():
    """The CLI's messages, reports and argparse help all come from the catalogue."""
    files = _python_files("smile_core/cli.py")
    printing = frozenset({"_say", "_print", "print"})
    assert _offenders(files, printing, frozenset()) == []
    parsing = frozenset({"add_parser", "add_argument", "ArgumentParser"})
    keywords = frozenset({"help", "description"})
    assert _offenders(files, parsing, keywords, first=False) == []


def test_the_scan_finds_a_literal():
    """The scan is not blind: a literal label in an st.* call is reported."""
    source = 'import streamlit as st\nst.button("Spara")\nst.caption(t("app.title", lang))\n'
    path = ROOT / "tests" / "_scan_probe.py"
    path.write_text(source, encoding="utf-8")
    try:
        found = _offenders([path], DISPLAY_CALLS, TEXT_KEYWORDS)
    finally:
        path.unlink()
    assert found == ["tests/_scan_probe.py:2 button('Spara')"]


#: Files that may still hold string literals with Swedish letters, and exactly how many: the
#: count may only go down (move the text into ``smile_core/text/catalogue.toml``, lower it here)
#: and every file not listed holds none. A file below its count fails too, so the list stays
#: exact. Allowed for good: input vocabulary and data, the words SMILE *reads* in a person's
#: file or writes as a demo programme's people, not text SMILE shows as its own words.
SWEDISH_LITERALS_LEFT = {
    # Input vocabulary: Swedish column names, values and spellings the readers recognise.
    "smile_core/ingest/vocabulary.py": 99,  # headers, synonyms and category words read from files
    "smile_core/ingest/birth_regions.py": 14,  # birth regions and countries as files write them
    # follow-up/evaluation headers and status words read
    "smile_core/outcomes/outcomes_reading.py": 32,
    "smile_core/ingest/intakes.py": 4,  # term names in an intake's name ("HT", "Våren", "höst")
    "smile_core/ingest/mapping.py": 1,  # "icke-binär": a value word the gender parser reads
    "smile_core/ingest/role_columns.py": 1,  # the "Behöver" header's spellings
    # the role "företagsmentor" as a "Behöver" cell names it (data)
    "smile_core/matching/roles.py": 1,
    "smile_core/reports/meeting_pack.py": 1,  # "län" kept lower case in place names (data)
    "smile_core/ingest/readiness.py": 1,  # "län" kept lower case in region names (data)
    # Demo data: the demo programmes' people, workplaces and places.
    "smile_core/demo/programmes.py": 36,
    "smile_core/demo/demo_roles.py": 41,
    "smile_core/demo/synthetic.py": 14,
    "smile_core/demo/group_cascade.py": 12,
}

_SWEDISH = re.compile(r"[åäöÅÄÖ]")


def _swedish_literals(path: Path) -> int:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return sum(
        1
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and _SWEDISH.search(node.value)
    )


def test_no_new_swedish_literal_outside_the_catalogue():
    """Swedish text lives in the catalogue: no file holds more Swedish literals than listed."""
    counts = Counter()
    for path in _python_files("smile_core", "smile_ui", "pages", "app.py"):
        n = _swedish_literals(path)
        if n:
            counts[str(path.relative_to(ROOT))] = n
    over = {f: n for f, n in counts.items() if n > SWEDISH_LITERALS_LEFT.get(f, 0)}
    assert over == {}, "move these texts to smile_core/text/catalogue.toml"
    fewer = {f: counts[f] for f, n in SWEDISH_LITERALS_LEFT.items() if counts[f] < n}
    assert fewer == {}, "fewer Swedish literals than listed: lower SWEDISH_LITERALS_LEFT"
