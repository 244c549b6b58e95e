"""The shared data file loader: one error shape for TOML and CSV, and bounds on what it reads."""

from typing import Annotated

import pytest
from pydantic import Field

from trellis.core.datafiles import (
    DataFileError,
    DataModel,
    Flag,
    OneOf,
    Slug,
    Text,
    Whole,
    load_toml,
    read_csv,
    rows_as,
    shown_lines,
)


class Item(DataModel):
    text: Annotated[str, Text(50)]
    reverse: Annotated[bool, Flag()] = False


class Instrument(DataModel):
    key: Annotated[str, Slug()]
    scale: Annotated[str, OneOf("agree5", "frequency5")]
    items: list[Item] = Field(min_length=1, max_length=3, description="a list of [[items]]")


class Person(DataModel):
    email: Annotated[str, Text(254)]
    name: Annotated[str, Text(20)]
    age: Annotated[int, Whole(0, 150)] | None = None


def toml_problems(data):
    with pytest.raises(DataFileError) as caught:
        load_toml(Instrument, data, "i.toml")
    return [str(p) for p in caught.value.problems]


def csv_problems(data, **options):
    options.setdefault("required", ("email", "name"))
    options.setdefault("known", ("email", "name", "age"))
    with pytest.raises(DataFileError) as caught:
        rows_as(Person, read_csv(data, "p.csv", **options))
    return [str(p) for p in caught.value.problems]


def test_it_reads_a_valid_toml_file_into_the_schema():
    found = load_toml(
        Instrument, b'key = "pulse"\nscale = "agree5"\n[[items]]\ntext = "Hi"\n', "i.toml"
    )
    assert found.items[0].text == "Hi" and found.items[0].reverse is False


def test_it_names_every_field_path_with_what_was_expected_and_found():
    assert toml_problems(b'key = "a"\nscale = "agree"\n[[items]]\ntext = ""\nrevers = 1\n') == [
        "i.toml: scale: expected one of: agree5, frequency5, found the text 'agree' (did you mean 'agree5'?)",
        "i.toml: items[0].text: expected a non-empty string, found nothing",
        "i.toml: items[0].revers: expected one of the fields text, reverse, found an unknown field (did you mean 'reverse'?)",
    ]


def test_it_uses_the_fields_description_for_a_missing_value():
    assert "i.toml: items: expected a list of [[items]], found nothing" in toml_problems(
        b'key = "a"'
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"key = = 1", "i.toml: line 1, column 7: expected valid TOML, found a syntax error"),
        (b"a = nan", "i.toml: a: expected a finite number"),
        (b"a = -inf", "i.toml: a: expected a finite number"),
        (b"a = 12345678901234567890", "i.toml: a: expected a finite number"),
        (b"a = 1" + b"0" * 5000, "i.toml: expected a finite number"),
        (b"a = 1" + b"0" * 400, "i.toml: a: expected a finite number"),  # past a float's range
        ("a = " + "[" * 5000 + "]" * 5000, "i.toml: expected tables and lists nested at most 20 deep"),
        ("a" + ".a" * 40 + " = 1", "i.toml: a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a: expected tables and lists nested at most 20 deep"),
        (b'key = "\xe9"', "i.toml: line 1: expected UTF-8 text (in a spreadsheet, save as \"CSV UTF-8\"), found the byte 0xe9 at byte 7"),
        (b"\xff\xfek\x00", "i.toml: line 1: expected UTF-8 text"),
        (b'key = "a"\n\x00', "i.toml: line 2: expected text without NUL characters, found a NUL character at byte 10"),
        (b"", "i.toml: key: expected a key of lowercase letters"),
    ],
)  # fmt: skip
def test_it_refuses_toml_out_of_bounds_with_the_place(data, expected):
    assert toml_problems(data)[0].startswith(expected)


