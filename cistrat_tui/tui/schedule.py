"""The schedule screen: the programme's days on the left, the chosen day's activities beside."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from cistrat_tui.core.store import WorkshopStore
from cistrat_tui.core.workshop import Workshop
from cistrat_tui.tui.day_list import ActivityRow, activity_rows, day_rows

CANCELLED_STYLE = "strike dim"
TITLE_WIDTH = 34  # longer titles are cut in the table and shown whole below it


class ScheduleScreen(Screen[None]):
    """Day by day: pick a date, see what happens when and where."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_day", "Next day", id="schedule.next-day"),
        Binding("p", "previous_day", "Previous day", id="schedule.previous-day"),
        Binding("tab", "app.focus_next", "Other table", id="schedule.other-table"),
    ]

    def __init__(self, store: WorkshopStore) -> None:
        super().__init__(id="schedule")
        self.store = store
        self._days: list[date] = []
        self._rows: dict[str, ActivityRow] = {}

    @property
    def workshop(self) -> Workshop:
        return self.store.workshop

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="schedule-body"):
            days = DataTable(id="days", cursor_type="row", zebra_stripes=True)
            days.border_title = "Days"
            yield days
            with Vertical(id="day-pane"):
                yield Static(id="day-heading")
                activities = DataTable(id="activities", cursor_type="row", zebra_stripes=True)
                activities.border_title = "Activities"
                yield activities
                yield Static(id="activity-detail")
        yield Footer()

    def on_mount(self) -> None:
        days = self.query_one("#days", DataTable)
        days.add_columns("Date", "Day", "City")
        rows = day_rows(self.workshop)
        self._days = [row.day for row in rows]
        for row in rows:
            days.add_row(row.day.isoformat(), row.weekday, row.city, key=row.day.isoformat())
        activities = self.query_one("#activities", DataTable)
        activities.add_column("Time")
        activities.add_column("Kind")
        activities.add_column("Title", width=TITLE_WIDTH)
        activities.add_column("Where")
        if self._days:
            self.show_day(self._days[0])
        days.focus()

    @property
    def selected_day(self) -> date | None:
        """The date whose activities are shown."""
        row = self.query_one("#days", DataTable).cursor_row
        return self._days[row] if 0 <= row < len(self._days) else None

    def show_day(self, day: date) -> None:
        """Fill the activities table with ``day``'s activities, in time order."""
        table = self.query_one("#activities", DataTable)
        table.clear()
        rows = activity_rows(self.workshop, day)
        self._rows = {row.activity_id: row for row in rows}
        self.show_detail(rows[0].activity_id if rows else None)
        for row in rows:
            cells = (row.time, row.kind, row.title, row.where)
            if row.cancelled:  # struck through and dimmed, still listed
                cells = (row.time, f"{row.kind} (cancelled)", row.title, row.where)
                table.add_row(*(Text(cell, style=CANCELLED_STYLE) for cell in cells),
                              key=row.activity_id)
            else:
                table.add_row(*cells, key=row.activity_id)
        count = f"{len(rows)} item{'s' if len(rows) != 1 else ''}" if rows else "nothing planned"
        number = self._days.index(day) + 1 if day in self._days else 0
        self.query_one("#day-heading", Static).update(
            f"Day {number} of {len(self._days)}: {day:%A %d %B %Y}, {count}")

    @on(DataTable.RowHighlighted, "#days")
    def _day_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.show_day(date.fromisoformat(event.row_key.value))

    @on(DataTable.RowHighlighted, "#activities")
    def _activity_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail(event.row_key.value)

    def show_detail(self, activity_id: str | None) -> None:
        """Show the whole title, place and status of one activity under the table."""
        detail = self.query_one("#activity-detail", Static)
        row = self._rows.get(activity_id or "")
        if row is None:
            detail.update("")
            return
        detail.update(Text.assemble((row.title, "bold"), f"\n{row.time}  {row.kind}, "
                                    f"{row.status}\n{row.where}"))

    def _move_day(self, step: int) -> None:
        days = self.query_one("#days", DataTable)
        target = min(max(days.cursor_row + step, 0), len(self._days) - 1)
        days.move_cursor(row=target)

    def action_next_day(self) -> None:
        """Show the next day of the programme."""
        self._move_day(1)

    def action_previous_day(self) -> None:
        """Show the previous day of the programme."""
        self._move_day(-1)
