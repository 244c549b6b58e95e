"""The framework file schema, as pydantic models read by the shared data file loader: every
problem is reported with its field path and what was expected."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import Field

from trellis.core.datafiles import EXPECTED_SLUG as EXPECTED_SLUG  # named by tests and docs
from trellis.core.datafiles import EXPECTED_TEXT as EXPECTED_TEXT
from trellis.core.datafiles import (
    MAX_BYTES,
    Check,
    DataFileError,
    DataModel,
    OneOf,
    Slug,
    Text,
    Whole,
    describe,
    expected,
    read_toml,
    validate,
)
from trellis.core.datafiles.tomlfile import EXPECTED_TOML as EXPECTED_TOML

from .kinds import KINDS
from .model import Level, Voice
from .problems import Problem

SCHEMA_VERSION = 1
MAX_STAGES = 30
MAX_PROMPTS = 50  # per voice
MAX_ALIASES = 20
MAX_NAME = 200
MAX_FRAMEWORK_NAME = 150  # the stored framework's name field
MAX_PROSE = 4000
MAX_PROMPT = 1000

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

VOICE_KEYS = tuple(voice.toml_key for voice in Voice)
KIND_NAMES = ", ".join(KINDS)
LEVEL_NAMES = ", ".join(level.value for level in Level)

Name = Annotated[str, Text(MAX_NAME)]
Prose = Annotated[str, Text(MAX_PROSE)]
Kind = Annotated[str, OneOf(*KINDS, what=EXPECTED_KIND.format(kinds=KIND_NAMES))]


def _prompt_or_text(value: Any) -> Any:
    """A prompt may be plain text; it reads as a table with only `text`."""
    if isinstance(value, str):
        if not value.strip():
            raise expected(EXPECTED_TEXT)
        return {"text": value}
    if not isinstance(value, Mapping):
        raise expected(EXPECTED_PROMPT)
    return value


class PromptFile(DataModel):
    text: Annotated[str, Text(MAX_PROMPT)]
    level: (
        Annotated[
            str,
            OneOf(
                *(level.value for level in Level), what=EXPECTED_LEVEL.format(levels=LEVEL_NAMES)
            ),
        ]
        | None
    ) = None


Prompt = Annotated[PromptFile, Check(EXPECTED_PROMPT, _prompt_or_text)]
Prompts = Annotated[
    list[Prompt], Field(min_length=1, max_length=MAX_PROMPTS, description=EXPECTED_PROMPT_LIST)
]


class PromptsFile(DataModel):
    non_directive: Prompts
    dialogical: Prompts
    directive: Prompts


class StageFile(DataModel):
    key: Annotated[str, Slug()]
    name: Name
    purpose: Prose
    produces: list[Kind] = Field(
        min_length=1, max_length=len(KINDS), description=EXPECTED_KINDS.format(kinds=KIND_NAMES)
    )
    may_produce: list[Kind] = Field(
        default=[],
        max_length=len(KINDS),
        description=EXPECTED_OPTIONAL_KINDS.format(kinds=KIND_NAMES),
    )
    done_when: Prose
    prompts: PromptsFile = Field(description=EXPECTED_PROMPTS)


class FrameworkFile(DataModel):
    schema_: Literal[1] | None = Field(default=None, alias="schema", description=EXPECTED_SCHEMA)
    key: Annotated[str, Slug()]
    name: Annotated[str, Text(MAX_FRAMEWORK_NAME)]
    version: Annotated[int, Whole(1, 1_000_000, what=EXPECTED_VERSION)]
    originator: Name
    source: Prose
    description: Prose
    when_to_use: Prose | None = None
    aliases: list[Annotated[str, Slug()]] = Field(
        default=[], max_length=MAX_ALIASES, description=EXPECTED_ALIASES
    )
    stages: list[StageFile] = Field(
        min_length=1, max_length=MAX_STAGES, description=EXPECTED_STAGES
    )


def validate_framework_text(
    text: bytes | str, source: str = "<text>", *, max_bytes: int | None = MAX_BYTES
) -> list[Problem]:
    """Every problem with a framework file; an empty list means it is valid."""
    try:
        data = read_toml(text, source, max_bytes=max_bytes)
    except DataFileError as exc:
        return list(exc.problems)
    return validate_framework_data(data, source)


def validate_framework_data(data: Mapping[str, Any], source: str = "<data>") -> list[Problem]:
    try:
        validate(FrameworkFile, data, source)
        problems: list[Problem] = []
    except DataFileError as exc:
        problems = list(exc.problems)
    return problems + _cross_checks(data, source)


def _cross_checks(data: Mapping[str, Any], source: str) -> list[Problem]:
    """What one field cannot say alone: stage keys are unique, a kind is listed once a stage.
    Read from the raw tables, so that these show beside the schema's own problems."""
    problems = []
    stages = data.get("stages")
    seen: set[str] = set()
    for index, stage in enumerate(stages if isinstance(stages, list) else []):
        if not isinstance(stage, Mapping):
            continue
        path = f"stages[{index}]"
        key = stage.get("key")
        if isinstance(key, str) and key in seen:
            problems.append(Problem(source, f"{path}.key", EXPECTED_UNIQUE_STAGE, describe(key)))
        seen.add(str(key))
        listed: set[str] = set()
        for field in ("produces", "may_produce"):
            kinds = stage.get(field)
            for position, kind in enumerate(kinds if isinstance(kinds, list) else []):
                if isinstance(kind, str) and kind in KINDS and kind in listed:
                    where = f"{path}.{field}[{position}]"
                    problems.append(Problem(source, where, EXPECTED_ONCE, describe(kind)))
                listed.add(str(kind))
    return problems
