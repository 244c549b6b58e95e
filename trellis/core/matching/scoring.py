"""Score every pair with NumPy: attributes become arrays, each criterion one broadcast expression.

Categories become integer codes (-1 when missing), numbers floats (NaN when missing), lists bit sets
(one uint64 word per 64 distinct values), time zones two offsets. A criterion is evaluated on index
arrays that broadcast: a block of rows against every partner for the score matrix, or aligned pairs
for explanations. A missing value never meets a criterion.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .model import BOOLEAN_KINDS, Criterion, Kind, Participant, Rules
from .participants import split_list
from .timezones import parse_timezone

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]
Words = NDArray[np.uint64]

CELLS_PER_BLOCK = 4_000_000  # rows are scored in blocks of about this many pairs
COMPARE: dict[str, Callable[[Floats, float], Bools]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
}


def _key(value: str) -> str:
    return " ".join(value.split()).casefold()


def _codes(values: Sequence[str], vocabulary: dict[str, int]) -> Ints:
    return np.array(
        [vocabulary.setdefault(_key(v), len(vocabulary)) if v.strip() else -1 for v in values],
        dtype=np.int64,
    )


def _bits(lists: Sequence[list[str]], vocabulary: dict[str, int]) -> Words:
    for items in lists:
        for item in items:
            vocabulary.setdefault(_key(item), len(vocabulary))
    words = max(1, (len(vocabulary) + 63) // 64)
    bits = np.zeros((len(lists), words), dtype=np.uint64)
    for row, items in enumerate(lists):
        for item in items:
            code = vocabulary[_key(item)]
            bits[row, code // 64] |= np.uint64(1) << np.uint64(code % 64)
    return bits


def _common(a: Words, i: Ints, b: Words, j: Ints) -> Ints:
    """How many values the sets a[i] and b[j] share (broadcast over i and j)."""
    total: Ints = np.bitwise_count(a[i, 0] & b[j, 0]).astype(np.int64)
    for word in range(1, a.shape[1]):
        total += np.bitwise_count(a[i, word] & b[j, word])
    return total


def _size(a: Words) -> Ints:
    sizes: Ints = np.bitwise_count(a).sum(axis=1).astype(np.int64)
    return sizes


class _Side:
    """One side's attribute arrays for one criterion."""

    def __init__(self) -> None:
        self.codes: Ints = np.empty(0, dtype=np.int64)
        self.numbers: Floats = np.empty(0)
        self.offsets: Floats = np.empty((0, 2))
        self.bits: Words = np.empty((0, 1), dtype=np.uint64)
        self.needs: Words = np.empty((0, 1), dtype=np.uint64)


class CriterionArrays:
    """A criterion's encoded attributes for both sides and its vectorised evaluation."""

    def __init__(
        self, criterion: Criterion, left: Sequence[Participant], right: Sequence[Participant]
    ) -> None:
        self.criterion = criterion
        self.left, self.right = _Side(), _Side()
        vocabulary: dict[str, int] = {}
        kind = criterion.kind
        sides = ((self.left, left), (self.right, right))
        if kind in (Kind.SAME, Kind.DIFFERENT):
            for side, people in sides:
                side.codes = _codes(
                    [p.attributes.get(criterion.attribute, "") for p in people], vocabulary
                )
        elif kind is Kind.DIFFERENCE:
            for side, people in sides:
                side.numbers = np.array(
                    [_number(p.attributes.get(criterion.attribute, "")) for p in people],
                    dtype=np.float64,
                )
        elif kind is Kind.TIMEZONE:
            for side, people in sides:
                side.offsets = np.array(
                    [_offsets(p.attributes.get(criterion.attribute, "")) for p in people],
                    dtype=np.float64,
                ).reshape(len(people), 2)
        elif kind in (Kind.OVERLAP, Kind.LANGUAGE):
            column = criterion.attribute
            self.left.bits = _bits(
                [split_list(p.attributes.get(column, "")) for p in left], vocabulary
            )
            self.right.bits = _bits(
                [split_list(p.attributes.get(column, "")) for p in right], vocabulary
            )
            self._pad_words()
        else:  # offers meet needs: both columns share one vocabulary
            for side, people in sides:
                offers = [split_list(p.attributes.get(criterion.offers, "")) for p in people]
                needs = [split_list(p.attributes.get(criterion.needs, "")) for p in people]
                side.bits, side.needs = _bits(offers, vocabulary), _bits(needs, vocabulary)
            self._pad_words()

    def _pad_words(self) -> None:
        # The vocabulary grew while encoding; give every array the final number of words.
        words = max(a.shape[1] for s in (self.left, self.right) for a in (s.bits, s.needs))
        for side in (self.left, self.right):
            side.bits = _pad(side.bits, words)
            side.needs = _pad(side.needs, words)

    def evaluate(self, i: Ints, j: Ints, *, peer: bool) -> Floats:
        """1.0/0.0 for criteria that hold or fail, else the share (0..1) of the points earned."""
        return np.asarray(self._evaluate(i, j, peer=peer), dtype=np.float64)

    def _evaluate(self, i: Ints, j: Ints, *, peer: bool) -> Any:  # numpy's stubs type these as Any
        kind, left, right = self.criterion.kind, self.left, self.right
        if kind is Kind.SAME:
            a, b = left.codes[i], right.codes[j]
            return ((a == b) & (a >= 0)).astype(np.float64)
        if kind is Kind.DIFFERENT:
            a, b = left.codes[i], right.codes[j]
            return ((a != b) & (a >= 0) & (b >= 0)).astype(np.float64)
        if kind is Kind.DIFFERENCE:
            x, y = left.numbers[i], right.numbers[j]
            difference = np.abs(x - y) if peer else x - y
            holds = COMPARE[self.criterion.operator](difference, self.criterion.target)
            return (holds & ~np.isnan(difference)).astype(np.float64)
        if kind is Kind.TIMEZONE:
            gap = np.zeros(np.broadcast_shapes(np.shape(i), np.shape(j)))
            for season in (0, 1):
                apart = np.abs(left.offsets[i, season] - right.offsets[j, season]) % 24
                gap = np.maximum(gap, np.minimum(apart, 24 - apart))
            return (gap <= self.criterion.max_gap).astype(np.float64)  # NaN compares false
        if kind is Kind.LANGUAGE:
            return (_common(left.bits, i, right.bits, j) > 0).astype(np.float64)
        if kind is Kind.OVERLAP:
            common = _common(left.bits, i, right.bits, j)
            union = _size(left.bits)[i] + _size(right.bits)[j] - common
            return np.divide(common, union, out=np.zeros(common.shape), where=union > 0)
        share = self._met(left, i, right, j)
        if peer:
            share = (share + self._met(right, j, left, i)) / 2
        return share

    @staticmethod
    def _met(offering: _Side, i: Ints, needing: _Side, j: Ints) -> Floats:
        met = _common(offering.bits, i, needing.needs, j)
        needs = _size(needing.needs)[j]
        share: Floats = np.divide(met, needs, out=np.zeros(met.shape), where=needs > 0)
        return share

    def points(self, value: Floats) -> Floats:
        criterion = self.criterion
        if criterion.kind in BOOLEAN_KINDS:
            return np.where(value > 0, criterion.points, criterion.points_if_false).astype(
                np.float64
            )
        return np.asarray(criterion.points * value, dtype=np.float64)


