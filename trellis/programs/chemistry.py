"""A chemistry conversation: a booked 20-minute slot with a pool coach before choosing.

The enrolled person picks one of the coach's real free slots (scheduling's availability: windows,
buffers, notice, exceptions, and everything already on either calendar); booking takes the slot
with the same lock and unique index as any booking, so two people never hold the same time. Both
get a calendar invitation (.ics, category "chemistry") through the outbox that sends every
invitation, and it is on both people's Trellis calendars (week, agenda) and calendar feeds under the
same UID. Either of them may cancel it (the slot is free again; both calendars show it cancelled).
The coach must have a free place in the pool (capacity). Afterwards the person chooses that coach,
or another, as before (`services.enrolment_choose_coach`).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy
from trellis.accounts.language import in_language_of
from trellis.accounts.models import Membership
from trellis.core import schedule as core
from trellis.core.ical import CalendarEvent, Person, Status, build_invitation
from trellis.programs.models import Enrolment, Program
from trellis.programs.services import locked_for_choice
from trellis.scheduling.models import Booking, Reminder
from trellis.scheduling.services import outbox
from trellis.scheduling.services.bookings import free_slots_between, slot_hold, slot_release
from trellis.scheduling.services.text import when_for

MINUTES = 20
LOOK_AHEAD = timedelta(days=14)
KIND = "chemistry"
NOTHING_BOOKED = _("No chemistry conversation is booked.")
NOT_YOURS = _("Only the person who booked it or their coach can cancel a chemistry conversation.")


def chemistry_slots(
    *, enrolment: Enrolment, coach: Membership, now: datetime | None = None
) -> list[core.Interval]:
    """The pool coach's free 20-minute slots for this person over the next two weeks."""
    now = now or timezone.now()
    return free_slots_between(
        coach=coach,
        coachee_id=enrolment.member_id,
        start=now,
        end=now + LOOK_AHEAD,
        now=now,
        minutes=MINUTES,
    )


def chemistry_book(
    *, actor: Membership, enrolment: Enrolment, coach: Membership, start: datetime
) -> Enrolment:
    """Book a 20-minute chemistry conversation with a pool coach who has a free place. A second
    booking replaces the first (its slot is given back and both are told)."""
    policy.require(actor, "program.enrolment.choose", enrolment)
    program = enrolment.program
    now = timezone.now()
    with transaction.atomic(durable=True):
        enrolment = locked_for_choice(program, enrolment, coach)  # in the pool, a free place
        booking = slot_hold(
            coach=coach,
            coachee=enrolment.member,
            start=start,
            minutes=MINUTES,
            purpose=KIND,
            title=_summary(enrolment.member, coach),
            link=_path(program),
        )
        before = enrolment.chemistry_booking
        if before is not None and slot_release(booking=before, now=now):
            _invite(program, enrolment, before, "CANCEL", now)
        enrolment.chemistry_with = coach
        enrolment.chemistry_requested_at = now
        enrolment.chemistry_booking = booking
        enrolment.save(
            update_fields=["chemistry_with", "chemistry_requested_at", "chemistry_booking"]
        )
        _invite(program, enrolment, booking, "REQUEST", now)
    return enrolment


def chemistry_cancel(*, actor: Membership, enrolment: Enrolment) -> Enrolment:
    """The person (or the coach they booked) cancels the chemistry conversation: the slot is free
    again, both are sent a cancellation (.ics CANCEL), and both calendars and feeds show it as
    cancelled. The person may then book another or choose a coach."""
    booking = (
        Booking.objects.filter(pk=enrolment.chemistry_booking_id, is_active=True).first()
        if enrolment.chemistry_booking_id is not None
        else None
    )
    if booking is None:
        raise ValidationError({"chemistry": NOTHING_BOOKED})
    if actor.pk not in (enrolment.member_id, booking.coach_id):
        raise ValidationError({"chemistry": NOT_YOURS})
    now = timezone.now()
    with transaction.atomic(durable=True):
        if not slot_release(booking=booking, now=now):  # cancelled a moment ago
            raise ValidationError({"chemistry": NOTHING_BOOKED})
        _invite(enrolment.program, enrolment, booking, "CANCEL", now)
    enrolment.chemistry_booking = booking
    booking.is_active = False
    return enrolment


def chemistry_of(enrolment: Enrolment) -> Booking | None:
    """The person's booked chemistry conversation, if it is still on."""
    booking = enrolment.chemistry_booking
    return booking if booking is not None and booking.is_active else None


def _path(program: Program) -> str:
    return reverse("programs:detail", args=[program.org.slug, program.slug])


def _url(program: Program) -> str:
    return f"{settings.SITE_URL}{_path(program)}"


def _summary(person: Membership, coach: Membership) -> str:
    return gettext("Chemistry conversation: %(person)s and %(coach)s") % {
        "person": person.user.display_name,
        "coach": coach.user.display_name,
    }


def _invite(
    program: Program, enrolment: Enrolment, booking: Booking, method: str, now: datetime
) -> None:
    """The invitation (or cancellation) to both people, with its .ics."""
    coach = Membership.objects.select_related("user").get(pk=booking.coach_id)
    person = enrolment.member
    with in_language_of(person.user):  # the one calendar event both get: the booker's words
        summary = _summary(person, coach)
        description = gettext(
            "A 20-minute conversation before choosing a coach in %(program)s."
        ) % {"program": program.name}
    event = CalendarEvent(
        uid=f"chemistry-{booking.uuid}@trellis",
        summary=summary,
        start=booking.start,
        end=booking.end,
        sequence=1 if method == "CANCEL" else 0,
        status=Status.CANCELLED if method == "CANCEL" else Status.CONFIRMED,
        description=description,
        url=_url(program),
        categories=(KIND,),
        organizer=Person(person.user.email, person.user.display_name, role="CHAIR"),
        attendees=tuple(
            Person(
                m.user.email,
                m.user.display_name,
                role="REQ-PARTICIPANT",
                partstat="ACCEPTED" if m.pk == person.pk else "NEEDS-ACTION",
            )
            for m in (person, coach)
        ),
    )
    ics = build_invitation(event, method=method, now=now).decode()  # type: ignore[arg-type]
    for member in (person, coach):
        with in_language_of(member.user):
            when = when_for(booking.start, member.user.time_zone)
            words = {"summary": _summary(person, coach), "when": when, "program": program.name}
            subject = (
                gettext("Cancelled: %(summary)s on %(when)s")
                if method == "CANCEL"
                else gettext("Booked: %(summary)s on %(when)s")
            ) % words
            body = gettext(
                "%(summary)s, %(minutes)s minutes, %(when)s (%(program)s).\n"
                "After it, choose this coach or another on the program's page."
            ) % {**words, "minutes": MINUTES}
        outbox.queue(
            recipient=member,
            kind=Reminder.INVITATION,
            object_uuid=booking.uuid,
            occurrence=f"{KIND}-{method}",
            due_at=now,
            send_at=now,
            subject=subject,
            body=body,
            url=_url(program),
            ics=ics,
            ics_method=method,
        )
