"""In the terminal a bad data file exits 1 with the message (file, place, what was expected) and
never a traceback: frameworks validate and import, match run."""

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trellis.cli import main
from trellis.core.tests.bad_files import EXAMPLES, csv_files, toml_files

TRELLIS = Path(sys.executable).parent / "trellis"
FRAMEWORK = (EXAMPLES / "frameworks" / "star-check-in.toml").read_bytes()
RULES = (EXAMPLES / "matching" / "rules.toml").read_bytes()
PARTICIPANTS = (EXAMPLES / "matching" / "participants.csv").read_bytes()
RELAXED = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def run(capsys, *args: str) -> tuple[int, str]:
    try:
        main(list(args))
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
    else:
        code = 0
    return code, capsys.readouterr().err


def match_run(capsys, tmp_path, rules: bytes, people: bytes) -> tuple[int, str]:
    (tmp_path / "rules.toml").write_bytes(rules)
    (tmp_path / "people.csv").write_bytes(people)
    out = tmp_path / "matches.csv"
    return run(
        capsys,
        "match",
        "run",
        str(tmp_path / "rules.toml"),
        str(tmp_path / "people.csv"),
        "--out",
        str(out),
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (FRAMEWORK.replace(b"STAR", b"ST\xc4R", 1), "framework.toml: line 1: expected UTF-8 text"),
        (FRAMEWORK + b"\ndeep = " + b"[" * 5000 + b"]" * 5000, "framework.toml: expected tables and lists nested at most 20 deep"),
        (FRAMEWORK.replace(b"version = 1", b"version = nan"), "framework.toml: version: expected a finite number"),
        (FRAMEWORK.replace(b"\n", b"\r").replace(b"key =", b"key == ", 1), "framework.toml: line 4, column 6: expected valid TOML"),
    ],
)  # fmt: skip
def test_it_exits_1_for_a_bad_framework_with_the_place(tmp_path, data, message):
    path = tmp_path / "framework.toml"
    path.write_bytes(data)
    result = subprocess.run(
        [str(TRELLIS), "frameworks", "validate", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("rules", "people", "message"),
    [
        (RULES.replace(b"[capacity]", b"[capacity]\nbad = inf\n", 1), PARTICIPANTS, "rules.toml: capacity.bad: expected a finite number"),
        (RULES, PARTICIPANTS.replace(b",", b";").replace(b"\n", b"\r").replace(b"Ana", b"\xc1na"), "people.csv: line 2: expected UTF-8 text"),
        (RULES, PARTICIPANTS.replace(b",7,", b",1e999,", 1), "people.csv: line 2, grade: expected a number"),
        (RULES, PARTICIPANTS.split(b"\n")[0] + b"\n", "people.csv: expected a header line and at least one row, found only the header line"),
    ],
)  # fmt: skip
def test_it_exits_1_for_bad_matching_files_with_the_place(capsys, tmp_path, rules, people, message):
    code, err = match_run(capsys, tmp_path, rules, people)
    assert code == 1, err
    assert message in err
    assert "Traceback" not in err


@RELAXED
@given(data=toml_files(FRAMEWORK) | st.binary(max_size=200))
def test_it_refuses_generated_framework_files_with_exit_1(capsys, tmp_path, data):
    path = tmp_path / "framework.toml"
    path.write_bytes(data)
    code, err = run(capsys, "frameworks", "validate", str(path))
    assert code in (0, 1), err
    assert "Traceback" not in err
    if code == 1:
        assert "framework.toml: " in err and "expected " in err


@RELAXED
@given(rules=toml_files(RULES), people=csv_files(PARTICIPANTS))
def test_it_refuses_generated_matching_files_with_exit_1(capsys, tmp_path, rules, people):
    code, err = match_run(capsys, tmp_path, rules, people)
    assert code in (0, 1), err
    assert "Traceback" not in err
    if code == 1:
        assert ("rules.toml: " in err or "people.csv: " in err) and "expected " in err


@pytest.mark.django_db
def test_it_imports_nothing_from_a_bad_framework_file_and_exits_1(world, capsys, tmp_path):
    from django.core.management import CommandError, call_command

    from trellis.frameworks.models import FrameworkVersion

    path = tmp_path / "framework.toml"
    path.write_bytes(FRAMEWORK.replace(b'name = "', b'name = "\x00', 1))
    # call_command, not main(): Django's command runner closes the test's database connection
    with pytest.raises(CommandError) as caught:
        call_command("frameworks", "import", str(path), "--org", "acme")
    code, err = caught.value.returncode, str(caught.value)
    assert code == 1, err
    assert "framework.toml: line " in err and "expected text without NUL characters" in err
    assert "Traceback" not in err
    assert not FrameworkVersion.objects.exists()
