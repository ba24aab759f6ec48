"""The activity form's values as text, and the checks that turn them into an Activity.

Free of Textual so the rules can be tested without a terminal. The form keeps every field as
the coordinator typed it; :func:`build_activity` parses them, lets the record's own validation
speak, and returns either the activity or the errors keyed by form field, so each message can
be shown beside its field. Nothing is saved here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.planning.meals import meal_count
from cistrat_tui.core.records import values as v
from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import ActivityKind, Audience, Participants
from cistrat_tui.core.records.workshop import Workshop

# The record's field names (as ValidationError names them) to the form's fields.
ERROR_FIELDS = {
    "kind": "kind", "title": "title", "start": "start", "end": "end", "site": "site",
    "from/to": "from", "from": "from", "to": "to", "mode": "mode",
    "service number": "service", "booking reference": "booking", "group": "group",
    "participants": "trainees", "seats": "seats", "seat": "seats", "status": "status",
    "resources": "resources",
}


def meal_line(values: FormValues, workshop: Workshop) -> str:
    """For a meal, the kitchen's counts by dietary need for the people the form names."""
    if values.kind != ActivityKind.MEAL.value:
        return ""
    try:
        participants = Participants(v.enum_value(Audience, values.audience, "participants"),
                                    values.group if values.audience == "group" else "",
                                    values.trainees if values.audience == "named" else ())
    except ValidationError:
        return ""
    probe = Activity(ActivityKind.MEAL, "meal", v.local_datetime(date(2000, 1, 1), time(12)),
                     v.local_datetime(date(2000, 1, 1), time(13)), site_id=v.new_id(),
                     participants=participants,
                     resource_ids=tuple(r for r in values.resources if r in workshop.resources))
    return f"Meal counts: {meal_count(workshop, probe).summary()}"


@dataclass
class FormValues:
    """Every field of the activity form as the coordinator left it."""

    kind: str = ActivityKind.VISIT.value
    title: str = ""
    day: str = ""
    start: str = "09:00"
    end: str = "11:00"
    site: str = ""
    from_site: str = ""
    to_site: str = ""
    mode: str = ""
    service: str = ""
    booking: str = ""
    status: str = "planned"
    audience: str = "everyone"
    group: str = ""
    trainees: tuple[str, ...] = ()
    seats: dict[str, str] = field(default_factory=dict)
    description: str = ""
    resources: tuple[str, ...] = ()  # ids of the vehicles, interpreters and guides booked


def values_from(activity: Activity) -> FormValues:
    """The form filled in from an existing activity (times in China time)."""
    start, end = activity.start.astimezone(v.SHANGHAI), activity.end.astimezone(v.SHANGHAI)
    return FormValues(
        kind=activity.kind.value, title=activity.title, day=start.date().isoformat(),
        start=f"{start:%H:%M}", end=f"{end:%H:%M}", site=activity.site_id or "",
        from_site=activity.from_site_id or "", to_site=activity.to_site_id or "",
        mode=activity.mode.value if activity.mode else "", service=activity.service_number,
        booking=activity.booking_ref, status=activity.status.value,
        audience=activity.participants.audience.value, group=activity.participants.group,
        trainees=activity.participants.trainee_ids, seats=dict(activity.seats),
        description=activity.description, resources=activity.resource_ids)


def _parse_times(values: FormValues, errors: dict[str, str]) -> tuple[datetime, datetime] | None:
    """Start and end from the day and the two times; an end at or before the start is taken to
    be the next day only when it is written with a leading '+' (e.g. '+01:30')."""
    day: date | None = None
    try:
        day = v.to_date(values.day, "date")
    except ValidationError:
        errors["day"] = f"{values.day!r} is not a date (YYYY-MM-DD)"
    times: dict[str, time] = {}
    for name, text in (("start", values.start), ("end", values.end.removeprefix("+"))):
        try:
            times[name] = v.to_time(text, name)
        except ValidationError:
            errors[name] = f"{text!r} is not a time (HH:MM)"
    if day is None or len(times) < 2:
        return None
    start = v.local_datetime(day, times["start"])
    end = v.local_datetime(day, times["end"])
    if values.end.startswith("+"):
        end += timedelta(days=1)
    if end <= start:
        errors["end"] = f"ends at {values.end}, not after it starts at {values.start}"
        return None
    return start, end


def build_activity(values: FormValues, workshop: Workshop,
                   base: Activity | None = None) -> tuple[Activity | None, dict[str, str]]:
    """The activity the form describes (keeping ``base``'s id and revision), or the errors by
    form field. Only one record-level error can be known at a time."""
    errors: dict[str, str] = {}
    if not values.title.strip():
        errors["title"] = "give the activity a title"
    span = _parse_times(values, errors)
    if errors or span is None:
        return None, errors
    travel = values.kind == ActivityKind.TRAVEL.value
    try:
        participants = Participants(v.enum_value(Audience, values.audience, "participants"),
                                    values.group if values.audience == "group" else "",
                                    values.trainees if values.audience == "named" else ())
        fields = dict(
            kind=values.kind, title=values.title, start=span[0], end=span[1],
            site_id=None if travel else (values.site or None),
            from_site_id=(values.from_site or None) if travel else None,
            to_site_id=(values.to_site or None) if travel else None,
            mode=(values.mode or None) if travel else None,
            service_number=values.service, booking_ref=values.booking,
            seats={t: s.strip() for t, s in values.seats.items() if s.strip()} if travel else {},
            participants=participants, status=values.status, description=values.description,
            resource_ids=values.resources)
        activity = replace(base, **fields) if base else Activity(**fields)  # type: ignore[arg-type]
        workshop.check_references(activity)
    except ValidationError as error:
        errors[ERROR_FIELDS.get(error.field, "form")] = error.reason
        return None, errors
    seated = [t for t in activity.seats if t in workshop.trainees]
    outside = [workshop.trainees[t].name for t in seated
               if not activity.participants.includes(workshop.trainees[t])]
    if outside:
        return None, {"seats": f"{outside[0]} has a seat but does not take part"}
    return activity, {}


def moved(activity: Activity, day_text: str, start_text: str) -> tuple[Activity | None, str]:
    """The activity moved to another day and start time, keeping its length; or an error."""
    try:
        day = v.to_date(day_text, "date")
    except ValidationError:
        return None, f"{day_text!r} is not a date (YYYY-MM-DD)"
    try:
        at = v.to_time(start_text, "start")
    except ValidationError:
        return None, f"{start_text!r} is not a time (HH:MM)"
    start = v.local_datetime(day, at)
    return replace(activity, start=start, end=start + (activity.end - activity.start)), ""


def duplicate(activity: Activity) -> Activity:
    """A new planned copy of an activity (new id, revision 0), titled as a copy."""
    title = activity.title if activity.title.endswith("(copy)") else f"{activity.title} (copy)"
    return Activity(**{**activity.to_dict(), "id": v.new_id(), "revision": 0,
                       "status": "planned", "title": title[:300],
                       "updated_at": datetime.now(v.SHANGHAI).replace(microsecond=0)})
