"""The route planner: which stops on which day, in which order, by which means, where to sleep.

The order is chosen on the door-to-door travel-time matrix (:mod:`routing`: the optimum up to
12 stops when the exact search finishes within its time budget, near-optimal beyond), among the
orders that :mod:`schedule_packing` can fit into the programme, then improved on the schedule
itself (:mod:`schedule_search`). The packed order becomes activities (visits, lunches, hotel
transfers and travel legs) and a hotel stay for every night it covers, around the activities
already in the programme, which stay put. A request outside the programme's dates is refused;
the plan says what was proved about its order (:attr:`Plan.claim`). The same request gives the
same plan unless the time budget runs out; a request that cannot be met says which constraint
stops which stop.
"""

from __future__ import annotations

import dataclasses
import time as clock
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

from cistrat_tui.core.errors import CistratError, ValidationError
from cistrat_tui.core.planning import routing
from cistrat_tui.core.planning.schedule_packing import Packer
from cistrat_tui.core.planning.schedule_rules import Fixed, Lunch, Move, Packing, Rules, Stop
from cistrat_tui.core.planning.schedule_search import improve_order
from cistrat_tui.core.planning.travel import TravelModel
from cistrat_tui.core.records.activity import Activity, Stay
from cistrat_tui.core.records.model import (
    ActivityKind,
    Programme,
    Site,
    SiteKind,
    Status,
    TravelMode,
)
from cistrat_tui.core.records.workshop import Record, Workshop
from cistrat_tui.core.reference import places as reference
from cistrat_tui.core.reference.calendar import WorkingCalendar, workshop_calendar

__all__ = ["Plan", "PlanError", "PlanRequest", "Stop", "apply_plan", "plan_records", "plan_route"]
SEARCH_SECONDS = 2.0  # at least this long for improving the order on the schedule itself
# A placeholder hotel's id comes from its city, so that the same request gives the same plan
# and applying a second plan reuses the placeholder instead of adding another.
PLACEHOLDER_NAMESPACE = uuid.UUID("6f0c3a52-43f1-4c39-9a57-2f3a9d7b1e10")
PLACEHOLDER_OFFSET_DEGREES = 0.02  # about 2 km: a placeholder hotel is not at the site itself
MIN_YEAR, MAX_YEAR = 2000, 2100  # a year outside these is a typo (0207 for 2027)
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
    # Journeys between cities on weekends and holidays; None: as the programme says. A choice
    # that differs from the programme's is remembered with it when the plan is applied.
    weekend_travel: bool | None = None

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValidationError("end date", f"{self.last_day} is before the start date "
                                  f"{self.first_day}")
        for name, day in (("start date", self.first_day), ("end date", self.last_day)):
            if not MIN_YEAR <= day.year <= MAX_YEAR:
                raise ValidationError(name, f"{day.isoformat()} is not a plausible date "
                                      f"(years {MIN_YEAR}-{MAX_YEAR}); check for a typo")
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
    claim: str = ""  # what was proved about the order (see routing.Route.claim)
    days_used: int = 0
    programme: Programme | None = None  # the programme with the request's options, if changed

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
            "order": list(self.order), "optimal": self.optimal, "claim": self.claim,
            "days_used": self.days_used,
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
               travel: TravelModel | None = None,
               time_budget: float = routing.TIME_BUDGET_SECONDS) -> Plan:
    """Plan ``request`` around the activities already in ``workshop`` (they stay put, and
    the group goes to their places in time). ``calendar`` carries the coordinator's closures;
    the exact search of the order stops after ``time_budget`` seconds. ``calendar`` defaults
    to the shipped national calendar with the workshop's stored closures."""
    calendar = calendar or workshop_calendar(workshop)
    travel = travel or TravelModel.default()
    programme = workshop.programme
    _inside_programme(programme, request)
    sites = _sites(workshop)
    for site_id in (request.start_site_id, request.end_site_id,
                    *(s.site_id for s in request.stops)):
        if site_id not in sites:
            raise ValidationError("stops", f"no site has the id {site_id}")
    rules = Rules(request.first_day, request.last_day, programme.day_start, programme.day_end,
                  programme.lunch_start, programme.lunch_end, request.max_visits_per_day,
                  request.evening_limit, programme.timezone,
                  programme.weekend_travel if request.weekend_travel is None
                  else request.weekend_travel)
    hotels, placeholders = _hotels(workshop, request, sites)
    sites.update({h.id: h for h in placeholders})
    packer = Packer(rules, sites, calendar, travel, _fixed(workshop, request),
                    request.start_site_id, request.end_site_id, hotels,
                    _pinned(workshop, request))
    nodes = list(dict.fromkeys([request.start_site_id, request.end_site_id,
                                *(s.site_id for s in request.stops)]))
    matrix = travel.travel_matrix([sites[n] for n in nodes])
    cost = [[matrix[a][b] for b in nodes] for a in nodes]
    index = {site_id: i for i, site_id in enumerate(nodes)}
    by_index = {index[s.site_id]: s for s in request.stops}

    packed: dict[tuple[int, ...], Packing] = {}

    def pack(order: Sequence[int]) -> Packing:
        """The packing of a complete order, once per order: the order search, the check of
        its answer and the search on the schedule all ask for the same ones."""
        key = tuple(order)
        found = packed.get(key)
        if found is None:
            found = packed[key] = packer.pack([by_index[i] for i in order])
        return found

    def fits(order: Sequence[int]) -> bool:
        if len(order) == len(request.stops):
            return pack(order).ok
        return packer.pack([by_index[i] for i in order], finish=False).ok

    deadline = clock.monotonic() + time_budget
    route = routing.best_route(cost, index[request.start_site_id], list(by_index),
                               index[request.end_site_id], allowed=fits,
                               time_budget=time_budget)
    if not route.order and request.stops:
        free = routing.best_route(cost, index[request.start_site_id], list(by_index),
                                  index[request.end_site_id], time_budget=time_budget)
        failed = packer.pack([by_index[i] for i in free.order])
        stop_id = failed.failed_stop.site_id if failed.failed_stop else None
        raise PlanError(failed.constraint or "dates", stop_id, failed.reason or
                        "no order of the stops fits the dates")
    packing = pack(route.order)
    if not packing.ok:
        raise PlanError(packing.constraint, None, packing.reason)
    order, packing = improve_order(route.order, pack,
                                   max(deadline, clock.monotonic() + SEARCH_SECONDS))
    if tuple(order) != route.order:  # the schedule's best is not the matrix's: say so
        found = routing.path_cost(cost, index[request.start_site_id], order,
                                  index[request.end_site_id])
        route = routing.Route(tuple(order), found, found <= route.lower_bound + 1e-9,
                              route.lower_bound)
    plan = _build(workshop, sites, packing, matrix, route, nodes, placeholders)
    uncertain = calendar.uncertainty_note(request.first_day, request.last_day)
    if uncertain:
        plan.notes.append(uncertain)
    if rules.weekend_travel != programme.weekend_travel:
        plan.programme = dataclasses.replace(programme, weekend_travel=rules.weekend_travel)
    return plan


