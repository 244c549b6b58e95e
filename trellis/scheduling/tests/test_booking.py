"""Coaches publish weekly availability with exceptions and buffers; coachees book free slots.

Two people never hold the same slot: the last tests book at the same moment from two database
connections on PostgreSQL (run with DATABASE_URL=postgres://...; skipped on SQLite, whose
single writer makes the race impossible to stage).
"""

import threading
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from trellis.accounts.models import Membership, User
from trellis.engagements.models import Engagement
from trellis.scheduling import services
from trellis.scheduling.models import Booking, Reminder, ScheduledSession
from trellis.scheduling.services.bookings import ERROR_NOT_A_SLOT, ERROR_SLOT_TAKEN

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # a Monday
TUESDAY_9 = datetime(2026, 3, 3, 9, 0, tzinfo=BERLIN)


def on_postgres() -> bool:
    return connection.vendor == "postgresql"


def erin_of(world):
    user = User.objects.create(email="erin@acme.test", name="Erin Coachee", time_zone="UTC")
    erin = Membership.objects.create(org=world.org, user=user, is_coachee=True)
    engagement = Engagement.objects.create(org=world.org, coach=world.alice, coachee=erin)
    return erin, engagement


def publish(world):
    services.availability_save(
        actor=world.alice,
        timezone_name="Europe/Berlin",
        slot_minutes=60,
        buffer_before_minutes=0,
        buffer_after_minutes=15,
        notice_hours=12,
    )
    services.availability_window_add(actor=world.alice, weekday=1, start=time(9), end=time(12))


def local(slots):
    return [s.start.astimezone(BERLIN).strftime("%a %H:%M") for s in slots]


def week(world):
    return services.free_slots(
        engagement=world.engagement, start=NOW, end=NOW + timedelta(days=7), now=NOW
    )


@time_machine.travel(NOW, tick=False)
def test_it_offers_slots_inside_the_weekly_windows_on_the_coachs_clock(world):
    publish(world)
    # 09:00 and 10:00 fit; 11:00 too, the window ends at 12:00. Buffers only matter between sessions.
    assert local(week(world)) == ["Tue 09:00", "Tue 10:00", "Tue 11:00"]


@time_machine.travel(NOW, tick=False)
def test_it_keeps_buffers_around_existing_sessions_and_honours_exceptions(world):
    publish(world)
    services.session_schedule(
        actor=world.alice,
        engagement=world.engagement,
        start=datetime(2026, 3, 3, 10, 0, tzinfo=BERLIN),
        duration_minutes=30,
    )
    # 10:00-10:30 is taken, with 15 minutes after it: 09:00 would touch it, and so would 10:00.
    assert local(week(world)) == ["Tue 11:00"]
    services.availability_exception_add(
        actor=world.alice,
        kind="blocked",
        start=datetime(2026, 3, 3, 11, 0, tzinfo=BERLIN),
        end=datetime(2026, 3, 3, 12, 0, tzinfo=BERLIN),
        note="Dentist",
    )
    assert local(week(world)) == []


@time_machine.travel(NOW, tick=False)
def test_it_offers_extra_time_added_as_an_exception(world):
    publish(world)
    services.availability_exception_add(
        actor=world.alice,
        kind="extra",
        start=datetime(2026, 3, 5, 14, 0, tzinfo=BERLIN),
        end=datetime(2026, 3, 5, 16, 0, tzinfo=BERLIN),
    )
    assert local(week(world))[-2:] == ["Thu 14:00", "Thu 15:00"]


@time_machine.travel(NOW, tick=False)
def test_it_books_a_slot_as_a_session_and_tells_the_coach(world):
    publish(world)
    booking = services.slot_book(actor=world.bob, engagement=world.engagement, start=TUESDAY_9)
    session = booking.session
    assert session.start == TUESDAY_9 and session.series.kind == "booked"
    assert Reminder.objects.get(kind=Reminder.INVITATION).recipient == world.alice
    assert "Tue 09:00" not in local(week(world))


