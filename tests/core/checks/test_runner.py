"""The problems list: the sample and a minimal programme are clean, the result is sorted and
repeatable, and fast enough to recompute on every edit.

:class:`Mini` is a minimal programme (a day of lectures in Beijing, a train to Shanghai, nights
in both cities) with no problem at all; ``test_checks_rules.py`` breaks one thing at a time."""

from __future__ import annotations

import dataclasses
import random
from datetime import date, datetime, timedelta
from typing import Any

from cistrat_tui.core.checks.runner import Problem, Severity, check_workshop, sort_key
from cistrat_tui.core.records.activity import Activity, Stay
from cistrat_tui.core.records.model import Participants, Programme, Site, Trainee
from cistrat_tui.core.records.values import SHANGHAI, new_id
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference.places import place_by_key
from cistrat_tui.core.sample import sample_workshop

MON, TUE, SAT, SUN = date(2027, 3, 8), date(2027, 3, 9), date(2027, 3, 13), date(2027, 3, 14)


def at(day: date, clock: str) -> datetime:
    hours, minutes = map(int, clock.split(":"))
    return datetime(day.year, day.month, day.day, hours, minutes, tzinfo=SHANGHAI)


class Mini:
    """The records of the minimal programme, by short name, and a way to change them."""

    def __init__(self) -> None:
        self.sites: dict[str, Site] = {
            key: place_by_key(key) for key in ("casted", "tuspark", "beijing-south",
                                               "shanghai-hongqiao", "PEK", "SHA")}
        self.sites["hotel-bj"] = Site("hotel", "Beijing Test Hotel", "Beijing", lat=39.91,
                                      lon=116.305)
        self.sites["hotel-sh"] = Site("hotel", "Shanghai Test Hotel", "Shanghai", lat=31.205,
                                      lon=121.595)
        self.trainees = {name.split()[0].lower(): Trainee(name, group=group)
                         for name, group in (("Ann Example", "A"), ("Ben Example", "A"),
                                             ("Chen Example", "B"))}
        self.activities: dict[str, Activity] = {}
        self.stays: dict[str, Stay] = {}
        add = self.add
        add("coach1", "travel", "Coach to CASTED", MON, "08:15", "08:45", "hotel-bj", "casted")
        add("talk1", "lecture", "Opening lecture", MON, "09:00", "12:00", "casted")
        add("lunch", "meal", "Lunch at the canteen", MON, "12:00", "13:00", "casted")
        add("talk2", "lecture", "Afternoon lecture", MON, "13:30", "16:30", "casted")
        add("coach2", "travel", "Coach to the hotel", MON, "17:00", "17:30", "casted",
            "hotel-bj")
        add("coach3", "travel", "Coach to Beijing South", TUE, "07:00", "08:15", "hotel-bj",
            "beijing-south")
        seats = {t.id: f"Car 1, Seat 1{'ABC'[n]}" for n, t in enumerate(self.trainees.values())}
        add("train", "travel", "Train G1 to Shanghai", TUE, "09:00", "13:30", "beijing-south",
            "shanghai-hongqiao", mode="high_speed_rail", seats=seats, service_number="G1")
        add("coach4", "travel", "Coach to the Shanghai hotel", TUE, "13:45", "15:15",
            "shanghai-hongqiao", "hotel-sh")
        add("checkin", "check_in", "Hotel check-in", TUE, "15:30", "16:30", "hotel-sh")
        self.stays["bj"] = Stay(self.sites["hotel-bj"].id, MON, TUE)
        self.stays["sh"] = Stay(self.sites["hotel-sh"].id, TUE, SAT)

    def add(self, key: str, kind: str, title: str, day: date, start: str, end: str,
            place: str, to: str | None = None, **fields: Any) -> Activity:
        """An activity at ``place`` (a travel leg from ``place`` to ``to``, by coach unless
        ``mode`` is given); keeps it under ``key``."""
        if kind == "travel":
            assert to is not None
            fields = {"mode": "coach", **fields, "from_site_id": self.sites[place].id,
                      "to_site_id": self.sites[to].id}
        else:
            fields = {**fields, "site_id": self.sites[place].id}
        activity = Activity(kind, title, at(day, start), at(day, end), status="confirmed",
                            **fields)
        self.activities[key] = activity
        return activity

    def change(self, key: str, **changes: Any) -> Activity:
        self.activities[key] = dataclasses.replace(self.activities[key], **changes)
        return self.activities[key]

    def times(self, key: str, day: date, start: str, end: str) -> Activity:
        return self.change(key, start=at(day, start), end=at(day, end))

    def id(self, key: str) -> str:
        return self.activities[key].id

    def workshop(self) -> Workshop:
        workshop = Workshop(Programme("Mini workshop", MON, SAT))
        for record in [*self.sites.values(), *self.trainees.values(),
                       *self.activities.values(), *self.stays.values()]:
            workshop.put(record)
        return workshop

    def problems(self, **options: Any) -> list[Problem]:
        return check_workshop(self.workshop(), **options)


def codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


def only(problems: list[Problem], code: str) -> list[Problem]:
    return [p for p in problems if p.code == code]


# --- tests -----------------------------------------------------------------------------------


def test_the_sample_has_no_problem_at_all() -> None:
    assert check_workshop(sample_workshop()) == []


def test_the_minimal_programme_has_no_problem() -> None:
    assert Mini().problems() == []


