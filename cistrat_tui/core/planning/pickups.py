"""Airport pickups and drop-offs: which leg meets which trainee, and a proposal from the flights.

A pickup is an ordinary travel leg (coach or taxi) that leaves the airport a trainee lands at,
with the trainee among its participants, on the day they land; a drop-off is one that reaches
the airport they fly out from. So a proposed pickup becomes an activity the coordinator edits
like any other, and the checks find it again by what it does, not by a flag.

The proposal groups the arrivals at each airport in time order: an arrival within
``share_window`` of the first of its group shares that vehicle, which leaves ``allowance``
minutes (immigration and baggage) after the last of its group lands. Drop-offs are grouped the
same way by departure, and reach the airport ``check_in`` minutes (3 h for an international
flight) before the first departure of their group. A trainee whom a planned leg for named
trainees can also carry (it leaves after they are out, within the window) joins that leg
instead of getting a vehicle of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from cistrat_tui.core.records.activity import Activity, Stay, revised
from cistrat_tui.core.records.model import (
    ActivityKind,
    Audience,
    Participants,
    Site,
    Trainee,
    TravelMode,
)
from cistrat_tui.core.records.people import FlightLeg
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.records.workshop import Workshop

IMMIGRATION_ALLOWANCE = timedelta(minutes=75)  # landing to the arrivals hall, bags in hand
SHARE_WINDOW = timedelta(minutes=90)  # arrivals this close share a vehicle
INTERNATIONAL_CHECK_IN = timedelta(hours=3)  # at the airport before an international flight
SEARCH_SPAN = timedelta(hours=12)  # how far from a flight a leg still counts as its transfer
ROAD_MINUTES_IF_UNKNOWN = 60

Minutes = Callable[[Site, Site], int | None]


def _ground(activity: Activity) -> bool:
    return (activity.kind is ActivityKind.TRAVEL and not activity.cancelled
            and activity.mode is not TravelMode.FLIGHT
            and activity.mode is not TravelMode.HIGH_SPEED_RAIL)


def pickups_for(trainee: Trainee, activities: Iterable[Activity],
                includes: Callable[[Activity], bool]) -> list[Activity]:
    """The ground legs from the trainee's arrival airport that carry them, from six hours
    before landing to twelve after, in time order; ``includes`` says whether a leg carries
    the trainee."""
    leg = trainee.arrival
    if leg is None:
        return []
    return sorted((a for a in activities if _ground(a) and a.from_site_id == leg.airport_id
                   and leg.at - timedelta(hours=6) <= a.start <= leg.at + SEARCH_SPAN
                   and includes(a)), key=lambda a: a.start)


def drop_offs_for(trainee: Trainee, activities: Iterable[Activity],
                  includes: Callable[[Activity], bool]) -> list[Activity]:
    """The ground legs to the trainee's departure airport that carry them, ending within
    twelve hours before the flight (or after it, which is too late), in time order."""
    leg = trainee.departure
    if leg is None:
        return []
    return sorted((a for a in activities if _ground(a) and a.to_site_id == leg.airport_id
                   and leg.at - SEARCH_SPAN <= a.end <= leg.at + timedelta(hours=6)
                   and includes(a)), key=lambda a: a.start)


def meets_own_flight(activity: Activity, riders: Iterable[Trainee]) -> bool:
    """Whether the activity is the pickup or drop-off of one of ``riders``' own flights (so
    it belongs where the flight is, even outside the programme's dates)."""
    def rides(_: Activity) -> bool:
        return True

    return any(pickups_for(t, [activity], rides) or drop_offs_for(t, [activity], rides)
               for t in riders)


def in_china(trainee: Trainee, night: date, first: date, last: date) -> bool:
    """Whether the trainee is in China on ``night`` by their own flights: landed that day or
    before, and flying out after it. A flight not recorded counts as on time for the
    programme (``first`` to ``last``): landing on its first day, leaving on its last."""
    landed = trainee.arrival.at.astimezone(SHANGHAI).date() if trainee.arrival else first
    leaves = trainee.departure.at.astimezone(SHANGHAI).date() if trainee.departure else last
    return landed <= night < leaves


