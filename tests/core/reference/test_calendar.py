"""Working days: the 2026 State Council notice date by date, 2027 statutory dates, closures."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.reference.calendar import (
    NOTICE,
    STATUTORY,
    Closure,
    HolidayDate,
    WorkingCalendar,
    read_holiday_files,
)
from cistrat_tui.core.reference.places import place_id

# The 2026 notice (State Council General Office, 2025-11-04), typed in here independently of the
# data file: (first day off, last day off, holiday, make-up working days).
NOTICE_2026 = [
    (date(2026, 1, 1), date(2026, 1, 3), "New Year", [date(2026, 1, 4)]),
    (date(2026, 2, 15), date(2026, 2, 23), "Spring Festival",
     [date(2026, 2, 14), date(2026, 2, 28)]),
    (date(2026, 4, 4), date(2026, 4, 6), "Qingming", []),
    (date(2026, 5, 1), date(2026, 5, 5), "Labour Day", [date(2026, 5, 9)]),
    (date(2026, 6, 19), date(2026, 6, 21), "Dragon Boat Festival", []),
    (date(2026, 9, 25), date(2026, 9, 27), "Mid-Autumn Festival", []),
    (date(2026, 10, 1), date(2026, 10, 7), "National Day",
     [date(2026, 9, 20), date(2026, 10, 10)]),
]
DAYS_OFF_2026 = {first + timedelta(days=n): name for first, last, name, _ in NOTICE_2026
                 for n in range((last - first).days + 1)}
MAKE_UP_2026 = {day: name for _, _, name, days in NOTICE_2026 for day in days}
STATUTORY_2027 = [date(2027, 1, 1), date(2027, 2, 5), date(2027, 2, 6), date(2027, 2, 7),
                  date(2027, 2, 8), date(2027, 4, 5), date(2027, 5, 1), date(2027, 5, 2),
                  date(2027, 6, 9), date(2027, 9, 15), date(2027, 10, 1), date(2027, 10, 2),
                  date(2027, 10, 3)]


@pytest.fixture(scope="module")
def calendar() -> WorkingCalendar:
    return WorkingCalendar.default()


def every_day(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=n) for n in range((date(year + 1, 1, 1) - first).days)]


@pytest.mark.parametrize("day", sorted(DAYS_OFF_2026))
def test_every_2026_day_off(calendar: WorkingCalendar, day: date) -> None:
    assert not calendar.is_working_day(day)
    reason = calendar.why_not(day)
    assert reason is not None and reason.startswith(f"{DAYS_OFF_2026[day]} holiday (")


@pytest.mark.parametrize("day", sorted(MAKE_UP_2026))
def test_every_2026_make_up_working_day(calendar: WorkingCalendar, day: date) -> None:
    assert day.weekday() >= 5, "a make-up working day is a weekend day"
    assert calendar.is_working_day(day)
    assert calendar.why_not(day) is None
    assert calendar.note(day) == f"make-up working day for {MAKE_UP_2026[day]}"


def test_the_rest_of_2026_follows_the_week(calendar: WorkingCalendar) -> None:
    """Every other day of 2026: Monday to Friday work, weekends off, named as such."""
    for day in every_day(2026):
        if day in DAYS_OFF_2026 or day in MAKE_UP_2026:
            continue
        weekend = day.weekday() >= 5
        assert calendar.is_working_day(day) is not weekend, day
        assert calendar.why_not(day) == (day.strftime("%A") if weekend else None), day
        assert calendar.note(day) is None, day


def test_2026_has_248_working_days(calendar: WorkingCalendar) -> None:
    assert len(calendar.working_days(date(2026, 1, 1), date(2026, 12, 31))) == 248


def test_reasons_name_the_holiday_and_its_whole_block(calendar: WorkingCalendar) -> None:
    assert calendar.why_not(date(2026, 10, 1)) == "National Day holiday (1-7 Oct)"
    assert calendar.why_not(date(2026, 10, 7)) == "National Day holiday (1-7 Oct)"
    assert calendar.why_not(date(2026, 2, 17)) == "Spring Festival holiday (15-23 Feb)"
    assert calendar.why_not(date(2026, 9, 26)) == "Mid-Autumn Festival holiday (25-27 Sep)"
    assert calendar.why_not(date(2026, 3, 7)) == "Saturday"
    assert calendar.why_not(date(2026, 3, 8)) == "Sunday"
    assert calendar.why_not(date(2026, 3, 9)) is None


def test_ordinary_weekdays_and_weekends(calendar: WorkingCalendar) -> None:
    assert calendar.is_working_day(date(2026, 3, 10))  # Tuesday
    assert not calendar.is_working_day(date(2026, 3, 14))  # Saturday
    assert not calendar.is_working_day(date(2026, 3, 15))  # Sunday


def test_working_days_across_national_day(calendar: WorkingCalendar) -> None:
    days = calendar.working_days(date(2026, 9, 26), date(2026, 10, 11))
    assert days == [date(2026, 9, 28), date(2026, 9, 29), date(2026, 9, 30),
                    date(2026, 10, 8), date(2026, 10, 9), date(2026, 10, 10)]
    assert calendar.working_days(date(2026, 10, 2), date(2026, 10, 1)) == []


def test_2027_statutory_dates(calendar: WorkingCalendar) -> None:
    assert calendar.has_official_notice(2026)
    assert not calendar.has_official_notice(2027)
    for day in STATUTORY_2027:
        assert not calendar.is_working_day(day), day
        assert calendar.holiday(day) is not None and calendar.holiday(day).status == "statutory"
        assert "notice is not out yet" in (calendar.note(day) or "")
    assert calendar.why_not(date(2027, 2, 6)) == "Spring Festival holiday (5-8 Feb)"
    assert calendar.why_not(date(2027, 10, 2)) == "National Day holiday (1-3 Oct)"
    assert calendar.why_not(date(2027, 6, 9)) == "Dragon Boat Festival holiday (9 Jun)"
    # Only the statutory dates: the day after is an ordinary Tuesday, with a warning.
    assert calendar.is_working_day(date(2027, 2, 9))
    assert "may become a day off" in (calendar.note(date(2027, 2, 9)) or "")
    assert calendar.note(date(2027, 3, 16)) is None
    # 2027's make-up days are unknown: every weekend is off.
    off = [d for d in every_day(2027) if not calendar.is_working_day(d)]
    assert len(off) == len(set(STATUTORY_2027) | {d for d in every_day(2027) if d.weekday() >= 5})


def test_a_year_without_data_has_weekends_only(calendar: WorkingCalendar) -> None:
    assert not calendar.has_official_notice(2030)
    assert calendar.is_working_day(date(2030, 10, 1))  # a Tuesday; no data for 2030
    assert calendar.why_not(date(2030, 10, 5)) == "Saturday"


def test_whole_day_closure(calendar: WorkingCalendar) -> None:
    day = date(2026, 3, 10)
    closed = calendar.with_closures([Closure(day, "Two Sessions security: no visits")])
    assert calendar.is_working_day(day), "the shared calendar is unchanged"
    assert not closed.is_working_day(day)
    assert closed.why_not(day) == "Two Sessions security: no visits"
    assert not closed.is_site_open(place_id("tuspark"), day)
    assert closed.working_days(date(2026, 3, 9), date(2026, 3, 11)) == [date(2026, 3, 9),
                                                                          date(2026, 3, 11)]
    weekend = closed.with_closures([Closure(date(2026, 3, 14), "rain")])
    assert weekend.why_not(date(2026, 3, 14)) == "Saturday; rain"
    assert len(weekend.closures) == 2


def test_one_site_closed_on_one_date(calendar: WorkingCalendar) -> None:
    day = date(2026, 3, 11)
    tuspark, casted = place_id("tuspark"), place_id("casted")
    closed = calendar.with_closures([Closure(day, "park open day", tuspark)])
    assert closed.is_working_day(day)
    assert not closed.is_site_open(tuspark, day)
    assert closed.why_site_closed(tuspark, day) == "park open day"
    assert closed.is_site_open(casted, day)
    assert closed.why_site_closed(casted, day) is None
    assert closed.is_site_open(tuspark, day + timedelta(days=1))
    assert not closed.is_site_open(casted, date(2026, 10, 2))
    assert closed.why_site_closed(casted, date(2026, 10, 2)) == "National Day holiday (1-7 Oct)"


def test_closure_validation() -> None:
    with pytest.raises(ValidationError, match="closure reason"):
        Closure(date(2026, 3, 10), "  ")
    with pytest.raises(ValidationError, match="closure site"):
        Closure(date(2026, 3, 10), "works", "not-an-id")
    assert Closure("2026-03-10", "works").date == date(2026, 3, 10)


def test_a_new_years_notice_is_a_data_file(tmp_path: Path) -> None:
    (tmp_path / "holidays_cn_2031.csv").write_text(
        "date,kind,name,status\n2031-12-31,day_off,New Year,notice\n"
        "2031-12-28,working_day,New Year (make-up working day),notice\n", encoding="utf-8")
    (tmp_path / "holidays_cn_2032.csv").write_text(
        "date,kind,name,status\n2032-01-01,day_off,New Year,notice\n", encoding="utf-8")
    (tmp_path / "rail_times.csv").write_text("ignored\n", encoding="utf-8")
    calendar = WorkingCalendar(read_holiday_files(tmp_path))
    assert calendar.has_official_notice(2031) and calendar.has_official_notice(2032)
    assert calendar.why_not(date(2032, 1, 1)) == "New Year holiday (31 Dec-1 Jan)"
    assert calendar.is_working_day(date(2031, 12, 28))  # a Sunday
    assert calendar.note(date(2031, 12, 28)) == "make-up working day for New Year"


def test_bad_holiday_rows_are_refused(tmp_path: Path) -> None:
    (tmp_path / "holidays_cn_2031.csv").write_text(
        "date,kind,name\n2031-02-30,day_off,Spring Festival\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"holidays_cn_2031\.csv line 2"):
        read_holiday_files(tmp_path)
    with pytest.raises(ValidationError, match="kind"):
        HolidayDate(date(2031, 1, 1), "holiday", "New Year")
    twice = [HolidayDate(date(2031, 1, 1), "day_off", "New Year")] * 2
    with pytest.raises(ValidationError, match="listed twice"):
        WorkingCalendar(twice)


def test_default_calendar_is_loaded_once() -> None:
    assert WorkingCalendar.default() is WorkingCalendar.default()


def test_a_holiday_row_with_an_unknown_status_is_refused() -> None:
    for status in (NOTICE, STATUTORY):
        assert HolidayDate(date(2031, 1, 1), "day_off", "New Year", status).status == status
    with pytest.raises(ValidationError, match="status: 'rumoured' is not"):
        HolidayDate(date(2031, 1, 1), "day_off", "New Year", "rumoured")


def test_a_closure_reason_may_be_300_characters_and_no_more() -> None:
    assert len(Closure(date(2026, 3, 10), "x" * 300).reason) == 300
    with pytest.raises(ValidationError, match="301 characters long; at most 300"):
        Closure(date(2026, 3, 10), "x" * 301)
