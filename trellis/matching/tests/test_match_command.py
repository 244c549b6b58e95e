"""`trellis match run` and `trellis match mentor-match` on the example files."""

import csv
import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples" / "matching"


def match(*args: str) -> str:
    out = io.StringIO()
    call_command("match", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_it_matches_the_example_participants(tmp_path):
    out = tmp_path / "matches.csv"
    printed = match(
        "run", str(EXAMPLES / "rules.toml"), str(EXAMPLES / "participants.csv"), "--out", str(out)
    )
    assert "Matched 5 pairs: 9 of 12 people (3 unmatched, objective: participation)" in printed
    assert "Total score: 48" in printed
    assert f"Wrote {out}" in printed
    written = rows(out)
    matched = [r for r in written if r["status"] == "matched"]
    assert len(matched) == 5
    assert all(r["explanation"] for r in written)
    unmatched = {
        r["mentor"] or r["mentee"]: r["explanation"] for r in written if r["status"] == "unmatched"
    }
    assert unmatched["hana@example.org"].startswith("no eligible partner")


def test_it_uses_the_objective_given_on_the_command_line(tmp_path):
    printed = match(
        "run",
        str(EXAMPLES / "rules.toml"),
        str(EXAMPLES / "participants.csv"),
        "--out",
        str(tmp_path / "m.csv"),
        "--objective",
        "score",
    )
    assert "objective: score" in printed


def test_it_matches_a_mentor_match_folder_without_editing(tmp_path):
    printed = match(
        "mentor-match",
        str(EXAMPLES / "mentor-match"),
        "--rules",
        str(EXAMPLES / "mentor-match" / "rules.toml"),
        "--out",
        str(tmp_path),
    )
    assert "Total score: 268" in printed
    mentors = rows(tmp_path / "mentors-list.csv")
    assert list(mentors[0])[:7] == [
        "email", "first name", "last name", "role", "organisation", "grade", "profession",
    ]  # fmt: skip
    assert mentors[0]["match 1 email"] == "grace.hall@example.gov.uk"
    assert len(rows(tmp_path / "mentees-list.csv")) == 8
    assert len(rows(tmp_path / "matches.csv")) == 13


def test_it_keeps_locks_and_bans_from_a_reviewed_matches_file(tmp_path):
    first = tmp_path / "first.csv"
    match(
        "run", str(EXAMPLES / "rules.toml"), str(EXAMPLES / "participants.csv"), "--out", str(first)
    )
    table = rows(first)
    matched = [r for r in table if r["status"] == "matched"]
    matched[0]["decision"] = "ban"
    matched[1]["decision"] = "lock"
    review = tmp_path / "review.csv"
    with review.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)
    second = tmp_path / "second.csv"
    match(
        "run",
        str(EXAMPLES / "rules.toml"),
        str(EXAMPLES / "participants.csv"),
        "--out",
        str(second),
        "--review",
        str(review),
    )
    again = {
        (r["mentor"], r["mentee"]): r["status"] for r in rows(second) if r["mentor"] and r["mentee"]
    }
    assert (matched[0]["mentor"], matched[0]["mentee"]) not in again
    assert again[(matched[1]["mentor"], matched[1]["mentee"])] == "locked"


def test_it_refuses_a_wrong_rules_file_with_the_field_path(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text(
        (EXAMPLES / "rules.toml")
        .read_text(encoding="utf-8")
        .replace('weight = "medium"', 'weight = "hgh"'),
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as caught:
        match(
            "run", str(rules), str(EXAMPLES / "participants.csv"), "--out", str(tmp_path / "m.csv")
        )
    assert (
        "rules.toml: criteria[1].weight: expected one of must, high, medium, low or a number, found the text 'hgh'"
        in str(caught.value)
    )
    assert caught.value.returncode == 1
    assert not (tmp_path / "m.csv").exists()


def test_it_writes_nothing_when_a_row_is_wrong(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES / "mentor-match", folder)
    mentees = folder / "mentees.csv"
    text = mentees.read_text(encoding="utf-8").replace(
        "HM Treasury,4,Policy", "HM Treasury,four,Policy"
    )
    mentees.write_text(text + text.splitlines()[1] + "\n", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(CommandError) as caught:
        match("mentor-match", str(folder), "--rules", str(folder / "rules.toml"), "--out", str(out))
    message = str(caught.value)
    assert 'mentees.csv: line 2, grade: expected a whole number, found "four"' in message
    assert (
        'mentees.csv: line 10, email: expected each email once on a side, found "grace.hall@example.gov.uk" again (first on line 2)'
        in message
    )
    assert not out.exists()


def test_it_reports_missing_columns_and_writes_nothing(tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("id,name,role\nann,Ann,mentor\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        match("run", str(EXAMPLES / "rules.toml"), str(people), "--out", str(tmp_path / "m.csv"))
    assert (
        "people.csv: line 1: expected the column(s) grade, department, offers, needs, interests, timezone, languages, found a header without them"
        in str(caught.value)
    )
    assert not (tmp_path / "m.csv").exists()


def test_it_pairs_the_example_peers(tmp_path):
    out = tmp_path / "pairs.csv"
    printed = match(
        "run", str(EXAMPLES / "peer-rules.toml"), str(EXAMPLES / "peers.csv"), "--out", str(out)
    )
    assert "Matched 3 pairs: 6 of 6 people (0 unmatched, objective: participation)" in printed
    written = rows(out)
    assert list(written[0])[:4] == ["person", "person_name", "partner", "partner_name"]
    pairs = {frozenset((r["person"], r["partner"])) for r in written}
    # di named amy as an earlier partner; bo manages cy
    assert frozenset(("di@example.org", "amy@example.org")) not in pairs
    assert frozenset(("bo@example.org", "cy@example.org")) not in pairs
