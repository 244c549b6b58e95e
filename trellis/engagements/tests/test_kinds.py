"""Team, group and peer engagements: each person answers for their own place, a declined member
sees nothing, a proposed engagement grants nothing, a newcomer is invited, peers rotate."""

import pytest
from django.core.exceptions import ValidationError

from trellis.accounts import policy
from trellis.accounts.models import Membership, Team, User
from trellis.engagements import kinds, lifecycle, services
from trellis.engagements.models import CoachingSession, Engagement, EngagementParticipant

Acceptance = EngagementParticipant.Acceptance


def _person(world, email: str, name: str, **fields) -> Membership:
    user = User.objects.create(email=email, name=name)
    return Membership.objects.create(org=world.org, user=user, **fields)


def _fresh(engagement: Engagement) -> Engagement:
    return Engagement.objects.get(pk=engagement.pk)


@pytest.fixture
def team(world):
    """Product: led by Lena (the manager of its members), four members."""
    product = Team.objects.create(org=world.org, name="Product")
    lena = _person(world, "lena@acme.test", "Lena Lead")
    names = ["Ann", "Ben", "Cat", "Dev"]
    for name in names:
        _person(world, f"{name.lower()}@acme.test", name, team=product, manager=lena)
    return product


def _member(world, name: str) -> Membership:
    return Membership.objects.get(org=world.org, user__name=name)


def test_a_team_engagement_takes_the_members_and_the_leader_each_pending(world, team):
    engagement = kinds.engagement_propose_team(
        actor=world.olga, team=team, coach=world.alice, sponsor=world.dana
    )
    places = {p.member.user.name: p for p in engagement.participants.select_related("member__user")}
    coachees = sorted(n for n, p in places.items() if p.role == "coachee")
    assert coachees == ["Ann", "Ben", "Cat", "Dev", "Lena Lead"]
    assert all(places[n].acceptance == Acceptance.PENDING for n in coachees)
    assert places["Alice Coach"].acceptance == Acceptance.ACCEPTED
    assert engagement.kind == Engagement.Kind.TEAM and engagement.team == team
    # proposed: nobody is granted anything, the coach included
    for name in [*coachees, "Alice Coach", "Dana Sponsor"]:
        member = _member(world, name)
        assert not policy.allows(member, "engagement.content.read", _fresh(engagement))
        assert not policy.allows(member, "session.start", _fresh(engagement))
        assert not policy.allows(member, "calendar.session.view", _fresh(engagement))


def test_each_member_answers_for_themselves_and_a_decliner_sees_nothing(world, team):
    engagement = kinds.engagement_propose_team(actor=world.olga, team=team, coach=world.alice)
    ann, ben, cat = (_member(world, n) for n in ("Ann", "Ben", "Cat"))
    lifecycle.engagement_accept(actor=ann, engagement=engagement)
    engagement = _fresh(engagement)
    assert engagement.status == Engagement.Status.ACTIVE  # the first yes starts it
    lifecycle.engagement_decline(actor=ben, engagement=engagement, reason="Not now")
    engagement = _fresh(engagement)
    assert engagement.status == Engagement.Status.ACTIVE  # one no does not end it for the rest
    assert engagement.coachee_id == ann.pk  # the primary is someone who said yes
    assert "member" in engagement.participant_relations(ann)
    assert not policy.allows(ben, "engagement.view", engagement)  # not in it: sees nothing
    assert engagement.participant_relations(ben) == set()
    # Cat has not answered: she sees the proposal to answer it, nothing more
    assert engagement.participant_relations(cat) == {"participant"}
    assert policy.allows(cat, "engagement.respond", engagement)
    assert not policy.allows(cat, "engagement.content.read", engagement)
    # a member never reads the engagement's plan (it is no one member's)
    assert not policy.allows(ann, "plan.content.read", engagement)
    assert policy.allows(world.alice, "engagement.content.read", engagement)


