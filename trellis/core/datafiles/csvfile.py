"""Read a CSV data file: decoded as every file is, its delimiter sniffed from the header (comma,
or the semicolon Excel writes in many locales, or tab), its header checked (no duplicate,
missing or unknown columns), and each row validated against a schema by column name."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .problems import STOPPED, DataFileError, Problem, did_you_mean
from .schema import problems_from
from .text import MAX_BYTES, decode

M = TypeVar("M", bound=BaseModel)

DELIMITERS = (",", ";", "\t")
MAX_CELL = 10_000  # characters; a schema's own limits are usually far lower
MAX_COLUMNS = 100
MAX_ROWS = 100_000
MAX_PROBLEMS = (
    10_000  # rows are checked until this many problems: a file that bad is read no further
)
EXPECTED_FEW_COLUMNS = f"at most {MAX_COLUMNS} columns"
EXPECTED_FEW_ROWS = f"at most {MAX_ROWS} rows"
EXPECTED_ROWS = "a header line and at least one row"
FOUND_EMPTY = "an empty file"
FOUND_HEADER_ONLY = "only the header line"
EXPECTED_COLUMNS = "the column(s) {columns}"
FOUND_MISSING = "a header without them"
EXPECTED_ONCE = "each column once"
FOUND_AGAIN = "{name!r} again (first in column {first})"
EXPECTED_KNOWN = "one of the columns {columns}"
FOUND_UNKNOWN = "an unknown column {name!r}"
EXPECTED_CSV = "well-formed CSV"
EXPECTED_CELLS = "at most {count} cells, one per column"
FOUND_CELLS = "{count} cells"
EXPECTED_SHORT = f"a cell of at most {MAX_CELL} characters"


def column_key(name: str) -> str:
    """Column names compare without case, spaces, hyphens or underscores differences."""
    return re.sub(r"[\s\-_]+", "_", name.strip().lower())


@dataclass(frozen=True)
class Row:
    """One non-blank row: the line it starts on and its cells keyed by column name."""

    line: int
    cells: Mapping[str, str]


@dataclass(frozen=True)
class Table:
    source: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    delimiter: str


def sniff_delimiter(first_line: str) -> str:
    """The delimiter the header line uses most: "," unless ";" or tab is more frequent."""
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def read_csv(
    data: bytes | str,
    source: str,
    *,
    required: Sequence[str] = (),
    known: Sequence[str] | None = None,
    also_known: Callable[[str], bool] | None = None,
    key: Callable[[str], str] = column_key,
    max_bytes: int | None = MAX_BYTES,
    error: type[DataFileError] = DataFileError,
) -> Table:
    """The header and non-blank rows of a CSV file. `required` columns must be there; when
    `known` is given, any other column is refused (but those `also_known(name)` accepts, such as a
    family of columns sharing a prefix). Raises `error` listing every problem."""
    try:
        text = decode(data, source, max_bytes=max_bytes)
    except DataFileError as exc:
        raise error(exc.problems) from None
    if not text.strip():
        raise error([Problem(source, "", EXPECTED_ROWS, FOUND_EMPTY)])
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    problems: list[Problem] = []
    try:
        names = next(reader)
        if len(names) > MAX_COLUMNS:
            found = f"{len(names)} columns"
            raise error([Problem(source, "line 1", EXPECTED_FEW_COLUMNS, found)])
        header = tuple(key(name) for name in names)
        problems.extend(_header_problems(source, header, required, known, also_known))
        rows: list[Row] = []
        start = reader.line_num + 1
        for values in reader:
            line, start = start, reader.line_num + 1
            if not any(value.strip() for value in values):
                continue
            if len(rows) == MAX_ROWS:
                raise error([Problem(source, f"line {line}", EXPECTED_FEW_ROWS, "more")])
            if len(problems) < MAX_PROBLEMS:
                problems.extend(_cell_problems(source, line, header, values))
            cells = {
                name: (values[i].strip() if i < len(values) else "")
                for i, name in enumerate(header)
            }
            rows.append(Row(line, cells))
    except csv.Error as exc:
        raise error(
            [*problems, Problem(source, f"line {reader.line_num}", EXPECTED_CSV, str(exc))]
        ) from None
    if not rows and not problems:
        problems.append(Problem(source, "", EXPECTED_ROWS, FOUND_HEADER_ONLY))
    if problems:
        raise error(problems)
    return Table(source, header, tuple(rows), delimiter)


def _header_problems(
    source: str,
    header: tuple[str, ...],
    required: Sequence[str],
    known: Sequence[str] | None,
    also_known: Callable[[str], bool] | None = None,
) -> list[Problem]:
    problems = []
    first: dict[str, int] = {}
    for column, name in enumerate(header, start=1):
        where = f"line 1, column {column}"
        if name in first:
            found = FOUND_AGAIN.format(name=name, first=first[name])
            problems.append(Problem(source, where, EXPECTED_ONCE, found))
        first.setdefault(name, column)
        if known is not None and name not in known and not (also_known and also_known(name)):
            found = FOUND_UNKNOWN.format(name=name) + did_you_mean(name, known)
            problems.append(
                Problem(source, where, EXPECTED_KNOWN.format(columns=", ".join(known)), found)
            )
    missing = [name for name in required if name not in first]
    if missing:
        what = EXPECTED_COLUMNS.format(columns=", ".join(missing))
        problems.append(Problem(source, "line 1", what, FOUND_MISSING))
    return problems


def _cell_problems(
    source: str, line: int, header: tuple[str, ...], values: list[str]
) -> list[Problem]:
    problems = []
    extra = values[len(header) :]
    if any(value.strip() for value in extra):
        found = FOUND_CELLS.format(count=len(values))
        what = EXPECTED_CELLS.format(count=len(header))
        problems.append(Problem(source, f"line {line}", what, found))
    for name, value in zip(header, values, strict=False):
        if len(value) > MAX_CELL:
            problems.append(
                Problem(source, f"line {line}, {name}", EXPECTED_SHORT, f"{len(value)} characters")
            )
    return problems


def rows_as(
    model: type[M],
    table: Table,
    *,
    error: type[DataFileError] = DataFileError,
    problems: list[Problem] | None = None,
) -> list[tuple[Row, M]]:
    """Every row validated against `model` (a field per column; empty cells are left out so
    that the field's default applies). Raises `error` listing every row's problems, unless the
    caller passes its own `problems` list: then they are added to it and the valid rows returned
    (for checks across rows that should still see them)."""
    collect = problems is not None
    problems = [] if problems is None else problems
    checked = []
    fields = {field.alias or name for name, field in model.model_fields.items()}
    for row in table.rows:
        values: dict[str, Any] = {
            name: value for name, value in row.cells.items() if value and name in fields
        }
        if len(problems) >= MAX_PROBLEMS:
            problems.append(Problem(table.source, f"line {row.line}", STOPPED, "more problems"))
            break
        try:
            checked.append((row, model.model_validate(values)))
        except ValidationError as exc:
            problems.extend(problems_from(exc, table.source, model, where=f"line {row.line}, "))
    if problems and not collect:
        raise error(problems)
    return checked
