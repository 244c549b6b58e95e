"""Sessions scheduled once or as a series, in the organizer's zone, changed one by one or from one on."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from trellis.scheduling import services
from trellis.scheduling.models import Reminder, ScheduledSession, SchedulingSettings, SessionSeries
from trellis.scheduling.services.changes import ERROR_REASON

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def london(world):
    for member in (world.alice, world.bob):
        member.user.time_zone = "Europe/London"
        member.user.save()
    return world


def fortnightly(world, **extra):
    return services.session_schedule(
        actor=world.alice,
        engagement=world.engagement,
        start=datetime(2026, 3, 3, 9, 0, tzinfo=LONDON),
        freq="weekly",
        interval=2,
        until=date(2026, 5, 1),
        title="Fortnightly coaching",
        **extra,
    )


def starts(series):
    return [o.start for o in series.occurrences.order_by("start")]


@time_machine.travel(NOW, tick=False)
def test_it_keeps_the_local_time_of_a_fortnightly_series_across_the_clock_change(london):
    series = fortnightly(london)
    assert [s.astimezone(LONDON).strftime("%d %b %H:%M") for s in starts(series)] == [
        "03 Mar 09:00",
        "17 Mar 09:00",
        "31 Mar 09:00",
        "14 Apr 09:00",
        "28 Apr 09:00",
    ]
    # In UTC the series moves by an hour when British Summer Time starts on 29 March.
    assert [s.hour for s in starts(series)] == [9, 9, 8, 8, 8]


@time_machine.travel(NOW, tick=False)
def test_it_shows_the_series_at_the_same_local_time_before_and_after_the_change(london, login):
    fortnightly(london)
    client = login(london.bob)
    url = reverse("scheduling:calendar", args=[london.org.slug])
    before = client.get(url, {"day": "2026-03-03"}).content.decode()
    after = client.get(url, {"day": "2026-03-31"}).content.decode()
    assert "09:00" in before and "Fortnightly coaching" in before
    assert "09:00" in after and "Fortnightly coaching" in after
    assert "08:00" not in after


@time_machine.travel(NOW, tick=False)
def test_it_shows_each_viewer_their_own_clock(london, login):
    london.bob.user.time_zone = "America/New_York"
    london.bob.user.save()
    fortnightly(london)
    page = login(london.bob).get(
        reverse("scheduling:calendar", args=[london.org.slug]), {"day": "2026-03-03"}
    )
    assert "04:00" in page.content.decode()  # 09:00 in London is 04:00 in New York in early March


@time_machine.travel(NOW, tick=False)
def test_it_sends_an_invitation_with_an_ics_request(london, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        fortnightly(london)
    assert [m.to for m in mail.outbox] == [["bob@acme.test"]]
    message = mail.outbox[0]
    assert message.subject.startswith("Invitation: Fortnightly coaching")
    parts = [p for p in message.message().walk() if p.get_filename() == "invite.ics"]
    ics = parts[0].get_payload(decode=True).decode("utf-8")
    assert "METHOD:REQUEST" in ics and "RRULE:FREQ=WEEKLY;" in ics and "INTERVAL=2" in ics
    calendar_parts = [
        p for p in message.message().walk() if p.get_content_type() == "text/calendar"
    ]
    assert [p.get_param("method") for p in calendar_parts] == ["REQUEST"]


@time_machine.travel(NOW, tick=False)
def test_it_cancels_one_occurrence_and_marks_a_late_cancellation(london):
    series = fortnightly(london)
    first = series.occurrences.order_by("start").first()
    with time_machine.travel(datetime(2026, 3, 2, 20, 0, tzinfo=UTC), tick=False):
        cancelled = services.occurrence_cancel(actor=london.bob, occurrence=first, reason="Ill")
    assert cancelled.is_cancelled and cancelled.late  # 13 hours before, inside the 24-hour window
    series.refresh_from_db()
    assert series.sequence == 1 and not series.is_cancelled
    assert series.occurrences.filter(status="scheduled").count() == 4
    invitation = Reminder.objects.get(kind=Reminder.INVITATION, ics_method="CANCEL")
    assert invitation.recipient == london.alice and "RECURRENCE-ID" in invitation.ics


@time_machine.travel(NOW, tick=False)
def test_it_follows_the_organizations_cancellation_window(london):
    SchedulingSettings.objects.create(org=london.org, cancellation_window_hours=2)
    first = fortnightly(london).occurrences.order_by("start").first()
    with time_machine.travel(datetime(2026, 3, 2, 20, 0, tzinfo=UTC), tick=False):
        cancelled = services.occurrence_cancel(actor=london.bob, occurrence=first, reason="Ill")
    assert not cancelled.late


@time_machine.travel(NOW, tick=False)
def test_it_asks_for_a_reason(london):
    first = fortnightly(london).occurrences.first()
    with pytest.raises(ValidationError) as caught:
        services.occurrence_cancel(actor=london.bob, occurrence=first, reason="  ")
    assert caught.value.message_dict == {"reason": [ERROR_REASON]}
    assert not ScheduledSession.objects.filter(status="cancelled").exists()


@time_machine.travel(NOW, tick=False)
def test_it_cancels_the_rest_of_a_series(london):
    series = fortnightly(london)
    third = series.occurrences.order_by("start")[2]
    services.occurrence_cancel(
        actor=london.alice, occurrence=third, reason="Moving on", following=True
    )
    series.refresh_from_db()
    assert series.until == date(2026, 3, 30) and not series.is_cancelled
    assert series.occurrences.filter(status="scheduled").count() == 2
    assert series.occurrences.filter(status="cancelled").count() == 3


@time_machine.travel(NOW, tick=False)
def test_it_cancels_a_whole_series_from_its_first_session(london):
    series = fortnightly(london)
    first = series.occurrences.order_by("start").first()
    services.occurrence_cancel(actor=london.alice, occurrence=first, reason="Ended", following=True)
    series.refresh_from_db()
    assert series.is_cancelled
    assert not series.occurrences.filter(status="scheduled").exists()


@time_machine.travel(NOW, tick=False)
def test_it_moves_one_occurrence(london):
    series = fortnightly(london)
    second = series.occurrences.order_by("start")[1]
    new = datetime(2026, 3, 18, 14, 0, tzinfo=LONDON)
    moved = services.occurrence_reschedule(
        actor=london.alice, occurrence=second, start=new, reason="Clash"
    )
    assert moved.start == new and moved.moved and moved.original_start.day == 17
    invitation = Reminder.objects.get(kind=Reminder.INVITATION, occurrence__startswith="REQUEST-1")
    assert "RECURRENCE-ID" in invitation.ics


@time_machine.travel(NOW, tick=False)
def test_it_moves_the_rest_of_a_series_into_a_series_of_its_own(london):
    series = fortnightly(london)
    third = series.occurrences.order_by("start")[2]
    moved = services.occurrence_reschedule(
        actor=london.alice,
        occurrence=third,
        start=datetime(2026, 4, 1, 16, 0, tzinfo=LONDON),
        reason="New working hours",
        following=True,
    )
    series.refresh_from_db()
    assert series.until == date(2026, 3, 30)
    assert len(starts(series)) == 2
    tail = SessionSeries.objects.exclude(pk=series.pk).get()
    assert moved.series == tail
    assert [s.astimezone(LONDON).strftime("%a %d %b %H:%M") for s in starts(tail)] == [
        "Wed 01 Apr 16:00",
        "Wed 15 Apr 16:00",
        "Wed 29 Apr 16:00",
    ]


@time_machine.travel(NOW, tick=False)
def test_it_moves_a_whole_series_when_its_first_session_moves(london):
    series = fortnightly(london)
    first = series.occurrences.order_by("start").first()
    services.occurrence_reschedule(
        actor=london.alice,
        occurrence=first,
        start=datetime(2026, 3, 3, 11, 0, tzinfo=LONDON),
        reason="Later",
        following=True,
    )
    series.refresh_from_db()
    assert SessionSeries.objects.count() == 1 and series.sequence == 1
    assert {s.astimezone(LONDON).hour for s in starts(series)} == {11}


@time_machine.travel(NOW, tick=False)
def test_it_creates_review_sessions_from_a_cadence(london):
    review = services.cadence_set(
        actor=london.alice,
        engagement=london.engagement,
        every_weeks=4,
        first=datetime(2026, 3, 10, 10, 0, tzinfo=LONDON),
    )
    assert review.kind == "review" and review.interval == 4 and not review.until
    days = [s.date() for s in starts(review)[:3]]
    assert days == [date(2026, 3, 10), date(2026, 4, 7), date(2026, 5, 5)]
    # an endless series has rows for about a year ahead
    assert starts(review)[-1] > NOW + timedelta(days=360)
    replaced = services.cadence_set(
        actor=london.alice,
        engagement=london.engagement,
        every_weeks=2,
        first=datetime(2026, 3, 17, 10, 0, tzinfo=LONDON),
    )
    review.refresh_from_db()
    assert review.is_cancelled and replaced.interval == 2


@time_machine.travel(NOW, tick=False)
def test_it_refuses_a_series_without_an_end_in_sight(london):
    with pytest.raises(ValidationError) as caught:
        services.session_schedule(
            actor=london.alice,
            engagement=london.engagement,
            start=datetime(2026, 3, 3, 9, 0, tzinfo=LONDON),
            freq="weekly",
            count=500,
        )
    assert "count" in caught.value.message_dict
    assert not SessionSeries.objects.exists()
