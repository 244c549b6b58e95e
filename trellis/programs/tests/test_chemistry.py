"""A chemistry conversation is a booked 20-minute slot of a pool coach's real availability, with a
calendar invitation to both, within the coach's capacity; afterwards the person chooses."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from trellis.programs import chemistry, services
from trellis.programs.tests.test_programs import coachee, program
from trellis.scheduling.models import Booking, Reminder
from trellis.scheduling.services.bookings import availability_set, free_slots_between

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 1, 4, 9, 0, tzinfo=ZoneInfo("UTC"))  # a Monday
UTC = ZoneInfo("UTC")


@pytest.fixture
def choosing(world):
    """Alice, a pool coach of a mentoring program (people choose), free on Tuesdays 10-11 UTC;
    Zoe and Yan are enrolled and choosing."""
    with time_machine.travel(NOW, tick=False):
        availability_set(
            actor=world.alice,
            timezone_name="UTC",
            slot_minutes=60,
            buffer_before_minutes=0,
            buffer_after_minutes=0,
            notice_hours=1,
            windows=[(1, time(10, 0), time(11, 0))],
        )
        world.run = program(world, "mentoring", capacity=1)
        world.zoe, world.yan = coachee(world, "Zoe"), coachee(world, "Yan")
        world.zoes, world.yans = services.program_enrol(
            actor=world.olga, program=world.run, members=[world.zoe, world.yan]
        )
    return world


@time_machine.travel(NOW, tick=False)
def test_it_offers_the_coachs_real_free_20_minute_slots(choosing):
    slots = chemistry.chemistry_slots(enrolment=choosing.zoes, coach=choosing.alice)
    first_tuesday = [s.start for s in slots if s.start.date() == datetime(2027, 1, 5).date()]
    assert first_tuesday == [
        datetime(2027, 1, 5, 10, 0, tzinfo=UTC),
        datetime(2027, 1, 5, 10, 20, tzinfo=UTC),
        datetime(2027, 1, 5, 10, 40, tzinfo=UTC),
    ]
    assert all(s.end - s.start == timedelta(minutes=20) for s in slots)


@time_machine.travel(NOW, tick=False)
def test_it_books_the_slot_for_both_with_an_invitation_and_nobody_else_gets_it(choosing):
    start = datetime(2027, 1, 5, 10, 20, tzinfo=UTC)
    enrolment = chemistry.chemistry_book(
        actor=choosing.zoe, enrolment=choosing.zoes, coach=choosing.alice, start=start
    )
    booking = chemistry.chemistry_of(enrolment)
    assert booking is not None and (booking.start, booking.end - booking.start) == (
        start,
        timedelta(minutes=20),
    )
    invitations = Reminder.objects.filter(kind=Reminder.INVITATION, object_uuid=booking.uuid)
    assert {r.recipient_id for r in invitations} == {choosing.zoe.pk, choosing.alice.pk}
    assert all("CATEGORIES:chemistry" in r.ics and r.ics_method == "REQUEST" for r in invitations)
    # the slot is gone for Yan, and Alice's regular bookings now avoid it too
    with pytest.raises(ValidationError, match="just booked that time"):
        chemistry.chemistry_book(
            actor=choosing.yan, enrolment=choosing.yans, coach=choosing.alice, start=start
        )
    later = free_slots_between(
        coach=choosing.alice, coachee_id=choosing.yan.pk, start=NOW, end=NOW + timedelta(days=2)
    )
    assert later == []  # the hour's window no longer has a free hour
    assert start not in {
        s.start for s in chemistry.chemistry_slots(enrolment=choosing.yans, coach=choosing.alice)
    }


@time_machine.travel(NOW, tick=False)
def test_it_refuses_a_time_that_is_not_a_free_slot(choosing):
    with pytest.raises(ValidationError, match="not one of Alice Coach's free slots"):
        chemistry.chemistry_book(
            actor=choosing.zoe,
            enrolment=choosing.zoes,
            coach=choosing.alice,
            start=datetime(2027, 1, 5, 15, 0, tzinfo=UTC),
        )
    assert not Booking.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_after_it_the_person_chooses_and_a_full_coach_takes_no_chemistry(choosing):
    start = datetime(2027, 1, 5, 10, 0, tzinfo=UTC)
    chemistry.chemistry_book(
        actor=choosing.zoe, enrolment=choosing.zoes, coach=choosing.alice, start=start
    )
    engagement = services.enrolment_choose_coach(
        actor=choosing.zoe, enrolment=choosing.zoes, coach=choosing.alice
    )
    assert engagement.coach == choosing.alice
    with pytest.raises(ValidationError, match="no free place"):  # capacity 1, taken by Zoe
        chemistry.chemistry_book(
            actor=choosing.yan,
            enrolment=choosing.yans,
            coach=choosing.alice,
            start=datetime(2027, 1, 12, 10, 0, tzinfo=UTC),
        )


@time_machine.travel(NOW, tick=False)
def test_the_program_page_leads_to_the_coachs_free_times_and_books_one(choosing, client):
    client.force_login(choosing.zoe.user, backend="django.contrib.auth.backends.ModelBackend")
    detail = f"/o/acme/programs/{choosing.run.slug}/"
    page = f"{detail}chemistry/{choosing.alice.uuid}/"
    assert page in client.get(detail).content.decode()
    shown = client.get(page).content.decode()
    assert "Tue 5 Jan 2027, 10:20" in shown.replace("\u00a0", " ") or "10:20" in shown
    answer = client.post(page, {"start": "2027-01-05T10:20:00+00:00"})
    assert answer.status_code == 302
    after = client.get(detail).content.decode()
    assert "Your chemistry conversation with Alice Coach" in after
    taken = client.post(page, {"start": "2027-01-05T10:20:00+00:00"})  # her own again: refused
    assert taken.status_code == 400


@time_machine.travel(NOW, tick=False)
def test_the_api_lists_the_slots_and_books_one(choosing, client, api_token):
    headers = {"Authorization": f"Bearer {api_token(choosing.yan)}"}
    base = f"/api/v1/programs/{choosing.run.slug}/chemistry"
    slots = client.get(f"{base}/{choosing.alice.uuid}/slots", headers=headers).json()["items"]
    assert slots[0] == {"start": "2027-01-05T10:00:00Z", "end": "2027-01-05T10:20:00Z"}
    body = {"coach": str(choosing.alice.uuid), "start": slots[1]["start"]}
    answer = client.post(base, body, content_type="application/json", headers=headers)
    assert answer.status_code == 201
    assert answer.json()["end"] == "2027-01-05T10:40:00Z"
    again = client.post(base, body, content_type="application/json", headers=headers)
    assert again.status_code == 400 and "just booked" in again.content.decode()


def _feed_events(client, member):
    """The member's calendar feed, read back with the icalendar parser: {uid: VEVENT}."""
    import icalendar
    from django.urls import reverse

    from trellis.scheduling.services.feeds import feed_token_create, secret_of

    token = feed_token_create(member=member)
    body = client.get(reverse("scheduling:feed", args=[secret_of(token)])).content
    calendar = icalendar.Calendar.from_ical(body)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def _calendar(client, member, view="week"):
    client.force_login(member.user, backend="django.contrib.auth.backends.ModelBackend")
    return client.get(f"/o/acme/calendar/?view={view}&day=2027-01-05").content.decode()


