"""A widget that draws the map of eastern China (see map_layout) at whatever size it is given.

It draws through Textual's line API: each row of the map becomes a strip of styled segments
once per size and route, which Textual then only composes. Handing Textual the map as one
styled text instead cost the first screen about 10 ms to cut into lines on every repaint."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from cistrat_tui.tui.widgets.map_layout import City, draw_map

ROLE_STYLES = {"coast": Style.parse("blue"), "route": Style.parse("bold yellow"),
               "city": Style.parse("bold red"), "label": Style.parse("bold"), "": Style()}
TOO_SMALL = "(too small for the map)"


class MapView(Widget):
    """The trip's cities and route on a Braille map; redrawn when resized or given new data."""

    cities: reactive[tuple[City, ...]] = reactive(tuple, layout=False)
    visits: reactive[tuple[str, ...]] = reactive(tuple, layout=False)

    def show(self, cities: list[City], visits: list[str]) -> None:
        """Draw these cities and this route."""
        self.cities = tuple(cities)
        self.visits = tuple(visits)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._drawn: tuple[tuple[object, ...], list[Strip]] | None = None

    def render_line(self, y: int) -> Strip:
        width, height = self.content_size
        if width < 10 or height < 5:
            if y == 0:
                return Strip([Segment(TOO_SMALL[:width], self.rich_style)])
            return Strip.blank(width, self.rich_style)
        base = self.rich_style  # the widget's colours (theme), under the roles' own
        key = (self.cities, self.visits, width, height, base)
        if self._drawn is None or self._drawn[0] != key:  # drawn once per size and route
            self._drawn = key, map_strips(draw_map(self.cities, self.visits, width, height),
                                          base)
        strips = self._drawn[1]
        return strips[y] if 0 <= y < len(strips) else Strip.blank(width, base)

    def drawn_text(self) -> str:
        """The map as it shows now, as plain text lines."""
        return "\n".join(self.render_line(y).text for y in range(self.content_size.height))


def map_strips(grid: list[list[tuple[str, str]]], base: Style) -> list[Strip]:
    """The map's cells as strips, one segment per run of cells in the same role."""
    styles = {role: base + style for role, style in ROLE_STYLES.items()}
    strips = []
    for row in grid:
        segments: list[Segment] = []
        run: list[str] = []
        role_now = ""
        for char, role in row:
            if role != role_now and run:
                segments.append(Segment("".join(run), styles.get(role_now, base)))
                run = []
            run.append(char)
            role_now = role
        if run:
            segments.append(Segment("".join(run), styles.get(role_now, base)))
        strips.append(Strip(segments, len(row)))
    return strips