def test_the_team_engagement_is_declined_when_every_member_declines(world):
    small = Team.objects.create(org=world.org, name="Pair")
    a = _person(world, "a@acme.test", "A", team=small)
    b = _person(world, "b@acme.test", "B", team=small)
    engagement = kinds.engagement_propose_team(actor=world.alice, team=small, coach=world.alice)
    lifecycle.engagement_decline(actor=a, engagement=engagement)
    assert _fresh(engagement).status == Engagement.Status.PROPOSED
    lifecycle.engagement_decline(actor=b, engagement=_fresh(engagement))
    assert _fresh(engagement).status == Engagement.Status.DECLINED


def test_a_sponsor_grants_only_once_a_member_said_yes_knowing_them(world, team):
    engagement = kinds.engagement_propose_team(
        actor=world.olga, team=team, coach=world.alice, sponsor=world.dana
    )
    lifecycle.engagement_accept(actor=world.dana, engagement=engagement)
    assert not policy.allows(world.dana, "engagement.view", _fresh(engagement)) or (
        "sponsor" not in _fresh(engagement).participant_relations(world.dana)
    )
    lifecycle.engagement_accept(actor=_member(world, "Ann"), engagement=_fresh(engagement))
    assert "sponsor" in _fresh(engagement).participant_relations(world.dana)
    assert not policy.allows(world.dana, "engagement.content.read", _fresh(engagement))


def test_a_newcomer_is_not_added_but_invited(world, team):
    engagement = kinds.engagement_propose_team(actor=world.olga, team=team, coach=world.alice)
    lifecycle.engagement_accept(actor=_member(world, "Ann"), engagement=engagement)
    eve = _person(world, "eve@acme.test", "Eve New", team=team)
    engagement = _fresh(engagement)
    assert eve.pk not in [p.member_id for p in engagement.participants.all()]
    assert kinds.team_newcomers(engagement) == [eve]
    place = kinds.engagement_invite(actor=world.alice, engagement=engagement, member=eve)
    assert place.acceptance == Acceptance.PENDING
    assert _fresh(engagement).participant_relations(eve) == {"participant"}
    assert kinds.team_newcomers(_fresh(engagement)) == []
    with pytest.raises(ValidationError) as caught:
        kinds.engagement_invite(actor=world.alice, engagement=_fresh(engagement), member=eve)
    assert "already has a place" in caught.value.message_dict["member"][0]
    lifecycle.engagement_accept(actor=eve, engagement=_fresh(engagement))
    assert "member" in _fresh(engagement).participant_relations(eve)


def test_team_errors_name_the_field(world):
    empty = Team.objects.create(org=world.org, name="Empty")
    with pytest.raises(ValidationError) as caught:
        kinds.engagement_propose_team(actor=world.alice, team=empty, coach=world.alice)
    assert "at least two people" in caught.value.message_dict["team"][0]
    with pytest.raises(ValidationError) as caught:
        kinds.engagement_propose_group(actor=world.alice, coach=world.alice, coachees=[world.bob])
    assert "at least two coachees" in caught.value.message_dict["coachees"][0]
    with pytest.raises(ValidationError) as caught:
        kinds.engagement_propose_peer(
            actor=world.alice, coach=world.alice, peers=[world.bob, world.carol]
        )
    assert "not a member of this organization" in caught.value.message_dict["people"][0]
    assert not Engagement.objects.filter(status=Engagement.Status.PROPOSED).exists()


def test_a_group_from_anywhere_each_accepting(world):
    erin = _person(world, "erin@acme.test", "Erin", is_coachee=True)
    engagement = kinds.engagement_propose_group(
        actor=world.alice, coach=world.alice, coachees=[world.bob, erin], topic="New managers"
    )
    assert engagement.kind == Engagement.Kind.GROUP
    lifecycle.engagement_accept(actor=erin, engagement=engagement)
    engagement = _fresh(engagement)
    assert engagement.status == Engagement.Status.ACTIVE
    assert engagement.coachee_id == erin.pk
    assert engagement.participant_relations(world.bob) == {"participant"}  # not answered yet
    lifecycle.engagement_decline(actor=world.bob, engagement=engagement)
    assert _fresh(engagement).participant_relations(world.bob) == set()


