"""Translations of a data file: an overlay holds only the human text of an English file, keyed
like it, and is merged onto the English tables before the file's own schema reads them.

Ids, order, scoring and every other field never change by language, so whatever was stored
against the English file (stage keys, prompt ids, item keys, versions and hashes) holds in every
language. A spec says which fields are text:

    FRAMEWORK_TEXT = {
        "name": TEXT,
        "stages": Keyed({"name": TEXT, "prompts": {"non_directive": TEXTS}}),
    }

- TEXT: a string; the overlay gives the same field a string.
- TEXTS: a list of strings (or of tables with a `text`, as prompts are); the overlay gives a list
  of strings of the same length, in the same order.
- Keyed(spec): a list of tables with a `key` ([[stages]]); the overlay gives a table of tables
  named by those keys ([stages.goal]).
- Listed(spec): a list of tables without keys ([[bands]]); the overlay gives a list of tables of
  the same length, in the same order.
- a dict: a table, read with that spec.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Union

from .problems import DataFileError, Problem, describe

TEXT: Final = "text"
TEXTS: Final = "texts"

EXPECTED_KNOWN = "one of the translatable fields here: {fields}"
EXPECTED_NOTHING = "no field here: the English file has no {what} here"
EXPECTED_STRING = "a translation: a non-empty string"
EXPECTED_TABLE = "a table of translations"
EXPECTED_STRINGS = "a list of {count} translations (non-empty strings), in the English order"
EXPECTED_LIST = "a list of {count} tables, in the English order"
EXPECTED_ID = "a table named by one of the English ids: {ids}"
EXPECTED_TRANSLATION = "a translation of the English {what!r}"


@dataclass(frozen=True)
class Keyed:
    """A list of tables identified by their `key` field."""

    spec: Spec


@dataclass(frozen=True)
class Listed:
    """A list of tables identified by their position."""

    spec: Spec


Spec = Mapping[str, Union[str, Keyed, Listed, "Spec"]]


def merge_overlay(
    base: Mapping[str, Any], overlay: Mapping[str, Any], spec: Spec, source: str
) -> dict[str, Any]:
    """The English tables with the overlay's text in place; English stays wherever the overlay
    says nothing. Raises DataFileError naming the overlay file, the field and what was expected
    for a field the English file or the spec does not have, or a value of the wrong shape."""
    problems = overlay_problems(base, overlay, spec, source)
    if problems:
        raise DataFileError(problems)
    return _merge(base, overlay, spec)


def overlay_problems(
    base: Mapping[str, Any], overlay: Mapping[str, Any], spec: Spec, source: str
) -> list[Problem]:
    """Every field of the overlay that is not a translation of a text field of the English file."""
    problems: list[Problem] = []
    _check_table(base, overlay, spec, source, "", problems)
    return problems


def missing_translations(
    base: Mapping[str, Any], overlay: Mapping[str, Any], spec: Spec, source: str
) -> list[Problem]:
    """Every text field of the English file the overlay does not translate."""
    problems: list[Problem] = []
    _missing_table(base, overlay, spec, source, "", problems)
    return problems


def locale_candidates(language: str) -> tuple[str, ...]:
    """Locale folder names to try for a language code, most specific first:
    "pt-br" -> ("pt_BR", "pt"), "de" -> ("de",), "en-gb" -> ("en_GB", "en")."""
    parts = language.strip().replace("_", "-").split("-")
    if not parts[0]:
        return ()
    main = parts[0].lower()
    if len(parts) == 1:
        return (main,)
    region = parts[1].upper() if len(parts[1]) == 2 else parts[1].title()
    return (f"{main}_{region}", main)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _check_table(
    base: Mapping[str, Any],
    overlay: Mapping[str, Any],
    spec: Spec,
    source: str,
    path: str,
    problems: list[Problem],
) -> None:
    known = [name for name in spec if name in base]
    for name, value in overlay.items():
        where = _join(path, name)
        if name not in known:
            fields = ", ".join(known) or "none"
            problems.append(
                Problem(source, where, EXPECTED_KNOWN.format(fields=fields), describe(name))
            )
            continue
        _check_value(base[name], value, spec[name], source, where, problems)


def _check_value(
    base: Any, value: Any, kind: Any, source: str, where: str, problems: list[Problem]
) -> None:
    def problem(expected: str) -> None:
        problems.append(Problem(source, where, expected, describe(value)))

    if kind == TEXT:
        if not isinstance(value, str) or not value.strip():
            problem(EXPECTED_STRING)
    elif kind == TEXTS:
        count = len(base)
        if (
            not isinstance(value, list)
            or len(value) != count
            or not all(isinstance(text, str) and text.strip() for text in value)
        ):
            problem(EXPECTED_STRINGS.format(count=count))
    elif isinstance(kind, Keyed):
        ids = {str(row.get("key")): row for row in base if isinstance(row, Mapping)}
        if not isinstance(value, Mapping):
            problem(EXPECTED_TABLE)
            return
        for key, table in value.items():
            if key not in ids:
                expected = EXPECTED_ID.format(ids=", ".join(ids))
                problems.append(Problem(source, _join(where, key), expected, describe(key)))
            elif not isinstance(table, Mapping):
                problems.append(Problem(source, _join(where, key), EXPECTED_TABLE, describe(table)))
            else:
                _check_table(ids[key], table, kind.spec, source, _join(where, key), problems)
    elif isinstance(kind, Listed):
        if not isinstance(value, list) or len(value) != len(base):
            problem(EXPECTED_LIST.format(count=len(base)))
            return
        for index, (row, table) in enumerate(zip(base, value, strict=True)):
            if not isinstance(table, Mapping):
                problems.append(
                    Problem(source, f"{where}[{index}]", EXPECTED_TABLE, describe(table))
                )
            else:
                _check_table(row, table, kind.spec, source, f"{where}[{index}]", problems)
    elif not isinstance(value, Mapping):
        problem(EXPECTED_TABLE)
    else:
        _check_table(base, value, kind, source, where, problems)


def _merge(base: Mapping[str, Any], overlay: Mapping[str, Any], spec: Spec) -> dict[str, Any]:
    merged = dict(base)
    for name, value in overlay.items():
        kind = spec[name]
        if kind == TEXT:
            merged[name] = value
        elif kind == TEXTS:
            merged[name] = [
                {**old, "text": new} if isinstance(old, Mapping) else new
                for old, new in zip(base[name], value, strict=True)
            ]
        elif isinstance(kind, Keyed):
            merged[name] = [
                _merge(row, value[row["key"]], kind.spec) if row.get("key") in value else row
                for row in base[name]
            ]
        elif isinstance(kind, Listed):
            merged[name] = [
                _merge(row, table, kind.spec) for row, table in zip(base[name], value, strict=True)
            ]
        elif isinstance(kind, Mapping):
            merged[name] = _merge(base[name], value, kind)
    return merged


def _missing_table(
    base: Mapping[str, Any],
    overlay: Mapping[str, Any],
    spec: Spec,
    source: str,
    path: str,
    problems: list[Problem],
) -> None:
    for name, kind in spec.items():
        if name not in base or base[name] in ("", [], {}):
            continue
        where = _join(path, name)
        value = overlay.get(name)
        if value is None:
            english = base[name]
            shown = english if isinstance(english, str) else name
            what = shown if len(shown) <= 40 else shown[:37] + "..."
            problems.append(
                Problem(source, where, EXPECTED_TRANSLATION.format(what=what), "nothing")
            )
        elif isinstance(kind, Keyed) and isinstance(value, Mapping):
            for row in base[name]:
                key = str(row.get("key"))
                table = value.get(key)
                _missing_table(
                    row,
                    table if isinstance(table, Mapping) else {},
                    kind.spec,
                    source,
                    _join(where, key),
                    problems,
                )
        elif isinstance(kind, Listed) and isinstance(value, list):
            for index, row in enumerate(base[name]):
                table = value[index] if index < len(value) else {}
                _missing_table(
                    row,
                    table if isinstance(table, Mapping) else {},
                    kind.spec,
                    source,
                    f"{where}[{index}]",
                    problems,
                )
        elif isinstance(kind, Mapping) and isinstance(value, Mapping):
            _missing_table(base[name], value, kind, source, where, problems)
