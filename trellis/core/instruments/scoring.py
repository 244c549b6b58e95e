"""Scoring an instrument: reverse-scored items, totals and subscales (mean, sum or weighted),
score bands, aggregates that exist only at or above the anonymity threshold, and pre/post change
with Jacobson and Truax's reliable-change index (1991)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from trellis.core.datafiles import Problem, describe

from .model import Instrument
from .schema import Band, InstrumentError, Item

RELIABLE_Z = 1.96  # |RCI| above this: a change unlikely (p < .05) to be measurement error alone
EXPECTED_ANSWER = "a whole number from {low} to {high}"
EXPECTED_KNOWN_ITEM = "one of the instrument's items"
FOUND_UNKNOWN_ITEM = "an answer to an item the instrument does not have"


@dataclass(frozen=True)
class Score:
    """One respondent's scores: item values after reversal, the total, subscales and band."""

    items: Mapping[str, int]
    total: float
    subscales: Mapping[str, float]
    band: Band | None


@dataclass(frozen=True)
class Aggregate:
    """What a group's answers say together; never built below the anonymity threshold."""

    n: int
    total: float
    sd: float
    band: Band | None
    subscales: Mapping[str, float]
    items: Mapping[str, float]


@dataclass(frozen=True)
class Change:
    """One person's change from pre to post (Jacobson and Truax, 1991)."""

    pre: float
    post: float
    difference: float
    rci: float | None  # None when the instrument has no reliability figures to compute it
    verdict: str  # "improved", "deteriorated", "no reliable change" or "not computable"


@dataclass(frozen=True)
class GroupChange:
    n: int
    pre: float
    post: float
    improved: int
    deteriorated: int
    unchanged: int
    computable: bool


def check_answers(
    instrument: Instrument, answers: Mapping[str, object], source: str = "answers"
) -> list[Problem]:
    """Every item answered once with a point of the scale, and nothing else answered."""
    low, high = instrument.spec.scale.min, instrument.spec.scale.max
    expected = EXPECTED_ANSWER.format(low=low, high=high)
    problems = []
    for item in instrument.spec.items:
        value = answers.get(item.key)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            problems.append(Problem(source, item.key, expected, describe(value)))
    keys = {item.key for item in instrument.spec.items}
    for key in answers:
        if key not in keys:
            problems.append(Problem(source, str(key), EXPECTED_KNOWN_ITEM, FOUND_UNKNOWN_ITEM))
    return problems


def item_value(instrument: Instrument, item: Item, answer: int) -> int:
    """The answer as scored: a reverse-scored item counts from the other end of the scale."""
    scale = instrument.spec.scale
    return scale.min + scale.max - answer if item.reverse else answer


def combine(instrument: Instrument, items: Sequence[Item], values: Mapping[str, int]) -> float:
    """Items' scored values combined by the instrument's method."""
    if instrument.spec.scoring == "sum":
        return float(sum(values[item.key] for item in items))
    if instrument.spec.scoring == "weighted":
        weight = sum(item.weight for item in items)
        return sum(item.weight * values[item.key] for item in items) / weight
    return sum(values[item.key] for item in items) / len(items)


def band_of(instrument: Instrument, total: float) -> Band | None:
    """The band a total falls in: from its min up to (not including) its max, the top band
    including its max; None in a gap between bands."""
    bands = sorted(instrument.spec.bands, key=lambda band: band.min)
    for index, band in enumerate(bands):
        top = index == len(bands) - 1
        if band.min <= total < band.max or (top and total == band.max):
            return band
    return None


def score(instrument: Instrument, answers: Mapping[str, object]) -> Score:
    """Score one complete set of answers; raises InstrumentError naming each bad answer."""
    problems = check_answers(instrument, answers)
    if problems:
        raise InstrumentError(problems)
    items = instrument.spec.items
    values = {item.key: item_value(instrument, item, int(answers[item.key])) for item in items}  # type: ignore[call-overload]
    total = combine(instrument, items, values)
    subscales = {
        subscale.key: combine(
            instrument, [item for item in items if item.subscale == subscale.key], values
        )
        for subscale in instrument.spec.subscales
    }
    return Score(values, total, subscales, band_of(instrument, total))