@pytest.fixture
def circle(world):
    erin = _person(world, "erin@acme.test", "Erin Peer", is_coachee=True)
    finn = _person(world, "finn@acme.test", "Finn Peer", is_coachee=True)
    engagement = kinds.engagement_propose_peer(
        actor=world.alice, coach=world.alice, peers=[world.bob, erin, finn], topic="Circle"
    )
    for peer in (world.bob, erin, finn):
        lifecycle.engagement_accept(actor=peer, engagement=_fresh(engagement))
    return _fresh(engagement), erin, finn


def test_peers_rotate_per_held_session(world, circle):
    engagement, erin, finn = circle
    turn = kinds.rotation_turn(engagement)
    assert (turn.number, turn.coach, turn.coachee) == (1, world.bob, erin)
    assert turn.observers == (finn,)  # the third role: the others observe, in turn
    session = services.coaching_session_create(
        actor=erin, engagement=engagement, framework_key="grow"
    )
    assert (session.coach, session.coachee) == (world.bob, erin)
    # not held yet: the turn stays
    assert kinds.rotation_turn(_fresh(engagement)).coach == world.bob
    # the conversation alone does not move it: the calendar session recorded held does
    # (trellis/scheduling/tests/test_peer_rotation.py)
    services.coaching_session_finish(actor=world.bob, session=session)
    assert kinds.rotation_turn(_fresh(engagement)).coach == world.bob
    kinds.rotation_advance(engagement_id=engagement.pk)
    turn = kinds.rotation_turn(_fresh(engagement))
    assert (turn.number, turn.coach, turn.coachee) == (2, erin, finn)
    assert turn.observers == (world.bob,)


def test_a_peer_coach_sees_that_session_only_never_the_others_private_items(world, circle):
    engagement, erin, finn = circle
    session = services.coaching_session_create(
        actor=world.bob, engagement=engagement, framework_key="grow"
    )
    session = CoachingSession.objects.get(pk=session.pk)
    # Bob coaches Erin in this session: he runs it and reads what she shares in it
    assert policy.allows(world.bob, "session.content.read", session)
    assert policy.allows(world.bob, "session.run", session)
    assert policy.allows(erin, "session.content.read", session)
    # Finn, a peer outside this session, sees nothing of it
    assert not policy.allows(finn, "session.view", session)
    assert not policy.allows(finn, "session.content.read", session)
    # Erin's private note is not Bob's to read, and no peer reads the engagement's plan
    note = services.session_note_create(
        actor=erin, session=session, text="Mine", visibility="shared"
    )
    assert policy.allows(world.bob, "note.shared.read", note)
    assert not policy.allows(finn, "note.shared.read", note)
    for peer in (world.bob, erin, finn):
        assert not policy.allows(peer, "plan.content.read", engagement)
    # the peers and the facilitator may change the rotation; a stranger to it may not
    assert policy.allows(finn, "engagement.rotation.change", engagement)
    assert not policy.allows(world.dana, "engagement.rotation.change", engagement)


def test_the_rotation_is_editable_and_checked(world, circle):
    engagement, erin, finn = circle
    engagement = kinds.rotation_set(
        actor=finn, engagement=engagement, order=[finn, erin, world.bob]
    )
    turn = kinds.rotation_turn(_fresh(engagement))
    assert (turn.coach, turn.coachee) == (finn, erin)
    with pytest.raises(ValidationError) as caught:
        kinds.rotation_set(actor=finn, engagement=_fresh(engagement), order=[finn, erin])
    assert "missing Bob Coachee" in caught.value.message_dict["order"][0]
    with pytest.raises(ValidationError) as caught:
        kinds.rotation_set(actor=world.dana, engagement=_fresh(engagement), order=[finn, erin])
    assert caught.value.message_dict["engagement"] == [kinds.NOT_YOURS]


def test_each_member_is_told_they_answer_for_their_own_place(
    world, team, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        kinds.engagement_propose_team(actor=world.alice, team=team, coach=world.alice)
    to = sorted(address for message in mail.outbox for address in message.to)
    assert to == sorted(f"{n}@acme.test" for n in ("ann", "ben", "cat", "dev", "lena"))
    assert "each person is asked to accept or decline their own place" in mail.outbox[0].body
