"""The command palette's provider: every action of the app and of the area in sight, by name.

The commands come from the bindings themselves (their description and tooltip), so a new key
is in the palette without a second list to keep up to date.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode


class CistratCommands(Provider):
    """Commands of the screen in sight, then the app's."""

    def _commands(self) -> Iterator[tuple[str, str, DOMNode, str]]:
        seen: set[str] = set()
        for node in (self.screen, self.app):
            for _key, binding in node._bindings:
                if not binding.description or binding.action in seen \
                        or binding.action == "command_palette":
                    continue
                seen.add(binding.action)
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
