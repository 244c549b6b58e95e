"""A team pulse's figures as the team may see them: per dimension, the mean and the spread
(standard deviation) of the members' scores, the trend across pulses, and the weakest dimension.
Never built below the threshold; never one member's answers. Pure Python: no Django."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from trellis.core.instruments import Instrument, Score


@dataclass(frozen=True)
class Dimension:
    key: str
    name: str
    mean: float
    spread: float  # the standard deviation of the members' scores on it
    change: float | None  # against the previous pulse that showed figures


@dataclass(frozen=True)
class PulseFigures:
    answered: int
    total: float
    dimensions: tuple[Dimension, ...]

    @property
    def weakest(self) -> Dimension:
        return min(self.dimensions, key=lambda d: (d.mean, d.key))


def figures(
    instrument: Instrument,
    scores: Sequence[Score],
    *,
    threshold: int,
    previous: PulseFigures | None = None,
) -> PulseFigures | None:
    """The aggregate of one pulse, or None when fewer than the threshold (at least the
    instrument's own) answered."""
    if len(scores) < max(threshold, instrument.threshold) or not scores:
        return None
    before = {d.key: d.mean for d in previous.dimensions} if previous else {}
    dimensions = []
    for subscale in instrument.spec.subscales:
        values = [s.subscales[subscale.key] for s in scores]
        mean = statistics.fmean(values)
        dimensions.append(
            Dimension(
                key=subscale.key,
                name=subscale.name,
                mean=round(mean, 2),
                spread=round(statistics.pstdev(values), 2),
                change=round(mean - before[subscale.key], 2) if subscale.key in before else None,
            )
        )
    total = statistics.fmean(s.total for s in scores)
    return PulseFigures(answered=len(scores), total=round(total, 2), dimensions=tuple(dimensions))
