"""What each calendar event says: the text of one activity or hotel stay as one reader sees it.

:meth:`EventMaker.text` decides, for one activity and one calendar (group, staff or a
trainee's), the summary, location, description and status; it is plain data
(:class:`~cistrat_tui.exports.ics_text.EventText`), so the rules can be tested without reading
iCalendar. :func:`build_event` turns that data, with the SEQUENCE and LAST-MODIFIED the ledger
gives it, into an icalendar ``Event``; :class:`EventMaker` reuses the same ``Event`` wherever
two calendars show an event identically.

Privacy: no trainee's contact details, seat (other than the reader's own), dietary need or
emergency contact is ever put in an event. Free text written by the coordinator is also
scrubbed of any trainee's identifying data copied into it (the one rule of
:mod:`cistrat_tui.exports.privacy`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import UTC, datetime, timedelta, tzinfo

from icalendar import Alarm, Event
from icalendar.enums import STATUS, TRANSP

from cistrat_tui.core.geo.datums import MapLinks, site_map_links
from cistrat_tui.core.records.activity import Activity, Stay
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
from cistrat_tui.exports.ics_alarms import Slot
from cistrat_tui.exports.ics_text import (
    ICS_STATUS,
    KIND_NAMES,
    MODE_NAMES,
    EventText,
    View,
    activity_uid,
    clean,
    one_line,
    place_line,
    short_name,
    stay_uid,
)
from cistrat_tui.exports.privacy import Scrubber

# Long-distance modes, named in the summary by service number and stations.
_TICKETED = (TravelMode.HIGH_SPEED_RAIL, TravelMode.FLIGHT)
_TERMINALS = (SiteKind.RAIL_STATION, SiteKind.AIRPORT)


def _covers(earlier: Activity, later: Activity) -> bool:
    """Whether everyone in ``later`` also took part in ``earlier``."""
    return earlier.participants.audience is Audience.EVERYONE \
        or earlier.participants == later.participants


class EventMaker:
    """Builds the events of one workshop's calendars, sharing equal ones between calendars."""

    def __init__(self, workshop: Workshop, zone: tzinfo, stamp: datetime) -> None:
        self.workshop = workshop
        self.zone = zone
        self.stamp = stamp.astimezone(UTC).replace(microsecond=0)
        self._scrub = Scrubber(workshop.trainees.values())
        self._arrivals = self._arrival_legs()
        self._at_site = self._activities_by_site()
        self._events: dict[tuple[EventText, int, datetime], Event] = {}
        self._ways: dict[str, str] = {}
        self._links: dict[str, MapLinks | None] = {}
        self._texts: dict[tuple[str, View, str], EventText] = {}

    # --- text ------------------------------------------------------------------------------

    def _map_links(self, site: Site) -> MapLinks | None:
        """A site's map links, made once per site (they are the slow part of an event)."""
        if site.id not in self._links:
            self._links[site.id] = site_map_links(site)
        return self._links[site.id]

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
        if activity.what_to_bring and not activity.cancelled:
            lines.append(f"Bring: {self._free(activity.what_to_bring)}")
        if activity.dress_code and not activity.cancelled:
            lines.append(f"Dress code: {self._free(activity.dress_code)}")
        if view is View.STAFF:
            if activity.booking_ref:
                lines.append(f"Booking reference: {self._free(activity.booking_ref)}")
            if activity.internal_notes:
                lines.append(f"Internal notes (staff only): "
                             f"{self._free(activity.internal_notes)}")
        links = self._map_links(place) if place is not None else None
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
            transparent=activity.kind is ActivityKind.FREE_TIME or activity.cancelled)

    def stay_text(self, stay: Stay, view: View) -> EventText:
        """A hotel stay as an all-day event from check-in to check-out (both days shown: the
        reader needs the hotel's Chinese address on the morning of check-out too)."""
        hotel = self.workshop.sites[stay.hotel_id]
        name = one_line(hotel.name_en)
        chinese = one_line(hotel.name_zh)
        lines = [f"Check-in {stay.check_in:%a %d %b %Y}, check-out {stay.check_out:%a %d %b %Y}"
                 f" ({len(stay.nights())} night{'s' if len(stay.nights()) != 1 else ''}).",
                 f"Hotel: {place_line(hotel)}"]
        if hotel.address_zh:
            lines.append(f"For the taxi driver: {one_line(hotel.name_zh)}, "
                         f"{one_line(hotel.address_zh)}")
        if hotel.phone:
            lines.append(f"Hotel telephone: {self._free(hotel.phone)}")
        who = self._who_stays(stay)
        if who:
            lines.append(f"Who: {who}")
        if view is View.STAFF:
            if stay.booking_ref:
                lines.append(f"Booking reference: {self._free(stay.booking_ref)}")
            if stay.notes:
                lines.append(f"Internal notes (staff only): {self._free(stay.notes)}")
        links = self._map_links(hotel)
        if links is not None:
            lines.append(f"Map: {links.amap}\nOpenStreetMap: {links.osm}")
        return EventText(
            uid=stay_uid(stay.id), summary=f"Hotel: {name}" + (f" {chinese}" if chinese else ""),
            start=stay.check_in, end=stay.check_out + timedelta(days=1),
            last_modified=self.stamp, sequence=0, status="CONFIRMED", category="Hotel",
            description="\n".join(lines), location=place_line(hotel),
            geo=(hotel.lat, hotel.lon) if hotel.lat is not None and hotel.lon is not None
            else None, url=links.amap if links is not None else "", transparent=True)

    def _who_stays(self, stay: Stay) -> str:
        participants = stay.participants
        if participants.audience is Audience.GROUP:
            return f"Group {self._free(participants.group)}"
        if participants.audience is Audience.NAMED:
            count = len(participants.trainee_ids)
            return f"{count} named trainee{'s' if count != 1 else ''}"
        return ""

    def slot(self, activity: Activity) -> Slot:
        """What the reminder rules need to know about ``activity``."""
        travel = activity.kind is ActivityKind.TRAVEL
        origin = self.workshop.sites.get(activity.from_site_id or "") if travel else None
        arrival = self.workshop.sites.get(activity.to_site_id or "") if travel else None
        return Slot(
            uid=activity_uid(activity), start=activity.start, end=activity.end,
            mode=activity.mode, free=activity.kind is ActivityKind.FREE_TIME,
            departure=travel and (activity.mode in _TICKETED or
                                  (arrival is not None and arrival.kind in _TERMINALS)),
            city_change=origin is not None and arrival is not None
            and origin.city.casefold() != arrival.city.casefold(),
            cancelled=activity.cancelled)

    # --- icalendar ---------------------------------------------------------------------------

    def event(self, text: EventText, sequence: int, last_modified: datetime) -> Event:
        """The icalendar Event for ``text`` as the ledger stamps it; the same object for equal
        inputs (most events of a personal calendar are those of the group calendar)."""
        key = (text, sequence, last_modified)
        found = self._events.get(key)
        if found is None:
            found = self._events[key] = build_event(text, sequence, last_modified)
        return found


def build_event(text: EventText, sequence: int, last_modified: datetime) -> Event:
    """An icalendar Event from its text, with a display reminder when one is due.

    The files carry no METHOD, so by RFC 5545 (3.8.7.2) DTSTAMP is when the event was last
    revised: the same as LAST-MODIFIED, which keeps an unchanged event byte for byte the same.
    Every text value is cleaned of control characters here, whatever composed it."""
    last_modified = last_modified.astimezone(UTC)
    event = Event.new(
        uid=text.uid, stamp=last_modified, start=text.start, end=text.end,
        summary=one_line(text.summary), description=clean(text.description),
        location=one_line(text.location) or None, categories=[one_line(text.category)],
        status=STATUS(text.status), sequence=sequence, last_modified=last_modified,
        url=one_line(text.url) or None,
        transparency=TRANSP.TRANSPARENT if text.transparent else TRANSP.OPAQUE)
    if text.geo is not None:
        event.add("GEO", text.geo)
    if text.alarm_before is not None and text.status != "CANCELLED":
        event.add_component(Alarm.new_display(f"Reminder: {one_line(text.summary)}",
                                              -text.alarm_before))
    return event


