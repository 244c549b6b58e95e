"""A member leaves a team, group or peer engagement (it goes on for the others); a 1:1 coachee
leaving ends it. Always with a reason, in the history, and the coach is told by email."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from trellis.accounts import policy
from trellis.accounts.models import Membership, User
from trellis.engagements import kinds, leaving, lifecycle
from trellis.engagements.models import Engagement, EngagementTransition


def _fresh(engagement: Engagement) -> Engagement:
    return Engagement.objects.get(pk=engagement.pk)


def _person(world, name: str) -> Membership:
    user = User.objects.create(email=f"{name.lower()}@acme.test", name=name)
    return Membership.objects.create(org=world.org, user=user, is_coachee=True)


@pytest.fixture
def circle(world):
    erin, finn = _person(world, "Erin"), _person(world, "Finn")
    engagement = kinds.engagement_propose_peer(
        actor=world.alice, coach=world.alice, peers=[world.bob, erin, finn], topic="Circle"
    )
    for peer in (world.bob, erin, finn):
        lifecycle.engagement_accept(actor=peer, engagement=_fresh(engagement))
    return _fresh(engagement), erin, finn


def test_a_peer_leaves_and_the_circle_goes_on_without_them(world, circle):
    engagement, erin, finn = circle
    mail.outbox.clear()
    done = leaving.engagement_leave(actor=world.bob, engagement=engagement, reason="New job")
    assert done.status == Engagement.Status.ACTIVE
    assert done.coachee != world.bob  # another peer is the primary coachee now
    assert done.participant_relations(world.bob) == set()
    assert not policy.allows(world.bob, "engagement.view", _fresh(engagement))
    assert policy.allows(erin, "engagement.view", _fresh(engagement))
    turn = kinds.rotation_turn(_fresh(engagement))
    assert {turn.coach, turn.coachee} == {erin, finn}
    last = EngagementTransition.objects.filter(engagement=engagement).latest("at")
    assert (last.action, last.by, last.reason) == ("leave", world.bob, "New job")
    assert [m.to for m in mail.outbox] == [[world.alice.user.email]]
    assert "Bob Coachee left" in mail.outbox[0].subject
    assert "New job" in mail.outbox[0].body and "goes on for the others" in mail.outbox[0].body


def test_a_reason_is_required_and_only_a_member_leaves(world, circle):
    engagement, _erin, _finn = circle
    with pytest.raises(ValidationError) as caught:
        leaving.engagement_leave(actor=world.bob, engagement=engagement, reason=" ")
    assert "reason" in caught.value.message_dict
    with pytest.raises(ValidationError):  # the facilitator is not a member
        leaving.engagement_leave(actor=world.alice, engagement=engagement, reason="Tired")
    assert not policy.allows(world.alice, "engagement.leave", engagement)
    assert policy.allows(world.bob, "engagement.leave", engagement)


def test_the_last_member_leaving_ends_it(world, circle):
    engagement, erin, finn = circle
    for peer in (world.bob, erin):
        leaving.engagement_leave(actor=peer, engagement=_fresh(engagement), reason="Busy")
    assert _fresh(engagement).status == Engagement.Status.ACTIVE
    leaving.engagement_leave(actor=finn, engagement=_fresh(engagement), reason="Busy")
    assert _fresh(engagement).status == Engagement.Status.ENDED
    assert _fresh(engagement).end_reason == leaving.LAST_ONE_LEFT


def test_a_one_to_one_coachee_leaving_ends_it_with_the_reason(world):
    mail.outbox.clear()
    done = leaving.engagement_leave(
        actor=world.bob, engagement=world.engagement, reason="Coaching is not for me now"
    )
    assert done.status == Engagement.Status.ENDED
    assert done.end_reason == "Coaching is not for me now"
    assert mail.outbox[0].to == [world.alice.user.email] and "has ended" in mail.outbox[0].body


def test_the_page_button_and_the_api(world, circle, login):
    engagement, erin, _finn = circle
    page = login(erin).get(f"/o/acme/engagements/{engagement.uuid}/").content.decode()
    assert "Leave this engagement" in page
    coach_page = login(world.alice).get(f"/o/acme/engagements/{engagement.uuid}/").content.decode()
    assert "Leave this engagement" not in coach_page
    response = login(erin).post(
        f"/o/acme/engagements/{engagement.uuid}/leave/", {"reason": "Moving on"}
    )
    assert response.status_code == 302 and response.url == "/o/acme/engagements/"
    assert _fresh(engagement).participant_relations(erin) == set()
    history = login(world.alice).get(f"/o/acme/engagements/{engagement.uuid}/").content.decode()
    assert "Left" in history and "Moving on" in history


def test_the_api_operation(world, circle, client, api_token):
    engagement, erin, _finn = circle
    response = client.post(
        f"/api/v1/engagements/{engagement.uuid}/leave",
        {"reason": "Moving on"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {api_token(erin)}"},
    )
    assert response.status_code == 200
    assert erin.user.display_name not in [p["name"] for p in response.json()["participants"]]
    refused = client.post(
        f"/api/v1/engagements/{engagement.uuid}/leave",
        {"reason": ""},
        content_type="application/json",
        headers={"Authorization": f"Bearer {api_token(world.bob)}"},
    )
    assert refused.status_code == 400
