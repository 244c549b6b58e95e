"""A coach's availability, the free slots it offers, and booking one.

Two people can never hold the same slot: booking locks the coach's availability row (SELECT ...
FOR UPDATE; on SQLite the IMMEDIATE transaction takes the write lock), checks the slot is still
free, and inserts a Booking that a partial unique index on (coach, start) guards as well.
"""

from dataclasses import replace
from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from trellis.accounts.models import Membership
from trellis.core import schedule as core
from trellis.core.schedule.times import zone
from trellis.engagements.models import Engagement
from trellis.scheduling.models import (
    Availability,
    AvailabilityException,
    AvailabilityWindow,
    Booking,
    ScheduledSession,
    SessionKind,
)
from trellis.scheduling.services.sessions import schedule_in_transaction

ERROR_SLOT_TAKEN = gettext_lazy("Someone has just booked that time; please pick another.")
ERROR_NOT_A_SLOT = gettext_lazy("That time is not one of {coach}'s free slots.")
ERROR_NO_AVAILABILITY = gettext_lazy("{coach} has not published any availability yet.")
ERROR_ZONE = gettext_lazy("Unknown time zone {zone!r}; use an IANA name such as Europe/London.")
ERROR_WINDOW = gettext_lazy("A window ends after it starts; got {start:%H:%M}-{end:%H:%M}.")
ERROR_EXCEPTION = gettext_lazy("An exception ends after it starts.")
MAX_EXCEPTION = timedelta(days=366)
ERROR_EXCEPTION_LONG = gettext_lazy(
    "An exception lasts at most 366 days; add another for the following year."
)
ERROR_SLOT_MINUTES = gettext_lazy("A slot lasts from 15 minutes to 4 hours.")
ERROR_NOT_A_COACH = gettext_lazy("Only coaches publish availability.")
ERROR_WEEKDAY = gettext_lazy("A weekday is 0 (Monday) to 6 (Sunday).")
BOOK_AHEAD = timedelta(weeks=4)


def availability_of(*, coach: Membership) -> Availability | None:
    return Availability.objects.filter(coach=coach).first()


def core_availability(availability: Availability) -> core.Availability:
    return core.Availability(
        timezone=availability.timezone,
        windows=tuple(
            core.WeeklyWindow(w.weekday, w.start, w.end) for w in availability.windows.all()
        ),
        slot_length=timedelta(minutes=availability.slot_minutes),
        buffer_before=timedelta(minutes=availability.buffer_before_minutes),
        buffer_after=timedelta(minutes=availability.buffer_after_minutes),
        minimum_notice=timedelta(hours=availability.notice_hours),
    )


def availability_save(
    *,
    actor: Membership,
    timezone_name: str,
    slot_minutes: int,
    buffer_before_minutes: int,
    buffer_after_minutes: int,
    notice_hours: int,
) -> Availability:
    if not actor.is_coach:
        raise ValidationError(ERROR_NOT_A_COACH)
    try:
        zone(timezone_name)
    except ValueError:
        raise ValidationError({"timezone": ERROR_ZONE.format(zone=timezone_name)}) from None
    if not 15 <= slot_minutes <= 240:
        raise ValidationError({"slot_minutes": ERROR_SLOT_MINUTES})
    with transaction.atomic(durable=True):
        availability, _ = Availability.objects.update_or_create(
            coach=actor,
            defaults={
                "timezone": timezone_name,
                "slot_minutes": slot_minutes,
                "buffer_before_minutes": buffer_before_minutes,
                "buffer_after_minutes": buffer_after_minutes,
                "notice_hours": notice_hours,
            },
        )
    return availability


def availability_set(
    *,
    actor: Membership,
    timezone_name: str,
    slot_minutes: int,
    buffer_before_minutes: int,
    buffer_after_minutes: int,
    notice_hours: int,
    windows: list[tuple[int, time, time]],
) -> Availability:
    """Booking rules and the whole weekly pattern at once (the API's PUT)."""
    errors = {
        f"windows[{i}]": ERROR_WINDOW.format(start=start, end=end)
        for i, (_, start, end) in enumerate(windows)
        if end <= start
    }
    errors |= {
        f"windows[{i}]": str(ERROR_WEEKDAY)
        for i, (weekday, _, _) in enumerate(windows)
        if weekday not in range(7)
    }
    if errors:
        raise ValidationError(errors)
    availability = availability_save(
        actor=actor,
        timezone_name=timezone_name,
        slot_minutes=slot_minutes,
        buffer_before_minutes=buffer_before_minutes,
        buffer_after_minutes=buffer_after_minutes,
        notice_hours=notice_hours,
    )
    with transaction.atomic(durable=True):
        availability.windows.all().delete()
        AvailabilityWindow.objects.bulk_create(
            AvailabilityWindow(availability=availability, weekday=d, start=s, end=e)
            for d, s, e in windows
        )
    return availability