def test_it_refuses_a_file_past_the_size_limit():
    with pytest.raises(DataFileError) as caught:
        load_toml(Instrument, b"#" * 101, "i.toml", max_bytes=100)
    assert (
        str(caught.value.problems[0])
        == "i.toml: expected a file of at most 100 bytes, found 101 bytes"
    )


def test_it_reads_csv_with_a_bom_any_line_ending_and_excels_semicolons():
    for data in (
        "\ufeffemail,name\r\na@x.org,Ann\r\n".encode(),
        b"email;name\ra@x.org;Ann\r",
        b"email\tname\na@x.org\tAnn",
    ):
        rows = rows_as(Person, read_csv(data, "p.csv", required=("email", "name")))
        assert [(row.line, person.email, person.name) for row, person in rows] == [
            (2, "a@x.org", "Ann")
        ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "p.csv: expected a header line and at least one row, found an empty file"),
        (b" \n\n", "p.csv: expected a header line and at least one row, found an empty file"),
        (b"email,name\n", "p.csv: expected a header line and at least one row, found only the header line"),
        (b"email,name,email\na,b,c\n", "p.csv: line 1, column 3: expected each column once, found 'email' again (first in column 1)"),
        (b"email,nmae\na,b\n", "p.csv: line 1, column 2: expected one of the columns email, name, age, found an unknown column 'nmae' (did you mean 'name'?)"),
        (b"email\na\n", "p.csv: line 1: expected the column(s) name, found a header without them"),
        (b"email,name\na,b,c\n", "p.csv: line 2: expected at most 2 cells, one per column, found 3 cells"),
        (b"email,name\na,\n", "p.csv: line 2, name: expected a non-empty string, found nothing"),
        (b"email,name\na," + b"n" * 21 + b"\n", "p.csv: line 2, name: expected at most 20 characters, found 21 characters"),
        (b"email,name,age\na,b,NaN\n", "p.csv: line 2, age: expected a whole number from 0 to 150"),
        (b"email,name\n\n\na,\xe9\n", "p.csv: line 4: expected UTF-8 text"),
        (b"email,name\na,b\x00\n", "p.csv: line 2: expected text without NUL characters"),
    ],
)  # fmt: skip
def test_it_refuses_bad_csv_with_the_line_and_column(data, expected):
    assert csv_problems(data)[0].startswith(expected)


def test_it_counts_lines_across_quoted_newlines():
    assert csv_problems(b'email,name\n"a\nb",Ann\nc,\n') == [
        "p.csv: line 4, name: expected a non-empty string, found nothing"
    ]


def test_it_shows_the_first_hundred_problems_and_counts_the_rest():
    data = b"email,name\n" + b"a,\n" * 130
    with pytest.raises(DataFileError) as caught:
        rows_as(Person, read_csv(data, "p.csv"))
    assert len(caught.value.problems) == 130
    shown = caught.value.messages()
    assert len(shown) == 101 and shown[-1] == "... and 30 more problems not shown"
    assert shown_lines(["x"] * 3) == ["x"] * 3


def test_it_bounds_the_work_a_pathological_csv_can_cause():
    with pytest.raises(DataFileError) as caught:
        read_csv(b"," * 5000, "p.csv")
    assert [str(p) for p in caught.value.problems] == [
        "p.csv: line 1: expected at most 100 columns, found 5001 columns"
    ]
    with pytest.raises(DataFileError) as caught:
        read_csv(b"email,name\n" + b"a,b\n" * 100_001, "p.csv", max_bytes=None)
    assert (
        str(caught.value.problems[0])
        == "p.csv: line 100002: expected at most 100000 rows, found more"
    )
    with pytest.raises(DataFileError) as caught:
        rows_as(Person, read_csv(b"email,name\n" + b"a,\n" * 20_000, "p.csv", max_bytes=None))
    assert len(caught.value.problems) == 10_001
    assert caught.value.messages()[-1] == "... and at least 9901 more problems not shown"
