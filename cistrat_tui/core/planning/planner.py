"""The route planner: which stops on which day, in which order, by which means, where to sleep.

The order is chosen on the door-to-door travel-time matrix (:mod:`routing`: provably optimal up
to 12 stops, near-optimal beyond), among the orders that :mod:`schedule_packing` can fit into
the programme's working days; the packed order becomes activities (visits and travel legs) and
hotel stays for each night away from the base city. The same request always gives the same plan;
a request that cannot be met says which constraint stops which stop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from cistrat_tui.core.errors import CistratError, ValidationError
from cistrat_tui.core.planning import routing
from cistrat_tui.core.planning.schedule_packing import Move, Packer, Packing, Rules, Stop
from cistrat_tui.core.planning.travel import TravelModel
from cistrat_tui.core.records.activity import Activity, Stay
from cistrat_tui.core.records.model import ActivityKind, Site, SiteKind, Status, TravelMode
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference import places as reference
from cistrat_tui.core.reference.calendar import WorkingCalendar, workshop_calendar

__all__ = ["Plan", "PlanError", "PlanRequest", "Stop", "plan_route"]
PLANNER_NOTE = "planned by cistrat-tui: book the service and replace this note"


class PlanError(CistratError):
    """No order of the stops fits the request; names the constraint and the stop."""

    def __init__(self, constraint: str, stop_site_id: str | None, message: str) -> None:
        self.constraint = constraint
        self.stop_site_id = stop_site_id
        super().__init__(f"cannot plan: {message} [{constraint}]")


@dataclass(frozen=True, slots=True)
class PlanRequest:
    """What to plan: the stops, where to start and end, the dates, the daily limit."""

    stops: tuple[Stop, ...]
    start_site_id: str
    end_site_id: str
    first_day: date
    last_day: date
    max_visits_per_day: int = 2
    evening_limit: time = time(21, 0)

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValidationError("end date", f"{self.last_day} is before the start date "
                                  f"{self.first_day}")
        if self.max_visits_per_day < 1:
            raise ValidationError("visits per day", "must be at least 1")
        for stop in self.stops:
            if stop.minutes <= 0:
                raise ValidationError("visit length", f"must be positive, got {stop.minutes}")
        ids = [s.site_id for s in self.stops]
        if len(set(ids)) != len(ids):
            raise ValidationError("stops", "a site is listed twice")


@dataclass
class Plan:
    """A day-by-day plan: new activities and stays, sites to add, totals and the matrix."""

    order: tuple[str, ...]
    activities: list[Activity]
    stays: list[Stay]
    new_sites: list[Site]
    matrix: dict[str, dict[str, int]]
    optimal: bool
    total_travel_minutes: int = 0
    total_km: float = 0.0
    nights_away: int = 0
    notes: list[str] = field(default_factory=list)

    def days(self) -> dict[date, list[Activity]]:
        """The plan's activities by local day, in time order."""
        found: dict[date, list[Activity]] = {}
        for activity in sorted(self.activities, key=lambda a: (a.start, a.end)):
            found.setdefault(activity.day, []).append(activity)
        return found

    def to_json(self, sites: dict[str, Site]) -> dict[str, Any]:
        """The plan as plain data, with the matrix so other solvers can be compared."""
        def name(site_id: str | None) -> str | None:
            return sites[site_id].name_en if site_id in sites else None

        return {
            "order": list(self.order), "optimal": self.optimal,
            "total_travel_minutes": self.total_travel_minutes, "total_km": self.total_km,
            "nights_away": self.nights_away, "notes": self.notes,
            "days": [{"date": day.isoformat(), "activities": [
                {**a.to_dict(), "site": name(a.site_id), "from": name(a.from_site_id),
                 "to": name(a.to_site_id)} for a in items]}
                for day, items in self.days().items()],
            "stays": [{**s.to_dict(), "hotel": name(s.hotel_id)} for s in self.stays],
            "matrix": self.matrix,
        }


