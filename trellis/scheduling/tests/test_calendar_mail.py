"""Calendar invitations survive strict parsers (UTF-8, one charset per MIME part), a "cancel this and
following" email says so, and the private feed answers 304 when nothing changed."""

import email
import email.policy
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
import vobject
from django.core import mail
from django.urls import reverse

from trellis.scheduling import services
from trellis.scheduling.models import CareerEvent
from trellis.scheduling.services.feeds import secret_of

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
TITLE = "Café planning \u2013 quarterly review"


@pytest.fixture
def london(world):
    for member in (world.alice, world.bob):
        member.user.time_zone = "Europe/London"
        member.user.save()
    return world


def weekly(world):
    return services.session_schedule(
        actor=world.alice,
        engagement=world.engagement,
        start=datetime(2026, 3, 3, 9, 0, tzinfo=LONDON),
        freq="weekly",
        interval=1,
        count=6,
        title=TITLE,
    )


def raw_message(message):
    """The email as the recipient's mail program parses it from the wire."""
    return email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)


@time_machine.travel(NOW, tick=False)
def test_it_attaches_utf8_ics_that_strict_parsers_read_back(
    london, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        weekly(london)
    (message,) = mail.outbox
    parsed = raw_message(message)
    calendars = [
        part
        for part in parsed.walk()
        if part.get_content_type() in ("text/calendar", "application/ics")
    ]
    assert {p.get_content_type() for p in calendars} == {"text/calendar", "application/ics"}
    for part in calendars:
        data = part.get_payload(decode=True)
        text = data.decode("utf-8")  # strict: fails on Latin-1 or escaped bytes
        assert TITLE in text.replace("\r\n ", "")  # unfolded
        assert str(icalendar.Calendar.from_ical(data).walk("VEVENT")[0]["SUMMARY"]).startswith(
            TITLE
        )
        assert vobject.readOne(text).vevent.summary.value.startswith(TITLE)


@time_machine.travel(NOW, tick=False)
def test_it_gives_each_mime_part_one_charset(london, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        weekly(london)
    (message,) = mail.outbox
    for part in raw_message(message).walk():
        content_type = part.get("Content-Type", "")
        assert content_type.lower().count("charset") <= 1, content_type
    calendar = next(
        p for p in raw_message(message).walk() if p.get_content_type() == "text/calendar"
    )
    assert calendar.get_param("method") == "REQUEST"
    assert calendar.get_content_charset() == "utf-8"


@time_machine.travel(NOW, tick=False)
def test_it_says_so_when_a_session_and_all_following_are_cancelled(
    london, django_capture_on_commit_callbacks
):
    series = weekly(london)
    third = series.occurrences.order_by("start")[2]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.occurrence_cancel(
            actor=london.alice, occurrence=third, reason="Project ends", following=True
        )
    (message,) = [m for m in mail.outbox if not m.subject.startswith("Invitation")]
    assert message.to == ["bob@acme.test"]
    assert message.subject.startswith("Cancelled from Tuesday 17 March 2026")
    assert "and all the following sessions of this series" in message.body
    assert "changed the time" not in message.body


def feed(client, token, **headers):
    return client.get(reverse("scheduling:feed", args=[secret_of(token)]), headers=headers)


@time_machine.travel(NOW, tick=False)
def test_it_answers_304_for_an_unchanged_feed(london, client):
    weekly(london)
    token = services.feed_token_create(member=london.bob)
    first = feed(client, token)
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    with time_machine.travel(datetime(2026, 3, 1, 13, 0, tzinfo=UTC), tick=False):
        again = feed(client, token)
        assert again.content == first.content and again["ETag"] == first["ETag"]
        assert feed(client, token, if_none_match=first["ETag"]).status_code == 304
        assert feed(client, token, if_modified_since=first["Last-Modified"]).status_code == 304


@time_machine.travel(NOW, tick=False)
def test_it_answers_the_new_feed_after_a_change(london, client):
    weekly(london)
    token = services.feed_token_create(member=london.bob)
    first = feed(client, token)
    with time_machine.travel(datetime(2026, 3, 1, 14, 0, tzinfo=UTC), tick=False):
        services.career_event_log(
            actor=london.bob,
            coachee=london.bob,
            type=CareerEvent.Type.JOB_INTERVIEW,
            date=date(2026, 3, 20),
        )
        changed = feed(client, token, if_none_match=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


@time_machine.travel(NOW, tick=False)
def test_it_moves_last_modified_when_a_session_moves(london, client):
    series = weekly(london)
    token = services.feed_token_create(member=london.bob)
    first = feed(client, token)
    with time_machine.travel(datetime(2026, 3, 1, 15, 0, tzinfo=UTC), tick=False):
        services.occurrence_reschedule(
            actor=london.alice,
            occurrence=series.occurrences.order_by("start").first(),
            start=datetime(2026, 3, 4, 9, 0, tzinfo=LONDON),
            reason="Clash",
        )
        moved = feed(client, token, if_modified_since=first["Last-Modified"])
    assert moved.status_code == 200
    assert moved["Last-Modified"] != first["Last-Modified"]
