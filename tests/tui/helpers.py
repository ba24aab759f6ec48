"""Helpers for driving the app with the Pilot."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select

from cistrat_tui.tui.app import CistratApp
from cistrat_tui.tui.screens.schedule import ScheduleScreen


async def first_checks_started(pilot: Pilot[None]) -> None:
    """Wait until the app has started its first checks (a moment after the first paint)."""
    app = pilot.app
    for _ in range(200):
        if not isinstance(app, CistratApp) or not app.first_checks_pending:
            return
        await pilot.pause(0.05)
    raise AssertionError("the first checks did not start within 10 s")


async def settle(pilot: Pilot[None]) -> None:
    """Let the screen, the messages and the checks' worker finish."""
    await pilot.pause()
    await first_checks_started(pilot)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def shown_titles(app: CistratApp) -> list[str]:
    """The titles in the schedule's activities table, top to bottom (whole, as the detail
    line shows them; the table cuts them to its width)."""
    screen = app.screen
    assert isinstance(screen, ScheduleScreen)
    table = screen.query_one("#activities", DataTable)
    assert table.row_count == len(screen.shown_rows)
    return [row.title for row in screen.shown_rows]


async def fill(pilot: Pilot[None], name: str, text: str) -> None:
    """Set a form field (an Input or a Select, by its form name) as the coordinator would."""
    widget = pilot.app.screen.query_one(f"#field-{name}")
    if isinstance(widget, Input | Select):
        widget.value = text
    await pilot.pause()


def error_beside(app: CistratApp, name: str) -> str:
    """The error shown beside a form field ('' when none)."""
    return str(app.screen.query_one(f"#error-{name}").render())
