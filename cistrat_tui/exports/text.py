"""The itinerary as plain text for the terminal: the same days and entries as the PDF, in the same
order, every line at most 80 columns wide.

Chinese characters take two columns in a terminal, so lines are measured and wrapped by display
width (:mod:`cistrat_tui.exports.display_width`), never inside a Chinese word or name.
"""

from __future__ import annotations

from cistrat_tui.core.plain_text import printable
from cistrat_tui.exports.display_width import WIDTH, columns, wrap
from cistrat_tui.exports.itinerary import Day, Entry, Itinerary, Place

__all__ = ["WIDTH", "columns", "render_text", "wrap"]


def _place(place: Place, label: str, address: bool) -> list[str]:
    names = place.name_en + (f" / {place.name_zh}" if place.name_zh else "")
    lines = wrap(f"{label}{names}", " " * 8)
    if address:
        for value in (place.address_zh, place.address_en):
            if value:
                lines += wrap(value, " " * 10)
    return lines


def _entry(entry: Entry, first: set[tuple[str, str]]) -> list[str]:
    title = f"{entry.kind}: {entry.title}"
    title += "".join(f" ({q})" for q in entry.qualifiers)
    lines = wrap(title, f"{entry.times:<12} ", " " * 13)
    if entry.origin is not None:
        lines += _place(entry.origin, "From: ", (entry.activity_id, entry.origin.site_id) in first)
    if entry.place is not None:
        lines += _place(entry.place, "To: " if entry.origin else "At: ",
                        (entry.activity_id, entry.place.site_id) in first)
    facts = [("Transport", entry.transport), ("Your seat", entry.seat),
             ("Meet", entry.meeting_point), ("Host", entry.host)]
    for label, value in facts:
        if value:
            lines += wrap(f"{label}: {value}", " " * 8)
    for note in entry.notes:
        lines += wrap(note, " " * 8)
    if entry.seats:
        lines += wrap("Seats: " + "; ".join(f"{n}: {s}" for n, s in entry.seats), " " * 8)
    for label, value in (("Booking", entry.booking_ref), ("Internal", entry.internal_notes)):
        if value:
            lines += wrap(f"{label}: {value}", " " * 8)
    return lines


def _day(day: Day) -> list[str]:
    lines = ["=" * WIDTH, *wrap(day.heading), "=" * WIDTH]
    if day.nights:
        nights = "; ".join(n.place.name_en + (f" / {n.place.name_zh}" if n.place.name_zh else "")
                           + (f" ({n.who})" if n.who else "") for n in day.nights)
        lines += wrap(f"Night: {nights}")
    else:
        lines.append("Night: no hotel booked for this night (departure, or on your own)")
    lines.append("")
    if day.free:
        return [*lines, "Free day: nothing is planned.", ""]
    first = day.first_mentions()
    for entry in day.entries:
        lines += _entry(entry, first)
        lines.append("")
    return lines


def render_text(itinerary: Itinerary) -> str:
    """The whole edition as plain text, at most 80 columns wide."""
    lines = [*wrap(itinerary.title), *wrap(itinerary.edition_label), *wrap(itinerary.dates)]
    if itinerary.organizer:
        lines += wrap(itinerary.organizer)
    lines += ["", "Contacts"]
    for contact in (itinerary.coordinator, *itinerary.emergency):
        if contact.name or contact.phone:
            how = ", ".join(v for v in (contact.name, contact.phone, contact.email) if v)
            lines += wrap(f"{contact.role or 'Coordinator'}: {how}", "  ", "    ")
    if itinerary.hotels:
        lines += ["", "Hotels"]
        for stay in itinerary.hotels:
            place = stay.place
            who = f" ({stay.who})" if stay.who else ""
            lines += wrap(f"{stay.city}, {stay.check_in:%a %d %b} - {stay.check_out:%a %d %b}"
                          f"{who}: {place.name_en} / {place.name_zh}", "  ")
            lines += wrap(f"{place.address_zh} / {place.address_en}", "    ")
            if place.phone:
                lines += wrap(f"tel. {place.phone}", "    ")
    lines.append("")
    for day in itinerary.days:
        lines += _day(day)
    return printable("\n".join(lines).rstrip() + "\n")  # no escape sequence reaches a file
