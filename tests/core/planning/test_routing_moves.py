"""The local search's moves: each says its change of cost exactly and keeps a path from the
first node to the last through every node; a descent ends where no move gains."""

from __future__ import annotations

import itertools
import random

import pytest

from cistrat_tui.core.planning.routing_moves import PathSearch, is_symmetric, neighbour_lists


def matrix(size: int, seed: int, *, symmetric: bool = True) -> list[list[float]]:
    """Plane distances between random points, made one-way dearer at random when not
    ``symmetric``."""
    rng = random.Random(seed)
    points = [(rng.uniform(0, 100), rng.uniform(0, 100)) for _ in range(size)]
    rows = [[round(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5, 1) for b in points]
            for a in points]
    if not symmetric:
        rows = [[c * (1.0 + 0.5 * rng.random()) for c in row] for row in rows]
    return rows


def cost_of(rows: list[list[float]], path: list[int]) -> float:
    return sum(rows[a][b] for a, b in itertools.pairwise(path))


def shuffled_path(size: int, seed: int) -> list[int]:
    inner = list(range(1, size - 1))
    random.Random(seed).shuffle(inner)
    return [0, *inner, size - 1]


def assert_consistent(search: PathSearch) -> None:
    """A path from node 0 to the last through every node, positions and cost up to date."""
    n = len(search.rows)
    assert search.path[0] == 0 and search.path[-1] == n - 1
    assert sorted(search.path) == list(range(n))
    assert all(search.path[search.position[v]] == v for v in range(n))
    assert search.cost == pytest.approx(cost_of(search.rows, search.path))


@pytest.mark.parametrize("symmetric", [True, False])
def test_every_reversal_and_relocation_says_its_change_of_cost(symmetric: bool) -> None:
    size = 9
    rows = matrix(size, 4, symmetric=symmetric)
    base = shuffled_path(size, 1)
    for x in range(1, size - 1):
        for y in range(x + 1, size - 1):
            search = PathSearch(rows, base)
            delta = search.reverse_delta(x, y)
            search.reverse(x, y)
            search.cost += delta
            assert_consistent(search)
            assert search.path[x:y + 1] == base[x:y + 1][::-1]
    for s in range(1, size - 1):
        for e in range(s, min(s + 3, size - 1)):
            for k in [k for k in range(size - 1) if not s - 1 <= k <= e]:
                for flipped in (False, True):
                    search = PathSearch(rows, base)
                    delta = search.relocate_delta(s, e, k, flipped)
                    search.relocate(s, e, k, flipped)
                    search.cost += delta
                    assert_consistent(search)
                    run = base[s:e + 1][::-1] if flipped else base[s:e + 1]
                    at = search.position[run[0]]
                    assert search.path[at:at + len(run)] == run
                    assert search.path[at - 1] == base[k]


@pytest.mark.parametrize("symmetric", [True, False])
def test_every_exchange_of_stretches_says_its_change_of_cost(symmetric: bool) -> None:
    size = 10
    rows = matrix(size, 8, symmetric=symmetric)
    base = shuffled_path(size, 2)
    for i, j, k in itertools.combinations(range(size - 1), 3):
        for pattern in range(4):
            search = PathSearch(rows, base)
            delta = search.exchange_delta(i, j, k, pattern)
            search.exchange(i, j, k, pattern)
            search.cost += delta
            assert_consistent(search)
            b, c = base[i + 1:j + 1], base[j + 1:k + 1]
            expected = {0: c + b, 1: c + b[::-1], 2: c[::-1] + b, 3: b[::-1] + c[::-1]}
            assert search.path[i + 1:k + 1] == expected[pattern]
    # The kick: two neighbouring stretches change places, the cost kept up to date.
    for a, b, c in itertools.combinations(range(1, size), 3):
        search = PathSearch(rows, base)
        search.swap_runs(a, b, c)
        assert_consistent(search)
        assert search.path[a:c] == base[b:c] + base[a:b]


