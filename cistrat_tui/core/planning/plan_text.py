"""A route plan as lines of text: the claim and the order, the travel, then day by day with
the transfers, lunches and nights.

Both the ``plan`` command and the planner screen show a plan with these lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from cistrat_tui.core.planning.planner import Plan
from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import ActivityKind, Site, TravelMode

INTERCITY = (TravelMode.HIGH_SPEED_RAIL, TravelMode.FLIGHT)


def day_label(day: date, activities: list[Activity]) -> str:
    """A day's heading: the date, and "travel day" when the group only travels."""
    kinds = {a.kind for a in activities}
    between_cities = any(a.mode in INTERCITY for a in activities)
    visits = ActivityKind.VISIT in kinds
    tag = ""
    if between_cities and not visits:
        tag = "  (travel day)"
    elif between_cities:
        tag = "  (visit and travel)"
    return f"{day:%a %Y-%m-%d}{tag}"


def plan_lines(plan: Plan, sites: Mapping[str, Site]) -> list[str]:
    """The plan day by day, for the terminal."""
    hours, minutes = divmod(plan.total_travel_minutes, 60)
    claim = plan.claim or ("optimal order" if plan.optimal else "best found")
    lines = [f"Order ({claim}): " + " -> ".join(sites[s].name_en for s in plan.order),
             f"Travel {hours} h {minutes:02d} min door to door, {plan.total_km:,.0f} km; "
             f"{plan.days_used} days, {plan.nights_away} nights away from base"]
    nights = {night: sites[stay.hotel_id].name_en for stay in plan.stays
              for night in stay.nights()}
    by_day = plan.days()
    days: dict[date, list[str]] = {}
    for day, activities in by_day.items():
        days[day] = [f"  {a.start:%H:%M}-{a.end:%H:%M}  {a.title}" for a in activities]
    for night in nights:
        days.setdefault(night, [])
    for day in sorted(days):
        lines.append(day_label(day, by_day.get(day, [])))
        lines.extend(days[day])
        if day in nights:
            lines.append(f"  Night: {nights[day]}")
    lines.extend(f"Note: {note}" for note in plan.notes)
    return lines
