"""The overview: title and dates, the strip of days, counts, the problem count and the map."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from cistrat_tui.core.records.model import ActivityKind
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference.calendar import WorkingCalendar, workshop_calendar
from cistrat_tui.tui.day_list import day_rows
from cistrat_tui.tui.screens.area import AreaScreen, counted
from cistrat_tui.tui.widgets.map_layout import cities_in_use, route
from cistrat_tui.tui.widgets.map_view import MapView

CITY_CODES = {"Beijing": "BJ", "Shanghai": "SH", "Wuhan": "WH", "Hangzhou": "HZ",
              "Suzhou": "SZ", "Guangzhou": "GZ"}
OFF_STYLE = "bold red"


def city_code(city: str) -> str:
    """A two-letter code for a city: the usual one for the six, else its first letters."""
    first = city.split(" → ")[-1]
    return CITY_CODES.get(first, first[:2].upper() or "··")


def day_strip(workshop: Workshop, calendar: WorkingCalendar) -> Text:
    """Three lines, one column per day: date, weekday, city code; non-working days in red."""
    lines = [Text(), Text(), Text()]
    for row in day_rows(workshop):
        style = "" if calendar.is_working_day(row.day) else OFF_STYLE
        for line, cell in zip(lines, (f"{row.day:%d}", row.weekday[:2],
                                      city_code(row.city)), strict=True):
            line.append(f"{cell:<3}", style)
    return Text("\n").join(lines)


def facts(workshop: Workshop, calendar: WorkingCalendar) -> Text:
    """Dates, counts and the non-working days, one fact a line."""
    programme = workshop.programme
    days = programme.days()
    off = [d for d in days if not calendar.is_working_day(d)]
    kinds = Counter(a.kind for a in workshop.activities.values() if not a.cancelled)
    cancelled = sum(1 for a in workshop.activities.values() if a.cancelled)
    text = Text()
    text.append(f"{programme.start_date:%a %d %b %Y} to {programme.end_date:%a %d %b %Y}\n",
                "bold")
    text.append(f"{len(days)} days, {len(days) - len(off)} working, ")
    text.append(f"{len(off)} not", OFF_STYLE)
    text.append(f"\nCities: {' → '.join(route(workshop)) or programme.base_city}\n\n")
    rows = [("Visits", kinds[ActivityKind.VISIT]), ("Lectures", kinds[ActivityKind.LECTURE]),
            ("Travel legs", kinds[ActivityKind.TRAVEL]),
            ("All activities", sum(kinds.values())), ("Cancelled", cancelled),
            ("Trainees", len(workshop.trainees)), ("Sites", len(workshop.sites)),
            ("Hotel stays", len(workshop.stays)), ("Closures", len(workshop.closures))]
    for label, count in rows:
        text.append(f"{label + ':':<16}{count:>5}\n")
    reasons = _off_reasons(calendar, off)
    if reasons:
        text.append("\nNot working: ", OFF_STYLE)
        text.append(reasons)
    uncertain = calendar.uncertainty_note(programme.start_date, programme.end_date)
    if uncertain:
        text.append("\n\nMay change: ", "bold yellow")
        text.append(uncertain)
    return text


def _off_reasons(calendar: WorkingCalendar, off: list[date]) -> str:
    """The non-working days that are not plain weekends, with their reason."""
    special = [(d, calendar.why_not(d) or "") for d in off if d.weekday() < 5]
    if not special:
        return "weekends only"
    return "; ".join(f"{d:%d %b} {why}" for d, why in special[:4])


class OverviewScreen(AreaScreen):
    """The whole programme at a glance."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "app.edit_programme", "Programme", id="overview.programme",
                tooltip="Edit the title, dates, base city, working day, lunch and contacts."),
        Binding("c", "app.closures", "Closures", id="overview.closures",
                tooltip="Days a site or the whole programme does not work."),
    ]

    calendar: WorkingCalendar  # the workshop's, set in compose and at each redraw

    def compose(self) -> ComposeResult:
        # Drawn with the workshop's content from the start (not filled in once shown), so the
        # first screen is laid out and painted once.
        workshop = self.workshop
        self.calendar = workshop_calendar(workshop)
        self.mark_drawn()
        # One grid, no containers: the strip across the top, the count and the facts on the
        # left, the map on the right (each container would draw every line once more).
        yield from self.compose_header()
        strip = Static(day_strip(workshop, self.calendar), id="day-strip")
        strip.border_title = "Days (red: not a working day)"
        yield strip
        yield Static(self.problem_count(), id="problem-count")
        eastern = MapView(id="map")
        eastern.border_title = "Route"
        eastern.show(cities_in_use(workshop), route(workshop))
        yield eastern
        yield Static(facts(workshop, self.calendar), id="overview-facts")
        yield from self.compose_footer()

    def refresh_view(self) -> None:
        workshop = self.workshop
        self.calendar = workshop_calendar(workshop)
        self.query_one("#day-strip", Static).update(day_strip(workshop, self.calendar))
        self.query_one("#overview-facts", Static).update(facts(workshop, self.calendar))
        self.query_one("#map", MapView).show(cities_in_use(workshop), route(workshop))
        self.problems_changed()

    def problem_count(self) -> Text:
        """The line that says how many problems the checks found (or that they are running)."""
        problems = self.cistrat.problems
        if self.cistrat.problems_generation < 0:
            return Text("Checking the programme...")
        errors = sum(1 for p in problems if p.severity == "error")
        if not problems:
            return Text("No problems found", "bold green")
        return Text(f"{counted(len(problems), 'problem')} ({counted(errors, 'error')}, "
                    f"{counted(len(problems) - errors, 'warning')}): press 3",
                    "bold red" if errors else "bold yellow")

    def problems_changed(self) -> None:
        self.query_one("#problem-count", Static).update(self.problem_count())
