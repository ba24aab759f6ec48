"""The day-by-day itinerary: the one view that the PDF, Markdown and text editions all render.

Building it once, here, means the printed formats can never disagree: they only lay out what
this module decided to show. It also decides what each reader may see:

- the group edition (for everyone): all entries, who takes part by group, no seats, no notes
  meant for staff, no trainee's contact details;
- a trainee's edition: only the entries that trainee takes part in, with their own seat, and no
  other trainee's name or seat;
- the staff edition: everything, with seats by name, booking references and internal notes.

The coordinator's free text in the group and personal editions goes through the one scrubbing
rule (:mod:`cistrat_tui.exports.privacy`): another trainee's email or phone copied into a
description is removed there, as in the calendars.

Cancelled activities are left out of every edition; a day with nothing planned is a free day.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from enum import StrEnum
from zoneinfo import ZoneInfo

from cistrat_tui.core.errors import CistratError
from cistrat_tui.core.geo.datums import MapLinks, site_map_links
from cistrat_tui.core.records.activity import Activity, Stay
from cistrat_tui.core.records.model import (
    WEEKDAYS,
    ActivityKind,
    Audience,
    Contact,
    Participants,
    Site,
    Trainee,
    TravelMode,
)
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.exports.privacy import Scrubber, no_scrubbing


class ItineraryError(CistratError):
    """An itinerary cannot be made as asked (for example, an unknown trainee)."""


class Edition(StrEnum):
    GROUP = "group"
    STAFF = "staff"
    TRAINEE = "trainee"


MODE_NAMES = {
    TravelMode.COACH: "Coach", TravelMode.HIGH_SPEED_RAIL: "High-speed train",
    TravelMode.FLIGHT: "Flight", TravelMode.METRO: "Metro", TravelMode.TAXI: "Taxi",
    TravelMode.WALK: "Walk",
}
KIND_NAMES = {
    ActivityKind.VISIT: "Visit", ActivityKind.LECTURE: "Lecture", ActivityKind.MEAL: "Meal",
    ActivityKind.TRAVEL: "Travel", ActivityKind.CHECK_IN: "Check-in",
    ActivityKind.FREE_TIME: "Free time",
}


@dataclass(frozen=True, slots=True)
class Place:
    """A site as printed: both names and both addresses, and links to open it in a map."""

    site_id: str
    name_en: str
    name_zh: str
    address_en: str
    address_zh: str
    city: str
    phone: str
    links: MapLinks | None

    @classmethod
    def of(cls, site: Site) -> Place:
        return cls(site.id, site.name_en, site.name_zh, site.address_en, site.address_zh,
                   site.city, site.phone, site_map_links(site))


PLANNED = "planned, not yet confirmed"
# Free days shown between the programme and an activity outside it, at most (an arrival the
# week before is shown with the days between; one dated years away only on its own day).
_FILLED_GAP_DAYS = 31


@dataclass(frozen=True, slots=True)
class Entry:
    """One activity as printed."""

    activity_id: str
    kind: str
    title: str
    start: datetime
    end: datetime
    place: Place | None  # where it happens; for a journey, where it goes
    origin: Place | None  # for a journey, where it leaves from
    transport: str  # "High-speed train G1002", "Coach (Coach 1)"
    meeting_point: str
    host: str
    who: str  # "Everyone", "Group A", "Named participants (2)"
    seat: str  # the reader's own seat (a trainee's edition)
    seats: tuple[tuple[str, str], ...]  # name -> seat (staff edition only)
    notes: tuple[str, ...]  # description, what to bring, dress code
    booking_ref: str  # staff edition only
    internal_notes: str  # staff edition only
    status: str

    @property
    def qualifiers(self) -> tuple[str, ...]:
        """What a reader must know beside the title, in every format: who takes part (when
        not everyone) and that it is only planned."""
        found = []
        if self.who != "Everyone":
            found.append(self.who)
        if self.status == "planned":
            found.append(PLANNED)
        return tuple(found)

    @property
    def times(self) -> str:
        """'09:30-12:00', with the end's date when it ends on another day."""
        end = f"{self.end:%H:%M}"
        if self.end.date() != self.start.date():
            end = f"{self.end:%a %d %b} {end}"
        return f"{self.start:%H:%M}-{end}"


@dataclass(frozen=True, slots=True)
class Night:
    """Where (some of) the readers sleep on a given night."""

    place: Place
    who: str  # "" when it is everyone the edition covers


