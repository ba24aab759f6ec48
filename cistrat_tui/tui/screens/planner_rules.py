"""The route planner screen's rules, free of Textual so they can be tested alone.

What the form may offer (the stops, the start and end places), how its text becomes a
:class:`PlanRequest` (every bad field named), how a plan or a refusal is told to the
coordinator, where the plan's cities go on the map, and how a plan is applied as ONE step of
this sitting's undo history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.planning.planner import Plan, PlanError, PlanRequest, Stop, plan_records
from cistrat_tui.core.records.model import Programme, Site, SiteKind
from cistrat_tui.core.records.values import to_date
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference import places as reference
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.history import History
from cistrat_tui.tui.widgets.map_layout import CITY_CENTRES, City

DEFAULT_VISIT_MINUTES = 120
STEP_MINUTES = 30
MAX_VISIT_MINUTES = 12 * 60
NOT_A_STOP = (SiteKind.HOTEL, SiteKind.RAIL_STATION, SiteKind.AIRPORT)
HUBS = (SiteKind.RAIL_STATION, SiteKind.AIRPORT)


def _by_city(sites: list[Site]) -> list[Site]:
    return sorted(sites, key=lambda s: (s.city.casefold(), s.name_en.casefold()))


def stop_candidates(workshop: Workshop) -> list[Site]:
    """The sites a group can visit (not hotels, stations or airports), by city and name."""
    return _by_city([s for s in workshop.sites.values() if s.kind not in NOT_A_STOP])


def place_candidates(workshop: Workshop) -> list[Site]:
    """The sites a trip can start or end at (any site but stations and airports)."""
    return _by_city([s for s in workshop.sites.values()
                     if s.kind not in (SiteKind.RAIL_STATION, SiteKind.AIRPORT)])


def default_place(workshop: Workshop) -> str | None:
    """Where a trip starts and ends unless told otherwise: in the base city, the host
    institute (a research institute or venue), else its hotel, else any place."""
    places = place_candidates(workshop)
    base = workshop.programme.base_city.casefold()
    preferred = (SiteKind.RESEARCH_INSTITUTE, SiteKind.VENUE, SiteKind.HOTEL)
    for kind in preferred:
        for site in places:
            if site.kind is kind and site.city.casefold() == base:
                return site.id
    return places[0].id if places else None


def adjust_minutes(minutes: int, steps: int) -> int:
    """A visit ``steps`` half hours longer (or shorter), kept between half an hour and 12 h."""
    return min(max(minutes + steps * STEP_MINUTES, STEP_MINUTES), MAX_VISIT_MINUTES)


def hours_label(minutes: int) -> str:
    """'2 h', '2 h 30'."""
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


@dataclass(frozen=True, slots=True)
class PlanForm:
    """What the coordinator entered, as text where it was typed."""

    stops: tuple[tuple[str, int], ...]  # (site id, visit minutes)
    start_site_id: str | None
    end_site_id: str | None
    first_day: str
    last_day: str
    per_day: str = "2"
    weekend_travel: bool | None = None  # None: as the programme says


def check_form(form: PlanForm) -> tuple[PlanRequest | None, dict[str, str]]:
    """The request the form describes, or None and what is wrong, by field name
    (stops, start, end, first_day, last_day, per_day)."""
    errors: dict[str, str] = {}
    if not form.stops:
        errors["stops"] = "pick at least one site to visit"
    if not form.start_site_id:
        errors["start"] = "choose where the trip starts"
    if not form.end_site_id:
        errors["end"] = "choose where the trip ends"
    days: dict[str, date] = {}
    for name, text in (("first_day", form.first_day), ("last_day", form.last_day)):
        try:
            days[name] = to_date(text, name)
        except ValidationError as error:
            errors[name] = error.reason
    if len(days) == 2 and days["last_day"] < days["first_day"]:
        errors["last_day"] = "is before the first day"
    per_day = form.per_day.strip()
    if not per_day.isdigit() or not 1 <= int(per_day) <= 6:
        errors["per_day"] = "a whole number from 1 to 6"
    if errors:
        return None, errors
    assert form.start_site_id and form.end_site_id
    try:
        request = PlanRequest(tuple(Stop(site_id, minutes) for site_id, minutes in form.stops),
                              form.start_site_id, form.end_site_id, days["first_day"],
                              days["last_day"], max_visits_per_day=int(per_day),
                              weekend_travel=form.weekend_travel)
    except ValidationError as error:
        return None, {"stops": f"{error.field}: {error.reason}"}
    return request, {}


def named_sites(workshop: Workshop, plan: Plan | None = None) -> dict[str, Site]:
    """Every site a plan may name: the reference stations and airports, the workshop's sites
    and the plan's new ones (placeholder hotels)."""
    sites = {place.id: place for place in reference.load_places()}
    sites.update(workshop.sites)
    if plan is not None:
        sites.update({site.id: site for site in plan.new_sites})
    return sites


def describe_error(error: Exception, sites: dict[str, Site]) -> str:
    """A refusal as the coordinator reads it: what went wrong, which constraint, which stop."""
    if not isinstance(error, PlanError):
        return f"Cannot plan: {error}"
    stop = sites[error.stop_site_id].name_en if error.stop_site_id in sites else None
    message = str(error).removeprefix("cannot plan: ")
    message = message.removesuffix(f" [{error.constraint}]")
    lines = [f"Cannot plan: {message}", f"Constraint: {error.constraint}"]
    lines.append(f"Stop: {stop}" if stop else "Stop: (the whole request)")
    return "\n".join(lines)


def plan_label(plan: Plan) -> str:
    """How the applied plan is named in the undo history."""
    option = ""
    if plan.programme is not None:
        allowed = "allowed" if plan.programme.weekend_travel else "not allowed"
        option = f"; weekend travel {allowed} from now on"
    return (f"Applied route plan: {len(plan.activities)} activities, "
            f"{len(plan.stays)} hotel stays, {len(plan.new_sites)} new sites{option}")


def map_route(plan: Plan, sites: dict[str, Site],
              start_site_id: str) -> tuple[list[City], list[str]]:
    """The plan's cities for the map and the order the group reaches them (the cities it
    visits or sleeps in: a station or airport passed through, Wuxi's for Suzhou, is not a
    stop of the route)."""
    order = [sites[start_site_id].city]
    for activity in sorted(plan.activities, key=lambda a: (a.start, a.end)):
        for site_id in (activity.from_site_id, activity.site_id, activity.to_site_id):
            if site_id in sites and sites[site_id].kind in HUBS:
                continue
            if site_id in sites and order[-1] != sites[site_id].city:
                order.append(sites[site_id].city)
    cities = []
    for name in dict.fromkeys(order):
        if name in CITY_CENTRES:
            cities.append(City(name, *CITY_CENTRES[name]))
            continue
        spots = [(s.lat, s.lon) for s in sites.values()
                 if s.city == name and s.lat is not None and s.lon is not None]
        if spots:
            cities.append(City(name, sum(p[0] for p in spots) / len(spots),
                               sum(p[1] for p in spots) / len(spots)))
    return cities, order


def apply_plan_step(history: History, store: WorkshopStore, plan: Plan) -> str:
    """Write ``plan`` into the programme as ONE undoable step of ``history``, in one save;
    returns the step's label. Raises (with nothing written) when the store refuses."""
    label = plan_label(plan)
    programme = store.workshop.programme
    history.apply_many(store, [(programme if isinstance(record, Programme) else None, record)
                               for record in plan_records(plan)], label)
    return label
