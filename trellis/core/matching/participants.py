"""Read participants from CSV, checking every row against the rules before anything is matched.

The participants file has one row per person (per side, in bipartite runs):

    id (or email), name (or first name + last name), role (bipartite: one of the rules' sides),
    capacity (optional), manager (optional id), previous and exclude (optional ids separated by ;),
    and one column per attribute the criteria compare. Lists (overlap, offers and needs, languages)
    are values separated by ";".

The file is read by the shared CSV reader (trellis.core.datafiles): UTF-8 with or without a BOM,
comma, semicolon or tab separated, any line ending. Columns beyond the ones named here are kept
as attributes (the rules may compare them, the output shows them), so no column is "unknown".
Every fault is reported with its line and column; a file with any fault gives no participants.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

from trellis.core.datafiles import MAX_NUMBER, DataFileError, Row, read_csv

from .model import Kind, Participant, Roster, Rules
from .problems import ParticipantsError, Problem
from .timezones import EXPECTED_TIMEZONE, parse_timezone

LIST_SEPARATORS = (";", "|")
ID_COLUMNS = ("id", "email")

MAX_CAPACITY = 10_000
EXPECTED_READABLE = "a file that can be read"
MISSING_COLUMNS = "the column(s) {columns}"
FOUND_MISSING = "a header without them"
EXPECTED_ID = "an id"
EXPECTED_UNIQUE = "each {column} once on a side"
FOUND_AGAIN = '"{value}" again (first on line {first})'
EXPECTED_ROLE = "one of {sides}"
EXPECTED_CAPACITY = f"a whole number from 0 to {MAX_CAPACITY}"
EXPECTED_NUMBER = f"a number from -{MAX_NUMBER:.0e} to {MAX_NUMBER:.0e}"
EXPECTED_NO_LOOP = "a reporting line without loops"

Record = Row  # one CSV row: its line number and its cells keyed by normalised column name


def read_participants(path: str | Path, rules: Rules) -> Roster:
    """Read a participants CSV; raises ParticipantsError listing every problem (by line and column)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        found = exc.strerror or str(exc)
        raise ParticipantsError([Problem(path.name, "", EXPECTED_READABLE, found)]) from None
    return parse_participants(data, rules, source=path.name)


def parse_participants(data: bytes | str, rules: Rules, *, source: str = "people.csv") -> Roster:
    """Participants from a CSV file's bytes or text; raises ParticipantsError listing every
    problem (by line and column)."""
    header, records = records_from_text(data, source)
    problems = required_columns(source, header, rules, need_role=not rules.is_peer)
    if problems:
        raise ParticipantsError(problems)
    id_column = "id" if "id" in header else "email"
    return build_roster(source, records, rules, id_column=id_column)


