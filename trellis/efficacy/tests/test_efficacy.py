"""Self-efficacy in the product: small wins after a completed action, a private mood, role-model
stories reviewed before publishing and shown most-alike first, encouragement between peers,
the program's pre/post change at the threshold only, and the peer-coach self-check."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from trellis.efficacy import selectors, services
from trellis.efficacy.models import Mood, SmallWin, Story
from trellis.efficacy.tests.helpers import SLUG, participant, peer_program


@pytest.fixture
def program(world):
    return peer_program(world)


def test_a_participant_publishes_a_story_only_after_review(world, program, login):
    erin = participant(world, program, "Erin Peer")
    story = services.story_submit(
        actor=erin, program=program, title="I negotiated", text="I asked for a raise and got it."
    )
    assert selectors.stories_for(member=world.bob, program=program) == []
    services.story_review(actor=world.alice, story=story, decision="publish")
    page = login(world.bob).get(reverse("efficacy:program", args=["acme", SLUG]))
    assert "I negotiated" in page.content.decode()
    assert "Erin Peer" in page.content.decode()


def test_an_anonymous_story_hides_its_author(world, program, login):
    erin = participant(world, program, "Erin Peer")
    story = services.story_submit(
        actor=erin, program=program, title="Spoke up", text="I spoke at all-hands.", anonymous=True
    )
    services.story_review(actor=world.olga, story=story, decision="publish")
    body = login(world.bob).get(reverse("efficacy:program", args=["acme", SLUG])).content.decode()
    stories = body.split('id="stories-heading"')[1].split("</section>")[0]
    assert "Spoke up" in stories and "A participant" in stories and "Erin Peer" not in stories


def test_stories_come_from_the_most_alike_first_with_why(world, program):
    bob_team = participant(world, program, "Finn Same", team="Platform", zone="Asia/Tokyo")
    other = participant(world, program, "Gia Other", team="Sales", zone="America/Chicago")
    world.bob.team = bob_team.team
    world.bob.save(update_fields=["team"])
    for author, title in ((other, "Other's win"), (bob_team, "Same team win")):
        story = services.story_submit(actor=author, program=program, title=title, text="Did it.")
        services.story_review(actor=world.alice, story=story, decision="publish")
    shown = selectors.stories_for(member=world.bob, program=program)
    assert [s.story.title for s in shown] == ["Same team win", "Other's win"]
    assert shown[0].likeness.explanation == "shares your team"


def test_a_returned_story_is_never_shown(world, program):
    erin = participant(world, program, "Erin Peer")
    story = services.story_submit(actor=erin, program=program, title="Draft", text="Text.")
    services.story_review(actor=world.alice, story=story, decision="return", note="Add detail")
    assert selectors.stories_for(member=world.bob, program=program) == []
    assert Story.objects.get(pk=story.pk).review_note == "Add detail"
    with pytest.raises(ValidationError):
        services.story_review(actor=world.alice, story=story, decision="publish")


def test_encouragement_goes_between_participants_only(world, program, login):
    erin = participant(world, program, "Erin Peer")
    services.note_send(actor=world.bob, program=program, recipient=erin, text="Great demo!")
    with pytest.raises(ValidationError):
        services.note_send(actor=world.bob, program=program, recipient=world.dana, text="Hi")
    body = login(erin).get(reverse("efficacy:program", args=["acme", SLUG])).content.decode()
    assert "Great demo!" in body


def test_the_peer_note_form_carries_the_inclusive_hint(world, program, login):
    participant(world, program, "Erin Peer")
    body = login(world.bob).get(reverse("efficacy:program", args=["acme", SLUG])).content.decode()
    assert reverse("efficacy:hint", args=["acme"]) in body
    hint = login(world.bob).post(reverse("efficacy:hint", args=["acme"]), {"text": "Hey guys"})
    assert "Try:" in hint.content.decode()


def test_a_completed_action_asks_what_it_showed_and_keeps_the_win(world, login):
    from trellis.goals import services as goals

    goal = goals.goal_create(
        actor=world.bob, engagement=world.engagement, owner=world.bob, title="Lead stand-ups"
    )
    action = goals.action_create(actor=world.bob, goal=goal, what="Run Monday's stand-up")
    check_in = goals.check_in_record(actor=world.bob, action=action, done=True)
    page = login(world.bob).get(reverse("goals:action_detail", args=["acme", action.uuid]))
    body = page.content.decode()
    assert "What did this show you that you can do?" in body
    login(world.bob).post(
        reverse("efficacy:win_add", args=["acme"]),
        {"text": "I can lead a room", "action": str(action.uuid)},
    )
    login(world.bob).post(
        reverse("efficacy:mood_add", args=["acme"]), {"level": 4, "check_in": str(check_in.uuid)}
    )
    assert SmallWin.objects.get(member=world.bob).text == "I can lead a room"
    assert Mood.objects.get(member=world.bob).check_in == check_in
    mine = login(world.bob).get(reverse("efficacy:mine", args=["acme"])).content.decode()
    assert "I can lead a room" in mine


def test_nobody_else_sees_a_mood(world, login):
    services.mood_add(actor=world.bob, level=1)
    for other in (world.alice, world.olga, world.dana):
        body = login(other).get(reverse("efficacy:mine", args=["acme"])).content.decode()
        assert "Lately:" not in body
    assert selectors.moods_of(member=world.alice).count() == 0


def test_a_mood_goes_only_with_ones_own_check_in(world):
    from trellis.goals import services as goals

    goal = goals.goal_create(
        actor=world.bob, engagement=world.engagement, owner=world.bob, title="Grow"
    )
    action = goals.action_create(actor=world.bob, goal=goal, what="Read")
    check_in = goals.check_in_record(actor=world.bob, action=action, percent=50)
    with pytest.raises(ValidationError):
        services.mood_add(actor=world.alice, level=3, check_in=check_in)


def test_ones_own_moods_show_on_ones_own_page(world, login):
    services.mood_add(actor=world.bob, level=1)
    assert (
        "Lately: Low"
        in login(world.bob).get(reverse("efficacy:mine", args=["acme"])).content.decode()
    )


def test_a_peer_coach_gets_the_inclusive_hint_on_session_notes(world, login):
    from trellis.engagements import services as engagements
    from trellis.engagements.kinds import engagement_propose_peer
    from trellis.engagements.lifecycle import engagement_accept

    erin = participant(world, peer_program(world, "Circle"), "Erin Peer")
    peer = engagement_propose_peer(
        actor=world.alice, coach=world.alice, peers=[world.bob, erin], topic="Peers"
    )
    for person in (world.bob, erin):
        engagement_accept(actor=person, engagement=type(peer).objects.get(pk=peer.pk))
    session = engagements.coaching_session_create(
        actor=world.bob,
        engagement=type(peer).objects.get(pk=peer.pk),
        framework_key="grow",
        topic="Asking for the lead",
    )
    page = login(world.bob).get(reverse("engagements:session", args=["acme", session.uuid]))
    assert reverse("efficacy:hint", args=["acme"]) in page.content.decode()


def test_my_plan_links_my_small_wins_and_my_programs_stories(world, program, login):
    plan = login(world.bob).get(reverse("goals:my_plan", args=["acme"])).content.decode()
    assert reverse("efficacy:mine", args=["acme"]) in plan
    mine = login(world.bob).get(reverse("efficacy:mine", args=["acme"])).content.decode()
    assert reverse("efficacy:program", args=["acme", SLUG]) in mine


def test_a_refused_win_keeps_what_was_typed_and_names_the_field(world, login):
    from trellis.efficacy.models import SmallWin

    client = login(world.bob)
    typed = "x" * 501  # over the 500 characters a win may have
    response = client.post(reverse("efficacy:win_add", args=["acme"]), {"text": typed})
    assert response.status_code == 400
    page = response.content.decode()
    assert typed in page and "at most 500 characters" in page
    empty = client.post(reverse("efficacy:win_add", args=["acme"]), {"text": "  "})
    assert empty.status_code == 400 and "Say in a few words" in empty.content.decode()
    tap = client.post(reverse("efficacy:mood_add", args=["acme"]), {"level": "99"})
    assert tap.status_code == 400 and "level: Select a valid choice" in tap.content.decode()
    assert not SmallWin.objects.filter(member=world.bob).exists()
