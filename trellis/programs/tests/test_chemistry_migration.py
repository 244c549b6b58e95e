"""Chemistry conversations booked before scheduling 0005 (plain bookings: no purpose, title or
link) are moved onto both people's calendars and feeds by programs 0003, run with the models as
they were at that migration: the same title, link and UID as a booking made today; one no longer
active shows as cancelled; a session's booking is left alone; running it twice changes nothing."""

from datetime import datetime, timedelta
from importlib import import_module

import pytest
import time_machine
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from trellis.programs import chemistry
from trellis.programs.tests.test_chemistry import NOW, UTC, _calendar, _feed_events, choosing
from trellis.scheduling.models import Booking

pytestmark = pytest.mark.django_db

__all__ = ["choosing"]  # the fixture, used by name

MIGRATION = "0003_chemistry_bookings_on_calendars"
TITLE = "Chemistry conversation: Zoe and Alice Coach"


def _run_migration() -> None:
    """Programs 0003's data step, with the historical models at that migration."""
    state = MigrationLoader(connection).project_state(("programs", MIGRATION))
    module = import_module(f"trellis.programs.migrations.{MIGRATION}")
    module.chemistry_onto_calendars(state.apps, None)


def _as_before_0005(booking: Booking) -> None:
    """What scheduling 0005 left of a chemistry booking made before it: the new columns empty."""
    Booking.objects.filter(pk=booking.pk).update(purpose="", title="", link="", cancelled_at=None)


@time_machine.travel(NOW, tick=False)
def test_an_old_chemistry_booking_reaches_both_calendars_and_feeds(choosing, client):
    start = datetime(2027, 1, 5, 10, 20, tzinfo=UTC)
    enrolment = chemistry.chemistry_book(
        actor=choosing.zoe, enrolment=choosing.zoes, coach=choosing.alice, start=start
    )
    booking = chemistry.chemistry_of(enrolment)
    _as_before_0005(booking)
    uid = f"chemistry-{booking.uuid}@trellis"
    for member in (choosing.zoe, choosing.alice):  # the gap: on nobody's calendar
        assert TITLE not in _calendar(client, member)
        assert uid not in _feed_events(client, member)

    _run_migration()

    booking.refresh_from_db()
    assert (booking.purpose, booking.title) == ("chemistry", TITLE)
    assert booking.link == f"/o/acme/programs/{choosing.run.slug}/"
    for member in (choosing.zoe, choosing.alice):
        for view in ("week", "agenda"):
            page = _calendar(client, member, view)
            assert TITLE in page and "cancelled" not in page
        event = _feed_events(client, member)[uid]  # the UID its invitation carried
        assert str(event["SUMMARY"]) == TITLE
        assert event.decoded("DTSTART") == start
        assert event.decoded("DTEND") == start + timedelta(minutes=20)
        assert str(event["STATUS"]) == "CONFIRMED"
        assert f"/o/acme/programs/{choosing.run.slug}/" in str(event["URL"])
    assert uid not in _feed_events(client, choosing.yan)

    _run_migration()  # twice: nothing changes
    again = Booking.objects.get(pk=booking.pk)
    assert (again.purpose, again.title, again.link) == (booking.purpose, TITLE, booking.link)


@time_machine.travel(NOW, tick=False)
def test_an_old_cancelled_one_shows_cancelled_and_a_session_booking_is_left_alone(choosing, client):
    start = datetime(2027, 1, 5, 10, 20, tzinfo=UTC)
    enrolment = chemistry.chemistry_book(
        actor=choosing.zoe, enrolment=choosing.zoes, coach=choosing.alice, start=start
    )
    booking = chemistry.chemistry_of(enrolment)
    _as_before_0005(booking)
    Booking.objects.filter(pk=booking.pk).update(is_active=False)  # cancelled back then
    other = Booking.objects.create(  # not a chemistry booking: nobody's enrolment points to it
        org=choosing.org,
        coach=choosing.alice,
        coachee=choosing.yan,
        start=start + timedelta(days=7),
        end=start + timedelta(days=7, minutes=20),
    )

    _run_migration()

    booking.refresh_from_db()
    assert booking.purpose == "chemistry" and booking.cancelled_at == booking.created_at
    for member in (choosing.zoe, choosing.alice):
        page = _calendar(client, member)
        assert TITLE in page and "cancelled" in page
        event = _feed_events(client, member)[f"chemistry-{booking.uuid}@trellis"]
        assert str(event["STATUS"]) == "CANCELLED"
    other.refresh_from_db()
    assert (other.purpose, other.title, other.link, other.cancelled_at) == ("", "", "", None)
