"""The people side of a record: flights, diets, rooms and the resources booked for activities.

These are the parts of a Trainee, Stay and Activity that group-tour tools keep per person: the
arrival and departure flight (for pickups), structured dietary needs (for meal counts), the
rooms of a stay (for the rooming list), and the vehicles, interpreters and guides an activity
uses. Like every record they are frozen and validate themselves on construction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records import values as v


class Gender(StrEnum):
    """As the passport says; only for rooming (and the hosts that ask). Blank: not given."""

    UNSPECIFIED = ""
    FEMALE = "female"
    MALE = "male"


class Diet(StrEnum):
    """A dietary need a kitchen counts. ALLERGY and OTHER are explained in the diet notes."""

    HALAL = "halal"
    VEGETARIAN = "vegetarian"
    VEGAN = "vegan"
    NO_PORK = "no_pork"
    NO_BEEF = "no_beef"
    NO_ALCOHOL = "no_alcohol"
    GLUTEN_FREE = "gluten_free"
    ALLERGY = "allergy"
    OTHER = "other"


DIET_LABELS: dict[Diet, tuple[str, str]] = {
    Diet.HALAL: ("Halal", "清真"), Diet.VEGETARIAN: ("Vegetarian", "素食"),
    Diet.VEGAN: ("Vegan", "纯素"), Diet.NO_PORK: ("No pork", "不吃猪肉"),
    Diet.NO_BEEF: ("No beef", "不吃牛肉"), Diet.NO_ALCOHOL: ("No alcohol", "不饮酒"),
    Diet.GLUTEN_FREE: ("Gluten-free", "无麸质"), Diet.ALLERGY: ("Allergy", "过敏"),
    Diet.OTHER: ("Other", "其他"),
}


class RoomType(StrEnum):
    SINGLE = "single"
    TWIN = "twin"
    DOUBLE = "double"


ROOM_CAPACITY: dict[RoomType, int] = {RoomType.SINGLE: 1, RoomType.TWIN: 2, RoomType.DOUBLE: 2}


class ResourceKind(StrEnum):
    VEHICLE = "vehicle"
    INTERPRETER = "interpreter"
    GUIDE = "guide"


def gender(value: object, field_name: str = "gender") -> Gender:
    """A gender from a form or a spreadsheet: female/male (F/M, 女/男), or blank."""
    if value is None:
        return Gender.UNSPECIFIED
    if isinstance(value, Gender):
        return value
    word = v.text(value, field_name, max_length=20).casefold()
    spelled = {"f": "female", "woman": "female", "女": "female", "m": "male", "man": "male",
               "男": "male"}.get(word, word)
    return v.enum_value(Gender, spelled, field_name) if spelled else Gender.UNSPECIFIED


# A date of birth is the one date in the records before the years the app plans for.
EARLIEST_BIRTH = date(1900, 1, 1)


def optional_date(value: object, field_name: str, earliest: date = v.EARLIEST_DATE) -> date | None:
    """A date, or None for a blank; ``earliest`` is the first plausible one."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return v.to_date(value, field_name, earliest=earliest)


def diets(value: object, field_name: str = "dietary needs") -> tuple[Diet, ...]:
    """Dietary needs, each once, in the order of :class:`Diet`."""
    if isinstance(value, str | bytes | dict) or not isinstance(value, Iterable):
        raise ValidationError(field_name, f"expected a list of needs, got {value!r}")
    found = {v.enum_value(Diet, item, field_name) for item in value}
    return tuple(d for d in Diet if d in found)


def id_tuple(value: object, field_name: str) -> tuple[str, ...]:
    """A tuple of distinct record ids."""
    if isinstance(value, str | bytes | dict) or not isinstance(value, Iterable):
        raise ValidationError(field_name, f"expected a list of ids, got {value!r}")
    ids = tuple(v.check_id(item, field_name) for item in value)
    if len(set(ids)) != len(ids):
        raise ValidationError(field_name, "the same one is named twice")
    return ids


