"""Goal Attainment Scaling (Kiresuk and Sherman, 1968).

At goal setting each goal gets five described levels, -2 (much less than expected) to +2 (much
more). At each review every goal is scored, and the scores combine into one T-score:

    T = 50 + 10 * sum(w_i * x_i) / sqrt((1 - rho) * sum(w_i^2) + rho * (sum(w_i))^2)

rho is the assumed correlation between goals (0.3 by convention). We use the 1968 formula as
published, not later guides that carry errata.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

LEVELS = (-2, -1, 0, 1, 2)
DEFAULT_RHO = 0.3

ERROR_NO_SCORES = "Goal Attainment Scaling needs at least one goal score."
ERROR_SCORE = "A GAS score must be a whole level from -2 to +2; got {score!r}."
ERROR_WEIGHT = "A GAS weight must be a number greater than 0; got {weight!r}."
ERROR_LENGTHS = "GAS needs one weight per score: got {scores} scores and {weights} weights."
ERROR_RHO = "rho must be at least 0 and less than 1; got {rho!r}."
ERROR_LEVEL_TEXT = "Describe the expected outcome (level 0) before describing the others."

LEVEL_NAMES = {
    -2: "much less than expected",
    -1: "somewhat less than expected",
    0: "the expected outcome",
    1: "somewhat more than expected",
    2: "much more than expected",
}


def _check_score(score: object) -> int:
    # bool is an int in Python; True as a score is a bug upstream, not +1.
    if isinstance(score, bool) or not isinstance(score, int) or score not in LEVELS:
        raise ValueError(ERROR_SCORE.format(score=score))
    return score


def _check_weight(weight: object) -> float:
    if (
        isinstance(weight, bool)
        or not isinstance(weight, int | float)
        or not math.isfinite(weight)
        or weight <= 0
    ):
        raise ValueError(ERROR_WEIGHT.format(weight=weight))
    return float(weight)


def gas_t_score(
    scores: Sequence[int], weights: Sequence[float] | None = None, rho: float = DEFAULT_RHO
) -> float:
    """The summary GAS T-score; 50 means every goal landed exactly where expected."""
    if not scores:
        raise ValueError(ERROR_NO_SCORES)
    xs = [_check_score(s) for s in scores]
    if weights is None:
        ws = [1.0] * len(xs)
    else:
        if len(weights) != len(xs):
            raise ValueError(ERROR_LENGTHS.format(scores=len(xs), weights=len(weights)))
        ws = [_check_weight(w) for w in weights]
    if isinstance(rho, bool) or not isinstance(rho, int | float) or not 0 <= rho < 1:
        raise ValueError(ERROR_RHO.format(rho=rho))
    numerator = sum(w * x for w, x in zip(ws, xs, strict=True))
    denominator = math.sqrt((1 - rho) * sum(w * w for w in ws) + rho * sum(ws) ** 2)
    return 50 + 10 * numerator / denominator


@dataclass(frozen=True)
class GasLevels:
    """The five described outcomes of one goal, written when the goal is set."""

    much_less: str = ""
    less: str = ""
    expected: str = ""
    more: str = ""
    much_more: str = ""

    def __post_init__(self) -> None:
        texts = (self.much_less, self.less, self.more, self.much_more)
        if any(t.strip() for t in texts) and not self.expected.strip():
            raise ValueError(ERROR_LEVEL_TEXT)

    @classmethod
    def from_mapping(cls, levels: Mapping[int, str]) -> GasLevels:
        for level in levels:
            _check_score(level)
        return cls(*(levels.get(level, "").strip() for level in LEVELS))

    def as_mapping(self) -> dict[int, str]:
        texts = (self.much_less, self.less, self.expected, self.more, self.much_more)
        return dict(zip(LEVELS, texts, strict=True))

    def describe(self, score: int) -> str:
        """The text for a level, or its generic name when none was written."""
        return self.as_mapping()[_check_score(score)] or LEVEL_NAMES[score]

    @property
    def is_complete(self) -> bool:
        return all(text.strip() for text in self.as_mapping().values())


@dataclass(frozen=True)
class GasReview:
    """The scores given at one review, keyed by goal (any stable id the caller uses)."""

    reviewed_on: date
    scores: Mapping[str, int]


@dataclass(frozen=True)
class TrendPoint:
    on: date
    t_score: float
    goals: int


Direction = Literal["up", "down", "flat"]


def gas_trend(
    reviews: Sequence[GasReview],
    weights: Mapping[str, float] | None = None,
    rho: float = DEFAULT_RHO,
) -> list[TrendPoint]:
    """One T-score per review date, oldest first, over the goals scored at that review.

    Goals added or dropped between reviews simply appear or disappear; a goal without a weight
    counts with weight 1. Reviews that scored nothing are skipped.
    """
    points = []
    for review in sorted(reviews, key=lambda r: r.reviewed_on):
        if not review.scores:
            continue
        keys = sorted(review.scores)
        ws = [(weights or {}).get(key, 1.0) for key in keys]
        t = gas_t_score([review.scores[key] for key in keys], ws, rho)
        points.append(TrendPoint(on=review.reviewed_on, t_score=t, goals=len(keys)))
    return points


def trend_direction(points: Sequence[TrendPoint], tolerance: float = 0.5) -> Direction | None:
    """Compare the last two points; None until there are two."""
    if len(points) < 2:
        return None
    change = points[-1].t_score - points[-2].t_score
    if abs(change) <= tolerance:
        return "flat"
    return "up" if change > 0 else "down"
