"""Read framework TOML into frozen Framework objects; the built-in frameworks ship with Trellis."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from trellis.core.datafiles import MAX_BYTES, Problem, decode, read_toml

from .model import DEFAULT_LEVEL, Framework, Level, Prompt, Stage, Voice
from .problems import FrameworkError, UnknownFrameworkError
from .schema import validate_framework_data

BUILTIN_DIR = Path(__file__).parent / "builtin"
BUILTIN_KEYS = (
    "grow",
    "tgrow",
    "oskar",
    "oscar",
    "steppa",
    "clear",
    "fuel",
    "practice",
    "impact-cycle",
    "team-clear",
    "five-disciplines",
    "deal-review",
)
EXPECTED_READABLE = "a file that can be read"
UNKNOWN_FRAMEWORK = "No built-in framework is called {key!r}; the built-in ones are: {keys}"


def parse_framework(
    text: bytes | str, source: str = "<text>", *, max_bytes: int | None = MAX_BYTES
) -> Framework:
    """A Framework from a TOML file's bytes or text; raises FrameworkError listing every problem."""
    data = read_toml(text, source, max_bytes=max_bytes, error=FrameworkError)
    problems = validate_framework_data(data, source)
    if problems:
        raise FrameworkError(problems)
    if isinstance(text, bytes):
        text = decode(text, source, max_bytes=None)
    return Framework(
        key=data["key"],
        name=data["name"],
        version=data["version"],
        originator=data["originator"],
        source=data["source"],
        description=prose(data["description"]),
        when_to_use=prose(data.get("when_to_use", "")),
        aliases=tuple(data.get("aliases", [])),
        stages=tuple(_stage(stage) for stage in data["stages"]),
        content_hash=content_hash(data),
        text=text,
    )


def content_hash(data: dict[str, Any]) -> str:
    """A hash of what the file says, not how it is laid out: comments and spacing do not count."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _stage(data: dict[str, Any]) -> Stage:
    key = data["key"]
    prompts: list[Prompt] = []
    for voice in Voice:
        for index, entry in enumerate(data["prompts"][voice.toml_key]):
            entry = {"text": entry} if isinstance(entry, str) else entry
            level = Level(entry["level"]) if "level" in entry else DEFAULT_LEVEL[voice]
            prompt_id = f"{key}/{voice.value}/{index}"
            prompts.append(Prompt(prompt_id, key, voice, entry["text"].strip(), level))
    return Stage(
        key=key,
        name=data["name"],
        purpose=prose(data["purpose"]),
        produces=tuple(data["produces"]),
        may_produce=tuple(data.get("may_produce", [])),
        done_when=prose(data["done_when"]),
        prompts=tuple(prompts),
    )


def prose(text: str) -> str:
    """Join the lines of a TOML multi-line string into paragraphs, so terminals and pages can
    wrap it themselves; a blank line still separates paragraphs."""
    paragraphs = [" ".join(part.split()) for part in text.strip().split("\n\n")]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def load_framework_file(path: Path | str) -> Framework:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FrameworkError(
            [Problem(path.name, "", EXPECTED_READABLE, exc.strerror or str(exc))]
        ) from None
    return parse_framework(data, source=path.name, max_bytes=None)


@cache
def builtin_frameworks() -> tuple[Framework, ...]:
    """The built-in frameworks, in the order the docs present them."""
    return tuple(load_framework_file(BUILTIN_DIR / f"{key}.toml") for key in BUILTIN_KEYS)


def load_builtin(key: str) -> Framework:
    """A built-in framework by key or alias, in any letter case ("STEPPPA" finds steppa)."""
    wanted = key.strip().lower()
    for framework in builtin_frameworks():
        if wanted == framework.key or wanted in framework.aliases:
            return framework
    raise UnknownFrameworkError(UNKNOWN_FRAMEWORK.format(key=key, keys=", ".join(BUILTIN_KEYS)))
