"""An itinerary as the plain data that the PDF template lays out (``itinerary.typ``).

Everything the template prints is decided here, in Python, from the one day-by-day view
(:mod:`cistrat_tui.exports.itinerary`): the template only arranges it. The data goes to Typst
as JSON through ``sys.inputs``, never spliced into markup, so no name or note can change the
layout or run code, whatever characters it holds.

What makes the edition compact, without leaving out anything a trainee needs:

- a week at a glance (every day: date, city, the main items) on the first page;
- each address once per day, where the place first appears; later mentions carry the names
  and "address above";
- an entry at the same place as the one before says "same place"; a journey that leaves from
  where the reader already is omits its "From"; the same meeting point and notes on
  consecutive entries ("Bring: laptop" on four lectures) are printed once, then "as above";
- taxi cards four to a page, one per place this reader may need a taxi to (not the stations
  and airports they only arrive at).
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Any

import segno

from cistrat_tui.core.records.model import TravelMode
from cistrat_tui.exports.itinerary import MODE_NAMES, PLANNED, Day, Entry, Itinerary, Place

ASK_DRIVER = "师傅\uff0c请送我到这里\uff1a"  # fullwidth comma and colon
GLANCE_KINDS = ("Visit", "Lecture", "Travel", "Check-in", "Free time")
GLANCE_ITEMS = 4  # main items shown in a day's cell
LONG_ENTRY = 1500  # characters of details past which an entry may split across columns
LONG_DISTANCE = (MODE_NAMES[TravelMode.HIGH_SPEED_RAIL], MODE_NAMES[TravelMode.FLIGHT])


@lru_cache(maxsize=512)
def qr_svg(value: str) -> str:
    """A QR code (error correction M, quiet zone of 4 modules) for ``value`` as SVG text:
    vector, so sharp at any print resolution. Cached: the same place is in every edition."""
    code = segno.make_qr(value, error="m", boost_error=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", border=4, xmldecl=False, svgns=True, nl=False)
    return buffer.getvalue().decode("ascii")


def _place(place: Place, with_address: bool) -> dict[str, Any]:
    return {"id": place.site_id, "en": place.name_en, "zh": place.name_zh,
            "address_zh": place.address_zh if with_address else "",
            "address_en": place.address_en if with_address else "",
            "above": not with_address and bool(place.address_zh or place.address_en)}


def _glance_items(day: Day) -> list[str]:
    """The day's main items for the week-at-a-glance grid: the visits, lectures and long
    journeys first by time, meals and short transfers only when nothing else happens."""
    main = [e for e in day.entries if e.kind in GLANCE_KINDS and not _short_transfer(e)]
    chosen = main or list(day.entries)
    items = [f"{e.start:%H:%M} {e.title}" for e in chosen[:GLANCE_ITEMS]]
    if len(chosen) > GLANCE_ITEMS:
        items.append(f"+{len(chosen) - GLANCE_ITEMS} more")
    return items


def _short_transfer(entry: Entry) -> bool:
    """A coach or walk within a city (to the lecture hall and back): not a main item."""
    return entry.kind == "Travel" and entry.origin is not None and entry.place is not None \
        and entry.origin.city == entry.place.city


def glance(itinerary: Itinerary) -> list[list[dict[str, Any] | None]]:
    """The days as weeks of seven cells (Monday first), None outside the programme."""
    weeks: list[list[dict[str, Any] | None]] = []
    for day in itinerary.days:
        if not weeks or day.date.weekday() == 0:
            weeks.append([None] * 7)
        weeks[-1][day.date.weekday()] = {
            "label": f"{day.date:%a} {day.date.day} {day.date:%b}",
            "day": (day.name or f"Day {day.number}").removesuffix(" the programme"),
            "city": " → ".join(day.cities),
            "items": _glance_items(day) if not day.free else ["Free day"]}
    return weeks


def _location(entry: Entry | None) -> str:
    """Where the reader is at the end of ``entry``: its place (a journey's destination)."""
    return entry.place.site_id if entry is not None and entry.place is not None else ""


def _details(entry: Entry) -> list[list[str]]:
    """The labelled facts and notes of an entry, in print order."""
    facts = [[label, value] for label, value in (
        ("Transport", entry.transport), ("Your seat", entry.seat),
        ("Meet", entry.meeting_point), ("Host", entry.host)) if value]
    facts += [["", note] for note in entry.notes]
    if entry.seats:
        facts.append(["Seats", "; ".join(f"{n}: {s}" for n, s in entry.seats)])
    facts += [[label, value] for label, value in (
        ("Booking", entry.booking_ref), ("Internal", entry.internal_notes)) if value]
    return facts


def _entry(entry: Entry, first: set[tuple[str, str]], previous: Entry | None) -> dict[str, Any]:
    """One entry; what repeats the entry just before it (the same place, the same meeting
    point and notes) is said in two words instead of printed again."""
    def place(value: Place | None) -> dict[str, Any] | None:
        if value is None:
            return None
        return _place(value, (entry.activity_id, value.site_id) in first)

    here = _location(previous)
    same_place = entry.origin is None and entry.place is not None \
        and entry.place.site_id == here and (entry.activity_id, here) not in first
    origin = entry.origin
    if origin is not None and origin.site_id == here and (entry.activity_id, here) not in first:
        origin = None  # the journey leaves from where the reader already is
    details = _details(entry)
    same_details = previous is not None and bool(details) and details == _details(previous)
    return {"times": entry.times, "kind": entry.kind, "title": entry.title,
            "who": entry.who if entry.who != "Everyone" else "",
            "planned": PLANNED if entry.status == "planned" else "",
            "origin": place(origin), "place": None if same_place else place(entry.place),
            "to": entry.origin is not None, "same_place": same_place,
            "details": [] if same_details else details, "details_as_above": same_details,
            "long": sum(len(value) for _, value in details) > LONG_ENTRY}


def _day(day: Day) -> dict[str, Any]:
    first = day.first_mentions()
    entries = []
    previous: Entry | None = None
    for entry in day.entries:
        entries.append(_entry(entry, first, previous))
        previous = entry
    nights = [{"en": n.place.name_en, "zh": n.place.name_zh, "who": n.who} for n in day.nights]
    return {"heading": day.heading, "nights": nights, "entries": entries}


def taxi_places(itinerary: Itinerary) -> list[Place]:
    """The places that get a taxi card: every place of the edition except an arrival hub, a
    station or airport the reader only arrives at by train or plane and leaves with the group
    (nobody takes a taxi to the station they arrive at). A hub the reader also departs from,
    sleeps at or spends time at keeps its card."""
    arrived: set[str] = set()
    needed: set[str] = set()
    for day in itinerary.days:
        needed |= {night.place.site_id for night in day.nights}
        for entry in day.entries:
            long_distance = entry.transport.startswith(LONG_DISTANCE)
            if entry.origin is None:
                if entry.place is not None:
                    needed.add(entry.place.site_id)
                continue
            if long_distance:
                needed.add(entry.origin.site_id)
                if entry.place is not None:
                    arrived.add(entry.place.site_id)
            elif entry.place is not None:
                needed.add(entry.place.site_id)
    return [p for p in itinerary.places if p.site_id in needed or p.site_id not in arrived]


def _card(place: Place) -> dict[str, Any]:
    return {"zh": place.name_zh or place.name_en, "address_zh": place.address_zh,
            "en": place.name_en, "address_en": place.address_en, "phone": place.phone,
            "qr": qr_svg(place.links.amap) if place.links is not None else ""}


def document_data(itinerary: Itinerary, footer: str) -> dict[str, Any]:
    """Everything the template prints, as JSON-ready data."""
    contacts = [{"role": c.role or "Coordinator", "name": c.name, "phone": c.phone,
                 "email": c.email}
                for c in (itinerary.coordinator, *itinerary.emergency) if c.name or c.phone]
    hotels = [{"city": s.city, "en": s.place.name_en, "zh": s.place.name_zh,
               "address_zh": s.place.address_zh, "address_en": s.place.address_en,
               "phone": s.place.phone,
               "nights": f"{s.check_in:%a %d %b} - {s.check_out:%a %d %b}"
                         + (f" ({s.who})" if s.who else "")} for s in itinerary.hotels]
    return {"title": itinerary.title, "dates": itinerary.dates,
            "organizer": itinerary.organizer, "edition": itinerary.edition_label,
            "footer": footer, "contacts": contacts, "hotels": hotels,
            "weeks": glance(itinerary), "days": [_day(d) for d in itinerary.days],
            "ask_driver": ASK_DRIVER, "cards": [_card(p) for p in taxi_places(itinerary)]}
