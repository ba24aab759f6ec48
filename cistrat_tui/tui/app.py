"""The Textual application: a thin shell that opens the coordinator's screens over one store.

The CLI opens the store (and reports a locked or unreadable database in one line) before the app
starts, so the app always has a working store. Screens live in their own modules.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from cistrat_tui.core.store import WorkshopStore
from cistrat_tui.tui.schedule import ScheduleScreen


class CistratApp(App[None]):
    """The coordinator's workshop app. Quit with ctrl+q."""

    CSS_PATH = "app.tcss"
    TITLE = "cistrat-tui"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", tooltip="Quit the app (everything is already saved).",
                priority=True, id="app.quit"),
    ]

    def __init__(self, store: WorkshopStore, *, notice: str = "") -> None:
        super().__init__()
        self.store = store
        self.notice = notice
        self.title = store.workshop.programme.title
        mode = " (read-only)" if store.readonly else ""
        self.sub_title = f"{store.path}{mode}"

    def get_default_screen(self) -> Screen[None]:
        return ScheduleScreen(self.store)

    def on_mount(self) -> None:
        if self.notice:
            self.notify(self.notice, timeout=8)
