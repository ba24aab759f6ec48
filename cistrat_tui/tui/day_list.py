"""What the schedule screen shows, as plain rows: the programme's days and one day's activities.

Kept free of Textual so the rows can be tested, and reused by other screens, without a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import ActivityKind, Programme, TravelMode
from cistrat_tui.core.records.workshop import Workshop

KIND_LABELS = {
    ActivityKind.VISIT: "Visit",
    ActivityKind.LECTURE: "Lecture",
    ActivityKind.MEAL: "Meal",
    ActivityKind.TRAVEL: "Travel",
    ActivityKind.CHECK_IN: "Check-in",
    ActivityKind.FREE_TIME: "Free time",
}
MODE_LABELS = {
    TravelMode.COACH: "coach",
    TravelMode.HIGH_SPEED_RAIL: "train",
    TravelMode.FLIGHT: "flight",
    TravelMode.METRO: "metro",
    TravelMode.TAXI: "taxi",
    TravelMode.WALK: "walk",
}


@dataclass(frozen=True, slots=True)
class DayRow:
    """One date of the programme and where the group is that day."""

    day: date
    weekday: str
    city: str


@dataclass(frozen=True, slots=True)
class ActivityRow:
    """One activity as the schedule lists it, times in the programme's time zone."""

    activity_id: str
    time: str
    kind: str
    title: str
    where: str
    status: str
    cancelled: bool


def day_cities(workshop: Workshop, day: date,
               activities: Iterable[Activity] | None = None) -> list[str]:
    """The cities of the day's (not cancelled) activities, in the order the group reaches them
    (``activities``: the day's, in time order, when the caller has them already)."""
    seen: dict[str, None] = {}
    if activities is None:
        activities = workshop.activities_on(day, include_cancelled=False)
    for activity in activities:
        if activity.cancelled:
            continue
        for site_id in activity.site_ids():
            site = workshop.sites.get(site_id)
            if site is not None:
                seen.setdefault(site.city, None)
    return list(seen)


def day_rows(workshop: Workshop, *, around: bool = False) -> list[DayRow]:
    """Every date of the programme, and with ``around`` any other date with an activity (the
    pickups of the trainees who land the day before: the schedule shows them, the overview's
    strip does not); a day with nothing planned stays in the last city reached. One pass over
    the activities, not one per day (5,000 activities over 21 days)."""
    by_day: dict[date, list[Activity]] = {}
    for activity in workshop.ordered_activities():
        by_day.setdefault(activity.day, []).append(activity)
    rows: list[DayRow] = []
    city = workshop.programme.base_city
    days = workshop.programme.days()
    if around:
        days = sorted({*days, *by_day})
    for day in days:
        cities = day_cities(workshop, day, by_day.get(day, []))
        label = " → ".join(cities) if cities else city
        if cities:
            city = cities[-1]
        rows.append(DayRow(day, f"{day:%a}", label))
    return rows


def day_name(programme: Programme, day: date) -> str:
    """'Day 3 of 21', or 'Before the programme' / 'After the programme' for a day around it
    (an arrival the day before)."""
    length = len(programme.days())
    number = (day - programme.start_date).days + 1
    if number < 1:
        return "Before the programme"
    return f"Day {number} of {length}" if number <= length else "After the programme"


def where(workshop: Workshop, activity: Activity) -> str:
    """Where an activity happens: its site, or for a travel leg 'from → to (mode service)'."""
    def name(site_id: str | None) -> str:
        site = workshop.sites.get(site_id) if site_id else None
        return site.name_en if site else ""

    if activity.from_site_id or activity.to_site_id:
        route = f"{name(activity.from_site_id) or '?'} → {name(activity.to_site_id) or '?'}"
        how = " ".join(p for p in (MODE_LABELS.get(activity.mode) if activity.mode else "",
                                   activity.service_number) if p)
        return f"{route} ({how})" if how else route
    return name(activity.site_id)


def activity_rows(workshop: Workshop, day: date) -> list[ActivityRow]:
    """The activities starting on ``day`` in time order, cancelled ones included and marked."""
    zone = ZoneInfo(workshop.programme.timezone)
    rows = []
    for activity in workshop.activities_on(day):
        start = activity.start.astimezone(zone)
        end = activity.end.astimezone(zone)
        span = f"{start:%H:%M}-{end:%H:%M}"
        if end.date() != start.date():
            span += f" (+{(end.date() - start.date()).days}d)"
        rows.append(ActivityRow(
            activity_id=activity.id,
            time=span,
            kind=KIND_LABELS.get(activity.kind, activity.kind.value),
            title=activity.title,
            where=where(workshop, activity),
            status=activity.status.value,
            cancelled=activity.cancelled,
        ))
    return rows


def night_stays(workshop: Workshop, day: date) -> list[str]:
    """Where the group sleeps the night of ``day``: hotel names (with who, when not everyone)."""
    found = []
    for stay in workshop.stays.values():
        if stay.check_in <= day < stay.check_out:
            hotel = workshop.sites.get(stay.hotel_id)
            name = hotel.name_en if hotel else "unknown hotel"
            who = stay.participants
            if who.audience.value == "group":
                name += f" (group {who.group})"
            elif who.audience.value == "named":
                name += f" ({len(who.trainee_ids)} named)"
            found.append(name)
    return sorted(found)


def parse_day(text: str, days: list[date], first: date | None = None) -> date | None:
    """A date of the schedule from 'YYYY-MM-DD' or a day number ('3' is the third day of
    the programme, which starts on ``first``: a day before it has no number)."""
    text = text.strip()
    start = first or (days[0] if days else None)
    if text.isdigit() and start is not None and int(text) >= 1:
        day = start + timedelta(days=int(text) - 1)
        return day if day in days else None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if day in days else None
