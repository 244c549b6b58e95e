"""Competency models as data: competencies with observable behaviours at levels, read from TOML."""

from .model import (
    LEVELS,
    Competency,
    CompetencyModel,
    CompetencyModelError,
    ObservableBehaviour,
    builtin_models,
    load_builtin,
    parse_model,
)

__all__ = [
    "LEVELS",
    "Competency",
    "CompetencyModel",
    "CompetencyModelError",
    "ObservableBehaviour",
    "builtin_models",
    "load_builtin",
    "parse_model",
]
