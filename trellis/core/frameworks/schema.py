"""The framework file schema: every problem is reported with its field path and what was expected."""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Mapping
from typing import Any

from .kinds import KINDS
from .model import Level, Voice
from .problems import Problem, describe

SCHEMA_VERSION = 1

EXPECTED_TOML = "valid TOML"
EXPECTED_TEXT = "a non-empty string"
EXPECTED_SLUG = "a key of lowercase letters, digits and hyphens that starts with a letter"
EXPECTED_VERSION = "a whole number of 1 or more"
EXPECTED_SCHEMA = f"the schema version {SCHEMA_VERSION}"
EXPECTED_STAGES = "a list of stages ([[stages]] tables), at least one"
EXPECTED_TABLE = "a table"
EXPECTED_KINDS = "a non-empty list of kinds, each one of: {kinds}"
EXPECTED_KIND = "one of: {kinds}"
EXPECTED_OPTIONAL_KINDS = "a list of kinds, each one of: {kinds}"
EXPECTED_ONCE = "a kind listed once across produces and may_produce"
EXPECTED_UNIQUE_STAGE = "a stage key not used by an earlier stage"
EXPECTED_ALIASES = "a list of keys"
EXPECTED_PROMPTS = "a table with the voices non_directive, dialogical and directive"
EXPECTED_PROMPT_LIST = "a non-empty list of prompts"
EXPECTED_PROMPT = "a prompt: a string or a table with `text` and an optional `level`"
EXPECTED_LEVEL = "a level on Downey's spectrum, one of: {levels}"
EXPECTED_KNOWN_FIELD = "one of the fields {names}"
FOUND_UNKNOWN = "an unknown field"

SLUG = re.compile(r"^[a-z][a-z0-9-]*$")
TOP_FIELDS = (
    "schema",
    "key",
    "name",
    "version",
    "originator",
    "source",
    "description",
    "when_to_use",
    "aliases",
    "stages",
)
TOP_REQUIRED_TEXT = ("name", "originator", "source", "description")
STAGE_FIELDS = ("key", "name", "purpose", "produces", "may_produce", "done_when", "prompts")
PROMPT_FIELDS = ("text", "level")
VOICE_KEYS = tuple(voice.toml_key for voice in Voice)
KIND_NAMES = ", ".join(KINDS)
LEVEL_NAMES = ", ".join(level.value for level in Level)