@dataclass(frozen=True, slots=True)
class Day:
    """One day as printed. ``number`` counts from the programme's first day (Day 1), so a day
    of arrivals before it is Day 0; ``name`` is what is printed: 'Day 3', or 'Before the
    programme' and 'After the programme' for the days around it."""

    number: int
    date: date
    cities: tuple[str, ...]
    nights: tuple[Night, ...]
    entries: tuple[Entry, ...]
    name: str = ""

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.date.weekday()]

    @property
    def heading(self) -> str:
        """'Day 3 - Tuesday 9 March 2027 - Beijing'."""
        where = " → ".join(self.cities)
        text = f"{self.name or f'Day {self.number}'} - {self.weekday} {self.date.day} " \
            f"{self.date:%B %Y}"
        return f"{text} - {where}" if where else text

    @property
    def free(self) -> bool:
        return not self.entries

    def first_mentions(self) -> set[tuple[str, str]]:
        """The (activity id, site id) pairs where a place appears for the first time this day:
        the printed editions give its address there, and only its names after that."""
        seen: set[str] = set()
        first: set[tuple[str, str]] = set()
        for entry in self.entries:
            for place in (entry.origin, entry.place):
                if place is not None and place.site_id not in seen:
                    seen.add(place.site_id)
                    first.add((entry.activity_id, place.site_id))
        return first


@dataclass(frozen=True, slots=True)
class HotelStay:
    """A hotel on the cover: its city, its place and the nights (check-in to check-out)."""

    city: str
    place: Place
    check_in: date
    check_out: date
    who: str


@dataclass(frozen=True, slots=True)
class Itinerary:
    """A whole edition: the cover facts, the days, and the places for the taxi cards."""

    edition: Edition
    title: str
    organizer: str
    start: date
    end: date
    reader: str  # the trainee's name (their edition), or "" for the group and staff
    coordinator: Contact
    emergency: tuple[Contact, ...]
    hotels: tuple[HotelStay, ...]
    days: tuple[Day, ...]
    places: tuple[Place, ...]  # every destination, in order of first use: the taxi cards

    @property
    def edition_label(self) -> str:
        if self.edition is Edition.TRAINEE:
            return f"Personal itinerary of {self.reader}"
        if self.edition is Edition.STAFF:
            return "Staff edition - internal, do not hand out"
        return "Group itinerary"

    @property
    def dates(self) -> str:
        return f"{self.start:%a} {self.start.day} {self.start:%B %Y} - " \
               f"{self.end:%a} {self.end.day} {self.end:%B %Y}"

    def entries(self) -> list[Entry]:
        """Every entry, day by day, in order."""
        return [entry for day in self.days for entry in day.entries]


def _who(participants: Participants, edition: Edition, workshop: Workshop) -> str:
    if participants.audience is Audience.EVERYONE:
        return "Everyone"
    if participants.audience is Audience.GROUP:
        return f"Group {participants.group}"
    if edition is Edition.STAFF:
        names = [workshop.trainees[t].name for t in participants.trainee_ids
                 if t in workshop.trainees]
        return "Named: " + ", ".join(names)
    if edition is Edition.TRAINEE:
        return "Named participants (you are one)"
    return f"Named participants ({len(participants.trainee_ids)})"


def _transport(activity: Activity) -> str:
    if activity.mode is None:
        return ""
    name = MODE_NAMES.get(activity.mode, activity.mode.value)
    number = activity.service_number
    if not number:
        return name
    return f"{name} {number}" if activity.mode in (TravelMode.HIGH_SPEED_RAIL,
                                                   TravelMode.FLIGHT) else f"{name} ({number})"


def _host(site: Site | None) -> str:
    """The host to ask for at a site, and the site's own phone."""
    if site is None:
        return ""
    parts = [str(site.host)] if site.host.name or site.host.phone else []
    if site.phone and site.phone != site.host.phone:
        parts.append(f"tel. {site.phone}")
    return "; ".join(parts)


def _entry(activity: Activity, edition: Edition, trainee: Trainee | None,
           workshop: Workshop, scrub: Callable[[str], str]) -> Entry:
    sites = workshop.sites
    is_travel = activity.kind is ActivityKind.TRAVEL
    where = sites.get(activity.to_site_id or "") if is_travel else sites.get(
        activity.site_id or "")
    origin = sites.get(activity.from_site_id or "") if is_travel else None
    seat = activity.seats.get(trainee.id, "") if trainee is not None else ""
    seats: tuple[tuple[str, str], ...] = ()
    if edition is Edition.STAFF:
        seats = tuple((workshop.trainees[t].name, s) for t, s in activity.seats.items()
                      if t in workshop.trainees)
    notes = [scrub(activity.description)]
    if activity.what_to_bring:
        notes.append(f"Bring: {scrub(activity.what_to_bring)}")
    if activity.dress_code:
        notes.append(f"Dress: {scrub(activity.dress_code)}")
    staff = edition is Edition.STAFF
    return Entry(
        activity_id=activity.id, kind=KIND_NAMES.get(activity.kind, activity.kind.value),
        title=scrub(activity.title),
        start=activity.start.astimezone(workshop_zone(workshop)),
        end=activity.end.astimezone(workshop_zone(workshop)),
        place=Place.of(where) if where else None, origin=Place.of(origin) if origin else None,
        transport=scrub(_transport(activity)), meeting_point=scrub(activity.meeting_point),
        host=scrub(_host(where if not is_travel else None)),
        who=_who(activity.participants, edition, workshop), seat=seat, seats=seats,
        notes=tuple(n for n in notes if n),
        booking_ref=activity.booking_ref if staff else "",
        internal_notes=activity.internal_notes if staff else "",
        status=activity.status.value)


