"""`trellis engagements list|show|pause|end|reopen` as a person, over the lifecycle services."""

import pytest
from django.core.management import CommandError, call_command

from trellis.engagements import lifecycle
from trellis.engagements.management.commands import engagements as command
from trellis.engagements.models import Engagement


def run(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("engagements", *args, stdout=out)
    return out.getvalue()


def test_it_lists_what_a_person_may_see(world):
    proposed = lifecycle.engagement_propose(actor=world.alice, coach=world.alice, coachee=world.bob)
    out = run("list", "--user", "bob@acme.test")
    assert str(world.engagement.uuid) in out and str(proposed.uuid) in out
    assert "Proposed" in out
    out = run("list", "--user", "BOB@acme.test", "--status", "proposed")
    assert str(world.engagement.uuid) not in out


def test_it_pauses_ends_and_reopens_showing_the_history(world):
    uuid = str(world.engagement.uuid)
    assert "Paused" in run("pause", uuid, "--user", "alice@acme.test", "--reason", "Leave")
    out = run("end", uuid, "--user", "bob@acme.test", "--reason", "Goals met")
    assert "Ended on" in out and "Goals met" in out
    out = run("reopen", uuid, "--user", "bob@acme.test")
    assert "Reopened" in out and "Leave" in out
    assert Engagement.objects.get(pk=world.engagement.pk).status == "active"


def test_it_refuses_a_sponsor_pausing_and_changes_nothing(world):
    with pytest.raises(CommandError) as caught:
        run("pause", str(world.engagement.uuid), "--user", "dana@acme.test")
    assert str(caught.value) == command.NOT_ALLOWED.format(email="dana@acme.test", verb="pause")
    assert Engagement.objects.get(pk=world.engagement.pk).status == "active"


def test_it_names_what_is_wrong_with_an_end(world):
    with pytest.raises(CommandError) as caught:
        run("end", str(world.engagement.uuid), "--user", "alice@acme.test", "--reason", " ")
    assert str(caught.value) == lifecycle.REASON_REQUIRED
    with pytest.raises(CommandError) as caught:
        run(
            "end",
            str(world.engagement.uuid),
            "--user",
            "alice@acme.test",
            "--reason",
            "x",
            "--on",
            "soon",
        )
    assert str(caught.value) == command.BAD_DATE.format(value="soon")


def test_it_tells_carol_nothing_of_acme(world):
    with pytest.raises(CommandError) as caught:
        run("show", str(world.engagement.uuid), "--user", "carol@globex.test")
    assert "No engagement" in str(caught.value)
    with pytest.raises(CommandError):
        run("show", "not-a-uuid", "--user", "alice@acme.test")