def _inside_programme(programme: Programme, request: PlanRequest) -> None:
    """Refuse a request that reaches outside the programme's dates."""
    first, last = programme.start_date, programme.end_date
    for name, day in (("first day", request.first_day), ("last day", request.last_day)):
        if not first <= day <= last:
            raise PlanError("programme dates", None,
                            f"the {name} {day:%a %Y-%m-%d} is outside the programme "
                            f"({first:%a %Y-%m-%d} to {last:%a %Y-%m-%d}); plan inside it "
                            "or change the programme's dates first")


def _sites(workshop: Workshop) -> dict[str, Site]:
    """The workshop's sites plus the reference stations and airports journeys may use."""
    sites = {place.id: place for place in reference.load_places()}
    sites.update(workshop.sites)
    return sites


def _fixed(workshop: Workshop, request: PlanRequest) -> list[Fixed]:
    """The programme's activities around the request's dates: times and places to keep."""
    first = request.first_day - timedelta(days=1)
    last = request.last_day + timedelta(days=1)
    return [Fixed.of(a) for a in workshop.activities.values()
            if not a.cancelled and first <= a.day <= last]


def _pinned(workshop: Workshop, request: PlanRequest) -> dict[date, str]:
    """The nights that already have a hotel booked."""
    pinned: dict[date, str] = {}
    for stay in sorted(workshop.stays.values(), key=lambda s: (s.check_in, s.id)):
        for night in stay.nights():
            if request.first_day <= night <= request.last_day:
                pinned.setdefault(night, stay.hotel_id)
    return pinned


def _city_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _hotels(workshop: Workshop, request: PlanRequest,
            sites: dict[str, Site]) -> tuple[dict[str, str], list[Site]]:
    """The hotel for each city of the request: the programme's own (the first by name), else
    a placeholder to book, placed halfway between the places visited there and the city's
    railway station (where a group hotel usually is: transfers are then timed, not zero)."""
    places = [sites[request.start_site_id], sites[request.end_site_id],
              *(sites[s.site_id] for s in request.stops)]
    hotels: dict[str, str] = {}
    for site in sorted((s for s in workshop.sites.values() if s.kind is SiteKind.HOTEL
                        and s.has_coordinates), key=lambda s: s.name_en):
        hotels.setdefault(_city_key(site.city), site.id)
    made: list[Site] = []
    for city in dict.fromkeys(_city_key(p.city) for p in places):
        here = [p for p in places if _city_key(p.city) == city and p.has_coordinates]
        if city in hotels or not here:
            continue
        lat = sum(p.lat or 0.0 for p in here) / len(here)
        lon = sum(p.lon or 0.0 for p in here) / len(here)
        station = next((s for s in sites.values() if s.kind is SiteKind.RAIL_STATION
                        and _city_key(s.city) == city and s.has_coordinates), None)
        if station is not None:
            lat, lon = (lat + (station.lat or 0.0)) / 2, (lon + (station.lon or 0.0)) / 2
        else:
            lat += PLACEHOLDER_OFFSET_DEGREES
        hotel = Site(SiteKind.HOTEL, f"Hotel in {here[0].city} (to be booked)", here[0].city,
                     lat=round(lat, 5), lon=round(lon, 5),
                     notes="placeholder made by the route planner between the places visited "
                           "in the city and its railway station: replace with the booked "
                           "hotel",
                     id=str(uuid.uuid5(PLACEHOLDER_NAMESPACE, city)))
        made.append(hotel)
        hotels[city] = hotel.id
    return hotels, made


