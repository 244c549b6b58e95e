"""Problems in a rules file, a participants file or a review file, and the errors that carry them.

A problem is the shared data file Problem: `file: where: expected ..., found ...`.
"""

from __future__ import annotations

from trellis.core.datafiles import DataFileError, Problem, describe

__all__ = [
    "MatchingInputError",
    "ParticipantsError",
    "Problem",
    "ReviewError",
    "RulesError",
    "shown",
]


class MatchingInputError(DataFileError):
    """A file that cannot be used; `problems` lists every fault found, and nothing was written."""

    noun = "the input"


class RulesError(MatchingInputError):
    noun = "the rules file"


class ParticipantsError(MatchingInputError):
    noun = "the participants"


class ReviewError(MatchingInputError):
    noun = "the review"


def shown(value: object) -> str:
    """A value as the user typed it, for "found ..." in messages."""
    return describe(value)
