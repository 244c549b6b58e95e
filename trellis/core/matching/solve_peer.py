"""Exact peer pairing: a maximum-weight matching in a general graph (everyone may pair with anyone).

The gain of a pair is its weight plus both people's first-match values. Groups of people with no
eligible pair between them are solved apart. For each group the bipartite relaxation (every person
once as a row and once as a column) is solved first with SciPy's assignment solver: when its optimum
is made of pairs (and even cycles, which split into two pairings of equal value), it is also the best
pairing, with proof. Otherwise networkx's blossom algorithm finds the optimum of that group.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx
import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import connected_components

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]
Progress = Callable[[str], None]


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
    groups, label = connected_components(
        sparse.csr_array(usable[np.ix_(people, people)]), directed=False
    )
    pairs: list[tuple[int, int]] = []
    for group in range(groups):
        members = people[label == group]
        if members.size < 2:
            continue
        sub_gain = np.where(usable[np.ix_(members, members)], gain[np.ix_(members, members)], 0.0)
        found = _by_relaxation(sub_gain)
        if found is None:
            report(f"blossom algorithm on {members.size} people")
            found = _by_blossom(sub_gain)
        pairs.extend((int(members[a]), int(members[b])) for a, b in found if sub_gain[a, b] > 0)
    return sorted((min(a, b), max(a, b)) for a, b in pairs)


def _by_relaxation(gain: Floats) -> list[tuple[int, int]] | None:
    """Pairs from the bipartite relaxation when it has no odd cycle, else None."""
    _, partner = linear_sum_assignment(-gain)
    seen = np.zeros(gain.shape[0], dtype=bool)
    pairs: list[tuple[int, int]] = []
    for start in range(gain.shape[0]):
        if seen[start]:
            continue
        cycle = [start]
        seen[start] = True
        current = int(partner[start])
        while current != start:
            cycle.append(current)
            seen[current] = True
            current = int(partner[current])
        if len(cycle) == 1:
            continue  # paired with oneself: alone
        if len(cycle) % 2:
            return None
        pairs.extend((cycle[k], cycle[k + 1]) for k in range(0, len(cycle), 2))
    return pairs


def _by_blossom(gain: Floats) -> list[tuple[int, int]]:
    rows, cols = np.nonzero(np.triu(gain > 0, 1))
    graph = nx.Graph()
    graph.add_nodes_from(range(gain.shape[0]))
    graph.add_weighted_edges_from(
        zip(rows.tolist(), cols.tolist(), gain[rows, cols].tolist(), strict=True)
    )
    return [(int(a), int(b)) for a, b in nx.max_weight_matching(graph)]
