"""Reading the language data files: small typed getters whose errors name file, field and expectation.

The files are read by the shared data file loader (trellis.core.datafiles: UTF-8, no NUL, nesting
and numbers bounded) and a fault is its Problem: `file: field: expected ..., found ...`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from trellis.core.datafiles import DataFileError, Problem, describe
from trellis.core.datafiles import read_toml as read_data_toml

MISSING = "{file}: {field}: missing; expected {expected}"
WRONG_TYPE = "{file}: {field}: expected {expected}, got {got!r}"
OUT_OF_RANGE = "{file}: {field}: expected {expected}, got {got!r}"
UNKNOWN_NAME = "{file}: {field}: unknown {kind} {got!r}; expected one of {choices}"
UNKNOWN_MACRO = "{file}: {field}: unknown macro {{{got}}}; expected one of {choices}"
BAD_PATTERN = "{file}: {field}: expected a valid pattern, got {got!r} ({error})"
NOT_TOML = "{file}: expected valid TOML ({error})"
NO_FILE = "{file}: expected a readable data file ({error})"


class LexiconError(DataFileError):
    """A language data file is missing, malformed or inconsistent. Its text is the problem
    itself (a lexicon stops at its first fault); a few checks still pass a finished sentence."""

    noun = "the language data"

    def __init__(self, problems: Sequence[Problem] | str) -> None:
        if isinstance(problems, str):
            self.problems = ()
            ValueError.__init__(self, problems)
        else:
            super().__init__(problems)

    def __str__(self) -> str:
        return "\n".join(self.messages()) if self.problems else str(self.args[0])


# What each template of a fault expected and found, as Problem parts.
_SHAPES: dict[str, Callable[[dict[str, Any]], tuple[str, str]]] = {
    MISSING: lambda v: (str(v["expected"]), "nothing"),
    WRONG_TYPE: lambda v: (str(v["expected"]), describe(v["got"])),
    UNKNOWN_NAME: lambda v: (f"one of {v['choices']}", f"unknown {v['kind']} {v['got']!r}"),
    UNKNOWN_MACRO: lambda v: (f"one of {v['choices']}", f"unknown macro {{{v['got']}}}"),
    BAD_PATTERN: lambda v: ("a valid pattern", f"{v['got']!r} ({v['error']})"),
}


def _shape(template: str, values: dict[str, Any]) -> tuple[str, str]:
    if template in _SHAPES:
        return _SHAPES[template](values)
    # A caller's own "{file}: {field}: expected ..., got ..." sentence.
    text = template.split("{field}: ", 1)[-1].format(**values).removeprefix("expected ")
    for mark in (", got ", ", found "):
        if mark in text:
            what, found = text.rsplit(mark, 1)
            return what, found
    return text, ""


Table = Mapping[str, Any]


def read_toml(path: Path) -> Table:
    try:
        data = path.read_bytes()
    except OSError as error:
        found = error.strerror or str(error)
        raise LexiconError([Problem(path.name, "", "a readable data file", found)]) from None
    return read_data_toml(data, path.name, max_bytes=None, error=LexiconError)


class Reader:
    """Typed access to one TOML table; every error names the file and the field path."""

    def __init__(self, file: str, table: Table, path: str = "") -> None:
        self.file = file
        self.table = table
        self.path = path

    def field(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, template: str, key: str, **values: object) -> LexiconError:
        expected, found = _shape(template, values)
        return LexiconError([Problem(self.file, self.field(key), expected, found)])

    def _get(self, key: str, expected: str) -> Any:
        if key not in self.table:
            raise self.fail(MISSING, key, expected=expected)
        return self.table[key]

    def has(self, key: str) -> bool:
        return key in self.table

    def text(self, key: str, default: str | None = None) -> str:
        expected = "a non-empty string"
        if default is not None and key not in self.table:
            return default
        value = self._get(key, expected)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(WRONG_TYPE, key, expected=expected, got=value)
        return value

    def number(self, key: str, low: float, high: float, default: float | None = None) -> float:
        expected = f"a number from {low} to {high}"
        if default is not None and key not in self.table:
            return default
        value = self._get(key, expected)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(WRONG_TYPE, key, expected=expected, got=value)
        if not low <= value <= high:
            raise self.fail(OUT_OF_RANGE, key, expected=expected, got=value)
        return float(value)

    def flag(self, key: str, default: bool) -> bool:
        value = self.table.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(WRONG_TYPE, key, expected="true or false", got=value)
        return value

    def texts(self, key: str, *, allow_empty: bool = False) -> tuple[str, ...]:
        expected = "a list of non-empty strings" + ("" if allow_empty else " (at least one)")
        if allow_empty and key not in self.table:
            return ()
        value = self._get(key, expected)
        if (
            not isinstance(value, list)
            or (not value and not allow_empty)
            or not all(isinstance(item, str) and item.strip() for item in value)
        ):
            raise self.fail(WRONG_TYPE, key, expected=expected, got=value)
        return tuple(value)

    def choice(self, key: str, choices: tuple[str, ...], kind: str) -> str:
        value = self.text(key)
        if value not in choices:
            raise self.fail(UNKNOWN_NAME, key, kind=kind, got=value, choices=", ".join(choices))
        return value

    def table_of(self, key: str, *, optional: bool = False) -> Reader:
        expected = "a table"
        if optional and key not in self.table:
            return Reader(self.file, {}, self.field(key))
        value = self._get(key, expected)
        if not isinstance(value, dict):
            raise self.fail(WRONG_TYPE, key, expected=expected, got=value)
        return Reader(self.file, value, self.field(key))

    def tables(self, key: str) -> list[Reader]:
        expected = "a list of tables ([[...]])"
        value = self._get(key, expected)
        if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
            raise self.fail(WRONG_TYPE, key, expected=expected, got=value)
        return [Reader(self.file, item, f"{self.field(key)}[{i}]") for i, item in enumerate(value)]

    def string_map(self, key: str) -> dict[str, str]:
        """A table of string -> non-empty string (rewrites, spellings)."""
        inner = self.table_of(key)
        return {name: inner.text(name) for name in inner.table}

    def compile(self, key: str, source: str, flags: int = 0) -> re.Pattern[str]:
        try:
            return re.compile(source, flags)
        except re.error as error:
            raise self.fail(BAD_PATTERN, key, got=source, error=error) from error
