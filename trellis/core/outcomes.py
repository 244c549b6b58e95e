"""Outcome aggregates with the anonymity threshold built in: the one place where a dashboard, the
API and a report turn facts about people into numbers.

Input is a list of `Fact`s, each about one person (the coachee: the unit of anonymity), for one
cell (`metric`, `category`), with the dimensions a viewer may filter on. `dashboard()` answers every
cell of a filtered view; a cell that could describe fewer than `k` people has `value=None` and is
shown as "fewer than k". The rule (docs/outcomes.md, "Suppression"):

1. Small cell: a cell is hidden when fewer than k people contribute to it (zero included).
2. Complement within its table: in a table whose categories split one total (attendance outcomes,
   bins), when the hidden cells together hold 1..k-1 people, the next-smallest shown cell is hidden
   too, until they hold none or at least k (so no hidden cell is the total minus the shown ones).
   In a funnel (nested stages), a stage is hidden when it differs from an earlier shown stage by
   1..k-1 people.
3. Complement across views: for every coarser view the same viewer can ask for (drop any filter,
   or widen the period), a cell is hidden when the difference between the two views is about 1..k-1
   people (whole org vs org minus one team, last 90 days vs last 30).
4. Siblings: for each filter on a dimension (program, team, coach, an attribute), the views of the other values
   of that dimension split the coarser view; rule 2 is applied across them, so a hidden sibling is
   never the coarser total minus the shown siblings.
5. The view itself: when its population cell is hidden by 1-4 (the filter leaves fewer than k
   people, or differs from a coarser view by fewer than k), every cell of the view is hidden.

Pure Python: no Django, no database.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal, NamedTuple, TypeVar

DEFAULT_THRESHOLD = 5
POPULATION = "population"  # the metric every view has: one fact per person in it
DIMENSIONS = ("program", "team", "coach", "attribute")  # the filters a viewer may combine

Kind = Literal["partition", "chain", "mean"]
C = TypeVar("C", bound=Hashable)  # a table's cell: a category, or a dimension's value


class Fact(NamedTuple):  # a tuple: dashboards build tens of thousands of them
    person: int  # the coachee it is about
    metric: str
    category: str
    value: float = 1.0
    program: str = ""
    team: str = ""
    coach: str = ""
    on: date | None = None  # when it happened; None: in every period
    attributes: frozenset[tuple[str, str]] = frozenset()  # the person's (name, value) attributes


@dataclass(frozen=True)
class Filter:
    program: str | None = None
    team: str | None = None
    coach: str | None = None
    since: date | None = None  # facts on or after this day (and the undated ones)
    attribute: tuple[str, str] | None = (
        None  # one of the organization's own attributes: (name, value)
    )

    def admits(self, fact: Fact) -> bool:
        return (
            (self.program is None or fact.program == self.program)
            and (self.team is None or fact.team == self.team)
            and (self.coach is None or fact.coach == self.coach)
            and (self.since is None or fact.on is None or fact.on >= self.since)
            and (self.attribute is None or self.attribute in fact.attributes)
        )

    @property
    def is_empty(self) -> bool:
        return self == Filter()

    def coarser(self, periods: Sequence[date] = ()) -> list[Filter]:
        """Every view a viewer can also ask for that contains this one: drop any set of the
        dimension filters, and keep the period or widen it (to any earlier start or to all time)."""
        sinces: list[date | None] = [self.since]
        if self.since is not None:
            sinces += [p for p in periods if p < self.since] + [None]
        found = []
        for mask in range(1 << len(DIMENSIONS)):
            kept = {
                name: getattr(self, name) if mask & (1 << i) else None
                for i, name in enumerate(DIMENSIONS)
            }
            for since in sinces:
                candidate = Filter(**kept, since=since)
                if candidate != self and candidate not in found:
                    found.append(candidate)
        return found


@dataclass(frozen=True)
class Metric:
    key: str
    title: str
    kind: Kind
    categories: tuple[tuple[str, str], ...]  # (key, label), in the order shown
    unit: str = ""  # for means: "days", "T-score", "%", ...


@dataclass(frozen=True)
class Cell:
    key: str
    label: str
    value: float | None  # None: hidden (fewer than k people)
    people: int | None  # how many people it is about; None when hidden

    @property
    def hidden(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Panel:
    metric: Metric
    cells: tuple[Cell, ...]
    total: Cell | None  # partition tables: the sum of every category

    @property
    def shown(self) -> bool:
        return any(not c.hidden for c in self.cells)


@dataclass(frozen=True)
class Dashboard:
    threshold: int
    filter: Filter
    people: int | None  # None: the view is hidden (rule 5)
    panels: tuple[Panel, ...]

    @property
    def hidden(self) -> bool:
        return self.people is None

    def panel(self, key: str) -> Panel:
        return next(p for p in self.panels if p.metric.key == key)


@dataclass
class _Tally:
    persons: set[int] = field(default_factory=set)
    total: float = 0.0
    values: list[float] = field(default_factory=list)


TOTAL = "__total__"
_Key = tuple[str, str]


def _tally(facts: Iterable[Fact], view: Filter) -> dict[_Key, _Tally]:
    tallies: dict[_Key, _Tally] = defaultdict(_Tally)
    for fact in facts:
        if view.admits(fact):
            for key in ((fact.metric, fact.category), (fact.metric, TOTAL)):
                tally = tallies[key]
                tally.persons.add(fact.person)
                tally.total += fact.value
                tally.values.append(fact.value)
    return tallies


def _small(n: int, k: int) -> bool:
    return 0 < n < k


def _complete(hidden: set[C], persons: dict[C, set[int]], k: int) -> set[C]:
    """Rule 2 on one table: hide the smallest shown cells until the hidden ones hold 0 or >= k."""
    hidden = set(hidden)
    while True:
        union: set[int] = set().union(*(persons[c] for c in hidden)) if hidden else set()
        if not _small(len(union), k):
            return hidden
        shown = sorted(
            ((len(persons[c]), c) for c in persons if c not in hidden),
            key=lambda item: (item[0], str(item[1])),
        )
        if not shown:
            return hidden
        hidden.add(shown[0][1])


def _value(metric: Metric, tally: _Tally) -> float:
    if metric.kind == "chain":
        return float(len(tally.persons))
    if metric.kind == "mean":
        return round(statistics.fmean(tally.values), 1)
    return tally.total


def dashboard(
    facts: Sequence[Fact],
    metrics: Sequence[Metric],
    view: Filter = Filter(),
    *,
    k: int = DEFAULT_THRESHOLD,
    periods: Sequence[date] = (),
) -> Dashboard:
    """Every metric's cells for one view of the facts, with rules 1-5 applied (module docstring).

    `facts` is everything the viewer could see with no filter; `periods` the period starts the
    viewer may choose (rule 3 compares with each wider one).
    """
    mine = _tally(facts, view)
    empty = _Tally()

    def persons(key: _Key) -> set[int]:
        return mine.get(key, empty).persons

    keys: list[_Key] = [(POPULATION, "all")]
    for metric in metrics:
        keys += [(metric.key, c) for c, _ in metric.categories]
        if metric.kind == "partition":
            keys.append((metric.key, TOTAL))

    # Rule 1: small cells.
    hidden = {key for key in keys if len(persons(key)) < k}

    # Rule 3: against every coarser view, by the people the difference is about.
    for wider in view.coarser(periods):
        outside: dict[_Key, set[int]] = defaultdict(set)
        theirs: dict[_Key, set[int]] = defaultdict(set)
        for fact in facts:
            if wider.admits(fact):
                in_cell, in_total = (fact.metric, fact.category), (fact.metric, TOTAL)
                theirs[in_cell].add(fact.person)
                theirs[in_total].add(fact.person)
                if not view.admits(fact):
                    outside[in_cell].add(fact.person)
                    outside[in_total].add(fact.person)
        for key in keys:
            gone = theirs.get(key, set()) - persons(key)
            if _small(len(outside.get(key, ())), k) or _small(len(gone), k):
                hidden.add(key)

    # Rule 4: siblings along each filtered dimension, as one table per cell.
    for name in DIMENSIONS:
        mine_value = getattr(view, name)
        if mine_value is None:
            continue
        parent = replace(view, **{name: None})
        by_value: dict[object, dict[_Key, set[int]]] = defaultdict(lambda: defaultdict(set))
        for fact in facts:
            if parent.admits(fact):
                slot = by_value[_value_on(fact, name, mine_value)]
                slot[(fact.metric, fact.category)].add(fact.person)
                slot[(fact.metric, TOTAL)].add(fact.person)
        by_value.setdefault(mine_value, defaultdict(set))
        for key in keys:
            table = {value: cells.get(key, set()) for value, cells in by_value.items()}
            seeds = {value for value, people in table.items() if len(people) < k}
            if mine_value in _complete(seeds, table, k):
                hidden.add(key)

    # Rule 2: within each table of this view.
    for metric in metrics:
        cats = [c for c, _ in metric.categories]
        if metric.kind == "partition":
            in_cells = {c: persons((metric.key, c)) for c in cats}
            small = {c for c in cats if (metric.key, c) in hidden}
            if (metric.key, TOTAL) in hidden:
                small = set(cats)
            hidden |= {(metric.key, c) for c in _complete(small, in_cells, k)}
        elif metric.kind == "chain":
            shown: list[str] = []
            for c in cats:
                if (metric.key, c) in hidden:
                    continue
                here = persons((metric.key, c))
                if any(_small(len(persons((metric.key, s)) ^ here), k) for s in shown):
                    hidden.add((metric.key, c))
                else:
                    shown.append(c)

    # Rule 5: the view as a whole.
    view_hidden = (POPULATION, "all") in hidden
    panels = []
    for metric in metrics:
        cells = []
        for c, label in metric.categories:
            key = (metric.key, c)
            cells.append(
                _cell(c, label, metric, mine.get(key, empty), view_hidden or key in hidden)
            )
        total = None
        if metric.kind == "partition":
            key = (metric.key, TOTAL)
            total = _cell(
                TOTAL, "Total", metric, mine.get(key, empty), view_hidden or key in hidden
            )
        panels.append(Panel(metric, tuple(cells), total))
    people = None if view_hidden else len(persons((POPULATION, "all")))
    return Dashboard(k, view, people, tuple(panels))


def _value_on(fact: Fact, name: str, wanted: object) -> object:
    """The fact's value on a filter's dimension. For an attribute, the fact's value of the same
    attribute name, or (name, "") when the person has none: those people are a sibling too, as the
    parent view minus the named values would give them away."""
    if name != "attribute":
        return getattr(fact, name)
    assert isinstance(wanted, tuple)
    attribute = wanted[0]
    return next(((k, v) for k, v in fact.attributes if k == attribute), (attribute, ""))


def _cell(key: str, label: str, metric: Metric, tally: _Tally, hidden: bool) -> Cell:
    if hidden or not tally.persons:
        return Cell(key, label, None, None)
    return Cell(key, label, _value(metric, tally), len(tally.persons))


def fewer_than(k: int) -> str:
    return f"fewer than {k}"
