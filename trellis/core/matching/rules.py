"""Load a matching rules file (TOML) and check it against the schema, naming the field path of every fault.

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

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

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
from .problems import Problem, RulesError, shown

DEFAULT_WEIGHTS = {"high": 5.0, "medium": 3.0, "low": 1.0}
DEFAULT_SIDES = ("mentor", "mentee")
PEER_SIDES = ("person", "partner")
DEFAULT_TIMEZONE_COLUMN = "timezone"
DEFAULT_LANGUAGE_COLUMN = "languages"

EXPECTED_TOML = "expected valid TOML, got a syntax error: {error}"
EXPECTED_SHAPE = "expected one of bipartite, peer, got {got}"
EXPECTED_OBJECTIVE = "expected one of score, participation, got {got}"
EXPECTED_SIDES = (
    'expected a list of two different side names, such as ["mentor", "mentee"], got {got}'
)
EXPECTED_WEIGHT = "expected one of must, high, medium, low or a number, got {got}"
EXPECTED_NUMBER = "expected a number, got {got}"
EXPECTED_WHOLE = "expected a whole number of 0 or more, got {got}"
EXPECTED_BOOLEAN = "expected true or false, got {got}"
EXPECTED_TABLE = "expected a table, got {got}"
EXPECTED_CRITERIA = "expected a list of criteria ([[criteria]] tables), got {got}"
EXPECTED_KIND = "expected one of same, different, overlap, offers_needs, difference, timezone, language, got {got}"
EXPECTED_COLUMN = "expected the name of a participants column, got {got}"
EXPECTED_OPERATOR = "expected one of >, >=, <, <=, ==, !=, got {got}"
EXPECTED_SIDE = "expected one of the sides {sides}, got {got}"
UNKNOWN_FIELD = "unknown field; expected one of {fields}"
MISSING_FIELD = "missing; {what}"
FALSE_POINTS_WITH_MUST = "cannot be set when weight is must (a failing must disqualifies the pair)"
FALSE_POINTS_NOT_BOOLEAN = (
    "only same, different, difference, timezone and language criteria hold or fail"
)
NO_CRITERIA = "missing; expected at least one [[criteria]] table"
SIDES_IN_PEER = "only bipartite rules have sides"

TOP_FIELDS = (
    "shape",
    "sides",
    "objective",
    "unmatched_bonus",
    "capacity",
    "weights",
    "disqualify",
    "criteria",
)
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
DISQUALIFY_FIELDS = ("earlier_pairs", "reporting_line", "exclusions")


def column_key(name: str) -> str:
    """Column names compare without case, spaces, hyphens or underscores differences."""
    return re.sub(r"[\s\-_]+", "_", name.strip().lower())


def load_rules(path: str | Path) -> Rules:
    """Read and check a rules file; raises RulesError listing every problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError([Problem(path.name, "", f"cannot be read: {exc}")]) from exc
    return parse_rules(text, source=path.name)


def parse_rules(text: str, source: str = "rules.toml") -> Rules:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError([Problem(source, "", EXPECTED_TOML.format(error=exc))]) from exc
    return rules_from_data(data, source)


def rules_from_data(data: Mapping[str, Any], source: str = "rules.toml") -> Rules:
    checker = _Checker(source)
    rules = checker.rules(data)
    if checker.problems or rules is None:
        raise RulesError(checker.problems)
    return rules