def away_on_outside_nights(stay: Stay, guests: Iterable[Trainee], first: date,
                           last: date) -> list[Trainee]:
    """The guests of a stay whose own flights do not put them in China on each of its
    nights outside the programme (``first`` to ``last``): rooms paid for nobody."""
    nights = [n for n in stay.nights() if n < first or n >= last]
    return [t for t in guests if not all(in_china(t, n, first, last) for n in nights)]


def hotel_on(workshop: Workshop, trainee: Trainee, night: date) -> Site | None:
    """The hotel the trainee sleeps in on ``night``, from the stays."""
    stays: list[Stay] = sorted(workshop.stays.values(), key=lambda s: s.check_in)
    for stay in stays:
        if stay.check_in <= night < stay.check_out and stay.participants.includes(trainee):
            return workshop.sites.get(stay.hotel_id)
    return None


@dataclass(frozen=True, slots=True)
class Transfer:
    """One proposed vehicle: the airport, the hotel, who rides and when."""

    arriving: bool  # True: a pickup from the airport; False: a drop-off to it
    airport: Site
    hotel: Site
    trainees: tuple[Trainee, ...]
    start: datetime
    end: datetime
    joins: Activity | None = None  # a planned leg they can share, instead of a new vehicle

    def flights(self) -> list[FlightLeg]:
        legs = [t.arrival if self.arriving else t.departure for t in self.trainees]
        return [leg for leg in legs if leg is not None]

    def title(self) -> str:
        """What trainees see: which flights by time (a trainee knows their own), where and
        which way; not whose flights, which are personal."""
        if self.joins is not None:
            return self.joins.title
        times = sorted(f"{leg.at.astimezone(SHANGHAI):%H:%M}" for leg in self.flights())
        span = times[0] if times[0] == times[-1] else f"{times[0]}-{times[-1]}"
        if self.arriving:
            return (f"Airport pickup (flights landing {span}): {self.airport.name_en} to "
                    f"{self.hotel.name_en}")
        return (f"Airport drop-off (flights leaving {span}): {self.hotel.name_en} to "
                f"{self.airport.name_en}")

    def flights_text(self) -> str:
        """'ET604 07:40 T3, PK852 06:20 T3': for staff and the driver only."""
        legs = sorted({(leg.at, leg.flight_number, leg.terminal) for leg in self.flights()})
        return ", ".join(" ".join(p for p in (number, f"{at.astimezone(SHANGHAI):%H:%M}",
                                              terminal) if p) for at, number, terminal in legs)

    def activity(self) -> Activity:
        """The proposal as a planned travel leg by coach, for the coordinator to edit; or,
        when it joins a leg, that leg with these trainees added to it."""
        if self.joins is not None:
            named = self.joins.participants.trainee_ids
            added = tuple(t.id for t in self.trainees if t.id not in named)
            note = f"Also: {self.flights_text()}."
            return revised(self.joins, replace(self.joins, participants=Participants(
                Audience.NAMED, trainee_ids=named + added),
                internal_notes=f"{self.joins.internal_notes} {note}".strip()))
        origin, target = (self.airport, self.hotel) if self.arriving else \
            (self.hotel, self.airport)
        terminals = sorted({leg.terminal for leg in self.flights() if leg.terminal})
        meeting = (f"Arrivals hall{', ' + '/'.join(terminals) if terminals else ''}: "
                   "look for the workshop sign" if self.arriving else
                   f"{self.hotel.name_en}: lobby with luggage")
        return Activity(
            ActivityKind.TRAVEL, self.title(), self.start, self.end, from_site_id=origin.id,
            to_site_id=target.id, mode=TravelMode.COACH,
            participants=Participants(Audience.NAMED,
                                      trainee_ids=tuple(t.id for t in self.trainees)),
            meeting_point=meeting,
            internal_notes=f"Flights: {self.flights_text()}. Proposed from the flights; "
                           "confirm the vehicle and driver.")


def _groups(flyers: list[tuple[datetime, Trainee]], window: timedelta) -> list[list[Trainee]]:
    """Consecutive flyers, in time order, each group within ``window`` of its first."""
    groups: list[list[Trainee]] = []
    first: datetime | None = None
    for moment, trainee in sorted(flyers, key=lambda f: (f[0], f[1].name)):
        if first is None or moment - first > window:
            groups.append([])
            first = moment
        groups[-1].append(trainee)
    return groups


def _road(minutes: Minutes, a: Site, b: Site) -> timedelta:
    found = minutes(a, b)
    return timedelta(minutes=found if found is not None else ROAD_MINUTES_IF_UNKNOWN)


