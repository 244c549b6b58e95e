"""One problem in a data file, the error that carries them all, and the way both read."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SHOWN_PROBLEMS = 100  # a file with more shows the first hundred and a count of the rest
MORE = "... and {count} more {noun} not shown"
STOPPED = "a file with fewer problems (checking stopped here)"

# what describe() writes: Wording templates an edge that speaks other languages can translate
FOUND_NOTHING = "nothing"
FOUND_SPACES = "only spaces"
FOUND_TRUE = "true"
FOUND_FALSE = "false"
FOUND_LIST = "a list"
FOUND_TABLE = "a table"
FOUND_TEXT = "the text {text}"
FOUND_NUMBER = "the number {number}"
FOUND_DIGITS = "a number of about {digits} digits"


class Wording(str):
    """English text made from a template and values, that remembers both: `str` for the terminal
    and for plain comparisons, `template` (the message id) and `values` for an edge that fills the
    template's translation with the same values. Values are never translated (numbers, names, a
    person's own text)."""

    template: str
    values: dict[str, str | int]

    def __new__(cls, template: str, **values: str | int) -> Wording:
        text = super().__new__(cls, template.format(**values))
        text.template = template
        text.values = values
        return text

    def __reduce__(self) -> tuple[object, ...]:  # a copy or a pickle keeps the template
        return (_wording, (self.template, self.values))


def _wording(template: str, values: dict[str, str | int]) -> Wording:
    return Wording(template, **values)


@dataclass(frozen=True)
class Problem:
    """One thing wrong: the file, where in it, what was expected there and what was found.

    `where` is a field path ("stages[2].prompts.directive[0].text"), a line and column
    ("line 7, grade") or "" for the whole file. `expected` and `found` may be Wordings, which an
    edge can put in the reader's language.
    """

    source: str
    where: str
    expected: str
    found: str = ""
    label: str = ""  # what a person calls the place, when it is a form's field (an answer's)

    @property
    def path(self) -> str:
        return self.where

    def __str__(self) -> str:
        place = f"{self.source}: {self.where}" if self.where else self.source
        found = f", found {self.found}" if self.found else ""
        return f"{place}: expected {self.expected}{found}"


def shown_lines(messages: Sequence[object], limit: int = SHOWN_PROBLEMS) -> list[str]:
    """The first `limit` messages and, when there are more, a line counting the rest."""
    lines = [str(message) for message in messages[:limit]]
    rest = len(messages) - limit
    if rest > 0:
        stopped = any(STOPPED in str(message) for message in messages)
        count = f"at least {rest}" if stopped else str(rest)
        lines.append(MORE.format(count=count, noun="problem" if rest == 1 else "problems"))
    return lines


class DataFileError(ValueError):
    """A data file that does not follow its schema; `problems` lists every fault, nothing was
    written. Its text shows at most SHOWN_PROBLEMS of them."""

    noun = "the file"

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        headline = f"{count} {'problem' if count == 1 else 'problems'} in {self.noun}"
        super().__init__("\n".join([headline, *(f"  - {line}" for line in self.messages())]))

    def messages(self) -> list[str]:
        """What a page, the API or the terminal shows: the first hundred problems and a count."""
        return shown_lines(self.problems)


def describe(value: object) -> str:
    """A short description of a value found where something else was expected."""
    if value is None:
        return Wording(FOUND_NOTHING)
    if isinstance(value, bool):
        return Wording(FOUND_TRUE if value else FOUND_FALSE)
    if isinstance(value, list | tuple):
        return Wording(FOUND_LIST)
    if isinstance(value, dict):
        return Wording(FOUND_TABLE)
    if isinstance(value, str):
        if not value.strip():
            return Wording(FOUND_NOTHING if not value else FOUND_SPACES)
        shown = value if len(value) <= 40 else value[:37] + "..."
        return Wording(FOUND_TEXT, text=repr(shown))
    if isinstance(value, int) and value.bit_length() > 100:
        return Wording(FOUND_DIGITS, digits=int(value.bit_length() * 0.30103))
    if isinstance(value, int | float):
        shown = repr(value)
        return Wording(FOUND_NUMBER, number=shown if len(shown) <= 40 else shown[:37] + "...")
    return type(value).__name__


def did_you_mean(found: object, choices: Iterable[str]) -> str:
    """A "did you mean" for a near miss such as "purpos" for "purpose"; "" when nothing is close."""
    if not isinstance(found, str):
        return ""
    close = difflib.get_close_matches(found, list(choices), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""
