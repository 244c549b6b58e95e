"""Exact bipartite matching with capacities as a min-cost flow, by the primal-dual method.

Network: source -> mentor -> mentee -> sink. A participant's places are two arcs: the first place
(its gain is the first-match value) and the other places (gain 0); a pair is one arc of capacity 1
whose gain is the pair's weight. Each phase finds shortest paths on reduced costs with SciPy's
Dijkstra, then pushes a maximum flow along all of them at once (SciPy's maximum_flow); it stops when
no path gains anything. Whole-number weights need few phases; many distinct fractions need many, so
after MAX_PHASES the caller falls back to the linear programme.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from scipy import sparse

    from .solve_bipartite import BipartiteProblem

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]

MAX_PHASES = 150
TOLERANCE = 1e-8


class _Network:
    """Arcs as parallel arrays; node numbers: source, first places, mentors, mentees, first places, sink."""

    def __init__(self, p: BipartiteProblem) -> None:
        n_left, n_right = p.weights.shape
        self.source = 0
        first_left, left = 1, 1 + n_left
        right, first_right = 1 + 2 * n_left, 1 + 2 * n_left + n_right
        self.sink = 1 + 2 * n_left + 2 * n_right
        self.nodes = self.sink + 1
        self.left, self.right = left, right
        li, rj = np.arange(n_left), np.arange(n_right)
        pair_left, pair_right = np.nonzero(p.eligible)
        source, sink = np.full(n_left, self.source), np.full(n_right, self.sink)
        parts = (
            (source, first_left + li, np.minimum(p.capacity_left, 1), -p.first_left),
            (first_left + li, left + li, np.minimum(p.capacity_left, 1), np.zeros(n_left)),
            (source, left + li, np.maximum(p.capacity_left - 1, 0), np.zeros(n_left)),
            (
                left + pair_left,
                right + pair_right,
                np.ones(pair_left.size, dtype=np.int64),
                -p.weights[pair_left, pair_right],
            ),
            (right + rj, first_right + rj, np.minimum(p.capacity_right, 1), -p.first_right),
            (first_right + rj, sink, np.minimum(p.capacity_right, 1), np.zeros(n_right)),
            (right + rj, sink, np.maximum(p.capacity_right - 1, 0), np.zeros(n_right)),
        )
        kept = [(t[c > 0], h[c > 0], c[c > 0], g[c > 0]) for t, h, c, g in parts]
        self.tail = np.concatenate([k[0] for k in kept]).astype(np.int64)
        self.head = np.concatenate([k[1] for k in kept]).astype(np.int64)
        self.capacity = np.concatenate([k[2] for k in kept]).astype(np.int64)
        self.cost = np.concatenate([k[3] for k in kept]).astype(np.float64)
        key = self.tail * self.nodes + self.head
        self.order = np.argsort(key)
        self.sorted_key = key[self.order]
        # Residual arcs (every arc forward, then every arc backward) in row order, so that each
        # phase builds its sparse graphs without sorting.
        rows = np.concatenate((self.tail, self.head))
        cols = np.concatenate((self.head, self.tail))
        self.by_row = np.lexsort((cols, rows))
        self.residual_rows = rows[self.by_row]
        self.residual_cols = cols[self.by_row]

    def arc_of(self, start: Ints, end: Ints) -> Ints:
        """Index of the arc start -> end (the caller knows it exists)."""
        where = np.searchsorted(self.sorted_key, start * self.nodes + end)
        arcs: Ints = self.order[np.minimum(where, self.sorted_key.size - 1)]
        return arcs

    def is_arc(self, start: Ints, end: Ints) -> NDArray[np.bool_]:
        key = start * self.nodes + end
        where = np.minimum(np.searchsorted(self.sorted_key, key), self.sorted_key.size - 1)
        found: NDArray[np.bool_] = self.sorted_key[where] == key
        return found

    def potentials(self) -> Floats:
        """Shortest distances from the source; arcs only go forward, so one pass per layer does."""
        potential = np.full(self.nodes, np.inf)
        potential[self.source] = 0.0
        for low, high in self._layers():
            arcs = (self.tail >= low) & (self.tail < high)
            np.minimum.at(potential, self.head[arcs], potential[self.tail[arcs]] + self.cost[arcs])
        finite = np.isfinite(potential)
        potential[~finite] = potential[finite].max(initial=0.0) + 1.0
        return potential

    def _layers(self) -> list[tuple[int, int]]:
        n_left = self.left - 1
        n_right = (self.sink - 1 - 2 * n_left) // 2
        first_right = self.right + n_right
        return [
            (0, 1),
            (1, self.left),
            (self.left, self.right),
            (self.right, first_right),
            (first_right, self.sink),
        ]

    def graph(
        self, forward: NDArray[np.bool_], backward: NDArray[np.bool_], values: NDArray[np.generic]
    ) -> sparse.csr_array:
        """The residual graph: `values` holds one value per arc forward, then per arc backward."""
        from scipy import sparse  # SciPy is slow to import: only when this solver runs

        keep = np.concatenate((forward, backward))[self.by_row]
        rows = self.residual_rows[keep]
        pointers = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=self.nodes))))
        return sparse.csr_array(
            (values[self.by_row][keep], self.residual_cols[keep], pointers),
            shape=(self.nodes, self.nodes),
        )


def min_cost_flow(p: BipartiteProblem) -> list[tuple[int, int]] | None:
    """The chosen (left, right) pairs, or None when MAX_PHASES phases did not reach the optimum."""
    from scipy.sparse.csgraph import dijkstra, maximum_flow

    net = _Network(p)
    if net.tail.size == 0:
        return []
    flow = np.zeros_like(net.capacity)
    potential = net.potentials()
    # Relative to the pair weights (not to the large first-match constants of "participation",
    # whose rounding errors stay far below it).
    tolerance = TOLERANCE * max(1.0, float(np.abs(p.weights[p.eligible]).max(initial=0.0)))
    tail, head = net.tail, net.head
    for _phase in range(MAX_PHASES):
        forward, backward = flow < net.capacity, flow > 0
        reduced = net.cost + potential[tail] - potential[head]
        distance = dijkstra(
            net.graph(
                forward, backward, np.concatenate((np.maximum(reduced, 0), np.maximum(-reduced, 0)))
            ),
            indices=net.source,
        )
        gain = distance[net.sink] + potential[net.sink] - potential[net.source]
        if not np.isfinite(distance[net.sink]) or gain >= -tolerance:
            used = (tail >= net.left) & (tail < net.right) & (flow > 0)
            return sorted(
                zip(
                    (tail[used] - net.left).tolist(), (head[used] - net.right).tolist(), strict=True
                )
            )
        potential = potential + np.minimum(distance, distance[net.sink])
        reduced = net.cost + potential[tail] - potential[head]
        ahead = forward & (reduced <= tolerance)
        back = backward & (reduced >= -tolerance)
        pushed = maximum_flow(
            net.graph(ahead, back, np.concatenate((net.capacity - flow, flow)).astype(np.int32)),
            net.source,
            net.sink,
        ).flow.tocoo()
        positive = pushed.data > 0
        start = pushed.row[positive].astype(np.int64)
        end = pushed.col[positive].astype(np.int64)
        amount = pushed.data[positive].astype(np.int64)
        along = net.is_arc(start, end)  # a push along an arc adds flow, against one cancels it
        np.add.at(flow, net.arc_of(start[along], end[along]), amount[along])
        np.add.at(flow, net.arc_of(end[~along], start[~along]), -amount[~along])
    return None
