"""The help screen: every key of the app and of the area below, from the bindings themselves."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

INTRO = ("Every change is saved at once; ctrl+z takes it back, ctrl+y makes it again. "
         "ctrl+p opens the command palette (every action by name); ctrl+q quits.")


def key_rows(screen: Screen[object]) -> list[tuple[str, str]]:
    """(keys, what they do) for every binding active on ``screen``: its own, then the app's."""
    found: dict[str, tuple[list[str], str]] = {}
    for node in (screen, screen.app):
        for _key, binding in node._bindings:
            what = binding.tooltip or binding.description
            if not what or binding.action in ("command_palette",):
                continue
            keys, _ = found.setdefault(binding.action, ([], what))
            shown = binding.key_display or screen.app.get_key_display(binding)
            if shown not in keys:
                keys.append(shown)
    return [(" ".join(keys), what) for keys, what in found.values()]


def key_table(screen: Screen[object]) -> Table:
    """The keys active on ``screen`` as a two-column table."""
    table = Table(box=None, expand=True, show_header=False, padding=(0, 2, 0, 0))
    table.add_column("Key", no_wrap=True, style="bold")
    table.add_column("Does")
    for keys, what in key_rows(screen):
        table.add_row(keys, what)
    return table


class HelpScreen(ModalScreen[None]):
    """Lists every key; escape, F1 or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q,question_mark", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, below: Screen[object]) -> None:
        super().__init__(id="help")
        self.below = below

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys (escape closes)"
            yield Static(INTRO, id="help-intro")
            yield Static(key_table(self.below), id="help-keys")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