def aggregate(
    instrument: Instrument, scores: Sequence[Score], *, threshold: int | None = None
) -> Aggregate | None:
    """The group's means, or None when fewer people answered than the threshold allows."""
    needed = max(threshold or 0, instrument.threshold)
    if len(scores) < needed:
        return None
    totals = [s.total for s in scores]
    total = statistics.fmean(totals)
    return Aggregate(
        n=len(scores),
        total=total,
        sd=statistics.stdev(totals) if len(totals) > 1 else 0.0,
        band=band_of(instrument, total),
        subscales={
            key.key: statistics.fmean(s.subscales[key.key] for s in scores)
            for key in instrument.spec.subscales
        },
        items={
            item.key: statistics.fmean(s.items[item.key] for s in scores)
            for item in instrument.spec.items
        },
    )


def reliable_change_index(pre: float, post: float, *, sd: float, reliability: float) -> float:
    """RCI = (post - pre) / S_diff, S_diff = sqrt(2 * SE^2), SE = sd * sqrt(1 - reliability)."""
    standard_error = sd * math.sqrt(1 - reliability)
    s_diff = math.sqrt(2 * standard_error**2)
    return (post - pre) / s_diff


def change(
    instrument: Instrument,
    pre: float,
    post: float,
    *,
    sd: float | None = None,
    reliability: float | None = None,
) -> Change:
    """One person's change; sd and reliability default to the instrument's own figures."""
    figures = instrument.spec.reliable_change
    sd = sd if sd is not None else (figures.sd if figures else None)
    reliability = (
        reliability if reliability is not None else (figures.reliability if figures else None)
    )
    difference = post - pre
    if not sd or reliability is None:
        return Change(pre, post, difference, None, "not computable")
    rci = reliable_change_index(pre, post, sd=sd, reliability=reliability)
    better = rci if instrument.spec.higher_is_better else -rci
    if better > RELIABLE_Z:
        verdict = "improved"
    elif better < -RELIABLE_Z:
        verdict = "deteriorated"
    else:
        verdict = "no reliable change"
    return Change(pre, post, difference, rci, verdict)


def cronbach_alpha(instrument: Instrument, scores: Sequence[Score]) -> float | None:
    """Internal consistency of a sample's answers; None when it cannot be computed (fewer than
    two items or respondents, or no variance)."""
    keys = [item.key for item in instrument.spec.items]
    if len(keys) < 2 or len(scores) < 2:
        return None
    item_variance = sum(statistics.variance([s.items[k] for s in scores]) for k in keys)
    total_variance = statistics.variance([sum(s.items[k] for k in keys) for s in scores])
    if total_variance == 0:
        return None
    k = len(keys)
    return (k / (k - 1)) * (1 - item_variance / total_variance)


def group_change(
    instrument: Instrument,
    pairs: Sequence[tuple[Score, Score]],
    *,
    sd: float | None = None,
    reliability: float | None = None,
) -> GroupChange | None:
    """Pre/post change of the people who answered both, or None below the threshold."""
    if len(pairs) < instrument.threshold:
        return None
    changes = [
        change(instrument, a.total, b.total, sd=sd, reliability=reliability) for a, b in pairs
    ]
    return GroupChange(
        n=len(pairs),
        pre=statistics.fmean(a.total for a, _ in pairs),
        post=statistics.fmean(b.total for _, b in pairs),
        improved=sum(c.verdict == "improved" for c in changes),
        deteriorated=sum(c.verdict == "deteriorated" for c in changes),
        unchanged=sum(c.verdict == "no reliable change" for c in changes),
        computable=all(c.rci is not None for c in changes),
    )


def baseline_figures(
    instrument: Instrument, baseline: Sequence[Score]
) -> tuple[float, float] | None:
    """(sd, reliability) for the RCI: the instrument's published figures when it has them,
    otherwise the baseline sample's SD and Cronbach's alpha when the baseline is at least the
    anonymity threshold in size; None when neither is available."""
    figures = instrument.spec.reliable_change
    if figures is not None:
        return figures.sd, figures.reliability
    if len(baseline) < max(instrument.threshold, 3):
        return None
    alpha = cronbach_alpha(instrument, baseline)
    sd = statistics.stdev(s.total for s in baseline)
    if alpha is None or alpha <= 0 or sd == 0:
        return None
    return sd, min(alpha, 0.99)
