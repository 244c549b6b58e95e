"""`trellis` itself: commands over the pure core run without Django, and a database that was never
migrated gets a sentence instead of a traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

TRELLIS = Path(sys.executable).parent / "trellis"
EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"


def trellis(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TRELLIS), *args], capture_output=True, text=True, check=False, env=env, timeout=120
    )


def without_django(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a fresh interpreter and fail if anything imported Django."""
    code = (
        "import sys\n"
        "from trellis.cli import main\n"
        "try:\n"
        f"    main({list(args)!r})\n"
        "except SystemExit as exit:\n"
        "    status = exit.code\n"
        "else:\n"
        "    status = 0\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print('DJANGO LOADED:', loaded[:3], file=sys.stderr) if loaded else None\n"
        "sys.exit(status)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )


@pytest.mark.parametrize(
    "args",
    [
        ["match", "--help"],
        ["match", "run", "--help"],
        ["language", "--help"],
        ["frameworks", "show", "--help"],
    ],
)
def test_it_answers_help_for_core_commands_without_django(args):
    result = without_django(*args)
    assert result.returncode == 0, result.stderr
    assert "usage: trellis" in result.stdout
    assert "DJANGO LOADED" not in result.stderr


def test_it_matches_files_without_django(tmp_path):
    out = tmp_path / "matches.csv"
    matching = EXAMPLES / "matching"
    result = without_django(
        "match",
        "run",
        str(matching / "rules.toml"),
        str(matching / "participants.csv"),
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert "Matched 5 pairs" in result.stdout
    assert "DJANGO LOADED" not in result.stderr
    assert out.exists()


def test_it_reads_language_and_frameworks_without_django():
    stance = without_django("language", "stance", "--json", "I decided to ask for the budget.")
    assert stance.returncode == 0, stance.stderr
    assert '"stance"' in stance.stdout
    shown = without_django("frameworks", "show", "oskar", "--style", "directive")
    assert shown.returncode == 0, shown.stderr
    assert "Scaling" in shown.stdout
    for result in (stance, shown):
        assert "DJANGO LOADED" not in result.stderr


def test_it_refuses_a_broken_framework_file_without_a_traceback():
    result = without_django("frameworks", "validate", str(EXAMPLES / "frameworks" / "broken.toml"))
    assert result.returncode == 1
    assert "stages[1].prompts.directive" in result.stderr
    assert "Traceback" not in result.stderr


def test_it_says_to_migrate_when_the_database_has_no_tables(tmp_path):
    env = {**os.environ, "SQLITE_PATH": str(tmp_path / "empty.db")}
    env.pop("DATABASE_URL", None)
    result = trellis("goals", "list", "--user", "bob@northwind.example", env=env)
    assert result.returncode == 1
    assert "trellis migrate" in result.stderr
    assert "Traceback" not in result.stderr
