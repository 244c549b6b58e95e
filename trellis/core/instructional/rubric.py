"""Observation rubrics as data: a TOML file of levels, domains and their indicators, read by the
shared data-file loader; the checks that span fields (unique keys, rising levels, one descriptor
per level) are reported the same way, `file: field.path: expected ..., found ...`.

Trellis ships one rubric written for it; an organization that holds a licence for a published
rubric loads that file the same way."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field

from trellis.core.datafiles import (
    DataFileError,
    DataModel,
    Problem,
    Slug,
    Text,
    Whole,
    describe,
    read_toml,
    validate,
)
from trellis.core.datafiles.localized import (
    overlay_locale,
    overlay_source,
    read_translated,
    schema_check,
    translation_problems,
)
from trellis.core.datafiles.overlay import TEXT, TEXTS, Keyed, Listed, Spec

MAX_BYTES = 300_000
BUILTIN_DIR = Path(__file__).parent / "builtin"
BUILTIN_KEYS = ("trellis-classroom",)
LOCALE_DIR = BUILTIN_DIR / "locale"
LOCALES = ("de", "pt_BR", "es")
# The human text of a rubric: what a translation overlay holds (the licence and sources stay).
RUBRIC_TEXT: Spec = {
    "name": TEXT,
    "description": TEXT,
    "levels": Listed({"label": TEXT}),
    "domains": Keyed(
        {
            "name": TEXT,
            "indicators": Keyed({"name": TEXT, "description": TEXT, "descriptors": TEXTS}),
        }
    ),
}
EXPECTED_UNIQUE_DOMAIN = "a domain key not used by an earlier domain"
EXPECTED_UNIQUE_INDICATOR = "an indicator key not used anywhere earlier in the rubric"
EXPECTED_RISING = "a value above the previous level's ({low})"
EXPECTED_DESCRIPTORS = "one descriptor per level ({count}), lowest level first"
UNKNOWN_RUBRIC = "No built-in rubric is called {key!r}; the built-in ones are: {keys}"


class RubricError(DataFileError):
    noun = "the rubric file"


class Level(DataModel):
    value: Annotated[int, Whole(0, 20, what="the level's value, a whole number from 0 to 20")]
    label: Annotated[str, Text(60)]


class Indicator(DataModel):
    key: Annotated[str, Slug(40)]
    name: Annotated[str, Text(150)]
    description: Annotated[str, Text(1000)] = ""
    descriptors: list[Annotated[str, Text(1000)]] = Field(default_factory=list, max_length=21)


class Domain(DataModel):
    key: Annotated[str, Slug(40)]
    name: Annotated[str, Text(150)]
    indicators: list[Indicator] = Field(
        min_length=1, max_length=40, description="a list of [[domains.indicators]]"
    )


class RubricFile(DataModel):
    key: Annotated[str, Slug()]
    name: Annotated[str, Text(150)]
    version: Annotated[int, Whole(1, 10_000, what="a whole number of 1 or more")]
    description: Annotated[str, Text(4000)]
    licence: Annotated[str, Text(2000)]
    sources: list[Annotated[str, Text(500)]] = Field(default_factory=list, max_length=50)
    levels: list[Level] = Field(min_length=2, max_length=21, description="a list of [[levels]]")
    domains: list[Domain] = Field(min_length=1, max_length=20, description="a list of [[domains]]")


@dataclass(frozen=True)
class Rubric:
    spec: RubricFile
    text: str

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def name(self) -> str:
        return self.spec.name

    def indicators(self) -> list[tuple[Domain, Indicator]]:
        return [(d, i) for d in self.spec.domains for i in d.indicators]

    def indicator_keys(self) -> set[str]:
        return {i.key for _d, i in self.indicators()}

    def level_values(self) -> list[int]:
        return [level.value for level in self.spec.levels]

    def level_label(self, value: int) -> str:
        return next((lv.label for lv in self.spec.levels if lv.value == value), str(value))


def cross_check(data: RubricFile, source: str) -> list[Problem]:
    problems: list[Problem] = []

    def problem(where: str, expected: str, found: object) -> None:
        problems.append(Problem(source, where, expected, describe(found)))

    for index in range(1, len(data.levels)):
        low = data.levels[index - 1].value
        if data.levels[index].value <= low:
            problem(
                f"levels[{index}].value", EXPECTED_RISING.format(low=low), data.levels[index].value
            )
    domain_keys: set[str] = set()
    indicator_keys: set[str] = set()
    for d, domain in enumerate(data.domains):
        if domain.key in domain_keys:
            problem(f"domains[{d}].key", EXPECTED_UNIQUE_DOMAIN, domain.key)
        domain_keys.add(domain.key)
        for i, indicator in enumerate(domain.indicators):
            where = f"domains[{d}].indicators[{i}]"
            if indicator.key in indicator_keys:
                problem(f"{where}.key", EXPECTED_UNIQUE_INDICATOR, indicator.key)
            indicator_keys.add(indicator.key)
            count = len(indicator.descriptors)
            if count and count != len(data.levels):
                problems.append(
                    Problem(
                        source,
                        f"{where}.descriptors",
                        EXPECTED_DESCRIPTORS.format(count=len(data.levels)),
                        f"{count} descriptors",
                    )
                )
    return problems


def parse_rubric(data: bytes | str, source: str) -> Rubric:
    """The validated rubric; raises RubricError listing every problem with its field path."""
    table = read_toml(data, source, max_bytes=MAX_BYTES, error=RubricError)
    spec = validate(RubricFile, table, source, error=RubricError)
    problems = cross_check(spec, source)
    if problems:
        raise RubricError(problems)
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    return Rubric(spec, text)


@cache
def load_builtin(key: str) -> Rubric:
    if key not in BUILTIN_KEYS:
        raise KeyError(UNKNOWN_RUBRIC.format(key=key, keys=", ".join(BUILTIN_KEYS)))
    path = BUILTIN_DIR / f"{key}.toml"
    return parse_rubric(path.read_bytes(), path.name)


def builtin_rubrics() -> list[Rubric]:
    return [load_builtin(key) for key in BUILTIN_KEYS]


def overlay_check(
    key: str, locale: str, *, complete: bool = True, data: bytes | None = None
) -> list[Problem]:
    """Every problem with a built-in rubric's translation: a field the English file has no text
    for, a wrong shape, and (when `complete`) English text left untranslated."""
    return translation_problems(
        BUILTIN_DIR / f"{key}.toml",
        locale,
        RUBRIC_TEXT,
        schema_check(RubricFile),
        complete=complete,
        data=data,
    )


def translated(rubric: Rubric, language: str) -> Rubric:
    """A built-in rubric (as shipped) with its text in `language`, English where there is no
    translation; indicator keys, level values and order never change. Any other rubric unchanged."""
    if rubric.key not in BUILTIN_KEYS or rubric.text != load_builtin(rubric.key).text:
        return rubric
    locale = overlay_locale(BUILTIN_DIR / f"{rubric.key}.toml", language)
    return rubric if locale is None else _translated(rubric.key, locale)


@cache
def _translated(key: str, locale: str) -> Rubric:
    path = BUILTIN_DIR / f"{key}.toml"
    merged = read_translated(path, locale, RUBRIC_TEXT, schema_check(RubricFile), error=RubricError)
    spec = validate(RubricFile, merged, overlay_source(path, locale), error=RubricError)
    return Rubric(spec, load_builtin(key).text)
