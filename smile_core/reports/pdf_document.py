"""The meeting pack's PDF page: A4, the embedded Noto Sans font, page numbers and a few text
styles (fpdf2). Imported only when a PDF is made: fpdf2 takes about half a second to import.

Uploaded text is only ever given to fpdf2 with markup off, so it prints as plain characters.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import fontpkg_noto_sans
from fpdf import FPDF

from smile_core.reports.meeting_pack import ACCENT
from smile_core.text import t

_FONT_FILE = fontpkg_noto_sans.ROOT / "files" / "NotoSans[wdth,wght].ttf"
_FONT = "NotoSans"
_INK = (29, 39, 51)
_MUTED = (74, 90, 106)
_RULE = (213, 221, 229)
_ACCENT = ACCENT


class _NoGlyphReport(logging.Filter):
    """Drops fpdf2's warning that lists the characters the font lacks: they are letters of
    people's names (personal data is never logged). Such letters print as empty boxes, next
    to the person's id."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "missing the following glyphs" not in str(record.msg)


logging.getLogger("fpdf.output").addFilter(_NoGlyphReport())


class Document(FPDF):
    """An A4 page with the embedded font, page numbers and a few text styles."""

    def __init__(self, lang: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.lang = lang
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(auto=True, margin=16)
        self.add_font(_FONT, style="", fname=_FONT_FILE)
        self.set_font(_FONT, size=10)
        self.set_text_color(*_INK)
        self.set_lang(lang)
        self.set_creator("SMILE")

    def footer(self) -> None:
        """The page number, muted, at the foot of every page."""
        self.set_y(-11)
        with self.local_context(font_size_pt=8, text_color=_MUTED):
            self.cell(0, 5, t("meeting.page", self.lang, page=self.page_no()), align="C")

    def heading(self, text: str, size: float) -> None:
        """A title line, stroked to read as bold."""
        with self.local_context(font_size_pt=size, text_mode="FILL_STROKE", line_width=0.25):
            self._lines(text, size * 0.5)
        self.ln(1)

    def section(self, text: str, room: float = 30) -> None:
        """A section heading with a rule under it, never alone at the foot of a page: at least
        ``room`` mm of what follows fit under it."""
        self.keep_room(room)
        self.ln(3)
        with self.local_context(
            font_size_pt=13, text_mode="FILL_STROKE", line_width=0.2, text_color=_ACCENT
        ):
            self._lines(text, 7)
        self.set_draw_color(*_RULE)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(2)

    def strong(self, text: str, indent: float = 0) -> None:
        """One emphasised line (a name), stroked to read as bold."""
        with self.local_context(font_size_pt=11, text_mode="FILL_STROKE", line_width=0.15):
            self._lines(text, 5.5, indent)

    def paragraph(self, text: str, *, indent: float = 0, muted: bool = False) -> None:
        """Plain running text: wrapped, never read as markup."""
        if muted:
            with self.local_context(font_size_pt=8.5, text_color=_MUTED):
                self._lines(text, 4.2, indent)
        else:
            self._lines(text, 5, indent)

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        """A small table of already formatted text; every cell is plain text."""
        self.keep_room(8 + 6 * len(rows))
        widths = _column_widths(self.epw, len(headers))
        with self.local_context(fill_color=(238, 242, 246)):
            for header, width in zip(headers, widths, strict=True):
                self._fitted_cell(width, header, fill=True)
        self.ln(6)
        for row in rows:
            for cell, width in zip(row, widths, strict=True):
                self._fitted_cell(width, cell)
            self.ln(6)
        self.ln(2)

    def _fitted_cell(self, width: float, text: str, *, fill: bool = False) -> None:
        """One bordered table cell; a text too long for it is set smaller (down to 6 pt)."""
        size = 8.5
        with self.local_context(font_size_pt=size):
            while size > 6 and self.get_string_width(text) > width - 2:
                size -= 0.5
                self.set_font_size(size)
            self.cell(width, 6, text, border=1, fill=fill)

    def keep_room(self, height: float) -> None:
        """Start a new page unless ``height`` mm still fit on this one."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def _lines(self, text: str, height: float, indent: float = 0) -> None:
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            self.epw - indent,
            height,
            text,
            align="L",
            markdown=False,
            new_x="LMARGIN",
            new_y="NEXT",
        )


def _column_widths(total: float, columns: int) -> list[float]:
    """The first column twice as wide as the others (it holds the words)."""
    unit = total / (columns + 1)
    return [2 * unit] + [unit] * (columns - 1)
