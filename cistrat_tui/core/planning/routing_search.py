"""The iterated local search for the order of many stops: a nearest-neighbour path, a descent
with the moves of :mod:`routing_moves`, then kicks (two short neighbouring stretches swapped,
a local double bridge), each repaired by a descent and kept when the path is no dearer; the
stretches between cities are reordered whenever a kick gains, and at the end the cheapest
exchanges of stretches are tried as kicks of their own (one that looks dearer may gain once
the cities' ends are repaired). Everything is deterministic: the kicks come from a seeded
generator and their number from the size, never from a clock.
"""

from __future__ import annotations

import random

from cistrat_tui.core.planning.routing_moves import (
    EPSILON,
    PathSearch,
    Rows,
    is_symmetric,
    neighbour_lists,
)

KICKS_PER_STOP = 0.75  # kicks of the iterated local search per stop, at least KICKS_MIN
KICKS_MIN = 150
KICK_WIDTH = 8  # the longest stretch a kick moves
STRETCH_KICKS = 40  # after the kicks: the cheapest exchanges of stretches tried as kicks...
STRETCH_ROUNDS = 2  # ...again after one that gains, at most this many times


def nearest_neighbour_path(rows: Rows, neighbours: list[list[int]]) -> list[int]:
    """A first path from node 0 to the last node: always on to the nearest node not yet
    visited (the last node comes last)."""
    n = len(rows)
    last = n - 1
    visited = [False] * n
    visited[0] = visited[last] = True
    path = [0]
    here = 0
    for _ in range(n - 2):
        following = next((v for v in neighbours[here] if not visited[v]), None)
        if following is None:  # a short asymmetric list: look at every node
            following = min((v for v in range(n) if not visited[v]),
                            key=lambda v: (rows[here][v], v))
        visited[following] = True
        path.append(following)
        here = following
    path.append(last)
    return path


def iterated_search(rows: Rows, *, kicks: int | None = None, seed: int = 20270307,
                    symmetric: bool | None = None) -> list[int]:
    """A cheap path from node 0 to the last node of ``rows``: nearest neighbour, descent, then
    ``kicks`` kicks (default :data:`KICKS_PER_STOP` per stop, at least :data:`KICKS_MIN`),
    each a local double bridge repaired by descent and kept when the path is no dearer, then
    the :data:`STRETCH_KICKS` cheapest exchanges of stretches, each kept when it gains."""
    n = len(rows)
    if n <= 3:
        return list(range(n))
    symmetric = is_symmetric(rows) if symmetric is None else symmetric
    neighbours = neighbour_lists(rows, symmetric)
    search = PathSearch(rows, nearest_neighbour_path(rows, neighbours), symmetric=symmetric,
                        neighbours=neighbours)
    search.descend(search.path)
    search.reorder_stretches()
    inner = n - 2
    if inner < 8:
        return search.path
    rng = random.Random(seed)
    rounds = kicks if kicks is not None else max(KICKS_MIN, int(KICKS_PER_STOP * inner))
    width = min(KICK_WIDTH, (inner - 1) // 3)
    best = search.snapshot()
    for _ in range(rounds):
        a = rng.randrange(1, inner - 2 * width + 2)
        b = a + rng.randint(1, width)
        c = min(n - 1, b + rng.randint(1, width))
        path = search.path
        ends = {path[a - 1], path[a], path[b - 1], path[b], path[c - 1], path[c]}
        search.swap_runs(a, b, c)
        search.descend(sorted(ends, key=search.position.__getitem__))
        if search.cost < best[3] - EPSILON:
            search.reorder_stretches()
        if search.cost <= best[3] + EPSILON:
            best = search.snapshot()
        else:
            search.restore(best)
    for _ in range(STRETCH_ROUNDS):
        for delta, move in search.stretch_moves()[:STRETCH_KICKS]:
            search.apply_stretch_move(delta, move)
            if search.cost < best[3] - EPSILON:
                best = search.snapshot()
                break
            search.restore(best)
        else:
            break
    return search.path
