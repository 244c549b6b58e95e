"""The schema side of a data file: a pydantic base model, field types that say what they expect,
and the one formatter that turns pydantic's errors into Problems."""

from __future__ import annotations

import math
import re
import types
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError, core_schema

from .problems import DataFileError, Problem, describe, did_you_mean

M = TypeVar("M", bound=BaseModel)

MAX_NUMBER = 10**15  # larger numbers are refused everywhere: nothing we count comes near
EXPECTED_TEXT = "a non-empty string"
EXPECTED_SLUG = "a key of lowercase letters, digits and hyphens that starts with a letter"
EXPECTED_KNOWN_FIELD = "one of the fields {names}"
FOUND_UNKNOWN = "an unknown field"
SLUG = re.compile(r"^[a-z][a-z0-9-]*$")

# What pydantic's own error types expect, in our words; {name} fills from the error's context.
EXPECTED_BY_TYPE = {
    "missing": "a value",
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "too_short": "at least {min_length} item(s)",
    "too_long": "at most {max_length} item(s)",
    "string_too_short": "at least {min_length} character(s)",
    "string_too_long": "at most {max_length} characters",
    "greater_than": "more than {gt}",
    "greater_than_equal": "{ge} or more",
    "less_than": "less than {lt}",
    "less_than_equal": "{le} or less",
    "literal_error": "one of {expected}",
    "enum": "one of {expected}",
    "date_from_datetime_parsing": "a date as YYYY-MM-DD",
    "date_parsing": "a date as YYYY-MM-DD",
    "date_type": "a date as YYYY-MM-DD",
}


# Errors about a value's size or range say the bound, not the field's general expectation.
BOUNDS = frozenset(
    (
        "too_long",
        "string_too_long",
        "greater_than",
        "greater_than_equal",
        "less_than",
        "less_than_equal",
    )
)


class DataModel(BaseModel):
    """The base of every data file schema: unknown fields are refused, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def expected(what: str, found: str = "", at: str = "") -> PydanticCustomError:
    """The error a field validator raises: what it expected (optionally, what it found, and
    `at`, a path below the field such as "mentor" for one entry of a per-side table)."""
    context = {"expected": what, "found": found, "at": at}
    return PydanticCustomError("expected", "expected {expected}", context)


@dataclass(frozen=True)
class Check:
    """Field metadata, used as `Annotated[str, Text(200)]`: `check` returns the value or raises
    expected(...); `what` is what a missing or mistyped value is reported against."""

    what: str
    check: Callable[[Any], Any]

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_before_validator_function(self.check, handler(source))


def checked(what: str, check: Callable[[Any], Any]) -> Check:
    return Check(what, check)


def Text(max_length: int = 200, *, what: str = EXPECTED_TEXT, blank: bool = False) -> Check:
    """Text of at most `max_length` characters; blank text is refused unless `blank`."""

    def check(value: Any) -> str:
        if not isinstance(value, str) or (not blank and not value.strip()):
            raise expected(what)
        if len(value) > max_length:
            raise expected(f"at most {max_length} characters", f"{len(value)} characters")
        return value

    return checked(what, check)


def Slug(max_length: int = 60) -> Check:
    def check(value: Any) -> str:
        if not isinstance(value, str) or not SLUG.match(value):
            raise expected(EXPECTED_SLUG)
        if len(value) > max_length:
            raise expected(f"a key of at most {max_length} characters", f"{len(value)} characters")
        return value

    return checked(EXPECTED_SLUG, check)


def OneOf(*choices: str, what: str = "") -> Check:
    """One of `choices`; a near miss gets a "did you mean"."""
    what = what or "one of: " + ", ".join(choices)

    def check(value: Any) -> str:
        if not isinstance(value, str) or value not in choices:
            raise expected(what, describe(value) + did_you_mean(value, choices))
        return value

    return checked(what, check)


def Whole(low: int = 0, high: int = MAX_NUMBER, *, what: str = "") -> Check:
    """A whole number from `low` to `high` (true and false are not numbers)."""
    what = what or f"a whole number from {low} to {high}"

    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise expected(what)
        return value

    return checked(what, check)


def Number(low: float = -MAX_NUMBER, high: float = MAX_NUMBER, *, what: str = "") -> Check:
    """A finite number from `low` to `high`."""
    what = what or f"a number from {low:g} to {high:g}"

    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise expected(what)
        if not math.isfinite(value) or not low <= value <= high:
            raise expected(what)
        return float(value)

    return checked(what, check)


def Flag(*, what: str = "true or false") -> Check:
    def check(value: Any) -> bool:
        if not isinstance(value, bool):
            raise expected(what)
        return value

    return checked(what, check)


def validate(
    model: type[M],
    data: Any,
    source: str,
    *,
    where: str = "",
    error: type[DataFileError] = DataFileError,
) -> M:
    """`data` checked against `model`; raises `error` listing every problem with its path."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise error(problems_from(exc, source, model, where=where)) from None


