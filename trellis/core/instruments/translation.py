"""The built-in instruments in other languages: overlay files under builtin/locale/<locale>/
that hold only the human text, keyed like the English file (items and subscales by key, bands and
scale labels by position). Item keys, scale points and scoring never change by language, so an
answer given in one language is the same answer in every other."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from trellis.core.datafiles import DataFileError, Problem, read_toml, validate
from trellis.core.datafiles.overlay import (
    TEXT,
    TEXTS,
    Keyed,
    Listed,
    Spec,
    locale_candidates,
    merge_overlay,
    missing_translations,
)

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
    source = f"locale/{locale}/{path.name}"
    try:
        english = read_toml(path.read_bytes(), path.name)
        if data is None:
            data = (path.parent / "locale" / locale / path.name).read_bytes()
        overlay = read_toml(data, source)
        merged = merge_overlay(english, overlay, INSTRUMENT_TEXT, source)
        cross = cross_check(validate(InstrumentFile, merged, source), source)
    except DataFileError as exc:
        return list(exc.problems)
    problems = list(cross)
    if complete:
        problems += missing_translations(english, overlay, INSTRUMENT_TEXT, source)
    return problems


def translated_file(instrument: Instrument, path: Path, language: str) -> Instrument:
    """`instrument` with its human text in `language` when it holds exactly the English file
    `path` (same content hash) and an overlay exists beside it; otherwise unchanged."""
    original = _english(path)
    if instrument.content_hash != original.content_hash:
        return instrument
    for locale in locale_candidates(language):
        if (path.parent / "locale" / locale / path.name).is_file():
            return _translated(path, locale)
    return instrument


@cache
def _english(path: Path) -> Instrument:
    from . import parse_instrument  # the package's reader; imported here to avoid a cycle

    return parse_instrument(path.read_bytes(), path.name)


@cache
def _translated(path: Path, locale: str) -> Instrument:
    problems = overlay_check_file(path, locale, complete=False)
    if problems:
        raise InstrumentError(problems)
    source = f"locale/{locale}/{path.name}"
    english = read_toml(path.read_bytes(), path.name)
    overlay = read_toml((path.parent / "locale" / locale / path.name).read_bytes(), source)
    merged = merge_overlay(english, overlay, INSTRUMENT_TEXT, source)
    spec = validate(InstrumentFile, merged, source, error=InstrumentError)
    original = _english(path)
    return Instrument(spec=spec, text=original.text, content_hash=original.content_hash)
