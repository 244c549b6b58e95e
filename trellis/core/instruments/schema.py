"""The instrument file: a pydantic schema read by the shared data-file loader, then the checks
that span fields (item subscales exist, bands fit the score range, keys are unique), each
reported as `file: field.path: expected ..., found ...`."""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any

from pydantic import Field

from trellis.core.datafiles import (
    DataFileError,
    DataModel,
    Flag,
    Number,
    OneOf,
    Problem,
    Slug,
    Text,
    Whole,
    describe,
    read_toml,
    validate,
)

MAX_BYTES = 200_000  # an instrument is a few kilobytes; a licensed one with 200 items fits
AUDIENCES = ("self", "coach", "stakeholder", "team_member", "manager", "peer", "report")
# Audiences answered through an emailed link by people named one by one (inside or outside Trellis):
# stakeholders in general, or, for a 360, the leader's manager, peers and direct reports apart.
LINK_AUDIENCES = ("stakeholder", "manager", "peer", "report")
SCORINGS = ("mean", "sum", "weighted")
DEFAULT_THRESHOLD = 5
MIN_THRESHOLD = 3  # below three, an "aggregate" is one or two people's answers

EXPECTED_UNIQUE_ITEM = "an item key not used by an earlier item"
EXPECTED_UNIQUE_SUBSCALE = "a subscale key not used by an earlier subscale"
EXPECTED_SUBSCALE = "one of the subscales: {keys}"
EXPECTED_NO_SUBSCALE = "no subscale: the file has no [[subscales]]"
EXPECTED_LABELS = "one label per point of the scale ({count} labels, from min to max)"
EXPECTED_SCALE = "a max greater than min"
EXPECTED_BAND_ORDER = "a max above the band's min ({low:g})"
EXPECTED_BAND_RANGE = "a value within the score range {low:g} to {high:g}"
EXPECTED_BAND_OVERLAP = (
    "a min at or above the previous band's max ({high:g}): bands may not overlap"
)
EXPECTED_UNIQUE_AUDIENCE = "each audience listed once"
EXPECTED_SUBSCALE_ITEMS = "a subscale with at least one item"


class InstrumentError(DataFileError):
    noun = "the instrument file"


class Scale(DataModel):
    min: Annotated[
        int, Whole(0, 100, what="the lowest point of the scale, a whole number from 0 to 100")
    ]
    max: Annotated[
        int, Whole(1, 100, what="the highest point of the scale, a whole number from 1 to 100")
    ]
    labels: list[Annotated[str, Text(80)]] = Field(default_factory=list, max_length=101)


class Item(DataModel):
    key: Annotated[str, Slug(40)]
    text: Annotated[str, Text(500)]
    subscale: Annotated[str, Slug(40)] | None = None
    reverse: Annotated[bool, Flag()] = False
    weight: Annotated[float, Number(0.01, 100, what="a weight from 0.01 to 100")] = 1.0


class Subscale(DataModel):
    key: Annotated[str, Slug(40)]
    name: Annotated[str, Text(120)]
    description: Annotated[str, Text(1000)] = ""


class Band(DataModel):
    min: Annotated[float, Number(what="the band's lowest score, a number")]
    max: Annotated[float, Number(what="the band's highest score, a number")]
    label: Annotated[str, Text(80)]
    meaning: Annotated[str, Text(1000)]


class ReliableChange(DataModel):
    sd: Annotated[
        float, Number(0.0001, 10_000, what="the standard deviation of scores in a reference group")
    ]
    reliability: Annotated[
        float, Number(0.0, 0.99, what="a reliability coefficient from 0 to 0.99")
    ]


AUDIENCE = OneOf(*AUDIENCES, what="who answers: one of " + ", ".join(AUDIENCES))


class InstrumentFile(DataModel):
    key: Annotated[str, Slug()]
    name: Annotated[str, Text(150)]
    version: Annotated[int, Whole(1, 10_000, what="a whole number of 1 or more")]
    construct_text: Annotated[str, Text(2000)] = Field(alias="construct")
    description: Annotated[str, Text(4000)]
    licence: Annotated[str, Text(2000)]
    sources: list[Annotated[str, Text(500)]] = Field(default_factory=list, max_length=50)
    respondents: list[Annotated[str, AUDIENCE]] = Field(
        min_length=1, max_length=len(AUDIENCES), description="a list of who answers, at least one"
    )
    anonymity_threshold: Annotated[
        int, Whole(MIN_THRESHOLD, 1000, what=f"a whole number from {MIN_THRESHOLD} to 1000")
    ] = DEFAULT_THRESHOLD
    scoring: Annotated[str, OneOf(*SCORINGS)] = "mean"
    higher_is_better: Annotated[bool, Flag()] = True
    instructions: Annotated[str, Text(2000)] = ""
    scale: Scale
    items: list[Item] = Field(min_length=1, max_length=200, description="a list of [[items]]")
    subscales: list[Subscale] = Field(default_factory=list, max_length=30)
    bands: list[Band] = Field(default_factory=list, max_length=20)
    reliable_change: ReliableChange | None = None


