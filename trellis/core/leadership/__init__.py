"""Competency models as data: competencies with observable behaviours at levels, read from TOML."""

from .model import (
    LEVELS,
    LOCALES,
    MODEL_TEXT,
    Competency,
    CompetencyModel,
    CompetencyModelError,
    ObservableBehaviour,
    builtin_models,
    load_builtin,
    overlay_check,
    parse_model,
    translated,
)

__all__ = [
    "LEVELS",
    "LOCALES",
    "MODEL_TEXT",
    "Competency",
    "CompetencyModel",
    "CompetencyModelError",
    "ObservableBehaviour",
    "builtin_models",
    "load_builtin",
    "overlay_check",
    "parse_model",
    "translated",
]
