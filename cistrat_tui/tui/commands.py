"""The command palette's provider: every action of the app and of the area in sight, by name.

The commands come from the bindings themselves (their description and tooltip), so a new key
is in the palette without a second list to keep up to date.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    """A command found only in the palette (no key): its name, the app action, a help line."""

    name: str
    action: str
    help: str


class CistratCommands(Provider):
    """Commands of the screen in sight, then the app's, then the app's palette-only ones."""

    def _commands(self) -> Iterator[tuple[str, str, DOMNode, str]]:
        seen: set[str] = set()
        yield from self._bindings(seen)
        for command in getattr(self.app, "PALETTE_COMMANDS", ()):
            if command.action not in seen:
                seen.add(command.action)
                yield command.name, command.help, self.app, command.action

    def _bindings(self, seen: set[str]) -> Iterator[tuple[str, str, DOMNode, str]]:
        for node in (self.screen, self.app):
            for _key, binding in node._bindings:
                action = binding.action.removeprefix("app.")
                if not binding.description or action in seen or action == "command_palette":
                    continue
                seen.add(action)
                yield binding.description, binding.tooltip or "", node, binding.action

    async def discover(self) -> Hits:
        for name, tip, node, action in self._commands():
            yield DiscoveryHit(name, partial(self.app.run_action, action, node), help=tip)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, tip, node, action in self._commands():
            score = max(matcher.match(name), matcher.match(tip) * 0.8)
            if score > 0:
                run = partial(self.app.run_action, action, node)
                yield Hit(score, matcher.highlight(name), run, text=name, help=tip)
