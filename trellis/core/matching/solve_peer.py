"""Exact peer pairing: a maximum-weight matching in a general graph (everyone may pair with anyone).

The gain of a pair is its weight plus both people's first-match values. Groups of people with no
eligible pair between them are solved apart. For each group the bipartite relaxation (every person
once as a row and once as a column) is solved first with SciPy's assignment solver: when its optimum
is made of pairs (and even cycles, which split into two pairings of equal value), it is also the best
pairing, with proof.

Otherwise (odd cycles: three people who all suit each other) Edmonds' blossom algorithm finishes the
job, started from the relaxation's pairs and duals so that only the few people on odd cycles are
still open, and run on the pairs the duals call promising. The run's own duals then prove the
optimum against every other eligible pair; pairs that fail the proof are added and the run repeated.
The blossom code is networkx's, vendored in `_blossom.py` with a warm start (networkx's own
function, which always starts from scratch, takes minutes on 2,000 people).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ._blossom import perfect_matching

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]
Progress = Callable[[str], None]

TIGHT = 1e-9  # relative: a reduced cost this small counts as zero
CLOSEST = 8  # promising pairs per person besides the tight ones
MAX_BLOSSOM_ROUNDS = 50
NO_PROOF = "the blossom algorithm did not prove its optimum; please report this"


@dataclass(frozen=True)
class PeerProblem:
    weights: Floats  # n x n, symmetric
    eligible: Bools  # n x n, symmetric, never on the diagonal
    first: Floats  # value of each person's first (and only) match
    available: Bools  # people still to be paired (not locked with someone already)


def solve_peer(problem: PeerProblem, progress: Progress | None = None) -> list[tuple[int, int]]:
    """The chosen pairs (a, b) with a < b, sorted."""
    report = progress or (lambda _message: None)
    usable = problem.eligible & problem.available[:, None] & problem.available[None, :]
    gain = problem.weights + problem.first[:, None] + problem.first[None, :]
    usable &= gain > 0  # a pair that adds nothing is never better than no pair
    np.fill_diagonal(usable, False)
    people = np.flatnonzero(usable.any(axis=1))
    if people.size == 0:
        return []
    from scipy import sparse  # SciPy is slow to import: only when pairing
    from scipy.sparse.csgraph import connected_components

    groups, label = connected_components(
        sparse.csr_array(usable[np.ix_(people, people)]), directed=False
    )
    pairs: list[tuple[int, int]] = []
    for group in range(groups):
        members = people[label == group]
        if members.size < 2:
            continue
        sub_gain = np.where(usable[np.ix_(members, members)], gain[np.ix_(members, members)], 0.0)
        partner = _relaxation(sub_gain)
        found = _pairs_from_relaxation(partner)
        if found is None:
            report(f"blossom algorithm on {members.size} people")
            found = _by_warm_blossom(sub_gain, partner)
        pairs.extend((int(members[a]), int(members[b])) for a, b in found if sub_gain[a, b] > 0)
    return sorted((min(a, b), max(a, b)) for a, b in pairs)


def _relaxation(gain: Floats) -> Ints:
    """Each person's column in the optimal assignment of the symmetric gain matrix."""
    from scipy.optimize import linear_sum_assignment  # slow to import: only when pairing

    _, partner = linear_sum_assignment(-gain)
    return np.asarray(partner, dtype=np.int64)


def _cycles(partner: Ints) -> list[list[int]]:
    seen = np.zeros(partner.size, dtype=bool)
    cycles = []
    for start in range(partner.size):
        if seen[start]:
            continue
        cycle = [start]
        seen[start] = True
        current = int(partner[start])
        while current != start:
            cycle.append(current)
            seen[current] = True
            current = int(partner[current])
        cycles.append(cycle)
    return cycles


def _pairs_from_relaxation(partner: Ints) -> list[tuple[int, int]] | None:
    """Pairs from the relaxation when it has no odd cycle, else None."""
    pairs: list[tuple[int, int]] = []
    for cycle in _cycles(partner):
        if len(cycle) % 2 and len(cycle) > 1:
            return None
        if len(cycle) > 1:  # a pair, or an even cycle: every other edge
            pairs.extend((cycle[k], cycle[k + 1]) for k in range(0, len(cycle), 2))
    return pairs


