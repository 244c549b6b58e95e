"""Parse and check a people CSV (email, name, roles, manager email, team, time zone).

Every problem is reported with its line number, the column and what was expected; the caller imports
nothing unless the whole file is clean.
"""

import csv
import io
import re
from dataclasses import dataclass
from zoneinfo import available_timezones

REQUIRED_COLUMNS = ("email", "name", "roles")
OPTIONAL_COLUMNS = ("manager_email", "team", "time_zone")
KNOWN_ROLES = ("admin", "coach", "coachee", "sponsor")
ROLE_ALIASES = {"owner": "admin"}
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

MISSING_COLUMNS = "line 1: missing column(s) {columns}; expected a header with email, name, roles and optionally manager_email, team, time_zone"
EMPTY_FILE = "the file is empty: expected a header line and at least one person"
BAD_EMAIL = "line {line}, email: {value!r} is not an email address"
DUPLICATE_EMAIL = "line {line}, email: {value} appears again (first on line {first})"
NO_NAME = "line {line}, name: expected the person's name, got nothing"
NO_ROLES = "line {line}, roles: expected one or more of admin, coach, coachee, sponsor (separated by ; or |)"
BAD_ROLE = "line {line}, roles: {value!r} is not a role; expected admin, coach, coachee or sponsor"
BAD_MANAGER_EMAIL = "line {line}, manager_email: {value!r} is not an email address"
SELF_MANAGER = "line {line}, manager_email: a person cannot be their own manager"
BAD_TIME_ZONE = "line {line}, time_zone: {value!r} is not a time zone; expected an IANA name such as Europe/London"
MANAGER_CYCLE = "line {line}, manager_email: {value} leads to a reporting loop ({chain})"
ENCODING = "the file is not UTF-8 text"


@dataclass(frozen=True)
class PersonRow:
    line: int
    email: str
    name: str
    roles: tuple[str, ...]
    manager_email: str
    team: str
    time_zone: str


@dataclass(frozen=True)
class ParsedPeople:
    rows: tuple[PersonRow, ...]
    errors: tuple[str, ...]


def _header_key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


_ZONES: frozenset[str] | None = None


def _is_zone(name: str) -> bool:
    global _ZONES
    if _ZONES is None:
        _ZONES = frozenset(available_timezones())
    return name in _ZONES


def parse_people_csv(data: bytes | str) -> ParsedPeople:
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return ParsedPeople((), (ENCODING,))
    reader = csv.reader(io.StringIO(data))
    try:
        header = [_header_key(h) for h in next(reader)]
    except StopIteration:
        return ParsedPeople((), (EMPTY_FILE,))
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        return ParsedPeople((), (MISSING_COLUMNS.format(columns=", ".join(missing)),))

    rows: list[PersonRow] = []
    errors: list[str] = []
    first_line: dict[str, int] = {}
    for line, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        record = {
            key: (values[i].strip() if i < len(values) else "") for i, key in enumerate(header)
        }
        row_errors = _check_row(line, record, first_line)
        errors.extend(row_errors)
        if not row_errors:
            rows.append(_to_row(line, record))
    if not rows and not errors:
        errors.append(EMPTY_FILE)
    errors.extend(_manager_cycles(rows))
    return ParsedPeople(tuple(rows), tuple(errors))


def _split_roles(value: str) -> list[str]:
    return [r.strip().lower() for r in re.split(r"[;|,/]", value) if r.strip()]


def _check_row(line: int, record: dict[str, str], first_line: dict[str, int]) -> list[str]:
    errors = []
    email = record.get("email", "").lower()
    if not EMAIL_RE.match(email):
        errors.append(BAD_EMAIL.format(line=line, value=record.get("email", "")))
    elif email in first_line:
        errors.append(DUPLICATE_EMAIL.format(line=line, value=email, first=first_line[email]))
    else:
        first_line[email] = line
    if not record.get("name"):
        errors.append(NO_NAME.format(line=line))
    roles = _split_roles(record.get("roles", ""))
    if not roles:
        errors.append(NO_ROLES.format(line=line))
    for role in roles:
        if ROLE_ALIASES.get(role, role) not in KNOWN_ROLES:
            errors.append(BAD_ROLE.format(line=line, value=role))
    manager = record.get("manager_email", "").lower()
    if manager and not EMAIL_RE.match(manager):
        errors.append(BAD_MANAGER_EMAIL.format(line=line, value=record.get("manager_email", "")))
    elif manager and manager == email:
        errors.append(SELF_MANAGER.format(line=line))
    zone = record.get("time_zone", "")
    if zone and not _is_zone(zone):
        errors.append(BAD_TIME_ZONE.format(line=line, value=zone))
    return errors


def _to_row(line: int, record: dict[str, str]) -> PersonRow:
    roles = []
    for role in _split_roles(record["roles"]):
        role = ROLE_ALIASES.get(role, role)
        if role not in roles:
            roles.append(role)
    return PersonRow(
        line=line,
        email=record["email"].lower(),
        name=record["name"],
        roles=tuple(roles),
        manager_email=record.get("manager_email", "").lower(),
        team=record.get("team", ""),
        time_zone=record.get("time_zone", "") or "UTC",
    )


def _manager_cycles(rows: list[PersonRow]) -> list[str]:
    manager_of = {row.email: row.manager_email for row in rows if row.manager_email}
    line_of = {row.email: row.line for row in rows}
    errors, reported = [], set()
    for start in manager_of:
        chain, seen = [start], {start}
        current = manager_of.get(start)
        while current and current not in seen:
            chain.append(current)
            seen.add(current)
            current = manager_of.get(current)
        if current == start and start not in reported:
            reported.update(chain)
            errors.append(
                MANAGER_CYCLE.format(
                    line=line_of[start], value=manager_of[start], chain=" -> ".join([*chain, start])
                )
            )
    return errors
