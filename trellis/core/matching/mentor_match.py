"""The folder layout of the mentor-match package, so that teams using it can move over unchanged.

In: `mentors.csv` and `mentees.csv`, columns first name, last name, email, role (the job),
organisation, grade (a whole number, higher is more senior) and profession; extra columns are kept
as attributes the rules may compare. Out: `mentors-list.csv` and `mentees-list.csv` in the layout
mentor-match exports (each person, then `match N <column>` for each partner), and `matches.csv`
with Trellis's scores, explanations and reasons.
"""

from __future__ import annotations

from pathlib import Path

from .model import MatchResult, Participant, Roster, Rules
from .output import csv_text, matches_rows, write_files
from .participants import build_roster, read_records
from .problems import ParticipantsError, Problem

LAYOUT = ("email", "first_name", "last_name", "role", "organisation", "grade", "profession")
EXPORT_KEYS = ("email", "first name", "last name", "role", "organisation", "grade", "profession")
FILES = ("mentors.csv", "mentees.csv")
NEEDS_BIPARTITE = 'shape = "bipartite" (the mentor-match layout has two sides)'
MISSING_COLUMNS = "the column(s) {columns}"
FOUND_MISSING = "a header without them"
EXPECTED_GRADE = "a whole number"
MISSING_FILE = "mentors.csv and mentees.csv in {folder}"
FOUND_NO_FILE = "no such file"


def read_mentor_match_folder(folder: str | Path, rules: Rules) -> Roster:
    """Mentors (left side) and mentees (right side); raises ParticipantsError for any bad row."""
    folder = Path(folder)
    if rules.is_peer:
        raise ParticipantsError([Problem(rules.source, "shape", NEEDS_BIPARTITE, '"peer"')])
    missing_files = [name for name in FILES if not (folder / name).is_file()]
    if missing_files:
        raise ParticipantsError(
            [
                Problem(name, "", MISSING_FILE.format(folder=folder), FOUND_NO_FILE)
                for name in missing_files
            ]
        )
    problems: list[Problem] = []
    people: list[Participant] = []
    for name, side in zip(FILES, rules.sides, strict=True):
        header, records = read_records(folder / name)
        needed = ["email", "grade", *(c for crit in rules.criteria for c in crit.columns)]
        absent = sorted({c for c in needed if c not in header}, key=needed.index)
        if absent:
            problems.append(
                Problem(
                    name, "line 1", MISSING_COLUMNS.format(columns=", ".join(absent)), FOUND_MISSING
                )
            )
            continue
        bad_grades = set()
        for record in records:
            grade = record.cells.get("grade", "")
            digits = grade.removeprefix("-")
            if not (digits.isascii() and digits.isdigit() and len(digits) <= 15):
                bad_grades.add(f"line {record.line}, grade")
                problems.append(
                    Problem(
                        name,
                        f"line {record.line}, grade",
                        EXPECTED_GRADE,
                        f'"{grade}"' if grade else "nothing",
                    )
                )
        try:
            roster = build_roster(name, records, rules, id_column="email", side=side)
        except ParticipantsError as error:
            # A grade that is not a whole number was reported above already.
            problems.extend(p for p in error.problems if p.where not in bad_grades)
            continue
        people.extend(roster.left if side == rules.sides[0] else roster.right)
    if problems:
        raise ParticipantsError(problems)
    return Roster(
        left=tuple(p for p in people if p.side == rules.sides[0]),
        right=tuple(p for p in people if p.side == rules.sides[1]),
    )


def _core(person: Participant) -> list[str]:
    return [person.attributes.get(key, "") for key in LAYOUT]


def _export_rows(
    people: tuple[Participant, ...], partners: dict[str, list[Participant]]
) -> list[list[str]]:
    most = max((len(partners.get(p.id, [])) for p in people), default=0)
    header = list(EXPORT_KEYS)
    for number in range(1, most + 1):
        header.extend(f"match {number} {key}" for key in EXPORT_KEYS)
    rows = [header]
    for person in people:
        row = _core(person)
        for partner in partners.get(person.id, []):
            row.extend(_core(partner))
        rows.append(row + [""] * (len(header) - len(row)))
    return rows


def write_mentor_match_folder(
    result: MatchResult, roster: Roster, folder: str | Path
) -> list[Path]:
    """Write mentors-list.csv, mentees-list.csv and matches.csv into the folder; all or nothing."""
    folder = Path(folder)
    mentees_of: dict[str, list[Participant]] = {}
    mentors_of: dict[str, list[Participant]] = {}
    for match in result.matches:
        mentees_of.setdefault(match.left.id, []).append(match.right)
        mentors_of.setdefault(match.right.id, []).append(match.left)
    files = {
        folder / "mentors-list.csv": csv_text(_export_rows(roster.left, mentees_of)),
        folder / "mentees-list.csv": csv_text(_export_rows(roster.right, mentors_of)),
        folder / "matches.csv": csv_text(matches_rows(result)),
    }
    write_files(files)
    return list(files)