class _Checker:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.source, where, message))

    def unknown_fields(
        self, table: Mapping[str, Any], prefix: str, allowed: tuple[str, ...]
    ) -> None:
        for key in table:
            if key not in allowed:
                self.add(f"{prefix}{key}", UNKNOWN_FIELD.format(fields=", ".join(allowed)))

    def rules(self, data: Mapping[str, Any]) -> Rules | None:
        self.unknown_fields(data, "", TOP_FIELDS)
        shape = self.choice(data, "shape", Shape, Shape.BIPARTITE, EXPECTED_SHAPE)
        objective = self.choice(data, "objective", Objective, Objective.SCORE, EXPECTED_OBJECTIVE)
        sides = self.sides(data, shape)
        weights = self.weights(data.get("weights", {}))
        capacity = self.per_side(data, "capacity", sides, shape, default=1, whole=True)
        bonus = self.per_side(data, "unmatched_bonus", sides, shape, default=0, whole=False)
        disqualify = self.disqualify(data.get("disqualify", {}))
        criteria = self.criteria(data, weights)
        if shape is None or objective is None or sides is None:
            return None
        return Rules(
            source=self.source,
            shape=shape,
            sides=sides,
            objective=objective,
            capacity={side: int(capacity[side]) for side in sides},
            unmatched_bonus={side: float(bonus[side]) for side in sides},
            criteria=criteria,
            disqualify=disqualify,
        )

    def choice(
        self, data: Mapping[str, Any], key: str, enum: Any, default: Any, message: str
    ) -> Any:
        value = data.get(key, default.value)
        try:
            return enum(value)
        except ValueError:
            self.add(key, message.format(got=shown(value)))
            return None

    def sides(self, data: Mapping[str, Any], shape: Shape | None) -> tuple[str, str] | None:
        if shape is Shape.PEER:
            if "sides" in data:
                self.add("sides", SIDES_IN_PEER)
            return PEER_SIDES
        value = data.get("sides", list(DEFAULT_SIDES))
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(v, str) and v.strip() for v in value)
            or value[0].strip().lower() == value[1].strip().lower()
        ):
            self.add("sides", EXPECTED_SIDES.format(got=shown(value)))
            return None
        return (value[0].strip().lower(), value[1].strip().lower())

    def number(self, value: Any, where: str) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(where, EXPECTED_NUMBER.format(got=shown(value)))
            return None
        return float(value)

    def weights(self, table: Any) -> dict[str, float]:
        weights = dict(DEFAULT_WEIGHTS)
        if not isinstance(table, dict):
            self.add("weights", EXPECTED_TABLE.format(got=shown(table)))
            return weights
        self.unknown_fields(table, "weights.", tuple(DEFAULT_WEIGHTS))
        for name in DEFAULT_WEIGHTS:
            if name in table:
                number = self.number(table[name], f"weights.{name}")
                if number is not None:
                    weights[name] = number
        return weights

    def per_side(
        self,
        data: Mapping[str, Any],
        key: str,
        sides: tuple[str, str] | None,
        shape: Shape | None,
        *,
        default: float,
        whole: bool,
    ) -> dict[str, float]:
        names = sides or DEFAULT_SIDES
        value = data.get(key, default)
        if isinstance(value, dict):
            self.unknown_fields(value, f"{key}.", names)
            table = {side: value.get(side, default) for side in names}
        else:
            table = dict.fromkeys(names, value)
        result: dict[str, float] = {}
        reported: set[str] = set()
        for side, number in table.items():
            where = f"{key}.{side}" if isinstance(value, dict) else key
            valid = (
                not isinstance(number, bool) and isinstance(number, int) and number >= 0
                if whole
                else not isinstance(number, bool) and isinstance(number, int | float)
            )
            if not valid:
                if where not in reported:  # a single value for both sides is reported once
                    reported.add(where)
                    expected = EXPECTED_WHOLE if whole else EXPECTED_NUMBER
                    self.add(where, expected.format(got=shown(number)))
                number = default
            result[side] = float(number)
        if shape is Shape.PEER and whole:
            # Peer pairing puts each person in one pair.
            result = dict.fromkeys(names, 1.0)
        return result

    def disqualify(self, table: Any) -> Disqualifiers:
        if not isinstance(table, dict):
            self.add("disqualify", EXPECTED_TABLE.format(got=shown(table)))
            return Disqualifiers()
        self.unknown_fields(table, "disqualify.", DISQUALIFY_FIELDS)
        values: dict[str, bool] = {}
        for key in DISQUALIFY_FIELDS:
            value = table.get(key, True)
            if not isinstance(value, bool):
                self.add(f"disqualify.{key}", EXPECTED_BOOLEAN.format(got=shown(value)))
                value = True
            values[key] = value
        return Disqualifiers(**values)

    def criteria(self, data: Mapping[str, Any], weights: dict[str, float]) -> tuple[Criterion, ...]:
        if "criteria" not in data:
            self.add("criteria", NO_CRITERIA)
            return ()
        items = data["criteria"]
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            self.add("criteria", EXPECTED_CRITERIA.format(got=shown(items)))
            return ()
        if not items:
            self.add("criteria", NO_CRITERIA)
        found = (self.criterion(item, f"criteria[{i}]", weights) for i, item in enumerate(items))
        return tuple(criterion for criterion in found if criterion is not None)

    def criterion(
        self, item: Mapping[str, Any], where: str, weights: dict[str, float]
    ) -> Criterion | None:
        problems_before = len(self.problems)
        try:
            kind = Kind(str(item.get("kind")))
        except ValueError:
            self.add(f"{where}.kind", EXPECTED_KIND.format(got=shown(item.get("kind"))))
            return None
        self.unknown_fields(item, f"{where}.", COMMON_CRITERION_FIELDS + CRITERION_FIELDS[kind])
        must, points = self.weight(item, f"{where}.weight", weights)
        if_false = 0.0
        if "weight_if_false" in item:
            if must:
                self.add(f"{where}.weight_if_false", FALSE_POINTS_WITH_MUST)
            elif kind not in BOOLEAN_KINDS:
                self.add(f"{where}.weight_if_false", FALSE_POINTS_NOT_BOOLEAN)
            else:
                if_false = self.number(item["weight_if_false"], f"{where}.weight_if_false") or 0.0
        fields: dict[str, Any] = {}
        for key in CRITERION_FIELDS[kind]:
            value = self.criterion_field(kind, key, item, f"{where}.{key}")
            if value is not None:
                fields[key] = value
        name = item.get("name")
        if name is not None and (not isinstance(name, str) or not name.strip()):
            self.add(f"{where}.name", f"expected a short label, got {shown(name)}")
        if len(self.problems) > problems_before:
            return None
        return Criterion(
            name=name.strip() if isinstance(name, str) else _default_name(kind, fields),
            kind=kind,
            points=points,
            must=must,
            points_if_false=if_false,
            **fields,
        )

    def weight(
        self, item: Mapping[str, Any], where: str, weights: dict[str, float]
    ) -> tuple[bool, float]:
        value = item.get("weight", "medium")
        if isinstance(value, str) and value.strip().lower() == "must":
            return True, 0.0
        if isinstance(value, str) and value.strip().lower() in weights:
            return False, weights[value.strip().lower()]
        if isinstance(value, int | float) and not isinstance(value, bool):
            return False, float(value)
        self.add(where, EXPECTED_WEIGHT.format(got=shown(value)))
        return False, 0.0

    def criterion_field(self, kind: Kind, key: str, item: Mapping[str, Any], where: str) -> Any:
        defaults = {
            (Kind.TIMEZONE, "attribute"): DEFAULT_TIMEZONE_COLUMN,
            (Kind.LANGUAGE, "attribute"): DEFAULT_LANGUAGE_COLUMN,
        }
        if key not in item and (kind, key) in defaults:
            return defaults[(kind, key)]
        if key not in item:
            what = {
                "operator": EXPECTED_OPERATOR.format(got="nothing"),
                "target": EXPECTED_NUMBER.format(got="nothing"),
                "max_gap": "expected a number of hours",
            }.get(key, EXPECTED_COLUMN.format(got="nothing"))
            self.add(where, MISSING_FIELD.format(what=what.replace(", got nothing", "")))
            return None
        value = item[key]
        if key in ("attribute", "offers", "needs"):
            if not isinstance(value, str) or not value.strip():
                self.add(where, EXPECTED_COLUMN.format(got=shown(value)))
                return None
            return column_key(value)
        if key == "operator":
            if value not in OPERATORS:
                self.add(where, EXPECTED_OPERATOR.format(got=shown(value)))
                return None
            return value
        number = self.number(value, where)
        if key == "max_gap" and number is not None and number < 0:
            self.add(where, f"expected a number of hours of 0 or more, got {shown(value)}")
            return None
        return number


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
