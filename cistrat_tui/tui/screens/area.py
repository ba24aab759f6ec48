"""What every area screen (overview, schedule, problems) shares: header, footer, the store,
and redrawing itself when the workshop changed while it was out of sight."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header, Input

from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.widgets.inputs import LeavingInput
from cistrat_tui.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from cistrat_tui.tui.app import CistratApp


def counted(number: int, noun: str) -> str:
    """'1 error', '2 errors'."""
    return f"{number} {noun}" + ("" if number == 1 else "s")


class AreaScreen(Screen[None]):
    """A base screen of one of the app's modes."""

    def __init__(self) -> None:
        super().__init__()
        self._seen_generation = -1

    @property
    def cistrat(self) -> CistratApp:
        return cast("CistratApp", self.app)

    @property
    def store(self) -> WorkshopStore:
        return self.cistrat.store

    @property
    def workshop(self) -> Workshop:
        return self.cistrat.store.workshop

    def compose_header(self) -> ComposeResult:
        yield Header()

    def compose_footer(self) -> ComposeResult:
        yield KeyBar()

    def on_mount(self) -> None:
        self.cistrat.area_screens.append(self)

    def on_unmount(self) -> None:
        if self in self.cistrat.area_screens:
            self.cistrat.area_screens.remove(self)

    def focus_home(self) -> None:
        """Give the focus to the area's main list (Esc in one of its text fields); by
        default the first widget that is not a text field."""
        for widget in self.focus_chain:
            if not isinstance(widget, Input):
                widget.focus()
                return
        self.set_focus(None)

    @on(LeavingInput.Left)
    def _left_field(self, event: LeavingInput.Left) -> None:
        event.stop()
        self.focus_home()

    def refresh_view(self) -> None:
        """Redraw from the workshop; areas override it."""

    def mark_drawn(self) -> None:
        """The screen has just been drawn from the workshop as it is now (in compose)."""
        self._seen_generation = self.cistrat.generation

    def sync(self) -> None:
        """Redraw if the workshop changed since this screen last drew it."""
        if self._seen_generation != self.cistrat.generation:
            self._seen_generation = self.cistrat.generation
            self.refresh_view()

    def on_screen_resume(self) -> None:
        self.sync()

    def problems_changed(self) -> None:
        """The checks found a new list of problems; areas that show them override this."""
