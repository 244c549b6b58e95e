"""Anyone leaves their own place: a member of a team, group or peer engagement (it goes on for the
others), a 1:1 coachee or the only coach (it ends), a co-coach, the lead coach (a co-coach takes
over), a sponsor. Always with a reason, kept in the history and read only by the leaver and the
coaches; everyone else in it is told by email once, on commit."""

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


def test_a_peer_leaves_and_the_circle_goes_on_without_them(
    world, circle, django_capture_on_commit_callbacks
):
    engagement, erin, finn = circle
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
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
    told = {m.to[0]: m for m in mail.outbox}
    assert sorted(told) == sorted(p.user.email for p in (world.alice, erin, finn))
    assert all("Bob Coachee left" in m.subject for m in mail.outbox)
    coach_mail = told[world.alice.user.email].body
    assert "New job" in coach_mail and "goes on for the others" in coach_mail
    assert "New job" not in told[erin.user.email].body  # the reason is the coaches' only


def test_a_reason_is_required_and_only_someone_with_a_place_leaves(world, circle):
    engagement, _erin, _finn = circle
    with pytest.raises(ValidationError) as caught:
        leaving.engagement_leave(actor=world.bob, engagement=engagement, reason=" ")
    assert "reason" in caught.value.message_dict
    with pytest.raises(ValidationError):  # Dana has no place in the circle
        leaving.engagement_leave(actor=world.dana, engagement=engagement, reason="Tired")
    assert not policy.allows(world.dana, "engagement.leave", engagement)
    assert not policy.allows(world.olga, "engagement.leave", engagement)  # an admin has no place
    assert policy.allows(world.alice, "engagement.leave", engagement)  # the facilitator has one
    assert policy.allows(world.bob, "engagement.leave", engagement)


def test_the_last_member_leaving_ends_it(world, circle):
    engagement, erin, finn = circle
    for peer in (world.bob, erin):
        leaving.engagement_leave(actor=peer, engagement=_fresh(engagement), reason="Busy")
    assert _fresh(engagement).status == Engagement.Status.ACTIVE
    leaving.engagement_leave(actor=finn, engagement=_fresh(engagement), reason="Busy")
    assert _fresh(engagement).status == Engagement.Status.ENDED
    assert _fresh(engagement).end_reason == leaving.LAST_ONE_LEFT


