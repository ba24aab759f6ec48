"""A trainee: the participant's record, personal data included (listed in PERSONAL_FIELDS).

The fields beyond name and contact (nationality, passport, gender, birth date, structured
diets, own flights) are for the people-side lists; :data:`PERSONAL_FIELDS` names every field
that outputs meant for others leave out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records import people
from cistrat_tui.core.records import values as v
from cistrat_tui.core.records.people import Diet, FlightLeg, Gender
from cistrat_tui.core.records.personal import TRAINEE_FIELDS, Personal


@dataclass(frozen=True, slots=True)
class Trainee:
    """A participant. Personal data (:data:`PERSONAL_FIELDS`): never in a calendar or printout
    meant for others. ``dietary`` is the free text beside the structured ``diets`` (what the
    allergy is, what "other" means); ``country`` is the country they come for, ``nationality``
    the one in their passport (the visitor lists of hosts ask for it)."""

    name: str
    country: str = ""
    organization: str = ""
    email: str = ""
    phone: str = ""
    group: str = ""
    dietary: str = ""
    emergency_contact: str = ""
    notes: str = ""
    nationality: str = ""
    passport_number: str = ""
    passport_expiry: date | None = None
    gender: Gender = Gender.UNSPECIFIED
    date_of_birth: date | None = None
    diets: tuple[Diet, ...] = ()
    arrival: FlightLeg | None = None
    departure: FlightLeg | None = None
    id: str = field(default_factory=v.new_id)

    # Every personal field: outputs meant for anyone but the coordinator (or the one host or
    # hotel that needs a field) leave these out. Gender is for rooming lists and the hosts'
    # visitor lists; passport and birth date for those visitor lists only.
    PERSONAL_FIELDS: ClassVar[tuple[str, ...]] = tuple(
        name for name, kind in TRAINEE_FIELDS.items()
        if kind is not Personal.PUBLIC and name != "name")  # see core/records/personal.py

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "id", v.check_id(self.id))
        put(self, "name", v.text(self.name, "name (as in passport)", required=True,
                                 max_length=200))
        put(self, "country", v.text(self.country, "country", max_length=100))
        put(self, "organization", v.text(self.organization, "organization", max_length=300))
        put(self, "email", v.email(self.email))
        put(self, "phone", v.text(self.phone, "phone", max_length=60))
        put(self, "group", v.text(self.group, "group", max_length=100))
        put(self, "dietary", v.text(self.dietary, "dietary needs", max_length=500))
        put(self, "emergency_contact", v.text(self.emergency_contact, "emergency contact",
                                              max_length=500))
        put(self, "notes", v.text(self.notes, "notes", max_length=20000))
        put(self, "nationality", v.text(self.nationality, "nationality", max_length=100))
        number = v.text(self.passport_number, "passport number", max_length=20)
        if number and not number.replace(" ", "").isalnum():
            raise ValidationError("passport number", f"{number!r} has characters other than "
                                  "letters and digits")
        put(self, "passport_number", number.replace(" ", "").upper())
        put(self, "passport_expiry", people.optional_date(self.passport_expiry,
                                                          "passport expiry"))
        put(self, "gender", people.gender(self.gender))
        put(self, "date_of_birth", people.optional_date(self.date_of_birth, "date of birth",
                                                        earliest=people.EARLIEST_BIRTH))
        put(self, "diets", people.diets(self.diets))
        put(self, "arrival", people.flight_leg(self.arrival, "arrival"))
        put(self, "departure", people.flight_leg(self.departure, "departure"))
        if self.arrival and self.departure and self.departure.at <= self.arrival.at:
            raise ValidationError("departure", f"the departure flight "
                                  f"({self.departure.at:%Y-%m-%d %H:%M}) is not after the "
                                  f"arrival ({self.arrival.at:%Y-%m-%d %H:%M})")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "country": self.country,
            "organization": self.organization, "email": self.email, "phone": self.phone,
            "group": self.group, "dietary": self.dietary,
            "emergency_contact": self.emergency_contact, "notes": self.notes,
            "nationality": self.nationality, "passport_number": self.passport_number,
            "passport_expiry": _iso(self.passport_expiry), "gender": self.gender.value,
            "date_of_birth": _iso(self.date_of_birth),
            "diets": [d.value for d in self.diets],
            "arrival": self.arrival.to_dict() if self.arrival else None,
            "departure": self.departure.to_dict() if self.departure else None,
        }

    def personal_values(self) -> dict[str, str]:
        """This trainee's personal values as they could appear in an output, by field (blank
        ones left out): what a privacy check looks for in outputs meant for others."""
        found = {"passport_number": self.passport_number,
                 "passport_expiry": _iso(self.passport_expiry) or "",
                 "date_of_birth": _iso(self.date_of_birth) or "",
                 "phone": self.phone, "email": self.email,
                 "emergency_contact": self.emergency_contact}
        return {name: value for name, value in found.items() if value}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Trainee:
        return cls(**{**data, "diets": tuple(data.get("diets", ()))})


PERSONAL_FIELDS = Trainee.PERSONAL_FIELDS


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
