"""Hypothesis strategies that spoil a good data file the ways real files go wrong: bytes that are
not UTF-8, UTF-16 from Excel, NUL characters, CR-only line ends, Excel's semicolons, BOMs, cut-off
files, empty and header-only files, duplicate and unknown columns, NaN, infinite and huge
numbers, over-long fields, deep nesting, and random text. Shared by the property tests and
benchmarks/fuzz_parsers.py."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from hypothesis import strategies as st

Mutation = Callable[[bytes, st.DrawFn], bytes]

NUMBERS = (
    b"nan",
    b"inf",
    b"-inf",
    b"1e400",
    b"99999999999999999999999",
    b"-1e308",
    b"1" + b"0" * 5000,
)
CSV_NUMBERS = (b"NaN", b"inf", b"-Infinity", b"1e999", b"1" + b"0" * 400, b"\xc2\xb2", b"-0")


def _at(data: bytes, draw: st.DrawFn) -> int:
    return draw(st.integers(0, len(data)))


def nul(data: bytes, draw: st.DrawFn) -> bytes:
    at = _at(data, draw)
    return data[:at] + b"\x00" + data[at:]


def not_utf8(data: bytes, draw: st.DrawFn) -> bytes:
    at = _at(data, draw)
    return (
        data[:at]
        + draw(st.sampled_from([b"\xe9", b"\xff", b"\xc3", b"\x80\x80", b"\xed\xa0\x80"]))
        + data[at:]
    )


def utf16(data: bytes, draw: st.DrawFn) -> bytes:
    return data.decode("utf-8", "replace").encode(
        draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be"]))
    )


def latin1(data: bytes, draw: st.DrawFn) -> bytes:
    return data.decode("utf-8", "replace").replace("e", "é").encode("latin-1", "replace")


def cr_only(data: bytes, draw: st.DrawFn) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r")


def crlf(data: bytes, draw: st.DrawFn) -> bytes:
    return data.replace(b"\n", b"\r\n")


def bom(data: bytes, draw: st.DrawFn) -> bytes:
    return b"\xef\xbb\xbf" + data


def truncate(data: bytes, draw: st.DrawFn) -> bytes:
    return data[: _at(data, draw)]


def empty(data: bytes, draw: st.DrawFn) -> bytes:
    return draw(st.sampled_from([b"", b" ", b"\n\n", b"\r", b"\xef\xbb\xbf", b"\t\n"]))


def splice(data: bytes, draw: st.DrawFn) -> bytes:
    """Random characters where they hurt: separators, quotes, brackets, line ends."""
    pieces = draw(
        st.lists(
            st.sampled_from(
                [
                    b",",
                    b";",
                    b'"',
                    b"\n",
                    b"\r",
                    b"[",
                    b"]",
                    b"=",
                    b"{",
                    b"}",
                    b"'",
                    b"\\",
                    b"#",
                    b"\t",
                    b"[[",
                    b'"""',
                ]
            ),
            min_size=1,
            max_size=6,
        )
    )
    for piece in pieces:
        at = _at(data, draw)
        data = data[:at] + piece + data[at:]
    return data


def delete(data: bytes, draw: st.DrawFn) -> bytes:
    start = _at(data, draw)
    end = min(len(data), start + draw(st.integers(1, 40)))
    return data[:start] + data[end:]


def long_field(data: bytes, draw: st.DrawFn) -> bytes:
    at = _at(data, draw)
    return (
        data[:at]
        + b"x" * draw(st.sampled_from([201, 255, 1001, 4001, 10_001, 200_000]))
        + data[at:]
    )


def random_text(data: bytes, draw: st.DrawFn) -> bytes:
    return draw(st.text(max_size=200)).encode("utf-8", "surrogatepass")


def random_bytes(data: bytes, draw: st.DrawFn) -> bytes:
    return draw(st.binary(max_size=200))


# CSV-only spoilers -------------------------------------------------------------------------------


