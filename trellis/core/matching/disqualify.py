"""Pairs that may never be made, found from ids rather than by looking at every pair.

Each disqualifier gives a short list of (left, right) index pairs: the same person on both sides, an
earlier pair, the same reporting line (one manages the other, directly or up the chain), an explicit
exclusion, and an admin's ban. Peer runs list each pair both ways.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .model import Participant, Rules

SAME_PERSON = "same person"
EARLIER_PAIR = "earlier pair"
REPORTING_LINE = "same reporting line"
EXCLUDED = "excluded"
BANNED = "banned in review"
FAILED_MUST = "fails {criterion} (must)"


@dataclass(frozen=True)
class Disqualified:
    """For each disqualifier, the (left, right) index pairs it rules out."""

    pairs: dict[str, tuple[NDArray[np.int64], NDArray[np.int64]]]

    def apply(self, eligible: NDArray[np.bool_]) -> None:
        for left, right in self.pairs.values():
            eligible[left, right] = False

    def count_for(self, *, left: int | None = None, right: int | None = None) -> dict[str, int]:
        counts = {}
        for reason, (lefts, rights) in self.pairs.items():
            hits = lefts == left if left is not None else rights == right
            if hits.any():
                # A pair can be listed twice (both people name each other): count partners.
                counts[reason] = len(set((rights if left is not None else lefts)[hits].tolist()))
        return counts


def _index(people: Sequence[Participant]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for position, person in enumerate(people):
        index[person.id].append(position)
    return index


def _as_arrays(
    pairs: Iterable[tuple[int, int]], peer: bool
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    found = set(pairs)
    if peer:
        found |= {(b, a) for a, b in found}
    ordered = sorted(found)
    left = np.array([a for a, _ in ordered], dtype=np.int64)
    right = np.array([b for _, b in ordered], dtype=np.int64)
    return left, right


def _named_pairs(
    left: Sequence[Participant],
    right: Sequence[Participant],
    names: Callable[[Participant], Iterable[str]],
) -> set[tuple[int, int]]:
    """Pairs where either person names the other (in `previous`, `exclude`, ...)."""
    left_index, right_index = _index(left), _index(right)
    pairs: set[tuple[int, int]] = set()
    for a, person in enumerate(left):
        for other in names(person):
            pairs.update((a, b) for b in right_index.get(other, ()))
    for b, person in enumerate(right):
        for other in names(person):
            pairs.update((a, b) for a in left_index.get(other, ()))
    return pairs


def _managers_above(people: Iterable[Participant]) -> dict[str, list[str]]:
    """Every manager up the chain of each person (loops were refused when reading)."""
    manager_of: dict[str, str] = {}
    for person in people:
        if person.manager and person.id not in manager_of:
            manager_of[person.id] = person.manager
    above: dict[str, list[str]] = {}
    for person_id in manager_of:
        chain, current, seen = [], manager_of.get(person_id), {person_id}
        while current and current not in seen:
            chain.append(current)
            seen.add(current)
            current = manager_of.get(current)
        above[person_id] = chain
    return above


def find_disqualified(
    rules: Rules,
    left: Sequence[Participant],
    right: Sequence[Participant],
    banned: Iterable[tuple[int, int]] = (),
) -> Disqualified:
    peer = rules.is_peer
    pairs: dict[str, tuple[NDArray[np.int64], NDArray[np.int64]]] = {}
    if peer:
        same = [(a, a) for a in range(len(left))]
    else:
        right_index = _index(right)
        same = [(a, b) for a, p in enumerate(left) for b in right_index.get(p.id, ())]
    pairs[SAME_PERSON] = _as_arrays(same, peer)
    if rules.disqualify.earlier_pairs:
        pairs[EARLIER_PAIR] = _as_arrays(_named_pairs(left, right, lambda p: p.previous), peer)
    if rules.disqualify.exclusions:
        pairs[EXCLUDED] = _as_arrays(_named_pairs(left, right, lambda p: p.exclude), peer)
    if rules.disqualify.reporting_line:
        above = _managers_above([*left, *right])
        pairs[REPORTING_LINE] = _as_arrays(
            _named_pairs(left, right, lambda p: above.get(p.id, ())), peer
        )
    pairs[BANNED] = _as_arrays(banned, peer)
    return Disqualified({reason: found for reason, found in pairs.items() if found[0].size})
