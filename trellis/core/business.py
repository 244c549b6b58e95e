"""The organization's business goals as admins and sponsors may see them: per business goal, how
many goals sit under it, and the GAS trend of the people working under it, aggregated by quarter
and withheld below the anonymity threshold. Pure Python: no Django."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from trellis.core.goals.gas import gas_t_score


@dataclass(frozen=True)
class ScoreRow:
    goal: int
    person: int
    on: date
    score: int
    weight: int = 1


@dataclass(frozen=True)
class QuarterPoint:
    starts_on: date
    people: int
    t_score: float | None  # None: fewer people than the threshold, so no figure


def quarter_of(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def gas_by_quarter(rows: Iterable[ScoreRow], *, threshold: int) -> list[QuarterPoint]:
    """Each quarter's mean of the people's GAS T-scores (each person's latest score per goal in
    that quarter), oldest first; only how many people, when fewer than `threshold` were scored."""
    latest: dict[tuple[date, int, int], ScoreRow] = {}
    for row in sorted(rows, key=lambda r: r.on):
        latest[(quarter_of(row.on), row.person, row.goal)] = row
    people: dict[date, dict[int, list[ScoreRow]]] = defaultdict(lambda: defaultdict(list))
    for (quarter, person, _goal), row in latest.items():
        people[quarter][person].append(row)
    points = []
    for quarter in sorted(people):
        t_scores = [
            gas_t_score([r.score for r in scored], [r.weight for r in scored])
            for scored in people[quarter].values()
        ]
        shown = round(statistics.fmean(t_scores), 1) if len(t_scores) >= threshold else None
        points.append(QuarterPoint(quarter, len(t_scores), shown))
    return points
