"""Each problem code, raised by the minimal programme with one thing broken (the unbroken
programme, checked clean in ``test_checks.py``, is the corrected version of each)."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from cistrat_tui.core.checks.runner import Severity
from cistrat_tui.core.planning.travel import TravelModel
from cistrat_tui.core.records.activity import Stay
from cistrat_tui.core.records.model import Participants, Site
from cistrat_tui.core.reference.calendar import Closure, WorkingCalendar
from cistrat_tui.core.reference.places import place_by_key
from tests.core.checks.test_runner import MON, SAT, SUN, TUE, Mini, at, codes, only


def one(mini: Mini, code: str, severity: Severity = Severity.ERROR) -> str:
    """The message of the only problem, which has ``code`` and ``severity``."""
    problems = mini.problems()
    assert codes(problems) == [code], problems
    assert problems[0].severity is severity
    return problems[0].message


def date_after(day: date) -> date:
    return day + timedelta(days=1)


# --- timeline ---------------------------------------------------------------------------


def test_overlap_is_reported_once_per_pair() -> None:
    mini = Mini()
    mini.times("lunch", MON, "11:30", "13:00")
    message = one(mini, "overlap")
    assert "'Lunch at the canteen' (11:30-13:00) overlaps 'Opening lecture'" in message
    assert "everyone" in message
    mini.times("lunch", MON, "12:00", "13:00")  # touching is fine
    assert mini.problems() == []


def test_cancelled_activities_are_ignored() -> None:
    mini = Mini()
    mini.change("lunch", start=at(MON, "11:30"), status="cancelled", revision=1)
    assert mini.problems() == []


def test_not_enough_time_between_two_places() -> None:
    mini = Mini()
    needed = TravelModel.default().estimate(mini.sites["casted"], mini.sites["tuspark"]).minutes
    mini.change("talk2", site_id=mini.sites["tuspark"].id)
    start = at(MON, "13:00") + timedelta(minutes=needed // 2)  # lunch ends 13:00
    mini.change("talk2", start=start)
    problems = mini.problems()
    [tight] = only(problems, "travel-too-short")
    assert tight.record_ids == (mini.id("talk2"), mini.id("lunch"))
    # Back to CASTED for the coach at 17:00: 30 minutes, within the tolerance.
    [back] = only(problems, "travel-tight")
    assert back.record_ids == (mini.id("coach2"), mini.id("talk2"))
    assert "from Chinese Academy of Science and Technology for Development (CASTED) to " \
           f"TusPark (Tsinghua University Science Park) for everyone: {needed // 2} min" \
        in tight.message
    # Within the tolerance: a warning.
    mini.change("talk2", start=at(MON, "13:00") + timedelta(minutes=needed - 2))
    mini.change("coach2", start=at(MON, "16:30") + timedelta(minutes=needed),
                end=at(MON, "17:30") + timedelta(minutes=needed))
    assert codes(mini.problems()) == ["missing-transfer", "travel-tight"]
    # With the full estimate there is time, but no coach to TusPark and back.
    mini.change("talk2", start=at(MON, "13:00") + timedelta(minutes=needed))
    problems = mini.problems()
    assert codes(problems) == ["missing-transfer"] * 2
    assert "'Afternoon lecture' (13:" in problems[0].message
    assert "is at TusPark (Tsinghua University Science Park), but for everyone the activity " \
           "before it, 'Lunch at the canteen' (12:00-13:00), ends at Chinese Academy" \
        in problems[0].message
    arrive = f"{at(MON, '13:00') + timedelta(minutes=needed):%H:%M}"
    back = f"{at(MON, '16:30') + timedelta(minutes=needed):%H:%M}"
    mini.add("to-park", "travel", "Coach to TusPark", MON, "13:00", arrive, "casted", "tuspark")
    mini.add("back", "travel", "Coach to CASTED", MON, "16:30", back, "tuspark", "casted")
    assert mini.problems() == []


def test_activity_without_a_site_keeps_the_trainee_where_they_were() -> None:
    mini = Mini()
    mini.add("free", "free_time", "Free hour", MON, "16:30", "17:00", "casted")
    assert mini.problems() == []
    mini.change("free", site_id=None)
    assert mini.problems() == []
    mini.change("coach2", from_site_id=mini.sites["tuspark"].id)  # they are still at CASTED
    assert "travel-too-short" in codes(mini.problems())


def test_a_leg_shorter_than_the_journey() -> None:
    mini = Mini()
    mini.times("coach3", TUE, "07:00", "07:05")
    message = one(mini, "travel-too-short")
    assert "'Coach to Beijing South' (07:00-07:05) takes 5 min" in message
    mini.times("coach3", TUE, "07:00", "08:15")
    mini.times("train", TUE, "09:00", "10:00")
    assert "the fastest scheduled service takes 4 h 18 min" in one(mini, "travel-too-short")
    mini.sites["suzhou"] = place_by_key("suzhou-station")  # not the table's Suzhou station
    mini.change("train", to_site_id=mini.sites["suzhou"].id)
    mini.change("coach4", from_site_id=mini.sites["suzhou"].id)
    problems = mini.problems()
    assert "travel-too-short" in codes(problems)
    message = only(problems, "travel-too-short")[0].message
    assert "km take at least" in message and "350 km/h" in message
    mini = Mini()
    mini.times("train", TUE, "09:00", "13:00")  # faster than the table's 258 minutes
    assert "fastest scheduled service takes 4 h 18 min" in one(mini, "travel-tight",
                                                              Severity.WARNING)


def test_chained_legs_need_no_travel_time_between_them() -> None:
    mini = Mini()
    mini.times("coach4", TUE, "13:30", "15:00")  # leaves Hongqiao the minute the train arrives
    assert mini.problems() == []


def test_too_little_time_at_the_station() -> None:
    mini = Mini()
    mini.times("coach3", TUE, "07:45", "08:40")
    message = one(mini, "short-station-time", Severity.WARNING)
    assert "Only 20 min at Beijing South Railway Station before the train" in message
    mini.times("coach3", TUE, "07:00", "08:15")  # 45 minutes: fine
    assert mini.problems() == []


# --- seats ------------------------------------------------------------------------------


def test_a_trainee_without_a_seat() -> None:
    mini = Mini()
    ben = mini.trainees["ben"]
    seats = {t: s for t, s in mini.activities["train"].seats.items() if t != ben.id}
    mini.change("train", seats=seats)
    problems = mini.problems()
    assert codes(problems) == ["missing-seat"]
    assert problems[0].record_ids == (mini.id("train"), ben.id)
    assert "Ben Example" in problems[0].message
    mini.change("train", seats={}, status="planned")  # not booked yet: a warning
    assert "not booked yet" in one(mini, "missing-seat", Severity.WARNING)
    mini.change("train", status="confirmed")
    assert "everyone" in one(mini, "missing-seat")


def test_a_seat_sold_twice_or_held_on_two_legs_at_once() -> None:
    mini = Mini()
    ann, ben, _chen = mini.trainees.values()
    seats = dict(mini.activities["train"].seats)
    seats[ben.id] = "car 1,  seat 1a"
    mini.change("train", seats=seats)
    problems = mini.problems()
    assert codes(problems) == ["double-booked-seat"]
    assert problems[0].record_ids == (mini.id("train"), ann.id, ben.id)
    mini = Mini()
    chen = mini.trainees["chen"]
    mini.add("train2", "travel", "Train G3 to Shanghai", TUE, "09:30", "14:00",
             "beijing-south", "shanghai-hongqiao", mode="high_speed_rail",
             seats={chen.id: "Car 2, Seat 1A"},
             participants=Participants("named", trainee_ids=(chen.id,)))
    seated = only(mini.problems(), "double-booked-seat")
    assert len(seated) == 1 and "Chen Example" in seated[0].message


def test_a_seat_for_someone_not_on_the_leg() -> None:
    mini = Mini()
    mini.change("train", participants=Participants("group", "A"))
    problems = mini.problems()
    assert "seat-for-non-participant" in codes(problems)
    assert "Chen Example" in only(problems, "seat-for-non-participant")[0].message


# --- nights -----------------------------------------------------------------------------


def test_a_night_without_a_hotel() -> None:
    mini = Mini()
    mini.stays.pop("bj")
    message = one(mini, "night-without-hotel", Severity.WARNING)  # in the base city
    assert "No hotel for everyone on the night of Mon 8 Mar in Beijing" in message
    mini = Mini()
    mini.stays["sh"] = dataclasses.replace(mini.stays["sh"], check_out=date_after(TUE))
    problems = mini.problems()
    assert codes(problems) == ["night-without-hotel"] * 3  # 10, 11 and 12 March
    assert {p.severity for p in problems} == {Severity.ERROR}
    assert problems[0].record_ids == (mini.id("checkin"),)
    assert "in Shanghai (after 'Hotel check-in')" in problems[0].message


def test_a_hotel_in_another_city() -> None:
    mini = Mini()
    mini.stays["sh"] = dataclasses.replace(mini.stays["sh"],
                                           hotel_id=mini.sites["hotel-bj"].id)
    problems = mini.problems()
    assert codes(problems) == ["hotel-in-wrong-city"] * 4
    assert problems[0].record_ids == (mini.stays["sh"].id, mini.id("checkin"))
    assert "is booked for everyone on the night of Tue 9 Mar, but they sleep in Shanghai" \
        in problems[0].message


def test_two_hotels_on_one_night() -> None:
    mini = Mini()
    chen = mini.trainees["chen"]
    mini.stays["extra"] = Stay(mini.sites["hotel-sh"].id, TUE, date_after(TUE),
                               participants=Participants("named", trainee_ids=(chen.id,)))
    message = one(mini, "double-booked-hotel", Severity.WARNING)
    assert "Chen Example" in message and "Shanghai Test Hotel" in message


def test_the_city_carries_over_days_without_activities_and_groups_split() -> None:
    mini = Mini()
    chen = mini.trainees["chen"]
    only_a = Participants("group", "A")
    for key in ("coach3", "train", "coach4", "checkin"):
        mini.change(key, participants=only_a)
    seats = {t: s for t, s in mini.activities["train"].seats.items() if t != chen.id}
    mini.change("train", seats=seats)
    problems = mini.problems()  # Chen stays in Beijing with a Shanghai hotel
    assert codes(problems) == ["hotel-in-wrong-city"] * 4
    assert all("Chen Example" in p.message and "Ben" not in p.message for p in problems)
    mini.stays["sh"] = dataclasses.replace(mini.stays["sh"], participants=only_a)
    mini.stays["chen"] = Stay(mini.sites["hotel-bj"].id, TUE, SAT,
                              participants=Participants("group", "B"))
    assert mini.problems() == []


# --- places and dates -------------------------------------------------------------------


def test_outside_opening_hours() -> None:
    mini = Mini()
    mini.times("talk2", MON, "13:30", "18:00")
    mini.times("coach2", MON, "18:00", "18:30")
    message = one(mini, "outside-opening-hours")
    assert "is open 08:30-17:30 on Mondays" in message
    mini.times("lunch", MON, "07:00", "08:00")  # a meal outside the hours: a warning
    mini.times("talk2", MON, "13:30", "16:30")
    mini.times("coach1", MON, "06:15", "06:45")
    assert codes(mini.problems()) == ["outside-opening-hours"]
    assert mini.problems()[0].severity is Severity.WARNING


def test_lecture_on_a_saturday_and_meals_and_outings_on_weekends() -> None:
    mini = Mini()
    mini.sites["zhangjiang"] = place_by_key("zhangjiang")
    mini.add("out", "travel", "Coach to Zhangjiang", SAT, "08:30", "09:00", "hotel-sh",
             "zhangjiang")
    mini.add("visit", "visit", "Zhangjiang visit", SAT, "09:00", "11:00", "zhangjiang")
    mini.add("back", "travel", "Coach back", SAT, "11:00", "11:30", "zhangjiang", "hotel-sh")
    problems = mini.problems()  # (not also "outside opening hours": one problem, one cause)
    assert [(p.code, p.day) for p in problems] == [("non-working-day", SAT)]
    assert problems[0].message.endswith("not a working day: Saturday.")
    mini = Mini()
    mini.add("dinner", "meal", "Dinner at the hotel", SAT, "18:00", "19:00", "hotel-sh")
    mini.add("walk", "free_time", "Walk on the Bund", SAT, "09:00", "12:00", "hotel-sh")
    assert mini.problems() == []
    mini.add("canteen", "meal", "Canteen lunch", SAT, "12:00", "13:00", "casted",
             participants=Participants("group", "B"))
    assert "non-working-day" in codes(only(mini.problems(), "non-working-day"))


def test_a_closure_of_the_coordinator_gives_its_reason() -> None:
    mini = Mini()
    casted = mini.sites["casted"]
    calendar = WorkingCalendar.default().with_closures([Closure(MON, "Institute audit",
                                                                casted.id)])
    problems = mini.problems(calendar=calendar)
    assert codes(problems) == ["non-working-day"] * 3  # two lectures (errors), lunch
    assert all("Institute audit" in p.message for p in problems)
    assert [p.severity for p in problems] == [Severity.ERROR] * 2 + [Severity.WARNING]


def test_outside_the_programme() -> None:
    mini = Mini()
    mini.add("late", "free_time", "Farewell walk", SUN, "09:00", "10:00", "hotel-sh")
    mini.stays["sh"] = dataclasses.replace(mini.stays["sh"], check_out=SUN)
    problems = mini.problems()
    assert [(p.code, p.severity) for p in problems] == [
        ("outside-programme", Severity.WARNING), ("outside-programme", Severity.ERROR)]
    assert "Sat 13 Mar" in problems[0].message


def test_a_site_without_coordinates() -> None:
    mini = Mini()
    park = Site("venue", "Olympic Park", "Beijing")
    mini.sites["park"] = park
    mini.add("walk", "free_time", "Olympic Park walk", MON, "18:00", "19:00", "park")
    problems = mini.problems()
    assert codes(problems) == ["site-without-coordinates"]
    assert problems[0].day is None and problems[0].record_ids == (park.id, mini.id("walk"))
    assert problems[0].severity is Severity.WARNING


def test_trains_between_stations_and_flights_between_airports() -> None:
    mini = Mini()
    mini.change("coach4", mode="high_speed_rail")
    problems = only(mini.problems(), "train-not-at-station")
    assert len(problems) == 1 and "Shanghai Test Hotel (hotel) is not a railway station" \
        in problems[0].message
    mini = Mini()
    mini.change("train", mode="flight")
    problems = only(mini.problems(), "flight-not-at-airport")
    assert len(problems) == 1 and "is not an airport" in problems[0].message


def test_an_activity_nobody_takes_part_in() -> None:
    mini = Mini()
    mini.add("group-c", "lecture", "Group C seminar", MON, "13:30", "16:30", "casted",
             participants=Participants("group", "C"))
    assert "no trainee is in group C" in one(mini, "no-participants", Severity.WARNING)


def test_a_flight_is_too_short_exactly_below_its_physical_lower_bound() -> None:
    """The flight's floor: the distance at 900 km/h plus 20 minutes of taxiing."""
    import math

    from cistrat_tui.core.checks.times import FLIGHT_TAXI_MINUTES, FLIGHT_TOP_KMH
    from cistrat_tui.core.planning.travel import distance_km

    mini = Mini()
    km = distance_km(mini.sites["PEK"], mini.sites["SHA"])
    least = math.floor(km / FLIGHT_TOP_KMH * 60 + FLIGHT_TAXI_MINUTES)
    assert 80 < least < 120  # about 1,080 km

    def verdict(minutes: int) -> list[str]:
        start = at(TUE, "09:00")
        mini.change("train", mode="flight", service_number="CA1501",
                    from_site_id=mini.sites["PEK"].id, to_site_id=mini.sites["SHA"].id,
                    start=start, end=start + timedelta(minutes=minutes))
        return [p.code for p in mini.problems() if p.record_ids == (mini.id("train"),)
                and p.code in ("travel-too-short", "travel-tight")]

    assert verdict(least - 1) == ["travel-too-short"]
    assert verdict(least) in ([], ["travel-tight"])
    assert "travel-too-short" not in verdict(least)
