"""The bookings area: everything still to book or confirm, overdue first, then by deadline.

Filter by typing a kind or a city; ``a`` shows confirmed items too. Enter shows the activity or
stay in the schedule; ``r`` marks the highlighted item requested, ``c`` confirmed (today, by the
coordinator), ``u`` back to be booked, ``f`` records the supplier and their reference. Each
change is one undoable step.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Input, Static

from cistrat_tui.core.bookings.todo import TodoItem, todo_list
from cistrat_tui.core.records.booking import Booking, BookingState
from cistrat_tui.tui.screens.area import AreaScreen
from cistrat_tui.tui.screens.dialogs import Prompt
from cistrat_tui.tui.widgets.weighted_table import TableColumn, WeightedTable

STATE_STYLES = {BookingState.TO_BOOK: "bold", BookingState.REQUESTED: "yellow",
                BookingState.CONFIRMED: "green"}
STATE_GLYPHS = {BookingState.TO_BOOK: "○ to book", BookingState.REQUESTED: "◐ requested",
                BookingState.CONFIRMED: "● confirmed"}

COLUMNS = (TableColumn.fitted("Deadline", "due"), TableColumn.fitted("When", "when"),
           TableColumn.fitted("Booking", "booking", fit_max=28),
           TableColumn.weighted("For", "what", weight=3, minimum=16),
           TableColumn.fitted("City", "city", fit_max=12), TableColumn.fitted("Day", "day"),
           TableColumn.fitted("State", "state"),
           TableColumn.weighted("Reference", "reference", weight=1, minimum=6))


def today() -> date:
    """The day deadlines count from (a function, so tests can fix it)."""
    return date.today()


def matches(item: TodoItem, words: list[str]) -> bool:
    """Whether every word of the filter is in the item's kind, city, title or state."""
    haystack = " ".join((item.label, item.item.value, item.city, item.what,
                         item.state.value)).casefold()
    return all(word in haystack for word in words)


def when(item: TodoItem, now: date) -> Text:
    """How far off the deadline is, overdue in red."""
    left = item.days_left(now)
    if item.state is BookingState.CONFIRMED:
        return Text("done", "green")
    if item.overdue(now):
        return Text(f"overdue {-left} d", "bold red")
    return Text("due today" if left == 0 else f"in {left} d", "yellow" if left <= 7 else "")


