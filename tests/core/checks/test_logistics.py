"""The people-side checks, each raised by the minimal programme with one thing broken."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import Any

from cistrat_tui.core.checks.runner import Problem, Severity, check_workshop
from cistrat_tui.core.planning.travel import TravelModel
from cistrat_tui.core.records.model import Programme
from cistrat_tui.core.records.people import FlightLeg, Resource, Room
from cistrat_tui.core.records.workshop import Workshop
from tests.core.checks.test_runner import MON, SAT, Mini, at, codes, only


class PeopleMini(Mini):
    """The minimal programme with resources too (put before the activities that book them)."""

    def __init__(self) -> None:
        super().__init__()
        self.resources: dict[str, Resource] = {}

    def workshop(self) -> Workshop:
        workshop = Workshop(Programme("Mini workshop", MON, SAT))
        for record in [*self.sites.values(), *self.resources.values(),
                       *self.trainees.values(), *self.activities.values(),
                       *self.stays.values()]:
            workshop.put(record)
        return workshop

    def problems(self, **options: Any) -> list[Problem]:
        return check_workshop(self.workshop(), **options)

    def fly(self, who: str, **changes: Any) -> None:
        self.trainees[who] = dataclasses.replace(self.trainees[who], **changes)

    def road(self, a: str, b: str) -> int:
        return TravelModel.default().estimate(self.sites[a], self.sites[b]).minutes


def one(mini: PeopleMini, code: str, severity: Severity) -> Problem:
    problems = mini.problems()
    assert codes(problems) == [code], problems
    assert problems[0].severity is severity
    return problems[0]


def arriving_mini(leave: str) -> PeopleMini:
    """Ann lands at Capital airport at 05:00 on Monday; a coach leaves at ``leave``."""
    mini = PeopleMini()
    mini.fly("ann", arrival=FlightLeg("ET604", mini.sites["PEK"].id, at(MON, "05:00"), "T3"))
    start = at(MON, leave)
    end = start + timedelta(minutes=mini.road("PEK", "hotel-bj"))
    mini.add("pickup", "travel", "Airport pickup", MON, leave, f"{end:%H:%M}", "PEK",
             "hotel-bj", participants={"audience": "named", "group": "",
                                       "trainee_ids": [mini.trainees["ann"].id]})
    return mini


def test_an_arrival_needs_a_pickup_from_that_airport() -> None:
    mini = arriving_mini("06:20")
    assert mini.problems() == []
    del mini.activities["pickup"]
    problem = one(mini, "arrival-without-pickup", Severity.WARNING)
    assert "Ann Example lands at Beijing Capital International Airport" in problem.message
    assert "05:00 (ET604)" in problem.message
    assert problem.record_ids == (mini.trainees["ann"].id,)


def test_a_pickup_for_someone_else_does_not_count() -> None:
    mini = arriving_mini("06:20")
    mini.change("pickup", participants={"audience": "named", "group": "",
                                        "trainee_ids": [mini.trainees["ben"].id]})
    assert "arrival-without-pickup" in codes(mini.problems())


def test_a_pickup_before_immigration_and_baggage_is_an_error() -> None:
    mini = arriving_mini("06:00")  # landing 05:00 + 75 min = 06:15
    problem = one(mini, "pickup-before-landing", Severity.ERROR)
    assert "lands at 05:00, plus 75 min for immigration and baggage is 06:15" in \
        problem.message
    assert problem.record_ids == (mini.id("pickup"), mini.trainees["ann"].id)


def departing_mini(arrive_by: str) -> PeopleMini:
    """Ben flies out of Hongqiao at 15:00 on Saturday; the drop-off arrives at ``arrive_by``."""
    mini = PeopleMini()
    mini.fly("ben", departure=FlightLeg("QR871", mini.sites["SHA"].id, at(SAT, "15:00")))
    end = at(SAT, arrive_by)
    start = end - timedelta(minutes=mini.road("hotel-sh", "SHA"))
    mini.add("dropoff", "travel", "Airport drop-off", SAT, f"{start:%H:%M}", arrive_by,
             "hotel-sh", "SHA", participants={"audience": "named", "group": "",
                                              "trainee_ids": [mini.trainees["ben"].id]})
    return mini


def test_a_drop_off_must_arrive_three_hours_before_an_international_flight() -> None:
    assert departing_mini("12:00").problems() == []
    problem = one(departing_mini("12:05"), "drop-off-too-late", Severity.ERROR)
    assert "reaches Shanghai Hongqiao International Airport at 12:05, later than 12:00" in \
        problem.message


def test_a_departure_without_a_drop_off_is_a_warning() -> None:
    mini = departing_mini("12:00")
    del mini.activities["dropoff"]
    assert one(mini, "departure-without-drop-off", Severity.WARNING).day == SAT


def roomed_mini() -> PeopleMini:
    mini = PeopleMini()
    mini.fly("ann", gender="female")
    mini.fly("ben", gender="female")
    mini.fly("chen", gender="male")
    ann, ben, chen = (mini.trainees[k].id for k in ("ann", "ben", "chen"))
    mini.stays["bj"] = dataclasses.replace(mini.stays["bj"], rooms=(
        Room("twin", (ann, ben), "801"), Room("single", (chen,), "802")))
    return mini


def test_rooms_everyone_has_one_within_its_beds() -> None:
    mini = roomed_mini()
    assert mini.problems() == []
    ann, ben, chen = (mini.trainees[k].id for k in ("ann", "ben", "chen"))
    mini.stays["bj"] = dataclasses.replace(mini.stays["bj"], rooms=(Room("twin", (ann, ben)),))
    problem = one(mini, "room-missing", Severity.ERROR)
    assert "Chen Example stays at Beijing Test Hotel from Mon 8 Mar but has no room" in \
        problem.message
    mini.stays["bj"] = dataclasses.replace(mini.stays["bj"], rooms=(Room("single", (ann,)),))
    problem = one(mini, "room-missing", Severity.ERROR)  # one problem for the stay
    assert "Ben Example and Chen Example stay at Beijing Test Hotel" in problem.message
    assert problem.record_ids == (mini.stays["bj"].id, ben, chen)
    mini.stays["bj"] = dataclasses.replace(mini.stays["bj"],
                                           rooms=(Room("twin", (ann, ben, chen), "801"),))
    problems = mini.problems()
    assert codes(problems) == ["room-over-capacity", "room-mixed-gender"]
    assert "twin room 801 at Beijing Test Hotel sleeps 2 but holds 3" in \
        only(problems, "room-over-capacity")[0].message


def test_a_shared_room_of_different_gender_unless_agreed() -> None:
    mini = roomed_mini()
    mini.fly("ben", gender="male")
    assert "Ann Example and Ben Example" in one(mini, "room-mixed-gender",
                                                Severity.WARNING).message
    stay = mini.stays["bj"]
    mini.stays["bj"] = dataclasses.replace(stay, rooms=(
        dataclasses.replace(stay.rooms[0], agreed_mixed=True), stay.rooms[1]))
    assert mini.problems() == []


def test_a_room_for_someone_not_in_the_stay() -> None:
    mini = roomed_mini()
    ann, ben = mini.trainees["ann"].id, mini.trainees["ben"].id
    mini.stays["bj"] = dataclasses.replace(
        mini.stays["bj"], participants={"audience": "named", "group": "",
                                        "trainee_ids": [ann, ben]})
    problems = mini.problems()
    assert "room-occupant-not-staying" in codes(problems)


def test_a_vehicle_seats_the_trainees_and_the_staff() -> None:
    mini = PeopleMini()
    car = Resource("vehicle", "Van 1", company="Jinglong", plate="京A·12345", seats=4)
    interpreter = Resource("interpreter", "Zhao Min")
    mini.resources = {"car": car, "interpreter": interpreter}
    mini.change("coach1", resource_ids=(car.id,))
    assert mini.problems() == []  # 3 trainees and the coordinator
    mini.change("coach1", resource_ids=(car.id, interpreter.id))
    problem = one(mini, "vehicle-too-small", Severity.ERROR)
    assert "has 4 seats (Van 1) for 5 people (3 trainees and 2 staff)" in problem.message


def test_a_vehicle_or_person_booked_twice_at_once() -> None:
    mini = PeopleMini()
    interpreter = Resource("interpreter", "Zhao Min")
    mini.resources = {"interpreter": interpreter}
    mini.change("talk1", resource_ids=(interpreter.id,))
    mini.change("lunch", resource_ids=(interpreter.id,))  # 12:00, right after: fine
    assert mini.problems() == []
    mini.add("other", "lecture", "Parallel session", MON, "11:00", "12:00", "casted",
             participants={"audience": "group", "group": "B", "trainee_ids": []},
             resource_ids=(interpreter.id,))
    problems = only(mini.problems(), "resource-double-booked")
    assert len(problems) == 1
    assert "Interpreter: Zhao Min is booked for 'Opening lecture' (09:00-12:00) and " \
           "'Parallel session' (11:00-12:00) at once" in problems[0].message


def test_the_new_rules_leave_a_clean_day_alone() -> None:
    assert date(2027, 3, 8) == MON and PeopleMini().problems() == []