@dataclass(frozen=True, slots=True)
class FlightLeg:
    """A trainee's own flight into or out of China: number, airport (a site), local time."""

    flight_number: str
    airport_id: str
    at: datetime
    terminal: str = ""

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "flight_number", v.text(self.flight_number, "flight number", required=True,
                                          max_length=12).upper())
        put(self, "airport_id", v.check_id(self.airport_id, "airport"))
        put(self, "at", v.to_datetime(self.at, "flight time"))
        put(self, "terminal", v.text(self.terminal, "terminal", max_length=20))

    def to_dict(self) -> dict[str, str]:
        return {"flight_number": self.flight_number, "airport_id": self.airport_id,
                "at": self.at.isoformat(), "terminal": self.terminal}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FlightLeg:
        return cls(**data)


def flight_leg(value: object, field_name: str) -> FlightLeg | None:
    """A FlightLeg from a FlightLeg, its stored dict, or None."""
    if value is None or isinstance(value, FlightLeg):
        return value
    if isinstance(value, dict):
        try:
            return FlightLeg.from_dict(value)
        except TypeError as error:
            raise ValidationError(field_name, str(error)) from None
        except ValidationError as error:
            raise ValidationError(f"{field_name} {error.field}", error.reason) from None
    raise ValidationError(field_name, f"expected a flight, got {value!r}")


@dataclass(frozen=True, slots=True)
class Room:
    """One room of a stay and who sleeps in it; ``agreed_mixed`` when its occupants of
    different gender have agreed to share (a couple, a family)."""

    kind: RoomType
    occupant_ids: tuple[str, ...] = ()
    number: str = ""
    agreed_mixed: bool = False

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "kind", v.enum_value(RoomType, self.kind, "room type"))
        put(self, "occupant_ids", id_tuple(self.occupant_ids, "room occupants"))
        put(self, "number", v.text(self.number, "room number", max_length=20))
        if not isinstance(self.agreed_mixed, bool):
            raise ValidationError("agreed mixed", f"expected yes or no, got "
                                  f"{self.agreed_mixed!r}")

    @property
    def capacity(self) -> int:
        return ROOM_CAPACITY[self.kind]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "occupant_ids": list(self.occupant_ids),
                "number": self.number, "agreed_mixed": self.agreed_mixed}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Room:
        return cls(data["kind"], tuple(data.get("occupant_ids", ())), data.get("number", ""),
                   data.get("agreed_mixed", False))


def rooms(value: object) -> tuple[Room, ...]:
    """The rooms of a stay, from Rooms or their stored dicts; nobody in two rooms."""
    if isinstance(value, str | bytes | dict) or not isinstance(value, Iterable):
        raise ValidationError("rooms", f"expected a list of rooms, got {value!r}")
    built: list[Room] = []
    for item in value:
        if isinstance(item, Room):
            built.append(item)
        elif isinstance(item, dict):
            try:
                built.append(Room.from_dict(item))
            except KeyError:
                raise ValidationError("rooms", "a room has no type") from None
        else:
            raise ValidationError("rooms", f"expected a room, got {item!r}")
    seen: set[str] = set()
    for room in built:
        twice = seen.intersection(room.occupant_ids)
        if twice:
            raise ValidationError("rooms", f"trainee {sorted(twice)[0]} is in two rooms")
        seen.update(room.occupant_ids)
    return tuple(built)


