"""A :class:`~.sheets.Book` as a printable PDF sheet (A4 landscape), made with ReportLab.

Each sheet of the book starts a page with its title and lines, then its table; the bilingual
header row repeats on every page a long table runs to. The one Chinese-capable font of the
itineraries (:mod:`cistrat_tui.exports.fonts`) prints every cell.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    LongTable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

from cistrat_tui import __version__
from cistrat_tui.exports.fonts import PdfFont, choose_font
from cistrat_tui.exports.pdf_styles import BOTTOM_MARGIN, MARGIN, RULE, SHADE, Styles, para
from cistrat_tui.exports.sheets import Book, Sheet
from cistrat_tui.exports.xlsx import display_width

PAGE = landscape(A4)
WIDTH = PAGE[0] - 2 * MARGIN


def _column_widths(sheet: Sheet) -> list[float]:
    """Widths in points shared out by each column's longest text, within limits."""
    wanted = []
    for index, column in enumerate(sheet.columns):
        texts = [column.en, column.zh, *(str(row[index]) for row in sheet.rows)]
        wanted.append(min(40, max(4, *(display_width(t) for t in texts))))
    total = sum(wanted) or 1
    return [WIDTH * w / total for w in wanted]


def _table(sheet: Sheet, styles: Styles) -> LongTable:
    head = [Paragraph(f"<b>{escape(c.en)}</b><br/>{escape(c.zh)}",
                      styles.zh_small) for c in sheet.columns]
    body = [[para(str(cell), styles.zh_small) for cell in row] for row in sheet.rows]
    table = LongTable([head, *body], colWidths=_column_widths(sheet), repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def render_list_pdf(book: Book, font: PdfFont | None = None) -> bytes:
    """The book as a PDF: a page (or more) per sheet."""
    font = font or choose_font()
    styles = Styles.for_font(font.name)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=BOTTOM_MARGIN, title=book.title, subject=book.audience,
        creator=f"cistrat-tui {__version__} (font: {font.source})")
    story: list[Flowable] = []
    for n, sheet in enumerate(book.sheets):
        if n:
            story.append(PageBreak())
        story.append(para(sheet.title, styles.subtitle))
        story += [para(line, styles.zh) for line in sheet.lines]
        story.append(Spacer(1, 6))
        if sheet.rows:
            story.append(_table(sheet, styles))
        else:
            story.append(para("Nobody is listed here yet.", styles.body))
    if not story:
        story.append(para(f"{book.title}: nothing to list yet.", styles.body))

    def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font.name, 8)
        canvas.drawString(MARGIN, MARGIN - 12, f"{book.title} - {book.audience}"[:150])
        canvas.drawRightString(PAGE[0] - MARGIN, MARGIN - 12, f"page {doc.page}")
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
