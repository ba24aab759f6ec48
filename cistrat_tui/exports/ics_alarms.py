"""Reminders that help: few, at moments when the reader is free to act on them.

A reminder before every activity (the first version) went off, for a trainee, 66 times out of
105 while they were already in another activity, and up to 8 times a day. The rules here, for
one calendar at a time (the reader's own day):

- only three kinds of event get one: the first of each day, every departure to a station or
  an airport (and the train or flight itself), and every change of city;
- the lead depends on the mode: :attr:`Alarms.lead_minutes` before most things, plus the
  station buffer before a train and the airport buffer before a flight (3 h in all by default);
- a reminder that would go off during another event is moved earlier, into the gap before
  that event; when no gap is found within :data:`MAX_EXTRA` of the wanted lead, there is none;
- none is set on free time, on a cancelled event or on an all-day stay, none goes off within
  :data:`MIN_APART` of another, and at most :data:`MAX_PER_DAY` are set a day (departures and
  city changes first).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from cistrat_tui.core.records.model import TravelMode

MAX_PER_DAY = 4
MAX_EXTRA = timedelta(hours=2)
MIN_APART = timedelta(minutes=15)
# A reminder moved before another event goes off this long before it starts.
GAP_MARGIN = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class Alarms:
    """Display reminders: ``lead_minutes`` before an event that gets one; before a train or
    a flight, the station or airport buffer (security and ticket checks) comes on top.
    ``enabled=False`` leaves every reminder out."""

    lead_minutes: int = 30
    station_buffer_minutes: int = 60
    airport_buffer_minutes: int = 150
    enabled: bool = True

    def __post_init__(self) -> None:
        for name in ("lead_minutes", "station_buffer_minutes", "airport_buffer_minutes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10080:
                raise ValueError(f"{name.replace('_', ' ')}: expected 0 to 10080 minutes, "
                                 f"got {value!r}")

    def lead(self, mode: TravelMode | None) -> timedelta:
        """How long before an event by ``mode`` its reminder should go off."""
        minutes = self.lead_minutes
        if mode is TravelMode.HIGH_SPEED_RAIL:
            minutes += self.station_buffer_minutes
        elif mode is TravelMode.FLIGHT:
            minutes += self.airport_buffer_minutes
        return timedelta(minutes=minutes)


@dataclass(frozen=True, slots=True)
class Slot:
    """What the reminder rules need to know about one event of a calendar."""

    uid: str
    start: datetime
    end: datetime
    mode: TravelMode | None = None
    free: bool = False  # free time: never blocks a reminder, never gets one
    departure: bool = False  # to a station or airport, or a train or flight itself
    city_change: bool = False
    cancelled: bool = False


class _Busy:
    """The events that block a reminder, sorted by start, with the latest end so far at each
    position: whether a moment falls inside any of them is a bisection, not a scan."""

    def __init__(self, busy: list[Slot]) -> None:
        self.slots = busy
        self.starts = [s.start for s in busy]
        self.latest_end: list[datetime] = []
        for slot in busy:
            ends = self.latest_end
            ends.append(slot.end if not ends or slot.end > ends[-1] else ends[-1])

    def blocker(self, moment: datetime, slot: Slot) -> Slot | None:
        """An event begun before ``slot`` (and by ``moment``) that ``moment`` falls inside."""
        index = min(bisect_right(self.starts, moment), bisect_left(self.starts, slot.start))
        if index == 0 or self.latest_end[index - 1] <= moment:
            return None
        for position in range(index - 1, -1, -1):
            if self.slots[position].end > moment:
                return self.slots[position]
        return None  # not reached: latest_end says one exists


def _fire_time(slot: Slot, lead: timedelta, busy: _Busy) -> datetime | None:
    """When ``slot``'s reminder goes off: ``lead`` before it, or earlier into a gap; None when
    no gap is found within MAX_EXTRA more."""
    fire = slot.start - lead
    while (blocker := busy.blocker(fire, slot)) is not None:
        fire = min(fire, blocker.start) - GAP_MARGIN
        if slot.start - fire > lead + MAX_EXTRA:
            return None
    return fire


def _near(fired: list[datetime], moment: datetime) -> bool:
    """Whether a reminder already goes off within MIN_APART of ``moment`` (``fired`` sorted)."""
    index = bisect_left(fired, moment)
    return any(abs(fired[i] - moment) < MIN_APART
               for i in (index - 1, index) if 0 <= i < len(fired))


def plan_reminders(slots: Iterable[Slot], alarms: Alarms, zone: tzinfo) -> dict[str, timedelta]:
    """Each event's reminder lead (how long before its start), by UID; events without one are
    left out. ``zone`` decides what a day is (the programme's local days)."""
    if not alarms.enabled:
        return {}
    timed = sorted((s for s in slots if not s.cancelled),
                   key=lambda s: (s.start, s.end, s.uid))
    busy = [s for s in timed if not s.free]
    blocking = _Busy(busy)
    days: dict[date, list[Slot]] = {}
    for slot in busy:
        days.setdefault(slot.start.astimezone(zone).date(), []).append(slot)
    chosen: dict[str, timedelta] = {}
    fired: list[datetime] = []
    for day_slots in days.values():
        wanted = [(0 if s.departure or s.city_change else 1, index, s)
                  for index, s in enumerate(day_slots)
                  if index == 0 or s.departure or s.city_change]
        kept = sorted(sorted(wanted)[:MAX_PER_DAY], key=lambda item: item[1])
        for _priority, _index, slot in kept:
            fire = _fire_time(slot, alarms.lead(slot.mode), blocking)
            if fire is None or _near(fired, fire):
                continue
            insort(fired, fire)
            chosen[slot.uid] = slot.start - fire
    return chosen