def _pad(bits: Words, words: int) -> Words:
    if bits.shape[1] >= words:
        return bits
    return np.pad(bits, ((0, 0), (0, words - bits.shape[1])))


def _number(value: str) -> float:
    try:
        return float(value) if value.strip() else np.nan
    except ValueError:
        return np.nan


def _offsets(value: str) -> tuple[float, float]:
    parsed = parse_timezone(value) if value.strip() else None
    return parsed if parsed is not None else (np.nan, np.nan)


@dataclass(frozen=True)
class ScoreMatrix:
    weights: Floats  # left x right: sum of the points of every criterion that is not a must
    passes: Bools  # left x right: every must criterion holds


class Scorer:
    """All criteria of a rules file, encoded for one run's participants."""

    def __init__(
        self, rules: Rules, left: Sequence[Participant], right: Sequence[Participant]
    ) -> None:
        self.rules = rules
        self.peer = rules.is_peer
        self.shape = (len(left), len(right))
        self.criteria = [CriterionArrays(c, left, right) for c in rules.criteria]

    def matrix(self, progress: Callable[[int, int], None] | None = None) -> ScoreMatrix:
        """Score every pair, a block of rows at a time; progress(rows done, rows)."""
        rows, cols = self.shape
        weights = np.zeros(self.shape, dtype=np.float64)
        passes = np.ones(self.shape, dtype=bool)
        step = max(1, CELLS_PER_BLOCK // max(cols, 1))
        j = np.arange(cols)[None, :]
        for start in range(0, rows, step):
            stop = min(rows, start + step)
            i = np.arange(start, stop)[:, None]
            for arrays in self.criteria:
                value = arrays.evaluate(i, j, peer=self.peer)
                if arrays.criterion.must:
                    passes[start:stop] &= value > 0
                else:
                    weights[start:stop] += arrays.points(value)
            if progress:
                progress(stop, rows)
        return ScoreMatrix(weights, passes)

    def pairs(self, i: Ints, j: Ints) -> tuple[Floats, Floats]:
        """For aligned pairs: each criterion's value and points (pairs x criteria)."""
        values = np.zeros((len(i), len(self.criteria)))
        points = np.zeros_like(values)
        for column, arrays in enumerate(self.criteria):
            value = arrays.evaluate(i, j, peer=self.peer)
            values[:, column] = value
            points[:, column] = 0.0 if arrays.criterion.must else arrays.points(value)
        return values, points

    def must_failures(self, index: int, *, is_left: bool) -> dict[str, int]:
        """For one participant: how many partners each must criterion rules out."""
        i: Ints = np.array([index]) if is_left else np.arange(self.shape[0])
        j: Ints = np.arange(self.shape[1]) if is_left else np.array([index])
        failures = {}
        for arrays in self.criteria:
            if arrays.criterion.must:
                fails = ~(arrays.evaluate(i[:, None], j[None, :], peer=self.peer).ravel() > 0)
                if self.peer:
                    fails[index] = False
                failures[arrays.criterion.name] = int(fails.sum())
        return failures