def plan_route(workshop: Workshop, request: PlanRequest, *,
               calendar: WorkingCalendar | None = None,
               travel: TravelModel | None = None) -> Plan:
    """Plan ``request`` around the activities already in ``workshop`` (they stay put).

    ``calendar`` defaults to the shipped national calendar with the workshop's closures."""
    calendar = calendar or workshop_calendar(workshop)
    travel = travel or TravelModel.default()
    sites = _sites(workshop)
    for site_id in (request.start_site_id, request.end_site_id,
                    *(s.site_id for s in request.stops)):
        if site_id not in sites:
            raise ValidationError("stops", f"no site has the id {site_id}")
    programme = workshop.programme
    rules = Rules(request.first_day, request.last_day, programme.day_start, programme.day_end,
                  programme.lunch_start, programme.lunch_end, request.max_visits_per_day,
                  request.evening_limit, programme.timezone)
    packer = Packer(rules, sites, calendar, travel, _busy(workshop, request),
                    request.start_site_id, request.end_site_id)
    nodes = list(dict.fromkeys([request.start_site_id, request.end_site_id,
                                *(s.site_id for s in request.stops)]))
    matrix = travel.travel_matrix([sites[n] for n in nodes])
    cost = [[matrix[a][b] for b in nodes] for a in nodes]
    index = {site_id: i for i, site_id in enumerate(nodes)}
    by_index = {index[s.site_id]: s for s in request.stops}

    def fits(order: Sequence[int]) -> bool:
        complete = len(order) == len(request.stops)
        return packer.pack([by_index[i] for i in order], finish=complete).ok

    route = routing.best_route(cost, index[request.start_site_id], list(by_index),
                               index[request.end_site_id], allowed=fits)
    if not route.order and request.stops:
        free = routing.best_route(cost, index[request.start_site_id], list(by_index),
                                  index[request.end_site_id])
        failed = packer.pack([by_index[i] for i in free.order])
        stop_id = failed.failed_stop.site_id if failed.failed_stop else None
        raise PlanError(failed.constraint or "dates", stop_id, failed.reason or
                        "no order of the stops fits the dates")
    packing = packer.pack([by_index[i] for i in route.order])
    if not packing.ok:
        raise PlanError(packing.constraint, None, packing.reason)
    plan = _build(workshop, request, sites, packing, matrix, route, nodes)
    uncertain = calendar.uncertainty_note(request.first_day, request.last_day)
    if uncertain:
        plan.notes.append(uncertain)
    return plan


def _sites(workshop: Workshop) -> dict[str, Site]:
    """The workshop's sites plus the reference stations and airports journeys may use."""
    sites = {place.id: place for place in reference.load_places()}
    sites.update(workshop.sites)
    return sites


def _busy(workshop: Workshop, request: PlanRequest) -> dict[date, list[tuple[datetime,
                                                                            datetime]]]:
    busy: dict[date, list[tuple[datetime, datetime]]] = {}
    for activity in workshop.activities.values():
        if not activity.cancelled and request.first_day <= activity.day <= request.last_day:
            busy.setdefault(activity.day, []).append((activity.start, activity.end))
    return busy


def _leg_activities(move: Move, sites: dict[str, Site]) -> list[Activity]:
    """One travel activity per leg of a journey, the waits between them left free."""
    activities = []
    cursor = move.depart
    for n, leg in enumerate(move.journey.legs):
        start = cursor + timedelta(minutes=leg.buffer_minutes)
        end = start + timedelta(minutes=max(1, leg.minutes))
        cursor = end
        origin = leg.from_site_id if leg.from_site_id in sites else (
            move.from_site_id if n == 0 else None)
        target = leg.to_site_id if leg.to_site_id in sites else (
            move.to_site_id if n == len(move.journey.legs) - 1 else None)
        if origin is None or target is None or origin == target:
            continue
        to_name = sites[target].name_en
        if leg.mode in (TravelMode.HIGH_SPEED_RAIL, TravelMode.FLIGHT):
            what = "Train" if leg.mode is TravelMode.HIGH_SPEED_RAIL else "Flight"
            title = f"{what} {sites[origin].name_en} -> {to_name} (to be booked)"
        else:
            title = f"{leg.mode.value.replace('_', ' ').capitalize()} to {to_name}"
        activities.append(Activity(
            ActivityKind.TRAVEL, title, start, end, from_site_id=origin, to_site_id=target,
            mode=leg.mode, status=Status.PLANNED, meeting_point=sites[origin].name_en,
            description=f"{leg.minutes} min, about {leg.km:g} km.",
            internal_notes="; ".join(filter(None, (PLANNER_NOTE, move.journey.note)))))
    return activities


