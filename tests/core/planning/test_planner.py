"""The route planner: every constraint respected, optimal order, clear failures."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cistrat_tui.core.planning.planner import PlanError, PlanRequest, Stop, plan_route
from cistrat_tui.core.planning.routing import path_cost
from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import ActivityKind, Programme, SiteKind
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference import places as reference
from cistrat_tui.core.reference.calendar import Closure, WorkingCalendar

PARKS = ["tuspark", "cas-zhongguancun", "zhangjiang", "east-lake", "qingshan-lake",
         "suzhou-sci-tech-town", "tianhe-software-park"]
CASTED = reference.place_id("casted")


def empty_workshop(start: str = "2027-04-12", end: str = "2027-04-30") -> Workshop:
    return Workshop(Programme("Planning test", start, end))


def request(keys: list[str], first: str = "2027-04-12", last: str = "2027-04-30",
            minutes: int = 150, **options: object) -> PlanRequest:
    stops = tuple(Stop(reference.place_id(k), minutes) for k in keys)
    return PlanRequest(stops, CASTED, CASTED, date.fromisoformat(first),
                       date.fromisoformat(last), **options)  # type: ignore[arg-type]


def assert_feasible(workshop: Workshop, req: PlanRequest, plan: object,
                    calendar: WorkingCalendar | None = None) -> None:
    """Every rule the planner promises, checked on its output."""
    from cistrat_tui.core.planning.planner import Plan

    assert isinstance(plan, Plan)
    calendar = calendar or WorkingCalendar.default()
    programme = workshop.programme
    sites = {p.id: p for p in reference.load_places()} | workshop.sites
    sites |= {s.id: s for s in plan.new_sites}
    visits = [a for a in plan.activities if a.kind is ActivityKind.VISIT]
    assert sorted(set(a.site_id or "" for a in visits)) == sorted(s.site_id for s in req.stops)
    everything = sorted(plan.activities + [a for a in workshop.activities.values()
                                           if not a.cancelled], key=lambda a: a.start)
    for before, after in itertools.pairwise(everything):
        assert before.end <= after.start, f"{before.title} overlaps {after.title}"
    per_day: dict[date, set[str]] = {}
    length: dict[str, timedelta] = {}
    for visit in visits:
        day = visit.day
        stop = next(s for s in req.stops if s.site_id == visit.site_id)
        assert req.first_day <= day <= req.last_day
        assert calendar.is_site_open(stop.site_id, day), f"{visit.title} on {day}"
        hours = calendar.site_hours(sites[stop.site_id], day)
        assert hours is not None
        start, end = visit.start.timetz().replace(tzinfo=None), visit.end.time()
        assert hours[0] <= start and end <= hours[1]
        assert programme.day_start <= start and end <= programme.day_end
        length[stop.site_id] = length.get(stop.site_id, timedelta()) + visit.end - visit.start
        assert stop.earliest is None or day >= stop.earliest
        assert stop.latest is None or day <= stop.latest
        assert stop.not_before is None or start >= stop.not_before
        assert stop.not_after is None or end <= stop.not_after
        per_day.setdefault(day, set()).add(stop.site_id)
    for stop in req.stops:
        assert length[stop.site_id] == timedelta(minutes=stop.minutes)
    assert max((len(v) for v in per_day.values()), default=0) <= req.max_visits_per_day
    # The group can get from each place to the next: legs chain, and it ends where asked.
    here = req.start_site_id
    for activity in sorted(plan.activities, key=lambda a: a.start):
        if activity.kind is ActivityKind.TRAVEL:
            assert activity.from_site_id == here
            here = activity.to_site_id or here
        else:
            assert activity.site_id == here, activity.title
    last = max(plan.activities, key=lambda a: a.end)
    assert here == req.end_site_id or (sites[here].kind is SiteKind.HOTEL
                                       and last.end.date() < req.last_day)
    # Lunch every planned day with something in the lunch window: a meal or a train.
    for day, items in plan.days().items():
        window = (datetime.combine(day, programme.lunch_start, SHANGHAI),
                  datetime.combine(day, programme.lunch_end, SHANGHAI))
        busy = [a for a in items if a.start < window[1] and a.end > window[0]]
        if not busy:
            continue
        meals = [a for a in items if a.kind is ActivityKind.MEAL
                 or "lunch on board" in a.title]
        assert any((m.start >= window[0] - timedelta(minutes=1) and m.start < window[1])
                   or "lunch on board" in m.title for m in meals), f"no lunch on {day}"
    # Every night of the plan has one hotel, in the city where the group sleeps.
    hotel_nights = {night: sites[stay.hotel_id] for stay in plan.stays
                    for night in stay.nights()}
    assert sum(len(stay.nights()) for stay in plan.stays) == len(hotel_nights)
    for day, items in plan.days().items():
        if day >= req.last_day or day < min(plan.days()):
            continue
        ends = items[-1]
        place = sites[ends.to_site_id or ends.site_id or ""]
        assert place.kind is SiteKind.HOTEL or day == max(plan.days()), f"day {day} ends away"
        assert hotel_nights[day].city == place.city
        assert hotel_nights[day].kind is SiteKind.HOTEL


def test_six_cities_in_three_weeks() -> None:
    workshop = empty_workshop()
    req = request(PARKS)
    plan = plan_route(workshop, req)
    assert_feasible(workshop, req, plan)
    hotels = {s.id: s for s in plan.new_sites if s.kind is SiteKind.HOTEL}
    cities = {hotels[s.hotel_id].city for s in plan.stays}
    assert {"Beijing", "Wuhan", "Hangzhou", "Guangzhou"} <= cities  # the base city too
    away = [n for s in plan.stays if hotels[s.hotel_id].city != "Beijing" for n in s.nights()]
    assert plan.nights_away == len(away) >= 4
    assert plan.total_travel_minutes > 0 and plan.total_km > 3000
    assert plan.optimal


def test_the_order_is_the_cheapest_on_the_matrix() -> None:
    workshop = empty_workshop()
    req = request(PARKS)
    plan = plan_route(workshop, req)
    nodes = [CASTED, *(s.site_id for s in req.stops)]
    cost = [[plan.matrix[a][b] for b in nodes] for a in nodes]
    found = path_cost(cost, 0, [nodes.index(s) for s in plan.order], 0)
    brute = min(path_cost(cost, 0, order, 0)
                for order in itertools.permutations(range(1, len(nodes))))
    assert found == brute
    assert plan.claim == "optimal order"
    # The door-to-door total adds the hotel transfers to the matrix's path.
    assert plan.total_travel_minutes > found


def test_the_same_request_gives_the_same_plan() -> None:
    first = plan_route(empty_workshop(), request(PARKS))
    second = plan_route(empty_workshop(), request(PARKS))
    strip = [(a.kind, a.title, a.start, a.end, a.site_id, a.from_site_id, a.to_site_id)
             for a in first.activities]
    assert strip == [(a.kind, a.title, a.start, a.end, a.site_id, a.from_site_id, a.to_site_id)
                     for a in second.activities]
    assert first.order == second.order


def test_national_day_and_weekends_are_skipped() -> None:
    workshop = empty_workshop("2026-09-28", "2026-10-16")
    req = request(["zhangjiang", "tuspark", "east-lake"], "2026-09-30", "2026-10-16",
                  max_visits_per_day=1)
    plan = plan_route(workshop, req)
    assert_feasible(workshop, req, plan)
    days = [a.day for a in plan.activities if a.kind is ActivityKind.VISIT]
    assert all(not date(2026, 10, 1) <= d <= date(2026, 10, 7) for d in days)
    assert date(2026, 10, 10) in days or max(days) > date(2026, 10, 8)  # a make-up day works


def test_a_site_closure_moves_the_visit() -> None:
    workshop = empty_workshop()
    zhangjiang = reference.place_id("zhangjiang")
    open_plan = plan_route(workshop, request(["zhangjiang"]))
    visit_day = next(a.day for a in open_plan.activities if a.site_id == zhangjiang)
    closed = WorkingCalendar.default().with_closures([Closure(visit_day, "audit", zhangjiang)])
    plan = plan_route(workshop, request(["zhangjiang"]), calendar=closed)
    assert next(a.day for a in plan.activities if a.site_id == zhangjiang) > visit_day


def test_windows_are_met_even_against_the_cheapest_order() -> None:
    workshop = empty_workshop()
    free = plan_route(workshop, request(PARKS))
    last_site = free.order[-1]
    stops = tuple(Stop(s.site_id, s.minutes, latest=date(2027, 4, 13))
                  if s.site_id == last_site else s for s in request(PARKS).stops)
    req = PlanRequest(stops, CASTED, CASTED, date(2027, 4, 12), date(2027, 4, 30))
    plan = plan_route(workshop, req)
    assert_feasible(workshop, req, plan)
    assert plan.total_travel_minutes >= free.total_travel_minutes
    timed = (Stop(reference.place_id("tuspark"), 60, not_before=time(14, 0)),)
    req = PlanRequest(timed, CASTED, CASTED, date(2027, 4, 12), date(2027, 4, 30))
    plan = plan_route(workshop, req)
    assert_feasible(workshop, req, plan)


def test_fixed_activities_stay_and_are_worked_around() -> None:
    workshop = empty_workshop()
    casted = next(p for p in reference.load_places() if p.id == CASTED)
    workshop.put(casted)
    lecture = Activity("lecture", "Opening lecture", datetime(2027, 4, 12, 8, 30,
                                                              tzinfo=SHANGHAI),
                       datetime(2027, 4, 12, 15, 0, tzinfo=SHANGHAI), site_id=CASTED)
    workshop.put(lecture)
    req = request(["tuspark", "cas-zhongguancun"])
    plan = plan_route(workshop, req)
    assert_feasible(workshop, req, plan)
    assert lecture.id not in {a.id for a in plan.activities}


def test_impossible_requests_name_the_constraint_and_the_stop() -> None:
    workshop = empty_workshop()
    with pytest.raises(PlanError, match=r"end date") as caught:
        plan_route(workshop, request(PARKS, "2027-04-12", "2027-04-13"))
    assert caught.value.constraint == "end date" and caught.value.stop_site_id
    zhangjiang = reference.place_id("zhangjiang")
    stops = (Stop(zhangjiang, 120, earliest=date(2027, 4, 17), latest=date(2027, 4, 18)),)
    with pytest.raises(PlanError, match=r"Zhangjiang.*latest date") as caught:
        plan_route(workshop, PlanRequest(stops, CASTED, CASTED, date(2027, 4, 12),
                                         date(2027, 4, 30)))
    assert caught.value.stop_site_id == zhangjiang
    with pytest.raises(PlanError):
        plan_route(workshop, request(["tuspark"], minutes=600))


@given(st.lists(st.sampled_from(PARKS), min_size=1, max_size=7, unique=True),
       st.integers(0, 20), st.integers(4, 21), st.integers(60, 240), st.integers(1, 3))
@settings(max_examples=40, deadline=None)
def test_every_constraint_is_respected(keys: list[str], offset: int, length: int,
                                       minutes: int, per_day: int) -> None:
    first = date(2027, 3, 1) + timedelta(days=offset)
    last = first + timedelta(days=length)
    workshop = empty_workshop(first.isoformat(), last.isoformat())
    req = request(keys, first.isoformat(), last.isoformat(), minutes,
                  max_visits_per_day=per_day)
    try:
        plan = plan_route(workshop, req)
    except PlanError as error:
        assert error.constraint in {"end date", "latest date"}
        return
    assert_feasible(workshop, req, plan)


def test_each_complete_order_is_packed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from cistrat_tui.core.planning.schedule_packing import Packer

    packed: list[tuple[str, ...]] = []
    original = Packer.pack

    def counted(self: Packer, stops: list[Stop], *, finish: bool = True) -> object:
        if finish:
            packed.append(tuple(s.site_id for s in stops))
        return original(self, stops, finish=finish)

    monkeypatch.setattr(Packer, "pack", counted)
    workshop = empty_workshop()
    req = request(PARKS)
    plan = plan_route(workshop, req)
    assert_feasible(workshop, req, plan)
    assert tuple(plan.order) in packed  # the order search, its check, the schedule search
    assert len(packed) == len(set(packed)) > 1
