"""The coordinator's linter: everything in a programme that cannot work or looks wrong.

:func:`check_workshop` runs every rule and returns the problems, each with a severity (error:
the programme cannot work as written; warning: it looks wrong), a stable kebab-case code, a
sentence naming the records and times, the local day it concerns and the ids of the records
at fault (the first is the one to open). The rules live beside this module:

- ``checks_times``: overlap, travel-too-short, travel-tight, missing-transfer,
  short-station-time, double-booked-seat, missing-seat, seat-for-non-participant;
- ``checks_nights``: night-without-hotel, hotel-in-wrong-city, double-booked-hotel;
- ``checks_places``: outside-opening-hours, non-working-day, uncertain-day,
  site-without-coordinates, train-not-at-station, flight-not-at-airport, no-participants;
- ``edges``: outside-programme, arrival-night-without-hotel, departure-night-without-hotel,
  activity-before-arrival, activity-after-departure;
- ``checks.budget``: cost-line-missing, cost-over-plan, cost-without-rate, budget-over-ceiling;
- ``logistics``: arrival-without-pickup, pickup-before-landing, departure-without-drop-off,
  drop-off-too-late, room-missing, room-over-capacity, room-mixed-gender,
  room-occupant-not-staying, vehicle-too-small, resource-double-booked.

The working calendar is the shipped national one with the workshop's stored closures
(:func:`~cistrat_tui.core.reference.calendar.workshop_calendar`).

The workshop is indexed once (:class:`~cistrat_tui.core.checks.base.Context`) and each rule
walks sorted timelines, so the check is fast enough to run again after every edit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from cistrat_tui.core.checks.base import Context, Problem, Severity
from cistrat_tui.core.checks.budget import check_budget
from cistrat_tui.core.checks.edges import (
    check_flight_nights,
    check_flight_times,
    check_programme_dates,
)
from cistrat_tui.core.checks.logistics import check_resources, check_rooms, check_transfers
from cistrat_tui.core.checks.nights import check_nights
from cistrat_tui.core.checks.places import (
    check_opening_hours,
    check_participants,
    check_sites,
    check_uncertain_days,
    check_working_days,
)
from cistrat_tui.core.checks.times import (
    check_leg_durations,
    check_overlaps,
    check_seats,
    check_travel_time,
)
from cistrat_tui.core.planning.travel import TravelModel
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference.calendar import WorkingCalendar, workshop_calendar

__all__ = ["RULES", "Problem", "Severity", "calendar_notes", "check_workshop", "counts",
           "sort_key"]

RULES: tuple[Callable[[Context], Iterable[Problem]], ...] = (
    check_overlaps, check_travel_time, check_leg_durations, check_seats, check_nights,
    check_working_days, check_uncertain_days, check_opening_hours, check_programme_dates,
    check_flight_nights, check_flight_times, check_sites, check_participants, check_budget,
    check_transfers, check_rooms, check_resources)
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1}


def sort_key(problem: Problem) -> tuple[bool, date, int, str, str, tuple[str, ...]]:
    """Day first (undated last), then errors before warnings, then code and message."""
    return (problem.day is None, problem.day or date.min, _SEVERITY_ORDER[problem.severity],
            problem.code, problem.message, problem.record_ids)


def check_workshop(workshop: Workshop, *, calendar: WorkingCalendar | None = None,
                   travel: TravelModel | None = None) -> list[Problem]:
    """Every problem in ``workshop``, sorted by (day, severity, code, message).

    ``calendar`` defaults to the shipped working-day calendar with the workshop's closures,
    ``travel`` to the shipped travel model. Cancelled activities are ignored. The result is the
    same for the same workshop."""
    context = Context(workshop, calendar or workshop_calendar(workshop),
                      travel or TravelModel.default())
    problems = {p for rule in RULES for p in rule(context)}
    return sorted(problems, key=sort_key)


def calendar_notes(workshop: Workshop, calendar: WorkingCalendar | None = None) -> list[str]:
    """What the coordinator should know about the programme's calendar before the problems,
    said once: the days a holiday notice not out yet may change."""
    calendar = calendar or workshop_calendar(workshop)
    programme = workshop.programme
    note = calendar.uncertainty_note(programme.start_date, programme.end_date)
    return [note] if note else []


def counts(problems: Iterable[Problem]) -> dict[Severity, int]:
    """How many errors and warnings there are."""
    found = dict.fromkeys(Severity, 0)
    for problem in problems:
        found[problem.severity] += 1
    return found