def test_sorted_by_day_severity_code_and_message_and_repeatable() -> None:
    mini = Mini()
    mini.times("lunch", MON, "11:30", "13:00")  # overlap (error)
    mini.times("talk2", SAT, "09:00", "10:00")  # Saturday (errors)
    mini.stays.pop("bj")  # a night in base without a hotel (warning)
    del mini.sites["casted"]
    mini.sites["casted"] = dataclasses.replace(place_by_key("casted"), lat=None, lon=None)
    problems = mini.problems()
    assert problems == sorted(problems, key=sort_key)
    days = [p.day for p in problems]
    assert days[-1] is None and None not in days[:-1]
    monday = [p for p in problems if p.day == MON]
    assert [p.severity for p in monday] == sorted(
        (p.severity for p in monday), key=[Severity.ERROR, Severity.WARNING].index)
    assert {Severity.ERROR, Severity.WARNING} <= {p.severity for p in monday}
    # The same records put in another order give the same list.
    workshop = mini.workshop()
    shuffled = Workshop(workshop.programme)
    records = [*workshop.sites.values(), *workshop.trainees.values(),
               *workshop.activities.values(), *workshop.stays.values()]
    random.Random(7).shuffle(records)
    for kind in (Site, Trainee, Activity, Stay):
        for record in records:
            if isinstance(record, kind):
                shuffled.put(record)
    assert check_workshop(shuffled) == problems


def test_problems_name_records_and_trainees() -> None:
    mini = Mini()
    mini.change("talk2", participants=Participants("group", "A"))
    mini.times("talk2", MON, "12:30", "14:00")
    [problem] = mini.problems()
    assert problem.code == "overlap" and problem.severity is Severity.ERROR
    assert problem.record_ids == (mini.id("talk2"), mini.id("lunch"))
    assert "'Afternoon lecture' (12:30-14:00)" in problem.message
    assert "'Lunch at the canteen' (12:00-13:00)" in problem.message
    assert "group A" in problem.message and problem.day == MON


def big_workshop(days: int) -> Workshop:
    """The minimal programme's Monday and Tuesday, and back, repeated for ``days`` days:
    about 5,000 activities for 15 trainees in two groups, with a problem every few days."""
    first = MON
    workshop = Workshop(Programme("Long workshop", first, first + timedelta(days=days)))
    mini = Mini()
    for site in mini.sites.values():
        workshop.put(site)
    trainees = [Trainee(f"Trainee {n:02d}", group="AB"[n % 2]) for n in range(15)]
    for trainee in trainees:
        workshop.put(trainee)
    template = [a for a in mini.activities.values() if a.day == MON]
    for n in range(days):
        shift = timedelta(days=n)
        for m, activity in enumerate(template):
            start = activity.start + shift - timedelta(minutes=20 if n % 7 == m else 0)
            participants = Participants("group", "AB"[m % 2]) if m == 3 else Participants()
            workshop.put(dataclasses.replace(activity, start=start, end=activity.end + shift,
                                             participants=participants, id=new_id()))
        workshop.put(Stay(mini.sites["hotel-bj"].id, first + shift,
                          first + shift + timedelta(days=1)))
    return workshop


def test_five_thousand_activities_are_all_checked() -> None:
    """How long this takes is measured by benchmarks/checks_bench.py, not here."""
    workshop = big_workshop(1000)
    assert len(workshop.activities) == 5000
    problems = check_workshop(workshop)
    assert problems and {"overlap", "non-working-day"} <= set(codes(problems))
    overlap_days = {p.day for p in problems if p.code == "overlap"}
    assert len(overlap_days) > 100  # found across the whole programme, not just its start


def test_the_sample_with_a_hotel_missing_or_a_rushed_train_is_caught() -> None:
    workshop = sample_workshop()
    wuhan = next(s for s in workshop.stays.values()
                 if workshop.sites[s.hotel_id].city == "Wuhan")
    workshop.remove(wuhan)
    [problem] = check_workshop(workshop)
    assert (problem.code, problem.severity, problem.day) == (
        "night-without-hotel", Severity.ERROR, date(2027, 3, 17))
    assert "No hotel for everyone on the night of Wed 17 Mar in Wuhan" in problem.message
    workshop = sample_workshop()
    train = next(a for a in workshop.activities.values() if a.service_number == "G582")
    workshop.put(dataclasses.replace(train, start=train.start - timedelta(minutes=30),
                                     seats={}))
    found = {(p.code, p.severity) for p in check_workshop(workshop)}
    assert found == {("short-station-time", Severity.WARNING),
                     ("missing-seat", Severity.ERROR)}


def test_a_route_from_the_planner_has_no_error() -> None:
    from cistrat_tui.core.planning.planner import PlanRequest, Stop, plan_route

    mini = Mini()
    mini.activities.clear()
    mini.stays.clear()
    workshop = mini.workshop()
    workshop.programme = Programme("Planned", MON, date(2027, 3, 20))
    hotel = mini.sites["hotel-bj"].id
    parks = ("tuspark", "east-lake", "zhangjiang", "qingshan-lake", "tianhe-software-park")
    request = PlanRequest(tuple(Stop(place_by_key(key).id, 150) for key in parks), hotel,
                          hotel, MON, date(2027, 3, 19))
    plan = plan_route(workshop, request)
    for record in [*plan.new_sites, *plan.activities, *plan.stays]:
        workshop.put(record)
    problems = check_workshop(workshop)
    assert [p for p in problems if p.severity is Severity.ERROR] == []
    # What is left to do: book the trains and flights, and the hotel in Beijing.
    assert set(codes(problems)) <= {"missing-seat", "night-without-hotel"}
