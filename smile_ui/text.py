"""Text from the data inside Streamlit's markdown: shown literally, never as markup.

``st.markdown``, ``st.error``, ``st.caption`` and widget labels read Markdown (links, emphasis,
``:material/...:`` icons, ``:red[...]`` colours). An id or a header from an uploaded file is put
into such text only through :func:`literal`, so it reads exactly as written. (HTML is never
rendered at all: the app never allows it.) Numbers are written the way the UI language writes
them (:func:`number`).
"""

from __future__ import annotations

import re

from smile_core import text as core_text

# Every ASCII punctuation character may be backslash-escaped in CommonMark.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>:$<=&\"'])")


def literal(text: object) -> str:
    """``text`` with every Markdown-significant character escaped, and line breaks as spaces."""
    flat = " ".join(str(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)


def number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    """``value`` with ``decimals`` decimals as ``lang`` writes it (:func:`smile_core.text.number`).

    Swedish: ``2 328,63`` (a no-break space between thousands, a decimal comma); English:
    ``2,328.63``. ``None`` reads as an en dash.
    """
    return core_text.number(value, lang, decimals)


def percent(share: float | None, lang: str, decimals: int = 0) -> str:
    """A share (0.25) as a percentage in ``lang`` (``25 %`` in Swedish, ``25%`` in English)."""
    return core_text.percent(share, lang, decimals)
