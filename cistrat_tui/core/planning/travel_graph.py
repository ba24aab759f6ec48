"""Shortest journeys through the hubs: railway stations and airports joined by trains, flights
and coaches.

Every hub is a node; a row of ``rail_times.csv`` or ``flight_times.csv`` is an edge between its
two hubs (check-in buffer, the service, leaving the arrival hall), a pair of cities missing from
both tables gets an estimated edge between their main hubs, and every two hubs are joined by
road as well (a transfer between Beijing's stations, Suzhou to Shanghai's airports). All-pairs
shortest paths over these edges (Floyd-Warshall, with the path kept) give, for any two hubs,
the fastest way between them; a journey between two sites is then the better of the road
straight through and road to a hub, the hubs' shortest path, road from a hub. Edges are the
same both ways and road time is subadditive, so journeys agree in both directions and keep the
triangle inequality.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from cistrat_tui.core.records.model import TravelMode

INFINITE = float("inf")


@dataclass(frozen=True, slots=True)
class HubEdge:
    """A direct connection from hub ``a`` to hub ``b`` (indices), with its door-to-door
    minutes, how to build its leg, and a note (an estimate, a formula)."""

    a: int
    b: int
    mode: TravelMode
    minutes: int
    note: str = ""


class HubGraph:
    """All-pairs fastest paths between hubs over the edges allowed (by mode)."""

    def __init__(self, size: int, edges: Sequence[HubEdge],
                 road_minutes: Callable[[int, int], int],
                 modes: frozenset[TravelMode]) -> None:
        self.size = size
        direct = np.full((size, size), INFINITE)
        self.edge: dict[tuple[int, int], HubEdge] = {}
        for i in range(size):
            direct[i, i] = 0.0
            for j in range(size):
                if i != j:
                    road = road_minutes(i, j)
                    direct[i, j] = road
                    self.edge[(i, j)] = HubEdge(i, j, TravelMode.COACH, road)
        for edge in edges:
            if edge.mode in modes and edge.minutes < direct[edge.a, edge.b]:
                direct[edge.a, edge.b] = edge.minutes
                self.edge[(edge.a, edge.b)] = edge
        following = np.tile(np.arange(size), (size, 1))  # following[i, j]: next hub i -> j
        dist = direct.copy()
        for k in range(size):
            through = dist[:, k:k + 1] + dist[k:k + 1, :]
            better = through < dist - 1e-9
            dist = np.where(better, through, dist)
            following = np.where(better, following[:, k:k + 1], following)
        self.dist = dist
        self.following = following

    def path(self, i: int, j: int) -> list[HubEdge]:
        """The edges of the fastest path from hub ``i`` to hub ``j``."""
        edges = []
        while i != j:
            step = int(self.following[i, j])
            edges.append(self.edge[(i, step)])
            i = step
        return edges

    def best_through(self, into: np.ndarray, out_of: np.ndarray) -> tuple[float, int, int]:
        """The fastest road-hubs-road total for road minutes ``into`` each hub and ``out_of``
        each hub, with the first and last hub."""
        total = into[:, None] + self.dist + out_of[None, :]
        flat = int(np.argmin(total))
        i, j = divmod(flat, self.size)
        return float(total[i, j]), i, j
