"""The cover page and the day sections of a PDF itinerary.

Each day is one table whose first row is the day's header. The table repeats that row at the
top of every page the day runs onto, marked "(continued)", and may split inside a long entry,
so no content is ever lost off the bottom of a page.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from cistrat_tui.exports.itinerary import PLANNED, Day, Entry, Itinerary, Place
from cistrat_tui.exports.pdf_styles import (
    BAR,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    RULE,
    SHADE,
    Styles,
    labelled,
    para,
    text,
)

DAY_COLUMNS = (20 * mm, 50 * mm, 56 * mm, FRAME_WIDTH - 126 * mm)


class DayTable(Table):
    """A day's table; the part after a page break gets the header marked '(continued)'.

    Rows split between entries; an entry itself is split only at the top of a page (when it
    is too long for a whole page), so a day never leaves a sliver of an entry under a
    '(continued)' header at the foot of a page.
    """

    continued_header: Flowable | None = None
    # Set by reportlab's Table (private, not in its stubs): the NOSPLIT commands, the cells.
    _nosplitCmds: list[Any]
    _cellvalues: list[list[Any]]

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        self.splitInRow = 1 if availHeight > 0.9 * FRAME_HEIGHT else 0
        parts: list[Any] = super().split(availWidth, availHeight)
        if not parts and self.splitInRow and self._nosplitCmds:
            # The day's first entry is longer than a page: let it start under the header.
            self._nosplitCmds = []
            parts = super().split(availWidth, availHeight)
        if self.continued_header is not None:
            for part in parts[1:]:
                row = list(part._cellvalues[0])
                row[0] = self.continued_header
                part._cellvalues[0] = row
                part.continued_header = self.continued_header
        return parts


def _place_cells(place: Place, styles: Styles, label: str, address: bool) -> list[Flowable]:
    name = f"{label}{place.name_en}" if label else place.name_en
    cells: list[Flowable] = [para(name, styles.body)]
    if place.name_zh:
        cells.append(para(place.name_zh, styles.zh))
    if address and place.address_zh:
        cells.append(para(place.address_zh, styles.zh_small))
    if address and place.address_en:
        cells.append(para(place.address_en, styles.small))
    return cells


def _where(entry: Entry, styles: Styles, first: set[tuple[str, str]]) -> list[Flowable]:
    cells: list[Flowable] = []
    if entry.origin is not None:
        cells += _place_cells(entry.origin, styles, "From: ",
                              (entry.activity_id, entry.origin.site_id) in first)
        cells.append(Spacer(1, 2))
    if entry.place is not None:
        cells += _place_cells(entry.place, styles, "To: " if entry.origin else "",
                              (entry.activity_id, entry.place.site_id) in first)
    return cells


def _details(entry: Entry, styles: Styles) -> list[Flowable]:
    small = styles.small
    cells: list[Flowable] = []
    if entry.transport:
        cells.append(labelled("Transport", entry.transport, small))
    if entry.seat:
        cells.append(labelled("Your seat", entry.seat, styles.body))
    if entry.meeting_point:
        cells.append(labelled("Meet", entry.meeting_point, small))
    if entry.host:
        cells.append(labelled("Host", entry.host, small))
    cells += [para(note, small) for note in entry.notes]
    if entry.seats:
        seats = "; ".join(f"{name}: {seat}" for name, seat in entry.seats)
        cells.append(labelled("Seats", seats, small))
    if entry.booking_ref:
        cells.append(labelled("Booking", entry.booking_ref, small))
    if entry.internal_notes:
        cells.append(labelled("Internal", entry.internal_notes, small))
    return cells


def _what(entry: Entry, styles: Styles) -> list[Flowable]:
    cells: list[Flowable] = [para(entry.kind.upper(), styles.small),
                             para(entry.title, styles.cell_title)]
    if entry.who != "Everyone":
        cells.append(labelled("Who", entry.who, styles.small))
    if entry.status == "planned":
        cells.append(para(f"({PLANNED})", styles.small))
    return cells


def _nights(day: Day, styles: Styles) -> Paragraph:
    if not day.nights:
        return para("Night: no hotel booked for this night (departure, or on your own)",
                    styles.small)
    parts = []
    for night in day.nights:
        who = f" ({night.who})" if night.who else ""
        zh = f" {night.place.name_zh}" if night.place.name_zh else ""
        parts.append(f"{night.place.name_en}{zh}{who}")
    return labelled("Night", "; ".join(parts), styles.zh_small)


def day_section(day: Day, styles: Styles) -> list[Flowable]:
    """One day: its header (repeated on every page it spans), the night, and the entries."""
    header = para(day.heading, styles.day)
    rows: list[list[Any]] = [[header, "", "", ""], [_nights(day, styles), "", "", ""]]
    commands: list[tuple[Any, ...]] = [
        ("SPAN", (0, 0), (-1, 0)), ("SPAN", (0, 1), (-1, 1)),
        ("BACKGROUND", (0, 0), (-1, 0), BAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
    ]
    if day.free:
        rows.append([para("Free day: nothing is planned.", styles.body), "", "", ""])
        commands.append(("SPAN", (0, 2), (-1, 2)))
    first = day.first_mentions()
    for entry in day.entries:
        time_cell = Paragraph(text(entry.times).replace("-", "-<br/>", 1), styles.body)
        rows.append([time_cell, _what(entry, styles), _where(entry, styles, first),
                     _details(entry, styles)])
    commands.append(("LINEBELOW", (0, 1), (-1, -2), 0.3, RULE))
    # Never leave a day's header alone at the foot of a page.
    commands.append(("NOSPLIT", (0, 0), (-1, min(2, len(rows) - 1))))
    table = DayTable(rows, colWidths=DAY_COLUMNS, repeatRows=1, splitInRow=1,
                     style=TableStyle(commands))
    table.continued_header = para(f"{day.heading} (continued)", styles.day)
    return [table, Spacer(1, 5 * mm)]


def _contact_rows(itinerary: Itinerary, styles: Styles) -> list[list[Any]]:
    rows = []
    coordinator = itinerary.coordinator
    if coordinator.name or coordinator.phone:
        rows.append([para(coordinator.role or "Coordinator", styles.small),
                     para(coordinator.name, styles.body),
                     para(coordinator.phone, styles.body), para(coordinator.email, styles.small)])
    for contact in itinerary.emergency:
        rows.append([para(contact.role, styles.small), para(contact.name, styles.body),
                     para(contact.phone, styles.body), para(contact.email, styles.small)])
    return rows


def _grid(rows: list[list[Any]], widths: tuple[float, ...]) -> Table:
    return Table(rows, colWidths=widths, repeatRows=1, style=TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.3, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]))


def cover(itinerary: Itinerary, styles: Styles) -> list[Flowable]:
    """The first page(s): title, dates, reader, contacts, hotels by city."""
    story: list[Flowable] = [para(itinerary.title, styles.title),
                             para(itinerary.dates, styles.subtitle)]
    if itinerary.organizer:
        story.append(para(itinerary.organizer, styles.body))
    story += [Spacer(1, 6 * mm), para(itinerary.edition_label, styles.title)]
    contacts = _contact_rows(itinerary, styles)
    if contacts:
        head = [para(h, styles.small) for h in ("Role", "Name", "Phone", "Email")]
        story += [para("Contacts: call these numbers", styles.heading),
                  _grid([head, *contacts], (45 * mm, 55 * mm, 37 * mm, FRAME_WIDTH - 137 * mm))]
    if itinerary.hotels:
        head = [para(h, styles.small) for h in ("City", "Hotel", "Address", "Nights")]
        rows: list[list[Any]] = [head]
        for stay in itinerary.hotels:
            place = stay.place
            who = f" ({stay.who})" if stay.who else ""
            nights = f"{stay.check_in:%a %d %b} - {stay.check_out:%a %d %b}{who}"
            rows.append([para(stay.city, styles.body),
                         [para(place.name_en, styles.body), para(place.name_zh, styles.zh)]
                         + ([para(f"tel. {place.phone}", styles.small)] if place.phone else []),
                         [para(place.address_zh, styles.zh_small),
                          para(place.address_en, styles.small)],
                         para(nights, styles.small)])
        story += [para("Hotels", styles.heading),
                  _grid(rows, (22 * mm, 58 * mm, 64 * mm, FRAME_WIDTH - 144 * mm))]
    story += [Spacer(1, 5 * mm), KeepTogether([
        para("How to use this itinerary", styles.heading),
        para("Each day lists what happens, where (in English and Chinese, with the address), "
             "how you get there and who to ask for. The taxi cards at the end show a driver, "
             "in large Chinese characters, where to take you; their QR code opens the place "
             "in Amap (高德地图).", styles.body)])]
    return story
