"""The private calendar feed, read back with vobject: a second, independent iCalendar parser."""

from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
import vobject
from django.urls import reverse

from trellis.scheduling import services
from trellis.scheduling.models import CareerEvent, ScheduledSession
from trellis.scheduling.services.feeds import secret_of

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@contextmanager
def read_back(data: bytes):
    """Parse with vobject, TZIDs bound to the VTIMEZONEs in the feed itself (see core test_ical)."""
    text = data.decode("utf-8")
    registry = vars(vobject.icalendar)["__tzidMap"]
    saved = dict(registry)
    try:
        for vtimezone in getattr(vobject.readOne(text), "vtimezone_list", []):
            registry[vtimezone.tzid.value] = vtimezone.gettzinfo()
        yield vobject.readOne(text)
    finally:
        registry.clear()
        registry.update(saved)


@pytest.fixture
def scheduled(world):
    with time_machine.travel(NOW, tick=False):
        for member in (world.alice, world.bob):
            member.user.time_zone = "Europe/London"
            member.user.save()
        series = services.session_schedule(
            actor=world.alice,
            engagement=world.engagement,
            start=datetime(2026, 3, 3, 9, 0, tzinfo=LONDON),
            freq="weekly",
            interval=2,
            until=date(2026, 5, 1),
            title="Fortnightly coaching",
        )
        rows = list(series.occurrences.order_by("start"))
        services.occurrence_cancel(actor=world.bob, occurrence=rows[1], reason="Away")
        services.occurrence_reschedule(
            actor=world.alice,
            occurrence=rows[3],
            start=datetime(2026, 4, 15, 14, 0, tzinfo=LONDON),
            reason="Clash",
        )
        single = services.session_schedule(
            actor=world.bob,
            engagement=world.engagement,
            start=datetime(2026, 3, 20, 15, 30, tzinfo=UTC),
            duration_minutes=45,
            timezone_name="America/New_York",
            title="Extra session",
        )
        services.occurrence_cancel(
            actor=world.alice, occurrence=single.occurrences.get(), reason="No longer needed"
        )
        services.career_event_log(
            actor=world.bob,
            coachee=world.bob,
            type=CareerEvent.Type.PROMOTION_DECISION,
            date=date(2026, 4, 20),
            title="Promotion panel",
            notes="Bring the portfolio",
        )
        token = services.feed_token_create(member=world.bob)
    world.series, world.single, world.token = series, single, token
    return world


def fetch(client, token):
    return client.get(reverse("scheduling:feed", args=[secret_of(token)]))


@time_machine.travel(NOW, tick=False)
def test_it_serves_the_feed_without_signing_in(scheduled, client):
    response = fetch(client, scheduled.token)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")


@time_machine.travel(NOW, tick=False)
def test_it_reads_back_every_event_with_uids_sequences_and_statuses(scheduled, client):
    with read_back(fetch(client, scheduled.token).content) as cal:
        by_uid: dict[str, list] = {}
        for vevent in cal.vevent_list:
            by_uid.setdefault(vevent.uid.value, []).append(vevent)
    series, single = scheduled.series, scheduled.single
    series.refresh_from_db()
    single.refresh_from_db()
    event = CareerEvent.objects.get()
    assert set(by_uid) == {series.uid, single.uid, f"event-{event.uuid}@trellis"}
    main = next(v for v in by_uid[series.uid] if not hasattr(v, "recurrence_id"))
    assert int(main.sequence.value) == series.sequence == 2
    assert main.status.value == "CONFIRMED"
    cancelled = by_uid[single.uid][0]
    assert cancelled.status.value == "CANCELLED" and int(cancelled.sequence.value) == 1
    promotion = by_uid[f"event-{event.uuid}@trellis"][0]
    assert promotion.dtstart.value == date(2026, 4, 20)
    assert promotion.summary.value == "Promotion panel"


@time_machine.travel(NOW, tick=False)
def test_it_expands_to_exactly_the_sessions_in_the_database(scheduled, client):
    with read_back(fetch(client, scheduled.token).content) as cal:
        vevents = [v for v in cal.vevent_list if v.uid.value == scheduled.series.uid]
        main = next(v for v in vevents if not hasattr(v, "recurrence_id"))
        from_rule = {d.astimezone(UTC) for d in main.getrruleset()}
        overrides = {
            v.recurrence_id.value.astimezone(UTC): v.dtstart.value.astimezone(UTC)
            for v in vevents
            if hasattr(v, "recurrence_id")
        }
    in_feed = sorted(overrides.get(start, start) for start in from_rule)
    in_db = sorted(
        o.start
        for o in scheduled.series.occurrences.filter(status=ScheduledSession.Status.SCHEDULED)
    )
    assert in_feed == in_db
    assert len(in_db) == 4  # five, one cancelled (an EXDATE), one moved (a RECURRENCE-ID)


