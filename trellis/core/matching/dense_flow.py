"""Exact bipartite matching with capacities as a min-cost flow on the dense pair matrix, NumPy only.

The same network and objective as `flow.py` (source -> left -> right -> sink; a participant's first
place gains its first-match value, its other places gain nothing, a pair gains its weight), solved
without SciPy, whose import costs a command more than the whole solve at the sizes a person runs
from the terminal. Successive shortest paths, many per phase:

* a phase computes the shortest distance from the source to every participant by Bellman-Ford
  relaxations over the whole pair matrix at once (a left row of open pairs, a right column of chosen
  pairs to undo); the residual network never holds a negative cycle, so this ends;
* then it augments, one unit at a time, along paths made only of arcs whose cost equals the
  difference of their ends' distances (every such path is a shortest one), by depth-first search;
* it stops when the shortest path gains nothing.

Whole-number weights need few phases; `solve_bipartite` uses this solver for them up to
DENSE_PAIRS pairs, and returns to the sparse solver when a problem needs more than MAX_ROUNDS.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from .solve_bipartite import BipartiteProblem

Floats = NDArray[np.float64]

MAX_ROUNDS = 400
TOLERANCE = 1e-8


class _Side:
    """One side's places: the first (its gain is the first-match value) and the others (gain 0)."""

    def __init__(self, capacity: NDArray[np.int64], first: Floats) -> None:
        self.first_free = np.minimum(capacity, 1) > 0
        self.rest_free = np.maximum(capacity - 1, 0).astype(np.int64)
        self.first_cost = -np.asarray(first, dtype=np.float64)

    def costs(self) -> Floats:
        """The cost of the cheapest free place of each participant (inf when none is free)."""
        first = np.where(self.first_free, self.first_cost, np.inf)
        rest = np.where(self.rest_free > 0, 0.0, np.inf)
        cheapest: Floats = np.minimum(first, rest)
        return cheapest

    def cost(self, i: int) -> float:
        first = float(self.first_cost[i]) if self.first_free[i] else np.inf
        rest = 0.0 if self.rest_free[i] > 0 else np.inf
        return min(first, rest)

    def take(self, i: int) -> None:
        """Use the cheapest free place of participant i."""
        first = float(self.first_cost[i]) if self.first_free[i] else np.inf
        if self.rest_free[i] > 0 and first > 0.0:
            self.rest_free[i] -= 1
        else:
            self.first_free[i] = False


def dense_min_cost_flow(p: BipartiteProblem) -> list[tuple[int, int]] | None:
    """The chosen (left, right) pairs, or None when MAX_ROUNDS rounds did not reach the optimum."""
    # inf - inf (two unreachable ends) is NaN, which is never tight: the comparison is what we want.
    with np.errstate(invalid="ignore"):
        return _solve(p)


def _solve(p: BipartiteProblem) -> list[tuple[int, int]] | None:
    weights = np.asarray(p.weights, dtype=np.float64)
    n_left, n_right = weights.shape
    left, right = _Side(p.capacity_left, p.first_left), _Side(p.capacity_right, p.first_right)
    chosen = np.zeros((n_left, n_right), dtype=bool)
    # Cost of the arc left -> right while the pair is open, and right -> left once it is chosen.
    open_cost = np.where(p.eligible, -weights, np.inf)
    undo_cost = np.full((n_left, n_right), np.inf)
    tolerance = TOLERANCE * max(1.0, float(np.abs(weights[p.eligible]).max(initial=0.0)))
    for _round in range(MAX_ROUNDS):
        source = left.costs()
        sink = right.costs()
        to_left, to_right = _distances(source, open_cost, undo_cost)
        to_sink = float((to_right + sink).min(initial=np.inf))
        if not np.isfinite(to_sink) or to_sink >= -tolerance:
            rows, cols = np.nonzero(chosen)
            return sorted(zip(rows.tolist(), cols.tolist(), strict=True))
        search = _Search(to_left, to_right, to_sink, tolerance, open_cost, undo_cost)
        search.update_sink(right)
        for start in np.flatnonzero(np.abs(source - to_left) <= tolerance).tolist():
            while abs(left.cost(start) - to_left[start]) <= tolerance:
                path = search.path_from(start)
                if path is None:
                    break
                left.take(start)
                last = path[-1]
                right.take(last)
                search.sink_tight[last] = (
                    abs(to_right[last] + right.cost(last) - to_sink) <= tolerance
                )
                for step, j in enumerate(path):
                    i = search.lefts[step]
                    chosen[i, j] = True
                    open_cost[i, j], undo_cost[i, j] = np.inf, weights[i, j]
                    search.ahead[i, j], search.back[i, j] = False, True
                    if step + 1 < len(path):  # the next left participant gives this right one up
                        k = search.lefts[step + 1]
                        chosen[k, j] = False
                        open_cost[k, j], undo_cost[k, j] = -weights[k, j], np.inf
                        search.ahead[k, j], search.back[k, j] = True, False
    return None


