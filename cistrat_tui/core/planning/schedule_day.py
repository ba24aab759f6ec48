"""Placing one journey or one visit in a day, the way a coordinator would.

The group is somewhere (``State.here``) from some moment (``State.now``). Before it moves or
visits, it attends every activity already in the programme that starts first (going to that
activity's place in time: fixed activities are places as well as times). A journey arrives by
the evening limit. Lunch falls every planned day inside the lunch window: at the site where the
group is, on board a long train, or as the break of a visit that spans lunch (the host
provides it); no journey or visit is placed so that the group misses it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from cistrat_tui.core.planning.schedule_rules import (
    ON_BOARD_MINUTES,
    ON_BOARD_TRAIN_MINUTES,
    Fixed,
    Lunch,
    Move,
    Rules,
    Stop,
    Visit,
)
from cistrat_tui.core.planning.travel import Journey, TravelModel
from cistrat_tui.core.records.model import Site
from cistrat_tui.core.records.values import local_datetime
from cistrat_tui.core.reference.calendar import WorkingCalendar

MIN_PART = timedelta(minutes=30)  # the shortest part of a visit split by lunch
RETRIES = 8  # attending fixed activities and lunch may move a start this many times


@dataclass
class State:
    """Where the group is and what the packing has placed so far (copied to try options)."""

    now: datetime
    here: str
    fixed_at: int = 0  # the next fixed activity not yet attended
    busy_until: datetime | None = None  # the end of the last planned item
    lunched: set[date] = field(default_factory=set)  # days whose lunch is settled
    active: set[date] = field(default_factory=set)  # days with a planned item
    per_day: dict[date, int] = field(default_factory=dict)
    visits: list[Visit] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    lunches: list[Lunch] = field(default_factory=list)
    nights: dict[date, str] = field(default_factory=dict)

    def copy(self) -> State:
        return State(self.now, self.here, self.fixed_at, self.busy_until, set(self.lunched),
                     set(self.active), dict(self.per_day), list(self.visits), list(self.moves),
                     list(self.lunches), dict(self.nights))


class DayPlanner:
    """The day-level operations, over one request's rules, sites and fixed activities."""

    def __init__(self, rules: Rules, sites: dict[str, Site], calendar: WorkingCalendar,
                 travel: TravelModel, fixed: Sequence[Fixed]) -> None:
        self.rules = rules
        self.sites = sites
        self.calendar = calendar
        self.travel = travel
        self.fixed = sorted(fixed, key=lambda f: (f.start, f.end))
        self._journeys: dict[tuple[str, str], Journey] = {}

    def journey(self, a: str, b: str) -> Journey:
        key = (a, b)
        found = self._journeys.get(key)
        if found is None:
            found = self._journeys[key] = self.travel.estimate(self.sites[a], self.sites[b])
        return found

    def at(self, day: date, moment: time) -> datetime:
        return local_datetime(day, moment, self.rules.timezone)

    def city(self, site_id: str) -> str:
        return " ".join(self.sites[site_id].city.split()).casefold()

    # --- lunch ------------------------------------------------------------------------------

    def latest_lunch(self, day: date) -> datetime:
        return self.at(day, self.rules.lunch_end) - self.rules.lunch_length

    def _needs_lunch_before(self, s: State, end: datetime) -> bool:
        """Whether lunch must come before an item that ends at ``end``."""
        day = end.date()
        return day not in s.lunched and end > self.latest_lunch(day)

    def lunch_here(self, s: State) -> bool:
        """Lunch where the group is, as early in the window as it can; False when too late."""
        day = s.now.date()
        if day in s.lunched:
            return True
        begin = max(s.now, self.at(day, self.rules.lunch_start))
        if begin > self.latest_lunch(day):
            return False
        end = begin + self.rules.lunch_length
        if not self.reaches_next(s, s.here, end):
            return False
        s.lunches.append(Lunch(begin, end, s.here))
        s.lunched.add(day)
        s.now = s.busy_until = end
        return True

    def _on_board(self, move: Move) -> Lunch | None:
        span = move.train_span()
        if span is None or span[1] - span[0] < timedelta(minutes=ON_BOARD_TRAIN_MINUTES):
            return None
        day = span[0].date()
        window = (self.at(day, self.rules.lunch_start), self.at(day, self.rules.lunch_end))
        begin, end = max(span[0], window[0]), min(span[1], window[1])
        if end - begin < timedelta(minutes=ON_BOARD_MINUTES):
            return None
        return Lunch(begin, end, None)

    # --- fixed activities -------------------------------------------------------------------

    def next_fixed(self, s: State) -> Fixed | None:
        return self.fixed[s.fixed_at] if s.fixed_at < len(self.fixed) else None

    def skip_past(self, s: State) -> None:
        """Pass over the fixed activities that end before the packing starts."""
        while (upcoming := self.next_fixed(s)) is not None and upcoming.end <= s.now:
            s.fixed_at += 1

    def attend(self, s: State, upcoming: Fixed) -> bool:
        """Take the group to a fixed activity's place in time and through it."""
        if s.busy_until is not None and upcoming.start < s.busy_until:
            return False  # a planned item would overlap it
        s.fixed_at += 1
        target = upcoming.place_before
        if target is not None and target in self.sites and target != s.here \
                and upcoming.start >= s.now:
            journey = self.journey(s.here, target)
            depart = upcoming.start - timedelta(minutes=journey.minutes)
            if not self.move(s, target, not_before=depart, arrive_by=upcoming.start):
                return False
        elif target is not None and target != s.here and upcoming.start < s.now:
            return False  # the group cannot be there
        day = upcoming.start.date()
        if upcoming.is_meal or upcoming.end > self.latest_lunch(day) > upcoming.start:
            s.lunched.add(day)  # the programme's own lunch, or its business
        s.now = max(s.now, upcoming.end)
        after = upcoming.place_after
        if after is not None and after in self.sites:
            s.here = after
        return True

    def reaches_next(self, s: State, place: str, free_at: datetime) -> bool:
        """Whether the group, free at ``place`` from ``free_at``, can still be at the next
        fixed activity's place when it starts (fixed activities are places as well as times)."""
        upcoming = self.next_fixed(s)
        if upcoming is None:
            return True
        if upcoming.start < free_at:
            return False
        target = upcoming.place_before
        if target is None or target == place or target not in self.sites:
            return True
        journey = self.journey(place, target)
        return free_at + timedelta(minutes=journey.minutes) <= upcoming.start

    def attend_before(self, s: State, moment: datetime) -> bool:
        """Attend every fixed activity that starts before ``moment``."""
        while (upcoming := self.next_fixed(s)) is not None and upcoming.start < moment:
            if not self.attend(s, upcoming):
                return False
        return True

    # --- journeys and visits ----------------------------------------------------------------

    def move(self, s: State, target: str, *, not_before: datetime | None = None,
             arrive_by: datetime | None = None) -> bool:
        """Take the group from where it is to ``target``, leaving at ``not_before`` or as soon
        as it is free; it must arrive by ``arrive_by`` and by the evening limit that day."""
        if target == s.here:
            return True
        journey = self.journey(s.here, target)
        for _ in range(RETRIES):
            depart = max(s.now, not_before or s.now)
            move = Move(depart, journey, s.here, target)
            upcoming = self.next_fixed(s)
            if upcoming is not None and upcoming.start < move.arrive:
                if arrive_by is not None or not self.attend(s, upcoming):
                    return False
                if s.here == target:
                    return True
                journey = self.journey(s.here, target)
                continue
            on_board = None
            if journey.legs and self._needs_lunch_before(s, move.arrive) \
                    and depart.date() not in s.lunched:
                on_board = self._on_board(move)
                if on_board is None:
                    if not self.lunch_here(s):
                        return False
                    continue
            limit = self.at(depart.date(), self.rules.evening_limit)
            if move.arrive > limit or (arrive_by is not None and move.arrive > arrive_by):
                return False
            if arrive_by is None and not self.reaches_next(s, target, move.arrive):
                return False
            if journey.legs:
                s.moves.append(move)
                s.active.add(depart.date())
            if on_board is not None:
                s.lunches.append(on_board)
                s.lunched.add(depart.date())
            s.now = s.busy_until = move.arrive
            s.here = target
            return True
        return False

    def visit(self, s: State, stop: Stop, day: date) -> bool:
        """Visit ``stop`` on ``day`` (the group goes there first), inside the site's hours,
        the working day and the stop's window; split by lunch when it cannot fit otherwise."""
        rules = self.rules
        site = self.sites[stop.site_id]
        hours = self.calendar.site_hours(site, day)
        if hours is None:
            return False
        opens = self.at(day, max(rules.day_start, hours[0], stop.not_before or time(0, 0)))
        closes = self.at(day, min(rules.day_end, hours[1], stop.not_after or time(23, 59)))
        length = timedelta(minutes=stop.minutes)
        for _ in range(RETRIES):
            if s.here != stop.site_id:
                journey = self.journey(s.here, stop.site_id)
                leave = opens - timedelta(minutes=journey.minutes)
                if not self.move(s, stop.site_id, not_before=leave):
                    return False
            if s.now.date() != day:
                return False
            start = max(s.now, opens)
            end = start + length
            upcoming = self.next_fixed(s)
            if upcoming is not None and upcoming.start < end:
                if not self.attend(s, upcoming):
                    return False
                continue
            if end > closes:
                return False
            if self._needs_lunch_before(s, end):
                if self._split(s, stop, start, length, closes):
                    return True
                if not self.lunch_here(s):
                    return False
                continue
            if not self.reaches_next(s, stop.site_id, end):
                return False
            self._record(s, Visit(stop, start, end))
            return True
        return False

    def _split(self, s: State, stop: Stop, start: datetime, length: timedelta,
               closes: datetime) -> bool:
        """A visit from ``start`` with a lunch break at the site, when a whole visit before
        or after lunch does not fit the day."""
        day = start.date()
        lunch = max(self.at(day, self.rules.lunch_start), start + MIN_PART)
        if lunch > self.latest_lunch(day):
            return False
        resume = lunch + self.rules.lunch_length
        end = resume + length - (lunch - start)
        whole_after = max(s.now, lunch + self.rules.lunch_length) + length
        if end - resume < MIN_PART or end > closes or whole_after <= closes:
            return False
        if not self.reaches_next(s, stop.site_id, end):
            return False
        s.lunches.append(Lunch(lunch, resume, stop.site_id, in_visit=True))
        s.lunched.add(day)
        self._record(s, Visit(stop, start, lunch, 1), counted=False)
        self._record(s, Visit(stop, resume, end, 2))
        return True

    def _record(self, s: State, visit: Visit, counted: bool = True) -> None:
        s.visits.append(visit)
        day = visit.start.date()
        s.active.add(day)
        if counted:
            s.per_day[day] = s.per_day.get(day, 0) + 1
        s.now = s.busy_until = visit.end
