"""Deadlines: how long before an activity or stay each kind of booking must be done.

The defaults come from ``data/reference/booking_rules.csv`` (with their source); a
:class:`~cistrat_tui.core.records.booking.BookingRule` that the coordinator stored for an item
replaces the default for that item. A lead in working days counts back over the days that are
working days in mainland China (weekends, public holidays and make-up days).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from cistrat_tui.core.records.booking import BookingItem, BookingRule, DeadlineUnit
from cistrat_tui.core.reference.calendar import WorkingCalendar
from cistrat_tui.core.reference.places import read_reference_csv


@dataclass(frozen=True, slots=True)
class Deadline:
    """The rule in force for one item: the lead, what it is based on and where it comes from."""

    item: BookingItem
    lead: int
    unit: DeadlineUnit
    note: str
    source: str  # "coordinator" for a stored rule, else the reference's source

    def describe(self) -> str:
        """``15 days before``, ``5 working days before``."""
        unit = "working day" if self.unit is DeadlineUnit.WORKING_DAYS else "day"
        return f"{self.lead} {unit}{'' if self.lead == 1 else 's'} before"

    def due(self, start: date, calendar: WorkingCalendar) -> date:
        """The last day to do it for something that starts on ``start``."""
        if self.unit is DeadlineUnit.DAYS:
            return start - timedelta(days=self.lead)
        day, left = start, self.lead
        while left > 0:
            day -= timedelta(days=1)
            if calendar.is_public_working_day(day):
                left -= 1
        return day


@functools.cache
def default_deadlines() -> dict[BookingItem, Deadline]:
    """The reference defaults, one per item (every item has one: a test checks it)."""
    found: dict[BookingItem, Deadline] = {}
    for row in read_reference_csv("booking_rules.csv"):
        item = BookingItem(row["item"])
        found[item] = Deadline(item, int(row["lead"]), DeadlineUnit(row["unit"]), row["note"],
                               row["source"])
    return found


def deadlines(stored: Iterable[BookingRule]) -> dict[BookingItem, Deadline]:
    """The rules in force: the coordinator's stored rules over the reference defaults."""
    rules = dict(default_deadlines())
    for rule in stored:
        rules[rule.item] = Deadline(rule.item, rule.lead, rule.unit,
                                    rule.note or rules[rule.item].note, "coordinator")
    return rules