@dataclass(frozen=True, slots=True)
class Resource:
    """A vehicle (with company, plate, driver and seats), an interpreter or a guide, booked
    for activities. The people among them (interpreter, guide) eat with the group and are
    counted as staff."""

    kind: ResourceKind
    name: str
    company: str = ""
    phone: str = ""
    plate: str = ""
    driver: str = ""
    driver_phone: str = ""
    seats: int | None = None
    diets: tuple[Diet, ...] = ()
    notes: str = ""
    id: str = field(default_factory=v.new_id)

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "id", v.check_id(self.id))
        kind = v.enum_value(ResourceKind, self.kind, "kind")
        put(self, "kind", kind)
        put(self, "name", v.text(self.name, "name", required=True, max_length=200))
        put(self, "company", v.text(self.company, "company", max_length=200))
        put(self, "phone", v.text(self.phone, "phone", max_length=60))
        put(self, "plate", v.text(self.plate, "plate", max_length=20))
        put(self, "driver", v.text(self.driver, "driver", max_length=200))
        put(self, "driver_phone", v.text(self.driver_phone, "driver phone", max_length=60))
        seats = self.seats
        if isinstance(seats, str):
            seats = int(seats) if seats.strip().isdigit() else (None if not seats.strip()
                                                               else seats)
        if seats is not None and (isinstance(seats, bool) or not isinstance(seats, int)
                                  or not 1 <= seats <= 100):
            raise ValidationError("seats", f"expected a number of seats from 1 to 100, got "
                                  f"{self.seats!r}")
        if kind is ResourceKind.VEHICLE and seats is None:
            raise ValidationError("seats", "say how many passenger seats the vehicle has")
        if kind is not ResourceKind.VEHICLE and (seats is not None or self.plate
                                                  or self.driver or self.driver_phone):
            raise ValidationError("kind", "only a vehicle has seats, a plate and a driver "
                                  f"(this is the {kind.value})")
        put(self, "seats", seats)
        put(self, "diets", diets(self.diets))
        put(self, "notes", v.text(self.notes, "notes", max_length=5000))

    @property
    def is_person(self) -> bool:
        return self.kind is not ResourceKind.VEHICLE

    def label(self) -> str:
        """'Coach 1 (Jinglong Coaches, 京A·12345, 45 seats)' or 'Interpreter: Zhao Min'."""
        if self.kind is ResourceKind.VEHICLE:
            extra = ", ".join(p for p in (self.company, self.plate, f"{self.seats} seats") if p)
            return f"{self.name} ({extra})"
        return f"{self.kind.value.capitalize()}: {self.name}"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind.value, "name": self.name,
                "company": self.company, "phone": self.phone, "plate": self.plate,
                "driver": self.driver, "driver_phone": self.driver_phone, "seats": self.seats,
                "diets": [d.value for d in self.diets], "notes": self.notes}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Resource:
        return cls(**{**data, "diets": tuple(data.get("diets", ()))})


# Words of a free-text dietary note that name a structured need, in English and Chinese.
_DIET_WORDS: tuple[tuple[str, Diet], ...] = (
    ("halal", Diet.HALAL), ("清真", Diet.HALAL), ("vegan", Diet.VEGAN), ("纯素", Diet.VEGAN),
    ("vegetarian", Diet.VEGETARIAN), ("素食", Diet.VEGETARIAN), ("no pork", Diet.NO_PORK),
    ("pork-free", Diet.NO_PORK), ("不吃猪肉", Diet.NO_PORK), ("no beef", Diet.NO_BEEF),
    ("不吃牛肉", Diet.NO_BEEF), ("no alcohol", Diet.NO_ALCOHOL), ("不饮酒", Diet.NO_ALCOHOL),
    ("不喝酒", Diet.NO_ALCOHOL), ("gluten", Diet.GLUTEN_FREE), ("无麸质", Diet.GLUTEN_FREE),
    ("allerg", Diet.ALLERGY), ("过敏", Diet.ALLERGY))
_NO_NEED = {"", "none", "no", "n/a", "na", "-", "nil", "无", "没有"}


def diets_in_text(note: str) -> tuple[Diet, ...]:
    """The structured needs a dietary note names ("Halal, no alcohol"; "清真"); OTHER for a
    note that names none ("Lactose intolerant"), nothing for a blank or "none"."""
    words = " ".join(note.casefold().split())
    if words in _NO_NEED:
        return ()
    found = {need for word, need in _DIET_WORDS if word in words}
    if Diet.VEGAN in found:
        found.discard(Diet.VEGETARIAN)  # "vegan" is stricter; "vegetarian" is not inside it
    return tuple(d for d in Diet if d in found) or (Diet.OTHER,)
