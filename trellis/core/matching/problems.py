"""Problems in a rules file, a participants file or a review file, and the errors that carry them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong: the file, where in it (a field path or a line), and what is wrong."""

    source: str
    where: str  # "criteria[2].weight", "line 7, grade" or "" for the whole file
    message: str

    def __str__(self) -> str:
        return (
            f"{self.source}: {self.where}: {self.message}"
            if self.where
            else f"{self.source}: {self.message}"
        )


class MatchingInputError(ValueError):
    """A file that cannot be used; `problems` lists every fault found, and nothing was written."""

    noun = "input"

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        headline = f"{count} {'problem' if count == 1 else 'problems'} in the {self.noun}"
        super().__init__("\n".join([headline, *(f"  - {problem}" for problem in self.problems)]))


class RulesError(MatchingInputError):
    noun = "rules file"


class ParticipantsError(MatchingInputError):
    noun = "participants"


class ReviewError(MatchingInputError):
    noun = "review"


def shown(value: object) -> str:
    """A value as the user typed it, for "got ..." in messages."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value)
