"""The built-in instruments in other languages: overlay files under builtin/locale/<locale>/
that hold only the human text, keyed like the English file (items and subscales by key, bands and
scale labels by position). Item keys, scale points and scoring never change by language, so an
answer given in one language is the same answer in every other."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from trellis.core.datafiles import Problem, validate
from trellis.core.datafiles.localized import (
    overlay_locale,
    overlay_source,
    read_translated,
    translation_problems,
)
from trellis.core.datafiles.overlay import TEXT, TEXTS, Keyed, Listed, Spec

from .model import Instrument
from .schema import InstrumentError, InstrumentFile, cross_check

BUILTIN_DIR = Path(__file__).parent / "builtin"
LOCALE_DIR = BUILTIN_DIR / "locale"
# The licence and sources stay as written: they are legal text and citations.
INSTRUMENT_TEXT: Spec = {
    "name": TEXT,
    "construct": TEXT,
    "description": TEXT,
    "instructions": TEXT,
    "scale": {"labels": TEXTS},
    "items": Keyed({"text": TEXT}),
    "subscales": Keyed({"name": TEXT, "description": TEXT}),
    "bands": Listed({"label": TEXT, "meaning": TEXT}),
}


def overlay_check(
    key: str, locale: str, *, complete: bool = True, data: bytes | None = None
) -> list[Problem]:
    """Every problem with a built-in instrument's translation: fields the English file has no
    text for, values of the wrong shape, and (when `complete`) English text left untranslated.
    `data` checks a file's bytes in place of the shipped overlay."""
    return overlay_check_file(BUILTIN_DIR / f"{key}.toml", locale, complete=complete, data=data)


def overlay_check_file(
    path: Path, locale: str, *, complete: bool = True, data: bytes | None = None
) -> list[Problem]:
    """overlay_check for the English instrument file `path` and its overlay beside it at
    locale/<locale>/<file name>."""
    return translation_problems(
        path, locale, INSTRUMENT_TEXT, _instrument_problems, complete=complete, data=data
    )


def _instrument_problems(tables: dict[str, Any], source: str) -> list[Problem]:
    # A schema problem raises: the cross checks only read a valid file.
    return cross_check(validate(InstrumentFile, tables, source), source)


def translated_file(instrument: Instrument, path: Path, language: str) -> Instrument:
    """`instrument` with its human text in `language` when it holds exactly the English file
    `path` (same content hash) and an overlay exists beside it; otherwise unchanged."""
    original = _english(path)
    if instrument.content_hash != original.content_hash:
        return instrument
    locale = overlay_locale(path, language)
    return instrument if locale is None else _translated(path, locale)


@cache
def _english(path: Path) -> Instrument:
    from . import parse_instrument  # the package's reader; imported here to avoid a cycle

    return parse_instrument(path.read_bytes(), path.name)


@cache
def _translated(path: Path, locale: str) -> Instrument:
    merged = read_translated(
        path, locale, INSTRUMENT_TEXT, _instrument_problems, error=InstrumentError
    )
    spec = validate(InstrumentFile, merged, overlay_source(path, locale), error=InstrumentError)
    original = _english(path)
    return Instrument(spec=spec, text=original.text, content_hash=original.content_hash)
