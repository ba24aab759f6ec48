"""Bookings: what has been asked of a supplier or host for one activity or stay, and its state.

One activity can need several bookings (a visit: the host's confirmation, the visitor list
the host asks for, a coach, an interpreter), each with its own state and the supplier's
reference, so a booking is a record of its own that points to the activity or stay it serves,
rather than fields on that record. A booking whose activity or stay was deleted is kept (it
is the coordinator's record of what was asked) but no longer listed.

:class:`BookingRule` is the coordinator's own deadline for one kind of booking; without one,
the defaults in ``data/reference/booking_rules.csv`` apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records import values as v


class BookingItem(StrEnum):
    """What is booked or confirmed."""

    TRAIN_TICKETS = "train_tickets"
    FLIGHT_TICKETS = "flight_tickets"
    VEHICLE = "vehicle"
    HOTEL = "hotel"
    ROOMING_LIST = "rooming_list"
    HOST_VISIT = "host_visit"
    VISITOR_LIST = "visitor_list"
    RESTAURANT = "restaurant"
    INTERPRETER = "interpreter"
    GUIDE = "guide"


ITEM_LABELS: dict[BookingItem, str] = {
    BookingItem.TRAIN_TICKETS: "train tickets",
    BookingItem.FLIGHT_TICKETS: "flight tickets",
    BookingItem.VEHICLE: "coach or vehicle",
    BookingItem.HOTEL: "hotel rooms",
    BookingItem.ROOMING_LIST: "rooming list to the hotel",
    BookingItem.HOST_VISIT: "visit confirmed by the host",
    BookingItem.VISITOR_LIST: "visitor list to the host",
    BookingItem.RESTAURANT: "restaurant for the group",
    BookingItem.INTERPRETER: "interpreter",
    BookingItem.GUIDE: "guide",
}


class BookingState(StrEnum):
    """Where a booking stands: not asked yet, asked (no answer or not final), confirmed."""

    TO_BOOK = "to_book"
    REQUESTED = "requested"
    CONFIRMED = "confirmed"


class DeadlineUnit(StrEnum):
    DAYS = "days"
    WORKING_DAYS = "working_days"


@dataclass(frozen=True, slots=True)
class Booking:
    """The state of one booking for one activity or stay."""

    record_id: str
    item: BookingItem
    state: BookingState = BookingState.TO_BOOK
    supplier: str = ""
    reference: str = ""
    requested_on: date | None = None
    confirmed_on: date | None = None
    confirmed_by: str = ""
    notes: str = ""
    id: str = field(default_factory=v.new_id)

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "id", v.check_id(self.id))
        put(self, "record_id", v.check_id(self.record_id, "activity or stay"))
        put(self, "item", v.enum_value(BookingItem, self.item, "item"))
        state = v.enum_value(BookingState, self.state, "state")
        put(self, "state", state)
        put(self, "supplier", v.text(self.supplier, "supplier", max_length=200))
        put(self, "reference", v.text(self.reference, "reference", max_length=100))
        put(self, "confirmed_by", v.text(self.confirmed_by, "confirmed by", max_length=200))
        put(self, "notes", v.text(self.notes, "notes", max_length=5000))
        for name in ("requested_on", "confirmed_on"):
            value = getattr(self, name)
            put(self, name, None if value in ("", None) else
                v.to_date(value, name.replace("_", " ")))
        if state is BookingState.CONFIRMED and self.confirmed_on is None:
            raise ValidationError("confirmed on", "a confirmed booking needs the date it was "
                                  "confirmed")
        if (self.requested_on and self.confirmed_on
                and self.confirmed_on < self.requested_on):
            raise ValidationError("confirmed on", f"{self.confirmed_on} is before the request "
                                  f"({self.requested_on})")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "record_id": self.record_id, "item": self.item.value,
            "state": self.state.value, "supplier": self.supplier, "reference": self.reference,
            "requested_on": self.requested_on.isoformat() if self.requested_on else None,
            "confirmed_on": self.confirmed_on.isoformat() if self.confirmed_on else None,
            "confirmed_by": self.confirmed_by, "notes": self.notes,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Booking:
        return cls(**data)


@dataclass(frozen=True, slots=True)
class BookingRule:
    """The coordinator's deadline for one kind of booking: ``lead`` days (or working days)
    before the activity or stay starts. It replaces the reference default for that item."""

    item: BookingItem
    lead: int
    unit: DeadlineUnit = DeadlineUnit.DAYS
    note: str = ""
    id: str = field(default_factory=v.new_id)

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "id", v.check_id(self.id))
        put(self, "item", v.enum_value(BookingItem, self.item, "item"))
        put(self, "unit", v.enum_value(DeadlineUnit, self.unit, "unit"))
        if isinstance(self.lead, bool) or not isinstance(self.lead, int) \
                or not 0 <= self.lead <= 365:
            raise ValidationError("lead", f"expected a whole number of days from 0 to 365, got "
                                  f"{self.lead!r}")
        put(self, "note", v.text(self.note, "note", max_length=500))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "item": self.item.value, "lead": self.lead,
                "unit": self.unit.value, "note": self.note}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BookingRule:
        return cls(**data)
