"""A person who reads Trellis in German gets their calendar pages and their invitations in German,
whatever language the person who scheduled the session reads."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.utils import translation

from trellis.scheduling import services

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def english_afterwards():
    """A German request leaves German active in this thread; the next test starts in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _speaks_german(member):
    member.user.language = "de"
    member.user.time_zone = "Europe/Berlin"
    member.user.save(update_fields=["language", "time_zone"])


@time_machine.travel(NOW, tick=False)
def test_it_shows_bob_his_calendar_in_german(world, login):
    _speaks_german(world.bob)
    page = login(world.bob).get("/o/acme/calendar/").content.decode()
    assert "Mein Kalender" in page and "Heute" in page
    assert "My calendar" not in page


@time_machine.travel(NOW, tick=False)
def test_it_invites_a_german_speaking_coachee_in_german(world, django_capture_on_commit_callbacks):
    _speaks_german(world.bob)  # Alice, who schedules, reads English
    with django_capture_on_commit_callbacks(execute=True):
        services.session_schedule(
            actor=world.alice,
            engagement=world.engagement,
            start=datetime(2026, 3, 3, 9, 0, tzinfo=BERLIN),
            freq="weekly",
            interval=1,
            count=6,
            title="Quarterly planning",
        )
    (message,) = mail.outbox
    assert message.to == [world.bob.user.email]
    assert (
        message.subject
        == "Einladung: Quarterly planning am Dienstag 3 März 2026, 09:00 (Europe/Berlin)"
    )
    assert "hat eine Sitzung mit Ihnen geplant." in message.body
    assert "Wiederholung: wöchentlich, 6 Mal" in message.body
    assert "Welche Erinnerungen Sie wann erhalten" in message.body


@time_machine.travel(NOW, tick=False)
def test_it_gives_the_reason_trellis_wrote_in_german(world, django_capture_on_commit_callbacks):
    _speaks_german(world.bob)
    for weeks, day in ((4, 10), (2, 17)):  # the second cadence replaces the first
        with django_capture_on_commit_callbacks(execute=True):
            services.cadence_set(
                actor=world.alice,
                engagement=world.engagement,
                every_weeks=weeks,
                first=datetime(2026, 3, day, 10, 0, tzinfo=BERLIN),
            )
    reasons = [m.body for m in mail.outbox if "Grund:" in m.body]
    assert reasons and all(
        "Grund: Der Überprüfungsrhythmus hat sich geändert." in body for body in reasons
    )


def test_it_reminds_each_person_in_their_own_language(world):
    from trellis.scheduling.services.reminders import reminder_pass

    _speaks_german(world.bob)
    with time_machine.travel(NOW, tick=False):
        services.session_schedule(
            actor=world.alice,
            engagement=world.engagement,
            start=datetime(2026, 3, 10, 10, 0, tzinfo=BERLIN),
            title="Coaching",
            invite=False,
        )
    moment = datetime(2026, 3, 9, 9, 0, 30, tzinfo=UTC)  # a day before, on Bob's clock
    with time_machine.travel(moment, tick=False):
        reminder_pass(now=moment)
    sent = {m.to[0]: m for m in mail.outbox}
    bob = sent[world.bob.user.email]
    assert bob.subject == "Coaching mit Alice Coach morgen"
    assert "Wann: Dienstag 10 März 2026, 10:00 (Europe/Berlin)" in bob.body
    alice = sent[world.alice.user.email]  # Alice reads English
    assert alice.subject == "Coaching with Bob Coachee tomorrow"
