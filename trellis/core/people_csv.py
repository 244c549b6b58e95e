"""Parse and check a people CSV (email, name, roles, manager email, team, time zone, whether they
are active (`yes` or `no`; `no` deactivates a member), who takes over their coachees
(`hand_over_to`), and the organization's own attributes as `attribute:<name>` columns, e.g.
`attribute:department`).

A row schema read by the shared CSV reader (trellis.core.datafiles): every problem is reported
as `file: line N, column: expected ..., found ...`; the caller imports nothing unless the whole
file is clean. Semicolon-separated files (Excel in many locales), any line ending and a BOM are
read; unknown and duplicate columns are refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Annotated, Any
from zoneinfo import available_timezones

from trellis.core.datafiles import (
    MAX_BYTES,
    Check,
    DataFileError,
    DataModel,
    Problem,
    Row,
    Text,
    expected,
    read_csv,
    rows_as,
)

REQUIRED_COLUMNS = ("email", "name", "roles")
OPTIONAL_COLUMNS = ("manager_email", "team", "time_zone", "active", "hand_over_to")
KNOWN_ROLES = ("admin", "coach", "coachee", "sponsor")
ROLE_ALIASES = {"owner": "admin"}
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_EMAIL = 254  # RFC 5321
MAX_NAME = 150  # the account's name field
MAX_TEAM = 120  # the team's name field
ATTRIBUTE_PREFIX = "attribute:"
ATTRIBUTE_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_ATTRIBUTES = 20
MAX_ATTRIBUTE_VALUE = 120

EXPECTED_EMAIL = f"an email address (at most {MAX_EMAIL} characters)"
EXPECTED_NAME = "the person's name"
EXPECTED_ROLES = "one or more of admin, coach, coachee, sponsor (separated by ; or |)"
EXPECTED_ZONE = "an IANA time zone such as Europe/London"
EXPECTED_ACTIVE = "yes or no (blank leaves it as it is)"
ACTIVE_WORDS = {"yes": True, "y": True, "true": True, "1": True}
ACTIVE_WORDS |= {"no": False, "n": False, "false": False, "0": False}
EXPECTED_HAND_OVER_ONLY = "blank unless active is no (only someone leaving hands over)"
EXPECTED_HAND_OVER_OTHER = "someone else's email (a person cannot hand over to themselves)"
EXPECTED_HAND_OVER_STAYING = "someone who stays (line {line} deactivates {email})"
EXPECTED_UNIQUE_EMAIL = "each email once"
FOUND_AGAIN = "{value} again (first on line {first})"
EXPECTED_OWN_MANAGER = "someone else's email (a person cannot be their own manager)"
EXPECTED_NO_LOOP = "a reporting line without loops"
EXPECTED_ATTRIBUTE_NAME = (
    "attribute:<name>, the name a letter then up to 39 letters, digits or underscores"
)
EXPECTED_FEW_ATTRIBUTES = f"at most {MAX_ATTRIBUTES} attribute columns"
EXPECTED_ATTRIBUTE_VALUE = f"a value of at most {MAX_ATTRIBUTE_VALUE} characters"


@dataclass(frozen=True)
class PersonRow:
    line: int
    email: str
    name: str
    roles: tuple[str, ...]
    manager_email: str
    team: str
    time_zone: str
    attributes: tuple[tuple[str, str], ...] = ()  # (name, value); a blank cell is left out
    active: bool | None = None  # None: left as it is
    hand_over_to: str = ""  # the coach who takes over a leaver's coachees


@dataclass(frozen=True)
class ParsedPeople:
    rows: tuple[PersonRow, ...]
    errors: tuple[str, ...]


_ZONES: frozenset[str] | None = None


def _is_zone(name: str) -> bool:
    global _ZONES
    if _ZONES is None:
        _ZONES = frozenset(available_timezones())
    return name in _ZONES


def _email(value: Any) -> str:
    if not isinstance(value, str) or len(value) > MAX_EMAIL or not EMAIL_RE.match(value):
        raise expected(EXPECTED_EMAIL)
    return value.lower()


def _split_roles(value: str) -> list[str]:
    return [r.strip().lower() for r in re.split(r"[;|,/]", value) if r.strip()]


def _roles(value: Any) -> tuple[str, ...]:
    roles: list[str] = []
    for role in _split_roles(value if isinstance(value, str) else ""):
        known = ROLE_ALIASES.get(role, role)
        if known not in KNOWN_ROLES:
            raise expected(
                "admin, coach, coachee or sponsor", f"{role[:40]!r}, which is not a role"
            )
        if known not in roles:
            roles.append(known)
    if not roles:
        raise expected(EXPECTED_ROLES)
    return tuple(roles)


def _active(value: Any) -> str:
    word = value.strip().lower() if isinstance(value, str) else ""
    if word not in ACTIVE_WORDS:
        raise expected(EXPECTED_ACTIVE, repr(str(value)[:40]))
    return "yes" if ACTIVE_WORDS[word] else "no"


def _zone(value: Any) -> str:
    if not isinstance(value, str) or not _is_zone(value):
        raise expected(EXPECTED_ZONE)
    return value


class PersonFields(DataModel):
    """One row of a people CSV; each field is a column."""

    email: Annotated[str, Check(EXPECTED_EMAIL, _email)]
    name: Annotated[str, Text(MAX_NAME, what=EXPECTED_NAME)]
    roles: Annotated[tuple[str, ...], Check(EXPECTED_ROLES, _roles)]
    manager_email: Annotated[str, Check(EXPECTED_EMAIL, _email)] = ""
    team: Annotated[str, Text(MAX_TEAM)] = ""
    time_zone: Annotated[str, Check(EXPECTED_ZONE, _zone)] = "UTC"
    active: Annotated[str, Check(EXPECTED_ACTIVE, _active)] = ""
    hand_over_to: Annotated[str, Check(EXPECTED_EMAIL, _email)] = ""


def parse_people_csv(
    data: bytes | str, source: str = "people.csv", *, max_bytes: int | None = MAX_BYTES
) -> ParsedPeople:
    """Every valid row, and every problem as `source: line N, column: expected ..., found ...`."""
    columns = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
    problems: list[Problem] = []
    try:
        table = read_csv(
            data,
            source,
            required=REQUIRED_COLUMNS,
            known=columns,
            also_known=lambda name: name.startswith(ATTRIBUTE_PREFIX),
            max_bytes=max_bytes,
        )
    except DataFileError as exc:
        return ParsedPeople((), tuple(str(problem) for problem in exc.problems))
    attribute_columns = [name for name in table.header if name.startswith(ATTRIBUTE_PREFIX)]
    problems.extend(_attribute_header_problems(source, table.header))
    if problems:
        return ParsedPeople((), tuple(str(p) for p in problems))
    problems.extend(_duplicates(source, table.rows))
    problems.extend(_attribute_value_problems(source, table.rows, attribute_columns))
    plain = [
        Row(row.line, {k: v for k, v in row.cells.items() if k not in attribute_columns})
        for row in table.rows
    ]
    checked = rows_as(PersonFields, replace(table, rows=tuple(plain)), problems=problems)
    cells_at = {row.line: row.cells for row in table.rows}
    rows = [
        _to_row(row.line, person, _attributes_of(cells_at[row.line], attribute_columns))
        for row, person in checked
    ]
    problems.extend(_own_managers(source, rows))
    problems.extend(_hand_overs(source, rows))
    problems.extend(_manager_cycles(source, rows))
    problems.sort(key=lambda problem: _line_number(problem.where))  # stable: columns keep order
    return ParsedPeople(tuple(rows), tuple(str(p) for p in problems))


def _line_number(where: str) -> int:
    match = re.match(r"line (\d+)", where)
    return int(match.group(1)) if match else 0


def _attribute_header_problems(source: str, header: tuple[str, ...]) -> list[Problem]:
    problems = []
    count = 0
    for column, name in enumerate(header, start=1):
        if not name.startswith(ATTRIBUTE_PREFIX):
            continue
        count += 1
        if not ATTRIBUTE_NAME_RE.match(name.removeprefix(ATTRIBUTE_PREFIX)):
            where = f"line 1, column {column}"
            problems.append(Problem(source, where, EXPECTED_ATTRIBUTE_NAME, repr(name[:60])))
    if count > MAX_ATTRIBUTES:
        problems.append(Problem(source, "line 1", EXPECTED_FEW_ATTRIBUTES, f"{count}"))
    return problems


def _attribute_value_problems(
    source: str, rows: Iterable[Row], columns: list[str]
) -> list[Problem]:
    return [
        Problem(
            source,
            f"line {row.line}, {name}",
            EXPECTED_ATTRIBUTE_VALUE,
            f"{len(row.cells.get(name, ''))} characters",
        )
        for row in rows
        for name in columns
        if len(row.cells.get(name, "").strip()) > MAX_ATTRIBUTE_VALUE
    ]


def _attributes_of(cells: Mapping[str, str], columns: list[str]) -> tuple[tuple[str, str], ...]:
    return tuple(
        (name.removeprefix(ATTRIBUTE_PREFIX), cells[name].strip())
        for name in columns
        if cells.get(name, "").strip()
    )


def _to_row(
    line: int, person: PersonFields, attributes: tuple[tuple[str, str], ...] = ()
) -> PersonRow:
    return PersonRow(
        line=line,
        email=person.email,
        name=person.name.strip(),
        roles=person.roles,
        manager_email=person.manager_email,
        team=person.team.strip(),
        time_zone=person.time_zone,
        attributes=attributes,
        active={"yes": True, "no": False}.get(person.active),
        hand_over_to=person.hand_over_to,
    )


def _duplicates(source: str, rows: Iterable[Row]) -> list[Problem]:
    first_line: dict[str, int] = {}
    problems = []
    for row in rows:
        email = row.cells.get("email", "").lower()
        if not EMAIL_RE.match(email):
            continue  # reported as not an email address
        if email in first_line:
            found = FOUND_AGAIN.format(value=email[:MAX_EMAIL], first=first_line[email])
            problems.append(
                Problem(source, f"line {row.line}, email", EXPECTED_UNIQUE_EMAIL, found)
            )
        first_line.setdefault(email, row.line)
    return problems


def _own_managers(source: str, rows: list[PersonRow]) -> list[Problem]:
    return [
        Problem(source, f"line {row.line}, manager_email", EXPECTED_OWN_MANAGER, row.manager_email)
        for row in rows
        if row.manager_email and row.manager_email == row.email
    ]


def _hand_overs(source: str, rows: list[PersonRow]) -> list[Problem]:
    """Only a leaver hands over, to someone else who is not leaving in the same file."""
    leaving = {row.email: row.line for row in rows if row.active is False}
    problems = []
    for row in rows:
        if not row.hand_over_to:
            continue
        where = f"line {row.line}, hand_over_to"
        if row.active is not False:
            problems.append(Problem(source, where, EXPECTED_HAND_OVER_ONLY, row.hand_over_to))
        elif row.hand_over_to == row.email:
            problems.append(Problem(source, where, EXPECTED_HAND_OVER_OTHER, row.hand_over_to))
        elif row.hand_over_to in leaving:
            what = EXPECTED_HAND_OVER_STAYING.format(
                line=leaving[row.hand_over_to], email=row.hand_over_to
            )
            problems.append(Problem(source, where, what, row.hand_over_to))
    return problems


def _manager_cycles(source: str, rows: list[PersonRow]) -> list[Problem]:
    manager_of = {
        row.email: row.manager_email
        for row in rows
        if row.manager_email and row.manager_email != row.email
    }
    line_of = {row.email: row.line for row in rows}
    problems, reported = [], set()
    for start in manager_of:
        chain, seen = [start], {start}
        current = manager_of.get(start)
        while current and current not in seen:
            chain.append(current)
            seen.add(current)
            current = manager_of.get(current)
        if current == start and start not in reported:
            reported.update(chain)
            where = f"line {line_of[start]}, manager_email"
            problems.append(Problem(source, where, EXPECTED_NO_LOOP, " -> ".join([*chain, start])))
    return problems
