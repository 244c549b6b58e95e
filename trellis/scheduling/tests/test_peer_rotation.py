"""A peer circle's rotation moves on when a calendar session is recorded as held (attendance), and
only then: a no-show or a cancellation keeps the turn; finishing a conversation does not move it."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from trellis.accounts.models import Membership, User
from trellis.engagements import kinds, lifecycle
from trellis.engagements import services as engagement_services
from trellis.engagements.models import Engagement
from trellis.scheduling import services
from trellis.scheduling.models import ScheduledSession


def _fresh(engagement: Engagement) -> Engagement:
    return Engagement.objects.get(pk=engagement.pk)


@pytest.fixture
def circle(world):
    """Alice facilitates Bob, Erin and Finn; three weekly sessions, the first two in the past."""
    erin, finn = (
        Membership.objects.create(
            org=world.org, user=User.objects.create(email=f"{n}@acme.test", name=f"{n} Peer")
        )
        for n in ("erin", "finn")
    )
    engagement = kinds.engagement_propose_peer(
        actor=world.alice, coach=world.alice, peers=[world.bob, erin, finn], topic="Circle"
    )
    for peer in (world.bob, erin, finn):
        lifecycle.engagement_accept(actor=peer, engagement=_fresh(engagement))
    start = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(days=8)
    with time_machine.travel(start - timedelta(days=1), tick=False):
        services.session_schedule(
            actor=world.alice,
            engagement=_fresh(engagement),
            start=start,
            timezone_name="Europe/London",
            freq="weekly",
            count=3,
            invite=False,
        )
    first, second, _ = ScheduledSession.objects.filter(series__engagement=engagement).order_by(
        "start"
    )
    return _fresh(engagement), erin, finn, first, second


def _pair(engagement):
    turn = kinds.rotation_turn(_fresh(engagement))
    return turn.number, turn.coach, turn.coachee


def test_the_turn_moves_on_a_held_calendar_session_only(world, circle):
    engagement, erin, finn, first, second = circle
    assert _pair(engagement) == (1, world.bob, erin)
    services.attendance_record(actor=world.alice, occurrence=first, outcome="no_show_coachee")
    assert _pair(engagement) == (1, world.bob, erin)  # a no-show keeps the turn
    services.attendance_record(actor=world.alice, occurrence=first, outcome="cancelled")
    services.attendance_record(actor=world.alice, occurrence=first, outcome="late_cancellation")
    assert _pair(engagement) == (1, world.bob, erin)
    services.attendance_record(actor=erin, occurrence=first, outcome="held")  # a peer records it
    assert _pair(engagement) == (2, erin, finn)
    services.attendance_record(actor=erin, occurrence=first, outcome="held")  # again: no change
    assert _pair(engagement) == (2, erin, finn)
    services.attendance_record(actor=finn, occurrence=second, outcome="held")
    assert _pair(engagement) == (3, finn, world.bob)
    # a held session corrected to a no-show gives its turn back
    services.attendance_record(actor=world.alice, occurrence=second, outcome="no_show_coach")
    assert _pair(engagement) == (2, erin, finn)


def test_finishing_the_conversation_does_not_move_the_turn(world, circle):
    engagement, erin, _finn, _first, _second = circle
    session = engagement_services.coaching_session_create(
        actor=erin, engagement=engagement, framework_key="grow"
    )
    engagement_services.coaching_session_finish(actor=world.bob, session=session)
    assert _pair(engagement) == (1, world.bob, erin)
