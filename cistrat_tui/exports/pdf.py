"""PDF itineraries (A4 portrait) made with ReportLab: cover, day sections, taxi cards.

``render_pdf(itinerary)`` returns the document's bytes. Every page carries a footer with the
programme and "page N of M": the pages are laid out once, then the footers are drawn when the
total is known (a canvas that keeps each page until the end).
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, SimpleDocTemplate

from cistrat_tui import __version__
from cistrat_tui.exports.fonts import PdfFont, choose_font
from cistrat_tui.exports.itinerary import Itinerary
from cistrat_tui.exports.pdf_cards import taxi_cards
from cistrat_tui.exports.pdf_days import cover, day_section
from cistrat_tui.exports.pdf_styles import (
    BOTTOM_MARGIN,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
    Styles,
)


def _numbered_canvas(footer: str, font: str) -> type[Canvas]:
    """A canvas class that draws '<footer> - page N of M' on every page at the end."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # reportlab's own page reset

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self._footer(number, total)
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.4)
            self.line(MARGIN, MARGIN - 3, PAGE_WIDTH - MARGIN, MARGIN - 3)
            self.setFont(font, 8)
            self.drawString(MARGIN, MARGIN - 12, footer[:110])
            self.drawRightString(PAGE_WIDTH - MARGIN, MARGIN - 12,
                                 f"page {number} of {total}")
            self.restoreState()

    return NumberedCanvas


def render_pdf(itinerary: Itinerary, font: PdfFont | None = None) -> bytes:
    """The itinerary as a PDF document."""
    font = font or choose_font()
    styles = Styles.for_font(font.name)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=MARGIN,
        rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=BOTTOM_MARGIN,
        title=f"{itinerary.title}: {itinerary.edition_label}", author=itinerary.organizer,
        subject=f"Day-by-day itinerary, {itinerary.dates}",
        creator=f"cistrat-tui {__version__} (font: {font.source})")
    story = cover(itinerary, styles)
    story.append(PageBreak())
    for day in itinerary.days:
        story += day_section(day, styles)
    story += taxi_cards(itinerary, styles)
    footer = f"{itinerary.title} - {itinerary.edition_label}"
    document.build(story, canvasmaker=_numbered_canvas(footer, font.name))
    return buffer.getvalue()

