"""The moves of the local search for the order of many stops: 2-opt and Or-opt on a path whose
ends stay put, found through sorted neighbour lists with don't-look bits, and exchanges of
whole stretches between the dearest edges (:mod:`routing_search` iterates them with kicks).

The path is held as a list of nodes and their positions, so that every move's change of cost
is a handful of matrix look-ups: a 2-opt move reverses a stretch, an Or-opt move puts a run of
one to three stops elsewhere (either way round). A node's moves are the ones that give it a
new edge to a nearer node than one of its two present neighbours (the gain criterion of Lin and
Kernighan): with the neighbours sorted by cost the scan stops at the first one that is not
nearer, so a node at a local optimum costs a few look-ups; the :data:`NEAR` nearest get every
move, farther ones (across a city, to another city) the reversal only, and the first near
neighbour that offers a gain gives its best move. Only the nodes whose edges a move changed are
looked at again (don't-look bits), so the repair after a kick costs little.

Short moves cannot change the order of whole cities: :meth:`PathSearch.stretch_moves` are the
exchanges (either way round) and reversals of the stretches between the :data:`LONG_EDGES`
dearest edges of the path, the journeys between cities.

Asymmetric costs are handled: a reversed stretch is charged its cost in the new direction
(prefix sums of the direction changes along the path, renewed after each move), and since the
gain criterion then no longer bounds a reversal, the scan looks at a fixed number of nearest
neighbours instead.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Sequence

Rows = list[list[float]]
Snapshot = tuple[list[int], list[int], list[float], float]
OR_LENGTHS = (1, 2, 3)  # the runs of stops an Or-opt move carries from a node
NEAR = 10  # the nearest neighbours of a node get every move, farther ones only 2-opt
ASYMMETRIC_NEIGHBOURS = 16  # neighbours scanned per node when the gain criterion does not bound
LONG_EDGES = 12  # the dearest edges of the path, between which whole stretches are exchanged
EPSILON = 1e-9


def is_symmetric(rows: Rows) -> bool:
    """Whether every cost is the same both ways."""
    columns = zip(*rows, strict=True)
    return all(tuple(row) == column for row, column in zip(rows, columns, strict=True))


def neighbour_lists(rows: Rows, symmetric: bool) -> list[list[int]]:
    """For every node, the other nodes from the cheapest to the dearest (by the cheaper
    direction); all of them when the costs are symmetric (the gain criterion stops the scan),
    else the nearest :data:`ASYMMETRIC_NEIGHBOURS`."""
    n = len(rows)
    lists = []
    for u in range(n):
        key = rows[u] if symmetric else [min(rows[u][v], rows[v][u]) for v in range(n)]
        ranked = sorted(range(n), key=key.__getitem__)  # stable: ties by node number
        ranked.remove(u)
        lists.append(ranked if symmetric else ranked[:ASYMMETRIC_NEIGHBOURS])
    return lists


class PathSearch:
    """A path over nodes ``0 .. n-1`` from node 0 to node n-1 (both fixed), its cost, and the
    moves that make it cheaper."""

    def __init__(self, rows: Rows, path: Sequence[int], *, symmetric: bool | None = None,
                 neighbours: list[list[int]] | None = None) -> None:
        n = len(rows)
        if sorted(path) != list(range(n)) or path[0] != 0 or path[-1] != n - 1:
            raise ValueError("the path must run from node 0 to the last node through all")
        self.rows = rows
        self.symmetric = is_symmetric(rows) if symmetric is None else symmetric
        self.neighbours = neighbours or neighbour_lists(rows, self.symmetric)
        self.path = list(path)
        self.position = [0] * n
        for at, node in enumerate(self.path):
            self.position[node] = at
        self.turn = [0.0] * n  # turn[t]: the change of cost of path[0..t] run backwards
        self._renew_turn(0)
        self.cost = sum(rows[self.path[t]][self.path[t + 1]] for t in range(n - 1))

    def snapshot(self) -> Snapshot:
        """A copy of the path (with its positions, prefix sums and cost) to go back to."""
        return list(self.path), list(self.position), list(self.turn), self.cost

    def restore(self, snapshot: Snapshot) -> None:
        """Go back to a :meth:`snapshot`."""
        path, position, turn, self.cost = snapshot
        self.path[:], self.position[:], self.turn[:] = path, position, turn

    def _renew_turn(self, start: int) -> None:
        if self.symmetric:
            return
        rows, path, turn = self.rows, self.path, self.turn
        for t in range(max(start, 0), len(path) - 1):
            turn[t + 1] = turn[t] + rows[path[t + 1]][path[t]] - rows[path[t]][path[t + 1]]

    def _renumber(self, low: int, high: int) -> None:
        path, position = self.path, self.position
        for at in range(low, high + 1):
            position[path[at]] = at
        self._renew_turn(low - 1)  # the edge into path[low] changed too

    # --- the moves --------------------------------------------------------------------------

    def reverse(self, x: int, y: int) -> None:
        """Reverse ``path[x..y]`` (1 <= x < y <= n-2)."""
        path = self.path
        path[x:y + 1] = path[x:y + 1][::-1]
        self._renumber(x, y)

    def reverse_delta(self, x: int, y: int) -> float:
        """The change of cost of :meth:`reverse`."""
        rows, path, turn = self.rows, self.path, self.turn
        before, first, last, after = path[x - 1], path[x], path[y], path[y + 1]
        return (rows[before][last] + rows[first][after] - rows[before][first]
                - rows[last][after] + turn[y] - turn[x])

    def relocate(self, s: int, e: int, k: int, flipped: bool) -> None:
        """Move ``path[s..e]`` between ``path[k]`` and ``path[k+1]`` (k outside s-1..e),
        reversed when ``flipped``."""
        path = self.path
        run = path[s:e + 1]
        if flipped:
            run.reverse()
        if k > e:
            path[s:k + 1] = path[e + 1:k + 1] + run
            self._renumber(s, k)
        else:
            path[k + 1:e + 1] = run + path[k + 1:s]
            self._renumber(k + 1, e)

    def relocate_delta(self, s: int, e: int, k: int, flipped: bool) -> float:
        """The change of cost of :meth:`relocate`."""
        rows, path, turn = self.rows, self.path, self.turn
        before, first, last, after = path[s - 1], path[s], path[e], path[e + 1]
        u, v = path[k], path[k + 1]
        removed = rows[before][first] + rows[last][after] - rows[before][after]
        if flipped:
            return rows[u][last] + rows[first][v] - rows[u][v] + turn[e] - turn[s] - removed
        return rows[u][first] + rows[last][v] - rows[u][v] - removed

    def swap_runs(self, a: int, b: int, c: int) -> None:
        """The kick: ``path[a:b]`` and ``path[b:c]`` change places (1 <= a < b < c <= n-1)."""
        path, rows = self.path, self.rows
        before, first, last_b, first_c, last, after = \
            path[a - 1], path[a], path[b - 1], path[b], path[c - 1], path[c]
        self.cost += (rows[before][first_c] + rows[last][first] + rows[last_b][after]
                      - rows[before][first] - rows[last_b][first_c] - rows[last][after])
        path[a:c] = path[b:c] + path[a:b]
        self._renumber(a, c - 1)

    # --- the long edges: the order of whole stretches (cities) -----------------------------

    def exchange_delta(self, i: int, j: int, k: int, pattern: int) -> float:
        """The change of cost of :meth:`exchange`."""
        rows, path, turn = self.rows, self.path, self.turn
        pi, pi1, pj, pj1, pk, pk1 = path[i], path[i + 1], path[j], path[j + 1], path[k], \
            path[k + 1]
        old = rows[pi][pi1] + rows[pj][pj1] + rows[pk][pk1]
        if pattern == 0:  # A C B D
            new = rows[pi][pj1] + rows[pk][pi1] + rows[pj][pk1]
        elif pattern == 1:  # A C B' D
            new = rows[pi][pj1] + rows[pk][pj] + rows[pi1][pk1] + turn[j] - turn[i + 1]
        elif pattern == 2:  # A C' B D
            new = rows[pi][pk] + rows[pj1][pi1] + rows[pj][pk1] + turn[k] - turn[j + 1]
        else:  # A B' C' D
            new = (rows[pi][pj] + rows[pi1][pk] + rows[pj1][pk1] + turn[j] - turn[i + 1]
                   + turn[k] - turn[j + 1])
        return new - old

    def exchange(self, i: int, j: int, k: int, pattern: int) -> None:
        """Cut the edges after ``path[i]``, ``path[j]`` and ``path[k]`` (i < j < k), so that
        the path is A B C D, and join it as A C B D (pattern 0), A C B' D (1), A C' B D (2) or
        A B' C' D (3), where ' is reversed."""
        path = self.path
        b, c = path[i + 1:j + 1], path[j + 1:k + 1]
        if pattern in (1, 3):
            b.reverse()
        if pattern in (2, 3):
            c.reverse()
        path[i + 1:k + 1] = b + c if pattern == 3 else c + b
        self._renumber(i + 1, k)

    def reorder_stretches(self) -> bool:
        """Apply the cheapest of :meth:`stretch_moves` while it makes the path cheaper;
        whether the path changed. Moving a whole city is beyond the short moves."""
        changed = False
        while True:
            moves = self.stretch_moves()
            if not moves or moves[0][0] >= -EPSILON:
                return changed
            self.apply_stretch_move(*moves[0])
            changed = True

    def stretch_moves(self) -> list[tuple[float, tuple[int, ...]]]:
        """Every exchange of stretches between the :data:`LONG_EDGES` dearest edges, and
        every reversal between two of them, with its change of cost, the cheapest first:
        ``(delta, (i, j, k, pattern))`` or ``(delta, (x, y))``."""
        path, rows = self.path, self.rows
        cuts = sorted(heapq.nlargest(LONG_EDGES, range(len(path) - 1),
                                     key=lambda t: (rows[path[t]][path[t + 1]], -t)))
        moves: list[tuple[float, tuple[int, ...]]] = []
        for x, i in enumerate(cuts):
            for y in range(x + 1, len(cuts)):
                j = cuts[y]
                if i + 1 < j < len(path) - 1:
                    moves.append((self.reverse_delta(i + 1, j), (i + 1, j)))
                for k in cuts[y + 1:]:
                    for pattern in range(4):
                        moves.append((self.exchange_delta(i, j, k, pattern), (i, j, k, pattern)))
        moves.sort()
        return moves

    def apply_stretch_move(self, delta: float, move: tuple[int, ...]) -> None:
        """Apply one of :meth:`stretch_moves` and descend from the ends it touched."""
        path = self.path
        if len(move) == 2:
            x, y = move
            ends = [path[x - 1], path[x], path[y], path[y + 1]]
            self.reverse(x, y)
        else:
            i, j, k, pattern = move
            ends = [path[t] for t in (i, i + 1, j, j + 1, k, k + 1)]
            self.exchange(i, j, k, pattern)
        self.cost += delta
        self.descend(ends)

    # --- the descent ------------------------------------------------------------------------

    def best_move(self, a: int) -> tuple[float, tuple[int, ...]]:
        """A move that gives node ``a`` a new edge to a neighbour nearer than one of its
        present two: the best of the first of the :data:`NEAR` nearest that offers a gain,
        else the best reversal to a farther one. ``(delta, (x, y))`` for a reversal,
        ``(delta, (s, e, k, flipped))`` for a relocation; an empty move when none makes the
        path cheaper.

        The deltas are those of :meth:`reverse_delta` and :meth:`relocate_delta`, written out
        here because this is the inner loop of the whole search."""
        rows, path, position, turn = self.rows, self.path, self.position, self.turn
        symmetric = self.symmetric
        last_at = len(path) - 1
        i = position[a]
        row_a = rows[a]
        best_delta = -EPSILON
        best: tuple[int, ...] = ()
        for side in (1, -1):
            at_b = i + side
            if at_b < 0 or at_b > last_at:
                continue
            b = path[at_b]
            edge = row_a[b] if side == 1 else rows[b][a]
            # The runs that end at a, away from b, and what taking each out saves.
            runs = []
            for length in OR_LENGTHS:
                s, e = (i - length + 1, i) if side == 1 else (i, i + length - 1)
                if s < 1 or e > last_at - 1:
                    break
                before, first, last, after = path[s - 1], path[s], path[e], path[e + 1]
                runs.append((s, e, first, last, rows[before][first] + rows[last][after]
                             - rows[before][after], turn[e] - turn[s]))
            for rank, c in enumerate(self.neighbours[a]):
                if symmetric and row_a[c] >= edge:
                    break
                if c == b:
                    continue
                j = position[c]
                # 2-opt: the reversal that makes the edge a-c.
                if side == 1:
                    x, y = (i + 1, j) if j > i else (j + 1, i)
                    valid = x < y < last_at
                else:
                    x, y = (i, j - 1) if j > i else (j, i - 1)
                    valid = 1 <= x < y
                if valid:
                    before, first, last, after = path[x - 1], path[x], path[y], path[y + 1]
                    delta = (rows[before][last] + rows[first][after] - rows[before][first]
                             - rows[last][after] + turn[y] - turn[x])
                    if delta < best_delta:
                        best_delta, best = delta, (x, y)
                if rank >= NEAR:
                    continue
                # Or-opt: a run that ends at a goes next to c, a touching c: after c (k = j,
                # a first) or before it (k = j - 1, a last).
                for s, e, first, last, removed, inside in runs:
                    if s <= j <= e:
                        break
                    if j < last_at and not s - 1 <= j <= e:
                        v = path[j + 1]
                        if side == 1:  # a is the run's last: reversed, so that a follows c
                            delta = (rows[c][last] + rows[first][v] - rows[c][v] + inside
                                     - removed)
                        else:
                            delta = rows[c][first] + rows[last][v] - rows[c][v] - removed
                        if delta < best_delta:
                            best_delta, best = delta, (s, e, j, side == 1)
                    k = j - 1
                    if k >= 0 and not s - 1 <= k <= e:
                        u = path[k]
                        if side == 1:  # a is the run's last: as it is, a before c
                            delta = rows[u][first] + rows[last][c] - rows[u][c] - removed
                        else:
                            delta = (rows[u][last] + rows[first][c] - rows[u][c] + inside
                                     - removed)
                        if delta < best_delta:
                            best_delta, best = delta, (s, e, k, side == -1)
                # The other way: c alone goes between a and b (k = i or i - 1), touching a.
                k = i if side == 1 else i - 1
                if 1 <= j < last_at and not j - 1 <= k <= j:
                    before, after = path[j - 1], path[j + 1]
                    u, v = path[k], path[k + 1]
                    delta = (rows[u][c] + rows[c][v] - rows[u][v] - rows[before][c]
                             - rows[c][after] + rows[before][after])
                    if delta < best_delta:
                        best_delta, best = delta, (j, j, k, False)
                if best:  # the nearest neighbour with a gain: take its best move (a farther
                    # one's reversals go on to the best of them, across a city or to another)
                    return best_delta, best
        return best_delta, best

    def descend(self, nodes: Sequence[int]) -> None:
        """Apply the best move of each node in ``nodes`` (and of the nodes each move touches)
        until no node has one: a local optimum for 2-opt and Or-opt on the neighbour lists."""
        queue = deque(nodes)
        queued = [False] * len(self.path)
        for node in nodes:
            queued[node] = True
        path = self.path
        while queue:
            a = queue.popleft()
            queued[a] = False
            delta, move = self.best_move(a)
            if not move:
                continue
            if len(move) == 2:
                x, y = move
                touched = [path[x - 1], path[x], path[y], path[y + 1]]
                self.reverse(x, y)
            else:
                s, e, k, flipped = move
                touched = [path[s - 1], path[s], path[e], path[e + 1], path[k], path[k + 1]]
                self.relocate(s, e, k, bool(flipped))
            self.cost += delta
            for node in (a, *touched):
                if not queued[node]:
                    queued[node] = True
                    queue.append(node)
