"""An engagement's life: proposed, accepted or declined, paused, ended, reopened; people changed."""

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from trellis.accounts import policy
from trellis.accounts.models import Membership, User
from trellis.engagements import lifecycle, lifecycle_base, selectors
from trellis.engagements.models import Engagement, EngagementParticipant, EngagementTransition


def _person(world, email: str, name: str, **roles: bool) -> Membership:
    user = User.objects.create(email=email, name=name)
    return Membership.objects.create(org=world.org, user=user, **roles)


@pytest.fixture
def proposed(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return lifecycle.engagement_propose(
            actor=world.alice,
            coach=world.alice,
            coachee=world.bob,
            sponsor=world.dana,
            topic="Voice",
        )


def _fresh(engagement: Engagement) -> Engagement:
    return Engagement.objects.get(pk=engagement.pk)


def test_it_opens_an_engagement_as_proposed_granting_nothing(world, proposed):
    assert proposed.status == Engagement.Status.PROPOSED
    assert proposed.sponsor is None  # the sponsor column waits for both yeses
    for persona in ("alice", "bob", "dana"):
        member = world.member(persona)
        assert not policy.allows(member, "engagement.content.read", _fresh(proposed))
        assert not policy.allows(member, "session.start", _fresh(proposed))
    # each of them sees it, to answer for their place
    assert policy.allows(world.bob, "engagement.view", _fresh(proposed))
    assert policy.allows(world.dana, "engagement.respond", _fresh(proposed))
    assert not policy.allows(world.carol, "engagement.view", _fresh(proposed))


def test_it_tells_the_coachee_and_the_sponsor_of_a_proposal(world, proposed):
    to = sorted(address for message in mail.outbox for address in message.to)
    assert to == ["bob@acme.test", "dana@acme.test"]
    assert "Nothing is shared until you and the coachee accept" in mail.outbox[0].body


def test_it_activates_when_the_coachee_accepts_and_the_sponsor_needs_both_yeses(world, proposed):
    engagement = lifecycle.engagement_accept(actor=world.bob, engagement=proposed)
    assert engagement.status == Engagement.Status.ACTIVE
    assert policy.allows(world.alice, "engagement.content.read", _fresh(engagement))
    assert policy.allows(world.bob, "engagement.content.read", _fresh(engagement))
    # Bob approved Dana, but Dana has not accepted her place yet
    assert not policy.allows(world.dana, "plan.view", _fresh(engagement))
    assert _fresh(engagement).sponsor is None
    lifecycle.engagement_accept(actor=world.dana, engagement=engagement)
    assert policy.allows(world.dana, "plan.view", _fresh(engagement))
    assert _fresh(engagement).sponsor == world.dana
    actions = list(engagement.history.values_list("action", flat=True))
    assert actions == ["propose", "accept", "place_accepted"]


def test_it_declines_for_the_coachee_and_grants_nothing_after(world, proposed):
    engagement = lifecycle.engagement_decline(
        actor=world.bob, engagement=proposed, reason="Not now"
    )
    assert engagement.status == Engagement.Status.DECLINED
    last = engagement.history.last()
    assert (last.action, last.from_status, last.to_status, last.by, last.reason) == (
        "decline",
        "proposed",
        "declined",
        world.bob,
        "Not now",
    )
    with pytest.raises(ValidationError):
        lifecycle.engagement_accept(actor=world.bob, engagement=_fresh(engagement))
    assert not policy.allows(world.alice, "engagement.content.read", _fresh(engagement))


def test_it_lets_an_admin_propose_and_the_coachee_still_accepts_the_sponsor(world):
    engagement = lifecycle.engagement_propose(
        actor=world.olga, coach=world.alice, coachee=world.bob, sponsor=world.dana
    )
    lifecycle.engagement_accept(actor=world.dana, engagement=engagement)
    assert not policy.allows(world.dana, "plan.view", _fresh(engagement))  # Bob has not said yes
    waiting = selectors.engagement_waiting_for(engagement=engagement, member=world.bob)
    assert {p.member for p in waiting} == {world.bob, world.dana}  # he sees who the sponsor is
    lifecycle.engagement_accept(actor=world.bob, engagement=engagement)
    assert policy.allows(world.dana, "plan.view", _fresh(engagement))


def test_it_refuses_a_coach_proposing_for_another_coach(world):
    other = _person(world, "cody@acme.test", "Cody Coach", is_coach=True)
    with pytest.raises(ValidationError) as caught:
        lifecycle.engagement_propose(actor=world.alice, coach=other, coachee=world.bob)
    assert caught.value.message_dict["coach"] == [lifecycle_base.COACH_ONLY_SELF]


def test_it_refuses_two_coachees_in_a_one_to_one(world):
    erin = _person(world, "erin@acme.test", "Erin", is_coachee=True)
    with pytest.raises(ValidationError) as caught:
        lifecycle.engagement_propose(
            actor=world.alice, coach=world.alice, coachee=world.bob, more_coachees=[erin]
        )
    assert caught.value.message_dict["coachees"] == [lifecycle_base.ONE_TO_ONE_ONE_COACHEE]
    assert not Engagement.objects.filter(status=Engagement.Status.PROPOSED).exists()


def test_it_keeps_one_coachees_session_from_another_in_a_group(world):
    erin = _person(world, "erin@acme.test", "Erin", is_coachee=True)
    group = lifecycle.engagement_propose(
        actor=world.alice,
        coach=world.alice,
        coachee=world.bob,
        kind=Engagement.Kind.GROUP,
        more_coachees=[erin],
    )
    lifecycle.engagement_accept(actor=world.bob, engagement=group)
    lifecycle.engagement_accept(actor=erin, engagement=group)
    group = _fresh(group)
    # a member sees the group, not the engagement-wide content (the primary coachee's plan)
    assert policy.allows(erin, "engagement.view", group)
    assert not policy.allows(erin, "engagement.content.read", group)
    assert not policy.allows(erin, "plan.content.read", group)
    from trellis.scheduling.models import CareerEvent

    event = CareerEvent(
        org=world.org, coachee=world.bob, engagement=group, type="offer", date=date(2026, 1, 1)
    )
    assert policy.allows(world.bob, "event.notes.read", event)
    assert policy.allows(world.alice, "event.notes.read", event)
    assert not policy.allows(erin, "event.notes.read", event)


@time_machine.travel("2027-03-10 10:00Z")
def test_it_pauses_resumes_ends_and_reopens_recording_each_change(world):
    engagement = world.engagement
    lifecycle.engagement_pause(actor=world.bob, engagement=engagement, reason="Parental leave")
    lifecycle.engagement_resume(actor=world.alice, engagement=_fresh(engagement))
    with pytest.raises(ValidationError) as caught:
        lifecycle.engagement_end(actor=world.alice, engagement=_fresh(engagement), reason=" ")
    assert caught.value.message_dict["reason"] == [lifecycle_base.REASON_REQUIRED]
    ended = lifecycle.engagement_end(
        actor=world.alice, engagement=_fresh(engagement), reason="Goals met"
    )
    assert (ended.status, ended.ended_on, ended.end_reason) == (
        "ended",
        date(2027, 3, 10),
        "Goals met",
    )
    # an ended engagement: coach and coachee still read their history, the sponsor no more
    assert policy.allows(world.bob, "engagement.content.read", _fresh(engagement))
    assert not policy.allows(world.dana, "plan.view", _fresh(engagement))
    reopened = lifecycle.engagement_reopen(
        actor=world.bob, engagement=_fresh(engagement), reason="New role"
    )
    assert (reopened.status, reopened.ended_on, reopened.end_reason) == ("active", None, "")
    rows = [
        (t.action, t.from_status, t.to_status, t.by.user.name)
        for t in EngagementTransition.objects.filter(engagement=engagement).exclude(
            action="migrated"
        )
    ]
    assert rows == [
        ("pause", "active", "paused", "Bob Coachee"),
        ("resume", "paused", "active", "Alice Coach"),
        ("end", "active", "ended", "Alice Coach"),
        ("reopen", "ended", "active", "Bob Coachee"),
    ]


def test_it_lets_an_admin_end_but_not_a_sponsor_pause(world):
    with pytest.raises(ValidationError) as caught:
        lifecycle.engagement_pause(actor=world.dana, engagement=world.engagement)
    assert "a coach or the coachee" in caught.value.message_dict["engagement"][0]
    ended = lifecycle.engagement_end(actor=world.olga, engagement=world.engagement, reason="Left")
    assert ended.status == "ended"
    with pytest.raises(ValidationError):
        lifecycle.engagement_reopen(actor=world.olga, engagement=_fresh(ended))


def test_it_refuses_ending_in_the_future_or_twice(world):
    with pytest.raises(ValidationError) as caught:
        lifecycle.engagement_end(
            actor=world.alice, engagement=world.engagement, reason="x", ended_on=date(2999, 1, 1)
        )
    assert caught.value.message_dict["ended_on"] == [lifecycle_base.END_IN_FUTURE]
    lifecycle.engagement_end(actor=world.alice, engagement=world.engagement, reason="x")
    with pytest.raises(ValidationError) as caught:
        lifecycle.engagement_end(actor=world.alice, engagement=_fresh(world.engagement), reason="x")
    assert caught.value.message_dict["status"] == ["An engagement that is ended cannot be ended."]


def test_it_changes_the_coach_and_tells_the_coachee(world, django_capture_on_commit_callbacks):
    cody = _person(world, "cody@acme.test", "Cody Coach", is_coach=True)
    with django_capture_on_commit_callbacks(execute=True):
        engagement = lifecycle.engagement_change_coach(
            actor=world.olga, engagement=world.engagement, coach=cody, reason="Alice moved team"
        )
    assert engagement.coach == cody
    assert policy.allows(cody, "engagement.content.read", _fresh(engagement))
    assert not policy.allows(world.alice, "engagement.content.read", _fresh(engagement))
    (message,) = [m for m in mail.outbox if m.to == ["bob@acme.test"]]
    # both coaches are told too (trellis/scheduling/tests/test_handover.py: their calendars)
    assert {m.to[0] for m in mail.outbox} == {"bob@acme.test", "alice@acme.test", "cody@acme.test"}
    assert "Alice Coach -> Cody Coach" in message.body


def test_it_gives_a_new_sponsor_nothing_until_the_coachee_accepts_them(
    world, django_capture_on_commit_callbacks
):
    sam = _person(world, "sam@acme.test", "Sam Sponsor", is_sponsor=True)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.engagement_change_sponsor(
            actor=world.alice, engagement=world.engagement, sponsor=sam
        )
    assert "must accept" not in mail.outbox[0].body
    assert "sees nothing until you accept them" in mail.outbox[0].body
    assert not policy.allows(world.dana, "plan.view", _fresh(world.engagement))
    lifecycle.engagement_accept(actor=sam, engagement=_fresh(world.engagement))
    assert not policy.allows(sam, "plan.view", _fresh(world.engagement))
    lifecycle.engagement_accept(actor=world.bob, engagement=_fresh(world.engagement))
    assert policy.allows(sam, "plan.view", _fresh(world.engagement))
    assert _fresh(world.engagement).sponsor == sam


def test_it_refuses_a_sponsor_changing_people(world):
    sam = _person(world, "sam@acme.test", "Sam Sponsor", is_sponsor=True)
    with pytest.raises(ValidationError):
        lifecycle.engagement_change_sponsor(
            actor=world.dana, engagement=world.engagement, sponsor=sam
        )
    assert EngagementParticipant.objects.filter(member=sam).count() == 0


def test_it_refuses_a_session_in_a_proposed_engagement_even_to_the_service(world, proposed):
    from trellis.engagements import services

    with pytest.raises(ValidationError) as caught:
        services.coaching_session_create(
            actor=world.alice, engagement=proposed, framework_key="grow"
        )
    assert caught.value.message_dict["engagement"] == [services.ENGAGEMENT_NOT_ACCEPTED]
