"""Reading the language data files: small typed getters whose errors name file, field and expectation."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

MISSING = "{file}: {field}: missing; expected {expected}"
WRONG_TYPE = "{file}: {field}: expected {expected}, got {got!r}"
OUT_OF_RANGE = "{file}: {field}: expected {expected}, got {got!r}"
UNKNOWN_NAME = "{file}: {field}: unknown {kind} {got!r}; expected one of {choices}"
UNKNOWN_MACRO = "{file}: {field}: unknown macro {{{got}}}; expected one of {choices}"
BAD_PATTERN = "{file}: {field}: expected a valid pattern, got {got!r} ({error})"
NOT_TOML = "{file}: expected valid TOML ({error})"
NO_FILE = "{file}: expected a readable data file ({error})"


class LexiconError(ValueError):
    """A language data file is missing, malformed or inconsistent."""


Table = Mapping[str, Any]


def read_toml(path: Path) -> Table:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise LexiconError(NOT_TOML.format(file=path.name, error=error)) from error
    except OSError as error:
        raise LexiconError(NO_FILE.format(file=path.name, error=error)) from error


class Reader:
    """Typed access to one TOML table; every error names the file and the field path."""

    def __init__(self, file: str, table: Table, path: str = "") -> None:
        self.file = file
        self.table = table
        self.path = path

    def field(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, template: str, key: str, **values: object) -> LexiconError:
        return LexiconError(template.format(file=self.file, field=self.field(key), **values))

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
