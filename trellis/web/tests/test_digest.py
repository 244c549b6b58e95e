"""The home digest email: sent by the worker's reminder pass at each person's digest time, daily
or weekly as they chose, once per period, and never with more than their home page shows."""

from datetime import datetime, time, timedelta
from typing import Any
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from trellis.scheduling.models import HomeDigest, ReminderSettings
from trellis.web.models import DigestSent
from trellis.web.services.digest import digest_pass, digest_period
from trellis.web.tests.test_homes import (
    CHECK_IN_NOTE,
    DONE_ACTION,
    EVENT_TITLE,
    NOW,
    OVERDUE_ACTION,
    PRIVATE_NOTE,
    UNSHARED_NOTE,
    build_day,
)


@pytest.fixture
def day(world: Any) -> Any:
    return build_day(world)


MORNING = NOW.replace(hour=8, minute=5)  # Wednesday 08:05 UTC


def _choose(member: Any, choice: str, at: time = time(8, 0)) -> None:
    ReminderSettings.objects.update_or_create(
        member=member, defaults={"digest_time": at, "home_digest": choice}
    )


def _pass(when: datetime) -> dict[str, int]:
    with time_machine.travel(when, tick=False):
        return digest_pass(now=when)


def test_it_knows_which_period_is_due():
    wednesday = datetime(2026, 12, 2, 8, 0)
    assert digest_period("daily", wednesday, time(8, 0)) == "2026-12-02"
    assert digest_period("daily", wednesday - timedelta(minutes=1), time(8, 0)) is None
    monday_early = datetime(2026, 11, 30, 7, 0)
    assert digest_period("weekly", monday_early, time(8, 0)) is None
    assert digest_period("weekly", monday_early + timedelta(hours=1), time(8, 0)) == "2026-W49"
    assert digest_period("weekly", wednesday, time(8, 0)) == "2026-W49"  # a late worker still sends
    assert digest_period("off", wednesday, time(8, 0)) is None


def test_it_sends_a_daily_digest_once_a_day_in_plain_text_and_html(day):
    _choose(day.bob, HomeDigest.DAILY)
    assert _pass(MORNING - timedelta(minutes=10)) == {"home_digests_sent": 0}  # 07:55
    assert _pass(MORNING) == {"home_digests_sent": 1}
    assert _pass(MORNING + timedelta(minutes=1)) == {"home_digests_sent": 0}
    assert _pass(MORNING + timedelta(hours=5)) == {"home_digests_sent": 0}
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["bob@acme.test"]
    assert email.subject == "Your day in Trellis (Acme Learning)"
    assert "THE ONE THING TO DO NOW" in email.body
    assert OVERDUE_ACTION in email.body  # his own actions: his to read
    html, kind = email.alternatives[0]  # type: ignore[attr-defined]
    assert kind == "text/html" and "<h2" in html and OVERDUE_ACTION in html
    assert "http://" in email.body  # links reach the site from a mail program
    assert _pass(MORNING + timedelta(days=1)) == {"home_digests_sent": 1}
    assert list(DigestSent.objects.values_list("period", flat=True).order_by("period")) == [
        "2026-12-02",
        "2026-12-03",
    ]


def test_it_sends_a_weekly_digest_once_a_week(day):
    _choose(day.alice, HomeDigest.WEEKLY)
    assert _pass(MORNING) == {"home_digests_sent": 1}  # week 49, sent on its Wednesday
    assert _pass(MORNING + timedelta(days=2)) == {"home_digests_sent": 0}
    assert _pass(MORNING + timedelta(days=5)) == {"home_digests_sent": 1}  # Monday, week 50
    assert mail.outbox[0].subject == "Your week in Trellis (Acme Learning)"
    assert "COACHEES WHO NEED YOU" in mail.outbox[0].body


def test_it_sends_nothing_to_whoever_did_not_ask(day):
    _choose(day.bob, HomeDigest.OFF)
    assert _pass(MORNING) == {"home_digests_sent": 0}
    assert mail.outbox == []


def test_it_keeps_the_period_open_when_the_mail_server_fails(day):
    _choose(day.bob, HomeDigest.DAILY)
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("refused")):
        assert _pass(MORNING) == {"home_digests_sent": 0}
    assert not DigestSent.objects.exists()
    assert _pass(MORNING + timedelta(minutes=1)) == {"home_digests_sent": 1}


def test_it_shows_the_sponsor_only_attendance_and_what_was_shared_with_them(day):
    _choose(day.dana, HomeDigest.DAILY)
    assert _pass(MORNING) == {"home_digests_sent": 1}
    email = mail.outbox[0]
    html = email.alternatives[0][0]
    assert "Bob Coachee" in email.body and "Held 1" in email.body
    for secret in (
        OVERDUE_ACTION,
        DONE_ACTION,
        CHECK_IN_NOTE,
        PRIVATE_NOTE,
        UNSHARED_NOTE,
        EVENT_TITLE,
        "Rehearse the ask",
    ):
        assert secret not in email.body and secret not in html


def test_it_shows_the_coach_what_was_shared_since_the_last_digest(day):
    _choose(day.alice, HomeDigest.DAILY)
    assert _pass(MORNING + timedelta(hours=2)) == {"home_digests_sent": 1}  # 10:05
    assert "Bob Coachee, check-in on " + OVERDUE_ACTION in mail.outbox[0].body
    assert PRIVATE_NOTE not in mail.outbox[0].body
    # next morning: the check-in was in yesterday's digest, so it is not new any more
    assert _pass(MORNING + timedelta(days=1)) == {"home_digests_sent": 1}
    assert "check-in on" not in mail.outbox[1].body


def test_it_is_sent_by_the_worker_s_reminder_pass(day):
    _choose(day.bob, HomeDigest.DAILY)
    with time_machine.travel(MORNING, tick=False):
        call_command("reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        call_command("reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    digests = [m for m in mail.outbox if m.subject.startswith("Your day in Trellis")]
    assert len(digests) == 1


def test_it_lets_a_person_choose_the_digest_on_their_reminder_settings(world, login):
    client = login(world.bob)
    response = client.post(
        "/o/acme/reminders/",
        {
            "digest_time": "07:30",
            "quiet_start": "",
            "quiet_end": "",
            "home_digest": "weekly",
            **{f"kind_{k}": "immediately" for k in _kinds()},
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ReminderSettings.objects.get(member=world.bob).home_digest == "weekly"
    page = client.get("/o/acme/reminders/").content.decode()
    assert (
        'value="weekly" checked' in page
        or 'checked value="weekly"' in page
        or ('value="weekly"' in page and "checked" in page)
    )


def _kinds() -> list[str]:
    from trellis.core.schedule import ReminderKind

    return [k.value for k in ReminderKind]
