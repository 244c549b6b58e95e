"""One way to read a data file: a pydantic schema, one loader for TOML and one for CSV, and one
error shape, `file: field.path (or line N, column): expected ..., found ...`.

Every loader decodes the same way first (UTF-8 with or without a BOM; UTF-16, other encodings
and NUL characters are refused with the line and byte; CR, CR LF and LF line endings all read;
a size limit), then parses, then validates against the schema and raises DataFileError (or the
caller's subclass) listing every problem. Nothing is half-read: callers write only after a
loader returns.

A new format is a schema, not a parser:

    from trellis.core.datafiles import DataModel, Flag, OneOf, Slug, Text, load_toml

    class Item(DataModel):
        text: Annotated[str, Text(500)]
        reverse: Annotated[bool, Flag()] = False

    class Instrument(DataModel):
        key: Annotated[str, Slug()]
        scale: Annotated[str, OneOf("agree5", "frequency5")]
        items: list[Item] = Field(min_length=1, max_length=200, description="a list of [[items]]")

    instrument = load_toml(Instrument, path.read_bytes(), path.name)
    # instruments.toml: items[3].text: expected a non-empty string, found nothing

and a CSV format is a row schema whose fields are the (normalised) column names:

    table = read_csv(data, "people.csv", required=("email", "name"), known=COLUMNS)
    for row, person in rows_as(PersonRow, table):  # line 7, email: expected an email address, ...
        ...

The field checks (Text, Slug, OneOf, Whole, Number, Flag, or your own `Check(what, function)`
whose function raises `expected("...")`) carry their expectation, which is also what a missing
value is reported against; a plain field says it with `Field(description=...)`. Limits (text
length, list length, number range) live in the schema, so every format states its own.
"""

from .csvfile import Row, Table, column_key, read_csv, rows_as, sniff_delimiter
from .problems import (
    SHOWN_PROBLEMS,
    STOPPED,
    DataFileError,
    Problem,
    Wording,
    describe,
    did_you_mean,
    shown_lines,
)
from .schema import (
    EXPECTED_SLUG,
    EXPECTED_TEXT,
    MAX_NUMBER,
    Check,
    DataModel,
    Flag,
    Number,
    OneOf,
    Slug,
    Text,
    Whole,
    checked,
    expected,
    field_path,
    problems_from,
    validate,
)
from .text import MAX_BYTES, check_size, decode
from .tomlfile import MAX_DEPTH, load_toml, read_toml

__all__ = [
    "EXPECTED_SLUG",
    "EXPECTED_TEXT",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NUMBER",
    "SHOWN_PROBLEMS",
    "STOPPED",
    "Check",
    "DataFileError",
    "DataModel",
    "Flag",
    "Number",
    "OneOf",
    "Problem",
    "Row",
    "Slug",
    "Table",
    "Text",
    "Whole",
    "Wording",
    "check_size",
    "checked",
    "column_key",
    "decode",
    "describe",
    "did_you_mean",
    "expected",
    "field_path",
    "load_toml",
    "problems_from",
    "read_csv",
    "read_toml",
    "rows_as",
    "shown_lines",
    "sniff_delimiter",
    "validate",
]
