"""Competency models as data: what a leader does that another person can see, read from TOML.

A model names its sources and lists competencies; each competency lists observable behaviours at
levels (emerging, established, exemplary), worded so that a colleague, a report or a manager could
say whether they saw it. A leadership goal picks one competency and one or two of its behaviours
(or its own wording of them). Optional `functions` name cross-cutting practices of the model, e.g.
Adair's eight functions of leadership.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator

from trellis.core.datafiles import (
    DataFileError,
    DataModel,
    OneOf,
    Slug,
    Text,
    Whole,
    expected,
    load_toml,
    validate,
)
from trellis.core.datafiles.localized import (
    overlay_locale,
    overlay_source,
    read_translated,
    schema_check,
    translation_problems,
)
from trellis.core.datafiles.overlay import TEXT, TEXTS, Keyed, Spec
from trellis.core.datafiles.problems import Problem

LEVELS = ("emerging", "established", "exemplary")


class CompetencyModelError(DataFileError):
    """A file that is not a valid competency model; lists every problem."""


class ObservableBehaviour(DataModel):
    level: Annotated[str, OneOf(*LEVELS)]
    text: Annotated[
        str, Text(300, what="a behaviour another person can see, in at most 300 characters")
    ]


class Competency(DataModel):
    key: Annotated[str, Slug()]
    name: Annotated[str, Text(120)]
    description: Annotated[str, Text(1000)]
    behaviours: list[ObservableBehaviour] = Field(
        min_length=2, max_length=30, description="a list of [[competencies.behaviours]] (2 to 30)"
    )

    @field_validator("behaviours")
    @classmethod
    def _levels(cls, value: list[ObservableBehaviour]) -> list[ObservableBehaviour]:
        if len({b.level for b in value}) < 2:
            raise expected("behaviours at two levels or more", "all at one level")
        return value

    def at(self, level: str) -> list[ObservableBehaviour]:
        return [b for b in self.behaviours if b.level == level]


class Function(DataModel):
    key: Annotated[str, Slug()]
    name: Annotated[str, Text(120)]
    description: Annotated[str, Text(1000)]


class CompetencyModel(DataModel):
    key: Annotated[str, Slug()]
    name: Annotated[str, Text(120)]
    version: Annotated[int, Whole(1, 10_000)] = 1
    summary: Annotated[str, Text(1000)]
    sources: list[Annotated[str, Text(300)]] = Field(
        min_length=1, max_length=20, description="a list of the sources the model draws on"
    )
    competencies: list[Competency] = Field(
        min_length=1, max_length=40, description="a list of [[competencies]] (1 to 40)"
    )
    functions: list[Function] = Field(default_factory=list, max_length=20)

    @field_validator("competencies")
    @classmethod
    def _unique(cls, value: list[Competency]) -> list[Competency]:
        keys = [c.key for c in value]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise expected("each competency key once", f"twice: {', '.join(twice)}")
        return value

    def competency(self, key: str) -> Competency | None:
        return next((c for c in self.competencies if c.key == key), None)


def parse_model(data: bytes | str, source: str) -> CompetencyModel:
    """A competency model read from TOML; raises CompetencyModelError naming every wrong field."""
    return load_toml(CompetencyModel, data, source, error=CompetencyModelError)


BUILTIN = files("trellis.core.leadership").joinpath("builtin")


@cache
def builtin_models() -> tuple[CompetencyModel, ...]:
    found = sorted(p.name for p in BUILTIN.iterdir() if p.name.endswith(".toml"))
    return tuple(parse_model(BUILTIN.joinpath(name).read_bytes(), name) for name in found)


def load_builtin(key: str) -> CompetencyModel:
    for model in builtin_models():
        if model.key == key:
            return model
    known = ", ".join(m.key for m in builtin_models())
    raise KeyError(f"No built-in competency model has the key {key!r}; known: {known}.")


# Translations of the built-in models: overlays under builtin/locale/<locale>/<file> holding only
# the text (see docs/leadership.md); keys, levels and order never change by language.
LOCALE_DIR = Path(__file__).parent / "builtin" / "locale"
LOCALES = ("de", "pt_BR", "es")
MODEL_TEXT: Spec = {
    "name": TEXT,
    "summary": TEXT,
    "competencies": Keyed({"name": TEXT, "description": TEXT, "behaviours": TEXTS}),
    "functions": Keyed({"name": TEXT, "description": TEXT}),
}


def builtin_files() -> dict[str, str]:
    """The built-in models' file names by key."""
    found = sorted(p.name for p in BUILTIN.iterdir() if p.name.endswith(".toml"))
    return {model.key: name for model, name in zip(builtin_models(), found, strict=True)}


def overlay_check(
    key: str, locale: str, *, complete: bool = True, data: bytes | None = None
) -> list[Problem]:
    """Every problem with a built-in model's translation: a field the English file has no text
    for, a wrong shape, and (when `complete`) English text left untranslated."""
    return translation_problems(
        _english_path(key),
        locale,
        MODEL_TEXT,
        schema_check(CompetencyModel),
        complete=complete,
        data=data,
    )


def _english_path(key: str) -> Path:
    return LOCALE_DIR.parent / builtin_files()[key]


def translated(model: CompetencyModel, language: str) -> CompetencyModel:
    """A built-in model (as shipped) with its text in `language`, English where there is no
    translation; any other model unchanged."""
    try:
        builtin = load_builtin(model.key)
    except KeyError:
        return model
    if builtin != model:
        return model
    locale = overlay_locale(_english_path(model.key), language)
    return model if locale is None else _translated(model.key, locale)


@cache
def _translated(key: str, locale: str) -> CompetencyModel:
    path = _english_path(key)
    merged = read_translated(
        path, locale, MODEL_TEXT, schema_check(CompetencyModel), error=CompetencyModelError
    )
    return validate(
        CompetencyModel, merged, overlay_source(path, locale), error=CompetencyModelError
    )
