"""Problems found in a framework file or in a stage's answers, and the errors that carry them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong, with where it is and what was expected there."""

    source: str  # the file name, or "answers" for a stage's answers
    path: str  # e.g. "stages[2].prompts.directive[0].text"; "" for the whole file
    expected: str
    found: str = ""

    def __str__(self) -> str:
        where = f"{self.source}: {self.path}" if self.path else self.source
        found = f", found {self.found}" if self.found else ""
        return f"{where}: expected {self.expected}{found}"


def _summary(headline: str, problems: Sequence[Problem]) -> str:
    lines = [headline, *(f"  - {problem}" for problem in problems)]
    return "\n".join(lines)


class FrameworkError(ValueError):
    """A framework file that does not follow the schema; `problems` lists every fault."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(_summary(f"{count} {noun} in the framework", self.problems))


class AnswerError(ValueError):
    """Answers to a stage that do not fit what the stage produces; nothing was stored."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(_summary("The answers were not saved", self.problems))


class SessionError(ValueError):
    """A move the session refuses (unknown stage, finished session, feedback outside directive)."""


def describe(value: object) -> str:
    """A short description of a value found where something else was expected."""
    if value is None:
        return "nothing"
    kind = {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "the text",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)
    if isinstance(value, (list, dict)):
        return kind
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{kind} {shown}"


class UnknownFrameworkError(LookupError):
    """No framework with that key or alias."""
