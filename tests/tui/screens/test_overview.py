"""The overview's facts: stored closures counted and shown as days off, and the days a holiday
notice not out yet may change, said once."""

from __future__ import annotations

from datetime import date

from cistrat_tui.core.lifecycle import redated_copy
from cistrat_tui.core.records.closure import Closure
from cistrat_tui.core.reference.calendar import workshop_calendar
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.tui.screens.overview import facts


def test_closures_are_counted_and_their_days_are_not_working() -> None:
    workshop = sample_workshop()
    workshop.put(Closure(date(2027, 3, 9), date(2027, 3, 9), "Institute anniversary"))
    text = facts(workshop, workshop_calendar(workshop)).plain
    assert "Closures:           1" in text
    assert "09 Mar Institute anniversary" in text
    assert "21 days, 14 working, 7 not" in text


def test_the_days_that_may_change_are_said_once() -> None:
    september = redated_copy(sample_workshop(), date(2027, 9, 5)).workshop
    text = facts(september, workshop_calendar(september)).plain
    assert text.count("May change: The 2027 holiday notice is not out yet") == 1
    assert "6 weekdays (10 Sep, 13-14 Sep, 16-17 Sep, 20 Sep) may become days off" in text
    march = redated_copy(sample_workshop(), date(2026, 3, 8)).workshop  # 2026: notice is in
    assert "May change" not in facts(march, workshop_calendar(march)).plain
