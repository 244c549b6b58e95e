"""Participants files, in Trellis's layout and in mentor-match's: every fault per row, nothing half-read."""

from pathlib import Path

import pytest

from trellis.core.matching import (
    ParticipantsError,
    load_rules,
    parse_rules,
    read_mentor_match_folder,
    read_participants,
)

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples" / "matching"
RULES = parse_rules(
    """
    [capacity]
    mentor = 2
    [[criteria]]
    kind = "difference"
    attribute = "grade"
    operator = ">="
    target = 1
    weight = "must"
    [[criteria]]
    kind = "timezone"
    max_gap = 3
    weight = "must"
    [[criteria]]
    kind = "overlap"
    attribute = "topics"
    """
)
HEADER = "id,name,role,grade,timezone,topics,capacity,manager,previous,exclude\n"


def write(tmp_path: Path, text: str, name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def faults(path: Path, rules=RULES) -> list[str]:
    with pytest.raises(ParticipantsError) as caught:
        read_participants(path, rules)
    return [str(problem) for problem in caught.value.problems]


def test_it_reads_the_example_participants():
    rules = load_rules(EXAMPLES / "rules.toml")
    roster = read_participants(EXAMPLES / "participants.csv", rules)
    assert len(roster.left) == 5 and len(roster.right) == 7
    ben = next(p for p in roster.left if p.id == "ben@example.org")
    assert (ben.name, ben.capacity) == ("Ben Okafor", 3)  # the capacity column overrides the rules
    dev = next(p for p in roster.left if p.id == "dev@example.org")
    assert dev.manager == "ana@example.org"
    kai = next(p for p in roster.right if p.id == "kai@example.org")
    assert kai.exclude == {"ben@example.org"} and kai.capacity == 1


def test_it_reports_missing_columns_on_the_header_line(tmp_path):
    path = write(tmp_path, "id,name,grade\nann,Ann,3\n")
    assert faults(path) == [
        "people.csv: line 1: expected the column(s) role, timezone, topics, found a header without them"
    ]


def test_it_reports_every_bad_row_with_its_line_and_column(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "ann,Ann,mentor,5,Europe/London,a;b,2,,,\n"
        + "bob,Bob,mentee,senior,UTC+1,a,,,,\n"
        + "ann,Ann again,mentor,6,UTC,a,,,,\n"
        + "cat,Cat,coach,4,Mars/Olympus,a,two,,,\n"
        + ",Nobody,mentee,1,UTC,a,,,,\n",
    )
    assert faults(path) == [
        'people.csv: line 3, grade: expected a number from -1e+15 to 1e+15, found "senior"',
        'people.csv: line 5, role: expected one of mentor or mentee, found "coach"',
        'people.csv: line 5, capacity: expected a whole number from 0 to 10000, found "two"',
        'people.csv: line 5, timezone: expected a UTC offset such as +5:30 or an IANA time zone such as Europe/London, found "Mars/Olympus"',
        "people.csv: line 6, id: expected an id, found nothing",
        'people.csv: line 4, id: expected each id once on a side, found "ann" again (first on line 2)',
    ]


def test_it_lets_a_person_sign_up_on_both_sides(tmp_path):
    path = write(tmp_path, HEADER + "ann,Ann,mentor,5,UTC,a,,,,\nann,Ann,mentee,3,UTC,a,,,,\n")
    roster = read_participants(path, RULES)
    assert [p.id for p in roster.left] == ["ann"] and [p.id for p in roster.right] == ["ann"]


def test_it_refuses_a_reporting_line_that_loops(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "ann,Ann,mentor,5,UTC,a,,bob,,\nbob,Bob,mentor,5,UTC,a,,cat,,\ncat,Cat,mentee,1,UTC,a,,ann,,\n",
    )
    assert faults(path) == [
        "people.csv: line 2, manager: expected a reporting line without loops, found ann -> bob -> cat -> ann"
    ]


def test_it_refuses_an_empty_file_and_text_that_is_not_utf8(tmp_path):
    assert faults(write(tmp_path, HEADER)) == [
        "people.csv: expected a header line and at least one row, found only the header line"
    ]
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id,name\n\xe9\n".encode("latin-1"))
    assert faults(latin) == [
        'latin.csv: line 2: expected UTF-8 text (in a spreadsheet, save as "CSV UTF-8"), found the byte 0xe9 at byte 8, which is not UTF-8'
    ]


def test_it_reads_a_mentor_match_folder_as_is():
    rules = load_rules(EXAMPLES / "mentor-match" / "rules.toml")
    roster = read_mentor_match_folder(EXAMPLES / "mentor-match", rules)
    assert len(roster.left) == 6 and len(roster.right) == 8
    amara = roster.left[0]
    assert (amara.id, amara.name, amara.side) == (
        "amara.nwosu@example.gov.uk",
        "Amara Nwosu",
        "mentor",
    )
    assert amara.attributes["organisation"] == "Department for Education"
    assert amara.capacity == 3


def test_it_reports_mentor_match_rows_per_file(tmp_path):
    rules = load_rules(EXAMPLES / "mentor-match" / "rules.toml")
    (tmp_path / "mentors.csv").write_text(
        "first name,last name,email,role,organisation,grade,profession\n"
        "A,B,a@x.org,Lead,Org1,six,Policy\n"
        "C,D,A@x.org,Lead,Org2,5,Policy\n",
        encoding="utf-8",
    )
    (tmp_path / "mentees.csv").write_text(
        "first name,last name,email,role,grade\nE,F,e@x.org,Officer,3\n", encoding="utf-8"
    )
    with pytest.raises(ParticipantsError) as caught:
        read_mentor_match_folder(tmp_path, rules)
    assert [str(p) for p in caught.value.problems] == [
        'mentors.csv: line 2, grade: expected a whole number, found "six"',
        'mentors.csv: line 3, email: expected each email once on a side, found "a@x.org" again (first on line 2)',
        "mentees.csv: line 1: expected the column(s) organisation, profession, found a header without them",
    ]


def test_it_asks_for_both_mentor_match_files(tmp_path):
    rules = load_rules(EXAMPLES / "mentor-match" / "rules.toml")
    with pytest.raises(ParticipantsError) as caught:
        read_mentor_match_folder(tmp_path, rules)
    assert [p.source for p in caught.value.problems] == ["mentors.csv", "mentees.csv"]