def read_records(path: Path) -> tuple[list[str], list[Record]]:
    """The normalised header and the non-blank rows of a CSV file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        found = exc.strerror or str(exc)
        raise ParticipantsError([Problem(path.name, "", EXPECTED_READABLE, found)]) from None
    return records_from_text(data, path.name)


def records_from_text(data: bytes | str, source: str) -> tuple[list[str], list[Record]]:
    try:
        table = read_csv(data, source, max_bytes=None, error=ParticipantsError)
    except DataFileError as exc:
        raise ParticipantsError(exc.problems) from None
    return list(table.header), list(table.rows)


def attribute_columns(rules: Rules) -> list[str]:
    columns: list[str] = []
    for criterion in rules.criteria:
        columns.extend(c for c in criterion.columns if c not in columns)
    return columns


def required_columns(
    source: str, header: list[str], rules: Rules, *, need_role: bool
) -> list[Problem]:
    missing = [] if any(c in header for c in ID_COLUMNS) else ["id (or email)"]
    if need_role and "role" not in header:
        missing.append("role")
    missing.extend(c for c in attribute_columns(rules) if c not in header)
    if not missing:
        return []
    what = MISSING_COLUMNS.format(columns=", ".join(missing))
    return [Problem(source, "line 1", what, FOUND_MISSING)]


def split_list(value: str) -> list[str]:
    for separator in LIST_SEPARATORS[1:]:
        value = value.replace(separator, LIST_SEPARATORS[0])
    return [item.strip() for item in value.split(LIST_SEPARATORS[0]) if item.strip()]


def build_roster(
    source: str,
    records: Iterable[Record],
    rules: Rules,
    *,
    id_column: str,
    side: str | None = None,
    problems: list[Problem] | None = None,
) -> Roster:
    """Participants from checked records. `side` fixes the side (one file per side)."""
    problems = [] if problems is None else problems
    records = list(records)
    people = [
        p for r in records if (p := _participant(source, r, rules, id_column, side, problems))
    ]
    problems.extend(_duplicates(source, records, rules, id_column, side))
    problems.extend(_reporting_loops(source, people))
    if problems:
        raise ParticipantsError(problems)
    if rules.is_peer:
        return Roster(left=tuple(people))
    left = tuple(p for p in people if p.side == rules.sides[0])
    right = tuple(p for p in people if p.side == rules.sides[1])
    return Roster(left=left, right=right)


def _participant(
    source: str,
    record: Record,
    rules: Rules,
    id_column: str,
    fixed_side: str | None,
    problems: list[Problem],
) -> Participant | None:
    cells, line = record.cells, record.line
    before = len(problems)

    def fault(column: str, what: str, value: str) -> None:
        found = f'"{value}"' if value else "nothing"
        problems.append(Problem(source, f"line {line}, {column}", what, found))

    ident = cells.get(id_column, "")
    if id_column == "email":
        ident = ident.lower()
    if not ident:
        fault(id_column, EXPECTED_ID, "")
    side = fixed_side or ("person" if rules.is_peer else cells.get("role", "").lower())
    if not rules.is_peer and side not in rules.sides:
        fault("role", EXPECTED_ROLE.format(sides=" or ".join(rules.sides)), cells.get("role", ""))
    capacity = rules.capacity.get(side, 1)
    raw_capacity = cells.get("capacity", "")
    if raw_capacity and not rules.is_peer:
        if (
            len(raw_capacity) <= 6
            and raw_capacity.isascii()
            and raw_capacity.isdigit()
            and int(raw_capacity) <= MAX_CAPACITY
        ):
            capacity = int(raw_capacity)
        else:
            fault("capacity", EXPECTED_CAPACITY, raw_capacity)
    for criterion in rules.criteria:
        value = cells.get(criterion.attribute, "")
        if criterion.kind is Kind.DIFFERENCE and value and _number(value) is None:
            fault(criterion.attribute, EXPECTED_NUMBER, value)
        if criterion.kind is Kind.TIMEZONE and value and parse_timezone(value) is None:
            fault(criterion.attribute, EXPECTED_TIMEZONE, value)
    if len(problems) > before:
        return None
    name = cells.get("name") or " ".join(
        part for part in (cells.get("first_name", ""), cells.get("last_name", "")) if part
    )
    return Participant(
        id=ident,
        name=name or ident,
        side=side,
        capacity=capacity,
        line=line,
        manager=cells.get("manager", "").lower()
        if id_column == "email"
        else cells.get("manager", ""),
        previous=frozenset(_ids(cells.get("previous", ""), id_column)),
        exclude=frozenset(_ids(cells.get("exclude", ""), id_column)),
        attributes=dict(cells),
    )


def _ids(value: str, id_column: str) -> list[str]:
    ids = split_list(value)
    return [i.lower() for i in ids] if id_column == "email" else ids


def _number(value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) and abs(number) <= MAX_NUMBER else None


def _duplicates(
    source: str, records: list[Record], rules: Rules, id_column: str, side: str | None
) -> list[Problem]:
    # A person may sign up on both sides; within a side an id is unique.
    first: dict[tuple[str, str], int] = {}
    problems = []
    for record in records:
        ident = record.cells.get(id_column, "")
        ident = ident.lower() if id_column == "email" else ident
        if not ident:
            continue
        own_side = side or ("" if rules.is_peer else record.cells.get("role", "").lower())
        key = (own_side, ident)
        if key in first:
            problems.append(
                Problem(
                    source,
                    f"line {record.line}, {id_column}",
                    EXPECTED_UNIQUE.format(column=id_column),
                    FOUND_AGAIN.format(value=ident, first=first[key]),
                )
            )
        else:
            first[key] = record.line
    return problems


def _reporting_loops(source: str, people: list[Participant]) -> list[Problem]:
    manager_of: dict[str, str] = {}
    line_of: dict[str, int] = {}
    for person in people:
        if person.manager and person.id not in manager_of:
            manager_of[person.id] = person.manager
            line_of[person.id] = person.line
    problems, reported = [], set()
    for start in manager_of:
        chain, seen, current = [start], {start}, manager_of.get(start)
        while current and current not in seen:
            chain.append(current)
            seen.add(current)
            current = manager_of.get(current)
        if current == start and start not in reported:
            reported.update(chain)
            problems.append(
                Problem(
                    source,
                    f"line {line_of[start]}, manager",
                    EXPECTED_NO_LOOP,
                    " -> ".join([*chain, start]),
                )
            )
    return problems
