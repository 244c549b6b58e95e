"""Load a matching rules file (TOML) through the shared data file loader: a pydantic schema, then
the checks that depend on a criterion's kind; every fault is named with its field path.

A rules file, all fields but `criteria` optional:

    shape = "bipartite"              # or "peer"
    sides = ["mentor", "mentee"]     # bipartite: the `role` values, left side first
    objective = "score"              # or "participation"
    unmatched_bonus = 6              # points for each participant's first match (or a table per side)
    [capacity]                       # default places per side; a `capacity` column overrides
    mentor = 3
    mentee = 1
    [weights]                        # the points behind high, medium and low
    high = 5
    [disqualify]                     # earlier_pairs, reporting_line, exclusions: true unless set false
    [[criteria]]
    kind = "difference"              # same, different, overlap, offers_needs, difference, timezone, language
    attribute = "grade"
    operator = ">="
    target = 1
    weight = "must"                  # must, high, medium, low or a number
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field

from trellis.core.datafiles import (
    MAX_BYTES,
    Check,
    DataFileError,
    DataModel,
    Flag,
    Number,
    OneOf,
    Text,
    column_key,
    describe,
    expected,
    read_toml,
    validate,
)

from .model import (
    BOOLEAN_KINDS,
    OPERATORS,
    Criterion,
    Disqualifiers,
    Kind,
    Objective,
    Rules,
    Shape,
)
from .problems import Problem, RulesError

__all__ = ["column_key", "load_rules", "parse_rules", "rules_from_data"]

DEFAULT_WEIGHTS = {"high": 5.0, "medium": 3.0, "low": 1.0}
DEFAULT_SIDES = ("mentor", "mentee")
PEER_SIDES = ("person", "partner")
DEFAULT_TIMEZONE_COLUMN = "timezone"
DEFAULT_LANGUAGE_COLUMN = "languages"
MAX_CRITERIA = 100
MAX_CAPACITY = 10_000
MAX_POINTS = 1_000_000.0
MAX_HOURS = 26.0  # the widest gap between two UTC offsets

EXPECTED_READABLE = "a file that can be read"
EXPECTED_SHAPE = "one of bipartite, peer"
EXPECTED_OBJECTIVE = "one of score, participation"
EXPECTED_SIDES = 'a list of two different side names, such as ["mentor", "mentee"]'
EXPECTED_WEIGHT = "one of must, high, medium, low or a number"
EXPECTED_POINTS = f"a number from -{MAX_POINTS:g} to {MAX_POINTS:g}"
EXPECTED_WHOLE = f"a whole number from 0 to {MAX_CAPACITY}"
EXPECTED_PER_SIDE = "{what}, or a table with one per side"
EXPECTED_CRITERIA = (
    f"a list of criteria ([[criteria]] tables), at least one and at most {MAX_CRITERIA}"
)
EXPECTED_KIND = "one of same, different, overlap, offers_needs, difference, timezone, language"
EXPECTED_COLUMN = "the name of a participants column"
EXPECTED_OPERATOR = "one of >, >=, <, <=, ==, !="
EXPECTED_HOURS = f"a number of hours from 0 to {MAX_HOURS:g}"
EXPECTED_LABEL = "a short label"
EXPECTED_FIELD = "one of the fields {fields}"
FOUND_UNKNOWN = "an unknown field"
EXPECTED_NO_FALSE_POINTS = (
    "no weight_if_false when weight is must (a failing must disqualifies the pair)"
)
EXPECTED_FALSE_POINTS_KIND = (
    "weight_if_false only on same, different, difference, timezone and language criteria"
)
EXPECTED_NO_SIDES = "no sides (only bipartite rules have sides)"
EXPECTED_KNOWN_SIDE = "one of the sides {sides}"

CRITERION_FIELDS = {
    Kind.SAME: ("attribute",),
    Kind.DIFFERENT: ("attribute",),
    Kind.OVERLAP: ("attribute",),
    Kind.OFFERS_NEEDS: ("offers", "needs"),
    Kind.DIFFERENCE: ("attribute", "operator", "target"),
    Kind.TIMEZONE: ("attribute", "max_gap"),
    Kind.LANGUAGE: ("attribute",),
}
COMMON_CRITERION_FIELDS = ("name", "kind", "weight", "weight_if_false")
FIELD_EXPECTS = {
    "attribute": EXPECTED_COLUMN,
    "offers": EXPECTED_COLUMN,
    "needs": EXPECTED_COLUMN,
    "operator": EXPECTED_OPERATOR,
    "target": "a number",
    "max_gap": "a number of hours",
}


def _weight(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in ("must", *DEFAULT_WEIGHTS):
        return value.strip().lower()
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) <= MAX_POINTS:
        return float(value)
    raise expected(EXPECTED_WEIGHT)


def _sides(value: Any) -> tuple[str, str]:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, str) and v.strip() and len(v) <= 60 for v in value)
        or value[0].strip().lower() == value[1].strip().lower()
    ):
        raise expected(EXPECTED_SIDES)
    return (value[0].strip().lower(), value[1].strip().lower())


def _per_side(what: str, whole: bool) -> Check:
    """A number for both sides, or a table of one number per side (its sides checked later)."""

    def good(number: Any) -> bool:
        if isinstance(number, bool) or not isinstance(number, int | float):
            return False
        if whole:
            return isinstance(number, int) and 0 <= number <= MAX_CAPACITY
        return abs(number) <= MAX_POINTS

    def check(value: Any) -> Any:
        if isinstance(value, Mapping):
            for side, number in value.items():
                if not good(number):
                    raise expected(what, describe(number), at=str(side))
            return dict(value)
        if not good(value):
            raise expected(what)
        return value

    return Check(EXPECTED_PER_SIDE.format(what=what), check)


Column = Annotated[str, Text(100, what=EXPECTED_COLUMN)]


class CriterionFile(DataModel):
    name: Annotated[str, Text(100, what=EXPECTED_LABEL)] | None = None
    kind: Annotated[str, OneOf(*(kind.value for kind in Kind), what=EXPECTED_KIND)]
    weight: Annotated[Any, Check(EXPECTED_WEIGHT, _weight)] = "medium"
    weight_if_false: (
        Annotated[float, Number(-MAX_POINTS, MAX_POINTS, what=EXPECTED_POINTS)] | None
    ) = None
    attribute: Column | None = None
    offers: Column | None = None
    needs: Column | None = None
    operator: Annotated[str, OneOf(*OPERATORS, what=EXPECTED_OPERATOR)] | None = None
    target: Annotated[float, Number()] | None = None
    max_gap: Annotated[float, Number(0, MAX_HOURS, what=EXPECTED_HOURS)] | None = None


Points = Annotated[float, Number(-MAX_POINTS, MAX_POINTS, what=EXPECTED_POINTS)]


class WeightsFile(DataModel):
    high: Points = DEFAULT_WEIGHTS["high"]
    medium: Points = DEFAULT_WEIGHTS["medium"]
    low: Points = DEFAULT_WEIGHTS["low"]


class DisqualifyFile(DataModel):
    earlier_pairs: Annotated[bool, Flag()] = True
    reporting_line: Annotated[bool, Flag()] = True
    exclusions: Annotated[bool, Flag()] = True


class RulesFile(DataModel):
    shape: Annotated[str, OneOf("bipartite", "peer", what=EXPECTED_SHAPE)] = "bipartite"
    sides: Annotated[tuple[str, str], Check(EXPECTED_SIDES, _sides)] | None = None
    objective: Annotated[str, OneOf("score", "participation", what=EXPECTED_OBJECTIVE)] = "score"
    unmatched_bonus: Annotated[Any, _per_side(EXPECTED_POINTS, whole=False)] = 0
    capacity: Annotated[Any, _per_side(EXPECTED_WHOLE, whole=True)] = 1
    weights: WeightsFile = WeightsFile()
    disqualify: DisqualifyFile = DisqualifyFile()
    criteria: list[CriterionFile] = Field(
        min_length=1, max_length=MAX_CRITERIA, description=EXPECTED_CRITERIA
    )


def load_rules(path: str | Path, *, max_bytes: int | None = None) -> Rules:
    """Read and check a rules file; raises RulesError listing every problem."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RulesError(
            [Problem(path.name, "", EXPECTED_READABLE, exc.strerror or str(exc))]
        ) from None
    return parse_rules(data, source=path.name, max_bytes=max_bytes)


