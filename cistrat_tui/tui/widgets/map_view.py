"""A widget that draws the map of eastern China (see map_layout) at whatever size it is given."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from cistrat_tui.tui.widgets.map_layout import City, draw_map

ROLE_STYLES = {"coast": "blue", "route": "bold yellow", "city": "bold red",
               "label": "bold", "": ""}


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
        self._drawn: tuple[tuple[object, ...], Text] | None = None

    def render(self) -> Text:
        width, height = self.content_size
        if width < 10 or height < 5:
            return Text("(too small for the map)")
        key = (self.cities, self.visits, width, height)
        if self._drawn is None or self._drawn[0] != key:  # drawn once per size and route
            self._drawn = key, map_markup(draw_map(self.cities, self.visits, width, height))
        return self._drawn[1]


def map_markup(grid: list[list[tuple[str, str]]]) -> Text:
    """The map's cells as styled text, one span per run of cells in the same role."""
    text = Text(no_wrap=True, overflow="crop")
    for number, row in enumerate(grid):
        if number:
            text.append("\n")
        run: list[str] = []
        role_now = ""
        for char, role in row:
            if role != role_now and run:
                text.append("".join(run), ROLE_STYLES.get(role_now, ""))
                run = []
            run.append(char)
            role_now = role
        if run:
            text.append("".join(run), ROLE_STYLES.get(role_now, ""))
    return text
