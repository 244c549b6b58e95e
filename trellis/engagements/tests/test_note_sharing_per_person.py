"""A shared note is shared with a person, the sponsor of that day, never with a role: a sponsor who
takes over the engagement later does not read what the coachee shared with the one before."""

import pytest

from trellis.accounts.models import Membership, User
from trellis.accounts.policy import allows
from trellis.engagements import lifecycle, services
from trellis.engagements.models import Engagement, SessionNote
from trellis.engagements.tests import agreements

TEXT = "I want the team lead role by summer, and I am scared of asking."


@pytest.fixture
def shared_note(world):
    agreements.agree(world.engagement)  # an accepted agreement shows the sponsor shared notes
    session = services.coaching_session_create(
        actor=world.alice, engagement=world.engagement, framework_key="grow"
    )
    note = services.session_note_create(actor=world.bob, session=session, text=TEXT)
    return services.session_note_share_with_sponsor(actor=world.bob, note=note, shared=True)


def hand_over_to_sam(world) -> Membership:
    user = User.objects.create(email="sam@acme.test", name="Sam Sponsor")
    sam = Membership.objects.create(org=world.org, user=user, is_sponsor=True)
    lifecycle.engagement_change_sponsor(actor=world.alice, engagement=world.engagement, sponsor=sam)
    lifecycle.engagement_accept(
        actor=sam, engagement=Engagement.objects.get(pk=world.engagement.pk)
    )
    lifecycle.engagement_accept(
        actor=world.bob, engagement=Engagement.objects.get(pk=world.engagement.pk)
    )
    assert Engagement.objects.get(pk=world.engagement.pk).sponsor == sam
    agreements.agree(Engagement.objects.get(pk=world.engagement.pk))  # Sam accepts it too
    return sam


def fresh(note):
    return SessionNote.objects.select_related("session__engagement").get(pk=note.pk)


def test_it_stores_the_sponsor_the_note_was_shared_with(world, shared_note):
    assert fresh(shared_note).shared_with == world.dana
    assert allows(world.dana, "note.shared.read", fresh(shared_note))


def test_it_keeps_a_note_shared_with_the_old_sponsor_from_the_new_one(world, shared_note, login):
    sam = hand_over_to_sam(world)
    assert not allows(sam, "note.shared.read", fresh(shared_note))
    page = login(sam).get(f"/o/acme/engagements/{world.engagement.uuid}/").content.decode()
    assert TEXT not in page


def test_it_lets_the_new_sponsor_read_a_note_the_coachee_shares_again(world, shared_note):
    sam = hand_over_to_sam(world)
    note = services.session_note_share_with_sponsor(
        actor=world.bob, note=fresh(shared_note), shared=True
    )
    assert fresh(note).shared_with == sam
    assert allows(sam, "note.shared.read", fresh(note))
