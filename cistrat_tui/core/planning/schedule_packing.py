"""Packing an ordered list of stops into the programme's days, the way a coordinator would.

Given the order, the group leaves each place as early as it can, travels door to door (the
travel model's legs), and visits each stop on the first day that works: a working day, the
site open for the whole visit, inside the stop's date and time window, not across lunch, not
over an activity already fixed in the programme, with fewer than the day's maximum of visits.
A long journey to another city is made the evening before when it arrives by the evening
limit, so the next morning starts in the new city. The packing is deterministic and greedy;
the planner chooses the order, this module only tells whether and how an order fits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from cistrat_tui.core.planning.travel import Journey, TravelModel
from cistrat_tui.core.records.model import Site
from cistrat_tui.core.records.values import local_datetime
from cistrat_tui.core.reference.calendar import WorkingCalendar


@dataclass(frozen=True, slots=True)
class Stop:
    """A site to visit, for how long, and within which dates and hours."""

    site_id: str
    minutes: int = 120
    earliest: date | None = None
    latest: date | None = None
    not_before: time | None = None
    not_after: time | None = None

    @property
    def has_window(self) -> bool:
        return any(v is not None for v in (self.earliest, self.latest, self.not_before,
                                           self.not_after))


@dataclass(frozen=True, slots=True)
class Rules:
    """The frame every packing respects."""

    first_day: date
    last_day: date
    day_start: time
    day_end: time
    lunch_start: time
    lunch_end: time
    max_visits_per_day: int = 2
    evening_limit: time = time(21, 0)
    timezone: str = "Asia/Shanghai"


@dataclass(frozen=True, slots=True)
class Move:
    """A journey placed in time: it leaves ``depart`` from one site for another."""

    depart: datetime
    journey: Journey
    from_site_id: str
    to_site_id: str


@dataclass(frozen=True, slots=True)
class Visit:
    stop: Stop
    start: datetime
    end: datetime


@dataclass
class Packing:
    """The result of packing an order: visits and moves in time order, or why it failed."""

    visits: list[Visit] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    failed_stop: Stop | None = None
    constraint: str = ""
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.failed_stop is None and not self.reason


class Packer:
    """Packs orders of stops for one request; caches journeys between sites."""

    def __init__(self, rules: Rules, sites: dict[str, Site], calendar: WorkingCalendar,
                 travel: TravelModel, busy: dict[date, list[tuple[datetime, datetime]]],
                 start_site_id: str, end_site_id: str) -> None:
        self.rules = rules
        self.sites = sites
        self.calendar = calendar
        self.travel = travel
        self.busy = {day: sorted(spans) for day, spans in busy.items()}
        self.start_site_id = start_site_id
        self.end_site_id = end_site_id
        self._journeys: dict[tuple[str, str], Journey] = {}

    def journey(self, a: str, b: str) -> Journey:
        key = (a, b)
        found = self._journeys.get(key)
        if found is None:
            found = self._journeys[key] = self.travel.estimate(self.sites[a], self.sites[b])
        return found

    def _at(self, day: date, at: time) -> datetime:
        return local_datetime(day, at, self.rules.timezone)

    def pack(self, stops: list[Stop], *, finish: bool = True) -> Packing:
        """Place ``stops`` in this order; with ``finish``, also the journey to the end site."""
        packing = Packing()
        now = self._at(self.rules.first_day, self.rules.day_start)
        here = self.start_site_id
        per_day: dict[date, int] = {}
        for stop in stops:
            placed = self._place(stop, now, here, per_day, packing)
            if placed is None:
                return packing
            move, visit = placed
            if move is not None:
                packing.moves.append(move)
            packing.visits.append(visit)
            per_day[visit.start.date()] = per_day.get(visit.start.date(), 0) + 1
            now, here = visit.end, stop.site_id
        if finish and here != self.end_site_id:
            self._finish(now, here, packing)
        return packing

    def _place(self, stop: Stop, now: datetime, here: str, per_day: dict[date, int],
               packing: Packing) -> tuple[Move | None, Visit] | None:
        rules = self.rules
        site = self.sites[stop.site_id]
        journey = self.journey(here, stop.site_id)
        travel = timedelta(minutes=journey.minutes)
        other_city = self.sites[here].city != site.city
        last = min(rules.last_day, stop.latest) if stop.latest else rules.last_day
        rejected: list[str] = []
        day = now.date()
        while day <= last:
            why = self._day_closed(stop, site, day, per_day)
            if why:
                rejected.append(why)
                day += timedelta(days=1)
                continue
            depart = now if day == now.date() else self._at(day, rules.day_start)
            if day > now.date() and other_city and \
                    now + travel <= self._at(now.date(), rules.evening_limit):
                depart = now  # travel the evening before and sleep in the new city
            depart = self._after_busy(depart, depart + travel)
            hours = site.open_on(day) or (rules.day_start, rules.day_end)
            opens = max(rules.day_start, hours[0], stop.not_before or time(0, 0))
            closes = min(rules.day_end, hours[1], stop.not_after or time(23, 59))
            start = max(depart + travel, self._at(day, opens))
            start = self._fit(start, timedelta(minutes=stop.minutes))
            end = start + timedelta(minutes=stop.minutes)
            if start.date() == day and end <= self._at(day, closes):
                move = Move(depart, journey, here, stop.site_id) if journey.legs else None
                return move, Visit(stop, start, end)
            rejected.append("no room for the visit that day")
            day += timedelta(days=1)
        packing.failed_stop = stop
        if stop.latest and stop.latest < rules.last_day:
            packing.constraint = "latest date"
            packing.reason = (f"{site.name_en} cannot be visited by its latest date "
                              f"{stop.latest:%a %Y-%m-%d}")
        else:
            packing.constraint = "end date"
            packing.reason = (f"{site.name_en} does not fit before the end date "
                              f"{rules.last_day:%a %Y-%m-%d}")
        if rejected:
            packing.reason += f" ({rejected[-1]})"
        return None

    def _day_closed(self, stop: Stop, site: Site, day: date, per_day: dict[date, int]) -> str:
        """Why ``day`` cannot take this visit at all, or "" when it might."""
        if stop.earliest and day < stop.earliest:
            return f"before its earliest date {stop.earliest:%Y-%m-%d}"
        if not self.calendar.is_working_day(day):
            return f"{day:%a %d %b} is not a working day: {self.calendar.why_not(day)}"
        if not self.calendar.is_site_open(site.id, day):
            return f"closed on {day:%a %d %b}: {self.calendar.why_site_closed(site.id, day)}"
        if site.open_on(day) is None:
            return f"{site.name_en} is closed on {day:%A}s"
        if per_day.get(day, 0) >= self.rules.max_visits_per_day:
            return f"already {self.rules.max_visits_per_day} visits on {day:%a %d %b}"
        return ""

    def _fit(self, start: datetime, length: timedelta) -> datetime:
        """The earliest start from ``start`` that crosses neither lunch nor a fixed activity."""
        for _ in range(20):
            day = start.date()
            lunch = (self._at(day, self.rules.lunch_start), self._at(day, self.rules.lunch_end))
            blocks = sorted([lunch, *self.busy.get(day, [])])
            moved = False
            for begin, finish in blocks:
                if start < finish and start + length > begin:
                    start, moved = finish, True
            if not moved:
                break
        return start

    def _after_busy(self, depart: datetime, arrive: datetime) -> datetime:
        """Leave only after any fixed activity that the journey would cross."""
        for begin, finish in self.busy.get(depart.date(), []):
            if depart < finish and arrive > begin:
                arrive += finish - depart
                depart = finish
        return depart

    def _finish(self, now: datetime, here: str, packing: Packing) -> None:
        journey = self.journey(here, self.end_site_id)
        travel = timedelta(minutes=journey.minutes)
        depart = now
        if depart + travel > self._at(now.date(), self.rules.evening_limit):
            depart = self._at(now.date() + timedelta(days=1), self.rules.day_start)
        depart = self._after_busy(depart, depart + travel)
        if (depart + travel).date() > self.rules.last_day:
            packing.constraint = "end date"
            packing.reason = (f"the journey back to {self.sites[self.end_site_id].name_en} "
                              f"ends after the end date {self.rules.last_day:%a %Y-%m-%d}")
            return
        packing.moves.append(Move(depart, journey, here, self.end_site_id))
