"""A map of eastern China for the terminal, as characters: coast, cities and the route.

Free of Textual so the projection and the drawing can be tested alone. Latitude and longitude
are projected equirectangularly (longitude shrunk by the cosine of the middle latitude) onto a
canvas of Braille dots, two across and four down in each character cell, which makes the dots
about square in a terminal. Cities are marked with a dot and labelled beside it where the label
fits; the route joins the cities in the order the group reaches them.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cistrat_tui.core.records.workshop import Workshop

# City centres (WGS84) of the six cities the programme visits; other cities come from their sites.
CITY_CENTRES: dict[str, tuple[float, float]] = {
    "Beijing": (39.904, 116.407), "Shanghai": (31.230, 121.474),
    "Wuhan": (30.593, 114.305), "Hangzhou": (30.274, 120.155),
    "Suzhou": (31.299, 120.585), "Guangzhou": (23.129, 113.264),
}
# A coarse coastline from the Yalu river to the Leizhou peninsula, north to south.
COAST: tuple[tuple[float, float], ...] = (
    (40.1, 124.4), (39.6, 123.0), (38.9, 121.6), (39.6, 121.5), (40.7, 122.2), (40.5, 121.0),
    (39.9, 119.6), (39.0, 117.7), (38.4, 117.6), (37.6, 118.9), (37.2, 119.9), (37.8, 120.8),
    (37.5, 122.5), (36.9, 122.2), (36.1, 120.4), (35.4, 119.5), (34.7, 119.4), (33.4, 120.6),
    (32.2, 121.6), (31.8, 121.9), (31.0, 121.9), (30.6, 121.3), (30.3, 120.6), (30.0, 121.6),
    (29.5, 121.9), (28.7, 121.5), (27.9, 120.9), (27.0, 120.2), (26.0, 119.6), (24.9, 118.7),
    (24.5, 118.1), (23.3, 116.7), (22.8, 115.4), (22.3, 114.2), (22.2, 113.5), (21.8, 112.3),
    (21.2, 110.4), (20.3, 110.2),
)
# What the map always shows, widened to take in any city in use.
DEFAULT_BOUNDS = (20.0, 42.0, 108.0, 125.0)  # south, north, west, east
BRAILLE_BASE = 0x2800
# Braille dot bits by (column, row) inside a cell.
DOT_BITS = {(0, 0): 0x01, (0, 1): 0x02, (0, 2): 0x04, (1, 0): 0x08, (1, 1): 0x10,
            (1, 2): 0x20, (0, 3): 0x40, (1, 3): 0x80}
CITY_MARK = "●"


@dataclass(frozen=True, slots=True)
class City:
    """A city on the map and where it is."""

    name: str
    lat: float
    lon: float


def cities_in_use(workshop: Workshop) -> list[City]:
    """The six cities and every other city whose sites the activities use; a city's position is
    the mean of its sites with coordinates, or its centre when none has any."""
    points: dict[str, list[tuple[float, float]]] = {name: [] for name in CITY_CENTRES}
    for activity in workshop.activities.values():
        for site_id in activity.site_ids():
            site = workshop.sites.get(site_id)
            if site is None:
                continue
            spots = points.setdefault(site.city, [])
            if site.lat is not None and site.lon is not None:
                spots.append((site.lat, site.lon))
    cities = []
    for name, spots in points.items():
        if name in CITY_CENTRES:
            lat, lon = CITY_CENTRES[name]
        elif spots:
            lat = sum(p[0] for p in spots) / len(spots)
            lon = sum(p[1] for p in spots) / len(spots)
        else:
            continue
        cities.append(City(name, lat, lon))
    return cities


def route(workshop: Workshop) -> list[str]:
    """The cities in the order the group reaches them (not cancelled activities, in time
    order), each stay in a city once until the group moves on."""
    order: list[str] = []
    for activity in workshop.ordered_activities():
        if activity.cancelled:
            continue
        for site_id in (activity.site_id, activity.from_site_id, activity.to_site_id):
            site = workshop.sites.get(site_id) if site_id else None
            if site is not None and (not order or order[-1] != site.city):
                order.append(site.city)
    return order


@dataclass(frozen=True, slots=True)
class Projection:
    """Latitude and longitude to dot positions on a canvas ``width`` x ``height`` dots."""

    south: float
    north: float
    west: float
    east: float
    width: int
    height: int

    @classmethod
    def fit(cls, points: Iterable[tuple[float, float]], width: int, height: int,
            bounds: tuple[float, float, float, float] = DEFAULT_BOUNDS) -> Projection:
        """The projection that shows ``bounds`` and every point, centred, keeping shapes."""
        south, north, west, east = bounds
        for lat, lon in points:
            south, north = min(south, lat - 1), max(north, lat + 1)
            west, east = min(west, lon - 1), max(east, lon + 1)
        shrink = math.cos(math.radians((south + north) / 2))
        span_x, span_y = (east - west) * shrink, north - south
        scale = min(width / span_x, height / span_y) if span_x and span_y else 1.0
        # Widen the smaller side so the map is centred and not stretched.
        extra_x = (width / scale - span_x) / shrink / 2
        extra_y = (height / scale - span_y) / 2
        return cls(south - extra_y, north + extra_y, west - extra_x, east + extra_x,
                   width, height)

    def dot(self, lat: float, lon: float) -> tuple[int, int]:
        """The dot (x from the left, y from the top) nearest to a point, clamped to the canvas."""
        x = (lon - self.west) / (self.east - self.west) * (self.width - 1)
        y = (self.north - lat) / (self.north - self.south) * (self.height - 1)
        return (min(max(round(x), 0), self.width - 1), min(max(round(y), 0), self.height - 1))


def line_dots(a: tuple[int, int], b: tuple[int, int]) -> list[tuple[int, int]]:
    """The dots of a straight line from ``a`` to ``b`` (Bresenham), both ends included."""
    (x0, y0), (x1, y1) = a, b
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x1 >= x0 else -1), (1 if y1 >= y0 else -1)
    err, dots = dx + dy, []
    while True:
        dots.append((x0, y0))
        if (x0, y0) == (x1, y1):
            return dots
        twice = 2 * err
        if twice >= dy:
            err += dy
            x0 += sx
        if twice <= dx:
            err += dx
            y0 += sy


Cell = tuple[str, str]  # (character, role): role is "", "coast", "route", "city" or "label"


def draw_map(cities: Sequence[City], visits: Sequence[str], columns: int,
             rows: int) -> list[list[Cell]]:
    """The map as ``rows`` lines of ``columns`` cells: coast, route, city marks and labels."""
    columns, rows = max(columns, 1), max(rows, 1)
    projection = Projection.fit(((c.lat, c.lon) for c in cities), columns * 2, rows * 4)
    layers: dict[str, dict[tuple[int, int], int]] = {"coast": {}, "route": {}}

    def plot(layer: str, dots: Iterable[tuple[int, int]]) -> None:
        cells = layers[layer]
        for x, y in dots:
            key = (x // 2, y // 4)
            cells[key] = cells.get(key, 0) | DOT_BITS[(x % 2, y % 4)]

    coast = [projection.dot(lat, lon) for lat, lon in COAST]
    for a, b in itertools.pairwise(coast):
        plot("coast", line_dots(a, b)[::2])  # dotted: the coast is background
    where = {c.name: projection.dot(c.lat, c.lon) for c in cities}
    stops = [where[name] for name in visits if name in where]
    for a, b in itertools.pairwise(stops):
        plot("route", line_dots(a, b))
    grid: list[list[Cell]] = [[(" ", "")] * columns for _ in range(rows)]
    for layer in ("coast", "route"):  # the route is drawn over the coast
        for (cx, cy), bits in layers[layer].items():
            old = grid[cy][cx]
            if old[1] == "coast" and layer == "route":
                bits |= ord(old[0]) - BRAILLE_BASE
            grid[cy][cx] = (chr(BRAILLE_BASE + bits), layer)
    marks = {name: (x // 2, y // 4) for name, (x, y) in where.items()}
    for cx, cy in marks.values():
        grid[cy][cx] = (CITY_MARK, "city")
    taken = set(marks.values())
    for city in sorted(cities, key=lambda c: -c.lat):  # north first: it has the most room
        _place_label(grid, taken, set(marks.values()), city.name, marks[city.name])
    return grid


def _place_label(grid: list[list[Cell]], taken: set[tuple[int, int]],
                 marks: set[tuple[int, int]], name: str, mark: tuple[int, int]) -> None:
    """Write ``name`` right or left of its mark, on its row or the next ones, where it fits
    and does not touch another city's mark (which would read as that city's label)."""
    rows, columns = len(grid), len(grid[0])
    cx, cy = mark
    width = len(name)
    for dy in (0, 1, -1):
        y = cy + dy
        if not 0 <= y < rows:
            continue
        for x in (cx + 1, cx - width):
            cells = [(x + n, y) for n in range(width)]
            if x < 0 or x + width > columns or any(c in taken for c in cells):
                continue
            ends = {(x - 1, y), (x + width, y)} - {mark}
            if ends & marks:
                continue
            for n, cell in enumerate(cells):
                grid[y][cell[0]] = (name[n], "label")
            taken.update(cells)
            taken.update({(x - 1, y), (x + width, y)})  # keep a gap to the next label
            return


def map_text(grid: Sequence[Sequence[Cell]]) -> list[str]:
    """The map's lines as plain text (for tests and logs)."""
    return ["".join(char for char, _ in row) for row in grid]