def _leg_activities(move: Move, sites: dict[str, Site],
                    on_board: list[Lunch]) -> list[Activity]:
    """One travel activity per leg of a journey, the waits between them left free; a train
    that serves the day's lunch says so."""
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
        description = f"{leg.minutes} min, about {leg.km:g} km."
        if leg.mode in (TravelMode.HIGH_SPEED_RAIL, TravelMode.FLIGHT):
            what = "Train" if leg.mode is TravelMode.HIGH_SPEED_RAIL else "Flight"
            title = f"{what} {sites[origin].name_en} -> {to_name} (to be booked)"
            if any(start <= lunch.start and lunch.end <= end for lunch in on_board):
                title = title.replace(" (to be booked)", ", lunch on board (to be booked)")
                description += " Lunch on board: order meal boxes with the tickets."
        else:
            title = f"{leg.mode.value.replace('_', ' ').capitalize()} to {to_name}"
        activities.append(Activity(
            ActivityKind.TRAVEL, title, start, end, from_site_id=origin, to_site_id=target,
            mode=leg.mode, status=Status.PLANNED, meeting_point=sites[origin].name_en,
            description=description,
            internal_notes="; ".join(filter(None, (PLANNER_NOTE, move.journey.note)))))
    return activities


def _build(workshop: Workshop, sites: dict[str, Site], packing: Packing,
           matrix: dict[str, dict[str, int]], route: routing.Route, nodes: list[str],
           placeholders: list[Site]) -> Plan:
    on_board = [lunch for lunch in packing.lunches if lunch.site_id is None]
    activities: list[Activity] = []
    for move in packing.moves:
        activities.extend(_leg_activities(move, sites, on_board))
    for visit in packing.visits:
        site = sites[visit.stop.site_id]
        part = f" (part {visit.part} of 2)" if visit.part else ""
        activities.append(Activity(
            ActivityKind.VISIT, f"Visit: {site.name_en}{part}", visit.start, visit.end,
            site_id=site.id, status=Status.PLANNED, internal_notes=PLANNER_NOTE))
    for lunch in packing.lunches:
        if lunch.site_id is None:
            continue
        site = sites[lunch.site_id]
        title = (f"Lunch break at {site.name_en} (hosted)" if lunch.in_visit
                 else f"Lunch at or near {site.name_en}")
        activities.append(Activity(ActivityKind.MEAL, title, lunch.start, lunch.end,
                                   site_id=site.id, status=Status.PLANNED,
                                   internal_notes=PLANNER_NOTE))
    activities.sort(key=lambda a: (a.start, a.end))
    stays = _stays(packing.nights)
    used = {s for a in activities for s in a.site_ids()} | {s.hotel_id for s in stays}
    new_sites = [sites[s] for s in sorted(used) if s not in workshop.sites]
    order = tuple(nodes[i] for i in route.order)
    plan = Plan(order, activities, stays, new_sites, matrix, route.optimal)
    plan.claim = route.claim
    plan.total_travel_minutes = packing.travel_minutes
    plan.total_km = round(sum(m.journey.km for m in packing.moves), 1)
    plan.nights_away = sum(1 for stay in stays for _ in stay.nights()
                           if _city_key(sites[stay.hotel_id].city)
                           != _city_key(workshop.programme.base_city))
    plan.days_used = packing.days_used
    plan.notes = sorted({m.journey.note for m in packing.moves if "estimat" in m.journey.note})
    plan.notes += [f"{site.name_en}: a placeholder hotel, book one and replace it"
                   for site in placeholders if site.id in used]
    return plan


def _stays(nights: dict[date, str]) -> list[Stay]:
    """One stay per run of consecutive nights at the same hotel."""
    stays: list[Stay] = []
    run: list[date] = []
    for night in sorted(nights):
        if run and (night - run[-1] != timedelta(days=1) or nights[night] != nights[run[0]]):
            stays.append(Stay(nights[run[0]], run[0], run[-1] + timedelta(days=1),
                              notes=PLANNER_NOTE))
            run = []
        run.append(night)
    if run:
        stays.append(Stay(nights[run[0]], run[0], run[-1] + timedelta(days=1),
                          notes=PLANNER_NOTE))
    return stays


def plan_records(plan: Plan) -> list[Record]:
    """What applying a plan writes, in an order the store accepts: the new sites, then the
    activities and stays that refer to them."""
    changed = [plan.programme] if plan.programme is not None else []
    return [*changed, *plan.new_sites, *plan.activities, *plan.stays]


def apply_plan(store: Any, plan: Plan) -> None:
    """Write a plan into the programme through the store, in one save (the command line's
    way; the app writes :func:`plan_records` as one step of its undo history)."""
    with store.batch():
        for record in plan_records(plan):
            store.put(record)

