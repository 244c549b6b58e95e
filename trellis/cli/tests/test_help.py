"""`trellis COMMAND --help` prints the stored help of a Django command without setting Django up;
the stored texts are the commands' own (run `trellis export-help` after changing a command)."""

import json

from trellis.cli.helptext import HELP_FILE, collect
from trellis.cli.tests.test_front_door import without_django


def test_it_keeps_the_stored_help_equal_to_the_commands():
    stored = json.loads(HELP_FILE.read_text(encoding="utf-8"))
    live = collect()
    stale = sorted(k for k in live.keys() | stored.keys() if live.get(k) != stored.get(k))
    assert not stale, f"run `trellis export-help`: the help of {stale[:5]} changed"


def test_it_prints_a_django_commands_help_without_setting_django_up():
    result = without_django("goals", "list", "--help")
    assert result.returncode == 0, result.stderr
    assert "usage: trellis goals list" in result.stdout
    assert "--user EMAIL" in result.stdout
    assert "DJANGO LOADED" not in result.stderr