def semicolons(data: bytes, draw: st.DrawFn) -> bytes:
    return data.replace(b",", b";")


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def duplicate_column(data: bytes, draw: st.DrawFn) -> bytes:
    lines = _lines(data)
    names = lines[0].split(b",")
    lines[0] = lines[0] + b"," + draw(st.sampled_from(names))
    return b"\n".join(lines)


def unknown_column(data: bytes, draw: st.DrawFn) -> bytes:
    lines = _lines(data)
    lines[0] = (
        lines[0] + b"," + draw(st.sampled_from([b"colour", b"e-mail", b"Name ", b"", b"x" * 300]))
    )
    return b"\n".join(lines)


def header_only(data: bytes, draw: st.DrawFn) -> bytes:
    return _lines(data)[0] + draw(st.sampled_from([b"", b"\n", b"\r\n", b"\n\n\n"]))


def extra_cells(data: bytes, draw: st.DrawFn) -> bytes:
    lines = _lines(data)
    index = draw(st.integers(1, max(1, len(lines) - 1)))
    if index < len(lines):
        lines[index] = lines[index] + b",extra,cells"
    return b"\n".join(lines)


def bad_cell(data: bytes, draw: st.DrawFn) -> bytes:
    """One cell of a data row replaced by a number out of bounds, a long text or a wrong kind."""
    lines = _lines(data)
    index = draw(st.integers(1, max(1, len(lines) - 1)))
    if index >= len(lines):
        return data
    cells = lines[index].split(b",")
    column = draw(st.integers(0, len(cells) - 1))
    cells[column] = draw(
        st.sampled_from(
            [*CSV_NUMBERS, b"", b"x" * 5000, b'"', b"a@b", b"9999-99-99", b"0000-01-01"]
        )
    )
    lines[index] = b",".join(cells)
    return b"\n".join(lines)


# TOML-only spoilers ------------------------------------------------------------------------------


def bad_number(data: bytes, draw: st.DrawFn) -> bytes:
    """A number (or a value that should be one) replaced by NaN, infinity or a huge number."""
    spots = [m.start(1) for m in re.finditer(rb"= *(-?\d[\d.]*)", data)]
    spots += [m.start(1) for m in re.finditer(rb'= *("[^"\n]*")', data)]
    if not spots:
        return data + b"\nextra = " + draw(st.sampled_from(NUMBERS))
    at = draw(st.sampled_from(spots))
    end = at + len(re.match(rb'(-?\d[\d.]*|"[^"\n]*")', data[at:]).group(0))
    return data[:at] + draw(st.sampled_from(NUMBERS)) + data[end:]


def deep_nesting(data: bytes, draw: st.DrawFn) -> bytes:
    depth = draw(st.sampled_from([25, 100, 1000, 50_000]))
    shape = draw(st.sampled_from(["array", "table", "dotted"]))
    if shape == "array":
        value = b"[" * depth + b"1" + b"]" * depth
        return data + b"\ndeep = " + value + b"\n"
    if shape == "table":
        value = b"{a = " * depth + b"1" + b"}" * depth
        return data + b"\ndeep = " + value + b"\n"
    return data + b"\n" + b".".join([b"deep"] * min(depth, 2000)) + b" = 1\n"


def wrong_type(data: bytes, draw: st.DrawFn) -> bytes:
    """A value swapped for one of another kind: a table, a list, a boolean, a date."""
    spots = list(re.finditer(rb"^([a-z_]+) = (.+)$", data, re.MULTILINE))
    if not spots:
        return data
    spot = draw(st.sampled_from(spots))
    value = draw(
        st.sampled_from(
            [b"{}", b"[]", b"true", b"1979-05-27", b"[1, 2]", b'{ x = "y" }', b'""', b"-1", b"0"]
        )
    )
    return data[: spot.start(2)] + value + data[spot.end(2) :]


