"""What packing stops into days works with: the request's stops and rules, the programme's
fixed activities (times and places), and what a packing produces (visits, journeys, lunches and
the hotel of each night).

These are plain records; :mod:`schedule_day` places one visit or journey in a day,
:mod:`schedule_packing` walks an order of stops through the days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from cistrat_tui.core.planning.travel import Journey
from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import ActivityKind, TravelMode

LUNCH_MINUTES = 60  # a group lunch; shorter when the programme's lunch window is shorter
ON_BOARD_MINUTES = 45  # a train this long inside the lunch window serves lunch on board
ON_BOARD_TRAIN_MINUTES = 120  # ... when the train itself runs at least this long
SAME_DAY_TRAVEL_MINUTES = 240  # a journey up to this long may be made the morning of a visit
EARLY_MINUTES = 90  # the group may leave its hotel this long before the working day starts


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
    weekend_travel: bool = True  # journeys between cities on weekends and holidays

    @property
    def lunch_length(self) -> timedelta:
        window = (datetime.combine(self.first_day, self.lunch_end)
                  - datetime.combine(self.first_day, self.lunch_start))
        return min(timedelta(minutes=LUNCH_MINUTES), window)


@dataclass(frozen=True, slots=True)
class Fixed:
    """An activity already in the programme: the group is at ``place_before`` when it starts
    and at ``place_after`` when it ends (None: wherever it was)."""

    start: datetime
    end: datetime
    place_before: str | None
    place_after: str | None
    is_meal: bool = False

    @classmethod
    def of(cls, activity: Activity) -> Fixed:
        travel = activity.kind is ActivityKind.TRAVEL
        return cls(activity.start, activity.end,
                   activity.from_site_id if travel else activity.site_id,
                   activity.to_site_id if travel else activity.site_id,
                   activity.kind is ActivityKind.MEAL)


@dataclass(frozen=True, slots=True)
class Move:
    """A journey placed in time: it leaves ``depart`` from one site for another."""

    depart: datetime
    journey: Journey
    from_site_id: str
    to_site_id: str

    @property
    def arrive(self) -> datetime:
        return self.depart + timedelta(minutes=self.journey.minutes)

    def train_span(self) -> tuple[datetime, datetime] | None:
        """When the longest train of the journey runs, if it has one."""
        cursor, best = self.depart, None
        for leg in self.journey.legs:
            start = cursor + timedelta(minutes=leg.buffer_minutes)
            cursor = start + timedelta(minutes=leg.minutes)
            if leg.mode is TravelMode.HIGH_SPEED_RAIL and (
                    best is None or cursor - start > best[1] - best[0]):
                best = (start, cursor)
        return best


@dataclass(frozen=True, slots=True)
class Visit:
    """A visit, or one part of a visit split by a lunch break (``part`` 1 or 2 of 2)."""

    stop: Stop
    start: datetime
    end: datetime
    part: int = 0


@dataclass(frozen=True, slots=True)
class Lunch:
    """Lunch at a site, or on board a train (``site_id`` None)."""

    start: datetime
    end: datetime
    site_id: str | None
    in_visit: bool = False  # the break of a split visit: the host provides it


@dataclass
class Packing:
    """The result of packing an order, in time order, or why it failed."""

    visits: list[Visit] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    lunches: list[Lunch] = field(default_factory=list)
    nights: dict[date, str] = field(default_factory=dict)  # night -> hotel, planned nights only
    failed_stop: Stop | None = None
    constraint: str = ""
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.failed_stop is None and not self.reason

    @property
    def travel_minutes(self) -> int:
        return sum(move.journey.minutes for move in self.moves)

    @property
    def days_used(self) -> int:
        """Days from the first planned item to the last, both counted."""
        moments = [m.depart for m in self.moves] + [v.end for v in self.visits]
        if not moments:
            return 0
        return (max(moments).date() - min(moments).date()).days + 1
