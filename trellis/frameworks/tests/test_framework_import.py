"""Organizations' own frameworks: imported, versioned, never stored when broken or shadowing."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from trellis.core.frameworks import FrameworkError
from trellis.frameworks import selectors, services
from trellis.frameworks.models import FrameworkVersion

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples" / "frameworks"
STAR = (EXAMPLES / "star-check-in.toml").read_text()


def run(*args: str) -> str:
    out = StringIO()
    call_command("frameworks", *args, stdout=out)
    return out.getvalue()


def test_it_imports_a_file_once_and_versions_a_changed_one(world, tmp_path):
    path = tmp_path / "star.toml"
    path.write_text(STAR)
    assert "as version 1" in run("import", str(path), "--org", "acme")
    assert "is unchanged" in run("import", str(path), "--org", "acme")
    path.write_text(STAR.replace("fifteen-minute", "twenty-minute"))
    assert "as version 2" in run("import", str(path), "--org", "acme")
    versions = list(FrameworkVersion.objects.filter(org=world.org, key="star-check-in"))
    assert [v.version for v in versions] == [2, 1]
    assert "twenty-minute" in versions[0].text
    entry = selectors.framework_find(org=world.org, key="star-check-in")
    assert entry is not None and entry.stored == versions[0]
    assert selectors.framework_find(org=world.carol_org, key="star-check-in") is None


def test_it_ignores_layout_changes_when_comparing_versions(world):
    services.framework_import(org=world.org, text=STAR)
    again = services.framework_import(org=world.org, text="# a new comment\n" + STAR)
    assert not again.created and again.version.version == 1


def test_it_stores_nothing_from_a_broken_file(world):
    with pytest.raises(CommandError) as caught:
        run("import", str(EXAMPLES / "broken.toml"), "--org", "acme")
    assert caught.value.returncode == 1
    assert "was not imported: 10 problems" in str(caught.value)
    assert "broken.toml: stages[0].produces[0]: expected " in str(caught.value)
    assert not FrameworkVersion.objects.exists()


def test_it_refuses_a_key_that_a_builtin_framework_uses(world):
    text = STAR.replace('key = "star-check-in"', 'key = "grow"', 1)
    with pytest.raises(FrameworkError) as caught:
        services.framework_import(org=world.org, text=text, source="mine.toml")
    (problem,) = caught.value.problems
    assert problem.path == "key"
    assert "a key of your own: 'grow' is the built-in GROW framework" in str(problem)
    aliased = STAR.replace('name = "STAR check-in"', 'name = "STAR"\naliases = ["stepppa"]', 1)
    with pytest.raises(FrameworkError) as caught:
        services.framework_import(org=world.org, text=aliased)
    assert caught.value.problems[0].path == "aliases[0]"
    assert not FrameworkVersion.objects.exists()


def test_it_names_an_unknown_organization(world):
    with pytest.raises(CommandError, match="No organization has the slug 'nowhere'"):
        run("import", str(EXAMPLES / "star-check-in.toml"), "--org", "nowhere")


def test_it_lists_and_shows_an_organizations_own_framework(world):
    services.framework_import(org=world.org, text=STAR)
    listing = run("list", "--org", "acme")
    assert "STAR check-in (v1)" in listing and "GROW" in listing
    assert "Target for the week" in run("show", "star-check-in", "--org", "acme")
    with pytest.raises(CommandError):
        run("show", "star-check-in", "--org", "globex")