COMMON: list[Mutation] = [
    nul,
    not_utf8,
    utf16,
    latin1,
    cr_only,
    crlf,
    bom,
    truncate,
    empty,
    splice,
    delete,
    long_field,
    random_text,
    random_bytes,
]
CSV: list[Mutation] = [
    *COMMON,
    semicolons,
    duplicate_column,
    unknown_column,
    header_only,
    extra_cells,
    bad_cell,
    bad_cell,
]
TOML: list[Mutation] = [*COMMON, bad_number, bad_number, deep_nesting, wrong_type, wrong_type]


@st.composite
def spoiled(draw: st.DrawFn, good: bytes, mutations: list[Mutation]) -> bytes:
    """`good` after one to three of `mutations`."""
    data = good
    for mutation in draw(st.lists(st.sampled_from(mutations), min_size=1, max_size=3)):
        data = mutation(data, draw)
    return data


def csv_files(good: bytes) -> st.SearchStrategy[bytes]:
    return spoiled(good, CSV)


def toml_files(good: bytes) -> st.SearchStrategy[bytes]:
    return spoiled(good, TOML)


# The parsers under test, each from a good file of its own -----------------------------------------

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "docs" / "examples"
GOOD_PEOPLE = (
    b"email,name,roles,manager_email,team,time_zone\n"
    b"maria@acme.test,Maria Lopez,coach,,People,Europe/Madrid\n"
    b"sam@acme.test,Sam Patel,coachee;sponsor,maria@acme.test,Sales,America/New_York\n"
    b"lee@acme.test,Lee Kim,coachee,sam@acme.test,Sales,\n"
)
GOOD_EVENTS = (
    b"email,type,date,title,notes\n"
    b"bob@acme.test,promotion_decision,2026-04-01,Panel,Went well\n"
    b"bob@acme.test,offer,2026-04-02,,\n"
)


def parse_people(data: bytes) -> object:
    """The people parser reports instead of raising: turn its report into the shared error."""
    from trellis.core.datafiles import DataFileError, Problem
    from trellis.core.people_csv import parse_people_csv

    parsed = parse_people_csv(data, "people.csv")
    if parsed.errors:
        # Each error is already "people.csv: where: expected ..."; keep them as they read.
        raise DataFileError([Problem("people.csv", "", error) for error in parsed.errors])
    return parsed


def parse_framework(data: bytes) -> object:
    from trellis.core.frameworks import parse_framework as parse

    return parse(data, "framework.toml")


def parse_rules(data: bytes) -> object:
    from trellis.core.matching import parse_rules as parse

    return parse(data, "rules.toml")


def parse_participants(data: bytes) -> object:
    from trellis.core.matching import load_rules
    from trellis.core.matching import parse_participants as parse

    return parse(data, load_rules(EXAMPLES / "matching" / "rules.toml"), source="people.csv")


def parsers() -> dict[str, tuple[Callable[[bytes], object], st.SearchStrategy[bytes], str]]:
    """name -> (parse, strategy of spoiled files, the file name every problem must start with)."""
    return {
        "people CSV": (parse_people, csv_files(GOOD_PEOPLE), "people.csv"),
        "framework TOML": (
            parse_framework,
            toml_files((EXAMPLES / "frameworks" / "star-check-in.toml").read_bytes()),
            "framework.toml",
        ),
        "matching rules TOML": (
            parse_rules,
            toml_files((EXAMPLES / "matching" / "rules.toml").read_bytes()),
            "rules.toml",
        ),
        "matching participants CSV": (
            parse_participants,
            csv_files((EXAMPLES / "matching" / "participants.csv").read_bytes()),
            "people.csv",
        ),
    }


def outcome(parse: Callable[[bytes], object], data: bytes, source: str) -> str:
    """ "accepted" or "refused" (our error, every problem naming the file and saying what was
    expected); anything else, another exception included, fails with an AssertionError."""
    from trellis.core.datafiles import DataFileError

    try:
        parse(data)
    except DataFileError as exc:
        assert exc.problems, "an error without problems"
        for problem in exc.problems:
            text = str(problem)
            assert text.startswith(source + ": "), text
            assert "expected " in text, text
        assert len(exc.messages()) <= 101
        return "refused"
    return "accepted"
