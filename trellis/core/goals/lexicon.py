"""The SMART check's word lists, loaded from a TOML file and validated.

Errors name the file, the field path and what was expected, so that whoever edits the file can
fix it without reading this code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DEFAULT_PATH = Path(__file__).with_name("smart.toml")

ERROR_LEXICON = "{file}: {field}: expected {expected}, got {got}."
ERROR_LEXICON_TOML = "{file}: not valid TOML: {error}."


class LexiconError(ValueError):
    """The lexicon file does not match its schema."""


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern[str]
    message: str
    suggestion: str


@dataclass(frozen=True)
class SmartLexicon:
    number_words: frozenset[str]
    min_object_words: int
    min_title_words: int
    filler_words: frozenset[str]
    short_title_message: str
    short_title_suggestion: str
    vague: tuple[Pattern, ...]
    measure_words: tuple[str, ...]
    measurable: dict[str, str]
    time_bound: dict[str, str]
    within_control: dict[str, str]
    outside: tuple[Pattern, ...]


class _Reader:
    """Walks the parsed TOML, remembering the field path for error messages."""

    def __init__(self, file: Path) -> None:
        self.file = file

    def fail(self, field: str, expected: str, got: object) -> LexiconError:
        return LexiconError(
            ERROR_LEXICON.format(file=self.file, field=field, expected=expected, got=repr(got))
        )

    def table(self, data: dict[str, Any], key: str, field: str) -> dict[str, Any]:
        value = data.get(key)
        if not isinstance(value, dict):
            raise self.fail(field, "a table", value)
        return value

    def text(self, data: dict[str, Any], key: str, field: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, "a non-empty string", value)
        return value

    def count(self, data: dict[str, Any], key: str, field: str) -> int:
        value = data.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.fail(field, "a whole number of 0 or more", value)
        return value

    def words(self, data: dict[str, Any], key: str, field: str) -> tuple[str, ...]:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
            raise self.fail(field, "a list of non-empty strings", value)
        return tuple(w.lower() for w in value)

    def texts(self, data: dict[str, Any], keys: tuple[str, ...], field: str) -> dict[str, str]:
        return {key: self.text(data, key, f"{field}.{key}") for key in keys}

    def patterns(self, data: dict[str, Any], key: str, field: str) -> tuple[Pattern, ...]:
        entries = data.get(key)
        if not isinstance(entries, list) or not entries:
            raise self.fail(field, "a non-empty array of tables", entries)
        found = []
        for i, entry in enumerate(entries):
            where = f"{field}[{i}]"
            if not isinstance(entry, dict):
                raise self.fail(where, "a table", entry)
            source = self.text(entry, "pattern", f"{where}.pattern")
            try:
                regex = re.compile(source, re.IGNORECASE)
            except re.error as error:
                raise self.fail(
                    f"{where}.pattern", f"a regular expression ({error})", source
                ) from None
            found.append(
                Pattern(
                    regex=regex,
                    message=self.text(entry, "message", f"{where}.message"),
                    suggestion=self.text(entry, "suggestion", f"{where}.suggestion"),
                )
            )
        return tuple(found)


def load_lexicon(path: Path = DEFAULT_PATH) -> SmartLexicon:
    """Read and validate a SMART lexicon file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise LexiconError(ERROR_LEXICON_TOML.format(file=path, error=error)) from None
    r = _Reader(path)
    specific = r.table(data, "specific", "specific")
    measurable = r.table(data, "measurable", "measurable")
    time_bound = r.table(data, "time_bound", "time_bound")
    control = r.table(data, "within_control", "within_control")
    numbers = r.table(data, "numbers", "numbers")
    return SmartLexicon(
        number_words=frozenset(r.words(numbers, "words", "numbers.words")),
        min_object_words=r.count(specific, "min_object_words", "specific.min_object_words"),
        min_title_words=r.count(specific, "min_title_words", "specific.min_title_words"),
        filler_words=frozenset(r.words(specific, "filler_words", "specific.filler_words")),
        short_title_message=r.text(specific, "short_title_message", "specific.short_title_message"),
        short_title_suggestion=r.text(
            specific, "short_title_suggestion", "specific.short_title_suggestion"
        ),
        vague=r.patterns(specific, "vague", "specific.vague"),
        measure_words=r.words(measurable, "measure_words", "measurable.measure_words"),
        measurable=r.texts(
            measurable,
            (
                "no_measure_message",
                "no_measure_suggestion",
                "vague_measure_message",
                "vague_measure_suggestion",
                "ok_message",
            ),
            "measurable",
        ),
        time_bound=r.texts(
            time_bound,
            (
                "no_date_message",
                "no_date_suggestion",
                "unreadable_message",
                "unreadable_suggestion",
                "past_message",
                "past_suggestion",
                "ok_message",
            ),
            "time_bound",
        ),
        within_control=r.texts(
            control,
            ("ok_message", "declared_outside_message", "declared_outside_suggestion"),
            "within_control",
        ),
        outside=r.patterns(control, "outside", "within_control.outside"),
    )


@cache
def default_lexicon() -> SmartLexicon:
    return load_lexicon(DEFAULT_PATH)
