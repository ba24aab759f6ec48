"""The bookings area: open items by deadline, filters, one-key marks that undo, Enter jumps."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, Input

from cistrat_tui.core.records.booking import BookingItem, BookingState
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.app import CistratApp
from cistrat_tui.tui.screens import bookings as bookings_module
from cistrat_tui.tui.screens.bookings import BookingsScreen
from cistrat_tui.tui.screens.schedule import ScheduleScreen
from tests.core.bookings.test_todo import programme
from tests.tui.conftest import SIZE
from tests.tui.helpers import settle

TODAY = date(2027, 2, 22)


@pytest.fixture
def bookings_store(tmp_path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(bookings_module, "today", lambda: TODAY)
    workshop, _ = programme()
    with WorkshopStore.open(tmp_path / "w.json", create_from=lambda: workshop) as store:
        yield store


def rows(app: CistratApp) -> list[list[str]]:
    table = app.screen.query_one("#bookings-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]


async def test_open_bookings_overdue_first_and_marks_that_undo(
        bookings_store: WorkshopStore, checker) -> None:  # type: ignore[no-untyped-def]
    app = CistratApp(bookings_store, checker=checker, mode="bookings")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BookingsScreen)
        shown = rows(app)
        assert len(shown) == 9
        assert [r[1] for r in shown[:4]] == ["overdue 15 d", "overdue 14 d", "overdue 6 d",
                                             "overdue 1 d"]
        assert shown[3][2] == "train tickets" and shown[3][6] == "○ to book"
        heading = str(app.screen.query_one("#bookings-heading").render())
        assert "9 open bookings, 4 overdue" in heading
        # c confirms the first (the Beijing hotel): it leaves the open list, one undo step.
        await pilot.press("c")
        await settle(pilot)
        stored = list(bookings_store.workshop.bookings.values())
        assert [(b.item, b.state, b.confirmed_on) for b in stored] == [
            (BookingItem.HOTEL, BookingState.CONFIRMED, TODAY)]
        assert len(rows(app)) == 8
        await pilot.press("a")  # all: the confirmed one shows again, as done
        await settle(pilot)
        assert any(r[1] == "done" and r[6] == "● confirmed" for r in rows(app))
        await pilot.press("a")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert bookings_store.workshop.bookings == {}
        assert len(rows(app)) == 9
        # r marks the highlighted one requested, with today's date.
        await pilot.press("r")
        await settle(pilot)
        (requested,) = bookings_store.workshop.bookings.values()
        assert requested.state is BookingState.REQUESTED and requested.requested_on == TODAY


async def test_filter_and_reference_and_enter(bookings_store: WorkshopStore,
                                              checker) -> None:  # type: ignore[no-untyped-def]
    app = CistratApp(bookings_store, checker=checker, mode="bookings")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#bookings-filter", Input).value = "train"
        await settle(pilot)
        assert [r[2] for r in rows(app)] == ["train tickets"]
        app.screen.query_one("#bookings-table", DataTable).focus()
        await pilot.press("f")
        await settle(pilot)
        prompt = app.screen
        inputs = list(prompt.query(Input))
        inputs[0].value, inputs[1].value = "12306 group desk", "E998877"
        inputs[1].focus()
        await pilot.press("enter")
        await settle(pilot)
        (booking,) = bookings_store.workshop.bookings.values()
        assert (booking.supplier, booking.reference) == ("12306 group desk", "E998877")
        assert rows(app)[0][7] == "E998877"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ScheduleScreen)
        assert app.screen.selected_activity is not None
        assert app.screen.selected_activity.title == "Train to Shanghai"
