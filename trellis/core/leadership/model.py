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
)

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
