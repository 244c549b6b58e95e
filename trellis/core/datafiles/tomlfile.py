"""Read a TOML data file: decoded as every file is, parsed, and bounded before any schema sees it
(nesting at most MAX_DEPTH deep, numbers finite and at most MAX_NUMBER)."""

from __future__ import annotations

import math
import re
import tomllib
from typing import Any, TypeVar

from pydantic import BaseModel

from .problems import DataFileError, Problem, describe
from .schema import MAX_NUMBER, field_path, validate
from .text import MAX_BYTES, decode

M = TypeVar("M", bound=BaseModel)

MAX_DEPTH = 20
EXPECTED_TOML = "valid TOML"
EXPECTED_SHALLOW = f"tables and lists nested at most {MAX_DEPTH} deep"
FOUND_DEEP = "deeper nesting"
EXPECTED_FINITE = f"a finite number between -{MAX_NUMBER:.0e} and {MAX_NUMBER:.0e}"
_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def read_toml(
    data: bytes | str,
    source: str,
    *,
    max_bytes: int | None = MAX_BYTES,
    error: type[DataFileError] = DataFileError,
) -> dict[str, Any]:
    """The tables of a TOML file; raises `error` for text that is not TOML or is out of bounds."""
    try:
        text = decode(data, source, max_bytes=max_bytes)
    except DataFileError as exc:
        raise error(exc.problems) from None
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = _AT.search(str(exc))
        where = f"line {at.group(1)}, column {at.group(2)}" if at else ""
        raise error([Problem(source, where, EXPECTED_TOML, f"a syntax error: {exc}")]) from None
    except ValueError as exc:  # an integer of thousands of digits
        raise error(
            [Problem(source, "", EXPECTED_FINITE, f"a number too long to read ({exc})")]
        ) from None
    except RecursionError:  # [[[[...]]]] thousands deep: the parser itself gives up
        raise error([Problem(source, "", EXPECTED_SHALLOW, FOUND_DEEP)]) from None
    problems: list[Problem] = []
    _check_bounds(table, source, (), problems)
    if problems:
        raise error(problems)
    return table


def load_toml(
    model: type[M],
    data: bytes | str,
    source: str,
    *,
    max_bytes: int | None = MAX_BYTES,
    error: type[DataFileError] = DataFileError,
) -> M:
    """A TOML file read into `model`; raises `error` listing every problem with its field path."""
    table = read_toml(data, source, max_bytes=max_bytes, error=error)
    return validate(model, table, source, error=error)


def _check_bounds(
    value: Any, source: str, loc: tuple[int | str, ...], problems: list[Problem]
) -> None:
    if len(loc) > MAX_DEPTH:
        problems.append(Problem(source, field_path(loc[:MAX_DEPTH]), EXPECTED_SHALLOW, FOUND_DEEP))
        return
    if isinstance(value, dict):
        for key, item in value.items():
            _check_bounds(item, source, (*loc, key), problems)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_bounds(item, source, (*loc, index), problems)
    elif (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        # an int is compared as it is: one past a float's range would not convert (OverflowError)
        and ((isinstance(value, float) and not math.isfinite(value)) or abs(value) > MAX_NUMBER)
    ):
        problems.append(Problem(source, field_path(loc), EXPECTED_FINITE, describe(value)))
