"""Improving an order on what the coordinator gets: the scheduled days' door-to-door travel
(hotel transfers and travel days included), then the days used.

The order search works on the stop-to-stop matrix; the schedule adds transfers to and from
the hotels, travel days and waits for working days, so the matrix's best order is not always
the best plan. Starting from it, this tries every order one move away (a stop moved elsewhere,
two swapped, a stretch reversed), keeps the best, and goes on while the scheduled plan gets
better, within a time budget. The matrix optimum stays a lower bound on the result's travel
(journeys keep the triangle inequality, so a detour through a hotel is never shorter).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence

from cistrat_tui.core.planning.schedule_rules import Packing

SEARCH_LIMIT = 16  # stops: beyond this, moving single stops through the schedule takes too long


def objective(packing: Packing) -> tuple[int, int]:
    """What a plan is judged by: total door-to-door travel, then days used."""
    return packing.travel_minutes, packing.days_used


def improve_order(order: Sequence[int], pack: Callable[[Sequence[int]], Packing],
                  deadline: float) -> tuple[list[int], Packing]:
    """The best order found by moving single stops from ``order`` (which must pack), and its
    packing; stops at ``deadline`` (a ``time.monotonic()`` value) with the best so far."""
    best = list(order)
    best_packing = pack(best)
    if len(best) > SEARCH_LIMIT:
        return best, best_packing
    best_key = objective(best_packing)
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        candidates: list[tuple[tuple[int, int], list[int], Packing]] = []
        for moved in _neighbours(best):
            packing = pack(moved)
            if packing.ok and objective(packing) < best_key:
                candidates.append((objective(packing), moved, packing))
            if time.monotonic() > deadline:
                break
        if candidates:
            best_key, best, best_packing = min(candidates, key=lambda c: (c[0], c[1]))
            improved = True
    return best, best_packing


def _neighbours(order: list[int]) -> Iterator[list[int]]:
    """Every order one move away: a stop moved elsewhere, two stops swapped, a stretch of
    the order reversed (the same neighbourhoods as the matrix search, judged on the days)."""
    seen: set[tuple[int, ...]] = {tuple(order)}
    n = len(order)
    for i in range(n):
        rest = order[:i] + order[i + 1:]
        for j in range(n):
            yield from _new([*rest[:j], order[i], *rest[j:]], seen)
    for i in range(n):
        for j in range(i + 1, n):
            swapped = list(order)
            swapped[i], swapped[j] = swapped[j], swapped[i]
            yield from _new(swapped, seen)
            yield from _new([*order[:i], *order[i:j + 1][::-1], *order[j + 1:]], seen)


def _new(order: list[int], seen: set[tuple[int, ...]]) -> Iterator[list[int]]:
    key = tuple(order)
    if key not in seen:
        seen.add(key)
        yield order
