"""Scenarios: each plan is applied to a copy of the sample or of an empty programme, and the
programme's own checker then finds no error that the plan caused (the checks run before and
after; the problems that were there before do not count)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta

import pytest

from cistrat_tui.core.checks.base import Problem, Severity
from cistrat_tui.core.checks.runner import check_workshop
from cistrat_tui.core.planning.planner import (
    Plan,
    PlanError,
    PlanRequest,
    Stop,
    plan_records,
    plan_route,
)
from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import (
    ActivityKind,
    Programme,
    Site,
    SiteKind,
    Trainee,
    TravelMode,
)
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference import places as reference
from cistrat_tui.core.reference.calendar import Closure, WorkingCalendar
from cistrat_tui.core.sample import sample_workshop

SIX_PARKS = ["tuspark", "zhangjiang", "east-lake", "qingshan-lake", "suzhou-sci-tech-town",
             "tianhe-software-park"]
CASTED = reference.place_id("casted")
INTERCITY = (TravelMode.HIGH_SPEED_RAIL, TravelMode.FLIGHT)


def programme(first: str, last: str, **options: object) -> Workshop:
    """An empty programme with a small group (the checks look at each trainee's day)."""
    workshop = Workshop(Programme("Scenario", first, last, **options))  # type: ignore[arg-type]
    for n, group in enumerate("AAB"):
        workshop.put(Trainee(f"Trainee {n}", group=group))
    return workshop


def stops(*keys: str, minutes: int = 150) -> tuple[Stop, ...]:
    found = []
    for key in keys:
        name, _, hours = key.partition(":")
        found.append(Stop(reference.place_id(name), round(float(hours) * 60) if hours
                          else minutes))
    return tuple(found)


def errors(workshop: Workshop, calendar: WorkingCalendar | None = None) -> set[Problem]:
    return {p for p in check_workshop(workshop, calendar=calendar)
            if p.severity is Severity.ERROR}


def apply(workshop: Workshop, plan: Plan) -> Workshop:
    """A copy of ``workshop`` with the plan written into it."""
    copy = Workshop.from_tables(workshop.to_tables())
    for record in plan_records(plan):
        copy.put(record)
    return copy


def plan_and_check(workshop: Workshop, request: PlanRequest,
                   calendar: WorkingCalendar | None = None) -> Plan:
    """Plan, apply to a copy, and assert that the checker finds no new error."""
    before = errors(workshop, calendar)
    plan = plan_route(workshop, request, calendar=calendar)
    after = errors(apply(workshop, plan), calendar)
    caused = sorted(after - before, key=lambda p: p.message)
    assert not caused, "\n".join(p.message for p in caused)
    return plan


def days(plan: Plan, kind: ActivityKind) -> list[date]:
    return sorted({a.day for a in plan.activities if a.kind is kind})


def intercity_days(plan: Plan) -> set[date]:
    return {a.day for a in plan.activities if a.mode in INTERCITY}


def sites_of(workshop: Workshop, plan: Plan) -> dict[str, Site]:
    return {p.id: p for p in reference.load_places()} | workshop.sites | {
        s.id: s for s in plan.new_sites}


def test_six_cities_in_three_weeks_from_beijing_and_back() -> None:
    workshop = programme("2027-04-12", "2027-05-01")
    request = PlanRequest(stops(*SIX_PARKS, "cas-zhongguancun"), CASTED, CASTED,
                          date(2027, 4, 12), date(2027, 4, 30))
    plan = plan_and_check(workshop, request)
    sites = sites_of(workshop, plan)
    # Every night from the first planned day to the last has a hotel in its city, Beijing too.
    nights = {n: sites[s.hotel_id] for s in plan.stays for n in s.nights()}
    first, last = min(plan.days()), max(plan.days())
    assert set(nights) == {first + timedelta(days=n) for n in range((last - first).days + 1)}
    assert {h.city for h in nights.values()} >= {"Beijing", "Wuhan", "Hangzhou", "Guangzhou"}
    # Every planned day ends at that night's hotel.
    for day, items in plan.days().items():
        if day in nights:
            assert items[-1].to_site_id == nights[day].id, f"{day} ends away from the hotel"
    # "The evening before" is the day before the first visit in the new city, never earlier.
    for move_day in intercity_days(plan):
        later = [d for d in days(plan, ActivityKind.VISIT) if d >= move_day]
        assert not later or later[0] - move_day <= timedelta(days=1)
    assert plan.claim == "optimal order"


def test_across_national_day_2026_with_its_make_up_days() -> None:
    workshop = programme("2026-09-17", "2026-10-16")
    request = PlanRequest(stops("zhangjiang", "tuspark", "east-lake", "cas-zhongguancun"),
                          CASTED, CASTED, date(2026, 9, 18), date(2026, 10, 16),
                          max_visits_per_day=1)
    plan = plan_and_check(workshop, request)
    visits = days(plan, ActivityKind.VISIT)
    assert not any(date(2026, 10, 1) <= d <= date(2026, 10, 7) for d in visits)
    assert date(2026, 9, 20) in visits  # Sunday 20 September is a make-up working day


def test_a_make_up_saturday_keeps_the_working_day_hours() -> None:
    workshop = programme("2026-10-08", "2026-10-16")
    request = PlanRequest(stops("tuspark"), CASTED, CASTED, date(2026, 10, 10),
                          date(2026, 10, 16))
    plan = plan_and_check(workshop, request)
    assert days(plan, ActivityKind.VISIT) == [date(2026, 10, 10)]  # a Saturday, working
    # A site that stays closed on make-up days is visited on the Monday instead.
    park = dataclasses.replace(reference.place_by_key("tuspark"), closed_on_makeup_days=True)
    workshop.put(park)
    plan = plan_and_check(workshop, request)
    assert days(plan, ActivityKind.VISIT) == [date(2026, 10, 12)]


def test_labour_day_2027() -> None:
    workshop = programme("2027-04-26", "2027-05-14")
    request = PlanRequest(stops("zhangjiang", "suzhou-sci-tech-town", "qingshan-lake"),
                          CASTED, CASTED, date(2027, 4, 28), date(2027, 5, 14))
    plan = plan_and_check(workshop, request)
    assert not {date(2027, 5, 1), date(2027, 5, 2)} & set(days(plan, ActivityKind.VISIT))


def test_a_park_closed_on_one_weekday() -> None:
    park = reference.place_by_key("zhangjiang")
    no_wednesday = dataclasses.replace(park, opening_hours={
        d: hours for d, hours in park.opening_hours.items() if d != 2})
    workshop = programme("2027-04-12", "2027-04-30")
    workshop.put(no_wednesday)
    # A Wednesday start: the closed weekday is skipped, and the coordinator's closure too.
    closure = WorkingCalendar.default().with_closures(
        [Closure(date(2027, 4, 15), "audit", park.id)])
    request = PlanRequest(stops("zhangjiang"), CASTED, CASTED, date(2027, 4, 14),
                          date(2027, 4, 30))
    plan = plan_and_check(workshop, request, closure)
    visit_day = days(plan, ActivityKind.VISIT)[0]
    assert visit_day.weekday() != 2 and visit_day != date(2027, 4, 15)
    assert visit_day == date(2027, 4, 16)


def test_shanghai_to_guangzhou_with_a_long_visit_at_each_end() -> None:
    workshop = programme("2027-04-12", "2027-04-14")  # the programme ends in Guangzhou
    shanghai = Site(SiteKind.HOTEL, "Pudong group hotel", "Shanghai", lat=31.22, lon=121.54)
    guangzhou = Site(SiteKind.HOTEL, "Tianhe group hotel", "Guangzhou", lat=23.13, lon=113.33)
    workshop.put(shanghai)
    workshop.put(guangzhou)
    request = PlanRequest(stops("zhangjiang:4", "tianhe-software-park:4"), shanghai.id,
                          guangzhou.id, date(2027, 4, 12), date(2027, 4, 14))
    plan = plan_and_check(workshop, request)
    # One journey south, not Guangzhou -> Shanghai -> Guangzhou.
    assert plan.order[0] == reference.place_id("zhangjiang")
    assert plan.total_travel_minutes < 11 * 60
    assert len([a for a in plan.activities if a.mode in INTERCITY]) == 1


def test_a_five_hour_visit_spans_lunch_with_a_break() -> None:
    workshop = programme("2027-04-12", "2027-04-30")
    request = PlanRequest(stops("tuspark:5"), CASTED, CASTED, date(2027, 4, 12),
                          date(2027, 4, 30))
    plan = plan_and_check(workshop, request)
    parts = [a for a in plan.activities if a.kind is ActivityKind.VISIT]
    assert len(parts) == 2 and sum((a.end - a.start for a in parts), timedelta()) == \
        timedelta(hours=5)
    lunch = next(a for a in plan.activities if a.kind is ActivityKind.MEAL)
    assert parts[0].end == lunch.start and lunch.end == parts[1].start
    assert time(12) <= lunch.start.time() and lunch.end.time() <= time(13, 30)
    with pytest.raises(PlanError, match="does not fit its day") as refused:
        plan_route(workshop, PlanRequest(stops("tuspark:8.5"), CASTED, CASTED,
                                         date(2027, 4, 12), date(2027, 4, 30)))
    assert refused.value.constraint == "visit length"


def test_a_fixed_lecture_in_beijing_in_the_middle_of_the_window() -> None:
    workshop = programme("2027-04-12", "2027-04-30")
    workshop.put(reference.place_by_key("casted"))
    lecture = Activity(ActivityKind.LECTURE, "Mid-term lecture",
                       datetime(2027, 4, 21, 9, 0, tzinfo=SHANGHAI),
                       datetime(2027, 4, 21, 12, 0, tzinfo=SHANGHAI), site_id=CASTED)
    workshop.put(lecture)
    request = PlanRequest(stops(*SIX_PARKS, "cas-zhongguancun"), CASTED, CASTED,
                          date(2027, 4, 15), date(2027, 4, 30), max_visits_per_day=1)
    plan = plan_and_check(workshop, request)
    sites = sites_of(workshop, plan)
    before = max((a for a in plan.activities if a.end <= lecture.start), key=lambda a: a.end)
    assert sites[before.to_site_id or before.site_id or ""].city == "Beijing"
    assert any(a.start >= lecture.end for a in plan.activities)  # the trip goes on after it
    assert lecture.id not in {a.id for a in plan.activities}


def test_weekend_travel_can_be_refused_and_the_choice_is_the_programme_s() -> None:
    friday, monday = date(2027, 4, 16), date(2027, 4, 19)
    request = PlanRequest(
        (Stop(reference.place_id("zhangjiang"), 150, earliest=friday, latest=friday),
         Stop(reference.place_id("east-lake"), 150, earliest=monday)),
        CASTED, CASTED, date(2027, 4, 12), date(2027, 4, 30))
    allowed = plan_and_check(programme("2027-04-12", "2027-04-30"), request)
    assert date(2027, 4, 18) in intercity_days(allowed)  # Sunday, the evening before
    assert days(allowed, ActivityKind.VISIT)[:2] == [friday, monday]
    refused = plan_and_check(programme("2027-04-12", "2027-04-30", weekend_travel=False),
                             request)
    calendar = WorkingCalendar.default()
    assert all(calendar.is_working_day(d) for d in intercity_days(refused))
    assert days(refused, ActivityKind.VISIT)[:2] == [friday, monday + timedelta(days=1)]


def test_a_plan_on_a_copy_of_the_sample_works_around_its_programme() -> None:
    workshop = sample_workshop()
    # The coordinator drops Friday afternoon's case studies; a visit takes their place, and
    # the group is back at CASTED for the programme's own coach to the hotel at 16:45.
    for activity in list(workshop.activities.values()):
        if "case study" in activity.title:
            workshop.put(dataclasses.replace(activity, status="cancelled"))
    coach = next(a for a in workshop.activities.values()
                 if a.day == date(2027, 3, 12) and a.title.startswith("Coach to Yuyuantan"))
    request = PlanRequest(stops("cas-zhongguancun:1.5"), CASTED, CASTED, date(2027, 3, 8),
                          date(2027, 3, 26))
    plan = plan_and_check(workshop, request)
    visit = next(a for a in plan.activities if a.kind is ActivityKind.VISIT)
    assert visit.day == date(2027, 3, 12) and visit.start.time() >= time(13, 30)
    back = max((a for a in plan.activities if a.day == visit.day), key=lambda a: a.end)
    assert back.to_site_id == CASTED and back.end <= coach.start
    assert not plan.stays  # the sample's own hotel covers the nights


def test_requests_outside_the_programme_are_refused() -> None:
    workshop = sample_workshop()
    with pytest.raises(PlanError, match="outside the programme") as refused:
        plan_route(workshop, PlanRequest(stops("tuspark"), CASTED, CASTED,
                                         date(2027, 4, 12), date(2027, 4, 30)))
    assert refused.value.constraint == "programme dates"
    with pytest.raises(ValueError, match="plausible"):
        PlanRequest(stops("tuspark"), CASTED, CASTED, date(207, 3, 8), date(2027, 3, 12))


def test_a_request_s_weekend_choice_is_remembered_with_the_programme() -> None:
    workshop = programme("2027-04-12", "2027-04-30")
    base = PlanRequest(stops("zhangjiang", "east-lake"), CASTED, CASTED, date(2027, 4, 12),
                       date(2027, 4, 30))
    assert plan_route(workshop, base).programme is None  # as the programme says: nothing
    refused = dataclasses.replace(base, weekend_travel=False)
    plan = plan_and_check(workshop, refused)
    assert plan.programme is not None and plan.programme.weekend_travel is False
    assert plan.programme.id == workshop.programme.id
    assert plan_records(plan)[0] is plan.programme  # applying it writes the choice
    assert apply(workshop, plan).programme.weekend_travel is False


def test_a_visit_is_never_put_where_the_group_cannot_be() -> None:
    """On 15 March the sample's group is on its way to flight CZ3102 and then in Guangzhou:
    a TusPark visit that day is refused, and on the days around it goes where there is room."""
    workshop = sample_workshop()
    day = date(2027, 3, 15)
    only_then = PlanRequest((Stop(reference.place_id("tuspark"), 60, earliest=day, latest=day),),
                            CASTED, CASTED, date(2027, 3, 8), date(2027, 3, 26))
    with pytest.raises(PlanError, match="latest date") as refused:
        plan_route(workshop, only_then)
    assert refused.value.stop_site_id == reference.place_id("tuspark")
