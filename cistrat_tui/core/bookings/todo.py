"""The list of what is still to book or confirm, each with the date by which it must be done.

Needs come from the programme itself, so the list follows every change:

- a train leg needs train tickets, a flight flight tickets, a coach leg a vehicle;
- a visit needs the host's confirmation and, before it, the visitor list the host registers;
- a group meal at a restaurant needs the restaurant;
- an interpreter, a guide or a vehicle booked for an activity needs confirming;
- a hotel stay needs the rooms and, before check-in, the rooming list.

The state of each need is its :class:`~cistrat_tui.core.records.booking.Booking` when there is
one. Without one, what the records already say counts: a train or flight with a booking
reference and a seat for everyone taking part has its tickets, one with only a reference is
requested; a coach, visit or meal whose activity is confirmed is confirmed; a stay with a booking
reference has its rooms. Cancelled activities need nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from cistrat_tui.core.bookings.rules import Deadline, deadlines
from cistrat_tui.core.records.activity import Activity, Stay
from cistrat_tui.core.records.booking import ITEM_LABELS, Booking, BookingItem, BookingState
from cistrat_tui.core.records.model import ActivityKind, SiteKind, Status, TravelMode
from cistrat_tui.core.records.people import ResourceKind
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference.calendar import WorkingCalendar

TRAVEL_ITEMS = {TravelMode.HIGH_SPEED_RAIL: BookingItem.TRAIN_TICKETS,
                TravelMode.FLIGHT: BookingItem.FLIGHT_TICKETS,
                TravelMode.COACH: BookingItem.VEHICLE}


@dataclass(frozen=True, slots=True)
class TodoItem:
    """One booking to do or to confirm, as the list shows it."""

    item: BookingItem
    record_id: str
    what: str  # the activity's title or the hotel's name
    city: str
    day: date  # when the activity or stay starts
    due: date
    state: BookingState
    reference: str
    supplier: str
    rule: Deadline
    booking: Booking | None  # the stored booking, when there is one

    @property
    def label(self) -> str:
        return ITEM_LABELS[self.item]

    def days_left(self, today: date) -> int:
        return (self.due - today).days

    def overdue(self, today: date) -> bool:
        return self.state is not BookingState.CONFIRMED and self.due < today

    def to_json(self, today: date) -> dict[str, Any]:
        return {"item": self.item.value, "label": self.label, "what": self.what,
                "city": self.city, "day": self.day.isoformat(), "due": self.due.isoformat(),
                "days_left": self.days_left(today), "overdue": self.overdue(today),
                "state": self.state.value, "reference": self.reference,
                "supplier": self.supplier, "rule": self.rule.describe(),
                "rule_source": self.rule.source, "record_id": self.record_id,
                "booking_id": self.booking.id if self.booking else None}


def _implied_state(workshop: Workshop, item: BookingItem,
                   record: Activity | Stay) -> BookingState:
    """What the records say without a booking record (see the module's docstring)."""
    if isinstance(record, Stay):
        return (BookingState.CONFIRMED if item is BookingItem.HOTEL and record.booking_ref
                else BookingState.TO_BOOK)
    if item in (BookingItem.TRAIN_TICKETS, BookingItem.FLIGHT_TICKETS):
        people = {t.id for t in workshop.participants_of(record.participants)}
        if record.booking_ref and people <= set(record.seats):
            return BookingState.CONFIRMED
        return BookingState.REQUESTED if record.booking_ref else BookingState.TO_BOOK
    if item is BookingItem.VISITOR_LIST:
        return BookingState.TO_BOOK
    return (BookingState.CONFIRMED if record.status is Status.CONFIRMED
            else BookingState.TO_BOOK)


RESOURCE_ITEMS = {ResourceKind.INTERPRETER: BookingItem.INTERPRETER,
                  ResourceKind.GUIDE: BookingItem.GUIDE, ResourceKind.VEHICLE: BookingItem.VEHICLE}


def _needs_of(workshop: Workshop, activity: Activity) -> Iterator[BookingItem]:
    if activity.cancelled:
        return
    items = list(_kind_needs(workshop, activity))
    # The vehicles, interpreters and guides booked for it (each kind once per activity).
    for resource_id in activity.resource_ids:
        resource = workshop.resources.get(resource_id)
        item = RESOURCE_ITEMS.get(resource.kind) if resource is not None else None
        if item is not None and item not in items:
            items.append(item)
    yield from items


def _kind_needs(workshop: Workshop, activity: Activity) -> Iterator[BookingItem]:
    """What an activity of its kind needs booked, whoever does it."""
    if activity.kind is ActivityKind.TRAVEL and activity.mode in TRAVEL_ITEMS:
        yield TRAVEL_ITEMS[activity.mode]
    elif activity.kind is ActivityKind.VISIT:
        yield BookingItem.HOST_VISIT
        yield BookingItem.VISITOR_LIST
    elif activity.kind is ActivityKind.MEAL and activity.site_id:
        site = workshop.sites.get(activity.site_id)
        if site is not None and site.kind is SiteKind.RESTAURANT:
            yield BookingItem.RESTAURANT


def bookings_by_need(workshop: Workshop) -> dict[tuple[str, BookingItem], Booking]:
    """The stored bookings by (activity or stay id, item)."""
    return {(b.record_id, b.item): b for b in workshop.bookings.values()}


def todo_items(workshop: Workshop, calendar: WorkingCalendar | None = None) -> list[TodoItem]:
    """Every booking the programme needs, done or not, in no particular order."""
    calendar = calendar or WorkingCalendar.default()
    rules = deadlines(workshop.booking_rules.values())
    stored = bookings_by_need(workshop)
    needs: list[tuple[BookingItem, Activity | Stay, str, str, date]] = []
    for activity in workshop.activities.values():
        for item in _needs_of(workshop, activity):
            place = workshop.sites.get(activity.site_id or activity.from_site_id or "")
            needs.append((item, activity, activity.title, place.city if place else "",
                          activity.day))
    for stay in workshop.stays.values():
        hotel = workshop.sites.get(stay.hotel_id)
        for item in (BookingItem.HOTEL, BookingItem.ROOMING_LIST):
            needs.append((item, stay, hotel.name_en if hotel else "hotel",
                          hotel.city if hotel else "", stay.check_in))
    items = []
    for item, record, what, city, day in needs:
        booking = stored.get((record.id, item))
        state = booking.state if booking else _implied_state(workshop, item, record)
        if booking is not None and booking.reference:
            reference = booking.reference
        elif item in (BookingItem.VISITOR_LIST, BookingItem.ROOMING_LIST):
            reference = ""  # a list sent to a host or hotel has no booking reference
        else:
            reference = record.booking_ref
        rule = rules[item]
        items.append(TodoItem(item, record.id, what, city, day, rule.due(day, calendar), state,
                              reference, booking.supplier if booking else "", rule, booking))
    return items


def todo_list(workshop: Workshop, today: date, *, items: Iterable[BookingItem] = (),
              city: str = "", include_confirmed: bool = False,
              calendar: WorkingCalendar | None = None) -> list[TodoItem]:
    """What is still open (or everything, with ``include_confirmed``), overdue first, then by
    deadline; filtered by item and by city (a case-insensitive part of its name)."""
    wanted = set(items)
    found = [t for t in todo_items(workshop, calendar)
             if (include_confirmed or t.state is not BookingState.CONFIRMED)
             and (not wanted or t.item in wanted)
             and (not city or city.casefold() in t.city.casefold())]
    return sorted(found, key=lambda t: (not t.overdue(today), t.due, t.day, t.what, t.item))
