"""Attendance: every calendar session gets an outcome after its time; "Log your session" records it
and opens or links the coaching conversation; stalled counts held sessions only."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from trellis.core.schedule import Freq
from trellis.scheduling import selectors, services
from trellis.scheduling.models import Outcome, ScheduledSession


@pytest.fixture
def past(world):
    """A weekly series of Alice and Bob whose first session was two hours ago."""
    start = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(hours=2)
    with time_machine.travel(start - timedelta(days=1), tick=False):
        services.session_schedule(
            actor=world.alice,
            engagement=world.engagement,
            start=start,
            timezone_name="Europe/London",
            duration_minutes=60,
            freq=Freq.WEEKLY.value,
            count=3,
            invite=False,
        )
    return ScheduledSession.objects.order_by("start").first()


def _url(world, occurrence, tail="log/"):
    return f"/o/acme/calendar/sessions/{occurrence.uuid}/{tail}"


def test_it_records_a_no_show_and_sponsors_see_exactly_that(world, past, login):
    login(world.alice).post(_url(world, past), {"step": "outcome", "outcome": "no_show_coachee"})
    past.refresh_from_db()
    assert (past.outcome, past.outcome_by) == (Outcome.NO_SHOW_COACHEE, world.alice)
    page = login(world.dana).get(f"/o/acme/calendar/engagements/{world.engagement.uuid}/")
    assert "No-show (coachee)" in page.content.decode()
    assert login(world.dana).get(_url(world, past)).status_code == 403


def test_it_refuses_an_outcome_before_the_session_starts(world, past):
    future = ScheduledSession.objects.order_by("start").last()
    with pytest.raises(ValidationError) as caught:
        services.attendance_record(actor=world.bob, occurrence=future, outcome="held")
    assert "recorded from its start on" in caught.value.message_dict["outcome"][0]
    future.refresh_from_db()
    assert future.outcome == ""


def test_it_opens_the_conversation_for_a_held_session_linked_to_its_calendar_entry(
    world, past, login
):
    client = login(world.alice)
    client.post(_url(world, past), {"step": "outcome", "outcome": "held"})
    response = client.post(_url(world, past), {"step": "start", "framework_key": "grow"})
    past.refresh_from_db()
    assert past.coaching_session is not None
    assert past.coaching_session.engagement == world.engagement
    assert response.url == f"/o/acme/sessions/{past.coaching_session.uuid}/"
    page = client.get(_url(world, past, "")).content.decode()
    assert "the conversation" in page and "Held" in page


def test_it_offers_no_conversation_before_the_session_is_logged_held(world, past):
    with pytest.raises(ValidationError):
        services.attendance_session_open(actor=world.alice, occurrence=past, framework_key="grow")


def test_it_counts_only_held_sessions_as_activity(world, past):
    now = datetime.now(UTC)
    since = now - timedelta(days=1)
    assert selectors.held_times(engagement=world.engagement, since=since, now=now) == []
    services.attendance_record(actor=world.bob, occurrence=past, outcome="late_cancellation")
    assert selectors.held_times(engagement=world.engagement, since=since, now=now) == []
    services.attendance_record(actor=world.bob, occurrence=past, outcome="held")
    assert selectors.held_times(engagement=world.engagement, since=since, now=now) == [past.start]


def test_it_shows_a_calendar_cancellation_as_its_outcome(world, past):
    past.status, past.late = ScheduledSession.Status.CANCELLED, True
    assert selectors.attendance_of(past, now=datetime.now(UTC)).label == "Late cancellation"


def test_it_links_the_log_reminder_to_the_log_page(world, past):
    from trellis.scheduling.services.reminders import plan_log_reminders

    with time_machine.travel(past.end + timedelta(minutes=5), tick=False):
        plan_log_reminders(now=datetime.now(UTC))
    from trellis.scheduling.models import Reminder

    urls = set(Reminder.objects.filter(kind="log_session").values_list("url", flat=True))
    assert urls and all(url.endswith(f"/calendar/sessions/{past.uuid}/log/") for url in urls)


def test_it_records_and_shows_attendance_through_the_api(world, past, api_token, client):
    headers = {"Authorization": f"Bearer {api_token(world.bob)}"}
    response = client.post(
        f"/api/v1/scheduling/sessions/{past.uuid}/outcome",
        data={"outcome": "no_show_coach"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200 and response.json()["attendance"] == "no_show_coach"
    response = client.post(
        f"/api/v1/scheduling/sessions/{past.uuid}/outcome",
        data={"outcome": "absent"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 422
    dana = {"Authorization": f"Bearer {api_token(world.dana)}"}
    body = client.get(f"/api/v1/scheduling/sessions/{past.uuid}", headers=dana).json()
    assert body["attendance"] == "no_show_coach" and body["title"] is None


def test_it_tells_a_replaced_sponsor_nothing_of_a_later_trigger(world):
    from datetime import date

    from trellis.accounts.models import Membership, User
    from trellis.engagements import lifecycle
    from trellis.scheduling.models import CareerEvent, Reminder, TriggerRule
    from trellis.scheduling.services.events import fire_due_triggers

    with time_machine.travel(datetime(2026, 3, 2, 9, tzinfo=UTC), tick=False):
        services.trigger_rule_create(
            actor=world.olga,
            event_type=CareerEvent.Type.JOB_INTERVIEW,
            when=TriggerRule.When.BEFORE,
            days=3,
            notify_sponsor=True,
        )
        services.career_event_log(
            actor=world.bob, coachee=world.bob, type="job_interview", date=date(2026, 3, 20)
        )
        sam = Membership.objects.create(
            org=world.org,
            user=User.objects.create(email="sam@acme.test", name="Sam"),
            is_sponsor=True,
        )
        lifecycle.engagement_change_sponsor(
            actor=world.alice, engagement=world.engagement, sponsor=sam
        )
    with time_machine.travel(datetime(2026, 3, 17, 9, tzinfo=UTC), tick=False):
        fire_due_triggers(now=datetime.now(UTC))
    recipients = set(Reminder.objects.values_list("recipient__user__email", flat=True))
    assert "bob@acme.test" in recipients
    assert "dana@acme.test" not in recipients and "sam@acme.test" not in recipients
