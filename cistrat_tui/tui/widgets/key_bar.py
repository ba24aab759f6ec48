"""The footer: the screen's keys on one line, drawn by one widget.

Textual's ``Footer`` mounts a widget per key and mounts them all again whenever the focus
moves; on the overview that is 16 widgets, a third of the time the first screen takes. This one
draws the same keys (the same bindings, the user's keymap, disabled keys dimmed, the area
digits as a group, the palette key at the right) as one line of text and redraws it when the
screen's bindings change. A click presses the key under the mouse; hovering shows its tooltip."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

from cistrat_tui.tui.key_bar_layout import KeyEntry, Piece, Role, entry_at, lay_out

KEPT_BINDINGS = frozenset({"app.help"})  # shown even when an area's own keys must give way


class KeyBar(Widget, can_focus=False):
    """The keys of the current screen, one line at the bottom."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key", "key-bar--description", "key-bar--label", "key-bar--hover",
        "key-bar--disabled"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--key { color: $footer-key-foreground; text-style: bold; }
        .key-bar--description { color: $footer-description-foreground; }
        .key-bar--label { color: $footer-description-foreground; }
        .key-bar--hover { background: $block-hover-background; }
        .key-bar--disabled { text-style: dim; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pieces: list[Piece] = []
        self._hovered: KeyEntry | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def entries(self) -> tuple[list[KeyEntry], KeyEntry | None]:
        """The keys to show, in binding order (one per action), and the palette key."""
        app = self.app
        shown: list[KeyEntry] = []
        actions: set[str] = set()
        palette: KeyEntry | None = None
        for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items():
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = self._entry(binding, enabled, tooltip or binding.description)
                continue
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            shown.append(self._entry(binding, enabled, tooltip))
        return shown, palette

    def _entry(self, binding: Binding, enabled: bool, tooltip: str) -> KeyEntry:
        group = binding.group.description if binding.group is not None else None
        return KeyEntry(binding.key, self.app.get_key_display(binding), binding.description,
                        enabled, tooltip, group,
                        keep=group is not None or binding.id in KEPT_BINDINGS)

    def render(self) -> Text:
        shown, palette = self.entries()
        self.pieces = lay_out(shown, palette, self.size.width)
        styles = {role: self.get_component_rich_style(f"key-bar--{role.value}")
                  for role in (Role.KEY, Role.DESCRIPTION, Role.LABEL)}
        hover = self.get_component_rich_style("key-bar--hover")
        disabled = self.get_component_rich_style("key-bar--disabled")
        line = Text(no_wrap=True, overflow="crop")
        for piece in self.pieces:
            line.append(" " * (piece.start - len(line)))
            style = styles.get(piece.role, Style())
            if piece.entry is not None and not piece.entry.enabled:
                style += disabled
            if piece.entry is not None and piece.entry == self._hovered:
                style += hover
            line.append(piece.text, style)
        return line

    def on_click(self, event: events.Click) -> None:
        entry = entry_at(self.pieces, event.x)
        if entry is None:
            return
        event.stop()
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        entry = entry_at(self.pieces, event.x)
        if entry != self._hovered:
            self._hovered = entry
            self.tooltip = (entry.tooltip or entry.description) if entry else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hovered is not None:
            self._hovered = None
            self.tooltip = None
            self.refresh()
