"""A team or group session's invitations (email with its .ics) go to every member holding an
accepted place, not only to the coach and the primary coachee: scheduling one session, a series
(also in bulk, a program's way) and cancelling one. A member still waiting, a sponsor and a member
who declined are not invited. Read back from the real outbox and the .ics parsed with icalendar."""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
import time_machine
from django.core import mail
from django.db import transaction

from trellis.accounts.models import Membership, Team, User
from trellis.engagements import kinds, lifecycle
from trellis.engagements.leaving import engagement_leave
from trellis.engagements.models import Engagement
from trellis.scheduling import services
from trellis.scheduling.models import ScheduledSession
from trellis.scheduling.services.bulk import SeriesSpec, schedule_many

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
START = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)


def _person(world, name: str) -> Membership:
    return Membership.objects.create(
        org=world.org,
        user=User.objects.create(email=f"{name}@acme.test", name=name.title(), time_zone="UTC"),
        is_coachee=True,
    )


def _fresh(engagement: Engagement) -> Engagement:
    return Engagement.objects.get(pk=engagement.pk)


@pytest.fixture
def group(world):
    """Alice coaches "New managers": Erin, Finn and Hana accepted, Gus has not answered, Ivy
    declined; Dana sponsors it (accepted)."""
    erin, finn, gus, hana, ivy = (_person(world, n) for n in ("erin", "finn", "gus", "hana", "ivy"))
    engagement = kinds.engagement_propose_group(
        actor=world.alice,
        coach=world.alice,
        coachees=[erin, finn, gus, hana, ivy],
        sponsor=world.dana,
        topic="New managers",
    )
    for person in (world.dana, erin, finn, hana):
        lifecycle.engagement_accept(actor=person, engagement=_fresh(engagement))
    lifecycle.engagement_decline(actor=ivy, engagement=_fresh(engagement))
    return _fresh(engagement), {"erin": erin, "finn": finn, "gus": gus, "hana": hana, "ivy": ivy}


def _by_recipient():
    return {message.to[0]: message for message in mail.outbox}


def _ics(message) -> icalendar.Calendar:
    (content, _type) = next(a for a in message.alternatives if a[1] == "text/calendar")
    return icalendar.Calendar.from_ical(content)


def _attendees(message) -> set[str]:
    (event,) = _ics(message).walk("VEVENT")
    found = event.get("ATTENDEE")
    found = found if isinstance(found, list) else [found]
    return {str(a).removeprefix("mailto:").removeprefix("MAILTO:") for a in found}


ACCEPTED = {"erin@acme.test", "finn@acme.test", "hana@acme.test"}


@time_machine.travel(NOW, tick=False)
def test_every_accepted_member_is_invited_to_a_group_series(
    world, group, django_capture_on_commit_callbacks
):
    engagement, _ = group
    with django_capture_on_commit_callbacks(execute=True):
        services.session_schedule(
            actor=world.alice,
            engagement=engagement,
            start=START,
            timezone_name="UTC",
            freq="weekly",
            count=4,
            title="Group session",
        )
    sent = _by_recipient()
    # the waiting (Gus), the declined (Ivy), the sponsor (Dana) and the actor (Alice) get nothing
    assert set(sent) == ACCEPTED
    for message in sent.values():
        assert message.subject.startswith("Invitation: Group session")
        calendar = _ics(message)
        assert str(calendar["METHOD"]) == "REQUEST"
        # everyone's .ics names the whole group: the coach and every accepted member
        assert _attendees(message) == {"alice@acme.test", *ACCEPTED}
        (event,) = calendar.walk("VEVENT")
        assert "New managers" in str(event["SUMMARY"])
    # one event for everyone: the same UID in every invitation
    assert len({str(_ics(m).walk("VEVENT")[0]["UID"]) for m in sent.values()}) == 1


@time_machine.travel(NOW, tick=False)
def test_every_accepted_member_is_told_of_a_cancellation(
    world, group, django_capture_on_commit_callbacks
):
    engagement, _ = group
    services.session_schedule(
        actor=world.alice,
        engagement=engagement,
        start=START,
        timezone_name="UTC",
        freq="weekly",
        count=4,
        title="Group session",
        invite=False,
    )
    first = ScheduledSession.objects.filter(series__engagement=engagement).order_by("start")[0]
    with django_capture_on_commit_callbacks(execute=True):
        services.occurrence_cancel(actor=world.alice, occurrence=first, reason="Snow day")
    sent = _by_recipient()
    assert set(sent) == ACCEPTED
    for message in sent.values():
        assert message.subject.startswith("Cancelled: Group session")
        assert "Reason: Snow day" in message.body
        calendar = _ics(message)
        assert str(calendar["METHOD"]) == "CANCEL"
        assert _attendees(message) == {"alice@acme.test", *ACCEPTED}


