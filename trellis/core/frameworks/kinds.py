"""What a stage can produce: typed field kinds, their field specs, and validation of answers.

An answer arrives as plain data (JSON, a form, a line typed in a terminal) and is normalised
into a plain dict that can be stored as JSON; `answers.py` turns it into frozen dataclasses.
A refusal's `expected` and `found` are Wordings of the EXPECTED_ and FOUND_ templates, labelled
with the field's (or the kind's) label, so that a page can say it in the reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from .problems import Problem, Wording, describe

FieldType = Literal["text", "int", "date", "bool"]

EXPECTED_TEXT = "text"
EXPECTED_REQUIRED_TEXT = "a non-empty text"
EXPECTED_WHOLE_NUMBER = "a whole number from {low} to {high}"
EXPECTED_BOOL = "yes or no (true/false)"
EXPECTED_ISO_DATE = "a real calendar date (YYYY-MM-DD) or a date in words"
EXPECTED_TABLE = "a table of fields"
EXPECTED_ITEMS = "a list of items (or a table with an `items` list)"
EXPECTED_KNOWN_FIELD = "one of the fields {names}"
FOUND_UNKNOWN_FIELD = "an unknown field"

ISO_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
TRUE_WORDS = {"true", "yes", "y", "1", "on"}
FALSE_WORDS = {"false", "no", "n", "0", "off", ""}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    type: FieldType = "text"
    required: bool = False
    low: int | None = None
    high: int | None = None


@dataclass(frozen=True)
class KindSpec:
    key: str
    label: str
    fields: tuple[FieldSpec, ...]
    many: bool = False  # the answer is a list of items, each with `fields`

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)


_GOAL_FIELDS = (
    FieldSpec("statement", "Goal", required=True),
    FieldSpec("success_measure", "How you will know it is achieved"),
    FieldSpec("due", "By when", "date"),
)

KINDS: dict[str, KindSpec] = {
    spec.key: spec
    for spec in (
        KindSpec("goal", "Goal", _GOAL_FIELDS),
        KindSpec(
            "peers_goal",
            "PEERS goal",
            (
                *_GOAL_FIELDS,
                FieldSpec("powerful", "Powerful: it makes a real difference", "bool"),
                FieldSpec("easy", "Easy: simple to understand and measure", "bool"),
                FieldSpec("emotionally_compelling", "Emotionally compelling", "bool"),
                FieldSpec("reachable", "Reachable: it can be met", "bool"),
                FieldSpec("student_focused", "Student-focused", "bool"),
            ),
        ),
        KindSpec(
            "topic",
            "Topic",
            (
                FieldSpec("topic", "Topic", required=True),
                FieldSpec("scope", "What is in and out of scope"),
            ),
        ),
        KindSpec(
            "scaling",
            "Scaling",
            (
                FieldSpec("now", "Where it is now (0-10)", "int", required=True, low=0, high=10),
                FieldSpec("target", "Where you want it (0-10)", "int", low=0, high=10),
                FieldSpec("n_plus_one", "What one point higher looks like"),
            ),
        ),
        KindSpec(
            "options",
            "Options",
            (
                FieldSpec("option", "Option", required=True),
                FieldSpec("pros", "For it"),
                FieldSpec("cons", "Against it"),
                FieldSpec("consequences", "Consequences"),
                FieldSpec("rating", "How feasible (0-10)", "int", low=0, high=10),
                FieldSpec("chosen", "Chosen", "bool"),
            ),
            many=True,
        ),
        KindSpec(
            "resources",
            "Resources and know-how",
            (
                FieldSpec("know_how", "Know-how and strengths"),
                FieldSpec("resources", "People and resources to draw on"),
                FieldSpec("already_happening", "Times it already happens a little"),
            ),
        ),
        KindSpec(
            "emotions",
            "Emotions and buy-in",
            (
                FieldSpec("feelings", "Feelings about it"),
                FieldSpec("buy_in", "Buy-in (1-10)", "int", low=1, high=10),
            ),
        ),
        KindSpec(
            "actions",
            "Actions",
            (
                FieldSpec("what", "What", required=True),
                FieldSpec("when", "When", "date"),
                FieldSpec("who", "Who"),
                FieldSpec("support", "Support needed"),
                FieldSpec("obstacles", "Obstacles"),
                FieldSpec("commitment", "Commitment (1-10)", "int", low=1, high=10),
            ),
            many=True,
        ),
        KindSpec(
            "review",
            "Review",
            (
                FieldSpec("better", "What is better", required=True),
                FieldSpec("adjust", "What to adjust"),
            ),
        ),
        KindSpec("notes", "Notes", (FieldSpec("text", "Notes", required=True),)),
    )
}

SINGLE_TEXT_FIELD = {"topic": "topic", "review": "better", "notes": "text", "goal": "statement"}


def normalise_answer(
    kind: str, data: object, *, source: str = "answers"
) -> tuple[Any, list[Problem]]:
    """Check one kind's answer; return it as plain JSON-ready data plus every problem found.

    Paths name the kind first: `goal.due`, `actions[1].commitment`.
    """
    spec = KINDS[kind]
    problems: list[Problem] = []
    if spec.many:
        items = data.get("items") if isinstance(data, Mapping) else data
        if not isinstance(items, list):
            problem = Problem(source, kind, Wording(EXPECTED_ITEMS), describe(data), spec.label)
            return {"items": []}, [problem]
        normalised = [
            _normalise_fields(spec, item, f"{kind}[{index}]", source, problems)
            for index, item in enumerate(items)
        ]
        return {"items": normalised}, problems
    if isinstance(data, str) and kind in SINGLE_TEXT_FIELD:
        data = {SINGLE_TEXT_FIELD[kind]: data}  # a bare line of text answers the main field
    return _normalise_fields(spec, data, kind, source, problems), problems


def _normalise_fields(
    spec: KindSpec, data: object, path: str, source: str, problems: list[Problem]
) -> dict[str, Any]:
    if not isinstance(data, Mapping):
        problems.append(Problem(source, path, Wording(EXPECTED_TABLE), describe(data), spec.label))
        data = {}
    names = [field.name for field in spec.fields]
    for name in data:
        if name not in names:
            expected = Wording(EXPECTED_KNOWN_FIELD, names=", ".join(names))
            found = Wording(FOUND_UNKNOWN_FIELD)
            problems.append(Problem(source, f"{path}.{name}", expected, found, spec.label))
    return {
        field.name: _normalise_value(
            field, data.get(field.name), f"{path}.{field.name}", source, problems
        )
        for field in spec.fields
    }


def _normalise_value(
    field: FieldSpec, value: object, path: str, source: str, problems: list[Problem]
) -> Any:
    if field.type == "int":
        return _whole_number(field, value, path, source, problems)
    if field.type == "bool":
        return _boolean(field, value, path, source, problems)
    if isinstance(value, date):
        value = value.isoformat()
    if value is None:
        value = ""
    if not isinstance(value, str):
        problems.append(Problem(source, path, Wording(EXPECTED_TEXT), describe(value), field.label))
        return ""
    text = value.strip()
    if field.required and not text:
        expected = Wording(EXPECTED_REQUIRED_TEXT)
        problems.append(Problem(source, path, expected, describe(value or None), field.label))
    if field.type == "date" and ISO_LIKE.match(text) and iso_date(text) is None:
        expected = Wording(EXPECTED_ISO_DATE)
        problems.append(Problem(source, path, expected, describe(value), field.label))
    return text


def _whole_number(
    field: FieldSpec, value: object, path: str, source: str, problems: list[Problem]
) -> int | None:
    expected = Wording(EXPECTED_WHOLE_NUMBER, low=str(field.low), high=str(field.high))
    if isinstance(value, str):
        if not value.strip():
            value = None
        elif value.strip().lstrip("-").isdigit():
            value = int(value.strip())
    if value is None:
        if field.required:
            problems.append(Problem(source, path, expected, describe(None), field.label))
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        problems.append(Problem(source, path, expected, describe(value), field.label))
        return None
    low = field.low if field.low is not None else value
    high = field.high if field.high is not None else value
    if not low <= value <= high:
        problems.append(Problem(source, path, expected, describe(value), field.label))
        return None
    return value


def _boolean(
    field: FieldSpec, value: object, path: str, source: str, problems: list[Problem]
) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in TRUE_WORDS | FALSE_WORDS:
        return value.strip().lower() in TRUE_WORDS
    problems.append(Problem(source, path, Wording(EXPECTED_BOOL), describe(value), field.label))
    return False


def iso_date(text: str) -> date | None:
    """The date an ISO text names, or None (natural language is the goals helper's job)."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        pass
    parts = text.strip().split("-")
    if len(parts) == 3 and all(part.isdigit() for part in parts):
        try:  # "2025-3-1" is a date too
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            return None
    return None


def is_complete(kind: str, normalised: Any) -> bool:
    """Whether an answer is enough for its stage to be done (an empty options list is not)."""
    if KINDS[kind].many:
        return bool(normalised.get("items"))
    if kind == "scaling":
        return normalised.get("now") is not None
    if kind in ("resources", "emotions"):
        return any(value not in ("", None) for value in normalised.values())
    required = [field.name for field in KINDS[kind].fields if field.required]
    return all(normalised.get(name) for name in required)