def problems_from(
    exc: ValidationError, source: str, model: type[BaseModel], *, where: str = ""
) -> list[Problem]:
    """pydantic's errors as Problems: `file: field.path: expected ..., found ...`. `where`
    prefixes every path (a CSV row passes "line 7, " and its fields are columns)."""
    problems = []
    for error in exc.errors(include_url=False):
        loc = error["loc"]
        kind, context, value = error["type"], error.get("ctx") or {}, error.get("input")
        if context.get("at"):
            loc = (*loc, context["at"])
        path = where + field_path(loc)
        if kind == "missing":
            value = None
        found = context.get("found") or describe(value)
        if kind == "expected":
            what = str(context["expected"])
        elif kind == "extra_forbidden":
            names = _field_names(model, loc[:-1])
            what = EXPECTED_KNOWN_FIELD.format(names=", ".join(names))
            found = FOUND_UNKNOWN + did_you_mean(str(loc[-1]), names)
        else:
            what = "" if kind in BOUNDS else _described(model, loc)
            what = what or EXPECTED_BY_TYPE.get(kind, "").format(**context)
            what = what or error["msg"].lower()
        problems.append(Problem(source, path.rstrip(", "), what, found))
    return problems


def field_path(loc: Sequence[int | str]) -> str:
    """("stages", 2, "prompts") as "stages[2].prompts"."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def _unwrap(annotation: Any) -> Any:
    """The type inside Annotated[...] and Optional[...]."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            inner = [arg for arg in get_args(annotation) if arg is not type(None)]
            if len(inner) != 1:
                return annotation
            annotation = inner[0]
        else:
            return annotation


def _walk(model: type[BaseModel], loc: Sequence[int | str]) -> tuple[Any, str]:
    """The annotation at `loc` inside `model`, and what its field says it expects ("" if
    nothing)."""
    current: Any = model
    what = ""
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = _field(current, str(part))
            if field is None:
                return None, ""
            current = field.annotation
            what = field.description or _what(field.metadata)
        elif get_origin(current) in (list, tuple, Sequence, dict, Mapping):
            args = get_args(current)
            current = args[-1] if args else Any
            what = _what(get_args(current)[1:]) if get_origin(current) is Annotated else ""
        else:
            return None, ""
    return current, what


def _field(model: type[BaseModel], name: str) -> FieldInfo | None:
    for field_name, field in model.model_fields.items():
        if name in (field_name, field.alias):
            return field
    return None


def _what(metadata: Sequence[Any]) -> str:
    for extra in metadata:
        if isinstance(extra, Check):
            return extra.what
        if isinstance(extra, FieldInfo) and extra.description:
            return extra.description
    return ""


def _described(model: type[BaseModel], loc: Sequence[int | str]) -> str:
    return _walk(model, loc)[1]


def _field_names(model: type[BaseModel], loc: Sequence[int | str]) -> list[str]:
    current, _ = _walk(model, loc)
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [field.alias or name for name, field in current.model_fields.items()]
    return []
