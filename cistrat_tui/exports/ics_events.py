"""What each calendar event says: the text of one activity as one reader may see it.

:func:`event_text` decides, for one activity and one calendar (group, staff or a trainee's),
the summary, location, description, status, sequence and reminder; it is plain data, so the
rules can be tested without reading iCalendar. :class:`EventMaker` turns that data into an
icalendar ``Event`` and reuses the same ``Event`` wherever two calendars show an activity
identically (most events of a personal calendar are those of the group calendar).

Privacy: no trainee's contact details, seat (other than the reader's own), dietary need or
emergency contact is ever put in an event. Free text written by the coordinator is also
scrubbed of any trainee's identifying data copied into it (the one rule of
:mod:`cistrat_tui.exports.privacy`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from enum import StrEnum

from icalendar import Alarm, Event
from icalendar.enums import STATUS, TRANSP

from cistrat_tui.core.geo.datums import site_map_links
from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import (
    ActivityKind,
    Audience,
    Site,
    SiteKind,
    Status,
    Trainee,
    TravelMode,
)
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.exports.privacy import Scrubber

UID_DOMAIN = "cistrat-tui"

KIND_NAMES = {
    ActivityKind.VISIT: "Visit", ActivityKind.LECTURE: "Lecture", ActivityKind.MEAL: "Meal",
    ActivityKind.TRAVEL: "Travel", ActivityKind.CHECK_IN: "Check-in",
    ActivityKind.FREE_TIME: "Free time",
}
MODE_NAMES = {
    TravelMode.COACH: "Coach", TravelMode.HIGH_SPEED_RAIL: "Train", TravelMode.FLIGHT: "Flight",
    TravelMode.METRO: "Metro", TravelMode.TAXI: "Taxi", TravelMode.WALK: "Walk",
}
ICS_STATUS = {Status.PLANNED: "TENTATIVE", Status.CONFIRMED: "CONFIRMED",
              Status.CANCELLED: "CANCELLED"}
# Long-distance modes, named in the summary by service number and stations.
_TICKETED = (TravelMode.HIGH_SPEED_RAIL, TravelMode.FLIGHT)
# Endings dropped from station and airport names in a summary: "Beijing South -> ...".
_SHORT_SUFFIXES = (" Railway Station", " Railway station", " Train Station", " Station",
                   " International Airport", " Airport")
# Control characters other than tab and newline: not allowed in iCalendar text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class View(StrEnum):
    """Who reads a calendar: what its events may show."""

    GROUP = "group"
    STAFF = "staff"
    TRAINEE = "trainee"


@dataclass(frozen=True, slots=True)
class Alarms:
    """Display reminders: ``lead_minutes`` before an activity; before a train or a flight,
    the station or airport buffer (security and ticket checks) comes on top.
    ``enabled=False`` leaves every reminder out."""

    lead_minutes: int = 30
    station_buffer_minutes: int = 60
    airport_buffer_minutes: int = 120
    enabled: bool = True

    def __post_init__(self) -> None:
        for name in ("lead_minutes", "station_buffer_minutes", "airport_buffer_minutes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10080:
                raise ValueError(f"{name.replace('_', ' ')}: expected 0 to 10080 minutes, "
                                 f"got {value!r}")

    def lead(self, activity: Activity) -> timedelta | None:
        """How long before ``activity`` the reminder shows; None for no reminder."""
        if not self.enabled or activity.cancelled:
            return None
        minutes = self.lead_minutes
        if activity.mode is TravelMode.HIGH_SPEED_RAIL:
            minutes += self.station_buffer_minutes
        elif activity.mode is TravelMode.FLIGHT:
            minutes += self.airport_buffer_minutes
        return timedelta(minutes=minutes)


@dataclass(frozen=True, slots=True)
class EventText:
    """Everything one event says, as plain values (hashable, so equal events are shared)."""

    uid: str
    summary: str
    start: datetime
    end: datetime
    last_modified: datetime
    sequence: int
    status: str
    category: str
    description: str
    location: str = ""
    geo: tuple[float, float] | None = None
    url: str = ""
    transparent: bool = False
    alarm_before: timedelta | None = None


def clean(text: str) -> str:
    """Text as iCalendar may carry it: CR LF and lone CR become newlines; other control
    characters (forbidden in iCalendar text) are dropped."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def activity_uid(activity: Activity) -> str:
    """The event UID: from the activity's own id, the same in every calendar and export."""
    return f"{activity.id}@{UID_DOMAIN}"


