"""The iterated local search: a path from the first node to the last through every node, the
optimum of small instances, the same one every time for a seed."""

from __future__ import annotations

import itertools

import pytest

from cistrat_tui.core.planning.routing_moves import neighbour_lists
from cistrat_tui.core.planning.routing_search import iterated_search, nearest_neighbour_path
from tests.core.planning.test_routing_moves import cost_of, matrix


@pytest.mark.parametrize("symmetric", [True, False])
@pytest.mark.parametrize("seed", range(6))
def test_the_search_reaches_the_optimum_of_small_instances(symmetric: bool, seed: int) -> None:
    size = 10
    rows = matrix(size, 100 + seed, symmetric=symmetric)
    optimum = min(cost_of(rows, [0, *middle, size - 1])
                  for middle in itertools.permutations(range(1, size - 1)))
    path = iterated_search(rows)
    assert path[0] == 0 and path[-1] == size - 1 and sorted(path) == list(range(size))
    if symmetric:
        assert cost_of(rows, path) == pytest.approx(optimum)
    else:  # one-way costs up to 50% apart: reversals are charged, and may stop a little short
        assert cost_of(rows, path) <= optimum * 1.02


@pytest.mark.parametrize("symmetric", [True, False])
def test_the_search_is_the_same_for_a_seed(symmetric: bool) -> None:
    rows = matrix(60, 9, symmetric=symmetric)
    first = iterated_search(rows, seed=5)
    assert iterated_search(rows, seed=5) == first
    assert sorted(first) == list(range(60))
    other = iterated_search(rows, seed=6)
    assert sorted(other) == list(range(60))
    # More kicks never give a dearer path (a kick is kept only when no dearer).
    assert cost_of(rows, iterated_search(rows, seed=5, kicks=400)) <= cost_of(rows, first) + 1e-9


def test_the_first_path_goes_to_the_nearest_node_not_yet_visited() -> None:
    rows = matrix(12, 1)
    path = nearest_neighbour_path(rows, neighbour_lists(rows, True))
    assert path[0] == 0 and path[-1] == 11 and sorted(path) == list(range(12))
    for here, following in itertools.pairwise(path[:-1]):
        later = [v for v in range(1, 11) if v not in path[:path.index(following)]]
        assert rows[here][following] == min(rows[here][v] for v in later)
    assert iterated_search(rows[:3]) == [0, 1, 2]
    asymmetric = matrix(40, 2, symmetric=False)
    path = nearest_neighbour_path(asymmetric, neighbour_lists(asymmetric, False))
    assert sorted(path) == list(range(40)) and path[-1] == 39
