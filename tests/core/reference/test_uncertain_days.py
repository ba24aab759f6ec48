"""Uncertain days: what a year with only its statutory holidays may still change, checked day by
day against the chinese-calendar package for 2026 (whose notice is in the reference data)."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest

from cistrat_tui.core.records.closure import Closure
from cistrat_tui.core.records.model import Programme, Site, SiteKind
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference.calendar import (
    DAY_OFF,
    STATUTORY,
    HolidayDate,
    WorkingCalendar,
    read_holiday_files,
    workshop_calendar,
)

# The statutory 2026 dates by the National Holidays Regulation (2024 revision), as the reference
# data would have held them before the State Council's notice of November 2025.
STATUTORY_2026 = {
    "New Year": [date(2026, 1, 1)],
    "Spring Festival": [date(2026, 2, 16), date(2026, 2, 17), date(2026, 2, 18),
                        date(2026, 2, 19)],
    "Qingming": [date(2026, 4, 5)],
    "Labour Day": [date(2026, 5, 1), date(2026, 5, 2)],
    "Dragon Boat Festival": [date(2026, 6, 19)],
    "Mid-Autumn Festival": [date(2026, 9, 25)],
    "National Day": [date(2026, 10, 1), date(2026, 10, 2), date(2026, 10, 3)],
}


def every_day(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=n) for n in range((date(year + 1, 1, 1) - first).days)]


@pytest.fixture(scope="module")
def before_the_notice() -> WorkingCalendar:
    """2026 as it was known before its notice: statutory dates only."""
    return WorkingCalendar(HolidayDate(day, DAY_OFF, name, STATUTORY)
                           for name, days in STATUTORY_2026.items() for day in days)


def test_every_2026_day_agrees_with_chinese_calendar() -> None:
    calendar = WorkingCalendar.default()
    for day in every_day(2026):
        assert calendar.is_public_working_day(day) == chinese_calendar.is_workday(day), day
        assert not calendar.is_uncertain(day), day  # the notice is in: nothing is uncertain


def test_every_day_the_2026_notice_changed_was_called_uncertain(
        before_the_notice: WorkingCalendar) -> None:
    changed = [day for day in every_day(2026)
               if before_the_notice.is_public_working_day(day) != chinese_calendar.is_workday(day)]
    assert len(changed) == 15  # 9 bridge or compensating days off, 6 make-up working days
    for day in changed:
        assert before_the_notice.is_uncertain(day), day
    # ... and the warning stays near the holidays: most of the year is certain.
    uncertain = before_the_notice.uncertain_days(date(2026, 1, 1), date(2026, 12, 31))
    assert len(uncertain) < 110
    assert not before_the_notice.is_uncertain(date(2026, 3, 10))
    assert not before_the_notice.is_uncertain(date(2026, 7, 15))


def test_statutory_holidays_stay_days_off_and_are_not_uncertain(
        before_the_notice: WorkingCalendar) -> None:
    for days in STATUTORY_2026.values():
        for day in days:
            assert not before_the_notice.is_working_day(day)
            assert not before_the_notice.is_uncertain(day)


def test_a_weekday_near_a_holiday_may_become_a_day_off_a_weekend_a_working_day(
        before_the_notice: WorkingCalendar) -> None:
    assert "may become a day off around National Day" in (
        before_the_notice.note(date(2026, 10, 7)) or "")
    assert "may become a make-up working day around Spring Festival" in (
        before_the_notice.note(date(2026, 2, 28)) or "")
    # A weekday a week away cannot become a bridge day; a weekend that far can be made up.
    assert before_the_notice.note(date(2026, 10, 12)) is None
    assert before_the_notice.is_uncertain(date(2026, 10, 10))


def test_the_note_says_once_which_days_and_where_the_notice_goes() -> None:
    calendar = WorkingCalendar.default()
    note = calendar.uncertainty_note(date(2027, 9, 5), date(2027, 9, 25))
    assert note is not None
    assert note.startswith("The 2027 holiday notice is not out yet: 6 weekdays (10 Sep, "
                           "13-14 Sep, 16-17 Sep, 20 Sep) may become days off and 6 weekend days")
    assert "around Mid-Autumn Festival and National Day" in note
    assert "cistrat_tui/data/reference/holidays_cn_2027.csv" in note
    assert calendar.uncertainty_note(date(2026, 9, 1), date(2026, 10, 31)) is None
    assert calendar.uncertainty_note(date(2027, 7, 1), date(2027, 7, 31)) is None


def test_adding_the_notice_is_dropping_a_csv(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A holidays_cn_<year>.csv with notice rows makes that year certain."""
    (tmp_path / "holidays_cn_2027.csv").write_text(
        "date,kind,name,status,source\n"
        "2027-09-15,day_off,Mid-Autumn Festival,notice,test\n"
        "2027-09-17,day_off,Mid-Autumn Festival,notice,test\n"
        "2027-09-11,working_day,Mid-Autumn Festival,notice,test\n", encoding="utf-8")
    calendar = WorkingCalendar(read_holiday_files(tmp_path))
    assert calendar.has_official_notice(2027)
    assert not calendar.is_working_day(date(2027, 9, 17))
    assert calendar.is_working_day(date(2027, 9, 11))
    assert calendar.uncertainty_note(date(2027, 9, 5), date(2027, 9, 25)) is None


def test_the_workshop_calendar_holds_its_stored_closures() -> None:
    park = Site(SiteKind.SCIENCE_PARK, "Park", "Beijing")
    workshop = Workshop(Programme("W", date(2026, 3, 2), date(2026, 3, 20)),
                        sites={park.id: park})
    assert workshop_calendar(workshop) is WorkingCalendar.default()
    whole = Closure(date(2026, 3, 9), date(2026, 3, 10), "Institute anniversary")
    one = Closure(date(2026, 3, 12), date(2026, 3, 12), "Park open day for investors", park.id)
    workshop.closures = {whole.id: whole, one.id: one}
    calendar = workshop_calendar(workshop)
    assert not calendar.is_working_day(date(2026, 3, 9))
    assert not calendar.is_working_day(date(2026, 3, 10))
    assert calendar.why_not(date(2026, 3, 10)) == "Institute anniversary"
    assert calendar.is_working_day(date(2026, 3, 11))
    assert calendar.is_working_day(date(2026, 3, 12))
    assert not calendar.is_site_open(park.id, date(2026, 3, 12))
    assert calendar.why_site_closed(park.id, date(2026, 3, 12)) == "Park open day for investors"
