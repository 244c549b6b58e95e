"""Importing an organization's own instrument: versions, refusals naming file and field path,
nothing stored on a bad file; in the page, the API and the terminal."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from trellis.core.instruments import InstrumentError
from trellis.instruments import services
from trellis.instruments.models import InstrumentVersion

EXAMPLE = Path(__file__).resolve().parents[3] / "docs/examples/instruments/stakeholder-check.toml"


def test_it_stores_a_changed_file_as_a_new_version(world):
    text = EXAMPLE.read_text()
    first = services.instrument_import(org=world.org, text=text)
    same = services.instrument_import(org=world.org, text=text + "\n# a comment\n")
    changed = services.instrument_import(
        org=world.org, text=text.replace("Three ratings", "Ratings")
    )
    assert (first.created, same.created, changed.created) == (True, False, True)
    assert changed.version.version == 2


def test_it_refuses_a_builtin_key(world):
    text = EXAMPLE.read_text().replace('key = "stakeholder-check"', 'key = "team-pulse"')
    with pytest.raises(InstrumentError) as caught:
        services.instrument_import(org=world.org, text=text, source="mine.toml")
    assert str(caught.value.problems[0]).startswith("mine.toml: key: expected a key of your own")
    assert not InstrumentVersion.objects.exists()


def test_it_lists_every_problem_on_the_upload_page_and_stores_nothing(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = (
        EXAMPLE.read_text()
        .replace("min = 1", "min = 7")
        .replace('respondents = ["stakeholder"]', 'respondents = ["boss"]')
    )
    upload = SimpleUploadedFile("mine.toml", bad.encode())
    response = login(world.olga).post("/o/acme/instruments/upload/", {"file": upload})
    body = response.content.decode()
    assert response.status_code == 200
    assert "mine.toml: respondents[0]: expected who answers" in body
    assert not InstrumentVersion.objects.exists()


def test_it_answers_a_bad_file_in_the_api_with_the_field_path(world, api_token, client):
    bad = EXAMPLE.read_text().replace("anonymity_threshold = 3", "anonymity_threshold = 2")
    response = client.post(
        "/api/v1/instruments",
        {"text": bad, "filename": "mine.toml"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {api_token(world.olga)}"},
    )
    assert response.status_code == 400
    assert "text.anonymity_threshold" in response.content.decode()
    assert not InstrumentVersion.objects.exists()


def test_it_validates_a_file_in_the_terminal_with_exit_status_one(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(EXAMPLE.read_text().replace('scoring = "mean"', 'scoring = "average"'))
    with pytest.raises(CommandError) as caught:
        call_command("instruments", "validate", str(bad))
    assert caught.value.returncode == 1
    assert "bad.toml: scoring: expected one of: mean, sum, weighted" in str(caught.value)


def test_it_imports_lists_and_shows_in_the_terminal(world, capsys):
    call_command("instruments", "import", str(EXAMPLE), "--org", "acme")
    call_command("instruments", "list", "--org", "acme")
    call_command("instruments", "show", "stakeholder-check", "--org", "acme")
    out = capsys.readouterr().out
    assert (
        "Imported Stakeholder check-in (stakeholder-check) into Acme Learning as version 1." in out
    )
    assert "stakeholder-check" in out and "Acme Learning" in out
    assert "Compared with three months ago, how well does this person listen" in out


def test_it_refuses_an_unknown_organization_in_the_terminal(db):
    with pytest.raises(CommandError) as caught:
        call_command("instruments", "import", str(EXAMPLE), "--org", "nowhere")
    assert "No organization has the slug 'nowhere'." in str(caught.value)