def _own(actor: Membership) -> Availability:
    if not actor.is_coach:
        raise ValidationError(ERROR_NOT_A_COACH)
    availability, _ = Availability.objects.get_or_create(
        coach=actor, defaults={"timezone": actor.user.time_zone or "UTC"}
    )
    return availability


def availability_window_add(
    *, actor: Membership, weekday: int, start: time, end: time
) -> AvailabilityWindow:
    if end <= start:
        raise ValidationError({"end": ERROR_WINDOW.format(start=start, end=end)})
    with transaction.atomic(durable=True):
        window = AvailabilityWindow(availability=_own(actor), weekday=weekday, start=start, end=end)
        window.full_clean()
        window.save()
    return window


def availability_window_remove(*, actor: Membership, window: AvailabilityWindow) -> None:
    with transaction.atomic(durable=True):
        window.delete()


def availability_exception_add(
    *, actor: Membership, kind: str, start: datetime, end: datetime, note: str = ""
) -> AvailabilityException:
    if end <= start:
        raise ValidationError({"end": ERROR_EXCEPTION})
    if end - start > MAX_EXCEPTION:
        raise ValidationError({"end": ERROR_EXCEPTION_LONG})
    with transaction.atomic(durable=True):
        exception = AvailabilityException(
            availability=_own(actor), kind=kind, start=start, end=end, note=note
        )
        exception.full_clean()
        exception.save()
    return exception


def availability_exception_remove(*, actor: Membership, exception: AvailabilityException) -> None:
    with transaction.atomic(durable=True):
        exception.delete()


def _busy(engagement: Engagement, start: datetime, end: datetime) -> list[core.Interval]:
    return _busy_for(engagement.coach_id, engagement.coachee_id, start, end)


def _busy_for(
    coach_id: int, coachee_id: int, start: datetime, end: datetime
) -> list[core.Interval]:
    """The coach's sessions with anyone, and the coachee's own, around the window; and the active
    bookings not on the calendar as a session (a program's chemistry conversation)."""
    margin = timedelta(days=1)
    rows = ScheduledSession.objects.filter(
        Q(coach_id=coach_id) | Q(coachee_id=coachee_id),
        status=ScheduledSession.Status.SCHEDULED,
        start__lt=end + margin,
        end__gt=start - margin,
    ).values_list("start", "end")
    held = Booking.objects.filter(
        Q(coach_id=coach_id) | Q(coachee_id=coachee_id),
        is_active=True,
        session__isnull=True,
        start__lt=end + margin,
        end__gt=start - margin,
    ).values_list("start", "end")
    return [core.Interval(s, e) for s, e in [*rows, *held]]


def free_slots(
    *, engagement: Engagement, start: datetime, end: datetime, now: datetime | None = None
) -> list[core.Interval]:
    """Slots the coachee of this engagement may book with its coach, in [start, end)."""
    return free_slots_between(
        coach=engagement.coach, coachee_id=engagement.coachee_id, start=start, end=end, now=now
    )


def free_slots_between(
    *,
    coach: Membership,
    coachee_id: int,
    start: datetime,
    end: datetime,
    now: datetime | None = None,
    minutes: int | None = None,
) -> list[core.Interval]:
    """The coach's free slots for this coachee in [start, end): of the coach's slot length, or of
    `minutes` (a 20-minute chemistry conversation) within the same windows and buffers."""
    availability = availability_of(coach=coach)
    if availability is None:
        return []
    rules = core_availability(availability)
    if minutes is not None:
        rules = replace(rules, slot_length=timedelta(minutes=minutes))
    exceptions = list(availability.exceptions.filter(start__lt=end, end__gt=start))
    return core.free_slots(
        rules,
        start=start,
        end=end,
        now=now or timezone.now(),
        bookings=_busy_for(coach.pk, coachee_id, start, end),
        blocked=[
            core.Interval(x.start, x.end)
            for x in exceptions
            if x.kind == AvailabilityException.Kind.BLOCKED
        ],
        extra=[
            core.Interval(x.start, x.end)
            for x in exceptions
            if x.kind == AvailabilityException.Kind.EXTRA
        ],
    )


