"""No UI code renders HTML: uploaded names must never reach the browser as markup (XSS)."""

import re
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]

# Ways to hand Streamlit raw HTML: the markdown escape hatch, st.html and the components API.
UNSAFE_HTML = re.compile(
    r"unsafe_allow_html\s*=\s*True"
    r"|\bst\s*\.\s*html\s*\("
    r"|\bstreamlit\s*\.\s*html\s*\("
    r"|\bcomponents\s*\.\s*(v1\s*\.\s*)?html\s*\("
    r"|from\s+streamlit(\.components\.v1)?\s+import\s+[^\n]*\bhtml\b"
)


def _ui_files() -> list[Path]:
    files = [REPO_ROOT / "app.py"]
    files += sorted((REPO_ROOT / "pages").glob("**/*.py"))
    files += sorted((REPO_ROOT / "smile_ui").glob("**/*.py"))
    return [path for path in files if path.is_file()]


def _offences(text: str) -> list[int]:
    return [text.count("\n", 0, match.start()) + 1 for match in UNSAFE_HTML.finditer(text)]


def test_ui_code_never_renders_raw_html():
    """app.py, pages/ and smile_ui/ never use unsafe_allow_html=True, st.html or components.html."""
    files = _ui_files()
    assert any(path.parent.name == "pages" for path in files), "no page files found"
    offences = [
        f"{path.relative_to(REPO_ROOT)}:{line}"
        for path in files
        for line in _offences(path.read_text(encoding="utf-8"))
    ]
    assert not offences, f"raw HTML rendering at {offences}"


@pytest.mark.parametrize(
    "code",
    [
        'st.markdown(f"<b>{name}</b>", unsafe_allow_html=True)',
        "st.markdown(text, unsafe_allow_html = True)",
        "st.html(report)",
        "streamlit.html(report)",
        "components.html(report)",
        "st.components.v1.html(report)",
        "from streamlit import html",
        "from streamlit.components.v1 import html as raw",
    ],
)
def test_the_check_catches_each_form(code):
    """Every way of rendering raw HTML that the rule bans is caught by the pattern."""
    assert _offences(f"import streamlit as st\n{code}\n") == [2]


@pytest.mark.parametrize(
    "code",
    ["st.markdown(text)", "st.markdown(text, unsafe_allow_html=False)", "st.write(html_report)"],
)
def test_the_check_allows_safe_calls(code):
    """Escaped markdown and st.write are not flagged."""
    assert _offences(code) == []
