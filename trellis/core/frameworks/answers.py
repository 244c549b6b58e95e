"""Typed, frozen views of normalised answers (see kinds.py for the fields and their checks)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .kinds import iso_date

DateParser = Callable[[str], date | None]

PEERS_CRITERIA = {
    "powerful": "Powerful",
    "easy": "Easy",
    "emotionally_compelling": "Emotionally compelling",
    "reachable": "Reachable",
    "student_focused": "Student-focused",
}


@dataclass(frozen=True)
class DueDate:
    """A date as the person wrote it, and the calendar date when it could be read."""

    text: str
    on: date | None

    @classmethod
    def read(cls, text: str, parse_date: DateParser | None = None) -> DueDate:
        on = iso_date(text) if text else None
        if on is None and text and parse_date is not None:
            on = parse_date(text)
        return cls(text, on)


@dataclass(frozen=True)
class Goal:
    statement: str
    success_measure: str
    due: DueDate
    peers_unmet: tuple[str, ...] = ()  # PEERS criteria not yet met (Impact Cycle only)


@dataclass(frozen=True)
class Topic:
    topic: str
    scope: str


@dataclass(frozen=True)
class Scaling:
    now: int
    target: int | None
    n_plus_one: str


@dataclass(frozen=True)
class Option:
    option: str
    pros: str
    cons: str
    consequences: str
    rating: int | None
    chosen: bool


@dataclass(frozen=True)
class Resources:
    know_how: str
    resources: str
    already_happening: str


@dataclass(frozen=True)
class Emotions:
    feelings: str
    buy_in: int | None


@dataclass(frozen=True)
class Action:
    what: str
    when: DueDate
    who: str
    support: str
    obstacles: str
    commitment: int | None


@dataclass(frozen=True)
class Review:
    better: str
    adjust: str


@dataclass(frozen=True)
class Notes:
    text: str


Typed = (
    Goal
    | Topic
    | Scaling
    | Resources
    | Emotions
    | Review
    | Notes
    | tuple[Option, ...]
    | tuple[Action, ...]
)


def typed_answer(kind: str, data: Mapping[str, Any], parse_date: DateParser | None = None) -> Typed:
    """The frozen dataclass (or tuple of them) for one normalised answer."""
    if kind in ("goal", "peers_goal"):
        unmet = tuple(label for name, label in PEERS_CRITERIA.items() if not data.get(name, True))
        due = DueDate.read(data["due"], parse_date)
        return Goal(data["statement"], data["success_measure"], due, unmet)
    if kind == "options":
        return tuple(Option(**item) for item in data["items"])
    if kind == "actions":
        return tuple(
            Action(**{**item, "when": DueDate.read(item["when"], parse_date)})
            for item in data["items"]
        )
    simple: dict[str, Callable[..., Typed]] = {
        "topic": Topic,
        "scaling": Scaling,
        "resources": Resources,
        "emotions": Emotions,
        "review": Review,
        "notes": Notes,
    }
    return simple[kind](**data)