def slot_book(*, actor: Membership, engagement: Engagement, start: datetime) -> Booking:
    """Book a free slot: a session of the engagement at that time, with an invitation."""
    coach_name = engagement.coach.user.display_name
    with transaction.atomic(durable=True):
        availability = (
            Availability.objects.select_for_update().filter(coach_id=engagement.coach_id).first()
        )
        if availability is None:
            raise ValidationError({"start": ERROR_NO_AVAILABILITY.format(coach=coach_name)})
        length = timedelta(minutes=availability.slot_minutes)
        free = free_slots(engagement=engagement, start=start, end=start + length)
        if not any(slot.start == start for slot in free):
            taken = Booking.objects.filter(
                coach_id=engagement.coach_id, start=start, is_active=True
            ).exists()
            message = ERROR_SLOT_TAKEN if taken else ERROR_NOT_A_SLOT.format(coach=coach_name)
            raise ValidationError({"start": message})
        try:
            with transaction.atomic():
                booking = Booking.objects.create(
                    org_id=engagement.org_id,
                    coach_id=engagement.coach_id,
                    coachee_id=engagement.coachee_id,
                    start=start,
                    end=start + length,
                )
        except IntegrityError:
            raise ValidationError({"start": ERROR_SLOT_TAKEN}) from None
        series = schedule_in_transaction(
            actor=actor,
            engagement=engagement,
            start=start,
            duration_minutes=availability.slot_minutes,
            kind=SessionKind.BOOKED,
        )
        booking.session = series.occurrences.get()
        booking.save(update_fields=["session"])
    return booking


def slot_hold(
    *,
    coach: Membership,
    coachee: Membership,
    start: datetime,
    minutes: int,
    purpose: str = "hold",
    title: str = "",
    link: str = "",
) -> Booking:
    """Book a free slot of `minutes` that is not a session of an engagement (a program's chemistry
    conversation, before there is one): the same lock and unique index as `slot_book`, so nobody
    else takes that time. Call it inside the caller's transaction. Its `title` and `link` (a page
    path) are what both people's calendars and feeds show of it (`held_slots_of`)."""
    coach_name = coach.user.display_name
    availability = Availability.objects.select_for_update().filter(coach_id=coach.pk).first()
    if availability is None:
        raise ValidationError({"start": ERROR_NO_AVAILABILITY.format(coach=coach_name)})
    length = timedelta(minutes=minutes)
    free = free_slots_between(
        coach=coach, coachee_id=coachee.pk, start=start, end=start + length, minutes=minutes
    )
    if not any(slot.start == start for slot in free):
        taken = Booking.objects.filter(coach_id=coach.pk, start=start, is_active=True).exists()
        message = ERROR_SLOT_TAKEN if taken else ERROR_NOT_A_SLOT.format(coach=coach_name)
        raise ValidationError({"start": message})
    try:
        with transaction.atomic():
            return Booking.objects.create(
                org_id=coach.org_id,
                coach_id=coach.pk,
                coachee_id=coachee.pk,
                start=start,
                end=start + length,
                purpose=purpose,
                title=title,
                link=link,
            )
    except IntegrityError:
        raise ValidationError({"start": ERROR_SLOT_TAKEN}) from None


def release_booking(*, occurrence: ScheduledSession) -> None:
    """A cancelled or moved session gives its slot back."""
    Booking.objects.filter(session_id=occurrence.pk, is_active=True).update(is_active=False)


def slot_release(*, booking: Booking, now: datetime) -> bool:
    """A held slot is cancelled: the time is free again, and the calendars and feeds show it as
    cancelled. Call it inside the caller's transaction; False when it was not active."""
    return bool(
        Booking.objects.filter(pk=booking.pk, is_active=True).update(
            is_active=False, cancelled_at=now
        )
    )


def held_slots_of(*, member: Membership, start: datetime, end: datetime) -> QuerySet[Booking]:
    """The slots held for something other than a session (chemistry conversations) where the
    member is either person, overlapping [start, end): active ones and cancelled ones."""
    return (
        Booking.objects.filter(Q(coach=member) | Q(coachee=member), org_id=member.org_id)
        .exclude(purpose="")
        .filter(session__isnull=True, start__lt=end, end__gt=start)
        .filter(Q(is_active=True) | Q(cancelled_at__isnull=False))
        .select_related("coach__user", "coachee__user")
        .order_by("start", "id")
    )
