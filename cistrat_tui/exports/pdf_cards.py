"""Taxi cards: one large-print card per destination, to show a driver who reads no English.

The Chinese name and address are large; the English is smaller beneath, for the reader; a QR
code opens the place in Amap (高德地图), the map app most drivers use, with the coordinates
converted to GCJ-02 as Amap expects. Three cards fit a page; a card never breaks across pages.
"""

from __future__ import annotations

import itertools
from functools import lru_cache
from typing import Any

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from cistrat_tui.exports.itinerary import Itinerary, Place
from cistrat_tui.exports.pdf_styles import FRAME_WIDTH, RULE, Styles, para

QR_SIZE = 40 * mm
ASK_DRIVER = "师傅\uff0c请送我到这里\uff1a"  # fullwidth comma and colon


@lru_cache(maxsize=512)
def qr_path(value: str) -> tuple[int, str]:
    """The QR code for ``value`` (error correction M) as PDF path operators in module units,
    rows counted downwards, and its size in modules. Cached: the same place appears in every
    edition, and encoding is the slow part."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(value)
    code.make()
    ops = []
    for r, row in enumerate(code.modules):
        column = 0
        for dark, run in itertools.groupby(bool(cell) for cell in row):
            length = len(list(run))
            if dark:
                ops.append(f"{column} {r} {length} 1 re")
            column += length
    return len(code.modules), "\n".join(ops) + "\nf"


class QrFlowable(Flowable):
    """A vector QR code, ``size`` points square with a quiet zone of 4 modules, drawn as one
    filled path: sharp at any print resolution, and fast to draw."""

    def __init__(self, value: str, size: float = QR_SIZE) -> None:
        super().__init__()
        self.count, self.ops = qr_path(value)
        self.width = self.height = size

    def draw(self) -> None:
        box = self.width / (self.count + 8)
        self.canv.saveState()
        self.canv.translate(4 * box, self.height - 4 * box)
        self.canv.scale(box, -box)
        self.canv.addLiteral(self.ops)
        self.canv.restoreState()


def taxi_card(place: Place, styles: Styles) -> Flowable:
    """One card: Chinese large on the left, the QR code on the right."""
    words: list[Flowable] = [para(ASK_DRIVER, styles.zh),
                             para(place.name_zh or place.name_en, styles.card_zh_name)]
    if place.address_zh:
        words.append(para(place.address_zh, styles.card_zh_address))
    words += [Spacer(1, 3 * mm), para(place.name_en, styles.body)]
    if place.address_en:
        words.append(para(place.address_en, styles.small))
    if place.phone:
        words.append(para(f"电话 tel. {place.phone}", styles.small))
    code: list[Any] = []
    if place.links is not None:
        code = [QrFlowable(place.links.amap), para("高德地图 Amap", styles.small)]
    else:
        code = [para("(no map position recorded)", styles.small)]
    table = Table([[words, code]], colWidths=(FRAME_WIDTH - QR_SIZE - 8 * mm, QR_SIZE + 8 * mm),
                  style=TableStyle([
                      ("BOX", (0, 0), (-1, -1), 1.2, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                      ("LEFTPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 6),
                      ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    return KeepTogether([table, Spacer(1, 5 * mm)])


def taxi_cards(itinerary: Itinerary, styles: Styles) -> list[Flowable]:
    """The taxi-card section, starting on a new page; empty when there is no destination."""
    if not itinerary.places:
        return []
    story: list[Flowable] = [PageBreak(), para("Taxi cards 出租车卡片", styles.title),
                             para("Show the card to the driver. 请把卡片给司机看。", styles.zh),
                             Spacer(1, 4 * mm)]
    story += [taxi_card(place, styles) for place in itinerary.places]
    return story
