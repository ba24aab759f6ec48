"""The checks with stored closures, and the uncertain days of a year without its notice."""

from __future__ import annotations

from datetime import date, timedelta

from cistrat_tui.core.checks.runner import calendar_notes, check_workshop
from cistrat_tui.core.lifecycle import redated_copy
from cistrat_tui.core.records.closure import Closure
from tests.core.checks.test_runner import MON, TUE, Mini, only


def test_a_stored_closure_of_the_whole_programme_is_not_a_working_day() -> None:
    mini = Mini()
    workshop = mini.workshop()
    workshop.put(Closure(MON, MON, "Institute anniversary"))
    problems = only(check_workshop(workshop), "non-working-day")
    assert {p.record_ids[0] for p in problems} == {mini.id("talk1"), mini.id("talk2"),
                                                   mini.id("lunch")}
    assert all("not a working day: Institute anniversary." in p.message for p in problems)
    assert {p.severity.value for p in problems if p.record_ids[0] == mini.id("talk1")} \
        == {"error"}


def test_a_stored_site_closure_touches_only_that_site() -> None:
    mini = Mini()
    workshop = mini.workshop()
    workshop.put(Closure(MON - timedelta(days=1), MON, "Lecture halls renovated",
                         mini.sites["casted"].id))
    problems = only(check_workshop(workshop), "non-working-day")
    assert {p.record_ids[0] for p in problems} == {mini.id("talk1"), mini.id("talk2"),
                                                   mini.id("lunch")}
    workshop.remove(next(iter(workshop.closures.values())))
    workshop.put(Closure(TUE, TUE, "Closed", mini.sites["casted"].id))
    assert only(check_workshop(workshop), "non-working-day") == []


def test_uncertain_days_warn_once_a_day_naming_the_visits_and_lectures() -> None:
    mini = Mini()
    old = mini.workshop()
    # Moved to Mon 13 Sep 2027: two days before the statutory Mid-Autumn Festival (Wed 15).
    workshop = redated_copy(old, old.programme.start_date + timedelta(weeks=27)).workshop
    assert workshop.programme.start_date == date(2027, 9, 13)
    problems = only(check_workshop(workshop), "uncertain-day")
    assert [p.day for p in problems] == [date(2027, 9, 13)]
    (problem,) = problems
    assert problem.severity.value == "warning"
    assert problem.message.startswith("On Mon 13 Sep, 'Opening lecture' (09:00-12:00), "
                                      "'Afternoon lecture' (13:30-16:30): the 2027 holiday "
                                      "notice is not out yet")
    assert "may become a day off around Mid-Autumn Festival" in problem.message
    assert len(problem.record_ids) == 2  # the lectures, not the coach or the lunch
    (note,) = calendar_notes(workshop)
    assert "4 weekdays (13-14 Sep, 16-17 Sep) may become days off" in note


def test_a_year_with_its_notice_has_no_uncertain_day() -> None:
    workshop = Mini().workshop()
    assert only(check_workshop(workshop), "uncertain-day") == []
    assert calendar_notes(workshop) == []
