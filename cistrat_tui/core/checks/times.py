"""Checks along each trainee's timeline: overlaps, time to travel, time at the station.

Tolerance. The travel model's figures are planning averages (a coach at 30 km/h on roads 1.35
times the straight line, for instance); a real coach off-peak or a taxi beats them. So a gap (or
a leg) is only called impossible, an error, when it is shorter than :data:`FEASIBLE_SHARE` of
the model's time: 30 km/h against 40 km/h off-peak is three quarters. Between that and the
model's full time it is a warning ("travel-tight"). The bundled sample times its coaches at 25
km/h on 1.4 times the straight line, slower than the model, so none of its legs is flagged.
Legs that chain (one arrives where the next leaves) need no travel time between them.

A train or flight leg is checked on its own against the fastest service in the reference
tables when the model rides exactly between the leg's two ends (faster: a warning), and against
physics in any case (faster than 350 km/h by train: an error). It is not held to the model's
door-to-door time, which may pick another mode or another station: the sample's G7016 runs from
Hongqiao to Suzhou station in 35 minutes while the model's table goes to Suzhou North. The time
at the station before a train or flight should be about the model's check-in buffer (50 min by
train, 120 by air); less than :data:`STATION_SHARE` of it is a warning (45 min by train, the
low end of the reference rule of thumb, is fine).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

from cistrat_tui.core.checks.base import (
    TICKETED_MODES,
    WHO,
    Context,
    Gathered,
    Problem,
    Severity,
    day_text,
    local,
    minutes,
    named,
    place_after,
    place_before,
)
from cistrat_tui.core.planning.travel import distance_km
from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import ActivityKind, Status, TravelMode

FEASIBLE_SHARE = 0.75  # shorter than this share of the model's time: impossible (see above)
STATION_SHARE = 0.9  # at the station less than 90% of the model's buffer (45 of 50 min by train)
# Physical limits for a train or flight leg whose own time is checked: the top operating speed
# of China's high-speed trains, and a jet's cruise plus taxiing at both ends.
TRAIN_TOP_KMH = 350.0
FLIGHT_TOP_KMH = 900.0
FLIGHT_TAXI_MINUTES = 20.0

def _span(activity: Activity) -> float:
    return (activity.end - activity.start).total_seconds() / 60


def overlapping_pairs(items: Sequence[Activity]) -> Iterator[tuple[Activity, Activity]]:
    """Each pair of overlapping activities in ``items`` (in start order), the earlier first.

    A sweep with a heap of end times: O(n log n) plus the pairs found."""
    active: list[tuple[datetime, int, Activity]] = []
    for n, later in enumerate(items):
        while active and active[0][0] <= later.start:
            heapq.heappop(active)
        for _, _, earlier in sorted(active, key=lambda e: e[1]):
            yield earlier, later
        heapq.heappush(active, (later.end, n, later))


def check_overlaps(ctx: Context) -> Iterable[Problem]:
    """Two non-cancelled activities at once for the same trainee; one problem per pair."""
    found = Gathered()
    for trainee_ids, timeline in ctx.shared_timelines:
        for earlier, later in overlapping_pairs(timeline):
            if found.join((earlier.id, later.id), trainee_ids):
                found.put((earlier.id, later.id), Severity.ERROR, "overlap",
                          local(later.start).date(), (later.id, earlier.id),
                          f"{named(later)} overlaps {named(earlier)} for {WHO}.")
    return found.problems(ctx)


def check_travel_time(ctx: Context) -> Iterable[Problem]:
    """Not enough time between one activity's place and the next one's, for each trainee;
    too little time at the station before a train or flight."""
    found = Gathered()
    rail, flight = ctx.travel.parameters.rail, ctx.travel.parameters.flight
    for trainee_ids, timeline in ctx.shared_timelines:
        here: str | None = None  # where the trainee is, as far as the timeline says
        here_by: Activity | None = None  # the activity that took them there
        previous: Activity | None = None  # the activity that ends last so far
        for activity in timeline:
            target = place_before(activity)
            if previous is not None and here is not None and target is not None \
                    and activity.start >= previous.end:
                gap = (activity.start - previous.end).total_seconds() / 60
                needed = ctx.door_to_door(here, target)
                if needed is not None:
                    _gap_problem(ctx, found, trainee_ids, previous, activity, here, target,
                                 gap, needed)
                    if gap >= needed and here_by is not None:
                        _transfer_problem(ctx, found, trainee_ids, here_by, activity, here)
                    if activity.mode in TICKETED_MODES and gap >= needed:
                        line = rail if activity.mode is TravelMode.HIGH_SPEED_RAIL else flight
                        _station_problem(found, trainee_ids, previous, activity, gap - needed,
                                         line.buffer_minutes, ctx.site_name(target))
            if place_after(activity) is not None:
                here, here_by = place_after(activity), activity
            if previous is None or activity.end >= previous.end:
                previous = activity
    return found.problems(ctx)


def _gap_problem(ctx: Context, found: Gathered, trainee_ids: tuple[str, ...], previous: Activity,
                 activity: Activity, here: str, target: str, gap: float,
                 needed: int) -> None:
    if gap >= needed:
        return
    severity = Severity.ERROR if gap < needed * FEASIBLE_SHARE else Severity.WARNING
    code = "travel-too-short" if severity is Severity.ERROR else "travel-tight"
    key = (code, previous.id, here, activity.id)
    if not found.join(key, trainee_ids):
        return
    text = (f"Not enough time to get from {ctx.site_name(here)} to {ctx.site_name(target)} "
            f"for {WHO}: {minutes(gap)} between {named(previous)} and {named(activity)}, but "
            f"the journey takes about {minutes(needed)} door to door.")
    found.put(key, severity, code, local(activity.start).date(), (activity.id, previous.id),
              text)


def _transfer_problem(ctx: Context, found: Gathered, trainee_ids: tuple[str, ...],
                      here_by: Activity, leg: Activity, here: str) -> None:
    """An activity at (or a leg from) another place than the one the trainee is at, with
    time enough in between but no travel leg to take them there (a short walk needs none)."""
    target = place_before(leg)
    journey = ctx.journey(here, target) if target is not None else None
    if target is None or journey is None \
            or all(j.mode is TravelMode.WALK for j in journey.legs):
        return
    key = ("missing-transfer", here_by.id, leg.id)
    if found.join(key, trainee_ids):
        found.put(key, Severity.WARNING, "missing-transfer", local(leg.start).date(),
                  (leg.id, here_by.id),
                  f"{named(leg)} {'leaves from' if leg.kind is ActivityKind.TRAVEL else 'is at'} "
                  f"{ctx.site_name(target)}, but for {WHO} the "
                  f"activity before it, {named(here_by)}, ends at {ctx.site_name(here)}: "
                  "plan the transfer between them.")


def _station_problem(found: Gathered, trainee_ids: tuple[str, ...], previous: Activity,
                     leg: Activity, spare: float, buffer: float, station: str) -> None:
    if spare >= buffer * STATION_SHARE:
        return
    key = ("short-station-time", previous.id, leg.id)
    if not found.join(key, trainee_ids):
        return
    what = "flight" if leg.mode is TravelMode.FLIGHT else "train"
    text = (f"Only {minutes(spare)} at {station} before the {what} {named(leg)} for {WHO} "
            f"(after {named(previous)}); plan about {minutes(buffer)} for security and "
            "ticket checks.")
    found.put(key, Severity.WARNING, "short-station-time", local(leg.start).date(),
              (leg.id, previous.id), text)


def check_leg_durations(ctx: Context) -> Iterable[Problem]:
    """A travel leg shorter than its own journey could possibly take."""
    for leg in ctx.activities:
        if leg.kind is not ActivityKind.TRAVEL or leg.from_site_id is None \
                or leg.to_site_id is None:
            continue
        journey = ctx.journey(leg.from_site_id, leg.to_site_id)
        if journey is None:
            continue
        took = _span(leg)
        if leg.mode in TICKETED_MODES:
            a, b = ctx.sites[leg.from_site_id], ctx.sites[leg.to_site_id]
            km = distance_km(a, b)
            if leg.mode is TravelMode.FLIGHT:
                least = km / FLIGHT_TOP_KMH * 60 + FLIGHT_TAXI_MINUTES
            else:
                least = km / TRAIN_TOP_KMH * 60
            # The table's time counts only when the model goes exactly between these ends.
            table = [j.minutes for j in journey.legs if j.mode is leg.mode
                     and (j.from_site_id, j.to_site_id) == (leg.from_site_id, leg.to_site_id)]
            # Without a table time only the physical limit counts (an error below it).
            usual = float(table[0]) if table else math.floor(least)
            reason = f"the fastest scheduled service takes {minutes(usual)}" if table else ""
        else:
            usual = float(sum(j.minutes for j in journey.legs))  # moving time, no buffers
            least = usual * FEASIBLE_SHARE
            reason = f"the travel model estimates {minutes(usual)} on the move"
        if took >= usual:
            continue
        severity = Severity.ERROR if took < math.floor(least) else Severity.WARNING
        if severity is Severity.ERROR and not reason:
            top = FLIGHT_TOP_KMH if leg.mode is TravelMode.FLIGHT else TRAIN_TOP_KMH
            reason = f"{km:.0f} km take at least {minutes(least)} even at {top:g} km/h"
        code = "travel-too-short" if severity is Severity.ERROR else "travel-tight"
        yield ctx.problem(severity, code,
                          f"{named(leg)} takes {minutes(took)} from "
                          f"{ctx.site_name(leg.from_site_id)} to "
                          f"{ctx.site_name(leg.to_site_id)}; {reason}.",
                          local(leg.start).date(), leg.id)


def _seat_key(seat: str) -> str:
    return " ".join(seat.split()).casefold()


def check_seats(ctx: Context) -> Iterable[Problem]:
    """Seats on trains and flights: everyone taking the leg has one, no seat sold twice, no
    trainee holding seats on two legs at once, no seat for someone not on the leg."""
    for leg in ctx.activities:
        if leg.kind is not ActivityKind.TRAVEL:
            continue
        day = local(leg.start).date()
        riders = {t.id for t in ctx.who(leg.participants)}
        by_seat: dict[str, list[str]] = {}
        for trainee_id, seat in sorted(leg.seats.items(), key=lambda item: item[1]):
            by_seat.setdefault(_seat_key(seat), []).append(trainee_id)
        for holders in by_seat.values():
            if len(holders) > 1:
                yield ctx.problem(Severity.ERROR, "double-booked-seat",
                                  f"Seat '{leg.seats[holders[0]]}' on {named(leg)} is given "
                                  f"to {len(holders)} trainees: {ctx.describe(holders)}.",
                                  day, leg.id, *holders)
        extra = sorted(set(leg.seats) - riders)
        if extra:
            yield ctx.problem(Severity.WARNING, "seat-for-non-participant",
                              f"{named(leg)} holds a seat for {ctx.describe(extra)}, who "
                              "does not take part in it: cancel the ticket or add them.",
                              day, leg.id, *extra)
        if leg.mode not in TICKETED_MODES:
            continue
        missing = sorted(riders - set(leg.seats))
        if not missing:
            continue
        if not leg.seats and leg.status is Status.PLANNED:
            yield ctx.problem(Severity.WARNING, "missing-seat",
                              f"{named(leg)} is not booked yet: no seats for "
                              f"{ctx.describe(missing)}.", day, leg.id)
        else:
            yield ctx.problem(Severity.ERROR, "missing-seat",
                              f"No seat on {named(leg)} for {ctx.describe(missing)}.",
                              day, leg.id, *missing)
    yield from _seats_at_once(ctx)


def _seats_at_once(ctx: Context) -> Iterable[Problem]:
    """A trainee holding seats on two legs that overlap in time."""
    held: dict[str, list[Activity]] = {}
    for leg in ctx.activities:  # in time order, so each list is sorted
        for trainee_id in leg.seats:
            held.setdefault(trainee_id, []).append(leg)
    found = Gathered()
    for trainee_id, legs in held.items():
        for earlier, later in overlapping_pairs(legs):
            if found.join((earlier.id, later.id), (trainee_id,)):
                day = local(later.start).date()
                found.put((earlier.id, later.id), Severity.ERROR, "double-booked-seat", day,
                          (later.id, earlier.id),
                          f"Seats on both {named(earlier)} and {named(later)}, which overlap "
                          f"on {day_text(day)}, are held by {WHO}.")
    return found.problems(ctx)