def workshop_zone(workshop: Workshop) -> tzinfo:
    """The programme's time zone, in which every time is printed."""
    return ZoneInfo(workshop.programme.timezone)


def _takes_part(participants: Participants, trainee: Trainee | None) -> bool:
    return trainee is None or participants.includes(trainee)


def _stays(workshop: Workshop, trainee: Trainee | None) -> list[Stay]:
    found = [s for s in workshop.stays.values() if _takes_part(s.participants, trainee)]
    return sorted(found, key=lambda s: (s.check_in, s.check_out, s.hotel_id))


def _stay_who(stay: Stay, edition: Edition) -> str:
    if stay.participants.audience is Audience.EVERYONE or edition is Edition.TRAINEE:
        return ""
    if stay.participants.audience is Audience.GROUP:
        return f"Group {stay.participants.group}"
    return f"Named participants ({len(stay.participants.trainee_ids)})"


def _cities(entries: list[Entry], nights: list[Night], fallback: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for entry in entries:
        for place in (entry.origin, entry.place):
            if place is not None:
                seen.setdefault(place.city, None)
    if not seen:
        for night in nights:
            seen.setdefault(night.place.city, None)
    return tuple(seen) or (fallback,)


def build_itinerary(workshop: Workshop, edition: Edition | str = Edition.GROUP,
                    trainee_id: str | None = None) -> Itinerary:
    """The day-by-day itinerary of one edition; ``trainee_id`` names the trainee of a personal
    edition."""
    edition = Edition(edition)
    trainee: Trainee | None = None
    if edition is Edition.TRAINEE:
        if trainee_id is None or trainee_id not in workshop.trainees:
            raise ItineraryError(f"no trainee has the id {trainee_id!r}")
        trainee = workshop.trainees[trainee_id]
    programme = workshop.programme
    activities = [a for a in workshop.ordered_activities()
                  if not a.cancelled and _takes_part(a.participants, trainee)]
    scrub: Callable[[str], str] = no_scrubbing if edition is Edition.STAFF else Scrubber(
        workshop.trainees.values(), reader=trainee)
    by_day: dict[date, list[Activity]] = {}
    for activity in activities:
        by_day.setdefault(activity.day, []).append(activity)
    stays = _stays(workshop, trainee)
    # Every day of the programme (a day with nothing is a free day), and any other day that
    # has an entry: an activity dated far outside the programme adds its own day, not every
    # day in between.
    listed = sorted({*programme.days(), *by_day})
    first, last = listed[0], listed[-1]
    if (last - first).days <= len(listed) + _FILLED_GAP_DAYS:  # the usual case: every day
        listed = [date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1)]
    days: list[Day] = []
    places: dict[str, Place] = {}
    length = len(programme.days())
    for when in listed:
        number = (when - programme.start_date).days + 1
        name = f"Day {number}" if 1 <= number <= length else \
            "Before the programme" if number < 1 else "After the programme"
        entries = [_entry(a, edition, trainee, workshop, scrub)
                   for a in by_day.get(when, [])]
        nights = [Night(Place.of(workshop.sites[s.hotel_id]), _stay_who(s, edition))
                  for s in stays if s.check_in <= when < s.check_out]
        for entry in entries:
            for place in (entry.origin, entry.place):
                if place is not None:
                    places.setdefault(place.site_id, place)
        for night in nights:
            places.setdefault(night.place.site_id, night.place)
        days.append(Day(number, when, _cities(entries, nights, programme.base_city),
                        tuple(nights), tuple(entries), name))
    hotels = tuple(HotelStay(workshop.sites[s.hotel_id].city,
                             Place.of(workshop.sites[s.hotel_id]), s.check_in, s.check_out,
                             _stay_who(s, edition)) for s in stays)
    return Itinerary(
        edition=edition, title=programme.title, organizer=programme.organizer,
        start=programme.start_date, end=programme.end_date,
        reader=trainee.name if trainee else "", coordinator=programme.coordinator,
        emergency=programme.emergency_contacts, hotels=hotels, days=tuple(days),
        places=tuple(places.values()))