@pytest.mark.parametrize("symmetric", [True, False])
@pytest.mark.parametrize("seed", range(5))
def test_the_descent_keeps_its_cost_and_ends_where_no_move_gains(symmetric: bool,
                                                                seed: int) -> None:
    size = 30
    rows = matrix(size, seed, symmetric=symmetric)
    search = PathSearch(rows, shuffled_path(size, seed))
    before = search.cost
    search.descend(search.path)
    assert_consistent(search)
    assert search.cost < before
    # Don't-look bits skip nodes whose moves changed elsewhere: a few more rounds settle them.
    for _ in range(10):
        if all(search.best_move(v)[1] == () for v in range(size)):
            break
        search.descend(search.path)
    assert all(search.best_move(v)[1] == () for v in range(size))
    assert_consistent(search)
    # The gain criterion misses no reversal: none of the whole neighbourhood gains either.
    if symmetric:
        assert min(search.reverse_delta(x, y) for x in range(1, size - 1)
                   for y in range(x + 1, size - 1)) > -1e-9


def test_whole_stretches_change_places_when_cities_are_visited_out_of_order() -> None:
    # Four cities on a line, five sites each; the path visits them 0, 2, 1, 3 (each city's
    # sites in a good order), which no short move repairs cheaply.
    rng = random.Random(3)
    points = [(100.0 * city + rng.uniform(-3, 3), rng.uniform(-3, 3))
              for city in range(4) for _ in range(5)]
    rows = [[((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 for b in points] for a in points]
    by_city = [sorted(range(5 * c, 5 * c + 5), key=lambda v: points[v][0]) for c in range(4)]
    # Node 0 must come first and node 19 last: put them at the ends of their cities.
    by_city[0].remove(0)
    by_city[3].remove(19)
    path = [0, *by_city[0], *by_city[2], *by_city[1], *by_city[3], 19]
    search = PathSearch(rows, path)
    before = search.cost
    assert search.reorder_stretches()
    assert_consistent(search)
    assert search.cost < before - 150  # about two crossings of 100 saved
    cities = [v // 5 for v in search.path]
    assert cities == sorted(cities)


@pytest.mark.parametrize("symmetric", [True, False])
def test_the_stretch_moves_come_cheapest_first_with_their_changes_of_cost(
        symmetric: bool) -> None:
    size = 40
    rows = matrix(size, 12, symmetric=symmetric)
    base = PathSearch(rows, shuffled_path(size, 12))
    moves = base.stretch_moves()
    assert [delta for delta, _ in moves] == sorted(delta for delta, _ in moves)
    # 12 edges: every three exchanged four ways, every pair with stops between reversed
    assert 220 * 4 < len(moves) <= 220 * 4 + 66
    for delta, move in moves:
        search = PathSearch(rows, base.path)
        if len(move) == 2:
            search.reverse(*move)
        else:
            search.exchange(*move)
        search.cost += delta
        assert_consistent(search)
    search = PathSearch(rows, base.path)
    search.apply_stretch_move(*moves[0])  # and a descent from its ends
    assert_consistent(search)
    assert search.cost <= base.cost + moves[0][0] + 1e-9
    snapshot = search.snapshot()
    search.apply_stretch_move(*moves[-1])
    search.restore(snapshot)
    assert (search.path, search.cost) == (snapshot[0], snapshot[3])
    assert_consistent(search)


def test_the_helpers() -> None:
    rows = matrix(12, 1)
    assert is_symmetric(rows) and not is_symmetric(matrix(12, 1, symmetric=False))
    lists = neighbour_lists(rows, True)
    assert all(len(found) == 11 and u not in found for u, found in enumerate(lists))
    assert all(rows[u][found[0]] <= rows[u][found[-1]] for u, found in enumerate(lists))
    assert len(neighbour_lists(matrix(40, 1, symmetric=False), False)[0]) == 16
    with pytest.raises(ValueError):
        PathSearch(rows, [1, *range(2, 12), 0])
