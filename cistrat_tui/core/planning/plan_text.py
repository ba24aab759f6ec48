"""A route plan as lines of text: the order, the travel, then day by day with the nights.

Both the ``plan`` command and the planner screen show a plan with these lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from cistrat_tui.core.planning.planner import Plan
from cistrat_tui.core.records.model import Site


def plan_lines(plan: Plan, sites: Mapping[str, Site]) -> list[str]:
    """The plan day by day, for the terminal."""
    hours, minutes = divmod(plan.total_travel_minutes, 60)
    proof = "provably optimal" if plan.optimal else "near-optimal (local search)"
    lines = [f"Order ({proof}): " + " -> ".join(sites[s].name_en for s in plan.order),
             f"Travel {hours} h {minutes:02d} min, {plan.total_km:,.0f} km; "
             f"{plan.nights_away} nights away from base"]
    nights = {night: sites[stay.hotel_id].name_en for stay in plan.stays
              for night in stay.nights()}
    days: dict[date, list[str]] = {}
    for day, activities in plan.days().items():
        days[day] = [f"  {a.start:%H:%M}-{a.end:%H:%M}  {a.title}" for a in activities]
    for night in nights:
        days.setdefault(night, [])
    for day in sorted(days):
        lines.append(f"{day:%a %Y-%m-%d}")
        lines.extend(days[day])
        if day in nights:
            lines.append(f"  Night: {nights[day]}")
    lines.extend(f"Note: {note}" for note in plan.notes)
    return lines
