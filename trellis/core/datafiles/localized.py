"""A data file in the reader's language: the English file at `path` and its overlays beside it,
locale/<locale>/<file name>, merged by overlay.merge_overlay. One reader for every kind of file
(frameworks, protocols, instruments, rubrics, competency models); each kind brings its text spec
and the check its own schema makes of the merged tables."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .overlay import Spec, locale_candidates, merge_overlay, missing_translations
from .problems import DataFileError, Problem
from .schema import validate
from .tomlfile import read_toml

# What a kind of file finds wrong in merged tables, named by source; it may also raise
# DataFileError, which ends the check with those problems alone.
Check = Callable[[dict[str, Any], str], list[Problem]]


def schema_check(model: type[BaseModel]) -> Check:
    """The Check of a file whose schema alone says what is wrong with it."""

    def check(tables: dict[str, Any], source: str) -> list[Problem]:
        try:
            validate(model, tables, source)
        except DataFileError as exc:
            return list(exc.problems)
        return []

    return check


def overlay_path(path: Path, locale: str) -> Path:
    return path.parent / "locale" / locale / path.name


def overlay_source(path: Path, locale: str) -> str:
    """How problems and validated files name the overlay: locale/de/grow.toml."""
    return f"locale/{locale}/{path.name}"


def overlay_locale(path: Path, language: str) -> str | None:
    """The locale whose overlay of `path` serves `language` ("pt-br" finds pt_BR, then pt), or
    None when there is none: the English file serves."""
    for locale in locale_candidates(language):
        if overlay_path(path, locale).is_file():
            return locale
    return None


def translation_problems(
    path: Path,
    locale: str,
    spec: Spec,
    check: Check,
    *,
    complete: bool = True,
    data: bytes | None = None,
) -> list[Problem]:
    """Every problem with the overlay of `path` for `locale`: a field the English file has no
    text for, a value of the wrong shape, what `check` finds in the merged file, and (when
    `complete`) English text left untranslated. `data` checks these bytes in place of the file."""
    source = overlay_source(path, locale)
    try:
        english = read_toml(path.read_bytes(), path.name)
        if data is None:
            data = overlay_path(path, locale).read_bytes()
        overlay = read_toml(data, source)
        problems = check(merge_overlay(english, overlay, spec, source), source)
    except DataFileError as exc:
        return list(exc.problems)
    if complete:
        problems += missing_translations(english, overlay, spec, source)
    return problems


def read_translated(
    path: Path,
    locale: str,
    spec: Spec,
    check: Check,
    *,
    error: type[DataFileError] = DataFileError,
) -> dict[str, Any]:
    """The English file's tables with the overlay's text in place (English wherever it says
    nothing); raises `error` listing every problem translation_problems finds."""
    problems = translation_problems(path, locale, spec, check, complete=False)
    if problems:
        raise error(problems)
    source = overlay_source(path, locale)
    english = read_toml(path.read_bytes(), path.name)
    overlay = read_toml(overlay_path(path, locale).read_bytes(), source)
    return merge_overlay(english, overlay, spec, source)
