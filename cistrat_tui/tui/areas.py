"""The app's areas: their names, what each is for, and the keys that show them.

Kept apart from the app so that the command palette and the help can name the areas without
importing the app. An area's module is imported when the area is first shown (or its actions
are listed), not when the app starts: the planner pulls in numpy, the sites geopy, the exports
icalendar, and the first screen needs none of them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, cast

from textual.binding import Binding, BindingType

if TYPE_CHECKING:
    from cistrat_tui.tui.screens.area import AreaScreen

AREAS = {"overview": "Overview", "schedule": "Schedule", "problems": "Problems",
         "sites": "Sites", "trainees": "Trainees", "planner": "Route planner",
         "exports": "Exports", "bookings": "Bookings", "budget": "Budget"}
AREA_TIPS = {
    "overview": "Show the overview: dates, days, counts and the map.",
    "schedule": "Show the schedule, day by day.",
    "problems": "Show the problems the checks found.",
    "sites": "Show the sites: filter, add, edit, look up addresses.",
    "trainees": "Show the roster with personal data; groups; import a CSV.",
    "planner": "Plan a route through sites; apply it in one undoable step.",
    "exports": "Write calendars and itineraries; read a text itinerary.",
    "bookings": "Show what is still to book or confirm, by deadline.",
    "budget": "Show the budget: totals, lines, ceiling; add and edit costs.",
}
AREA_GROUP = Binding.Group("Areas", compact=True)
# The digits switch areas wherever no text field has the focus (in one they type digits);
# alt+digit, ctrl+pageup and ctrl+pagedown switch from anywhere, a text field or a form
# included (a form stays open in its own area, as it was).
AREA_BINDINGS: list[BindingType] = [
    *(Binding(str(number), f"area('{name}')", label if name != "planner" else "Planner",
              id=f"app.{name}", tooltip=AREA_TIPS[name], group=AREA_GROUP)
      for number, (name, label) in enumerate(AREAS.items(), start=1)),
    *(Binding(f"alt+{number}", f"area('{name}', True)", f"{label} (from a field)",
              show=False, priority=True, id=f"app.{name}-anywhere",
              tooltip=f"{AREA_TIPS[name]} Works in a text field or a form too.")
      for number, (name, label) in enumerate(AREAS.items(), start=1)),
    # Some terminals send alt+digit as an accented letter; these two work in all of them.
    Binding("ctrl+pagedown", "next_area(1)", "Next area", show=False, priority=True,
            id="app.next-area", tooltip="Show the next area (from a text field or a form too)."),
    Binding("ctrl+pageup", "next_area(-1)", "Previous area", show=False, priority=True,
            id="app.previous-area",
            tooltip="Show the previous area (from a text field or a form too)."),
]
AREA_CLASSES = {
    "overview": "cistrat_tui.tui.screens.overview:OverviewScreen",
    "schedule": "cistrat_tui.tui.screens.schedule:ScheduleScreen",
    "problems": "cistrat_tui.tui.screens.problems:ProblemsScreen",
    "sites": "cistrat_tui.tui.screens.sites:SitesScreen",
    "trainees": "cistrat_tui.tui.screens.trainees:TraineesScreen",
    "planner": "cistrat_tui.tui.screens.planner:PlannerScreen",
    "exports": "cistrat_tui.tui.screens.exports:ExportsScreen",
    "bookings": "cistrat_tui.tui.screens.bookings:BookingsScreen",
    "budget": "cistrat_tui.tui.screens.budget:BudgetScreen",
}


def area_class(name: str) -> type[AreaScreen]:
    """The screen class of the area ``name``, its module imported now if it was not yet."""
    module, _, attribute = AREA_CLASSES[name].partition(":")
    return cast("type[AreaScreen]", getattr(importlib.import_module(module), attribute))


class AreaFactory:
    """Makes the screen of one area when the app first shows it (a mode of the app)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self) -> AreaScreen:
        return area_class(self.name)()

    def __repr__(self) -> str:
        return f"AreaFactory({self.name!r})"