def score_range(data: InstrumentFile, count: int | None = None) -> tuple[float, float]:
    """The lowest and highest total a complete answer can score."""
    low, high = data.scale.min, data.scale.max
    if data.scoring == "sum":
        n = len(data.items) if count is None else count
        return float(low * n), float(high * n)
    return float(low), float(high)


def cross_check(data: InstrumentFile, source: str) -> list[Problem]:
    """What the schema of each field cannot see: relations between fields."""
    problems: list[Problem] = []

    def problem(where: str, expected: str, found: object) -> None:
        problems.append(Problem(source, where, expected, describe(found)))

    scale_ok = data.scale.max > data.scale.min
    if not scale_ok:
        problem("scale.max", EXPECTED_SCALE, data.scale.max)
    points = data.scale.max - data.scale.min + 1
    if scale_ok and data.scale.labels and len(data.scale.labels) != points:
        problems.append(
            Problem(
                source,
                "scale.labels",
                EXPECTED_LABELS.format(count=max(points, 0)),
                f"{len(data.scale.labels)} labels",
            )
        )
    if len(set(data.respondents)) != len(data.respondents):
        problem("respondents", EXPECTED_UNIQUE_AUDIENCE, data.respondents)
    subscale_keys: list[str] = []
    for index, subscale in enumerate(data.subscales):
        if subscale.key in subscale_keys:
            problem(f"subscales[{index}].key", EXPECTED_UNIQUE_SUBSCALE, subscale.key)
        subscale_keys.append(subscale.key)
    item_keys: set[str] = set()
    used: set[str] = set()
    for index, item in enumerate(data.items):
        if item.key in item_keys:
            problem(f"items[{index}].key", EXPECTED_UNIQUE_ITEM, item.key)
        item_keys.add(item.key)
        if item.subscale is not None:
            if not subscale_keys:
                problem(f"items[{index}].subscale", EXPECTED_NO_SUBSCALE, item.subscale)
            elif item.subscale not in subscale_keys:
                expected = EXPECTED_SUBSCALE.format(keys=", ".join(subscale_keys))
                problem(f"items[{index}].subscale", expected, item.subscale)
            used.add(item.subscale)
    for index, subscale in enumerate(data.subscales):
        if subscale.key not in used:
            problem(f"subscales[{index}].key", EXPECTED_SUBSCALE_ITEMS, subscale.key)
    low, high = score_range(data)
    previous: float | None = None
    for index, band in sorted(enumerate(data.bands), key=lambda pair: pair[1].min):
        where = f"bands[{index}]"
        if band.max <= band.min:
            problem(f"{where}.max", EXPECTED_BAND_ORDER.format(low=band.min), band.max)
        for name in ("min", "max"):
            value = getattr(band, name)
            if scale_ok and not low <= value <= high:
                problem(f"{where}.{name}", EXPECTED_BAND_RANGE.format(low=low, high=high), value)
        if previous is not None and band.min < previous:
            problem(f"{where}.min", EXPECTED_BAND_OVERLAP.format(high=previous), band.min)
        previous = band.max
    return problems


def read_instrument_file(text: bytes | str, source: str) -> tuple[InstrumentFile, dict[str, Any]]:
    """The validated file and its raw tables; raises InstrumentError listing every problem."""
    table = read_toml(text, source, max_bytes=MAX_BYTES, error=InstrumentError)
    data = validate(InstrumentFile, table, source, error=InstrumentError)
    problems = cross_check(data, source)
    if problems:
        raise InstrumentError(problems)
    return data, table


def content_hash(table: dict[str, Any]) -> str:
    """A hash of what the file says, not how it is laid out."""
    canonical = json.dumps(
        table, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return hashlib.sha256(canonical.encode()).hexdigest()
