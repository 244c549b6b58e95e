"""Reminders: a day and an hour before a session, log-your-session, reviews, events and actions;
each person's choice per kind (now, digest, off) and quiet hours; every reminder sent exactly once.

The last tests run on PostgreSQL (DATABASE_URL=postgres://..., as CI does): two workers send at
the same moment, and a worker process is killed halfway through.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from trellis.core.schedule import ReminderKind
from trellis.scheduling import services
from trellis.scheduling.models import Reminder, ReminderPreference, ReminderSettings
from trellis.scheduling.services import outbox
from trellis.scheduling.services.reminders import reminder_pass

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def london(world):
    for member in (world.alice, world.bob):
        member.user.time_zone = "Europe/London"
        member.user.save()
    return world


def session_at(world, start, **extra):
    with time_machine.travel(NOW, tick=False):
        return services.session_schedule(
            actor=world.alice,
            engagement=world.engagement,
            start=start,
            title="Coaching",
            invite=False,
            **extra,
        )


def pass_at(moment):
    with time_machine.travel(moment, tick=False):
        return reminder_pass(now=moment)


def subjects():
    return sorted((m.to[0], m.subject) for m in mail.outbox)


def test_it_reminds_both_people_a_day_and_an_hour_before_a_session(london):
    session_at(london, datetime(2026, 3, 10, 10, 0, tzinfo=LONDON))
    assert pass_at(datetime(2026, 3, 9, 9, 30, tzinfo=UTC))["sent"] == 0
    pass_at(datetime(2026, 3, 9, 10, 0, 30, tzinfo=UTC))
    assert subjects() == [
        ("alice@acme.test", "Coaching with Bob Coachee tomorrow"),
        ("bob@acme.test", "Coaching with Alice Coach tomorrow"),
    ]
    pass_at(datetime(2026, 3, 9, 10, 5, tzinfo=UTC))
    assert len(mail.outbox) == 2  # planning again and sending again changes nothing
    pass_at(datetime(2026, 3, 10, 9, 1, tzinfo=UTC))
    assert [s for _, s in subjects()].count("Coaching with Alice Coach in an hour") == 1
    assert len(mail.outbox) == 4
    assert "When: Tuesday 10 March 2026, 10:00 (Europe/London)" in mail.outbox[-1].body


def test_it_waits_for_the_end_of_quiet_hours_and_drops_what_would_come_too_late(london):
    at = datetime(2026, 1, 1, 7, 30).time()
    ReminderSettings.objects.create(
        member=london.bob,
        quiet_start=datetime(2026, 1, 1, 21, 0).time(),
        quiet_end=at,
        digest_time=at,
    )
    ReminderSettings.objects.create(member=london.alice, digest_time=at)  # no quiet hours
    session_at(london, datetime(2026, 3, 11, 7, 0, tzinfo=LONDON))
    pass_at(datetime(2026, 3, 10, 6, 0, tzinfo=UTC))

    def planned(member):
        rows = Reminder.objects.filter(recipient=member, kind="session").order_by("send_at")
        return [r.send_at.astimezone(LONDON).strftime("%d %H:%M") for r in rows]

    # A day before is 07:00, inside Bob's quiet hours: it waits until 07:30. An hour before is
    # 06:00; at 07:30 the session would have started, so that one is dropped.
    assert planned(london.bob) == ["10 07:30"]
    assert planned(london.alice) == ["10 07:00", "11 06:00"]
    pass_at(datetime(2026, 3, 10, 7, 15, tzinfo=UTC))
    assert [to for to, _ in subjects()] == ["alice@acme.test"]
    pass_at(datetime(2026, 3, 10, 7, 31, tzinfo=UTC))
    assert [to for to, _ in subjects()] == ["alice@acme.test", "bob@acme.test"]


def test_it_follows_each_persons_choice_digest_or_off(london):
    services.preferences_save(
        member=london.bob,
        delivery={"session": "digest"},
        quiet_start=None,
        quiet_end=None,
        digest_time=datetime(2026, 1, 1, 8, 0).time(),
    )
    services.preferences_save(
        member=london.alice,
        delivery={"session": "off"},
        quiet_start=None,
        quiet_end=None,
        digest_time=datetime(2026, 1, 1, 8, 0).time(),
    )
    session_at(london, datetime(2026, 3, 10, 18, 0, tzinfo=LONDON))
    pass_at(datetime(2026, 3, 9, 18, 0, 30, tzinfo=UTC))
    assert mail.outbox == []
    assert set(
        Reminder.objects.filter(recipient=london.alice).values_list("status", flat=True)
    ) == {"skipped"}
    pass_at(datetime(2026, 3, 10, 8, 0, 30, tzinfo=UTC))
    assert subjects() == [("bob@acme.test", "Your Trellis digest: 1 reminder")]
    assert "Coaching with Alice Coach tomorrow" in mail.outbox[0].body


def test_it_collects_log_your_session_and_overdue_actions_in_one_digest(london):
    from trellis.goals.tests.helpers import bob_plan

    with time_machine.travel(NOW, tick=False):
        bob_plan(london)  # Bob's action is due on 6 March
    session_at(london, datetime(2026, 3, 9, 14, 0, tzinfo=LONDON))
    pass_at(datetime(2026, 3, 9, 15, 30, tzinfo=UTC))
    sent_now = subjects()
    assert all("tomorrow" not in s for _, s in sent_now)  # booked long ago: that was yesterday
    mail.outbox.clear()
    pass_at(datetime(2026, 3, 10, 7, 31, tzinfo=UTC))
    digests = {m.to[0]: m.body for m in mail.outbox}
    assert set(digests) == {"alice@acme.test", "bob@acme.test"}
    assert "What will you take away from your session with Alice Coach?" in digests["bob@acme.test"]
    assert (
        "Overdue since Friday 6 March 2026: Draft next week's planning agenda"
        in digests["bob@acme.test"]
    )
    assert "Log your session with Bob Coachee" in digests["alice@acme.test"]


def test_it_skips_a_reminder_for_a_session_that_moved(london):
    series = session_at(london, datetime(2026, 3, 10, 10, 0, tzinfo=LONDON))
    pass_at(datetime(2026, 3, 9, 9, 30, tzinfo=UTC))
    with time_machine.travel(datetime(2026, 3, 9, 9, 40, tzinfo=UTC), tick=False):
        services.occurrence_reschedule(
            actor=london.alice,
            occurrence=series.occurrences.get(),
            start=datetime(2026, 3, 12, 10, 0, tzinfo=LONDON),
            reason="Clash",
        )
    mail.outbox.clear()
    pass_at(datetime(2026, 3, 9, 10, 0, 30, tzinfo=UTC))
    # Bob hears that the session moved, and nobody is reminded of the old time.
    assert [s for _, s in subjects()] == [
        "Updated: Coaching on Thursday 12 March 2026, 10:00 (Europe/London)"
    ]
    assert Reminder.objects.filter(kind="session", status="skipped").count() == 2


class BrokenBackend(LocmemBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_it_retries_later_when_the_mail_server_is_down(london, settings):
    session_at(london, datetime(2026, 3, 10, 10, 0, tzinfo=LONDON))
    settings.EMAIL_BACKEND = "trellis.scheduling.tests.test_reminders.BrokenBackend"
    pass_at(datetime(2026, 3, 9, 10, 0, 30, tzinfo=UTC))
    assert Reminder.objects.filter(status="pending", attempts=1).count() == 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    pass_at(datetime(2026, 3, 9, 10, 20, tzinfo=UTC))
    assert len(mail.outbox) == 2


def test_it_saves_preferences_from_the_page(london, login):
    client = login(london.bob)
    url = reverse("scheduling:reminders", args=[london.org.slug])
    data = {f"kind_{k.value}": "digest" for k in ReminderKind}
    data |= {
        "kind_session": "off",
        "quiet_start": "22:00",
        "quiet_end": "07:00",
        "digest_time": "08:00",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    chosen = dict(
        ReminderPreference.objects.filter(member=london.bob).values_list("kind", "delivery")
    )
    # only choices that differ from the defaults are stored
    assert chosen == {"session": "off", "event_preparation": "digest"}
    page = client.get(url).content.decode()
    assert 'value="22:00"' in page


def test_it_refuses_half_of_a_quiet_period(london, login):
    data = {f"kind_{k.value}": "immediately" for k in ReminderKind}
    data |= {"quiet_start": "22:00", "digest_time": "08:00"}
    page = login(london.bob).post(reverse("scheduling:reminders", args=[london.org.slug]), data)
    assert "Give both ends of your quiet hours, or neither." in page.content.decode()
    assert not ReminderSettings.objects.exists()


# exactly once, on PostgreSQL


def needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (CI does)")


def due_reminders(world, n):
    now = timezone.now()
    people = [world.alice, world.bob, world.dana, world.olga]
    Reminder.objects.bulk_create(
        Reminder(
            recipient=people[i % len(people)],
            kind="action_due_soon",  # no staleness check: nothing to look up
            object_uuid=world.engagement.uuid,
            occurrence=f"test-{i}",
            due_at=now - timedelta(minutes=5),
            send_at=now - timedelta(minutes=5),
            subject=f"Reminder {i:03d}",
            body="",
        )
        for i in range(n)
    )


class SlowBackend(LocmemBackend):
    """A mail server that takes a moment per message, so two workers really overlap."""

    def send_messages(self, messages):
        time.sleep(0.003)
        return super().send_messages(messages)


@pytest.mark.django_db(transaction=True)
def test_it_sends_each_reminder_once_with_two_workers_at_the_same_moment(world, settings):
    needs_postgres()
    settings.EMAIL_BACKEND = "trellis.scheduling.tests.test_reminders.SlowBackend"
    due_reminders(world, 120)
    barrier = threading.Barrier(2)
    counts: list[int] = []

    def worker():
        try:
            barrier.wait()
            counts.append(outbox.send_due(now=timezone.now()))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    sent = [m.subject for m in mail.outbox]
    assert len(sent) == 120 and len(set(sent)) == 120
    assert sorted(counts) and sum(counts) == 120
    assert min(counts) > 0, "both workers should have sent some"  # they really ran side by side
    assert Reminder.objects.filter(status="sent").count() == 120


class StallingBackend(LocmemBackend):
    """Writes each accepted message to a file; after N messages it hangs, to be killed."""

    def send_messages(self, messages):
        accepted = Path(os.environ["TRELLIS_TEST_MAILBOX"])
        lines = accepted.read_text().splitlines() if accepted.exists() else []
        if len(lines) >= int(os.environ["TRELLIS_TEST_STALL_AFTER"]):
            Path(str(accepted) + ".stalled").write_text("stalled")
            time.sleep(120)
        with accepted.open("a") as out:
            out.write("".join(f"{m.subject}\n" for m in messages))
        return len(messages)


WORKER = """
import django
django.setup()
from django.conf import settings
settings.EMAIL_BACKEND = "trellis.scheduling.tests.test_reminders.StallingBackend"
from django.utils import timezone
from trellis.scheduling.services import outbox
outbox.send_due(now=timezone.now())
"""


@pytest.mark.django_db(transaction=True)
def test_it_resends_nothing_after_a_worker_is_killed_halfway(world, tmp_path):
    needs_postgres()
    due_reminders(world, 30)
    db = connection.settings_dict
    mailbox = tmp_path / "accepted.txt"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "trellis.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}",
        "TRELLIS_TEST_MAILBOX": str(mailbox),
        "TRELLIS_TEST_STALL_AFTER": "12",
    }
    if db.get("PASSWORD"):
        env["DATABASE_URL"] = env["DATABASE_URL"].replace(
            f"{db['USER']}@", f"{db['USER']}:{db['PASSWORD']}@"
        )
    child = subprocess.Popen([sys.executable, "-c", WORKER], env=env)
    stalled = Path(str(mailbox) + ".stalled")
    deadline = time.monotonic() + 60
    # The 13th message is being "sent": the first 12 were sent and committed, one row is locked.
    while not stalled.exists() and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    assert stalled.exists(), "the worker never reached the 13th message"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    sent_by_killed = mailbox.read_text().splitlines()
    assert len(sent_by_killed) == 12
    assert Reminder.objects.filter(status="sent").count() == 12
    # A second worker sends the rest: nothing twice, nothing lost (the killed lock went with it).
    outbox.send_due(now=timezone.now())
    resent = [m.subject for m in mail.outbox]
    assert len(resent) == 18 and not set(resent) & set(sent_by_killed)
    assert sorted(resent + sent_by_killed) == [f"Reminder {i:03d}" for i in range(30)]
    assert Reminder.objects.filter(status="sent").count() == 30