def parse_rules(
    text: bytes | str, source: str = "rules.toml", *, max_bytes: int | None = MAX_BYTES
) -> Rules:
    data = read_toml(text, source, max_bytes=max_bytes, error=RulesError)
    return rules_from_data(data, source)


def rules_from_data(data: Mapping[str, Any], source: str = "rules.toml") -> Rules:
    """Rules from parsed TOML tables; raises RulesError listing every problem."""
    try:
        checked = validate(RulesFile, data, source, error=RulesError)
    except DataFileError as exc:
        # The schema's problems, and the kind-specific ones of criteria it could read.
        extra = _criteria_problems(data, source)
        raise RulesError([*exc.problems, *extra]) from None
    problems = _criteria_problems(data, source)
    shape = Shape(checked.shape)
    sides = PEER_SIDES if shape is Shape.PEER else (checked.sides or DEFAULT_SIDES)
    if shape is Shape.PEER and checked.sides is not None:
        problems.append(Problem(source, "sides", EXPECTED_NO_SIDES, "a list of sides"))
    capacity = _side_table(checked.capacity, "capacity", sides, 1, source, problems)
    bonus = _side_table(checked.unmatched_bonus, "unmatched_bonus", sides, 0, source, problems)
    if shape is Shape.PEER:
        capacity = dict.fromkeys(sides, 1)  # peer pairing puts each person in one pair
    weights = checked.weights
    points_of = {"high": weights.high, "medium": weights.medium, "low": weights.low}
    if problems:
        raise RulesError(problems)
    criteria = tuple(_criterion(item, points_of) for item in checked.criteria)
    return Rules(
        source=source,
        shape=shape,
        sides=sides,
        objective=Objective(checked.objective),
        capacity={side: int(capacity[side]) for side in sides},
        unmatched_bonus={side: float(bonus[side]) for side in sides},
        criteria=criteria,
        disqualify=Disqualifiers(**checked.disqualify.model_dump()),
    )