@time_machine.travel(NOW, tick=False)
def test_it_keeps_the_local_time_across_the_clock_change_in_the_feed(scheduled, client):
    with read_back(fetch(client, scheduled.token).content) as cal:
        main = next(
            v
            for v in cal.vevent_list
            if v.uid.value == scheduled.series.uid and not hasattr(v, "recurrence_id")
        )
        tzid = main.dtstart.params["X-VOBJ-ORIGINAL-TZID"][0]
        read = list(main.getrruleset())
    assert tzid == "Europe/London"
    assert {(d.hour, d.minute) for d in read} == {(9, 0)}
    # 17 March is cancelled (EXDATE); British Summer Time starts on 29 March.
    assert [(d.date().day, d.astimezone(UTC).hour) for d in read] == [
        (3, 9),
        (31, 8),
        (14, 8),
        (28, 8),
    ]


@time_machine.travel(NOW, tick=False)
def test_it_raises_the_sequence_on_every_change(scheduled, client):
    scheduled.series.refresh_from_db()
    before = scheduled.series.sequence
    row = scheduled.series.occurrences.filter(status="scheduled").order_by("start").last()
    services.occurrence_cancel(actor=scheduled.alice, occurrence=row, reason="Holiday")
    with read_back(fetch(client, scheduled.token).content) as cal:
        main = next(
            v
            for v in cal.vevent_list
            if v.uid.value == scheduled.series.uid and not hasattr(v, "recurrence_id")
        )
        assert int(main.sequence.value) == before + 1
        exdates = {d.astimezone(UTC) for line in main.exdate_list for d in line.value}
    assert row.original_start in exdates


@time_machine.travel(NOW, tick=False)
def test_it_stops_serving_a_revoked_or_forged_address(scheduled, client):
    secret = secret_of(scheduled.token)
    forged = secret[:-1] + ("0" if secret[-1] != "0" else "1")
    assert client.get(reverse("scheduling:feed", args=[forged])).status_code == 404
    services.feed_token_revoke(member=scheduled.bob)
    assert fetch(client, scheduled.token).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_it_shows_the_coach_the_sessions_and_events_but_a_sponsor_nothing(scheduled, client):
    token = services.feed_token_create(member=scheduled.alice)
    body = fetch(client, token).content.decode().replace("\r\n ", "")
    assert scheduled.series.uid in body
    assert "Promotion panel (Bob Coachee)" in body and "Bring the portfolio" in body
    dana_token = services.feed_token_create(member=scheduled.dana)
    dana_feed = fetch(client, dana_token).content.decode()
    assert "BEGIN:VEVENT" not in dana_feed  # a sponsor does not take part in the sessions


@time_machine.travel(NOW, tick=False)
def test_it_shows_the_feed_address_with_copy_and_revoke(scheduled, login):
    page = login(scheduled.bob).get(reverse("scheduling:reminders", args=[scheduled.org.slug]))
    body = page.content.decode()
    assert secret_of(scheduled.token) in body
    assert "Copy" in body and "Switch the feed off" in body


def test_it_keeps_old_sessions_out_after_half_a_year(scheduled, client):
    with time_machine.travel(NOW + timedelta(days=400), tick=False):
        body = fetch(client, scheduled.token).content.decode()
    assert scheduled.series.uid not in body


@time_machine.travel(NOW, tick=False)
def test_it_sends_invitations_and_cancellations_that_a_calendar_program_reads(scheduled):
    from trellis.scheduling.models import Reminder

    sent = Reminder.objects.filter(kind=Reminder.INVITATION, object_uuid=scheduled.series.uuid)
    request = sent.get(ics_method="REQUEST", occurrence="REQUEST-0")
    cancel = sent.get(ics_method="CANCEL")
    with read_back(request.ics.encode()) as cal:
        assert cal.method.value == "REQUEST"
        [vevent] = cal.vevent_list
        assert vevent.uid.value == scheduled.series.uid and int(vevent.sequence.value) == 0
        assert vevent.organizer.value == "mailto:alice@acme.test"
        assert {a.value for a in vevent.attendee_list} == {
            "mailto:alice@acme.test",
            "mailto:bob@acme.test",
        }
    with read_back(cancel.ics.encode()) as cal:
        assert cal.method.value == "CANCEL"
        [vevent] = cal.vevent_list
        assert vevent.uid.value == scheduled.series.uid and vevent.status.value == "CANCELLED"
        assert int(vevent.sequence.value) == 1
        assert vevent.recurrence_id.value.astimezone(UTC) == datetime(2026, 3, 17, 9, 0, tzinfo=UTC)
    assert request.recipient == scheduled.bob and cancel.recipient == scheduled.alice