@time_machine.travel(NOW, tick=False)
def test_it_is_on_both_calendars_and_feeds_and_cancelling_shows_it_cancelled(choosing, client):
    start = datetime(2027, 1, 5, 10, 20, tzinfo=UTC)
    enrolment = chemistry.chemistry_book(
        actor=choosing.zoe, enrolment=choosing.zoes, coach=choosing.alice, start=start
    )
    booking = chemistry.chemistry_of(enrolment)
    uid = f"chemistry-{booking.uuid}@trellis"
    title = "Chemistry conversation: Zoe and Alice Coach"
    for member in (choosing.zoe, choosing.alice):
        for view in ("week", "agenda"):
            page = _calendar(client, member, view)
            assert title in page and "cancelled" not in page
        event = _feed_events(client, member)[uid]  # the invitation's UID: shown once
        assert str(event["SUMMARY"]) == title
        assert event.decoded("DTSTART") == start
        assert event.decoded("DTEND") == start + timedelta(minutes=20)
        assert str(event["STATUS"]) == "CONFIRMED"
        assert f"/o/acme/programs/{choosing.run.slug}/" in str(event["URL"])
    # Yan's calendar does not show it
    assert title not in _calendar(client, choosing.yan)
    assert uid not in _feed_events(client, choosing.yan)

    chemistry.chemistry_cancel(actor=choosing.zoe, enrolment=enrolment)
    cancels = Reminder.objects.filter(object_uuid=booking.uuid, ics_method="CANCEL")
    assert {r.recipient_id for r in cancels} == {choosing.zoe.pk, choosing.alice.pk}
    for member in (choosing.zoe, choosing.alice):
        page = _calendar(client, member)
        assert title in page and "cancelled" in page
        event = _feed_events(client, member)[uid]
        assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1
    # the slot is free again: Yan books it
    chemistry.chemistry_book(
        actor=choosing.yan, enrolment=choosing.yans, coach=choosing.alice, start=start
    )
    with pytest.raises(ValidationError, match="No chemistry conversation is booked"):
        chemistry.chemistry_cancel(actor=choosing.zoe, enrolment=enrolment)


