"""A coach leaves: their coachees go to another coach, who is told; their access ends at once;
a coachee who leaves has their engagement ended; nothing is deleted."""

import pytest
from django.core import mail
from django.urls import reverse

from trellis.accounts.models import AuditEvent, Membership
from trellis.engagements.models import Engagement

pytestmark = pytest.mark.django_db


@pytest.fixture
def marcus(world):
    from allauth.account.models import EmailAddress

    from trellis.accounts.models import User

    user = User.objects.create(email="marcus@acme.test", name="Marcus Coach")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return Membership.objects.create(org=world.org, user=user, is_coach=True)


def test_an_admin_hands_a_leaving_coach_s_coachees_to_another(
    client, world, marcus, api_token, django_capture_on_commit_callbacks
):
    token = api_token(world.alice)
    client.force_login(world.olga.user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("privacy:member_deactivate", args=["acme", world.alice.uuid])
    page = client.get(url).content.decode()
    assert "Bob Coachee" in page and "Marcus Coach" in page
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(url, {"hand_to": marcus.pk, "reason": "Alice left Acme"})
    assert answer.status_code == 302
    engagement = Engagement.objects.get(pk=world.engagement.pk)
    assert engagement.coach == marcus and engagement.status == Engagement.Status.ACTIVE
    assert any("bob@acme.test" in m.to for m in mail.outbox)  # the coachee is told
    assert not Membership.objects.get(pk=world.alice.pk).is_active
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.MEMBER_DEACTIVATED).exists()
    # Alice's access ends at once: pages and her API token
    client.force_login(world.alice.user, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("web:org_home", args=["acme"])).status_code == 404
    api = client.get("/api/v1/engagements", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code in (401, 403)


def test_without_a_new_coach_the_engagements_end_with_the_reason(client, world):
    client.force_login(world.olga.user, backend="django.contrib.auth.backends.ModelBackend")
    client.post(
        reverse("privacy:member_deactivate", args=["acme", world.bob.uuid]),
        {"hand_to": "", "reason": "Bob moved to a partner company"},
    )
    engagement = Engagement.objects.get(pk=world.engagement.pk)
    assert engagement.status == Engagement.Status.ENDED
    assert engagement.end_reason == "Bob moved to a partner company"


def test_refusals_name_the_field_and_change_nothing(client, world):
    client.force_login(world.olga.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.post(
        reverse("privacy:member_deactivate", args=["acme", world.olga.uuid]), {"reason": "x"}
    ).content.decode()
    assert "You cannot deactivate yourself here" in page
    page = client.post(
        reverse("privacy:member_deactivate", args=["acme", world.alice.uuid]), {"reason": ""}
    ).content.decode()
    assert "This field is required" in page
    assert Membership.objects.filter(org=world.org, is_active=False).count() == 0


def test_a_team_goes_on_when_one_member_or_a_co_coach_leaves(
    world, marcus, django_capture_on_commit_callbacks
):
    from trellis.accounts.models import User
    from trellis.engagements.kinds import engagement_propose_group
    from trellis.engagements.lifecycle import engagement_accept
    from trellis.privacy.offboarding import member_deactivate

    people = [world.bob]
    for name in ("Zoe", "Yan"):
        user = User.objects.create(email=f"{name.lower()}@acme.test", name=name)
        people.append(Membership.objects.create(org=world.org, user=user, is_coachee=True))
    group = engagement_propose_group(
        actor=world.olga, coach=world.alice, coachees=people, co_coaches=[marcus]
    )
    for person in (world.bob, people[1]):
        engagement_accept(actor=person, engagement=group)  # Yan has not answered yet
    with django_capture_on_commit_callbacks(execute=True):
        member_deactivate(actor=world.olga, member=world.bob, hand_to=None, reason="Left Acme")
        member_deactivate(actor=world.olga, member=people[2], hand_to=None, reason="Left Acme")
        member_deactivate(actor=world.olga, member=marcus, hand_to=None, reason="Left Acme")
    group = Engagement.objects.get(pk=group.pk)
    assert group.status == Engagement.Status.ACTIVE  # Zoe and Alice carry on
    places = {
        p.member.user.name: (p.acceptance, p.left_at is not None)
        for p in group.participants.exclude(role="lead_coach").select_related("member__user")
    }
    assert places == {
        "Bob Coachee": ("accepted", True),  # left
        "Zoe": ("accepted", False),
        "Yan": ("declined", False),  # never answered: declined for them
        "Marcus Coach": ("accepted", True),
    }
    assert group.coachee.user.name == "Zoe"
    assert any("zoe@acme.test" in m.to for m in mail.outbox)  # the others are told


def test_a_unit_of_work_undoes_every_service_in_it_when_a_later_step_fails(
    world, django_capture_on_commit_callbacks
):
    from trellis.accounts.units import one_unit
    from trellis.engagements.lifecycle import engagement_end

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        one_unit(),
    ):
        engagement_end(actor=world.alice, engagement=world.engagement, reason="Wrapping up")
        raise RuntimeError("the next hand-over failed")
    assert Engagement.objects.get(pk=world.engagement.pk).status == Engagement.Status.ACTIVE
    assert mail.outbox == []  # nobody was told of an end that did not happen
