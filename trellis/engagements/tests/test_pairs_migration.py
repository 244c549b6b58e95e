"""Existing 1:1 data migrates without loss (issue 12): engagements 0004 gives an engagement made
before participants existed (a coach, coachee and sponsor pair) its accepted places and one history
row, so its people read it exactly as before: the coach and the coachee its content, the sponsor
what a sponsor sees, Carol of Globex nothing. The pair's columns are not changed."""

from importlib import import_module

from django.apps import apps

from trellis.accounts import policy
from trellis.engagements.models import Engagement, EngagementParticipant, EngagementTransition

MIGRATION = import_module("trellis.engagements.migrations.0004_participants_from_pairs")


def test_a_pair_from_before_lifecycles_keeps_its_people_and_their_access(world):
    old = Engagement.objects.create(  # as 0003 left it: no participant rows
        org=world.org, coach=world.alice, coachee=world.bob, sponsor=world.dana, topic="Old pair"
    )
    ours = EngagementParticipant.objects.filter(engagement=old)
    assert not ours.exists()
    assert not policy.allows(world.bob, "engagement.content.read", old)  # the gap it closes
    other = set(EngagementParticipant.objects.exclude(engagement=old).values_list("pk", flat=True))
    EngagementParticipant.objects.all().delete()  # the migration ran before any place existed
    MIGRATION.forwards(apps, None)

    old = Engagement.objects.get(pk=old.pk)
    assert (old.coach_id, old.coachee_id, old.sponsor_id, old.status, old.topic) == (
        world.alice.pk,
        world.bob.pk,
        world.dana.pk,
        "active",
        "Old pair",
    )
    places = {(p.role, p.member_id, p.acceptance) for p in ours}
    assert places == {
        ("lead_coach", world.alice.pk, "accepted"),
        ("coachee", world.bob.pk, "accepted"),
        ("sponsor", world.dana.pk, "accepted"),
    }
    assert ours.get(role="sponsor").coachee_approved_at is not None  # granted, as before
    for member in (world.alice, world.bob):
        assert policy.allows(member, "engagement.content.read", old)
    assert policy.allows(world.dana, "engagement.view", old)
    assert not policy.allows(world.dana, "engagement.content.read", old)
    assert not policy.allows(world.carol, "engagement.view", old)
    (history,) = EngagementTransition.objects.filter(engagement=old)
    assert (history.action, history.to_status) == ("migrated", "active")
    # every other engagement got its places back too (the fixtures' ones)
    assert EngagementParticipant.objects.exclude(engagement=old).count() == len(other)