def validate_framework_text(text: str, source: str = "<text>") -> list[Problem]:
    """Every problem with a framework file; an empty list means it is valid."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return [Problem(source, "", EXPECTED_TOML, f"a syntax error: {exc}")]
    return validate_framework_data(data, source)


def validate_framework_data(data: Mapping[str, Any], source: str = "<data>") -> list[Problem]:
    checker = _Checker(source)
    checker.known_fields(data, "", TOP_FIELDS)
    if "schema" in data and data["schema"] != SCHEMA_VERSION:
        checker.add("schema", EXPECTED_SCHEMA, data["schema"])
    checker.slug(data, "key", "key")
    for name in TOP_REQUIRED_TEXT:
        checker.text(data, name, name)
    if "when_to_use" in data:
        checker.text(data, "when_to_use", "when_to_use")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        checker.add("version", EXPECTED_VERSION, version)
    aliases = data.get("aliases", [])
    if not isinstance(aliases, list):
        checker.add("aliases", EXPECTED_ALIASES, aliases)
    else:
        for index, alias in enumerate(aliases):
            if not isinstance(alias, str) or not SLUG.match(alias):
                checker.add(f"aliases[{index}]", EXPECTED_SLUG, alias)
    stages = data.get("stages")
    if not isinstance(stages, list) or not stages:
        checker.add("stages", EXPECTED_STAGES, stages)
        return checker.problems
    seen: set[str] = set()
    for index, stage in enumerate(stages):
        _check_stage(checker, stage, f"stages[{index}]", seen)
    return checker.problems


def _check_stage(checker: _Checker, stage: object, path: str, seen: set[str]) -> None:
    if not isinstance(stage, Mapping):
        checker.add(path, EXPECTED_TABLE, stage)
        return
    checker.known_fields(stage, path, STAGE_FIELDS)
    key = checker.slug(stage, "key", f"{path}.key")
    if key is not None:
        if key in seen:
            checker.add(f"{path}.key", EXPECTED_UNIQUE_STAGE, key)
        seen.add(key)
    for name in ("name", "purpose", "done_when"):
        checker.text(stage, name, f"{path}.{name}")
    produces = stage.get("produces")
    if not isinstance(produces, list) or not produces:
        checker.add(f"{path}.produces", EXPECTED_KINDS.format(kinds=KIND_NAMES), produces)
        produces = []
    may_produce = stage.get("may_produce", [])
    if not isinstance(may_produce, list):
        checker.add(
            f"{path}.may_produce", EXPECTED_OPTIONAL_KINDS.format(kinds=KIND_NAMES), may_produce
        )
        may_produce = []
    listed: set[object] = set()
    for field, kinds in (("produces", produces), ("may_produce", may_produce)):
        for index, kind in enumerate(kinds):
            kind_path = f"{path}.{field}[{index}]"
            if not isinstance(kind, str) or kind not in KINDS:
                checker.add(
                    kind_path, EXPECTED_KIND.format(kinds=KIND_NAMES), kind, hint_from=KINDS
                )
            elif kind in listed:
                checker.add(kind_path, EXPECTED_ONCE, kind)
            listed.add(kind)
    _check_prompts(checker, stage.get("prompts"), f"{path}.prompts")


def _check_prompts(checker: _Checker, prompts: object, path: str) -> None:
    if not isinstance(prompts, Mapping):
        checker.add(path, EXPECTED_PROMPTS, prompts)
        return
    checker.known_fields(prompts, path, VOICE_KEYS)
    for voice in VOICE_KEYS:
        voice_path = f"{path}.{voice}"
        entries = prompts.get(voice)
        if not isinstance(entries, list) or not entries:
            checker.add(voice_path, EXPECTED_PROMPT_LIST, entries)
            continue
        for index, entry in enumerate(entries):
            _check_prompt(checker, entry, f"{voice_path}[{index}]")


def _check_prompt(checker: _Checker, entry: object, path: str) -> None:
    if isinstance(entry, str):
        if not entry.strip():
            checker.add(path, EXPECTED_TEXT, entry or None)
        return
    if not isinstance(entry, Mapping):
        checker.add(path, EXPECTED_PROMPT, entry)
        return
    checker.known_fields(entry, path, PROMPT_FIELDS)
    checker.text(entry, "text", f"{path}.text")
    if "level" in entry and entry["level"] not in {level.value for level in Level}:
        expected = EXPECTED_LEVEL.format(levels=LEVEL_NAMES)
        checker.add(f"{path}.level", expected, entry["level"], hint_from=[lv.value for lv in Level])


class _Checker:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def add(self, path: str, expected: str, found: object, hint_from: Iterable[str] = ()) -> None:
        self.problems.append(
            Problem(self.source, path, expected, describe(found) + _hint(found, hint_from))
        )

    def text(self, table: Mapping[str, Any], name: str, path: str) -> str | None:
        value = table.get(name)
        if not isinstance(value, str) or not value.strip():
            self.add(path, EXPECTED_TEXT, value or None)
            return None
        return value

    def slug(self, table: Mapping[str, Any], name: str, path: str) -> str | None:
        value = table.get(name)
        if not isinstance(value, str) or not SLUG.match(value):
            self.add(path, EXPECTED_SLUG, value)
            return None
        return value

    def known_fields(self, table: Mapping[str, Any], path: str, names: tuple[str, ...]) -> None:
        for name in table:
            if name not in names:
                field_path = f"{path}.{name}" if path else name
                expected = EXPECTED_KNOWN_FIELD.format(names=", ".join(names))
                found = FOUND_UNKNOWN + _hint(name, names)
                self.problems.append(Problem(self.source, field_path, expected, found))


def _hint(found: object, choices: Iterable[str]) -> str:
    """A "did you mean" for a near miss such as "goals" for "goal" or "purpos" for "purpose"."""
    if not isinstance(found, str):
        return ""
    close = difflib.get_close_matches(found, list(choices), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""
