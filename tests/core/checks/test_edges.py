"""The edges of the programme: a trainee who lands the day before it starts (or flies out the
day after it ends) needs a pickup and a hotel night there, and neither is "outside the
programme" when their own flight explains it."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from cistrat_tui.core.checks.runner import Severity, check_workshop
from cistrat_tui.core.planning.pickups import in_china
from cistrat_tui.core.records.activity import Stay
from cistrat_tui.core.records.model import Participants, Trainee
from cistrat_tui.core.records.people import FlightLeg
from cistrat_tui.core.sample import sample_workshop
from tests.core.checks.test_logistics import PeopleMini
from tests.core.checks.test_runner import MON, SAT, SUN, at, codes

EVE = MON - timedelta(days=1)  # Sunday 7 March, the day before the programme


def named(*trainees: Trainee) -> Participants:
    return Participants("named", trainee_ids=tuple(t.id for t in trainees))


def early_ann() -> PeopleMini:
    """Ann lands at Capital airport at 15:00 the day before; a pickup meets her, and a hotel
    night is booked for her alone."""
    mini = PeopleMini()
    ann = mini.trainees["ann"]
    mini.fly("ann", arrival=FlightLeg("ET604", mini.sites["PEK"].id, at(EVE, "15:00"), "T3"))
    end = at(EVE, "16:20") + timedelta(minutes=mini.road("PEK", "hotel-bj"))
    mini.add("pickup", "travel", "Airport pickup", EVE, "16:20", f"{end:%H:%M}", "PEK",
             "hotel-bj", participants=named(ann))
    mini.stays["eve"] = Stay(mini.sites["hotel-bj"].id, EVE, MON, participants=named(ann))
    return mini


def test_landing_the_day_before_with_a_pickup_and_a_hotel_night_is_normal() -> None:
    assert early_ann().problems() == []


def test_without_the_hotel_night_it_is_a_warning_and_not_outside_the_programme() -> None:
    mini = early_ann()
    del mini.stays["eve"]
    problems = mini.problems()
    assert [(p.code, p.severity) for p in problems] == [
        ("arrival-night-without-hotel", Severity.WARNING)]
    assert problems[0].message == ("Ann Example lands on Sun 7 Mar, before the programme "
                                   "starts, and has no hotel on the night of Sun 7 Mar.")
    assert problems[0].day == EVE and problems[0].record_ids == (mini.trainees["ann"].id,)


def test_landing_two_days_before_needs_both_nights() -> None:
    mini = early_ann()
    two_before = EVE - timedelta(days=1)
    mini.fly("ann", arrival=FlightLeg("ET604", mini.sites["PEK"].id, at(two_before, "15:00")))
    mini.times("pickup", two_before, "16:20", "17:40")
    problems = mini.problems()
    assert codes(problems) == ["arrival-night-without-hotel"]
    assert problems[0].message.endswith("night of Sat 6 Mar.")


def test_a_pickup_before_the_programme_that_meets_no_flight_is_outside_it() -> None:
    mini = early_ann()
    mini.fly("ann", arrival=None)
    problems = mini.problems()
    assert [(p.code, p.severity) for p in problems] == [
        ("outside-programme", Severity.ERROR), ("outside-programme", Severity.WARNING)]
    assert problems[0].record_ids == (mini.activities["pickup"].id,)
    assert problems[1].record_ids == (mini.stays["eve"].id,)  # the stay: nobody has landed


def test_a_night_before_booked_for_people_not_yet_landed_names_them() -> None:
    mini = early_ann()
    mini.stays["eve"] = dataclasses.replace(mini.stays["eve"], participants=Participants())
    problems = mini.problems()
    assert codes(problems) == ["outside-programme"]
    assert problems[0].severity is Severity.WARNING
    assert ("Ben Example and Chen Example are not in China on the night of Sun 7 Mar by "
            "their flights") in problems[0].message
    ben, chen = mini.trainees["ben"].id, mini.trainees["chen"].id
    assert problems[0].record_ids == (mini.stays["eve"].id, ben, chen)


def test_flying_out_the_day_after_needs_a_drop_off_and_that_night() -> None:
    mini = PeopleMini()
    ann = mini.trainees["ann"]
    mini.fly("ann", departure=FlightLeg("MU5101", mini.sites["SHA"].id, at(SUN, "15:00")))
    road = mini.road("hotel-sh", "SHA")
    start = at(SUN, "11:00") - timedelta(minutes=road)
    mini.add("drop-off", "travel", "Airport drop-off", SUN, f"{start:%H:%M}", "11:00",
             "hotel-sh", "SHA", participants=named(ann))
    problems = mini.problems()
    assert codes(problems) == ["departure-night-without-hotel"]
    assert problems[0].message == ("Ann Example flies out on Sun 14 Mar, after the programme "
                                   "ends, and has no hotel on the night of Sat 13 Mar.")
    mini.stays["late"] = Stay(mini.sites["hotel-sh"].id, SAT, SUN, participants=named(ann))
    assert mini.problems() == []


def test_in_china_follows_the_own_flights() -> None:
    mini = early_ann()
    ann = mini.trainees["ann"]
    assert not in_china(ann, EVE - timedelta(days=1), MON, SAT)
    assert in_china(ann, EVE, MON, SAT)
    leaving = dataclasses.replace(ann, departure=FlightLeg("MU5101", mini.sites["SHA"].id,
                                                          at(SAT, "09:00")))
    assert in_china(leaving, SAT - timedelta(days=1), MON, SAT)
    assert not in_china(leaving, SAT, MON, SAT)
    ben = mini.trainees["ben"]  # no flight recorded: there for the programme's nights only
    assert in_china(ben, date(2027, 3, 10), MON, SAT)
    assert not in_china(ben, EVE, MON, SAT) and not in_china(ben, SAT, MON, SAT)


def test_a_flight_far_from_the_programme_asks_for_no_hotel_nights() -> None:
    mini = early_ann()
    del mini.stays["eve"]
    weeks_before = MON - timedelta(days=4)
    mini.fly("ann", arrival=FlightLeg("ET604", mini.sites["PEK"].id, at(weeks_before, "15:00")))
    mini.times("pickup", weeks_before, "16:20", "17:40")
    assert "arrival-night-without-hotel" not in codes(mini.problems())
    three_before = MON - timedelta(days=3)
    mini.fly("ann", arrival=FlightLeg("ET604", mini.sites["PEK"].id, at(three_before, "15:00")))
    mini.times("pickup", three_before, "16:20", "17:40")
    problems = [p for p in mini.problems() if p.code == "arrival-night-without-hotel"]
    assert len(problems) == 1
    assert problems[0].message.endswith("night of Fri 5 Mar, Sat 6 Mar, Sun 7 Mar.")


def test_a_late_arrival_named_in_the_first_dinner_is_told() -> None:
    workshop = sample_workshop()
    assert check_workshop(workshop) == []
    dinner = next(a for a in workshop.activities.values()
                  if a.title == "Informal dinner at the hotel")
    workshop.put(dataclasses.replace(dinner, participants=Participants()))  # everyone again
    problems = [p for p in check_workshop(workshop) if p.code == "activity-before-arrival"]
    sokha = next(t for t in workshop.trainees.values() if t.name == "Sokha Chan")
    assert [(p.severity, p.record_ids) for p in problems] == [
        (Severity.WARNING, (dinner.id, sokha.id))]
    assert problems[0].message.startswith(
        "Sokha Chan lands at 22:40 on Sun 7 Mar (CZ324) but is among the participants of "
        "'Informal dinner at the hotel' (18:30-20:00), before they can be out of the airport")


def test_an_early_departure_named_in_later_activities_is_told() -> None:
    mini = PeopleMini()
    mini.fly("ann", departure=FlightLeg("MU5101", mini.sites["PEK"].id, at(MON, "15:00")))
    problems = [p for p in mini.problems() if p.code == "activity-after-departure"]
    assert len(problems) == 1
    assert problems[0].message.startswith(
        "Ann Example flies out at 15:00 on Mon 8 Mar (MU5101) but is among the participants "
        "of 'Lunch at the canteen' (12:00-13:00) and 6 more, after they must be at the airport")
    assert problems[0].record_ids == (mini.id("lunch"), mini.trainees["ann"].id)
    far = FlightLeg("MU5101", mini.sites["PEK"].id, at(MON, "15:00") - timedelta(days=60))
    mini.fly("ann", departure=far)  # a flight left over from last year: not this programme's
    assert "activity-after-departure" not in codes(mini.problems())
