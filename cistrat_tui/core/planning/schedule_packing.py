"""Packing an ordered list of stops into the programme's days, the way a coordinator would.

Given the order, each stop is visited on the first day that works: a working day (make-up
working days count), the site open for the visit, inside the stop's window, with room beside
the activities already in the programme, fewer than the day's maximum of visits. Every planned
day starts and ends at that night's hotel (the hotel of an existing stay, else the programme's
hotel in that city, else a placeholder), with the transfers as journeys, and every night gets a
hotel. A journey to another city is made the morning of the visit when it is short, else the
evening before the first visit there: the afternoon after the last visit, or a travel day of
its own. Journeys between cities on a weekend or holiday only when the rules allow it. The
packing is deterministic and greedy; the planner chooses the order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta

from cistrat_tui.core.planning.schedule_day import DayPlanner, State
from cistrat_tui.core.planning.schedule_rules import (
    EARLY_MINUTES,
    SAME_DAY_TRAVEL_MINUTES,
    Fixed,
    Lunch,
    Move,
    Packing,
    Rules,
    Stop,
    Visit,
)
from cistrat_tui.core.planning.travel import TravelModel
from cistrat_tui.core.records.model import Site, SiteKind
from cistrat_tui.core.reference.calendar import WorkingCalendar

__all__ = ["Fixed", "Lunch", "Move", "Packer", "Packing", "Rules", "Stop", "Visit"]
DAY = timedelta(days=1)
LATE_RETURN = time(23, 30)  # the latest a group gets back to its hotel in the same city
DAY_ENDS_AT = (SiteKind.HOTEL, SiteKind.RAIL_STATION, SiteKind.AIRPORT)


class Packer(DayPlanner):
    """Packs orders of stops for one request; caches journeys between sites."""

    def __init__(self, rules: Rules, sites: dict[str, Site], calendar: WorkingCalendar,
                 travel: TravelModel, fixed: Sequence[Fixed], start_site_id: str,
                 end_site_id: str, hotels: Mapping[str, str],
                 pinned: Mapping[date, str] | None = None) -> None:
        super().__init__(rules, sites, calendar, travel, fixed)
        self.start_site_id = start_site_id
        self.end_site_id = end_site_id
        self.hotels = dict(hotels)  # normalised city -> hotel site id
        self.pinned = dict(pinned or {})  # night -> hotel of a stay already booked

    def pack(self, stops: list[Stop], *, finish: bool = True) -> Packing:
        """Place ``stops`` in this order; with ``finish``, also the journey to the end site."""
        s = State(self.at(self.rules.first_day, self.rules.day_start), self.start_site_id)
        self.skip_past(s)
        for stop in stops:
            placed = self._place(s, stop)
            if isinstance(placed, Packing):
                return placed
            s = placed
        if finish:
            ended = self._finish(s)
            if isinstance(ended, Packing):
                return ended
            s = ended
        return Packing(s.visits, s.moves, s.lunches, s.nights)

    def travel_allowed(self, day: date) -> bool:
        """Whether a journey between cities may be made on ``day``."""
        return self.rules.weekend_travel or self.calendar.is_working_day(day)

    # --- one stop ---------------------------------------------------------------------------

    def _place(self, s: State, stop: Stop) -> State | Packing:
        rules = self.rules
        site = self.sites[stop.site_id]
        too_long = self._too_long(stop, site)
        if too_long:
            return Packing(failed_stop=stop, constraint="visit length", reason=too_long)
        last = min(rules.last_day, stop.latest) if stop.latest else rules.last_day
        rejected: list[str] = []
        day = s.now.date()
        while day <= last:
            why = self._day_closed(stop, site, day, s)
            if not why:
                found = self._try(s, stop, day)
                if found is not None:
                    return found
                why = (f"no room on {day:%a %d %b} beside the programme, lunch and the "
                       "journeys")
            rejected.append(why)
            day += DAY
        failed = Packing(failed_stop=stop)
        if stop.latest and stop.latest < rules.last_day:
            failed.constraint = "latest date"
            failed.reason = (f"{site.name_en} cannot be visited by its latest date "
                             f"{stop.latest:%a %Y-%m-%d}")
        else:
            failed.constraint = "end date"
            failed.reason = (f"{site.name_en} does not fit before the end date "
                             f"{rules.last_day:%a %Y-%m-%d}")
        if rejected:
            failed.reason += f" ({_summary(rejected)})"
        return failed

    def _too_long(self, stop: Stop, site: Site) -> str:
        """Why the visit cannot fit any day of the site's hours, even with a lunch break."""
        rules = self.rules
        spans = [hours for hours in site.opening_hours.values()] or [(time(0), time(23, 59))]
        longest = 0.0
        for opens, closes in spans:
            begin = max(rules.day_start, opens, stop.not_before or time(0))
            end = min(rules.day_end, closes, stop.not_after or time(23, 59))
            minutes = float((end.hour * 60 + end.minute) - (begin.hour * 60 + begin.minute))
            if begin < rules.lunch_end and end > rules.lunch_start:
                minutes -= rules.lunch_length.total_seconds() / 60
            longest = max(longest, minutes)
        if stop.minutes <= longest:
            return ""
        return (f"a visit of {stop.minutes / 60:g} h to {site.name_en} does not fit its day: "
                f"at most {longest / 60:g} h with the lunch break")

    def _day_closed(self, stop: Stop, site: Site, day: date, s: State) -> str:
        """Why ``day`` cannot take this visit at all, or "" when it might."""
        if stop.earliest and day < stop.earliest:
            return f"before its earliest date {stop.earliest:%Y-%m-%d}"
        if not self.calendar.is_working_day(day):
            return f"{day:%a %d %b} is not a working day: {self.calendar.why_not(day)}"
        if not self.calendar.is_site_open(site.id, day):
            return f"closed on {day:%a %d %b}: {self.calendar.why_site_closed(site.id, day)}"
        if self.calendar.site_hours(site, day) is None:
            return f"{site.name_en} is closed on {day:%A}s"
        if s.per_day.get(day, 0) >= self.rules.max_visits_per_day:
            return f"already {self.rules.max_visits_per_day} visits on {day:%a %d %b}"
        return ""

    def _try(self, s: State, stop: Stop, day: date) -> State | None:
        """The state after visiting ``stop`` on ``day``, travelling there as a coordinator
        would; None when that day does not work."""
        city = self.city(stop.site_id)
        if self.city(s.here) == city:
            t = s.copy()
            return t if self.to_day(t, day) and self.visit(t, stop, day) else None
        journey = self.journey(s.here, stop.site_id)
        if self.travel_allowed(day) and journey.minutes <= SAME_DAY_TRAVEL_MINUTES:
            t = s.copy()
            if self.to_day(t, day) and self.visit(t, stop, day):
                return t
        before = day - DAY
        if before >= s.now.date() and self.travel_allowed(before):
            t = s.copy()
            if self.to_day(t, before) and self._go_to_city(t, city, before) \
                    and self.to_day(t, day) and self.visit(t, stop, day):
                return t
        return None

    # --- days and nights --------------------------------------------------------------------

    def night_hotel(self, s: State, night: date) -> str | None:
        """Where the group sleeps: the stay already booked, else the hotel in the city it is
        in, or in the city of the next morning's fixed activity."""
        if night in self.pinned:
            return self.pinned[night]
        city = self.city(s.here)
        upcoming = self.next_fixed(s)
        if upcoming is not None and upcoming.start.date() == night + DAY \
                and upcoming.place_before in self.sites:
            city = self.city(upcoming.place_before)
        return self.hotels.get(city)

    def _to_hotel(self, s: State, night: date) -> bool:
        hotel = self.night_hotel(s, night)
        if hotel is None:
            return False
        late = hotel != s.here and self.city(hotel) == self.city(s.here) and \
            s.now + timedelta(minutes=self.journey(s.here, hotel).minutes) > \
            self.at(night, self.rules.evening_limit)
        if late and not self._late_return(s, hotel, self.at(night, LATE_RETURN)):
            return False
        if not late and not self.move(s, hotel):
            return False
        if night not in self.pinned:
            s.nights[night] = hotel
        return True

    def _late_return(self, s: State, hotel: str, late: datetime) -> bool:
        """Back to the hotel in the same city after the evening limit (after a dinner)."""
        move = Move(s.now, self.journey(s.here, hotel), s.here, hotel)
        upcoming = self.next_fixed(s)
        if move.arrive > late or (upcoming is not None and upcoming.start < move.arrive):
            return False
        s.moves.append(move)
        s.now = s.busy_until = move.arrive
        s.here = hotel
        return True

    def close_day(self, s: State) -> bool:
        """The rest of the group's day: the programme's activities, lunch if still due, and
        the journey to that night's hotel."""
        day = s.now.date()
        if not self.attend_before(s, self.at(day + DAY, time(0))):
            return False
        if s.now.date() != day:
            return False
        if day in s.active and day not in s.lunched and not self.lunch_here(s):
            return False
        return self._to_hotel(s, day)

    def to_day(self, s: State, day: date) -> bool:
        """Bring the group to the morning of ``day``, night by night at the hotels."""
        while s.now.date() < day:
            current = s.now.date()
            if not self.close_day(s):
                return False
            morning = self.at(current + DAY, self.rules.day_start) - timedelta(
                minutes=EARLY_MINUTES)
            s.now = max(s.now, morning)
        return s.now.date() == day

    def _go_to_city(self, s: State, city: str, day: date) -> bool:
        """Travel to ``city`` on ``day`` and sleep there."""
        hotel = self.pinned.get(day, self.hotels.get(city))
        if hotel is None or self.city(hotel) != city:
            return False
        if not self.move(s, hotel, not_before=self.at(day, self.rules.day_start)):
            return False
        if day not in self.pinned:
            s.nights[day] = hotel
        return True

    def _finish(self, s: State) -> State | Packing:
        end = self.end_site_id
        same_city = self.city(end) == self.city(s.here)
        day = s.now.date()
        while day <= self.rules.last_day:
            if same_city or self.travel_allowed(day):
                t = s.copy()
                start = None if day == s.now.date() else self.at(day, self.rules.day_start)
                if self.to_day(t, day) and self.move(t, end, not_before=start) \
                        and self._end_day(t):
                    return t
            day += DAY
        name = self.sites[end].name_en
        return Packing(constraint="end date", reason=(
            f"the journey back to {name} does not fit before the end date "
            f"{self.rules.last_day:%a %Y-%m-%d}"))

    def _end_day(self, s: State) -> bool:
        """After reaching the end site: the rest of the day, and the hotel when a night of the
        request follows and the end is not where a day ends anyway."""
        day = s.now.date()
        if self.sites[s.here].kind is SiteKind.HOTEL and day < self.rules.last_day \
                and day not in self.pinned:
            s.nights[day] = s.here
        if self.sites[s.here].kind in DAY_ENDS_AT or day >= self.rules.last_day:
            if day in s.active and day not in s.lunched:
                return self.lunch_here(s)
            return True
        return self.close_day(s)


def _summary(rejected: list[str]) -> str:
    """Why the days tried did not take a visit: the last reason, and how many days each kind
    of reason ruled out when there were several."""
    if len(rejected) == 1:
        return rejected[0]
    kinds = {"earliest date": 0, "not a working day": 0, "no room": 0, "closed": 0,
             "visits on": 0}
    for reason in rejected:
        for kind in kinds:
            if kind in reason:
                kinds[kind] += 1
    labels = {"earliest date": "before its earliest date",
              "not a working day": "not working days",
              "no room": "without room beside the programme, lunch and the journeys",
              "closed": "closed for the site", "visits on": "full of visits"}
    counts = [f"{n} {labels[k]}" for k, n in kinds.items() if n]
    return f"of {len(rejected)} days tried: " + ", ".join(counts) if counts else rejected[-1]