def _distances(source: Floats, open_cost: Floats, undo_cost: Floats) -> tuple[Floats, Floats]:
    """Shortest distances from the source to each left and right participant (Bellman-Ford)."""
    to_left = source.copy()
    to_right = np.full(open_cost.shape[1], np.inf)
    for _ in range(sum(open_cost.shape) + 1):
        reach_right = np.minimum(
            to_right, (to_left[:, None] + open_cost).min(axis=0, initial=np.inf)
        )
        reach_left = np.minimum(
            to_left, (reach_right[None, :] + undo_cost).min(axis=1, initial=np.inf)
        )
        if np.array_equal(reach_right, to_right) and np.array_equal(reach_left, to_left):
            break
        to_left, to_right = reach_left, reach_right
    return to_left, to_right


class _Search:
    """Depth-first search for a path of tight arcs (cost = difference of distances) to the sink.

    A participant from which no such path leads is dead for the rest of the round; a later round
    (with fresh distances) reconsiders it, so a stale mark only costs one more round. Augmenting
    along a tight path keeps every arc's tightness except the path's own, which turn round: the
    caller updates `ahead` (tight open pairs) and `back` (tight chosen pairs) along it.
    """

    def __init__(
        self,
        to_left: Floats,
        to_right: Floats,
        to_sink: float,
        tolerance: float,
        open_cost: Floats,
        undo_cost: Floats,
    ) -> None:
        self.to_left, self.to_right, self.to_sink = to_left, to_right, to_sink
        self.tolerance = tolerance
        self.ahead = np.abs(to_left[:, None] + open_cost - to_right[None, :]) <= tolerance
        self.back = np.abs(to_right[None, :] + undo_cost - to_left[:, None]) <= tolerance
        self.dead_left = np.zeros(to_left.size, dtype=bool)
        self.dead_right = np.zeros(to_right.size, dtype=bool)
        self.lefts: list[int] = []
        self.sink_tight = np.zeros(to_right.size, dtype=bool)

    def update_sink(self, right: _Side) -> None:
        """Which right participants reach the sink by a tight arc."""
        self.sink_tight = np.abs(self.to_right + right.costs() - self.to_sink) <= self.tolerance

    def _forward(self, i: int, seen_right: NDArray[np.bool_]) -> list[int]:
        """Tight pairs of left participant i; those whose right participant reaches the sink at
        once come last, so that they are tried first (short paths)."""
        tight = self.ahead[i] & ~(self.dead_right | seen_right)
        found: list[int] = np.flatnonzero(tight & ~self.sink_tight).tolist()
        found += np.flatnonzero(tight & self.sink_tight).tolist()
        return found

    def _back(self, j: int, seen_left: NDArray[np.bool_]) -> list[int]:
        found: list[int] = np.flatnonzero(self.back[:, j] & ~(self.dead_left | seen_left)).tolist()
        return found

    def path_from(self, start: int) -> list[int] | None:
        """The right participants of a tight path start -> r0 -> l1 -> r1 ... -> sink, or None;
        its left participants (start first) are left in self.lefts."""
        if self.dead_left[start]:
            return None
        seen_left = np.zeros(self.to_left.size, dtype=bool)
        seen_right = np.zeros(self.to_right.size, dtype=bool)
        seen_left[start] = True
        # Frames alternate: a left participant with its tight pairs to try, then a right one with
        # the chosen pairs it could give up.
        stack: list[tuple[bool, int, list[int]]] = [(True, start, self._forward(start, seen_right))]
        while stack:
            is_left, node, options = stack[-1]
            if not options:
                stack.pop()
                (self.dead_left if is_left else self.dead_right)[node] = True
                continue
            following = options.pop()
            if is_left:
                if self.dead_right[following] or seen_right[following]:
                    continue
                seen_right[following] = True
                if self.sink_tight[following]:
                    self.lefts = [n for is_l, n, _ in stack if is_l]
                    return [n for is_l, n, _ in stack if not is_l] + [following]
                stack.append((False, following, self._back(following, seen_left)))
            else:
                if self.dead_left[following] or seen_left[following]:
                    continue
                seen_left[following] = True
                stack.append((True, following, self._forward(following, seen_right)))
        return None
