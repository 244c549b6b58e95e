"""Exact bipartite matching with capacities: a mentor may take several mentees, each mentee several mentors.

The objective is the total of the chosen pairs' weights plus, for every participant who gets at least
one partner, the value of their first match (the unmatched bonus, and under the "participation"
objective a large constant per person matched). Two exact methods:

* When every participant on one side takes at most one partner, each participant of the other side is
  expanded into one column per place (the first place carries the first-match value) and the dense
  assignment is solved with SciPy's `linear_sum_assignment`.
* Otherwise the problem is a min-cost flow written as a linear programme whose constraint matrix is
  totally unimodular, so the simplex method returns a whole-number optimum. Only promising pairs are
  given to the solver; every other eligible pair is priced against the duals and added until none
  could improve the total (column generation), which keeps the optimum exact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .dense_flow import dense_min_cost_flow
from .flow import min_cost_flow

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]
Progress = Callable[[str], None]

# A reduced cost below -TOLERANCE means a pair could still raise the total.
TOLERANCE = 1e-9
# Pairs each participant offers the linear programme at the start, per place of capacity.
START_PAIRS_PER_PLACE = 4
ROWS_PER_CHUNK = 2048
PRICED_PER_ROW = 3
WHOLE_PROGRAMME_PAIRS = 60_000
# Whole-number problems up to this many possible pairs go to the NumPy-only solver first: at these
# sizes it is as fast as SciPy's, whose import alone costs a terminal command more than the solve.
DENSE_PAIRS = 250_000
WHOLE_LIMIT = 2.0**50
NOT_INTEGRAL = (
    "the linear programme returned a fractional optimum ({count} pairs); please report this"
)
SOLVER_FAILED = "the solver stopped without an optimum: {message}"


@dataclass(frozen=True)
class BipartiteProblem:
    """Weights and eligibility are left x right; capacities and first-match values per participant."""

    weights: Floats
    eligible: Bools
    capacity_left: Ints
    capacity_right: Ints
    first_left: Floats
    first_right: Floats


def solve_bipartite(
    problem: BipartiteProblem, progress: Progress | None = None
) -> list[tuple[int, int]]:
    """The chosen (left, right) pairs, sorted; exact optimum of the stated objective."""
    report = progress or (lambda _message: None)
    if problem.eligible.size == 0 or not problem.eligible.any():
        return []
    if problem.eligible.size <= DENSE_PAIRS and _whole_numbers(problem):
        dense = dense_min_cost_flow(problem)
        if dense is not None:
            report("min-cost flow")
            return dense
    if (problem.capacity_right <= 1).all():
        report("assignment")
        return _by_assignment(problem)
    if (problem.capacity_left <= 1).all():
        report("assignment")
        flipped = _by_assignment(_transpose(problem))
        return sorted((left, right) for right, left in flipped)
    flow = min_cost_flow(problem)
    if flow is not None:
        report("min-cost flow")
        return flow
    return _by_linear_programme(problem, report)


def _whole_numbers(p: BipartiteProblem) -> bool:
    """Whether every weight and first-match value is a whole number (the dense solver then needs
    few phases, and its comparisons are exact)."""
    values = np.concatenate((p.weights[p.eligible], p.first_left, p.first_right))
    return bool(np.all(np.abs(values) < WHOLE_LIMIT) and np.array_equal(values, np.round(values)))


def _transpose(p: BipartiteProblem) -> BipartiteProblem:
    return BipartiteProblem(
        weights=p.weights.T,
        eligible=p.eligible.T,
        capacity_left=p.capacity_right,
        capacity_right=p.capacity_left,
        first_left=p.first_right,
        first_right=p.first_left,
    )


def _by_assignment(p: BipartiteProblem) -> list[tuple[int, int]]:
    """Right side takes at most one partner each: expand the left side into places."""
    from scipy.optimize import linear_sum_assignment  # scipy.optimize is slow to import

    rows = np.flatnonzero((p.capacity_right > 0) & p.eligible.any(axis=0))
    lefts = np.flatnonzero((p.capacity_left > 0) & p.eligible[:, rows].any(axis=1))
    if rows.size == 0 or lefts.size == 0:
        return []
    places = np.minimum(p.capacity_left[lefts], rows.size)
    owner = np.repeat(lefts, places)  # place -> left participant
    first_place = np.zeros(owner.size, dtype=bool)
    first_place[np.concatenate(([0], np.cumsum(places)[:-1]))] = True
    # Gain of giving right participant r the place c: the pair weight, r's first match, and the
    # left participant's first match when c is their first place. Only gains above zero matter:
    # a zero or negative gain is never better than leaving the place empty.
    gain = np.asarray(p.weights.T[np.ix_(rows, owner)], dtype=np.float64)
    gain += p.first_right[rows, None]
    gain[:, first_place] += p.first_left[owner[first_place]]
    usable = p.eligible.T[np.ix_(rows, owner)]
    gain[~usable] = 0.0
    np.maximum(gain, 0.0, out=gain)
    np.negative(gain, out=gain)  # linear_sum_assignment minimises; negate in place to spare memory
    chosen_rows, chosen_places = linear_sum_assignment(gain)
    keep = gain[chosen_rows, chosen_places] < 0.0
    pairs = zip(owner[chosen_places[keep]].tolist(), rows[chosen_rows[keep]].tolist(), strict=True)
    return sorted(pairs)


def _by_linear_programme(p: BipartiteProblem, report: Progress) -> list[tuple[int, int]]:
    n_left, n_right = p.weights.shape
    nodes = n_left + n_right
    capacity = np.concatenate((p.capacity_left, p.capacity_right)).astype(np.float64)
    first = np.concatenate((p.first_left, p.first_right))
    # Small programmes go to the solver whole; large ones start from each person's best pairs.
    whole = int(p.eligible.sum()) <= WHOLE_PROGRAMME_PAIRS
    active = p.eligible.copy() if whole else _starting_pairs(p)
    round_number = 0
    while True:
        round_number += 1
        left, right = np.nonzero(active)
        x, duals = _solve_lp(p.weights[left, right], left, n_left + right, nodes, capacity, first)
        added = 0 if whole else _price(p, active, duals[:n_left], duals[n_left:])
        report(f"linear programme round {round_number}: {left.size} pairs, {added} added")
        if added == 0:
            break
    chosen = x > 0.5
    fractional = int(((x > 1e-6) & (x < 1 - 1e-6)).sum())
    if fractional:
        raise RuntimeError(NOT_INTEGRAL.format(count=fractional))
    return sorted(zip(left[chosen].tolist(), right[chosen].tolist(), strict=True))


def _starting_pairs(p: BipartiteProblem) -> Bools:
    """Each participant's best pairs (a few per place of capacity): usually enough for the optimum."""
    active = np.zeros(p.weights.shape, dtype=bool)
    masked = np.where(p.eligible, p.weights, -np.inf)
    for axis, capacity in ((1, p.capacity_left), (0, p.capacity_right)):
        k = int(
            min(masked.shape[axis], max(1, START_PAIRS_PER_PLACE * int(capacity.max(initial=1))))
        )
        best = np.argsort(-masked, axis=axis, kind="stable")
        best = best[:, :k] if axis == 1 else best[:k, :]
        if axis == 1:
            rows = np.repeat(np.arange(masked.shape[0]), k)
            active[rows, best.ravel()] = True
        else:
            cols = np.tile(np.arange(masked.shape[1]), k)
            active[best.ravel(), cols] = True
    active &= p.eligible
    return active


