"""Page geometry, paragraph styles and small text helpers shared by the PDF modules.

Everything is black, white and greys, so a black-and-white printout loses nothing. One Unicode
font (see :mod:`cistrat_tui.exports.fonts`) prints every text, Latin and Chinese alike, because
names and addresses may hold either.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 14 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
BOTTOM_MARGIN = MARGIN + 6  # room for the footer
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN - BOTTOM_MARGIN
BAR = colors.Color(0.82, 0.82, 0.82)  # day headers
SHADE = colors.Color(0.93, 0.93, 0.93)  # table headings
RULE = colors.Color(0.55, 0.55, 0.55)


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one document, all in its Chinese-capable font."""

    font: str
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    zh: ParagraphStyle
    zh_small: ParagraphStyle
    day: ParagraphStyle
    cell_title: ParagraphStyle
    card_zh_name: ParagraphStyle
    card_zh_address: ParagraphStyle

    @classmethod
    def for_font(cls, font: str) -> Styles:
        def style(name: str, size: float, leading: float | None = None,
                  cjk: bool = False, **extra: Any) -> ParagraphStyle:
            return ParagraphStyle(name, fontName=font, fontSize=size,
                                  leading=leading or size * 1.25,
                                  wordWrap="CJK" if cjk else None, **extra)

        return cls(
            font=font,
            title=style("title", 20, 25, spaceAfter=6),
            subtitle=style("subtitle", 12, 16, spaceAfter=4),
            heading=style("heading", 13, 17, spaceBefore=10, spaceAfter=4),
            body=style("body", 9.5, 12),
            small=style("small", 8, 10),
            zh=style("zh", 9.5, 12.5, cjk=True),
            zh_small=style("zh_small", 8.5, 11, cjk=True),
            day=style("day", 11.5, 14),
            cell_title=style("cell_title", 10, 12.5),
            card_zh_name=style("card_zh_name", 24, 30, cjk=True),
            card_zh_address=style("card_zh_address", 16, 21, cjk=True),
        )


def text(value: str) -> str:
    """Plain text made safe for a Paragraph's mini-markup, with line breaks kept."""
    return escape(value).replace("\n", "<br/>")


def para(value: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(text(value), style)


def labelled(label: str, value: str, style: ParagraphStyle) -> Paragraph:
    """'Label: value', the label greyed so the eye finds the value."""
    return Paragraph(f'<font color="#555555">{escape(label)}:</font> {text(value)}', style)
