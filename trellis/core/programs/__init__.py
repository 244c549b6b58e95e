"""Coaching programs as data: templates (TOML) and the plan they give one cohort."""

from .template import (
    CADENCES,
    KINDS,
    SHARED_KINDS,
    Plan,
    ProgramTemplate,
    ProgramTemplateError,
    builtin_templates,
    load_builtin,
    parse_template,
    plan,
)

__all__ = [
    "CADENCES",
    "KINDS",
    "SHARED_KINDS",
    "Plan",
    "ProgramTemplate",
    "ProgramTemplateError",
    "builtin_templates",
    "load_builtin",
    "parse_template",
    "plan",
]
