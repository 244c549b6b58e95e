"""Changing an engagement's coach moves its future calendar to the new coach: sessions, series,
reminders, feeds and invitations. Past sessions keep the coach who held them."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from trellis.accounts.models import Membership, User
from trellis.engagements import lifecycle
from trellis.engagements.models import Engagement
from trellis.scheduling import services
from trellis.scheduling.models import Outcome, Reminder, ScheduledSession, SessionSeries
from trellis.scheduling.services.feeds import feed_build
from trellis.scheduling.services.reminders import plan_session_reminders

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday


@pytest.fixture
def handed_over(world, django_capture_on_commit_callbacks):
    """Weekly sessions from 2 March; on 12 March (two held, two to come, more after) Olga hands
    Bob's engagement from Alice to Cody."""
    user = User.objects.create(email="cody@acme.test", name="Cody Coach")
    world.cody = Membership.objects.create(org=world.org, user=user, is_coach=True)
    with time_machine.travel(START - timedelta(days=7), tick=False):
        world.series = services.session_schedule(
            actor=world.alice,
            engagement=world.engagement,
            start=START,
            freq="weekly",
            until=date(2026, 4, 30),
            title="Weekly coaching",
        )
    world.now = START + timedelta(days=10)
    with time_machine.travel(world.now, tick=False):
        for held in world.series.occurrences.filter(start__lt=world.now):
            services.attendance_record(actor=world.alice, occurrence=held, outcome=Outcome.HELD)
        plan_session_reminders(now=world.now + timedelta(days=3, hours=23))  # Alice's for the 16th
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            lifecycle.engagement_change_coach(
                actor=world.olga,
                engagement=Engagement.objects.get(pk=world.engagement.pk),
                coach=world.cody,
                reason="Alice moved team",
            )
    return world


def test_future_sessions_go_to_the_new_coach_and_past_ones_keep_who_held_them(handed_over):
    w = handed_over
    rows = list(ScheduledSession.objects.filter(series=w.series).order_by("start"))
    past = [o for o in rows if o.start < w.now]
    future = [o for o in rows if o.start >= w.now]
    assert len(past) == 2 and len(future) >= 6
    assert {o.coach_id for o in past} == {w.alice.pk}
    assert all(o.outcome == Outcome.HELD for o in past)
    assert {o.coach_id for o in future} == {w.cody.pk}
    series = SessionSeries.objects.get(pk=w.series.pk)
    assert (series.coach_id, series.organizer_id) == (w.cody.pk, w.cody.pk)


def test_the_old_coachs_feed_loses_the_future_sessions_and_the_new_coachs_has_them(handed_over):
    w = handed_over
    with time_machine.travel(w.now, tick=False):
        alice = feed_build(token=services.feed_token_create(member=w.alice)).decode()
        cody = feed_build(token=services.feed_token_create(member=w.cody)).decode()
        bob = feed_build(token=services.feed_token_create(member=w.bob)).decode()
    uid = w.series.uid
    assert uid not in alice
    assert uid in cody and "Cody Coach" in cody
    assert uid in bob and "Cody Coach" in bob


def test_reminders_go_to_the_new_coach(handed_over):
    w = handed_over
    skipped = Reminder.objects.filter(recipient=w.alice, kind="session")
    assert skipped.exists()
    assert set(skipped.values_list("status", flat=True)) == {Reminder.Status.SKIPPED}
    plan_session_reminders(now=w.now + timedelta(days=3, hours=23))
    assert Reminder.objects.filter(
        recipient=w.cody, kind="session", status=Reminder.Status.PENDING
    ).exists()
    assert not Reminder.objects.filter(
        recipient=w.alice, kind="session", status=Reminder.Status.PENDING
    ).exists()


def test_the_coachee_and_both_coaches_are_told_with_calendar_invitations(handed_over):
    w = handed_over
    told = {m.to[0]: m for m in mail.outbox}
    assert "Alice Coach -> Cody Coach" in told["bob@acme.test"].body
    assert "handed to Cody Coach" in told["alice@acme.test"].body
    assert "taking over from Alice Coach" in told["cody@acme.test"].body
    invitations = Reminder.objects.filter(kind=Reminder.INVITATION, object_uuid=w.series.uuid)
    by_person = {r.recipient_id: r for r in invitations.filter(created_at__gte=w.now)}
    assert by_person[w.cody.pk].ics_method == "REQUEST"
    assert "takes over these sessions from Alice Coach" in by_person[w.cody.pk].body
    assert by_person[w.bob.pk].ics_method == "REQUEST"
    assert by_person[w.alice.pk].ics_method == "CANCEL"
    assert "METHOD:CANCEL" in by_person[w.alice.pk].ics