@time_machine.travel(NOW, tick=False)
def test_the_coach_may_cancel_it_too_and_a_stranger_may_not(choosing):
    start = datetime(2027, 1, 5, 10, 0, tzinfo=UTC)
    enrolment = chemistry.chemistry_book(
        actor=choosing.zoe, enrolment=choosing.zoes, coach=choosing.alice, start=start
    )
    with pytest.raises(ValidationError, match="Only the person who booked it"):
        chemistry.chemistry_cancel(actor=choosing.yan, enrolment=enrolment)
    chemistry.chemistry_cancel(actor=choosing.alice, enrolment=enrolment)
    assert chemistry.chemistry_of(enrolment) is None


@time_machine.travel(NOW, tick=False)
def test_the_page_and_the_api_cancel_it(choosing, client, api_token):
    start = datetime(2027, 1, 5, 10, 0, tzinfo=UTC)
    chemistry.chemistry_book(
        actor=choosing.zoe, enrolment=choosing.zoes, coach=choosing.alice, start=start
    )
    client.force_login(choosing.zoe.user, backend="django.contrib.auth.backends.ModelBackend")
    detail = f"/o/acme/programs/{choosing.run.slug}/"
    assert "Cancel the chemistry conversation" in client.get(detail).content.decode()
    assert client.post(f"{detail}chemistry/cancel/").status_code == 302
    assert "chemistry-booked" not in client.get(detail).content.decode()
    chemistry.chemistry_book(
        actor=choosing.yan, enrolment=choosing.yans, coach=choosing.alice, start=start
    )
    headers = {"Authorization": f"Bearer {api_token(choosing.yan)}"}
    base = f"/api/v1/programs/{choosing.run.slug}/chemistry/cancel"
    assert client.post(base, headers=headers).status_code == 204
    assert client.post(base, headers=headers).status_code == 400


@time_machine.travel(NOW, tick=False)
def test_the_choose_operations_chemistry_first_books_the_slot_as_the_page_does(
    choosing, client, api_token
):
    """The older `chemistry_first` flag on /choose is the same booking as the page's: a time is
    needed, the slot is taken for both with an invitation, and the coach's capacity holds."""
    headers = {"Authorization": f"Bearer {api_token(choosing.zoe)}"}
    choose = f"/api/v1/programs/{choosing.run.slug}/choose"
    ask = {"coach": str(choosing.alice.uuid), "chemistry_first": True}
    no_time = client.post(choose, ask, content_type="application/json", headers=headers)
    assert no_time.status_code == 400
    assert "chemistry_start" in no_time.content.decode()
    assert f"chemistry/{choosing.alice.uuid}/slots" in no_time.content.decode()
    assert not Booking.objects.exists()

    start = "2027-01-05T10:20:00Z"
    answer = client.post(
        choose, {**ask, "chemistry_start": start}, content_type="application/json", headers=headers
    )
    assert answer.status_code == 200
    assert answer.json()["engagement"] is None
    assert (answer.json()["chemistry_start"], answer.json()["chemistry_end"]) == (
        start,
        "2027-01-05T10:40:00Z",
    )
    booking = Booking.objects.get(is_active=True)
    invitations = Reminder.objects.filter(kind=Reminder.INVITATION, object_uuid=booking.uuid)
    assert {r.recipient_id for r in invitations} == {choosing.zoe.pk, choosing.alice.pk}
    assert all(r.ics_method == "REQUEST" and "CATEGORIES:chemistry" in r.ics for r in invitations)
    # on the program page, as if booked there
    client.force_login(choosing.zoe.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(f"/o/acme/programs/{choosing.run.slug}/").content.decode()
    assert "Your chemistry conversation with Alice Coach" in page
    # a time that is not one of the coach's free slots is refused, as on the page
    yan = {"Authorization": f"Bearer {api_token(choosing.yan)}"}
    taken = client.post(
        choose, {**ask, "chemistry_start": start}, content_type="application/json", headers=yan
    )
    assert taken.status_code == 400 and "just booked" in taken.content.decode()


@time_machine.travel(NOW, tick=False)
def test_the_older_chemistry_button_leads_to_the_booking_page(choosing, client):
    client.force_login(choosing.zoe.user, backend="django.contrib.auth.backends.ModelBackend")
    answer = client.post(
        f"/o/acme/programs/{choosing.run.slug}/choose/",
        {"coach": str(choosing.alice.uuid), "chemistry": "1"},
    )
    assert answer.status_code == 302
    assert answer["Location"].endswith(f"/chemistry/{choosing.alice.uuid}/")
    assert not Booking.objects.exists()