def _solve_lp(
    weights: Floats,
    left_node: Ints,
    right_node: Ints,
    nodes: int,
    capacity: Floats,
    first: Floats,
) -> tuple[Floats, Floats]:
    """Flow form: per node, pairs = first place + other places; returns pair values and node duals."""
    pairs = weights.size
    node_index = np.arange(nodes)
    rows = np.concatenate((left_node, right_node, node_index, node_index))
    cols = np.concatenate(
        (np.arange(pairs), np.arange(pairs), pairs + node_index, pairs + nodes + node_index)
    )
    values = np.concatenate((np.ones(2 * pairs), -np.ones(2 * nodes)))
    from scipy import sparse  # SciPy is slow to import: only when this solver runs
    from scipy.optimize import linprog

    matrix = sparse.csr_array((values, (rows, cols)), shape=(nodes, pairs + 2 * nodes))
    cost = np.concatenate((-weights, -first, np.zeros(nodes)))
    upper = np.concatenate((np.ones(pairs), np.minimum(capacity, 1.0), np.maximum(capacity - 1, 0)))
    bounds = np.column_stack((np.zeros(upper.size), upper))

    result = linprog(cost, A_eq=matrix, b_eq=np.zeros(nodes), bounds=bounds, method="highs-ds")
    if result.status != 0:
        raise RuntimeError(SOLVER_FAILED.format(message=result.message))
    return np.asarray(result.x[:pairs]), np.asarray(result.eqlin.marginals)


def _price(p: BipartiteProblem, active: Bools, dual_left: Floats, dual_right: Floats) -> int:
    """Add every eligible pair whose reduced cost is negative; return how many were added."""
    added = 0
    for start in range(0, p.weights.shape[0], ROWS_PER_CHUNK):
        stop = start + ROWS_PER_CHUNK
        reduced = -p.weights[start:stop] - dual_left[start:stop, None] - dual_right[None, :]
        better = (reduced < -TOLERANCE) & p.eligible[start:stop] & ~active[start:stop]
        # Only the most improving pairs of each row join: ties are common with whole-number
        # weights, and a large programme costs more than one more round.
        reduced[~better] = np.inf
        k = min(PRICED_PER_ROW, reduced.shape[1])
        best = np.argpartition(reduced, k - 1, axis=1)[:, :k]
        rows = np.repeat(np.arange(reduced.shape[0]), k)
        chosen = np.zeros_like(better)
        chosen[rows, best.ravel()] = True
        chosen &= better
        added += int(chosen.sum())
        active[start:stop] |= chosen
    return added
