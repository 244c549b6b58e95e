import pytest
from django.core.management import CommandError, call_command

from trellis.core.instructional.rubric import BUILTIN_DIR

GOOD = (BUILTIN_DIR / "trellis-classroom.toml").read_text()


def test_it_validates_a_rubric_in_the_terminal_with_exit_status_one(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD.replace("value = 4", 'value = "four"'))
    with pytest.raises(CommandError) as caught:
        call_command("rubrics", "validate", str(bad))
    assert caught.value.returncode == 1
    assert "bad.toml: levels[3].value: expected" in str(caught.value)


def test_it_imports_and_lists_an_organizations_rubric(world, tmp_path, capsys):
    licensed = tmp_path / "district.toml"
    licensed.write_text(GOOD.replace('key = "trellis-classroom"', 'key = "district"'))
    call_command("rubrics", "import", str(licensed), "--org", "acme")
    call_command("rubrics", "import", str(licensed), "--org", "acme")
    call_command("rubrics", "list", "--org", "acme")
    out = capsys.readouterr().out
    assert "into Acme Learning as version 1" in out
    assert "is unchanged" in out
    assert "district" in out and "trellis-classroom" in out
