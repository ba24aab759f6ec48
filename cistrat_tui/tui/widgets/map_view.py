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

    def render(self) -> Text:
        width, height = self.content_size
        if width < 10 or height < 5:
            return Text("(too small for the map)")
        grid = draw_map(self.cities, self.visits, width, height)
        text = Text(no_wrap=True, overflow="crop")
        for number, row in enumerate(grid):
            if number:
                text.append("\n")
            for char, role in row:
                text.append(char, ROLE_STYLES.get(role, ""))
        return text