def _build(workshop: Workshop, request: PlanRequest, sites: dict[str, Site], packing: Packing,
           matrix: dict[str, dict[str, int]], route: routing.Route,
           nodes: list[str]) -> Plan:
    activities: list[Activity] = []
    for move in packing.moves:
        activities.extend(_leg_activities(move, sites))
    for visit in packing.visits:
        site = sites[visit.stop.site_id]
        activities.append(Activity(
            ActivityKind.VISIT, f"Visit: {site.name_en}", visit.start, visit.end,
            site_id=site.id, status=Status.PLANNED, internal_notes=PLANNER_NOTE))
    activities.sort(key=lambda a: (a.start, a.end))
    used = {s for a in activities for s in a.site_ids()}
    new_sites = [sites[s] for s in sorted(used) if s not in workshop.sites]
    stays, hotels = _stays(workshop, request, sites, activities)
    order = tuple(nodes[i] for i in route.order)
    plan = Plan(order, activities, stays, new_sites + hotels, matrix, route.optimal)
    plan.total_travel_minutes = sum(m.journey.minutes for m in packing.moves)
    plan.total_km = round(sum(m.journey.km for m in packing.moves), 1)
    plan.nights_away = sum(len(s.nights()) for s in stays)
    plan.notes = sorted({m.journey.note for m in packing.moves if "estimat" in m.journey.note})
    return plan


def _stays(workshop: Workshop, request: PlanRequest, sites: dict[str, Site],
           activities: list[Activity]) -> tuple[list[Stay], list[Site]]:
    """A hotel stay for each run of nights the group spends away from the base city."""
    base = workshop.programme.base_city.casefold()
    city = sites[request.start_site_id].city
    sleeps: list[tuple[date, str]] = []
    moves_by_day: dict[date, str] = {}
    for activity in activities:
        place = activity.to_site_id or activity.site_id
        if place:
            moves_by_day[activity.end.date()] = sites[place].city
    last_night = max([request.first_day, *(a.end.date() for a in activities)])
    day = request.first_day
    while day < last_night:
        city = moves_by_day.get(day, city)
        sleeps.append((day, city))
        day += timedelta(days=1)
    stays: list[Stay] = []
    hotels: dict[str, Site] = {}
    run_start, run_city = None, None
    for night, where in [*sleeps, (last_night, "")]:
        if where != run_city:
            if run_city and run_start and run_city.casefold() != base:
                hotel = _hotel(workshop, run_city, hotels)
                stays.append(Stay(hotel.id, run_start, night, booking_ref="",
                                  notes=PLANNER_NOTE))
            run_start, run_city = night, where
    new_hotels = [h for h in hotels.values() if h.id not in workshop.sites]
    return stays, new_hotels


def _hotel(workshop: Workshop, city: str, made: dict[str, Site]) -> Site:
    """A hotel of the workshop in ``city``, or a placeholder to book."""
    known = sorted((s for s in workshop.sites.values()
                    if s.kind is SiteKind.HOTEL and s.city.casefold() == city.casefold()),
                   key=lambda s: s.name_en)
    if known:
        return known[0]
    if city not in made:
        made[city] = Site(SiteKind.HOTEL, f"Hotel in {city} (to be booked)", city,
                          notes="placeholder made by the route planner: replace with the "
                                "booked hotel")
    return made[city]


def apply_plan(store: Any, plan: Plan) -> None:
    """Write a plan into the programme through the store, in one save."""
    with store.batch():
        for site in plan.new_sites:
            store.put(site)
        for activity in plan.activities:
            store.put(activity)
        for stay in plan.stays:
            store.put(stay)

