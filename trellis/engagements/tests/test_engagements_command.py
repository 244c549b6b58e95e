"""`trellis engagements list|show|pause|end|reopen` as a person, over the lifecycle services."""

import pytest
from django.core.management import CommandError, call_command

from trellis.engagements import lifecycle, lifecycle_base
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
    assert str(caught.value) == lifecycle_base.REASON_REQUIRED
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


def test_it_proposes_a_team_engagement_and_shows_each_answer(world):
    from trellis.accounts.models import Membership, Team, User

    squad = Team.objects.create(org=world.org, name="Squad")
    for name in ("Ann", "Ben", "Cat"):
        user = User.objects.create(email=f"{name.lower()}@acme.test", name=name)
        Membership.objects.create(org=world.org, user=user, team=squad)
    out = run(
        "propose",
        "--kind",
        "team",
        "--team",
        "Squad",
        "--coach",
        "alice@acme.test",
        "--sponsor",
        "dana@acme.test",
        "--user",
        "olga@acme.test",
    )
    assert "Team coaching" in out and "Proposed" in out
    for name in ("Ann", "Ben", "Cat"):
        assert name in out
    assert out.count("Waiting for an answer") == 4  # three members and the sponsor
    engagement = Engagement.objects.get(kind="team")
    ann = Membership.objects.get(user__email="ann@acme.test")
    lifecycle.engagement_accept(actor=ann, engagement=engagement)
    out = run("list", "--user", "alice@acme.test")
    assert str(engagement.uuid) in out and "Ann" in out and "accepted" in out


def test_it_refuses_a_bad_proposal_naming_the_option(world):
    with pytest.raises(CommandError) as caught:
        run(
            "propose",
            "--kind",
            "team",
            "--team",
            "Nope",
            "--coach",
            "alice@acme.test",
            "--user",
            "alice@acme.test",
        )
    assert "--team: no team of this organization is called 'Nope'" in str(caught.value)
    with pytest.raises(CommandError) as caught:
        run(
            "propose",
            "--kind",
            "peer",
            "--coachee",
            "bob@acme.test",
            "--coachee",
            "who@acme.test",
            "--coach",
            "alice@acme.test",
            "--user",
            "alice@acme.test",
        )
    assert "--coachee: item 2" in str(caught.value) or "--coachee: line 2" in str(caught.value)
    with pytest.raises(CommandError) as caught:
        run(
            "propose",
            "--kind",
            "group",
            "--coachee",
            "bob@acme.test",
            "--coach",
            "alice@acme.test",
            "--user",
            "bob@acme.test",
        )
    assert "may not propose" in str(caught.value)
    assert not Engagement.objects.filter(status="proposed").exists()


def test_it_shows_the_peer_rotation(world):
    from trellis.accounts.models import Membership, User
    from trellis.engagements import kinds

    erin = Membership.objects.create(
        org=world.org,
        user=User.objects.create(email="erin@acme.test", name="Erin"),
        is_coachee=True,
    )
    peer = kinds.engagement_propose_peer(
        actor=world.alice, coach=world.alice, peers=[world.bob, erin]
    )
    for member in (world.bob, erin):
        lifecycle.engagement_accept(actor=member, engagement=Engagement.objects.get(pk=peer.pk))
    out = run("show", str(peer.uuid), "--user", "erin@acme.test")
    assert "Peer rotation (next: turn 1)" in out
    assert "Bob Coachee (coaches next)" in out and "Erin (coached next)" in out
