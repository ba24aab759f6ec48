"""Reminder rules: which events get one, how early, moved out of other events, a daily cap."""

from __future__ import annotations

from datetime import datetime, timedelta

from cistrat_tui.core.records.model import TravelMode
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.exports.ics_alarms import MAX_PER_DAY, Alarms, Slot, plan_reminders


def at(hour: int, minute: int = 0, day: int = 8) -> datetime:
    return datetime(2027, 3, day, hour, minute, tzinfo=SHANGHAI)


def slot(uid: str, start: datetime, minutes: int, **facts: object) -> Slot:
    return Slot(uid, start, start + timedelta(minutes=minutes), **facts)  # type: ignore[arg-type]


def plan(*slots: Slot, alarms: Alarms | None = None) -> dict[str, timedelta]:
    return plan_reminders(slots, alarms or Alarms(), SHANGHAI)


def test_only_the_first_event_of_a_day_departures_and_city_changes_get_one() -> None:
    found = plan(slot("lecture", at(9), 90), slot("lunch", at(12), 60),
                 slot("coach", at(14), 30, departure=True),
                 slot("train", at(16), 240, mode=TravelMode.HIGH_SPEED_RAIL, departure=True,
                      city_change=True),
                 slot("dinner", at(20, 30), 90))
    assert found == {"lecture": timedelta(minutes=30), "coach": timedelta(minutes=30),
                     "train": timedelta(minutes=90)}


def test_a_reminder_that_would_fire_inside_another_event_moves_into_the_gap_before_it() -> None:
    # 3 h before the 13:00 flight is 10:00, inside the lecture (09:00-11:00): it goes off
    # five minutes before the lecture instead.
    found = plan(slot("lecture", at(9), 120),
                 slot("flight", at(13), 120, mode=TravelMode.FLIGHT, departure=True,
                      city_change=True))
    assert found["flight"] == at(13) - (at(9) - timedelta(minutes=5))
    fire = at(13) - found["flight"]
    assert not (at(9) <= fire < at(11))


def test_no_reminder_when_no_gap_is_near_enough() -> None:
    found = plan(slot("long meeting", at(5), 7 * 60),
                 slot("train", at(12), 60, mode=TravelMode.HIGH_SPEED_RAIL, departure=True))
    assert "train" not in found  # 10:30 is inside a meeting that began at 05:00


def test_none_on_free_time_or_cancelled_and_free_time_blocks_nothing() -> None:
    found = plan(slot("free", at(13), 240, free=True),
                 slot("flight", at(19), 120, mode=TravelMode.FLIGHT, departure=True),
                 slot("cancelled", at(9), 60, cancelled=True, departure=True))
    assert found == {"flight": timedelta(hours=3)}


def test_at_most_a_few_a_day_departures_first_and_never_two_at_once() -> None:
    legs = [slot(f"leg{n}", at(8 + n), 30, departure=True) for n in range(MAX_PER_DAY + 2)]
    found = plan(slot("breakfast talk", at(7, 10), 20), *legs)
    assert len(found) == MAX_PER_DAY and "breakfast talk" not in found
    close = plan(slot("a", at(9), 10, departure=True), slot("b", at(9, 10), 10, departure=True))
    assert list(close) == ["a"]


def test_leads_by_mode_and_disabled() -> None:
    alarms = Alarms(lead_minutes=20, station_buffer_minutes=40, airport_buffer_minutes=100)
    assert alarms.lead(TravelMode.FLIGHT) == timedelta(minutes=120)
    assert alarms.lead(TravelMode.HIGH_SPEED_RAIL) == timedelta(minutes=60)
    assert alarms.lead(TravelMode.COACH) == timedelta(minutes=20)
    assert plan(slot("x", at(9), 60), alarms=Alarms(enabled=False)) == {}


def test_on_the_sample_no_reminder_goes_off_inside_another_event_or_on_free_time() -> None:
    from icalendar import Calendar

    from cistrat_tui.core.sample import sample_workshop
    from cistrat_tui.exports.ics import build_calendars

    for file in build_calendars(sample_workshop()):
        calendar = Calendar.from_ical(file.to_bytes())
        spans, fires = [], []
        for event in calendar.walk("VEVENT"):
            start = event.decoded("DTSTART")
            if not isinstance(start, datetime):
                assert not event.walk("VALARM")  # all-day stays: none
                continue
            free = str(event["CATEGORIES"].cats[0]) == "Free time"
            if not free and str(event["STATUS"]) != "CANCELLED":
                spans.append((start, event.decoded("DTEND"), str(event["UID"])))
            for alarm in event.walk("VALARM"):
                assert not free
                fires.append((start + alarm.decoded("TRIGGER"), str(event["UID"])))
        assert fires
        for fire, uid in fires:
            inside = [u for s, e, u in spans if u != uid and s <= fire < e]
            assert not inside, (file.stem, uid, fire)
        per_day: dict[object, int] = {}
        for fire, _uid in fires:
            day = fire.astimezone(SHANGHAI).date()
            per_day[day] = per_day.get(day, 0) + 1
        assert max(per_day.values()) <= MAX_PER_DAY, file.stem