@time_machine.travel(NOW, tick=False)
def test_it_refuses_a_time_that_is_not_a_slot(world):
    publish(world)
    with pytest.raises(ValidationError) as caught:
        services.slot_book(
            actor=world.bob, engagement=world.engagement, start=TUESDAY_9 + timedelta(minutes=30)
        )
    assert caught.value.message_dict == {"start": [ERROR_NOT_A_SLOT.format(coach="Alice Coach")]}
    assert not Booking.objects.exists() and not ScheduledSession.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_it_refuses_a_slot_someone_else_just_took(world):
    publish(world)
    erin, erins = erin_of(world)
    services.slot_book(actor=erin, engagement=erins, start=TUESDAY_9)
    with pytest.raises(ValidationError) as caught:
        services.slot_book(actor=world.bob, engagement=world.engagement, start=TUESDAY_9)
    assert caught.value.message_dict == {"start": [ERROR_SLOT_TAKEN]}
    assert Booking.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_it_gives_the_slot_back_when_the_session_is_cancelled(world):
    publish(world)
    booking = services.slot_book(actor=world.bob, engagement=world.engagement, start=TUESDAY_9)
    services.occurrence_cancel(actor=world.bob, occurrence=booking.session, reason="Clash")
    assert "Tue 09:00" in local(week(world))
    services.slot_book(actor=world.bob, engagement=world.engagement, start=TUESDAY_9)
    assert Booking.objects.filter(is_active=True).count() == 1


@time_machine.travel(NOW, tick=False)
def test_it_books_from_the_booking_page(world, login):
    publish(world)
    client = login(world.bob)
    page = client.get(reverse("scheduling:book", args=[world.org.slug]))
    assert "With Alice Coach" in page.content.decode()
    response = client.post(
        reverse("scheduling:book_slot", args=[world.org.slug, world.engagement.uuid]),
        {"start": TUESDAY_9.isoformat()},
    )
    occurrence = ScheduledSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "scheduling:session", args=[world.org.slug, occurrence.uuid]
    )


def run_together(*jobs):
    """Run each job in its own thread (its own database connection), released at one moment."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def runner(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as exc:
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_it_lets_only_one_of_two_people_booking_at_the_same_moment_have_the_slot(world):
    if not on_postgres():
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (CI does)")
    with time_machine.travel(NOW, tick=False):
        publish(world)
        erin, erins = erin_of(world)
        for _ in range(5):  # several rounds, so a lucky ordering cannot hide a race
            results = run_together(
                lambda: services.slot_book(
                    actor=world.bob, engagement=world.engagement, start=TUESDAY_9
                ),
                lambda: services.slot_book(actor=erin, engagement=erins, start=TUESDAY_9),
            )
            booked = [r for r in results if isinstance(r, Booking)]
            refused = [r for r in results if isinstance(r, ValidationError)]
            assert len(booked) == 1 and len(refused) == 1, results
            assert refused[0].message_dict == {"start": [ERROR_SLOT_TAKEN]}
            assert Booking.objects.filter(is_active=True).count() == 1
            assert ScheduledSession.objects.filter(status="scheduled").count() == 1
            services.occurrence_cancel(
                actor=world.alice, occurrence=booked[0].session, reason="next round"
            )


@pytest.mark.django_db(transaction=True)
def test_it_refuses_a_second_booking_of_the_same_slot_in_the_database_itself(world):
    """Even without the service's lock, the unique index lets one insert win."""
    if not on_postgres():
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (CI does)")
    erin, _ = erin_of(world)
    start = NOW + timedelta(days=1)

    def insert(coachee):
        def job():
            with transaction.atomic():
                return Booking.objects.create(
                    org=world.org,
                    coach=world.alice,
                    coachee=coachee,
                    start=start,
                    end=start + timedelta(hours=1),
                )

        return job

    results = run_together(insert(world.bob), insert(erin))
    assert sum(isinstance(r, Booking) for r in results) == 1
    assert sum(isinstance(r, IntegrityError) for r in results) == 1
