"""A read-only viewer for a plain-text file (a printed itinerary) inside the app."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from cistrat_tui.tui.widgets.key_bar import KeyBar


class TextViewer(ModalScreen[None]):
    """Shows a text file, scrollable and searchable by eye; nothing can be typed into it."""

    DEFAULT_CSS = """
    TextViewer { align: center middle; }
    #viewer-box { width: 96%; height: 96%; border: round $accent; background: $surface; }
    #viewer-path { height: 1; padding: 0 1; color: $text-muted; }
    #viewer-text { height: 1fr; border: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="viewer.close",
                tooltip="Close the viewer and go back to the exports."),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__(id="text-viewer")
        self.path = path

    def compose(self) -> ComposeResult:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            text = f"Cannot read {self.path}: {error}"
        with Vertical(id="viewer-box") as box:
            box.border_title = self.path.name
            yield Static(str(self.path), id="viewer-path")
            yield TextArea(text, read_only=True, soft_wrap=False, show_line_numbers=True,
                           id="viewer-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#viewer-text", TextArea).focus()

    def action_close(self) -> None:
        self.dismiss(None)
