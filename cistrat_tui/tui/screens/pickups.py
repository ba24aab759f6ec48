"""The pickups view: every trainee's own flight in and out, the leg that meets them, its
vehicle and driver; P proposes the missing pickups and drop-offs and saves them after asking.

The rows are those of the pickups list (:func:`cistrat_tui.exports.lists_travel.pickups_book`)
and the proposal is :func:`cistrat_tui.core.planning.pickups.propose_transfers`, the same as
``cistrat-tui pickups --apply``; the new legs are ordinary planned activities, edited in the
schedule like any other (vehicle, driver, times), and the whole proposal is one undo step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from cistrat_tui.core.planning.pickups import Transfer, propose_transfers
from cistrat_tui.core.planning.travel import TravelModel
from cistrat_tui.core.records.model import Site
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.exports.lists_travel import pickups_book
from cistrat_tui.tui.screens.dialogs import Confirm

if TYPE_CHECKING:
    from cistrat_tui.tui.app import CistratApp


def proposals(workshop: Workshop) -> list[Transfer]:
    """The pickups and drop-offs still missing, with road times from the travel model."""
    travel = TravelModel.default()

    def road(a: Site, b: Site) -> int | None:
        if not (a.has_coordinates and b.has_coordinates):
            return None
        return travel.estimate(a, b).minutes

    return propose_transfers(workshop, road)


COLUMNS = ("Day", "Leg", "Way", "Trainee", "Flight", "Flight time", "Airport", "Terminal",
           "Vehicle", "Plate", "Driver", "Driver phone")


def _english(text: str) -> str:
    """The English part of a bilingual cell ('Pickup 接机' -> 'Pickup')."""
    return "".join(ch for ch in text if ord(ch) < 0x2E80).strip()


def pickup_rows(workshop: Workshop) -> list[tuple[str, ...]]:
    """The rows of the view, from the pickups list: who and which flight first."""
    rows = []
    for sheet in pickups_book(workshop).sheets:
        for row in sheet.rows:
            time, way, airport, terminal, flight, when, trainee, _hotel, *vehicle = map(str, row)
            rows.append((sheet.name, _english(time) or "none yet", _english(way), trainee,
                         flight, when[11:], _english(airport), terminal, *vehicle))
    return rows


class PickupsScreen(ModalScreen[None]):
    """Airport pickups and drop-offs; P proposes the missing ones, escape closes."""

    DEFAULT_CSS = """
    PickupsScreen { align: center middle; }
    PickupsScreen #pickups-box { width: 96%; height: 90%; border: round $primary;
                                 background: $surface; padding: 0 1; }
    PickupsScreen #pickups-table { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("P", "propose", "Propose missing", id="pickups.propose",
                tooltip="Propose the missing pickups and drop-offs from the flights and "
                        "save them as planned legs (after asking)."),
        Binding("escape", "close", "Close", id="pickups.close"),
    ]

    def __init__(self, workshop: Workshop) -> None:
        super().__init__(id="pickups")
        self.workshop = workshop

    def compose(self) -> ComposeResult:
        with Vertical(id="pickups-box") as box:
            box.border_title = "Airport pickups and drop-offs"
            yield Static("", id="pickups-summary")
            yield DataTable(id="pickups-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#pickups-table", DataTable)
        table.add_columns(*COLUMNS)
        self.refresh_view()
        table.focus()

    def refresh_view(self) -> None:
        table = self.query_one("#pickups-table", DataTable)
        table.clear()
        rows = pickup_rows(self.workshop)
        for row in rows:
            table.add_row(*row)
        missing = sum(1 for row in rows if row[1] == "none yet")
        flights = "no flights recorded yet" if not rows else f"{len(rows)} flights"
        hint = f"; {missing} without a leg: press P to propose" if missing else ""
        self.query_one("#pickups-summary", Static).update(
            f"{flights}{hint}. Legs are edited in the schedule.")

    def action_propose(self) -> None:
        found = proposals(self.workshop)
        if not found:
            self.notify("Nothing to propose: every flight has its leg.", timeout=4)
            return
        listed = "\n".join(f"{t.start:%a %d %b %H:%M} {'join: ' if t.joins else ''}"
                           f"{t.title()} ({len(t.trainees)})" for t in found[:8])
        more = f"\n... and {len(found) - 8} more" if len(found) > 8 else ""

        def done(yes: bool | None) -> None:
            if not yes:
                return
            app: CistratApp = self.app  # type: ignore[assignment]
            try:
                app.history.apply_many(app.store, [(t.joins, t.activity()) for t in found],
                                       f"Proposed {len(found)} airport transfers")
            except Exception as error:  # the store keeps the file as it was on any error
                self.notify(f"{error}. Nothing was saved.", title="Not saved",
                            severity="error", timeout=10)
                return
            app.workshop_changed()
            self.workshop = app.store.workshop
            self.refresh_view()
            self.notify(f"Saved {len(found)} planned legs; give each a vehicle.", timeout=5)

        self.app.push_screen(Confirm(f"Save these {len(found)} planned legs?\n{listed}{more}",
                                     "Save"), done)

    def action_close(self) -> None:
        self.dismiss(None)
