"""The built-in instruments in other languages: overlay files under builtin/locale/<locale>/
that hold only the human text, keyed like the English file (items and subscales by key, bands and
scale labels by position). Item keys, scale points and scoring never change by language, so an
answer given in one language is the same answer in every other."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

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


def overlay_source(key: str, locale: str) -> str:
    return f"locale/{locale}/{key}.toml"


def read_overlay(
    key: str, locale: str, data: bytes | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The English tables of a built-in instrument and its overlay's tables for `locale`."""
    english = read_toml((BUILTIN_DIR / f"{key}.toml").read_bytes(), f"{key}.toml")
    source = overlay_source(key, locale)
    if data is None:
        data = (LOCALE_DIR / locale / f"{key}.toml").read_bytes()
    overlay = read_toml(data, source)
    return english, overlay


def overlay_check(
    key: str, locale: str, *, complete: bool = True, data: bytes | None = None
) -> list[Problem]:
    """Every problem with a built-in instrument's translation: fields the English file has no
    text for, values of the wrong shape, and (when `complete`) English text left untranslated.
    `data` checks a file's bytes in place of the shipped overlay."""
    source = overlay_source(key, locale)
    try:
        english, overlay = read_overlay(key, locale, data)
        merged = merge_overlay(english, overlay, INSTRUMENT_TEXT, source)
        cross = cross_check(validate(InstrumentFile, merged, source), source)
    except DataFileError as exc:
        return list(exc.problems)
    problems = list(cross)
    if complete:
        problems += missing_translations(english, overlay, INSTRUMENT_TEXT, source)
    return problems


def translated_instrument(instrument: Instrument, builtin: Instrument, language: str) -> Instrument:
    """`instrument` with its human text in `language` when it is the shipped built-in (same
    content hash) and a translation exists; otherwise unchanged."""
    if instrument.content_hash != builtin.content_hash:
        return instrument
    for locale in locale_candidates(language):
        if (LOCALE_DIR / locale / f"{instrument.key}.toml").is_file():
            return _translated(builtin.key, locale, builtin.text, builtin.content_hash)
    return instrument


@cache
def _translated(key: str, locale: str, text: str, hash_: str) -> Instrument:
    problems = overlay_check(key, locale, complete=False)
    if problems:
        raise InstrumentError(problems)
    english, overlay = read_overlay(key, locale)
    source = overlay_source(key, locale)
    merged = merge_overlay(english, overlay, INSTRUMENT_TEXT, source)
    spec = validate(InstrumentFile, merged, source, error=InstrumentError)
    return Instrument(spec=spec, text=text, content_hash=hash_)
