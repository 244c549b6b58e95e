"""Problems found in a framework file or in a stage's answers, and the errors that carry them."""

from __future__ import annotations

from collections.abc import Sequence

from trellis.core.datafiles import DataFileError, Problem, Wording, describe

__all__ = ["AnswerError", "FrameworkError", "Problem", "SessionError", "Wording", "describe"]


def _summary(headline: str, problems: Sequence[Problem]) -> str:
    lines = [headline, *(f"  - {problem}" for problem in problems)]
    return "\n".join(lines)


class FrameworkError(DataFileError):
    """A framework file that does not follow the schema; `problems` lists every fault."""

    noun = "the framework"


class AnswerError(ValueError):
    """Answers to a stage that do not fit what the stage produces; nothing was stored."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(_summary("The answers were not saved", self.problems))


class SessionError(ValueError):
    """A move the session refuses (unknown stage, finished session, feedback outside directive)."""


class UnknownFrameworkError(LookupError):
    """No framework with that key or alias."""
