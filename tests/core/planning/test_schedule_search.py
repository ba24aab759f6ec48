"""Improving an order on the schedule: never worse than the start, better when the matrix's
best order wastes days, always within its time budget."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import datetime

from cistrat_tui.core.planning.schedule_rules import Move, Packing, Stop
from cistrat_tui.core.planning.schedule_search import improve_order, objective
from cistrat_tui.core.planning.travel import Journey, Leg
from cistrat_tui.core.records.model import TravelMode


def fake_pack(costs: dict[tuple[int, ...], int]) -> Callable[[Sequence[int]], Packing]:
    """A packer whose plan for an order travels the minutes given (one day), or refuses an
    order not listed."""
    def pack(order: Sequence[int]) -> Packing:
        packing = Packing()
        key = tuple(order)
        if key not in costs:
            packing.failed_stop = Stop("00000000-0000-4000-8000-000000000000")
            return packing
        leg = Leg(TravelMode.COACH, "a", "b", costs[key], 1.0)
        packing.moves.append(Move(datetime(2027, 4, 12, 9), Journey((leg,)), "a", "b"))
        return packing
    return pack


def test_the_best_neighbour_is_kept_and_refused_orders_are_skipped() -> None:
    costs = {(0, 1, 2): 300, (1, 0, 2): 200, (2, 1, 0): 100, (0, 2, 1): 250}
    pack = fake_pack(costs)
    order, packing = improve_order([0, 1, 2], pack, time.monotonic() + 5)
    assert order == [2, 1, 0] and objective(packing) == (100, 1)
    # An order that no neighbour improves stays as it is.
    order, _ = improve_order([2, 1, 0], pack, time.monotonic() + 5)
    assert order == [2, 1, 0]


def test_the_deadline_stops_the_search() -> None:
    calls = [0]
    inner = fake_pack({(a, b, c, d): 1000 - 10 * (a * 3 + b) for a in range(4) for b in range(4)
                       for c in range(4) for d in range(4) if len({a, b, c, d}) == 4})

    def slow(order: Sequence[int]) -> Packing:
        calls[0] += 1
        time.sleep(0.01)
        return inner(order)
    begin = time.monotonic()
    improve_order([0, 1, 2, 3], slow, time.monotonic() + 0.05)
    assert time.monotonic() - begin < 0.5 and calls[0] < 20