@time_machine.travel(NOW, tick=False)
def test_a_member_who_accepts_later_gets_the_series_and_every_change_after(
    world, group, django_capture_on_commit_callbacks
):
    engagement, people = group
    with django_capture_on_commit_callbacks(execute=True):
        services.session_schedule(
            actor=world.alice,
            engagement=engagement,
            start=START,
            timezone_name="UTC",
            freq="weekly",
            count=4,
            title="Group session",
        )
    scheduled = _ics(_by_recipient()["erin@acme.test"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.engagement_accept(actor=people["gus"], engagement=_fresh(engagement))
    (message,) = mail.outbox  # Gus alone: the others have it already
    assert message.to == ["gus@acme.test"]
    assert message.subject.startswith("Invitation: Group session")
    assert "You said yes to your place in New managers" in message.body
    calendar = _ics(message)
    assert str(calendar["METHOD"]) == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == str(scheduled.walk("VEVENT")[0]["UID"])
    assert "COUNT=4" in event["RRULE"].to_ical().decode()
    assert _attendees(message) == {"alice@acme.test", *ACCEPTED, "gus@acme.test"}

    mail.outbox.clear()
    first = ScheduledSession.objects.filter(series__engagement=engagement).order_by("start")[0]
    with django_capture_on_commit_callbacks(execute=True):
        services.occurrence_cancel(actor=world.alice, occurrence=first, reason="Snow day")
    assert set(_by_recipient()) == {*ACCEPTED, "gus@acme.test"}


def test_a_member_accepting_before_anything_is_scheduled_is_sent_nothing(
    world, group, django_capture_on_commit_callbacks
):
    engagement, people = group
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.engagement_accept(actor=people["gus"], engagement=_fresh(engagement))
    assert [m for m in mail.outbox if m.to == ["gus@acme.test"]] == []


@time_machine.travel(NOW, tick=False)
def test_a_team_series_scheduled_in_bulk_invites_every_accepted_member(
    world, django_capture_on_commit_callbacks
):
    team = Team.objects.create(org=world.org, name="Platform")
    people = [_person(world, n) for n in ("jo", "kai", "lee")]
    for person in people:
        person.team = team
        person.save(update_fields=["team"])
    engagement = kinds.engagement_propose_team(
        actor=world.alice, team=team, coach=world.alice, with_leader=False
    )
    for person in people[:2]:  # Lee has not answered
        lifecycle.engagement_accept(actor=person, engagement=_fresh(engagement))
    engagement = Engagement.objects.select_related("org", "coach__user", "coachee__user").get(
        pk=engagement.pk
    )
    assert engagement.status == Engagement.Status.ACTIVE
    with django_capture_on_commit_callbacks(execute=True):
        spec = SeriesSpec(
            actor=world.alice,
            engagement=engagement,
            start=START,
            duration_minutes=60,
            timezone_name="UTC",
            freq="weekly",
            count=3,
            title="Team session",
        )
        with transaction.atomic():
            schedule_many([spec], now=NOW)
    sent = _by_recipient()
    assert set(sent) == {"jo@acme.test", "kai@acme.test"}
    for message in sent.values():
        assert _attendees(message) == {"alice@acme.test", "jo@acme.test", "kai@acme.test"}
        (event,) = _ics(message).walk("VEVENT")
        assert "Platform" in str(event["SUMMARY"])


@time_machine.travel(NOW, tick=False)
def test_a_one_to_one_invitation_still_goes_to_the_coachee_only(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.session_schedule(
            actor=world.alice,
            engagement=world.engagement,
            start=START + timedelta(days=1),
            timezone_name="UTC",
            title="One to one",
        )
    (message,) = mail.outbox
    assert message.to == [world.bob.user.email]
    assert _attendees(message) == {world.alice.user.email, world.bob.user.email}


@time_machine.travel(NOW, tick=False)
def test_a_member_who_leaves_gets_a_cancellation_and_nothing_after(
    world, group, django_capture_on_commit_callbacks
):
    engagement, people = group
    with django_capture_on_commit_callbacks(execute=True):
        services.session_schedule(
            actor=world.alice,
            engagement=engagement,
            start=START,
            timezone_name="UTC",
            freq="weekly",
            count=4,
            title="Group session",
        )
    uid = str(_ics(_by_recipient()["finn@acme.test"]).walk("VEVENT")[0]["UID"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        engagement_leave(actor=people["finn"], engagement=_fresh(engagement), reason="New job")
    (cancel,) = [m for m in mail.outbox if m.alternatives]  # the .ics; the others get a note
    assert cancel.to == ["finn@acme.test"]
    assert cancel.subject.startswith("Cancelled for you: Group session")
    calendar = _ics(cancel)
    assert str(calendar["METHOD"]) == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == uid
    assert "finn@acme.test" in _attendees(cancel)

    mail.outbox.clear()
    first = ScheduledSession.objects.filter(series__engagement=engagement).order_by("start")[0]
    with django_capture_on_commit_callbacks(execute=True):
        services.occurrence_cancel(actor=world.alice, occurrence=first, reason="Snow day")
    sent = _by_recipient()
    assert set(sent) == ACCEPTED - {"finn@acme.test"}
    assert "finn@acme.test" not in _attendees(next(iter(sent.values())))