def _side_table(
    value: Any,
    key: str,
    sides: tuple[str, str],
    default: float,
    source: str,
    problems: list[Problem],
) -> dict[str, float]:
    if not isinstance(value, dict):
        return dict.fromkeys(sides, value)
    for side in value:
        if side not in sides:
            what = EXPECTED_KNOWN_SIDE.format(sides=" and ".join(sides))
            problems.append(Problem(source, f"{key}.{side}", what, f"the side {side!r}"))
    return {side: value.get(side, default) for side in sides}


def _criteria_problems(data: Mapping[str, Any], source: str) -> list[Problem]:
    """What depends on a criterion's kind: its fields, and where weight_if_false may be set."""
    items = data.get("criteria")
    problems = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, Mapping):
            continue
        try:
            kind = Kind(str(item.get("kind")))
        except ValueError:
            continue  # the schema reports the kind
        where = f"criteria[{index}]"
        allowed = COMMON_CRITERION_FIELDS + CRITERION_FIELDS[kind]
        known = set(COMMON_CRITERION_FIELDS) | set(FIELD_EXPECTS)
        for name in item:
            if name not in allowed and name in known:  # the schema reports names it does not know
                what = EXPECTED_FIELD.format(fields=", ".join(allowed))
                problems.append(
                    Problem(
                        source,
                        f"{where}.{name}",
                        what,
                        f"a field {kind.value} criteria do not have",
                    )
                )
        for name in CRITERION_FIELDS[kind]:
            has_default = name == "attribute" and kind in (Kind.TIMEZONE, Kind.LANGUAGE)
            if name not in item and not has_default:
                problems.append(Problem(source, f"{where}.{name}", FIELD_EXPECTS[name], "nothing"))
        if "weight_if_false" in item:
            weight = item.get("weight", "medium")
            if isinstance(weight, str) and weight.strip().lower() == "must":
                problems.append(
                    Problem(
                        source,
                        f"{where}.weight_if_false",
                        EXPECTED_NO_FALSE_POINTS,
                        describe(item["weight_if_false"]),
                    )
                )
            elif kind not in BOOLEAN_KINDS:
                problems.append(
                    Problem(
                        source,
                        f"{where}.weight_if_false",
                        EXPECTED_FALSE_POINTS_KIND,
                        f"a criterion of kind {kind.value}",
                    )
                )
    return problems


def _criterion(item: CriterionFile, points_of: Mapping[str, float]) -> Criterion:
    kind = Kind(item.kind)
    must = item.weight == "must"
    points = (
        0.0 if must else (points_of[item.weight] if isinstance(item.weight, str) else item.weight)
    )
    fields: dict[str, Any] = {}
    for name in CRITERION_FIELDS[kind]:
        value = getattr(item, name)
        if name == "attribute" and value is None:
            value = DEFAULT_TIMEZONE_COLUMN if kind is Kind.TIMEZONE else DEFAULT_LANGUAGE_COLUMN
        fields[name] = column_key(value) if name in ("attribute", "offers", "needs") else value
    return Criterion(
        name=item.name.strip() if item.name else _default_name(kind, fields),
        kind=kind,
        points=points,
        must=must,
        points_if_false=item.weight_if_false or 0.0,
        **fields,
    )


def _default_name(kind: Kind, fields: Mapping[str, Any]) -> str:
    attribute = str(fields.get("attribute", "")).replace("_", " ")
    if kind is Kind.SAME:
        return f"same {attribute}"
    if kind is Kind.DIFFERENT:
        return f"different {attribute}"
    if kind is Kind.OVERLAP:
        return f"shared {attribute}"
    if kind is Kind.OFFERS_NEEDS:
        return f"{fields.get('offers', '')} meet {fields.get('needs', '')}".replace("_", " ")
    if kind is Kind.DIFFERENCE:
        target = fields.get("target", 0.0)
        shown_target = int(target) if float(target).is_integer() else target
        return f"{attribute} difference {fields.get('operator', '')} {shown_target}"
    if kind is Kind.TIMEZONE:
        return f"time zones at most {fields.get('max_gap', 0):g} hours apart"
    return "shared language"
