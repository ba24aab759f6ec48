"""The itinerary as Markdown, for email: the same days and entries as the PDF, in the same order.

Places carry links that open them in Amap, Baidu Maps and OpenStreetMap. Lines are wrapped at
80 display columns (Chinese counts two) and never inside a Chinese word or name, since most
Markdown viewers turn a line break between two Chinese characters into a space; a continuation
line stays inside its list item, and one that would begin like a list marker is escaped.
"""

from __future__ import annotations

import re

from cistrat_tui.core.plain_text import printable
from cistrat_tui.exports.display_width import WIDTH, wrap
from cistrat_tui.exports.itinerary import Day, Entry, Itinerary, Place

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_ITEM = re.compile(r"^( *)(- )?")
_MARKER_LIKE = re.compile(r"^([-+]|\d+[.)])(\s|$)")


def md(value: str) -> str:
    """Text with Markdown's special characters escaped, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(value.split()))


def _place(place: Place, label: str, address: bool) -> list[str]:
    names = md(place.name_en) + (f" / {md(place.name_zh)}" if place.name_zh else "")
    lines = [f"  - {label}{names}"]
    if address and (place.address_zh or place.address_en):
        both = " / ".join(md(a) for a in (place.address_zh, place.address_en) if a)
        lines.append(f"    - Address: {both}")
    if address and place.links is not None:
        lines.append(f"    - Map: [Amap]({place.links.amap}) · [Baidu]({place.links.baidu}) · "
                     f"[OpenStreetMap]({place.links.osm})")
    return lines


def _entry(entry: Entry, first: set[tuple[str, str]]) -> list[str]:
    head = f"- **{entry.times}** {md(entry.kind)}: **{md(entry.title)}**"
    head += "".join(f" ({md(q)})" for q in entry.qualifiers)
    lines = [head]
    if entry.origin is not None:
        lines += _place(entry.origin, "From: ", (entry.activity_id, entry.origin.site_id) in first)
    if entry.place is not None:
        lines += _place(entry.place, "To: " if entry.origin else "Where: ",
                        (entry.activity_id, entry.place.site_id) in first)
    facts = [("Transport", entry.transport), ("Your seat", entry.seat),
             ("Meet", entry.meeting_point), ("Host", entry.host)]
    lines += [f"  - {label}: {md(value)}" for label, value in facts if value]
    lines += [f"  - {md(note)}" for note in entry.notes]
    if entry.seats:
        lines.append("  - Seats: " + "; ".join(f"{md(n)}: {md(s)}" for n, s in entry.seats))
    staff = [("Booking", entry.booking_ref), ("Internal", entry.internal_notes)]
    lines += [f"  - {label}: {md(value)}" for label, value in staff if value]
    return lines


def _day(day: Day) -> list[str]:
    lines = [f"## {md(day.heading)}", ""]
    if day.nights:
        nights = "; ".join(md(n.place.name_en) + (f" / {md(n.place.name_zh)}" if n.place.name_zh
                                                   else "") + (f" ({md(n.who)})" if n.who else "")
                           for n in day.nights)
        lines.append(f"Night: {nights}")
    else:
        lines.append("Night: no hotel booked for this night (departure, or on your own)")
    lines.append("")
    if day.free:
        lines += ["Free day: nothing is planned.", ""]
        return lines
    first = day.first_mentions()
    for entry in day.entries:
        lines += _entry(entry, first)
    lines.append("")
    return lines


def wrap_markdown(line: str, width: int = WIDTH) -> list[str]:
    """One Markdown line as lines of at most ``width`` columns: headings stay whole, list
    items continue under their text, and a web address is never cut."""
    if line.startswith("#") or not line.strip():
        return [line]
    lead = _ITEM.match(line)
    indent = lead.group(0) if lead else ""
    hang = " " * len(indent)
    lines = wrap(line[len(indent):], indent, hang, width - 1, cut_long=False)
    for number in range(1, len(lines)):
        body = lines[number][len(hang):]
        if _MARKER_LIKE.match(body):
            lines[number] = hang + "\\" + body
    return lines


def render_markdown(itinerary: Itinerary) -> str:
    """The whole edition as a Markdown document."""
    lines = [f"# {md(itinerary.title)}", "", f"**{md(itinerary.edition_label)}**", "",
             md(itinerary.dates)]
    if itinerary.organizer:
        lines += ["", md(itinerary.organizer)]
    lines += ["", "## Contacts", ""]
    contacts = [itinerary.coordinator, *itinerary.emergency]
    lines += [f"- {md(c.role or 'Coordinator')}: {md(c.name)}, {md(c.phone)}"
              + (f", {md(c.email)}" if c.email else "") for c in contacts if c.name or c.phone]
    if itinerary.hotels:
        lines += ["", "## Hotels", ""]
        for stay in itinerary.hotels:
            place = stay.place
            who = f" ({md(stay.who)})" if stay.who else ""
            lines.append(f"- {md(stay.city)}, {stay.check_in:%a %d %b} - "
                         f"{stay.check_out:%a %d %b}{who}: {md(place.name_en)} / "
                         f"{md(place.name_zh)}, {md(place.address_zh)} / {md(place.address_en)}"
                         + (f", tel. {md(place.phone)}" if place.phone else ""))
    lines.append("")
    for day in itinerary.days:
        lines += _day(day)
    wrapped = [piece for line in lines for piece in wrap_markdown(line)]
    return printable("\n".join(wrapped).rstrip() + "\n")  # no escape sequence reaches a file
