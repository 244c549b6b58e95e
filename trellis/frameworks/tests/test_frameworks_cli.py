"""`trellis frameworks validate | list | show`: thin doors onto trellis.core.frameworks."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples" / "frameworks"


def run(*args: str) -> str:
    out = StringIO()
    call_command("frameworks", *args, stdout=out)
    return out.getvalue()


def test_it_reports_every_problem_of_a_broken_file_with_paths():
    with pytest.raises(CommandError) as caught:
        run("validate", str(EXAMPLES / "broken.toml"))
    message = str(caught.value)
    assert caught.value.returncode == 1
    assert "10 problems" in message
    for path in (
        "key",
        "version",
        "originator",
        "stages[0].purpos",
        "stages[0].produces[0]",
        "stages[0].prompts.directive[1].level",
        "stages[1].key",
    ):
        assert f"broken.toml: {path}: expected " in message


def test_it_confirms_a_valid_file():
    output = run("validate", str(EXAMPLES / "star-check-in.toml"))
    assert "valid" in output and "STAR check-in" in output and "4 stages" in output


def test_it_refuses_a_missing_file():
    with pytest.raises(CommandError) as caught:
        run("validate", "no-such-file.toml")
    assert caught.value.returncode == 2
    assert "no-such-file.toml" in str(caught.value)


def test_it_lists_the_builtin_frameworks():
    output = run("list")
    for key in (
        "grow",
        "tgrow",
        "oskar",
        "oscar",
        "steppa",
        "stepppa",
        "clear",
        "fuel",
        "practice",
        "impact-cycle",
    ):
        assert key in output
    assert "Whitmore" in output


def test_it_shows_stages_purposes_and_prompts():
    output = run("show", "grow")
    assert "1. Goal [goal]" in output and "4. Will [will]" in output
    assert "Purpose: Agree what the coachee wants" in output
    assert "Non-directive:" in output and "Dialogical:" in output and "Directive:" in output
    assert "What would you like to be different when we finish today?" in output
    assert all(line == line.rstrip() for line in output.splitlines())


def test_it_shows_one_voice_and_accepts_mcleods_spelling():
    output = run("show", "STEPPPA", "--style", "directive")
    assert "Perception and choice" in output
    assert "Directive:" in output and "Non-directive:" not in output


def test_it_shows_a_custom_file():
    assert "Target for the week" in run("show", str(EXAMPLES / "star-check-in.toml"))


def test_it_names_the_known_frameworks_for_an_unknown_key():
    with pytest.raises(CommandError, match="grow, tgrow"):
        run("show", "achieve")


def test_it_exits_non_zero_from_the_terminal_for_a_broken_file():
    trellis = Path(sys.executable).parent / "trellis"
    result = subprocess.run(
        [str(trellis), "frameworks", "validate", str(EXAMPLES / "broken.toml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "stages[1].prompts.directive: expected a non-empty list of prompts" in result.stderr
