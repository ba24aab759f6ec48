"""Items of the programme: Activity (a visit, lecture, meal, travel leg...) and Stay (a hotel)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records import people
from cistrat_tui.core.records import values as v
from cistrat_tui.core.records.cost import optional_decimal
from cistrat_tui.core.records.model import (
    SITE_REQUIRED_KINDS,
    ActivityKind,
    Participants,
    Status,
    TravelMode,
)
from cistrat_tui.core.records.people import Room


def _now() -> datetime:
    return datetime.now(v.SHANGHAI).replace(microsecond=0)


@dataclass(frozen=True, slots=True)
class Activity:
    """One item of the programme, with aware start and end times.

    A visit or lecture happens at ``site_id``; a travel leg goes from ``from_site_id`` to
    ``to_site_id`` by ``mode``, with a service number (train G7) and each trainee's seat.
    ``revision`` goes up whenever something a trainee would see changes: it becomes the
    calendar SEQUENCE.
    """

    kind: ActivityKind
    title: str
    start: datetime
    end: datetime
    site_id: str | None = None
    from_site_id: str | None = None
    to_site_id: str | None = None
    mode: TravelMode | None = None
    service_number: str = ""
    booking_ref: str = ""
    seats: dict[str, str] = field(default_factory=dict)
    participants: Participants = field(default_factory=Participants)
    status: Status = Status.PLANNED
    revision: int = 0
    description: str = ""
    what_to_bring: str = ""
    dress_code: str = ""
    meeting_point: str = ""
    internal_notes: str = ""
    updated_at: datetime = field(default_factory=_now)
    resource_ids: tuple[str, ...] = ()
    id: str = field(default_factory=v.new_id)

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "id", v.check_id(self.id))
        kind = v.enum_value(ActivityKind, self.kind, "kind")
        put(self, "kind", kind)
        put(self, "title", v.text(self.title, "title", required=True, max_length=300))
        put(self, "start", v.to_datetime(self.start, "start"))
        put(self, "end", v.to_datetime(self.end, "end"))
        if self.end <= self.start:
            raise ValidationError("end", f"{self.end:%Y-%m-%d %H:%M} is not after the start "
                                  f"{self.start:%Y-%m-%d %H:%M}")
        for name in ("site_id", "from_site_id", "to_site_id"):
            value = getattr(self, name)
            if value in ("", None):
                put(self, name, None)
            else:
                put(self, name, v.check_id(value, name.replace("_id", "").replace("_", " ")))
        if kind in SITE_REQUIRED_KINDS and self.site_id is None:
            raise ValidationError("site", f"a {kind.value} needs a site: say where it "
                                  "takes place")
        if kind is ActivityKind.TRAVEL:
            if self.mode in ("", None):
                raise ValidationError("mode", "a travel leg needs a mode of transport")
            put(self, "mode", v.enum_value(TravelMode, self.mode, "mode"))
            if self.from_site_id is None or self.to_site_id is None:
                raise ValidationError("from/to", "a travel leg needs a place to leave from "
                                      "and a place to arrive at")
            if self.from_site_id == self.to_site_id:
                raise ValidationError("to", "a travel leg must go to another place")
        else:
            if self.mode not in ("", None):
                raise ValidationError("mode", "only a travel leg has a mode of transport, "
                                      f"not a {kind.value.replace('_', ' ')}")
            if self.seats:
                raise ValidationError("seats", "only a travel leg has seats")
            if self.from_site_id is not None or self.to_site_id is not None:
                raise ValidationError("from/to", f"only a travel leg goes from one place to "
                                      f"another, not a {kind.value.replace('_', ' ')}; "
                                      "give the place as its site")
            put(self, "mode", None)
        put(self, "service_number", v.text(self.service_number, "service number", max_length=30))
        put(self, "booking_ref", v.text(self.booking_ref, "booking reference", max_length=100))
        if not isinstance(self.seats, dict):
            raise ValidationError("seats", f"expected seats by trainee, got {self.seats!r}")
        put(self, "seats", {v.check_id(t, "seats"): v.text(s, "seat", required=True,
                                                           max_length=60)
                            for t, s in self.seats.items()})
        if isinstance(self.participants, dict):
            put(self, "participants", Participants.from_dict(self.participants))
        elif not isinstance(self.participants, Participants):
            raise ValidationError("participants", f"expected who takes part, got "
                                  f"{self.participants!r}")
        put(self, "status", v.enum_value(Status, self.status, "status"))
        if isinstance(self.revision, bool) or not isinstance(self.revision, int) \
                or self.revision < 0:
            raise ValidationError("revision", f"expected a whole number 0 or more, got "
                                  f"{self.revision!r}")
        for name, limit in (("description", 20000), ("what_to_bring", 2000),
                            ("dress_code", 200), ("meeting_point", 500),
                            ("internal_notes", 20000)):
            put(self, name, v.text(getattr(self, name), name.replace("_", " "),
                                   max_length=limit))
        put(self, "updated_at", v.to_datetime(self.updated_at, "updated at"))
        put(self, "resource_ids", people.id_tuple(self.resource_ids, "resources"))

    @property
    def day(self) -> date:
        """The local date the activity starts on."""
        return self.start.astimezone(v.SHANGHAI).date()

    @property
    def cancelled(self) -> bool:
        return self.status is Status.CANCELLED

    def site_ids(self) -> list[str]:
        """Every site the activity refers to."""
        return [s for s in (self.site_id, self.from_site_id, self.to_site_id) if s]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind.value, "title": self.title,
            "start": self.start.isoformat(), "end": self.end.isoformat(),
            "site_id": self.site_id, "from_site_id": self.from_site_id,
            "to_site_id": self.to_site_id, "mode": self.mode.value if self.mode else None,
            "service_number": self.service_number, "booking_ref": self.booking_ref,
            "seats": dict(self.seats), "participants": self.participants.to_dict(),
            "status": self.status.value, "revision": self.revision,
            "description": self.description, "what_to_bring": self.what_to_bring,
            "dress_code": self.dress_code, "meeting_point": self.meeting_point,
            "internal_notes": self.internal_notes, "updated_at": self.updated_at.isoformat(),
            "resource_ids": list(self.resource_ids),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Activity:
        return cls(**{**data, "resource_ids": tuple(data.get("resource_ids", ()))})


# Fields a trainee never sees: changing only these does not raise the revision.
INTERNAL_ACTIVITY_FIELDS = frozenset({"internal_notes", "booking_ref", "updated_at", "revision",
                                      "resource_ids"})
TRAINEE_VISIBLE_FIELDS = tuple(f.name for f in fields(Activity)
                               if f.name not in INTERNAL_ACTIVITY_FIELDS)


def revised(old: Activity, new: Activity) -> Activity:
    """``new`` with revision and updated_at set from ``old``: the revision goes up by one when
    anything a trainee sees changed (and never goes down), and stays put otherwise."""
    changed = any(getattr(old, name) != getattr(new, name) for name in TRAINEE_VISIBLE_FIELDS)
    # Exactly one above the old revision; a caller that already raised it (or called this
    # twice) does not raise it again, and a lower number never wins.
    revision = max(old.revision + 1 if changed else old.revision, new.revision)
    touched = changed or any(getattr(old, n) != getattr(new, n)
                             for n in ("internal_notes", "booking_ref"))
    updated = _now() if touched else old.updated_at
    if revision == new.revision and updated == new.updated_at:
        return new
    return replace(new, revision=revision, updated_at=updated)


@dataclass(frozen=True, slots=True)
class Stay:
    """Nights at a hotel: check-in and check-out dates (check-out after check-in), and the
    rooms with who sleeps in which (for the hotel's rooming list).

    ``room_rate`` is the agreed price of one room for one night in CNY (None: not agreed yet;
    the budget then uses the rules' default rate)."""

    hotel_id: str
    check_in: date
    check_out: date
    participants: Participants = field(default_factory=Participants)
    booking_ref: str = ""
    notes: str = ""
    room_rate: Decimal | None = None
    rooms: tuple[Room, ...] = ()
    id: str = field(default_factory=v.new_id)

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "id", v.check_id(self.id))
        put(self, "hotel_id", v.check_id(self.hotel_id, "hotel"))
        put(self, "check_in", v.to_date(self.check_in, "check-in date"))
        put(self, "check_out", v.to_date(self.check_out, "check-out date"))
        if self.check_out <= self.check_in:
            raise ValidationError("check-out date", f"{self.check_out} is not after the "
                                  f"check-in date {self.check_in}")
        if isinstance(self.participants, dict):
            put(self, "participants", Participants.from_dict(self.participants))
        elif not isinstance(self.participants, Participants):
            raise ValidationError("participants", f"expected who stays, got "
                                  f"{self.participants!r}")
        put(self, "booking_ref", v.text(self.booking_ref, "booking reference", max_length=100))
        put(self, "notes", v.text(self.notes, "notes", max_length=20000))
        put(self, "room_rate", optional_decimal(self.room_rate, "room rate"))
        put(self, "rooms", people.rooms(self.rooms))

    def room_of(self, trainee_id: str) -> Room | None:
        """The room a trainee sleeps in during this stay, if one is given."""
        return next((r for r in self.rooms if trainee_id in r.occupant_ids), None)

    def nights(self) -> list[date]:
        """The dates of the nights spent (check-in up to the night before check-out)."""
        return [date.fromordinal(n) for n in
                range(self.check_in.toordinal(), self.check_out.toordinal())]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "hotel_id": self.hotel_id, "check_in": self.check_in.isoformat(),
            "check_out": self.check_out.isoformat(),
            "participants": self.participants.to_dict(), "booking_ref": self.booking_ref,
            "notes": self.notes, "rooms": [r.to_dict() for r in self.rooms],
            "room_rate": None if self.room_rate is None else str(self.room_rate),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Stay:
        return cls(**data)
