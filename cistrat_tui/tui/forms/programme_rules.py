"""The programme form's fields as text, and the checks that turn them into a Programme.

Free of Textual so the rules can be tested without a terminal. Emergency contacts are one a
line, ``name; phone; role; email`` (role and email may be left out). Changing the dates lists
what falls outside them (:func:`outside_dates`): the form says so before the coordinator saves.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.planning.pickups import away_on_outside_nights, meets_own_flight
from cistrat_tui.core.records.model import Contact, Programme
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.records.workshop import Workshop

FIELDS = {"title": "Title", "start": "First day", "end": "Last day", "base_city": "Base city",
          "day_start": "Day starts", "day_end": "Day ends", "lunch_start": "Lunch from",
          "lunch_end": "Lunch to", "coordinator_name": "Coordinator",
          "coordinator_phone": "Their phone", "coordinator_email": "Their email",
          "organizer": "Organizer"}
EMERGENCY = "emergency"
# The record's field names (as ValidationError names them) to the form's fields.
ERROR_FIELDS = {"title": "title", "start date": "start", "end date": "end",
                "base city": "base_city", "day start": "day_start", "day end": "day_end",
                "lunch start": "lunch_start", "lunch end": "lunch_end", "lunch": "lunch_start",
                "coordinator name": "coordinator_name", "coordinator phone": "coordinator_phone",
                "coordinator email": "coordinator_email", "organizer": "organizer"}
SHOWN_OUTSIDE = 6  # activities named before "and N more"


def programme_texts(programme: Programme) -> dict[str, str]:
    """The form's fields filled in from the programme."""
    return {
        "title": programme.title, "start": programme.start_date.isoformat(),
        "end": programme.end_date.isoformat(), "base_city": programme.base_city,
        "day_start": f"{programme.day_start:%H:%M}", "day_end": f"{programme.day_end:%H:%M}",
        "lunch_start": f"{programme.lunch_start:%H:%M}",
        "lunch_end": f"{programme.lunch_end:%H:%M}",
        "coordinator_name": programme.coordinator.name,
        "coordinator_phone": programme.coordinator.phone,
        "coordinator_email": programme.coordinator.email, "organizer": programme.organizer,
        EMERGENCY: "\n".join("; ".join(p for p in (c.name, c.phone, c.role, c.email))
                             .rstrip("; ") for c in programme.emergency_contacts),
    }


def parse_contacts(text: str) -> tuple[tuple[Contact, ...], str]:
    """Emergency contacts from ``name; phone; role; email`` lines, or the first line's error."""
    contacts = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";")]
        if len(parts) > 4:
            return (), f"line {number}: at most name; phone; role; email"
        name, phone, role, email = [*parts, "", "", "", ""][:4]
        if not name or not phone:
            return (), f"line {number}: give a name and a phone, as name; phone; role"
        try:
            contacts.append(Contact(name, phone, email, role))
        except ValidationError as error:
            return (), f"line {number}: {error.reason}"
    return tuple(contacts), ""


def build_programme(texts: dict[str, str],
                    base: Programme) -> tuple[Programme | None, dict[str, str]]:
    """The programme the form describes (keeping ``base``'s id and notes), or the errors."""
    contacts, problem = parse_contacts(texts.get(EMERGENCY, ""))
    if problem:
        return None, {EMERGENCY: problem}
    text = {name: texts.get(name, "").strip() for name in FIELDS}
    try:
        coordinator = Contact(text["coordinator_name"], text["coordinator_phone"],
                              text["coordinator_email"], base.coordinator.role)
        # Dates and times as typed: Programme parses and checks them.
        typed: dict[str, Any] = dict(
            title=text["title"], start_date=text["start"], end_date=text["end"],
            base_city=text["base_city"], day_start=text["day_start"], day_end=text["day_end"],
            lunch_start=text["lunch_start"], lunch_end=text["lunch_end"],
            coordinator=coordinator, emergency_contacts=contacts, organizer=text["organizer"])
        programme = replace(base, **typed)
    except ValidationError as error:
        name = error.field.removeprefix("contact ")
        field = ERROR_FIELDS.get(error.field) or ERROR_FIELDS.get(f"coordinator {name}", "title")
        return None, {field: error.reason}
    return programme, {}


def outside_dates(workshop: Workshop, programme: Programme) -> list[str]:
    """The activities and stays that would fall outside ``programme``'s dates, in words; as
    in the checks, not the pickups and drop-offs of the trainees' own flights, nor the hotel
    nights those flights need."""
    first, last = programme.start_date, programme.end_date
    found = []
    for activity in workshop.ordered_activities():
        start = activity.start.astimezone(SHANGHAI).date()
        end = activity.end.astimezone(SHANGHAI).date()
        if (start < first or end > last) and not meets_own_flight(
                activity, workshop.participants_of(activity.participants)):
            found.append(f"{activity.title!r} ({start:%a %d %b})")
    stays = sorted(workshop.stays.values(), key=lambda s: s.check_in)
    for stay in stays:
        guests = workshop.participants_of(stay.participants)
        if (stay.check_in < first or stay.check_out > last) and \
                (not guests or away_on_outside_nights(stay, guests, first, last)):
            hotel = workshop.sites.get(stay.hotel_id)
            found.append(f"the stay at {hotel.name_en if hotel else 'a hotel'} "
                         f"({stay.check_in:%d %b}-{stay.check_out:%d %b})")
    return found


def outside_summary(found: list[str]) -> str:
    """One paragraph for the form: how many fall outside and which."""
    if not found:
        return ""
    shown = ", ".join(found[:SHOWN_OUTSIDE])
    more = f" and {len(found) - SHOWN_OUTSIDE} more" if len(found) > SHOWN_OUTSIDE else ""
    return (f"{len(found)} would fall outside the new dates: {shown}{more}. They stay as they "
            "are (the checks list them); move them or copy the programme to new dates instead.")
