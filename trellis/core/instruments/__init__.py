"""Instruments as data: assessments and surveys in TOML files, validated by the shared data-file
loader, and their scoring (reverse items, subscales, bands, anonymity-threshold aggregates and
reliable change). Pure Python: no Django."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .model import Instrument
from .schema import (
    AUDIENCES,
    DEFAULT_THRESHOLD,
    InstrumentError,
    InstrumentFile,
    content_hash,
    read_instrument_file,
)
from .scoring import (
    RELIABLE_Z,
    Aggregate,
    Change,
    GroupChange,
    Score,
    aggregate,
    band_of,
    baseline_figures,
    change,
    check_answers,
    cronbach_alpha,
    group_change,
    reliable_change_index,
    score,
)
from .translation import INSTRUMENT_TEXT, overlay_check, overlay_check_file, translated_file

BUILTIN_DIR = Path(__file__).parent / "builtin"
BUILTIN_KEYS = (
    "career-confidence",
    "coaching-alliance",
    "session-rating",
    "team-pulse",
    "call-review",
)
# The languages the built-in instruments are translated into (Django locale names).
LOCALES = ("de", "pt_BR", "es")
UNKNOWN_INSTRUMENT = "No built-in instrument is called {key!r}; the built-in ones are: {keys}"


class UnknownInstrumentError(LookupError):
    pass


def parse_instrument(text: bytes | str, source: str = "<text>") -> Instrument:
    """An Instrument from TOML text; raises InstrumentError listing every problem."""
    spec, table = read_instrument_file(text, source)
    raw = text.decode("utf-8-sig") if isinstance(text, bytes) else text
    return Instrument(spec=spec, text=raw, content_hash=content_hash(table))


@cache
def builtin_instruments() -> tuple[Instrument, ...]:
    """The instruments written for Trellis, in the order the docs present them."""
    return tuple(
        parse_instrument((BUILTIN_DIR / f"{key}.toml").read_bytes(), f"{key}.toml")
        for key in BUILTIN_KEYS
    )


def load_builtin(key: str) -> Instrument:
    wanted = key.strip().lower()
    for instrument in builtin_instruments():
        if instrument.key == wanted:
            return instrument
    raise UnknownInstrumentError(UNKNOWN_INSTRUMENT.format(key=key, keys=", ".join(BUILTIN_KEYS)))


def translated(instrument: Instrument, language: str) -> Instrument:
    """A built-in instrument with its human text in `language` ("de", "pt-br", ...) when it is
    the shipped version and a translation exists; otherwise unchanged. Item keys, scale points,
    scoring, version and content hash stay the English file's."""
    if instrument.key not in BUILTIN_KEYS:
        return instrument
    return translated_file(instrument, BUILTIN_DIR / f"{instrument.key}.toml", language)


__all__ = [
    "AUDIENCES",
    "BUILTIN_KEYS",
    "DEFAULT_THRESHOLD",
    "INSTRUMENT_TEXT",
    "LOCALES",
    "RELIABLE_Z",
    "Aggregate",
    "Change",
    "GroupChange",
    "Instrument",
    "InstrumentError",
    "InstrumentFile",
    "Score",
    "UnknownInstrumentError",
    "aggregate",
    "band_of",
    "baseline_figures",
    "builtin_instruments",
    "change",
    "check_answers",
    "cronbach_alpha",
    "group_change",
    "load_builtin",
    "overlay_check",
    "overlay_check_file",
    "parse_instrument",
    "reliable_change_index",
    "score",
    "translated",
    "translated_file",
]
