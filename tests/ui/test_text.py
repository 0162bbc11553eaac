"""smile_ui.text: data shown literally inside Markdown, numbers as each language writes them."""

import pytest

from smile_ui.text import literal, number, percent


@pytest.mark.parametrize(
    "raw",
    [
        "**fet**",
        "[klicka](https://example.org)",
        ":red[röd] :material/home:",
        "# rubrik",
        "1. lista",
        "<img src=x onerror=alert(1)>",
        "a_b_c $x$ `kod`",
    ],
)
def test_literal_escapes_every_markdown_sign(raw):
    """Each Markdown-significant character is backslash-escaped, nothing else is changed."""
    escaped = literal(raw)
    assert escaped.replace("\\", "") == raw
    assert all(escaped[i - 1] == "\\" for i, ch in enumerate(escaped) if ch in "*[]():#<>_$`" and i)


def test_literal_flattens_line_breaks():
    """A value with line breaks stays on one line, so it cannot start a list or a heading."""
    assert literal("Åsa\n# rubrik\r\n- punkt") == "Åsa \\# rubrik \\- punkt"


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (2328.63, "sv", 2, "2\u00a0328,63"),
        (2328.63, "en", 2, "2,328.63"),
        (66.5, "sv", 1, "66,5"),
        (40, "sv", 0, "40"),
        (None, "sv", 1, "–"),
    ],
)
def test_number_in_each_language(value, lang, decimals, expected):
    """Swedish: no-break space between thousands and a decimal comma; English: comma, point."""
    assert number(value, lang, decimals) == expected


def test_percent_in_each_language():
    """A share reads as a percentage, with a no-break space before % in Swedish."""
    assert percent(0.875, "sv") == "88\u00a0%"
    assert percent(0.875, "en", 1) == "87.5%"
    assert percent(None, "en") == "–"