def test_a_one_to_one_coachee_leaving_ends_it_and_a_retry_sends_nothing_more(
    world, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = leaving.engagement_leave(
            actor=world.bob, engagement=world.engagement, reason="Coaching is not for me now"
        )
    assert done.status == Engagement.Status.ENDED
    assert done.end_reason == "The coachee left."  # says who, never why
    told = {m.to[0]: m.body for m in mail.outbox}
    assert sorted(told) == [world.alice.user.email, world.dana.user.email]
    assert "has ended" in told[world.alice.user.email]
    assert "Coaching is not for me now" in told[world.alice.user.email]
    assert "Coaching is not for me now" not in told[world.dana.user.email]
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        leaving.engagement_leave(actor=world.bob, engagement=_fresh(world.engagement), reason="x")
    assert len(mail.outbox) == 2  # the retry is refused and tells nobody again
    assert policy.allows(world.bob, "engagement.view", _fresh(world.engagement))


def test_nothing_is_sent_when_the_change_rolls_back(world, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        leaving.engagement_leave(actor=world.bob, engagement=world.engagement, reason="Busy")
    assert mail.outbox == [] and len(callbacks) == 1  # sent on commit, not before


def test_the_sponsor_leaves_their_place_and_the_reason_stays_private(
    world, login, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = leaving.engagement_leave(
            actor=world.dana, engagement=world.engagement, reason="Reorganisation at my end"
        )
    assert done.status == Engagement.Status.ACTIVE and done.sponsor is None
    assert not policy.allows(world.dana, "engagement.view", _fresh(world.engagement))
    assert sorted(m.to[0] for m in mail.outbox) == [world.alice.user.email, world.bob.user.email]
    bob_mail = next(m for m in mail.outbox if m.to == [world.bob.user.email])
    assert "Dana Sponsor left" in bob_mail.subject and "as sponsor" in bob_mail.body
    assert "Reorganisation" not in bob_mail.body
    url = f"/o/acme/engagements/{world.engagement.uuid}/"
    assert "Reorganisation at my end" in login(world.alice).get(url).content.decode()
    bob_page = login(world.bob).get(url).content.decode()
    assert "Left (Sponsor: Dana Sponsor)" in bob_page and "Reorganisation" not in bob_page
    assert leaving.PRIVATE_REASON in bob_page


def test_the_lead_coach_leaves_and_a_co_coach_takes_over(world, django_capture_on_commit_callbacks):
    user = User.objects.create(email="gus@acme.test", name="Gus Cocoach")
    gus = Membership.objects.create(org=world.org, user=user, is_coach=True)
    engagement = lifecycle.engagement_propose(
        actor=world.alice, coach=world.alice, coachee=world.bob, co_coaches=[gus], topic="Two"
    )
    lifecycle.engagement_accept(actor=world.bob, engagement=_fresh(engagement))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = leaving.engagement_leave(
            actor=world.alice, engagement=_fresh(engagement), reason="Too many coachees"
        )
    assert done.status == Engagement.Status.ACTIVE and done.coach == gus
    assert "lead_coach" in _fresh(engagement).participant_relations(gus)
    assert not policy.allows(world.alice, "engagement.view", _fresh(engagement))
    told = {m.to[0]: m.body for m in mail.outbox}
    assert sorted(told) == [world.bob.user.email, gus.user.email]
    assert "Too many coachees" in told[gus.user.email]
    assert "Too many coachees" not in told[world.bob.user.email]
    assert "The lead coach is Gus Cocoach" in told[world.bob.user.email]


def test_the_only_coach_leaving_ends_it(world):
    done = leaving.engagement_leave(actor=world.alice, engagement=world.engagement, reason="Ill")
    assert done.status == Engagement.Status.ENDED and done.end_reason == "The coach left."


def test_the_page_button_and_the_api(world, circle, login):
    engagement, erin, _finn = circle
    page = login(erin).get(f"/o/acme/engagements/{engagement.uuid}/").content.decode()
    assert "Leave this engagement" in page
    coach_page = login(world.alice).get(f"/o/acme/engagements/{engagement.uuid}/").content.decode()
    assert "Leave (this ends the engagement)" in coach_page  # the circle's only coach
    response = login(erin).post(
        f"/o/acme/engagements/{engagement.uuid}/leave/", {"reason": "Moving on"}
    )
    assert response.status_code == 302 and response.url == "/o/acme/engagements/"
    assert _fresh(engagement).participant_relations(erin) == set()
    history = login(world.alice).get(f"/o/acme/engagements/{engagement.uuid}/").content.decode()
    assert "Left" in history and "Moving on" in history  # the coach reads why
    peer_page = login(_finn).get(f"/o/acme/engagements/{engagement.uuid}/").content.decode()
    assert "Left (Coachee: Erin)" in peer_page and "Moving on" not in peer_page


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


def test_the_terminal_leaves_and_the_history_hides_the_reason(world, circle):
    from io import StringIO

    from django.core.management import CommandError, call_command

    engagement, erin, finn = circle
    out = StringIO()
    call_command(
        "engagements",
        "leave",
        str(engagement.uuid),
        "--user",
        erin.user.email,
        "--reason",
        "Changing teams",
        stdout=out,
    )
    assert "You left engagement" in out.getvalue()
    assert _fresh(engagement).participant_relations(erin) == set()
    out = StringIO()
    call_command("engagements", "show", str(engagement.uuid), "--user", finn.user.email, stdout=out)
    assert "Left" in out.getvalue() and "Changing teams" not in out.getvalue()
    out = StringIO()
    call_command(
        "engagements", "show", str(engagement.uuid), "--user", "alice@acme.test", stdout=out
    )
    assert "Changing teams" in out.getvalue()
    with pytest.raises(CommandError):  # a second time: no place left to leave
        call_command(
            "engagements",
            "leave",
            str(engagement.uuid),
            "--user",
            erin.user.email,
            "--reason",
            "again",
            stdout=StringIO(),
        )