def _relaxation_duals(gain: Floats, partner: Ints) -> Floats:
    """Vertex duals pi with pi[a] + pi[b] >= gain[a, b], tight on the relaxation's pairs.

    The assignment's row and column duals come from shortest paths over reassignments
    (Bellman-Ford, one vectorised step per round); pi is their mean, which the symmetry of the
    gains makes feasible.
    """
    n = gain.shape[0]
    row_of = np.empty(n, dtype=np.int64)
    row_of[partner] = np.arange(n)
    cost = -gain
    # moving the row that holds column k to column j costs step[k, j]
    step = cost[row_of, :] - cost[row_of, partner[row_of]][:, None]
    column = np.zeros(n)
    for _round in range(n + 1):
        better = np.minimum(column, (column[:, None] + step).min(axis=0))
        if np.array_equal(better, column):
            break
        column = better
    row = cost[np.arange(n), partner] - column[partner]
    return np.asarray(-(row + column) / 2, dtype=np.float64)


def _by_warm_blossom(gain: Floats, partner: Ints) -> list[tuple[int, int]]:
    """Exact maximum-weight matching as a perfect matching of the graph and its copy.

    Person v in the copy is v + n; v and v + n are joined by a pair of gain 0 (v alone). The
    best perfect matching of this doubled graph is twice the best matching of the group.
    """
    n = gain.shape[0]
    usable = gain > 0
    pi = _relaxation_duals(gain, partner)
    reduced = pi[:, None] + pi[None, :] - gain
    # Promising pairs: tight ones and each person's closest few.
    chosen = usable & (reduced <= TIGHT * max(1.0, float(gain.max())))
    closest = np.argsort(np.where(usable, reduced, np.inf), axis=1, kind="stable")[:, :CLOSEST]
    chosen[np.repeat(np.arange(n), closest.shape[1]), closest.ravel()] = True
    chosen &= usable
    chosen |= chosen.T
    tolerance = TIGHT * max(1.0, float(gain.max()))
    for _round in range(MAX_BLOSSOM_ROUNDS):
        mate, dualvar, blossoms = perfect_matching(*_warm_start(gain, chosen, partner, pi))
        duals = np.array([dualvar[v] for v in range(2 * n)])
        missing = np.zeros_like(chosen)
        for copy in (0, 1):
            own = duals[copy * n : (copy + 1) * n]
            slack = own[:, None] + own[None, :] - 2 * gain
            for leaves, z in blossoms:
                inside = [v - copy * n for v in leaves if copy * n <= v < (copy + 1) * n]
                if len(inside) > 1:
                    slack[np.ix_(inside, inside)] += 2 * z
            missing |= usable & ~chosen & (slack < -tolerance)
        if not missing.any():
            return [(a, b) for a, b in mate.items() if a < b < n]
        chosen |= missing | missing.T
    raise RuntimeError(NO_PROOF)


def _warm_start(
    gain: Floats, chosen: Bools, partner: Ints, pi: Floats
) -> tuple[dict[int, dict[int, float]], dict[int, int], dict[int, float]]:
    n = gain.shape[0]
    adjacency: dict[int, dict[int, float]] = {v: {} for v in range(2 * n)}
    rows, cols = np.nonzero(np.triu(chosen, 1))
    for a, b, value in zip(rows.tolist(), cols.tolist(), gain[rows, cols].tolist(), strict=True):
        adjacency[a][b] = adjacency[b][a] = value
        adjacency[a + n][b + n] = adjacency[b + n][a + n] = value
    for v in range(n):
        adjacency[v][v + n] = adjacency[v + n][v] = 0.0
    mate: dict[int, int] = {}
    for cycle in _cycles(partner):
        if len(cycle) == 2 and gain[cycle[0], cycle[1]] > 0 and chosen[cycle[0], cycle[1]]:
            a, b = cycle
            mate.update({a: b, b: a, a + n: b + n, b + n: a + n})
        elif len(cycle) <= 2:  # alone in the relaxation: with their own copy if that is tight
            for v in cycle:
                if pi[v] <= TIGHT:
                    mate.update({v: v + n, v + n: v})
    dualvar = {v: 2 * float(pi[v % n]) for v in range(2 * n)}
    return adjacency, mate, dualvar
