"""A :class:`~.sheets.Book` as a printable PDF sheet (A4 landscape), typeset by Typst.

Each sheet of the book starts a page with its title and lines, then its table; the bilingual
header row repeats on every page a long table runs to. The layout is the template
``list_sheet.typ`` beside this module; the cells are handed over as JSON data, so a name that
looks like markup prints as it is. The font is the itineraries' (:mod:`.fonts`).
"""

from __future__ import annotations

from typing import Any

from cistrat_tui.exports.fonts import PdfFont
from cistrat_tui.exports.pdf import typeset
from cistrat_tui.exports.sheets import Book, Sheet
from cistrat_tui.exports.xlsx import display_width

TEMPLATE = "list_sheet.typ"


def _column_widths(sheet: Sheet) -> list[int]:
    """Relative widths shared out by each column's longest text, within limits."""
    wanted = []
    for index, column in enumerate(sheet.columns):
        texts = [column.en, column.zh, *(str(row[index]) for row in sheet.rows)]
        wanted.append(min(40, max(4, *(display_width(t) for t in texts))))
    return wanted


def book_data(book: Book) -> dict[str, Any]:
    """What the template prints, as plain data."""
    return {
        "title": book.title,
        "footer": f"{book.title} - {book.audience}"[:150],
        "sheets": [{"title": sheet.title, "lines": list(sheet.lines),
                    "columns": [{"en": c.en, "zh": c.zh} for c in sheet.columns],
                    "widths": _column_widths(sheet),
                    "rows": [["" if cell is None else str(cell) for cell in row]
                             for row in sheet.rows]}
                   for sheet in book.sheets],
    }


def render_list_pdf(book: Book, font: PdfFont | None = None) -> bytes:
    """The book as a PDF: a page (or more) per sheet."""
    return typeset(TEMPLATE, book_data(book), font)
