"""The schedule area: day by day, the day's activities with travel legs and the night's hotel,
and every change to an activity (add, edit, duplicate, move, cancel, delete)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static

from cistrat_tui.core.planning.meals import meal_count
from cistrat_tui.core.records import values as v
from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import ActivityKind, Status
from cistrat_tui.core.reference.calendar import WorkingCalendar, workshop_calendar
from cistrat_tui.tui.day_list import (
    ActivityRow,
    DayRow,
    activity_rows,
    day_name,
    day_rows,
    night_stays,
    parse_day,
)
from cistrat_tui.tui.forms.activity import ActivityForm
from cistrat_tui.tui.forms.activity_rules import FormValues, duplicate, moved, values_from
from cistrat_tui.tui.screens.area import AreaScreen
from cistrat_tui.tui.screens.dialogs import Confirm, Prompt
from cistrat_tui.tui.widgets.weighted_table import Cell, TableColumn, WeightedTable

CANCELLED_STYLE = "strike dim"
OFF_STYLE = "red"
DAY_COLUMNS = (TableColumn.fitted("Date", "date"), TableColumn.weighted("City", "city",
                                                                       minimum=8))
# Longer titles and places are cut in the table, and shown whole below it.
ACTIVITY_COLUMNS = (TableColumn.fitted("Time", "time"), TableColumn.fitted("Kind", "kind"),
                    TableColumn.weighted("Title", "title", weight=3, minimum=12),
                    TableColumn.weighted("Where", "where", weight=2, minimum=10))


def _activity_cells(row: ActivityRow) -> tuple[Cell, ...]:
    """One activity as a row of the day's table; a cancelled one struck through and dimmed,
    and said in words (not by its style alone)."""
    if not row.cancelled:
        return row.time, row.kind, row.title, row.where
    cells = (row.time, f"{row.kind} (cancelled)", row.title, row.where)
    return tuple(Text(cell, style=CANCELLED_STYLE) for cell in cells)


class ScheduleScreen(AreaScreen):
    """Day by day: pick a date, see what happens when and where, and change it."""

    DEFAULT_CSS = """
    #schedule-body { height: 1fr; }
    #days { width: 30%; min-width: 26; max-width: 44; height: 1fr; border: round $primary-muted; }
    #days:focus { border: round $primary; }
    #day-pane { width: 1fr; height: 1fr; }
    #day-heading { height: 1; padding: 0 1; text-style: bold; color: $text-accent; }
    #activities { height: 1fr; border: round $primary-muted; }
    #activities:focus { border: round $primary; }
    #night { height: 1; padding: 0 1; color: $text-muted; }
    #activity-detail { height: 4; padding: 0 1; border-top: solid $primary-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_day", "Next day", id="schedule.next-day",
                tooltip="Show the next day of the programme."),
        Binding("p", "previous_day", "Prev day", id="schedule.previous-day",
                tooltip="Show the previous day of the programme."),
        Binding("g", "go_to_day", "Go to date", show=False, id="schedule.go-to",
                tooltip="Jump to a date (YYYY-MM-DD or the day's number)."),
        Binding("t", "today", "Today", show=False, id="schedule.today",
                tooltip="Jump to today, when it is a day of the programme."),
        Binding("a", "add", "Add", id="schedule.add",
                tooltip="Add an activity on the day shown."),
        Binding("e", "edit", "Edit", id="schedule.edit",
                tooltip="Edit the highlighted activity."),
        Binding("d", "duplicate", "Duplicate", show=False, id="schedule.duplicate",
                tooltip="Add a copy of the highlighted activity."),
        Binding("m", "move", "Move", show=False, id="schedule.move",
                tooltip="Move the highlighted activity to another day or time."),
        Binding("greater_than_sign", "shift_day(1)", "Move +1 day", show=False,
                id="schedule.later", tooltip="Move the highlighted activity to the next day."),
        Binding("less_than_sign", "shift_day(-1)", "Move -1 day", show=False,
                id="schedule.earlier",
                tooltip="Move the highlighted activity to the previous day."),
        Binding("c", "cancel", "Cancel/restore", show=False, id="schedule.cancel",
                tooltip="Cancel the highlighted activity, or restore a cancelled one."),
        Binding("delete,x", "delete", "Delete", show=False, id="schedule.delete",
                tooltip="Delete the highlighted activity (asks first)."),
        Binding("h", "night_hotel", "Night's hotel", show=False, id="schedule.night-hotel",
                tooltip="Add or edit the hotel stay for the night of the day shown."),
        Binding("H", "app.stays", "Hotel stays", show=False, id="schedule.stays",
                tooltip="List every hotel stay: add, edit, delete."),
        Binding("V", "app.resources", "Vehicles, staff", show=False, id="schedule.resources",
                tooltip="List the vehicles, interpreters and guides: add, edit, delete."),
        Binding("tab", "app.focus_next", "Other table", show=False, id="schedule.other-table"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.calendar = WorkingCalendar.default()
        self._days: list[date] = []
        self._day_rows: list[DayRow] = []
        self._rows: dict[str, ActivityRow] = {}
        self._shown_day: date | None = None
        self._pending: str | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(id="schedule-body"):
            days = WeightedTable(DAY_COLUMNS, id="days")
            days.border_title = "Days"
            yield days
            with Vertical(id="day-pane"):
                yield Static(id="day-heading")
                activities = WeightedTable(ACTIVITY_COLUMNS, id="activities")
                activities.border_title = "Activities"
                yield activities
                yield Static(id="night")
                yield Static(id="activity-detail")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#days", DataTable).focus()

    # --- drawing ----------------------------------------------------------------------------

    def refresh_view(self) -> None:
        """Redraw the days (their cities may have changed) and the day shown."""
        table = self.query_one("#days", WeightedTable)
        rows = day_rows(self.workshop, around=True)
        calendar = workshop_calendar(self.workshop)
        if calendar is not self.calendar:  # closures changed: redraw the red days
            self.calendar, self._day_rows = calendar, []
        if rows != self._day_rows:  # cities change only when places change
            self._day_rows = rows
            self._days = [r.day for r in rows]
            table.show_rows((r.day.isoformat(), (Text(
                f"{r.weekday} {r.day:%d %b}",
                "" if self.calendar.is_working_day(r.day) else OFF_STYLE), r.city))
                for r in rows)
        if not self._days:
            return
        start = self.workshop.programme.start_date
        day = self._shown_day if self._shown_day in self._days else \
            start if start in self._days else self._days[0]
        table.move_cursor(row=self._days.index(day), animate=False)
        self.show_day(day)

    @property
    def shown_rows(self) -> list[ActivityRow]:
        """The day's activities as the table lists them, top to bottom (whole titles)."""
        return list(self._rows.values())

    @property
    def selected_day(self) -> date | None:
        """The date whose activities are shown."""
        return self._shown_day

    @property
    def selected_activity(self) -> Activity | None:
        """The highlighted activity, if any."""
        table = self.query_one("#activities", DataTable)
        if not self._rows or table.cursor_row < 0:
            return None
        key = list(self._rows)[min(table.cursor_row, len(self._rows) - 1)]
        return self.workshop.activities.get(key)

    def show_day(self, day: date) -> None:
        """Fill the activities table with ``day``'s activities, in time order."""
        table = self.query_one("#activities", WeightedTable)
        current = self.selected_activity
        keep = self._pending or (current.id if current and self._shown_day == day else None)
        self._pending = None
        self._shown_day = day
        rows = activity_rows(self.workshop, day)
        self._rows = {row.activity_id: row for row in rows}
        table.show_rows(((row.activity_id, _activity_cells(row)) for row in rows), keep=keep)
        count = f"{len(rows)} item{'s' if len(rows) != 1 else ''}" if rows else "nothing planned"
        why = self.calendar.why_not(day)
        heading = Text(f"{day_name(self.workshop.programme, day)}: {day:%A %d %B %Y}, {count}")
        if why:
            heading.append(f"  not working: {why}", OFF_STYLE)
        elif self.calendar.is_uncertain(day):
            heading.append("  may change: the holiday notice is not out yet", "yellow")
        self.query_one("#day-heading", Static).update(heading)
        self._show_night(day)
        self.show_detail(self.selected_activity.id if self.selected_activity else None)

    def _show_night(self, day: date) -> None:
        stays = night_stays(self.workshop, day)
        night = self.query_one("#night", Static)
        if not stays:
            night.update(Text("Night: no hotel booked (h adds one)", "bold yellow"))
            return
        night.update("Night: " + "; ".join(stays))

    @on(DataTable.RowHighlighted, "#days")
    def _day_highlighted(self) -> None:
        # The table's cursor, not the event's row: a redraw may post stale highlights.
        row = self.query_one("#days", DataTable).cursor_row
        if 0 <= row < len(self._days) and self._days[row] != self._shown_day:
            self.show_day(self._days[row])

    @on(DataTable.RowHighlighted, "#activities")
    def _activity_highlighted(self) -> None:
        # The table's cursor, not the event's row: a redraw may post stale highlights.
        activity = self.selected_activity
        self.show_detail(activity.id if activity else None)

    @on(DataTable.RowSelected, "#activities")
    def _activity_chosen(self) -> None:
        self.action_edit()

    def show_detail(self, activity_id: str | None) -> None:
        """Show the whole title, place, status and who takes part under the table."""
        detail = self.query_one("#activity-detail", Static)
        row = self._rows.get(activity_id or "")
        activity = self.workshop.activities.get(activity_id or "")
        if row is None or activity is None:
            detail.update("")
            return
        who = activity.participants
        people = {"everyone": "everyone", "group": f"group {who.group}",
                  "named": f"{len(who.trainee_ids)} named trainees"}[who.audience.value]
        seats = f", {len(activity.seats)} seats" if activity.seats else ""
        extra = ""
        booked = [self.workshop.resources[r].label() for r in activity.resource_ids
                  if r in self.workshop.resources]
        # On the place's line: the detail pane has three lines.
        if activity.kind is ActivityKind.MEAL:
            extra += f"  ·  {meal_count(self.workshop, activity).summary()}"
        elif booked:
            extra += f"  ·  {'; '.join(booked)}"
        detail.update(Text.assemble((row.title, "bold"), f"\n{row.time}  {row.kind}, "
                                    f"{row.status}, {people}{seats}\n{row.where}{extra}"))

    def select_activity(self, activity_id: str) -> None:
        """Show the activity's day with the activity highlighted."""
        activity = self.workshop.activities.get(activity_id)
        if activity is None or activity.day not in self._days:
            return
        self._pending = activity_id
        self._shown_day = None
        self.query_one("#days", DataTable).move_cursor(row=self._days.index(activity.day),
                                                       animate=False)
        self.show_day(activity.day)
        self.query_one("#activities", DataTable).focus()

    def show_record(self, activity: Activity) -> None:
        """Show the activity if it still exists (after an undo or redo), else the day it was on."""
        if activity.id in self.workshop.activities:
            self.select_activity(activity.id)
        elif activity.day in self._days:
            self._go(activity.day)

    # --- moving between days ----------------------------------------------------------------

    def go_to(self, day: date) -> None:
        """Show ``day`` (a day of the programme)."""
        self._go(day)

    def _go(self, day: date) -> None:
        self.query_one("#days", DataTable).move_cursor(row=self._days.index(day), animate=False)
        self.show_day(day)

    def _move_day(self, step: int) -> None:
        if not self._days:
            return
        now = self._days.index(self._shown_day) if self._shown_day in self._days else 0
        self._go(self._days[min(max(now + step, 0), len(self._days) - 1)])

    def action_next_day(self) -> None:
        """Show the next day of the programme."""
        self._move_day(1)

    def action_previous_day(self) -> None:
        """Show the previous day of the programme."""
        self._move_day(-1)

    def action_today(self) -> None:
        """Show today, when the programme is running."""
        today = datetime.now(v.SHANGHAI).date()
        if today in self._days:
            self._go(today)
        else:
            self.notify(f"Today ({today:%d %b %Y}) is not a day of the programme.",
                        severity="warning")

    def action_go_to_day(self) -> None:
        """Ask for a date and show it."""
        first = self.workshop.programme.start_date

        def check(texts: list[str]) -> str:
            return "" if parse_day(texts[0], self._days, first) else (
                f"give a date from {self._days[0]} to {self._days[-1]}, or a day number")

        def done(answer: list[str] | None) -> None:
            day = parse_day(answer[0], self._days, first) if answer else None
            if day:
                self._go(day)

        start = (self._shown_day or self._days[0]).isoformat()
        self.app.push_screen(Prompt("Go to date", [("Date or day no.", start)], check), done)

    def action_night_hotel(self) -> None:
        """Add or edit the hotel stay for the night of the day shown."""
        self.cistrat.night_hotel(self._shown_day or self.workshop.programme.start_date)

    # --- changing activities ----------------------------------------------------------------

    def _saved(self, stored: object) -> None:
        if isinstance(stored, Activity):
            self.select_activity(stored.id)

    def _need_activity(self) -> Activity | None:
        activity = self.selected_activity
        if activity is None:
            self.notify("No activity is highlighted on this day.", severity="warning")
        return activity

    def action_add(self) -> None:
        """Add an activity on the day shown."""
        day = self._shown_day or self.workshop.programme.start_date
        form = ActivityForm(self.workshop, FormValues(day=day.isoformat()), None,
                            f"New activity on {day:%a %d %b}")

        def done(activity: Activity | None) -> None:
            if activity is not None:
                self._saved(self.cistrat.change(None, activity, f"Added {activity.title!r}"))

        self.app.push_screen(form, done)

    def action_edit(self) -> None:
        """Edit the highlighted activity."""
        activity = self._need_activity()
        if activity is None:
            return
        form = ActivityForm(self.workshop, values_from(activity), activity,
                            f"Edit {activity.title[:40]}")

        def done(edited: Activity | None) -> None:
            if edited is not None and edited != activity:
                self._saved(self.cistrat.change(activity, edited, f"Edited {edited.title!r}"))

        self.app.push_screen(form, done)

    def action_duplicate(self) -> None:
        """Add a copy of the highlighted activity."""
        activity = self._need_activity()
        if activity is not None:
            copy = duplicate(activity)
            self._saved(self.cistrat.change(None, copy, f"Duplicated {activity.title!r}"))

    def action_move(self) -> None:
        """Move the highlighted activity to another day or start time (same length)."""
        activity = self._need_activity()
        if activity is None:
            return
        start = activity.start.astimezone(v.SHANGHAI)

        def check(texts: list[str]) -> str:
            return moved(activity, texts[0], texts[1])[1]

        def done(answer: list[str] | None) -> None:
            if answer:
                new, _ = moved(activity, answer[0], answer[1])
                if new is not None and new != activity:
                    self._saved(self.cistrat.change(activity, new, f"Moved {new.title!r} to "
                                                    f"{new.start:%a %d %b %H:%M}"))

        self.app.push_screen(Prompt(f"Move {activity.title[:40]}",
                                    [("Date", start.date().isoformat()),
                                     ("Starts", f"{start:%H:%M}")], check), done)

    def action_shift_day(self, days: int) -> None:
        """Move the highlighted activity a day later or earlier, same time."""
        activity = self._need_activity()
        if activity is not None:
            new = replace(activity, start=activity.start + timedelta(days=days),
                          end=activity.end + timedelta(days=days))
            self._saved(self.cistrat.change(activity, new, f"Moved {new.title!r} to "
                                            f"{new.start.astimezone(v.SHANGHAI):%a %d %b}"))

    def action_cancel(self) -> None:
        """Cancel the highlighted activity, or restore it when it is cancelled."""
        activity = self._need_activity()
        if activity is None:
            return
        status, verb = ((Status.PLANNED, "Restored") if activity.cancelled
                        else (Status.CANCELLED, "Cancelled"))
        self._saved(self.cistrat.change(activity, replace(activity, status=status),
                                        f"{verb} {activity.title!r}"))

    def action_delete(self) -> None:
        """Delete the highlighted activity after asking."""
        activity = self._need_activity()
        if activity is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.cistrat.change(activity, None, f"Deleted {activity.title!r}")

        self.app.push_screen(Confirm(f"Delete {activity.title!r} on "
                                     f"{activity.start.astimezone(v.SHANGHAI):%a %d %b %H:%M}?"
                                     "\nCancelling keeps it visible as cancelled; deleting "
                                     "removes it (ctrl+z brings it back).", "Delete"), done)
