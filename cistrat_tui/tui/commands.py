"""The command palette's provider: every action of the app and of every area, by name, from
anywhere.

The commands come from the bindings themselves (their description and tooltip), so a new key
is in the palette without a second list to keep up to date. The area in sight comes first with
its actions' plain names; another area's actions read "Sites: Add site" and, when chosen, show
that area and run the action there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from cistrat_tui.tui.areas import AREAS, area_class

if TYPE_CHECKING:
    from cistrat_tui.tui.app import CistratApp

SKIPPED_ACTIONS = {"command_palette", "app.focus_next"}


@dataclass(frozen=True, slots=True)
class Command:
    """One entry of the palette: its name, its help and what choosing it does."""

    name: str
    help: str
    run: Callable[[], Any]


def area_commands(app: CistratApp) -> Iterator[Command]:
    """The app's actions, then the area in sight's, then every other area's."""
    seen: set[str] = set()
    for binding in Binding.make_bindings(type(app).BINDINGS):
        if _offered(binding) and binding.action not in seen:
            seen.add(binding.action)
            yield Command(binding.description, binding.tooltip,
                          partial(app.run_action, binding.action))
    for command in getattr(app, "PALETTE_COMMANDS", ()):  # actions without a key
        if command.action not in seen:
            seen.add(command.action)
            yield Command(command.name, command.help, partial(app.run_action, command.action))
    current = app.current_mode
    modes = [current, *(name for name in AREAS if name != current)]
    for mode in modes:
        screen_class = area_class(mode)
        done: set[str] = set()
        for binding in Binding.make_bindings(screen_class.BINDINGS):
            if not _offered(binding) or binding.action in done:
                continue
            done.add(binding.action)
            name = binding.description if mode == current else \
                f"{AREAS[mode]}: {binding.description}"
            yield Command(name, binding.tooltip, partial(app.run_in_area, mode, binding.action))


def _offered(binding: Binding) -> bool:
    """A binding the palette offers: one with a name, not a second key for the same thing
    (alt+digit) nor a key of the palette's own."""
    return bool(binding.description) and binding.action not in SKIPPED_ACTIONS \
        and not (binding.id or "").endswith("-anywhere")


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    """A command found only in the palette (no key): its name, the app action, a help line."""

    name: str
    action: str
    help: str


class CistratCommands(Provider):
    """Every area's commands, wherever the palette is opened."""

    def _commands(self) -> list[Command]:
        return list(area_commands(cast("CistratApp", self.app)))

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.name, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = max(matcher.match(command.name), matcher.match(command.help) * 0.8)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), command.run,
                          text=command.name, help=command.help)
