"""The help screen: every key of the app and of the area below, from the bindings themselves."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from cistrat_tui.tui.settings import config_path

INTRO = ("Every change is saved at once; ctrl+z takes it back, ctrl+y makes it again. "
         "ctrl+p opens the command palette: every action of every area, by name. The digits "
         "switch areas outside text fields; alt+digit (or ctrl+pageup and ctrl+pagedown) "
         "switches from anywhere, and Esc leaves a text field. ctrl+q quits. Keys can be "
         "rebound by id in {config}.")


def key_rows(screen: Screen[object]) -> list[tuple[str, str, str]]:
    """(keys, what they do, binding id) for every binding active on ``screen`` (the focused
    widget's, the screen's, then the app's), keys as the settings file may have rebound
    them; bindings without an id (Textual's own cursor keys) are left out."""
    found: dict[str, tuple[list[str], str, str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        what = binding.tooltip or binding.description
        if not what or not binding.id or binding.action == "command_palette":
            continue
        keys, _, _ = found.setdefault(binding.id, ([], what, binding.id))
        shown = screen.app.get_key_display(binding)
        if shown not in keys:
            keys.append(shown)
    order = {binding_id: n for n, binding_id in enumerate(found)}
    rows = sorted(found.values(), key=lambda row: (row[2].startswith("app."), order[row[2]]))
    return [(" ".join(keys), what, binding_id) for keys, what, binding_id in rows]


def key_table(screen: Screen[object]) -> Table:
    """The keys active on ``screen`` as a table: key, what it does, the id to rebind it."""
    table = Table(box=None, expand=True, show_header=True, padding=(0, 2, 0, 0))
    table.add_column("Key", no_wrap=True, style="bold")
    table.add_column("Does")
    table.add_column("Id", no_wrap=True, style="dim")
    for keys, what, binding_id in key_rows(screen):
        table.add_row(keys, what, binding_id)
    return table


class HelpScreen(ModalScreen[None]):
    """Lists every key; escape, F1 or q closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    #help-box { width: 90%; max-width: 100; height: 90%; border: round $accent; padding: 0 1;
                background: $surface; }
    #help-intro { margin-bottom: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q,question_mark", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, below: Screen[object]) -> None:
        super().__init__(id="help")
        self.below = below

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys (escape closes)"
            yield Static(INTRO.format(config=config_path()), id="help-intro", markup=False)
            yield Static(key_table(self.below), id="help-keys")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
