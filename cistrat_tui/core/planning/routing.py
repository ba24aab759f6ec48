"""The order of stops: the shortest path from a start through every stop to an end.

Costs come from a matrix (door-to-door travel minutes), so the same instance can be handed to
another solver. Up to :data:`EXACT_LIMIT` stops the unconstrained optimum comes from Held-Karp
dynamic programming over subsets; when the schedule refuses it, a branch and bound searches the
orders the schedule accepts, within a time budget. Beyond that, or when the budget runs out,
iterated local search (:mod:`routing_search`, with the moves of :mod:`routing_moves`: 2-opt
and Or-opt through neighbour lists, whole stretches exchanged between the dearest edges, local
double-bridge kicks). The heuristics are deterministic (a number of kicks set by the size, a
seeded generator); only the exact search's budget reads a clock, and a route says what was
proved (:attr:`Route.claim`): "optimal order", or how far it may be from a lower bound.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cistrat_tui.core.planning.routing_search import iterated_search

Matrix = Sequence[Sequence[float]]
EXACT_LIMIT = 12
INFINITY = float("inf")
TIME_BUDGET_SECONDS = 5.0  # the exact search's limit before the heuristic answers instead
CLOCK_EVERY = 16  # nodes of the branch and bound between two looks at the clock


@dataclass(frozen=True, slots=True)
class Route:
    """Stops in visiting order, the path's cost, whether it is proven optimal (among the
    orders allowed), and a lower bound on the cost of any order."""

    order: tuple[int, ...]
    cost: float
    optimal: bool
    lower_bound: float = 0.0

    @property
    def gap(self) -> float:
        """How far above the lower bound the cost may be, as a fraction (0 when proved)."""
        if self.optimal or not self.order or self.lower_bound <= 0:
            return 0.0
        return max(0.0, self.cost / self.lower_bound - 1)

    @property
    def claim(self) -> str:
        """What was proved, in words, for the coordinator."""
        if not self.order:
            return "no order fits"
        if self.optimal:
            return "optimal order"
        return f"best found; within {self.gap * 100:.1f}% of the lower bound"


def lower_bound(cost: Matrix, start: int, stops: Sequence[int], end: int) -> float:
    """A bound no path start -> stops -> end beats: every stop and the end is entered once
    (the cheapest way in), and the start and every stop left once (the cheapest way out)."""
    if not stops:
        return float(cost[start][end])
    sources, targets = [start, *stops], [*stops, end]
    into = sum(min(cost[u][v] for u in sources if u != v) for v in targets)
    out = sum(min(cost[u][v] for v in targets if v != u) for u in sources)
    return float(max(into, out))


def path_cost(cost: Matrix, start: int, order: Sequence[int], end: int) -> float:
    """The cost of start -> order... -> end."""
    total = 0.0
    here = start
    for stop in order:
        total += cost[here][stop]
        here = stop
    return total + cost[here][end]


def best_route(cost: Matrix, start: int, stops: Sequence[int], end: int, *,
               allowed: Callable[[Sequence[int]], bool] | None = None,
               time_budget: float = TIME_BUDGET_SECONDS) -> Route:
    """The cheapest order of ``stops`` (matrix indices) between ``start`` and ``end``.

    ``allowed``, when given, says whether an order (or a prefix of one, for the exact search)
    can be scheduled; orders it refuses are never returned. The exact search gives up after
    ``time_budget`` seconds and the heuristic answers, with ``optimal`` False and the gap to
    the lower bound. Returns ``Route(order=(), ...)`` with an infinite cost when no order is
    found.
    """
    stops = list(dict.fromkeys(stops))
    deadline = time.monotonic() + time_budget
    if len(stops) <= EXACT_LIMIT:
        order = held_karp(cost, start, stops, end)
        bound = path_cost(cost, start, order, end)
        if allowed is None or allowed(order):
            return Route(tuple(order), bound, True, bound)
        found, complete = branch_and_bound(cost, start, stops, end, allowed,
                                           deadline=deadline)
        if complete:
            if found is None:
                return Route((), INFINITY, True, bound)
            return Route(tuple(found), path_cost(cost, start, found, end), True, bound)
        candidates = [found] if found is not None else []
    else:
        bound = lower_bound(cost, start, stops, end)
        candidates = []
    order = local_search(cost, start, stops, end)
    if allowed is not None and not allowed(order):
        repaired = _repair(cost, start, order, end, allowed)
        order = repaired if repaired is not None else []
    if order or not stops:
        candidates.append(order)
    if not candidates:
        return Route((), INFINITY, False, bound)
    best = min(candidates, key=lambda o: path_cost(cost, start, o, end))
    best_cost = path_cost(cost, start, best, end)
    return Route(tuple(best), best_cost, best_cost <= bound + 1e-9, bound)


def held_karp(cost: Matrix, start: int, stops: Sequence[int], end: int) -> list[int]:
    """The optimal order by dynamic programming over subsets: O(n^2 2^n) for n stops.

    ``best[subset * n + j]`` is the cheapest path from ``start`` through the stops in
    ``subset`` ending at stop ``j``; ties keep the lower index, so the result is stable."""
    n = len(stops)
    if n == 0:
        return []
    size = 1 << n
    best = [INFINITY] * (size * n)
    parent = [-1] * (size * n)
    for j in range(n):
        best[(1 << j) * n + j] = cost[start][stops[j]]
    rows = [[cost[stops[i]][stops[k]] for k in range(n)] for i in range(n)]
    for subset in range(1, size):
        base = subset * n
        members = [j for j in range(n) if subset >> j & 1]
        outside = [k for k in range(n) if not subset >> k & 1]
        for j in members:
            here = best[base + j]
            if here == INFINITY:
                continue
            row = rows[j]
            for k in outside:
                target = (subset | 1 << k) * n + k
                candidate = here + row[k]
                if candidate < best[target]:
                    best[target] = candidate
                    parent[target] = j
    full = (size - 1) * n
    last = min(range(n), key=lambda j: (best[full + j] + cost[stops[j]][end], j))
    order = []
    subset = size - 1
    while last != -1:
        order.append(stops[last])
        previous = parent[subset * n + last]
        subset &= ~(1 << last)
        last = previous
    return order[::-1]


def branch_and_bound(cost: Matrix, start: int, stops: Sequence[int], end: int,
                     allowed: Callable[[Sequence[int]], bool],
                     node_limit: int = 2_000_000,
                     deadline: float | None = None) -> tuple[list[int] | None, bool]:
    """The cheapest order that ``allowed`` accepts at every prefix, by depth-first search,
    and whether the search finished (so that the order is proved the cheapest allowed).

    The bound adds, for each stop not yet placed, its cheapest way in; a partial order that
    ``allowed`` refuses is cut with everything below it. The search stops early after
    ``node_limit`` nodes or at ``deadline`` (a ``time.monotonic()`` value)."""
    cheapest_in = {s: min(cost[o][s] for o in (start, *stops) if o != s) for s in stops}
    best: list[list[int] | None] = [None]
    best_cost = [INFINITY]
    nodes = [0]
    stopped = [False]

    def search(order: list[int], spent: float, left: list[int]) -> None:
        if stopped[0]:
            return
        nodes[0] += 1
        if nodes[0] > node_limit or (deadline is not None and nodes[0] % CLOCK_EVERY == 0
                                     and time.monotonic() > deadline):
            stopped[0] = True
            return
        here = order[-1] if order else start
        if not left:
            total = spent + cost[here][end]
            if total < best_cost[0]:
                best_cost[0], best[0] = total, list(order)
            return
        bound = spent + sum(cheapest_in[s] for s in left)
        if bound >= best_cost[0]:
            return
        for stop in sorted(left, key=lambda s: (cost[here][s], s)):
            order.append(stop)
            if allowed(order):
                search(order, spent + cost[here][stop], [s for s in left if s != stop])
            order.pop()

    search([], 0.0, list(stops))
    return best[0], not stopped[0]


def local_search(cost: Matrix, start: int, stops: Sequence[int], end: int,
                 kicks: int | None = None, seed: int = 20270307) -> list[int]:
    """A near-optimal order of ``stops``: iterated 2-opt and Or-opt local search
    (:func:`routing_search.iterated_search`) on the rows of the matrix between the ends.
    ``kicks`` defaults to a number that grows with the stops; the generator is seeded, so the
    result is the same every time."""
    nodes = [start, *stops, end]
    rows = [[row[v] for v in nodes] for row in (cost[u] for u in nodes)]
    path = iterated_search(rows, kicks=kicks, seed=seed)
    return [nodes[at] for at in path[1:-1]]


def _repair(cost: Matrix, start: int, order: list[int], end: int,
            allowed: Callable[[Sequence[int]], bool]) -> list[int] | None:
    """Make an order schedulable by moving single stops earlier, cheapest change first."""
    current = list(order)
    for _ in range(len(current) ** 2):
        if allowed(current):
            return current
        failing = next(i for i in range(1, len(current) + 1) if not allowed(current[:i])) - 1
        stop = current[failing]
        options = []
        for position in range(failing):
            moved = current[:failing] + current[failing + 1:]
            moved.insert(position, stop)
            if allowed(moved[:failing + 1]):
                options.append((path_cost(cost, start, moved, end), position, moved))
        if not options:
            return None
        current = min(options)[2]
    return current if allowed(current) else None
