"""Read framework TOML into frozen Framework objects; the built-in frameworks ship with Trellis."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from trellis.core.datafiles import MAX_BYTES, Problem, decode, read_toml
from trellis.core.datafiles.localized import overlay_locale, read_translated, translation_problems
from trellis.core.datafiles.overlay import TEXT, TEXTS, Keyed, Spec

from .model import DEFAULT_LEVEL, Framework, Level, Prompt, Stage, Voice
from .problems import FrameworkError, UnknownFrameworkError
from .schema import validate_framework_data

BUILTIN_DIR = Path(__file__).parent / "builtin"
LOCALE_DIR = BUILTIN_DIR / "locale"
# The languages the built-in frameworks are translated into (Django locale names); every
# built-in has a complete overlay in each, which a test checks.
LOCALES = ("de", "pt_BR", "es")
# The human text of a framework file: what a translation overlay may (and should) give.
FRAMEWORK_TEXT: Spec = {
    "name": TEXT,
    "description": TEXT,
    "when_to_use": TEXT,
    "stages": Keyed(
        {
            "name": TEXT,
            "purpose": TEXT,
            "done_when": TEXT,
            "prompts": {"non_directive": TEXTS, "dialogical": TEXTS, "directive": TEXTS},
        }
    ),
}
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
    return _framework(data, text, content_hash(data))


def _framework(data: dict[str, Any], text: str, hash_: str) -> Framework:
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
        content_hash=hash_,
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


def translated(framework: Framework, language: str) -> Framework:
    """The framework with its human text in `language` ("de", "pt-br", ...) when it is a
    built-in as shipped and a translation exists; otherwise the framework unchanged. Ids, stage
    order, version and content hash stay the English file's, so stored sessions restore."""
    if framework.key not in BUILTIN_KEYS:
        return framework
    return translated_file(framework, BUILTIN_DIR / f"{framework.key}.toml", language)


def translated_file(framework: Framework, path: Path, language: str) -> Framework:
    """`framework`, read from the English file `path`, in `language` when an overlay exists
    beside it at locale/<locale>/<file name>; unchanged when it is not that file's content
    (an older snapshot: a translation follows the English text it was written for)."""
    if _english(path).content_hash != framework.content_hash:
        return framework
    locale = overlay_locale(path, language)
    return framework if locale is None else _translated(path, locale)


def overlay_check(
    key: str, locale: str, *, complete: bool = True, data: bytes | None = None
) -> list[Problem]:
    """Every problem with a built-in's translation: fields the English file has no text for,
    values of the wrong shape, and (when `complete`) English text left untranslated. `data`
    checks a file's bytes in place of the shipped overlay."""
    return overlay_check_file(BUILTIN_DIR / f"{key}.toml", locale, complete=complete, data=data)


def overlay_check_file(
    path: Path, locale: str, *, complete: bool = True, data: bytes | None = None
) -> list[Problem]:
    """overlay_check for the English framework file `path` and its overlay for `locale`."""
    return translation_problems(
        path, locale, FRAMEWORK_TEXT, validate_framework_data, complete=complete, data=data
    )


@cache
def _english(path: Path) -> Framework:
    return load_framework_file(path)


@cache
def _translated(path: Path, locale: str) -> Framework:
    merged = read_translated(
        path, locale, FRAMEWORK_TEXT, validate_framework_data, error=FrameworkError
    )
    original = _english(path)
    return _framework(merged, original.text, original.content_hash)
