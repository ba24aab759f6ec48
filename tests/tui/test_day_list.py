"""The schedule's rows: the programme's days, and the days around it that have activities."""

from __future__ import annotations

from datetime import date, timedelta

from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.tui.day_list import day_name, day_rows, parse_day


def test_the_day_before_with_the_early_pickups_is_a_row_of_the_schedule_only() -> None:
    workshop = sample_workshop()
    programme = workshop.programme
    assert [r.day for r in day_rows(workshop)] == programme.days()  # the overview's strip
    around = day_rows(workshop, around=True)
    assert [r.day for r in around] == [date(2027, 3, 6), *programme.days()]
    assert around[0].city == "Beijing"


def test_a_day_is_named_from_the_programme_s_first_day() -> None:
    programme = sample_workshop().programme
    assert day_name(programme, date(2027, 3, 7)) == "Day 1 of 21"
    assert day_name(programme, date(2027, 3, 27)) == "Day 21 of 21"
    assert day_name(programme, date(2027, 3, 6)) == "Before the programme"
    assert day_name(programme, date(2027, 3, 28)) == "After the programme"


def test_parse_day() -> None:
    days = [date(2027, 3, 7) + timedelta(days=n) for n in range(21)]
    assert parse_day("1", days) == date(2027, 3, 7)
    assert parse_day(" 2027-03-27 ", days) == date(2027, 3, 27)
    assert parse_day("22", days) is None
    assert parse_day("2027-03-28", days) is None
    assert parse_day("soon", days) is None
    eve = date(2027, 3, 6)  # a day before the programme (arrivals) has a date, no number
    around = [eve, *days]
    assert parse_day("1", around, days[0]) == date(2027, 3, 7)
    assert parse_day("21", around, days[0]) == date(2027, 3, 27)
    assert parse_day("0", around, days[0]) is None
    assert parse_day("2027-03-06", around, days[0]) == eve
