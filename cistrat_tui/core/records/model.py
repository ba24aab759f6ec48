"""The workshop's records: Programme, Site, Trainee, Activity and Stay.

Trainee lives in :mod:`cistrat_tui.core.records.trainee` (with the people fields) and is
named here too, where the other modules have always found it.

Records are frozen dataclasses. Construction validates every field and raises
:class:`ValidationError` naming the field; ``dataclasses.replace`` validates again, so an edit
can never produce an invalid record. Each record carries its own UUID ``id``, made at creation
and never derived from the database's own numbering. References between records (an activity's
site, a stay's trainees) are checked by :class:`cistrat_tui.core.records.workshop.Workshop`, which
knows all the records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum
from typing import Any

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records import values as v


class SiteKind(StrEnum):
    SCIENCE_PARK = "science_park"
    RESEARCH_INSTITUTE = "research_institute"
    COMPANY = "company"
    UNIVERSITY = "university"
    VENUE = "venue"
    HOTEL = "hotel"
    RAIL_STATION = "rail_station"
    AIRPORT = "airport"
    RESTAURANT = "restaurant"


class ActivityKind(StrEnum):
    VISIT = "visit"
    LECTURE = "lecture"
    MEAL = "meal"
    TRAVEL = "travel"
    CHECK_IN = "check_in"
    FREE_TIME = "free_time"


class TravelMode(StrEnum):
    COACH = "coach"
    HIGH_SPEED_RAIL = "high_speed_rail"
    FLIGHT = "flight"
    METRO = "metro"
    TAXI = "taxi"
    WALK = "walk"


class Status(StrEnum):
    PLANNED = "planned"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


class Audience(StrEnum):
    EVERYONE = "everyone"
    GROUP = "group"
    NAMED = "named"


# The longest programme: three years (a workshop lasts weeks; benchmarks and long-running
# programmes need more). Every day of it becomes a page of every printed itinerary, so a
# mistyped end year (2207 for 2027) must not be accepted.
MAX_PROGRAMME_DAYS = 3 * 366
SITE_REQUIRED_KINDS = frozenset({ActivityKind.VISIT, ActivityKind.LECTURE})
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class Contact:
    """A person to call: the coordinator, an emergency line, a host."""

    name: str = ""
    phone: str = ""
    email: str = ""
    role: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", v.text(self.name, "contact name", max_length=200))
        object.__setattr__(self, "phone", v.text(self.phone, "contact phone", max_length=60))
        object.__setattr__(self, "email", v.email(self.email, "contact email"))
        object.__setattr__(self, "role", v.text(self.role, "contact role", max_length=200))

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "phone": self.phone, "email": self.email, "role": self.role}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Contact:
        return cls(**(data or {}))

    def __str__(self) -> str:
        role = f"({self.role})" if self.role else ""
        return " ".join(p for p in (self.name, role, self.phone, self.email) if p)


@dataclass(frozen=True, slots=True)
class Participants:
    """Who takes part: everyone, one group, or named trainees (by id)."""

    audience: Audience = Audience.EVERYONE
    group: str = ""
    trainee_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        audience = v.enum_value(Audience, self.audience, "participants")
        object.__setattr__(self, "audience", audience)
        object.__setattr__(self, "group", v.text(self.group, "group", max_length=100))
        if isinstance(self.trainee_ids, str | bytes | dict) \
                or not isinstance(self.trainee_ids, Iterable):
            raise ValidationError("participants",
                                  f"expected a list of trainees, got {self.trainee_ids!r}")
        ids = tuple(v.check_id(t, "participants") for t in self.trainee_ids)
        object.__setattr__(self, "trainee_ids", ids)
        if audience is Audience.GROUP and not self.group:
            raise ValidationError("group", "name the group that takes part")
        if audience is not Audience.GROUP and self.group:
            raise ValidationError("group", f"group {self.group!r} is given, but the "
                                  f"participants are {audience.value}; choose 'group' or "
                                  "clear the group")
        if audience is Audience.NAMED and not ids:
            raise ValidationError("participants", "name at least one trainee")
        if audience is not Audience.NAMED and ids:
            raise ValidationError("participants", f"trainees are named, but the participants "
                                  f"are {audience.value}; choose 'named' or clear the names")
        if len(set(ids)) != len(ids):
            raise ValidationError("participants", "a trainee is named twice")

    def includes(self, trainee: Trainee) -> bool:
        """Whether ``trainee`` takes part."""
        if self.audience is Audience.EVERYONE:
            return True
        if self.audience is Audience.GROUP:
            return trainee.group == self.group
        return trainee.id in self.trainee_ids

    def to_dict(self) -> dict[str, Any]:
        return {"audience": self.audience.value, "group": self.group,
                "trainee_ids": list(self.trainee_ids)}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Participants:
        data = data or {}
        return cls(data.get("audience", "everyone"), data.get("group", ""),
                   tuple(data.get("trainee_ids", ())))


def _contact(value: object, field: str) -> Contact:
    """A Contact, from a Contact or its stored dict."""
    if isinstance(value, Contact):
        return value
    if isinstance(value, dict):
        unknown = sorted(set(value) - {"name", "phone", "email", "role"})
        if unknown:
            raise ValidationError(field, f"unknown contact field {unknown[0]!r} (expected name, "
                                  "phone, email, role)")
        try:
            return Contact.from_dict(value)
        except ValidationError as error:
            part = error.field.removeprefix("contact ")
            raise ValidationError(f"{field} {part}", error.reason) from None
    raise ValidationError(field, f"expected a contact (name, phone, email), got {value!r}")


def _hours(value: object) -> dict[int, tuple[time, time]]:
    """Opening hours: weekday (0 = Monday) to an (open, close) pair; a missing day is closed."""
    if not isinstance(value, dict):
        raise ValidationError("opening hours", f"expected hours by weekday, got {value!r}")
    hours: dict[int, tuple[time, time]] = {}
    for key, span in value.items():
        try:
            day = int(key)
        except (TypeError, ValueError):
            raise ValidationError("opening hours", f"{key!r} is not a weekday number") from None
        if not 0 <= day <= 6:
            raise ValidationError("opening hours", f"weekday {day} is not 0 (Monday) to 6 "
                                  "(Sunday)")
        name = WEEKDAYS[day]
        if not isinstance(span, list | tuple) or len(span) != 2:
            raise ValidationError("opening hours",
                                  f"{name}: expected an opening and a closing time")
        opens = v.to_time(span[0], f"opening hours ({name})")
        closes = v.to_time(span[1], f"opening hours ({name})")
        if closes <= opens:
            raise ValidationError("opening hours", f"{name}: closes at {closes:%H:%M}, "
                                  f"not after it opens at {opens:%H:%M}")
        hours[day] = (opens, closes)
    return dict(sorted(hours.items()))


@dataclass(frozen=True, slots=True)
class Programme:
    """The workshop itself: its dates, base, working day and contacts."""

    title: str
    start_date: date
    end_date: date
    base_city: str = "Beijing"
    timezone: str = v.DEFAULT_TIMEZONE
    day_start: time = time(8, 30)
    day_end: time = time(18, 0)
    lunch_start: time = time(12, 0)
    lunch_end: time = time(13, 30)
    coordinator: Contact = field(default_factory=Contact)
    emergency_contacts: tuple[Contact, ...] = ()
    organizer: str = ""
    notes: str = ""
    # Whether the route planner may put a journey between cities on a weekend or public
    # holiday; the coordinator's choice, remembered with the programme.
    weekend_travel: bool = True
    id: str = field(default_factory=v.new_id)

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "id", v.check_id(self.id))
        if not isinstance(self.weekend_travel, bool):
            raise ValidationError("weekend travel", f"expected true or false, got "
                                  f"{self.weekend_travel!r}")
        put(self, "title", v.text(self.title, "title", required=True, max_length=200))
        put(self, "start_date", v.to_date(self.start_date, "start date"))
        put(self, "end_date", v.to_date(self.end_date, "end date"))
        if self.end_date < self.start_date:
            raise ValidationError("end date", f"{self.end_date} is before the start date "
                                  f"{self.start_date}", "programme")
        length = (self.end_date - self.start_date).days + 1
        if length > MAX_PROGRAMME_DAYS:
            raise ValidationError("end date", f"the programme would last {length:,} days; at "
                                  f"most {MAX_PROGRAMME_DAYS} (is a year mistyped?)",
                                  "programme")
        put(self, "base_city", v.text(self.base_city, "base city", required=True, max_length=100))
        put(self, "timezone", v.timezone_name(self.timezone))
        for name in ("day_start", "day_end", "lunch_start", "lunch_end"):
            put(self, name, v.to_time(getattr(self, name), name.replace("_", " ")))
        if self.day_end <= self.day_start:
            raise ValidationError("day end", f"the working day must end after it starts: "
                                  f"{self.day_end:%H:%M} is not after {self.day_start:%H:%M}")
        if self.lunch_end <= self.lunch_start:
            raise ValidationError("lunch end", f"lunch must end after it starts: "
                                  f"{self.lunch_end:%H:%M} is not after {self.lunch_start:%H:%M}")
        if not self.day_start <= self.lunch_start < self.lunch_end <= self.day_end:
            raise ValidationError("lunch", f"lunch {self.lunch_start:%H:%M}-"
                                  f"{self.lunch_end:%H:%M} must fall inside the working day "
                                  f"{self.day_start:%H:%M}-{self.day_end:%H:%M}")
        put(self, "coordinator", _contact(self.coordinator, "coordinator"))
        if isinstance(self.emergency_contacts, str | bytes | dict) \
                or not isinstance(self.emergency_contacts, Iterable):
            raise ValidationError("emergency contacts", f"expected a list of contacts, got "
                                  f"{self.emergency_contacts!r}")
        put(self, "emergency_contacts", tuple(_contact(c, "emergency contacts")
                                              for c in self.emergency_contacts))
        put(self, "organizer", v.text(self.organizer, "organizer", max_length=300))
        put(self, "notes", v.text(self.notes, "notes", max_length=20000))

    def days(self) -> list[date]:
        """Every date of the programme, first to last."""
        return [date.fromordinal(n) for n in
                range(self.start_date.toordinal(), self.end_date.toordinal() + 1)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "start_date": self.start_date.isoformat(),
            "end_date": self.end_date.isoformat(), "base_city": self.base_city,
            "timezone": self.timezone, "day_start": self.day_start.isoformat("minutes"),
            "day_end": self.day_end.isoformat("minutes"),
            "lunch_start": self.lunch_start.isoformat("minutes"),
            "lunch_end": self.lunch_end.isoformat("minutes"),
            "coordinator": self.coordinator.to_dict(),
            "emergency_contacts": [c.to_dict() for c in self.emergency_contacts],
            "organizer": self.organizer, "notes": self.notes,
            "weekend_travel": self.weekend_travel,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Programme:
        return cls(**data)


@dataclass(frozen=True, slots=True)
class Site:
    """A place: a park, institute, hotel, station... with both names and addresses."""

    kind: SiteKind
    name_en: str
    city: str
    name_zh: str = ""
    address_en: str = ""
    address_zh: str = ""
    lat: float | None = None
    lon: float | None = None
    opening_hours: dict[int, tuple[time, time]] = field(default_factory=dict)
    host: Contact = field(default_factory=Contact)
    phone: str = ""
    notes: str = ""
    source: str = ""
    # On a make-up working day (a weekend day that the State Council makes a working day) a
    # site keeps the hours of a normal working day, unless this says it stays closed.
    closed_on_makeup_days: bool = False
    id: str = field(default_factory=v.new_id)

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "id", v.check_id(self.id))
        if not isinstance(self.closed_on_makeup_days, bool):
            raise ValidationError("closed on make-up days", f"expected true or false, got "
                                  f"{self.closed_on_makeup_days!r}")
        put(self, "kind", v.enum_value(SiteKind, self.kind, "kind"))
        put(self, "name_en", v.text(self.name_en, "English name", required=True, max_length=200))
        put(self, "name_zh", v.text(self.name_zh, "Chinese name", max_length=200))
        put(self, "city", v.text(self.city, "city", required=True, max_length=100))
        put(self, "address_en", v.text(self.address_en, "English address", max_length=400))
        put(self, "address_zh", v.text(self.address_zh, "Chinese address", max_length=400))
        put(self, "lat", v.coordinate(self.lat, "latitude", 90))
        put(self, "lon", v.coordinate(self.lon, "longitude", 180))
        if (self.lat is None) != (self.lon is None):
            raise ValidationError("coordinates", "give both latitude and longitude, or neither")
        put(self, "opening_hours", _hours(self.opening_hours))
        put(self, "host", _contact(self.host, "host"))
        put(self, "phone", v.text(self.phone, "phone", max_length=60))
        put(self, "notes", v.text(self.notes, "notes", max_length=20000))
        put(self, "source", v.text(self.source, "source", max_length=1000))

    @property
    def has_coordinates(self) -> bool:
        return self.lat is not None and self.lon is not None

    def open_on(self, day: date, makeup_day: bool = False) -> tuple[time, time] | None:
        """The opening hours on ``day``; None when closed. No hours recorded means always open.

        With ``makeup_day`` (the calendar says ``day`` is a make-up working day), a site closed
        on that weekday keeps the hours of its first open working day (Monday to Friday), as
        offices do in China, unless :attr:`closed_on_makeup_days` says otherwise."""
        if not self.opening_hours:
            return (time(0, 0), time(23, 59))
        hours = self.opening_hours.get(day.weekday())
        if hours is None and makeup_day and not self.closed_on_makeup_days:
            return next((self.opening_hours[d] for d in range(5) if d in self.opening_hours),
                        None)
        return hours

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind.value, "name_en": self.name_en,
            "name_zh": self.name_zh, "city": self.city, "address_en": self.address_en,
            "address_zh": self.address_zh, "lat": self.lat, "lon": self.lon,
            "opening_hours": {str(d): [o.isoformat("minutes"), c.isoformat("minutes")]
                              for d, (o, c) in self.opening_hours.items()},
            "host": self.host.to_dict(), "phone": self.phone, "notes": self.notes,
            "source": self.source, "closed_on_makeup_days": self.closed_on_makeup_days,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Site:
        return cls(**data)


# Defined beside the people fields; imported here last (it needs nothing of this module).
from cistrat_tui.core.records.trainee import PERSONAL_FIELDS, Trainee  # noqa: E402

__all__ = ["PERSONAL_FIELDS", "SITE_REQUIRED_KINDS", "WEEKDAYS", "ActivityKind", "Audience",
           "Contact", "Participants", "Programme", "Site", "SiteKind", "Status", "Trainee",
           "TravelMode"]
