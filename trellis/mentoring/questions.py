"""The enrolment form as data: its questions, read from TOML through the shared loader or made
from the rules (one question per attribute the rules compare, plus availability and free text).

    [[questions]]
    name = "offers"            # the attribute the rules compare (a column of `trellis match`)
    label = "What can you offer?"
    type = "list"              # text, list (several values), number, choice, timezone
    choices = ["mentoring", "public speaking"]   # choice and list only; empty = free values
    required = true
"""

from typing import Annotated, Any

from django.utils.translation import gettext
from pydantic import Field

from trellis.core.datafiles import DataModel, OneOf, Slug, Text, load_toml
from trellis.core.matching import Kind, Rules
from trellis.core.matching.timezones import parse_timezone

TYPES = ("text", "list", "number", "choice", "timezone")
MAX_ANSWER = 500

LABELS = {
    "offers": "What can you offer others?",
    "needs": "What would you like to learn?",
    "department": "Your department",
    "grade": "Your grade (a number)",
    "languages": "Languages you can work in",
    "timezone": "Your time zone (e.g. Europe/London)",
    "availability": "When are you usually free?",
    "about": "Anything else a partner should know",
}


class Question(DataModel):
    name: Annotated[str, Slug()]
    label: Annotated[str, Text(200)]
    type: Annotated[str, OneOf(*TYPES)] = "text"
    choices: list[Annotated[str, Text(80)]] = Field(default=[], max_length=100)
    required: bool = True


class Form(DataModel):
    questions: list[Question] = Field(min_length=1, max_length=40)


def parse_form(data: bytes | str, source: str = "enrolment-form.toml") -> list[dict[str, Any]]:
    """The questions of a form file; raises DataFileError naming every problem."""
    form = load_toml(Form, data, source)
    return [q.model_dump() for q in form.questions]


def form_from_rules(rules: Rules) -> list[dict[str, Any]]:
    """One question per attribute the rules compare, then availability and free text."""
    questions: list[dict[str, Any]] = []
    names: list[str] = []
    for c in rules.criteria:
        for column in c.columns:
            if column in names:
                continue
            names.append(column)
            kind = (
                "list"
                if c.kind in (Kind.OVERLAP, Kind.OFFERS_NEEDS, Kind.LANGUAGE)
                else "number"
                if c.kind is Kind.DIFFERENCE
                else "timezone"
                if c.kind is Kind.TIMEZONE
                else "text"
            )
            label = LABELS.get(column, column.replace("_", " ").capitalize())
            questions.append(
                {
                    "name": column,
                    "label": label,
                    "type": kind,
                    "choices": [],
                    "required": c.must,  # a must cannot be checked without the answer
                }
            )
    for extra in ("availability", "about"):
        if extra not in names:
            questions.append(
                {
                    "name": extra,
                    "label": LABELS[extra],
                    "type": "text",
                    "choices": [],
                    "required": False,
                }
            )
    return questions


def clean_answers(
    questions: list[dict[str, Any]], raw: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The answers as stored (lists as lists of strings) and the problems, keyed by question."""
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for q in questions:
        name, value = q["name"], raw.get(q["name"], "")
        if isinstance(value, list | tuple):
            items = [str(v).strip() for v in value if str(v).strip()]
        else:
            text = str(value or "").strip()
            items = [p.strip() for p in text.replace("|", ";").split(";") if p.strip()]
        if q["type"] == "list":
            answer: Any = items
            given = bool(items)
            if q["choices"] and any(i not in q["choices"] for i in items):
                bad = [i for i in items if i not in q["choices"]]
                errors[name] = gettext("expected some of %(choices)s, found %(found)s") % {
                    "choices": ", ".join(q["choices"]),
                    "found": repr(bad[0]),
                }
        else:
            answer = str(value if not isinstance(value, list | tuple) else ";".join(items))
            answer = answer.strip()[:MAX_ANSWER]
            given = bool(answer)
            if given and q["type"] == "number":
                try:
                    float(answer)
                except ValueError:
                    errors[name] = gettext("expected a number, found %(found)s") % {
                        "found": repr(answer)
                    }
            if given and q["type"] == "timezone" and parse_timezone(answer) is None:
                errors[name] = gettext(
                    "expected a time zone such as Europe/London, found %(found)s"
                ) % {"found": repr(answer)}
            if given and q["type"] == "choice" and q["choices"] and answer not in q["choices"]:
                errors[name] = gettext("expected one of %(choices)s, found %(found)s") % {
                    "choices": ", ".join(q["choices"]),
                    "found": repr(answer),
                }
        if q.get("required") and not given and name not in errors:
            errors[name] = gettext("expected an answer")
        answers[name] = answer
    return answers, errors