class BookingsScreen(AreaScreen):
    """Every open booking with its deadline; mark one requested or confirmed with one key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "show_record", "Show", id="bookings.show",
                tooltip="Show the activity or stay this booking is for in the schedule."),
        Binding("r", "mark('requested')", "Requested", id="bookings.requested",
                tooltip="Mark the highlighted booking requested (asked, no final answer)."),
        Binding("c", "mark('confirmed')", "Confirmed", id="bookings.confirmed",
                tooltip="Mark the highlighted booking confirmed today."),
        Binding("u", "mark('to_book')", "To book", id="bookings.to_book", show=False,
                tooltip="Put the highlighted booking back to be booked."),
        Binding("f", "reference", "Reference", id="bookings.reference",
                tooltip="Record the supplier and their booking reference."),
        Binding("a", "toggle_all", "All/open", id="bookings.all",
                tooltip="Show confirmed bookings too, or only the open ones."),
        Binding("slash", "filter", "Filter", id="bookings.filter", show=False,
                tooltip="Type a kind or a city to filter the list."),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._shown: list[TodoItem] = []
        self.show_all = False

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static(id="bookings-heading")
        yield Input(placeholder="filter: a kind (hotel, visitor list...) or a city",
                    id="bookings-filter")
        table = WeightedTable(COLUMNS, id="bookings-table")
        table.border_title = "Bookings"
        yield table
        yield Static(id="booking-detail")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#bookings-table", DataTable).focus()

    def refresh_view(self) -> None:
        now = today()
        words = self.query_one("#bookings-filter", Input).value.casefold().split()
        items = [i for i in todo_list(self.workshop, now, include_confirmed=self.show_all)
                 if matches(i, words)]
        table = self.query_one("#bookings-table", WeightedTable)
        row = table.cursor_row
        self._shown = items
        table.show_rows((str(number), (
            f"{item.due:%a %d %b}", when(item, now), item.label, item.what, item.city,
            f"{item.day:%a %d %b}", Text(STATE_GLYPHS[item.state], STATE_STYLES[item.state]),
            item.reference)) for number, item in enumerate(items))
        if items:
            table.move_cursor(row=min(max(row, 0), len(items) - 1))
        overdue = sum(1 for i in items if i.overdue(now))
        what = "bookings" if self.show_all else "open bookings"
        self.query_one("#bookings-heading", Static).update(
            f"{len(items)} {what}, {overdue} overdue (today {now:%a %d %b %Y}). "
            "r requested, c confirmed, f reference, Enter shows it.")
        self._show_detail(table.cursor_row)

    @on(Input.Changed, "#bookings-filter")
    def _filtered(self) -> None:
        self.refresh_view()

    @on(Input.Submitted, "#bookings-filter")
    def _to_table(self) -> None:
        self.query_one("#bookings-table", DataTable).focus()

    @on(DataTable.RowHighlighted, "#bookings-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    def _show_detail(self, row: int) -> None:
        detail = self.query_one("#booking-detail", Static)
        if not 0 <= row < len(self._shown):
            detail.update("")
            return
        item = self._shown[row]
        booking = item.booking
        done = []
        if booking and booking.requested_on:
            done.append(f"requested {booking.requested_on:%d %b}")
        if booking and booking.confirmed_on:
            by = f" by {booking.confirmed_by}" if booking.confirmed_by else ""
            done.append(f"confirmed {booking.confirmed_on:%d %b}{by}")
        supplier = f"Supplier: {item.supplier}. " if item.supplier else ""
        detail.update(f"{item.label.capitalize()} for {item.what}: {item.rule.describe()} "
                      f"({'your rule' if item.rule.source == 'coordinator' else item.rule.source})."
                      f" {item.rule.note}\n{supplier}{'; '.join(done)}")

    @on(DataTable.RowSelected, "#bookings-table")
    async def _selected(self) -> None:
        await self.action_show_record()

    def _current(self) -> TodoItem | None:
        row = self.query_one("#bookings-table", DataTable).cursor_row
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def action_filter(self) -> None:
        self.query_one("#bookings-filter", Input).focus()

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        self.refresh_view()

    async def action_show_record(self) -> None:
        """Show the activity or stay of the highlighted booking in the schedule."""
        item = self._current()
        if item is not None:
            await self.cistrat.jump_to(item.record_id, item.day)

    def action_mark(self, state: str) -> None:
        """Set the highlighted booking's state (one undoable step)."""
        item = self._current()
        if item is None:
            return
        new_state = BookingState(state)
        now = today()
        old = item.booking
        base = old or Booking(item.record_id, item.item, reference=item.reference,
                              supplier=item.supplier)
        new = replace(
            base, state=new_state,
            requested_on=(base.requested_on or now) if new_state is BookingState.REQUESTED
            else base.requested_on if new_state is BookingState.CONFIRMED else None,
            confirmed_on=now if new_state is BookingState.CONFIRMED else None,
            confirmed_by=base.confirmed_by if new_state is BookingState.CONFIRMED else "")
        if new.requested_on and new.confirmed_on and new.requested_on > new.confirmed_on:
            new = replace(new, requested_on=new.confirmed_on)
        self.cistrat.change(old, new, f"{item.label.capitalize()} for {item.what[:40]}: "
                                      f"{STATE_GLYPHS[new_state][2:]}")

    def action_reference(self) -> None:
        """Ask for the supplier, their reference and who confirmed, and save them."""
        item = self._current()
        if item is None:
            return
        old = item.booking
        base = old or Booking(item.record_id, item.item, state=item.state,
                              reference=item.reference,
                              confirmed_on=today() if item.state is BookingState.CONFIRMED
                              else None)

        def check(texts: list[str]) -> str:
            return "at most 200 characters each" if any(len(t) > 200 for t in texts) else ""

        def done(answer: list[str] | None) -> None:
            if answer is None:
                return
            supplier, reference, confirmed_by = (" ".join(t.split()) for t in answer)
            new = replace(base, supplier=supplier, reference=reference,
                          confirmed_by=confirmed_by)
            if new != old:
                self.cistrat.change(old, new, f"Reference for {item.label}: {reference or '-'}")

        self.app.push_screen(Prompt(f"{item.label.capitalize()}: {item.what[:40]}",
                                    [("Supplier", base.supplier),
                                     ("Reference", base.reference),
                                     ("Confirmed by", base.confirmed_by)], check), done)