def short_name(site: Site) -> str:
    """A station or airport without its ending ("Beijing South"); other sites in full."""
    if site.kind in (SiteKind.RAIL_STATION, SiteKind.AIRPORT):
        for suffix in _SHORT_SUFFIXES:
            if site.name_en.endswith(suffix) and len(site.name_en) > len(suffix):
                return site.name_en[: -len(suffix)]
    return site.name_en


def place_line(site: Site) -> str:
    """A site's English name and address, then its Chinese name and address (for a driver)."""
    english = ", ".join(p for p in (site.name_en, site.address_en) if p)
    chinese = ", ".join(p for p in (site.name_zh, site.address_zh) if p)
    return f"{english} / {chinese}" if chinese else english


def _covers(earlier: Activity, later: Activity) -> bool:
    """Whether everyone in ``later`` also took part in ``earlier``."""
    return earlier.participants.audience is Audience.EVERYONE \
        or earlier.participants == later.participants


class EventMaker:
    """Builds the events of one workshop's calendars, sharing equal ones between calendars."""

    def __init__(self, workshop: Workshop, zone: tzinfo, stamp: datetime,
                 alarms: Alarms) -> None:
        self.workshop = workshop
        self.zone = zone
        self.stamp = stamp.astimezone(UTC).replace(microsecond=0)
        self.alarms = alarms
        self._scrub = Scrubber(workshop.trainees.values())
        self._arrivals = self._arrival_legs()
        self._at_site = self._activities_by_site()
        self._events: dict[EventText, Event] = {}
        self._ways: dict[str, str] = {}
        self._texts: dict[tuple[str, View, str], EventText] = {}

    # --- text ------------------------------------------------------------------------------

    def _free(self, text: str) -> str:
        """Coordinator's free text, cleaned and scrubbed of trainees' personal data."""
        return self._scrub(clean(text))

    def _arrival_legs(self) -> dict[str, tuple[list[datetime], list[Activity]]]:
        """Travel legs that are not cancelled, by the site they arrive at, in order of
        arrival (with the arrival times alone, for bisecting)."""
        legs: dict[str, list[Activity]] = {}
        for activity in self.workshop.activities.values():
            if activity.kind is ActivityKind.TRAVEL and not activity.cancelled \
                    and activity.to_site_id:
                legs.setdefault(activity.to_site_id, []).append(activity)
        result = {}
        for site_id, found in legs.items():
            found.sort(key=lambda a: (a.end, a.start, a.id))
            result[site_id] = ([a.end for a in found], found)
        return result

    def _activities_by_site(self) -> dict[str, tuple[list[datetime], list[Activity]]]:
        """Activities that are not cancelled, by their site, in order of start (with the
        start times alone, for bisecting)."""
        found: dict[str, list[Activity]] = {}
        for activity in self.workshop.ordered_activities():
            if activity.site_id and not activity.cancelled:
                found.setdefault(activity.site_id, []).append(activity)
        return {site_id: ([a.start for a in items], items) for site_id, items in found.items()}

    def _getting_there(self, activity: Activity) -> str:
        """The leg that brings the same people to this activity's site earlier the same day,
        when nothing else happens there in between (the leg is then the way to get there)."""
        if activity.id not in self._ways:
            self._ways[activity.id] = self._find_way_there(activity)
        return self._ways[activity.id]

    def _find_way_there(self, activity: Activity) -> str:
        if activity.site_id is None or activity.site_id not in self._arrivals:
            return ""
        ends, legs = self._arrivals[activity.site_id]
        starts, at_site = self._at_site.get(activity.site_id, ([], []))
        for index in range(bisect_right(ends, activity.start) - 1, -1, -1):
            leg = legs[index]
            if leg.day != activity.day:
                return ""
            if not _covers(leg, activity):
                continue
            between = at_site[bisect_left(starts, leg.end):bisect_left(starts, activity.start)]
            if any(other.id != activity.id and _covers(other, activity) for other in between):
                return ""
            origin = self.workshop.sites.get(leg.from_site_id or "")
            text = self._transport(leg)
            if origin is not None:
                text += f" from {origin.name_en}"
            text += f", leaves {self._local(leg.start):%H:%M}"
            if leg.meeting_point:
                text += f" (meet: {self._free(leg.meeting_point)})"
            return text
        return ""

    def _transport(self, activity: Activity) -> str:
        if activity.mode is None:
            return ""
        name = MODE_NAMES.get(activity.mode, activity.mode.value)
        number = self._free(activity.service_number)
        if not number or number.casefold().startswith(name.casefold()):
            return number or name
        return f"{name} {number}"

    def _local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def _summary(self, activity: Activity, origin: Site | None, arrival: Site | None) -> str:
        title = self._free(activity.title)
        if activity.kind is ActivityKind.VISIT and not title.casefold().startswith("visit"):
            summary = f"Visit: {title}"
        elif activity.mode in _TICKETED and activity.service_number and origin and arrival:
            summary = (f"{self._free(activity.service_number)} {short_name(origin)} -> "
                       f"{short_name(arrival)}")
        else:
            summary = title
        return f"Cancelled: {summary}" if activity.cancelled else summary

    def _who(self, activity: Activity, view: View) -> str:
        participants = activity.participants
        if participants.audience is Audience.GROUP:
            return f"Group {self._free(participants.group)}"
        if participants.audience is Audience.NAMED:
            count = len(participants.trainee_ids)
            noun = "trainee" if count == 1 else "trainees"
            mine = ", including you" if view is View.TRAINEE else ""
            return f"{count} named {noun}{mine}"
        return ""

    def _host(self, site: Site) -> str:
        parts = [str(site.host)] if site.host.name or site.host.phone else []
        if site.phone and site.phone != site.host.phone:
            parts.append(f"tel. {site.phone}")
        return self._free("; ".join(parts))

    def _travel_lines(self, activity: Activity, view: View, trainee: Trainee | None,
                      origin: Site | None, arrival: Site | None) -> list[str]:
        lines = []
        if origin is not None:
            lines.append(f"From: {place_line(origin)}, departs "
                         f"{self._local(activity.start):%H:%M}")
        if arrival is not None:
            lines.append(f"To: {place_line(arrival)}, arrives "
                         f"{self._local(activity.end):%a %d %b %H:%M}")
        if activity.mode is not None:
            lines.append(f"Transport: {self._transport(activity)}")
        ticketed = activity.mode in _TICKETED or bool(activity.seats)
        if view is View.TRAINEE and trainee is not None and ticketed:
            seat = activity.seats.get(trainee.id, "")
            lines.append(f"Your seat: {self._free(seat)}" if seat
                         else "Your seat: not assigned yet")
        elif view is View.GROUP and activity.seats:
            lines.append("Seats: assigned to each traveller (see your personal calendar)")
        elif view is View.STAFF and ticketed:
            travellers = len(self.workshop.participants_of(activity.participants))
            lines.append(f"Seats: {len(activity.seats)} booked for {travellers} travellers")
        return lines

    def text(self, activity: Activity, view: View, trainee: Trainee | None = None) -> EventText:
        """What ``activity`` says in a calendar of ``view`` (a trainee's: ``trainee``'s).

        Only a travel leg or a meeting of named trainees reads differently from one trainee
        to the next, so the rest is composed once per view."""
        personal = trainee is not None and (activity.kind is ActivityKind.TRAVEL or
                                            activity.participants.audience is Audience.NAMED)
        key = (activity.id, view, trainee.id if personal and trainee is not None else "")
        found = self._texts.get(key)
        if found is None:
            found = self._texts[key] = self._compose(activity, view, trainee)
        return found

    def _compose(self, activity: Activity, view: View, trainee: Trainee | None) -> EventText:
        sites = self.workshop.sites
        travel = activity.kind is ActivityKind.TRAVEL
        site = sites.get(activity.site_id or "")
        origin = sites.get(activity.from_site_id or "") if travel else None
        arrival = sites.get(activity.to_site_id or "") if travel else None
        place = origin if travel else site
        summary = self._summary(activity, origin, arrival)
        start, end = self._local(activity.start), self._local(activity.end)

        lines = []
        if activity.cancelled:
            lines.append("CANCELLED: this activity no longer takes place.")
        elif activity.status is Status.PLANNED:
            lines.append("Planned, not yet confirmed.")
        title = self._free(activity.title)
        if title not in summary:
            lines.append(title)
        if activity.description:
            lines.append(self._free(activity.description))
        lines.append(f"Local time ({self.zone}): {start:%a %d %b %Y, %H:%M}-{end:%H:%M}"
                     if start.date() == end.date() else
                     f"Local time ({self.zone}): {start:%a %d %b %Y, %H:%M} to "
                     f"{end:%a %d %b %Y, %H:%M}")
        who = self._who(activity, view)
        if who:
            lines.append(f"Who: {who}")
        if activity.meeting_point:
            lines.append(f"Meet: {self._free(activity.meeting_point)}")
        if travel:
            lines += self._travel_lines(activity, view, trainee, origin, arrival)
        else:
            getting_there = self._getting_there(activity)
            if getting_there:
                lines.append(f"Getting there: {getting_there}")
            host = self._host(site) if site is not None else ""
            if host:
                lines.append(f"Host: {host}")
        if activity.what_to_bring:
            lines.append(f"Bring: {self._free(activity.what_to_bring)}")
        if activity.dress_code:
            lines.append(f"Dress code: {self._free(activity.dress_code)}")
        if view is View.STAFF:
            if activity.booking_ref:
                lines.append(f"Booking reference: {self._free(activity.booking_ref)}")
            if activity.internal_notes:
                lines.append(f"Internal notes (staff only): "
                             f"{self._free(activity.internal_notes)}")
        links = site_map_links(place) if place is not None else None
        if links is not None:
            lines.append(f"Map: {links.amap}\nOpenStreetMap: {links.osm}")
        return EventText(
            uid=activity_uid(activity), summary=summary, start=start, end=end,
            last_modified=activity.updated_at.astimezone(UTC),
            sequence=activity.revision, status=ICS_STATUS[activity.status],
            category=KIND_NAMES.get(activity.kind, activity.kind.value),
            description="\n".join(lines),
            location=place_line(place) if place is not None else "",
            geo=(place.lat, place.lon) if place is not None and place.lat is not None
            and place.lon is not None else None,
            url=links.amap if links is not None else "",
            transparent=activity.kind is ActivityKind.FREE_TIME,
            alarm_before=self.alarms.lead(activity))

    # --- icalendar ---------------------------------------------------------------------------

    def event(self, text: EventText) -> Event:
        """The icalendar Event for ``text``; the same object for equal texts."""
        found = self._events.get(text)
        if found is None:
            found = self._events[text] = build_event(text, self.stamp)
        return found


def build_event(text: EventText, stamp: datetime) -> Event:
    """An icalendar Event from its text, with a display reminder when one is due."""
    event = Event.new(
        uid=text.uid, stamp=stamp, start=text.start, end=text.end, summary=text.summary,
        description=text.description, location=text.location or None,
        categories=[text.category], status=STATUS(text.status), sequence=text.sequence,
        last_modified=text.last_modified, url=text.url or None,
        transparency=TRANSP.TRANSPARENT if text.transparent else TRANSP.OPAQUE)
    if text.geo is not None:
        event.add("GEO", text.geo)
    if text.alarm_before is not None:
        event.add_component(Alarm.new_display(f"Reminder: {text.summary}",
                                              -text.alarm_before))
    return event
