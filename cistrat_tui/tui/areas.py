"""The app's areas: their names, what each is for, and the keys that show them.

Kept apart from the app so that the command palette and the help can name the areas without
importing the app.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

AREAS = {"overview": "Overview", "schedule": "Schedule", "problems": "Problems",
         "sites": "Sites", "trainees": "Trainees", "planner": "Route planner",
         "exports": "Exports"}
AREA_TIPS = {
    "overview": "Show the overview: dates, days, counts and the map.",
    "schedule": "Show the schedule, day by day.",
    "problems": "Show the problems the checks found.",
    "sites": "Show the sites: filter, add, edit, look up addresses.",
    "trainees": "Show the roster with personal data; groups; import a CSV.",
    "planner": "Plan a route through sites; apply it in one undoable step.",
    "exports": "Write calendars and itineraries; read a text itinerary.",
}
AREA_GROUP = Binding.Group("Areas", compact=True)
# The digits switch areas wherever no text field has the focus (in one they type digits);
# alt+digit switches from anywhere, a text field or a form included (a form stays open in
# its own area, as it was).
AREA_BINDINGS: list[BindingType] = [
    *(Binding(str(number), f"area('{name}')", label if name != "planner" else "Planner",
              id=f"app.{name}", tooltip=AREA_TIPS[name], group=AREA_GROUP)
      for number, (name, label) in enumerate(AREAS.items(), start=1)),
    *(Binding(f"alt+{number}", f"area('{name}', True)", f"{label} (from a field)",
              show=False, priority=True, id=f"app.{name}-anywhere",
              tooltip=f"{AREA_TIPS[name]} Works in a text field or a form too.")
      for number, (name, label) in enumerate(AREAS.items(), start=1)),
]
