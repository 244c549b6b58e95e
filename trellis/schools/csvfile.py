"""Parse and check a schools CSV: who works at which school, as what, teaching which grades and
subjects. Columns: email, school, role (teacher, principal or coach), grades, subjects (lists
separated by ; or |), and optionally code (the school's own code) and name (the person's name,
used when the import makes them a member).

Read by the shared CSV reader (trellis.core.datafiles): every problem is `file: line N, column:
expected ..., found ...`; the caller imports nothing unless the whole file is clean. Pure Python
(no Django): the import service checks the emails against the organization's members."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from trellis.core.datafiles import (
    MAX_BYTES,
    Check,
    DataFileError,
    DataModel,
    OneOf,
    Problem,
    Text,
    expected,
    read_csv,
    rows_as,
)

REQUIRED_COLUMNS = ("email", "school", "role")
OPTIONAL_COLUMNS = ("grades", "subjects", "code", "name")
ROLES = ("teacher", "principal", "coach")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
GRADE_RE = re.compile(r"^(PK|K|[1-9]|1[0-2])$", re.IGNORECASE)
MAX_SCHOOL = 150
MAX_SUBJECT = 80
MAX_ITEMS = 15

EXPECTED_EMAIL = "an email address (at most 254 characters)"
EXPECTED_ROLE = "teacher, principal or coach"
EXPECTED_GRADES = "grades PK, K or 1 to 12, separated by ; or |"
EXPECTED_SUBJECTS = f"subjects of at most {MAX_SUBJECT} characters, separated by ; or |"
EXPECTED_ONCE = "each person once per school and role"
FOUND_AGAIN = "{value} again (first on line {first})"
EXPECTED_NO_GRADES = "no grades or subjects for a {role} (only teachers have them)"
EXPECTED_ONE_SCHOOL = "one school per teacher"
FOUND_OTHER_SCHOOL = "{school} (line {first} names {other})"


def _email(value: Any) -> str:
    if not isinstance(value, str) or len(value) > 254 or not EMAIL_RE.match(value):
        raise expected(EXPECTED_EMAIL)
    return value.lower()


def _split(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;|]", value) if part.strip()]


def _grades(value: Any) -> tuple[str, ...]:
    found: list[str] = []
    for grade in _split(value if isinstance(value, str) else ""):
        if not GRADE_RE.match(grade):
            raise expected(EXPECTED_GRADES, f"{grade[:20]!r}, which is not a grade")
        grade = grade.upper()
        if grade not in found:
            found.append(grade)
    if len(found) > MAX_ITEMS:
        raise expected(EXPECTED_GRADES, f"{len(found)} grades")
    return tuple(found)


def _subjects(value: Any) -> tuple[str, ...]:
    found: list[str] = []
    for subject in _split(value if isinstance(value, str) else ""):
        if len(subject) > MAX_SUBJECT:
            raise expected(EXPECTED_SUBJECTS, f"a subject of {len(subject)} characters")
        if subject not in found:
            found.append(subject)
    if len(found) > MAX_ITEMS:
        raise expected(EXPECTED_SUBJECTS, f"{len(found)} subjects")
    return tuple(found)


class SchoolPersonFields(DataModel):
    """One row of a schools CSV; each field is a column."""

    email: Annotated[str, Check(EXPECTED_EMAIL, _email)]
    school: Annotated[str, Text(MAX_SCHOOL, what="the school's name")]
    role: Annotated[str, OneOf(*ROLES, what=EXPECTED_ROLE)]
    grades: Annotated[tuple[str, ...], Check(EXPECTED_GRADES, _grades)] = ()
    subjects: Annotated[tuple[str, ...], Check(EXPECTED_SUBJECTS, _subjects)] = ()
    code: Annotated[str, Text(40)] = ""
    name: Annotated[str, Text(150, what="the person's name")] = ""


@dataclass(frozen=True)
class SchoolRow:
    line: int
    email: str
    school: str
    role: str
    grades: tuple[str, ...]
    subjects: tuple[str, ...]
    code: str
    name: str = ""


@dataclass(frozen=True)
class ParsedSchools:
    rows: tuple[SchoolRow, ...]
    errors: tuple[str, ...]


def parse_schools_csv(
    data: bytes | str, source: str = "schools.csv", *, max_bytes: int | None = MAX_BYTES
) -> ParsedSchools:
    """Every valid row, and every problem as `source: line N, column: expected ..., found ...`."""
    try:
        table = read_csv(
            data,
            source,
            required=REQUIRED_COLUMNS,
            known=(*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS),
            max_bytes=max_bytes,
        )
    except DataFileError as exc:
        return ParsedSchools((), tuple(str(problem) for problem in exc.problems))
    problems: list[Problem] = []
    checked = rows_as(SchoolPersonFields, table, problems=problems)
    rows = [
        SchoolRow(
            line=row.line,
            email=fields.email,
            school=fields.school.strip(),
            role=fields.role,
            grades=fields.grades,
            subjects=fields.subjects,
            code=fields.code.strip(),
            name=fields.name.strip(),
        )
        for row, fields in checked
    ]
    seen: dict[tuple[str, str, str], int] = {}
    teaching: dict[str, tuple[str, int]] = {}
    for row in rows:
        key = (row.email, row.school.lower(), row.role)
        if key in seen:
            found = FOUND_AGAIN.format(value=row.email, first=seen[key])
            problems.append(Problem(source, f"line {row.line}, email", EXPECTED_ONCE, found))
        seen.setdefault(key, row.line)
        if row.role != "teacher" and (row.grades or row.subjects):
            what = EXPECTED_NO_GRADES.format(role=row.role)
            column = "grades" if row.grades else "subjects"
            problems.append(Problem(source, f"line {row.line}, {column}", what, "some"))
        if row.role == "teacher":
            other = teaching.setdefault(row.email, (row.school, row.line))
            if other[0].lower() != row.school.lower():
                found = FOUND_OTHER_SCHOOL.format(school=row.school, first=other[1], other=other[0])
                problems.append(
                    Problem(source, f"line {row.line}, school", EXPECTED_ONE_SCHOOL, found)
                )
    problems.sort(key=lambda problem: _line_number(problem.where))
    return ParsedSchools(tuple(rows), tuple(str(p) for p in problems))


def _line_number(where: str) -> int:
    match = re.match(r"line (\d+)", where)
    return int(match.group(1)) if match else 0
