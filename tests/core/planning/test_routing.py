"""The order of stops: exact up to a dozen, near-optimal beyond, always deterministic."""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cistrat_tui.core.planning.routing import (
    EXACT_LIMIT,
    best_route,
    branch_and_bound,
    held_karp,
    local_search,
    lower_bound,
    path_cost,
)


def random_matrix(size: int, seed: int, *, symmetric: bool = True,
                  clustered: bool = False) -> list[list[float]]:
    """Travel minutes between ``size`` points: plane distances, or six far-apart clusters."""
    rng = random.Random(seed)
    centres = [(0, 0), (50, 300), (300, 320), (280, 250), (270, 200), (330, 240)]
    points = []
    for _ in range(size):
        if clustered:
            x, y = centres[rng.randrange(6)]
            points.append((x + rng.gauss(0, 5), y + rng.gauss(0, 5)))
        else:
            points.append((rng.uniform(0, 100), rng.uniform(0, 100)))
    matrix = [[round(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5, 1) for b in points]
              for a in points]
    if not symmetric:
        matrix = [[c * (1.0 + 0.3 * rng.random()) for c in row] for row in matrix]
    return matrix


def brute_force(cost: list[list[float]], start: int, stops: list[int], end: int) -> float:
    return min(path_cost(cost, start, order, end) for order in itertools.permutations(stops))


@pytest.mark.parametrize("size", range(0, 10))
@pytest.mark.parametrize("seed", range(6))
def test_exact_order_matches_brute_force(size: int, seed: int) -> None:
    cost = random_matrix(size + 2, seed * 31 + size, symmetric=seed % 2 == 0,
                         clustered=seed % 3 == 0)
    stops = list(range(2, size + 2))
    route = best_route(cost, 0, stops, 1)
    assert route.optimal
    assert sorted(route.order) == stops
    assert route.cost == pytest.approx(brute_force(cost, 0, stops, 1))


def test_start_and_end_may_be_the_same_place() -> None:
    cost = random_matrix(8, 5)
    stops = list(range(1, 8))
    route = best_route(cost, 0, stops, 0)
    assert route.cost == pytest.approx(brute_force(cost, 0, stops, 0))


def test_windows_are_respected_by_the_exact_search() -> None:
    cost = random_matrix(9, 11)
    stops = list(range(2, 9))
    free = held_karp(cost, 0, stops, 1)
    # Demand that the stop the free optimum visits last comes first.
    first = free[-1]

    def allowed(order: list[int] | tuple[int, ...]) -> bool:
        return order[0] == first

    route = best_route(cost, 0, stops, 1, allowed=allowed)
    assert route.order[0] == first and route.optimal
    best = min(path_cost(cost, 0, o, 1) for o in itertools.permutations(stops)
               if o[0] == first)
    assert route.cost == pytest.approx(best)
    assert branch_and_bound(cost, 0, stops, 1, lambda order: False) == (None, True)
    assert best_route(cost, 0, stops, 1, allowed=lambda order: False).order == ()


@given(st.integers(0, 10_000), st.integers(13, 40), st.booleans())
@settings(max_examples=15, deadline=None)
def test_local_search_visits_every_stop_once_and_repeats_itself(seed: int, size: int,
                                                               clustered: bool) -> None:
    cost = random_matrix(size + 2, seed, clustered=clustered)
    stops = list(range(2, size + 2))
    first = best_route(cost, 0, stops, 1)
    assert sorted(first.order) == stops and not first.optimal
    assert best_route(cost, 0, stops, 1) == first
    shuffled = stops[:]
    random.Random(seed).shuffle(shuffled)
    assert first.cost <= path_cost(cost, 0, shuffled, 1) + 1e-9


@pytest.mark.parametrize("seed", range(8))
def test_local_search_finds_the_optimum_of_a_dozen_stops(seed: int) -> None:
    cost = random_matrix(EXACT_LIMIT + 2, seed, clustered=True)
    stops = list(range(2, EXACT_LIMIT + 2))
    exact = path_cost(cost, 0, held_karp(cost, 0, stops, 1), 1)
    heuristic = path_cost(cost, 0, local_search(cost, 0, stops, 1), 1)
    assert heuristic == pytest.approx(exact)


def test_a_hundred_stops_are_ordered() -> None:
    cost = random_matrix(102, 3, clustered=True)
    route = best_route(cost, 0, list(range(2, 102)), 1)
    assert sorted(route.order) == list(range(2, 102))


def test_the_claim_says_what_was_proved() -> None:
    cost = random_matrix(10, 5)
    stops = list(range(2, 10))
    free = best_route(cost, 0, stops, 1)
    assert free.optimal and free.claim == "optimal order" and free.gap == 0
    assert free.lower_bound == pytest.approx(free.cost)
    # Beyond the exact limit: a heuristic answer, with its distance from a true lower bound.
    big = random_matrix(40, 6)
    route = best_route(big, 0, list(range(2, 40)), 1)
    assert not route.optimal
    assert 0 < route.lower_bound <= route.cost
    assert route.claim == f"best found; within {route.gap * 100:.1f}% of the lower bound"


def test_the_lower_bound_is_below_every_order() -> None:
    cost = random_matrix(8, 9, symmetric=False)
    stops = list(range(2, 8))
    bound = lower_bound(cost, 0, stops, 1)
    assert bound <= min(path_cost(cost, 0, o, 1) for o in itertools.permutations(stops))


def test_the_exact_search_stops_at_its_budget_and_says_so() -> None:
    cost = random_matrix(13, 11)
    stops = list(range(2, 13))
    calls = [0]
    optimum = held_karp(cost, 0, stops, 1)

    def slow(order: Sequence[int]) -> bool:
        calls[0] += 1
        time.sleep(0.002)
        return list(order) != optimum  # the unconstrained optimum is refused
    begin = time.monotonic()
    route = best_route(cost, 0, stops, 1, allowed=slow, time_budget=0.2)
    assert time.monotonic() - begin < 5
    assert route.order and list(route.order) != optimum
    assert not route.optimal and route.claim.startswith("best found; within")
    _, complete = branch_and_bound(cost, 0, stops, 1, slow,
                                   deadline=time.monotonic() + 0.05)
    assert not complete
