"""The hotel stay form's values, the checks that turn them into a Stay, and a stay filled in for
a night without a hotel.

Free of Textual so the rules can be tested without a terminal. Who stays: everyone, a group, or
named trainees, as in the activity form; the rooms and who sleeps in which are checked as in
:mod:`~cistrat_tui.tui.forms.room_rules`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records import values as v
from cistrat_tui.core.records.activity import Stay
from cistrat_tui.core.records.model import (
    ActivityKind,
    Audience,
    Participants,
    Site,
    SiteKind,
    Trainee,
)
from cistrat_tui.core.records.people import Room
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.tui.forms.room_rules import rooms_report

# The record's field names (as ValidationError names them) to the form's fields.
ERROR_FIELDS = {"hotel": "hotel", "check-in date": "check_in", "check-out date": "check_out",
                "group": "group", "participants": "trainees", "booking reference": "booking",
                "notes": "notes", "rooms": "rooms"}


@dataclass
class StayValues:
    """The stay form as the coordinator filled it in (text, as typed)."""

    hotel_id: str = ""
    check_in: str = ""
    check_out: str = ""
    audience: str = Audience.EVERYONE.value
    group: str = ""
    trainees: tuple[str, ...] = ()
    booking: str = ""
    notes: str = ""
    rooms: tuple[Room, ...] = ()


def values_from(stay: Stay) -> StayValues:
    """The form's values for an existing stay."""
    who = stay.participants
    return StayValues(stay.hotel_id, stay.check_in.isoformat(), stay.check_out.isoformat(),
                      who.audience.value, who.group, who.trainee_ids, stay.booking_ref,
                      stay.notes, stay.rooms)


def participants_of(values: StayValues) -> Participants:
    """Who stays, as the form says (ValidationError for an unknown audience)."""
    audience = v.enum_value(Audience, values.audience, "participants")
    return Participants(audience, values.group if audience is Audience.GROUP else "",
                        values.trainees if audience is Audience.NAMED else ())


def staying(values: StayValues, workshop: Workshop) -> list[Trainee]:
    """The trainees the form's stay is for (none while the audience is not valid)."""
    try:
        return workshop.participants_of(participants_of(values))
    except ValidationError:
        return []


def hotels(workshop: Workshop) -> list[Site]:
    """The workshop's hotels, by city and name."""
    return sorted((s for s in workshop.sites.values() if s.kind is SiteKind.HOTEL),
                  key=lambda s: (s.city, s.name_en))


def build_stay(values: StayValues, workshop: Workshop,
               base: Stay | None = None) -> tuple[Stay | None, dict[str, str]]:
    """The stay the form describes (keeping ``base``'s id), or the errors by form field."""
    if not values.hotel_id:
        return None, {"hotel": "choose the hotel (add it in the sites area first)"}
    try:
        participants = participants_of(values)
        fields = {"hotel_id": values.hotel_id, "check_in": values.check_in.strip(),
                  "check_out": values.check_out.strip(), "participants": participants,
                  "booking_ref": values.booking, "notes": values.notes,
                  "rooms": values.rooms}
        stay = replace(base, **fields) if base else Stay(**fields)  # type: ignore[arg-type]
        workshop.check_references(stay)
    except ValidationError as error:
        return None, {ERROR_FIELDS.get(error.field, "hotel"): error.reason}
    report = rooms_report(stay.rooms, workshop.participants_of(participants),
                          workshop.trainees)
    if report.errors:
        return None, {"rooms": report.errors[0]}
    return stay, {}


def _sleeping_city(workshop: Workshop, night: date, cause_id: str | None) -> str:
    """The city the group sleeps in on ``night``: where the activity that put them there
    ends (a problem names it), else where the last activity up to that night leaves them."""
    cause = workshop.activities.get(cause_id or "")
    candidates = [cause] if cause else [a for a in workshop.ordered_activities()
                                        if a.day <= night and not a.cancelled]
    for activity in reversed(candidates):
        place = activity.to_site_id if activity.kind is ActivityKind.TRAVEL else activity.site_id
        if place in workshop.sites:
            return workshop.sites[place].city
    return workshop.programme.base_city


def stay_for_night(workshop: Workshop, night: date, cause_id: str | None = None) -> StayValues:
    """A new stay for one night, at the hotel the workshop uses in that night's city (the
    one booked most often there), ready to be checked and saved."""
    city = _sleeping_city(workshop, night, cause_id).casefold()
    in_city = [h for h in hotels(workshop) if h.city.casefold() == city]
    used = [s.hotel_id for s in workshop.stays.values()]
    in_city.sort(key=lambda h: -used.count(h.id))
    hotel = in_city[0].id if in_city else ""
    return StayValues(hotel, night.isoformat(), (night + timedelta(days=1)).isoformat())


def stays_on_night(workshop: Workshop, night: date) -> list[Stay]:
    """The stays that cover the night of ``night``."""
    return sorted((s for s in workshop.stays.values() if s.check_in <= night < s.check_out),
                  key=lambda s: (s.check_in, s.id))


def stay_label(workshop: Workshop, stay: Stay) -> str:
    """A stay in words: "Yuyuantan Hotel, Beijing, 7-15 Mar (everyone)"."""
    hotel = workshop.sites.get(stay.hotel_id)
    name = f"{hotel.name_en}, {hotel.city}" if hotel else "unknown hotel"
    who = stay.participants
    people = {"everyone": "everyone", "group": f"group {who.group}",
              "named": f"{len(who.trainee_ids)} named"}[who.audience.value]
    return f"{name}, {stay.check_in:%d %b}-{stay.check_out:%d %b} ({people})"