def propose_transfers(workshop: Workshop, minutes: Minutes, *,
                      allowance: timedelta = IMMIGRATION_ALLOWANCE,
                      window: timedelta = SHARE_WINDOW,
                      check_in: timedelta = INTERNATIONAL_CHECK_IN,
                      only_missing: bool = True) -> list[Transfer]:
    """Pickups and drop-offs for the trainees' own flights, grouped by airport and time.

    ``minutes`` gives the road time between two sites (None when unknown: an hour is
    assumed). With ``only_missing`` (the default), a trainee whom a leg already carries is
    left out, so proposing twice adds nothing."""
    activities = list(workshop.activities.values())

    def carried(trainee: Trainee) -> Callable[[Activity], bool]:
        return lambda a: a.participants.includes(trainee)

    transfers: list[Transfer] = []
    for arriving in (True, False):
        by_place: dict[tuple[str, str], list[tuple[datetime, Trainee]]] = {}
        for trainee in workshop.trainees.values():
            leg = trainee.arrival if arriving else trainee.departure
            if leg is None or leg.airport_id not in workshop.sites:
                continue
            found = (pickups_for if arriving else drop_offs_for)(trainee, activities,
                                                                  carried(trainee))
            if only_missing and found:
                continue
            night = leg.at.astimezone(SHANGHAI).date() - timedelta(days=0 if arriving else 1)
            hotel = hotel_on(workshop, trainee, night)
            if hotel is None:
                continue
            by_place.setdefault((leg.airport_id, hotel.id), []).append((leg.at, trainee))
        for (airport_id, hotel_id), flyers in sorted(by_place.items()):
            airport, hotel = workshop.sites[airport_id], workshop.sites[hotel_id]
            shared, flyers = _share(activities, arriving, airport_id, hotel_id, flyers,
                                    allowance, window, check_in)
            transfers += [Transfer(arriving, airport, hotel, tuple(group), leg.start, leg.end,
                                   joins=leg) for leg, group in shared]
            for group in _groups(flyers, window):
                legs = [t.arrival if arriving else t.departure for t in group]
                times = [leg.at for leg in legs if leg is not None]
                if arriving:
                    start = _minute(max(times) + allowance)
                    end = _minute(start + _road(minutes, airport, hotel))
                else:
                    end = _minute(min(times) - check_in, down=True)
                    start = _minute(end - _road(minutes, hotel, airport), down=True)
                transfers.append(Transfer(arriving, airport, hotel, tuple(group), start, end))
    return sorted(transfers, key=lambda t: (t.start, t.airport.name_en))


def _share(activities: list[Activity], arriving: bool, airport_id: str, hotel_id: str,
           flyers: list[tuple[datetime, Trainee]], allowance: timedelta, window: timedelta,
           check_in: timedelta) -> tuple[list[tuple[Activity, list[Trainee]]],
                                         list[tuple[datetime, Trainee]]]:
    """The flyers a planned leg for named trainees can also carry (a pickup leaving after
    they are out, within the window; a drop-off arriving in time, within the window), and
    the flyers left for new legs."""
    ends = (airport_id, hotel_id) if arriving else (hotel_id, airport_id)
    legs = sorted((a for a in activities if _ground(a) and (a.from_site_id, a.to_site_id) == ends
                   and a.participants.audience is Audience.NAMED), key=lambda a: a.start)
    joined: dict[str, tuple[Activity, list[Trainee]]] = {}
    left = []
    for moment, trainee in flyers:
        if arriving:
            ready = moment + allowance
            leg = next((a for a in legs if ready <= a.start <= ready + window), None)
        else:
            latest = moment - check_in
            leg = next((a for a in reversed(legs) if latest - window <= a.end <= latest), None)
        if leg is None:
            left.append((moment, trainee))
        else:
            joined.setdefault(leg.id, (leg, []))[1].append(trainee)
    return list(joined.values()), left


def _minute(moment: datetime, *, down: bool = False) -> datetime:
    """A time rounded to five minutes (up for a pickup, down for a drop-off), local clock."""
    local = moment.astimezone(SHANGHAI).replace(second=0, microsecond=0)
    extra = local.minute % 5
    if not extra:
        return local
    return local - timedelta(minutes=extra) if down else local + timedelta(minutes=5 - extra)
