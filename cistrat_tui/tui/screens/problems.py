"""The problems area: what the checks found, errors first; Enter shows the activity at fault."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from cistrat_tui.tui.problem_source import ProblemLike
from cistrat_tui.tui.screens.area import AreaScreen, counted
from cistrat_tui.tui.widgets.weighted_table import TableColumn, WeightedTable

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow"}
MESSAGE_WIDTH = 200
NIGHT_WITHOUT_HOTEL = "night-without-hotel"  # Enter opens a stay form for that night
COLUMNS = (TableColumn.fitted("Severity", "severity"), TableColumn.fitted("Day", "day"),
           TableColumn.fitted("Code", "code", fit_max=20),
           TableColumn.weighted("Problem", "problem", minimum=20))


def sorted_problems(problems: list[ProblemLike]) -> list[ProblemLike]:
    """Errors before warnings, then by day (problems without a day last)."""
    return sorted(problems, key=lambda p: (p.severity != "error",
                                           p.day is None, p.day or 0, p.message))


class ProblemsScreen(AreaScreen):
    """The list of problems; Enter jumps to the record at fault."""

    DEFAULT_CSS = """
    #problems-heading { height: 1; padding: 0 1; text-style: bold; }
    #problems-table { height: 1fr; border: round $primary-muted; }
    #problem-detail { height: 3; padding: 0 1; border-top: solid $primary-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "show_record", "Show in schedule", id="problems.show",
                tooltip="Show the activity this problem is about in the schedule (for a "
                        "night without a hotel: add the stay)."),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._shown: list[ProblemLike] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static(id="problems-heading")
        table = WeightedTable(COLUMNS, id="problems-table")
        table.border_title = "Problems"
        yield table
        yield Static(id="problem-detail")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#problems-table", DataTable).focus()

    def refresh_view(self) -> None:
        self.problems_changed()

    def problems_changed(self) -> None:
        table = self.query_one("#problems-table", WeightedTable)
        heading = self.query_one("#problems-heading", Static)
        if self.cistrat.problems_generation < 0:
            heading.update("Checking the programme...")
            return
        shown = sorted_problems(self.cistrat.problems)
        if [(p.code, p.message) for p in shown] == [(p.code, p.message) for p in self._shown] \
                and table.row_count == len(shown):
            return
        row = table.cursor_row
        self._shown = shown
        table.show_rows((str(number), (
            Text(problem.severity, SEVERITY_STYLES.get(problem.severity, "")),
            f"{problem.day:%a %d %b}" if problem.day else "", problem.code, problem.message))
            for number, problem in enumerate(shown))
        if shown:
            table.move_cursor(row=min(max(row, 0), len(shown) - 1))
        errors = sum(1 for p in shown if p.severity == "error")
        heading.update(f"{counted(len(shown), 'problem')}: {counted(errors, 'error')}, "
                       f"{counted(len(shown) - errors, 'warning')}. Enter shows the activity."
                       if shown else "No problems found.")
        self._show_detail(table.cursor_row)

    @on(DataTable.RowHighlighted, "#problems-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    def _show_detail(self, row: int) -> None:
        detail = self.query_one("#problem-detail", Static)
        detail.update(self._shown[row].message if 0 <= row < len(self._shown) else "")

    @on(DataTable.RowSelected, "#problems-table")
    async def _selected(self, event: DataTable.RowSelected) -> None:
        await self.action_show_record()

    async def action_show_record(self) -> None:
        """Show the activity the highlighted problem is about."""
        row = self.query_one("#problems-table", DataTable).cursor_row
        if not 0 <= row < len(self._shown):
            return
        problem = self._shown[row]
        ids = list(problem.record_ids)
        if problem.code == NIGHT_WITHOUT_HOTEL and problem.day is not None:
            self.cistrat.add_stay_for_night(problem.day, ids[0] if ids else None)
            return
        await self.cistrat.jump_to(ids[0] if ids else None, problem.day)
