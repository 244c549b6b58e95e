"""Changing sessions on the calendar: cancel or reschedule one occurrence or it and the rest of
its series (late when inside the organization's cancellation window), and the review cadence.
(Scheduling and materializing series is in sessions.py.)"""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from trellis.accounts.models import Membership
from trellis.core import schedule as core
from trellis.engagements.models import Engagement
from trellis.scheduling.models import (
    ScheduledSession,
    SessionKind,
    SessionSeries,
)
from trellis.scheduling.services.sessions import (
    ERROR_DURATION,
    MAX_MINUTES,
    _invite,
    core_series,
    materialize,
    schedule_in_transaction,
    settings_of,
)

ERROR_ALREADY_CANCELLED = gettext_lazy("This session is already cancelled.")
ERROR_REASON = gettext_lazy("Say why, in a few words: the other person sees it.")
ERROR_PAST = gettext_lazy("This session is over; it can no longer be changed.")
ERROR_CADENCE = gettext_lazy("A review cadence repeats every 1 to 26 weeks; got {weeks}.")
# stored in English as the occurrence's reason; invitations translate it for each recipient
CADENCE_CHANGED = gettext_noop("The review cadence changed.")


def _bump(series: SessionSeries) -> None:
    series.sequence += 1
    series.save()


def _late(occurrence: ScheduledSession, now: datetime) -> bool:
    window = settings_of(occurrence.org_id).cancellation_window
    return core.is_late_cancellation(starts_at=occurrence.start, cancelled_at=now, window=window)


def _lock(occurrence: ScheduledSession) -> tuple[ScheduledSession, SessionSeries]:
    series = (
        SessionSeries.objects.select_for_update()
        .select_related("org", "coach__user", "coachee__user", "organizer__user")
        .get(pk=occurrence.series_id)
    )
    fresh = ScheduledSession.objects.get(pk=occurrence.pk)
    return fresh, series


def _check_change(occurrence: ScheduledSession, reason: str, now: datetime) -> None:
    if occurrence.is_cancelled:
        raise ValidationError({"occurrence": ERROR_ALREADY_CANCELLED})
    if occurrence.end <= now:
        raise ValidationError({"occurrence": ERROR_PAST})
    if not reason.strip():
        raise ValidationError({"reason": ERROR_REASON})


def occurrence_cancel(
    *, actor: Membership, occurrence: ScheduledSession, reason: str, following: bool = False
) -> ScheduledSession:
    """Cancel one occurrence, or it and the rest of its series. Late cancellations are marked."""
    with transaction.atomic(durable=True):
        return cancel_in_transaction(
            actor=actor, occurrence=occurrence, reason=reason, following=following
        )


def cancel_in_transaction(
    *, actor: Membership, occurrence: ScheduledSession, reason: str, following: bool = False
) -> ScheduledSession:
    now = timezone.now()
    occurrence, series = _lock(occurrence)
    _check_change(occurrence, reason, now)
    is_first = occurrence.original_start == series.starts_at
    whole = not series.repeats or (following and is_first)
    changed = {
        "status": ScheduledSession.Status.CANCELLED,
        "reason": reason,
        "changed_at": now,
        "changed_by": actor,
    }
    ScheduledSession.objects.filter(pk=occurrence.pk).update(late=_late(occurrence, now), **changed)
    if following or whole:
        series.occurrences.filter(
            original_start__gt=occurrence.original_start, status=ScheduledSession.Status.SCHEDULED
        ).update(**changed)
    if whole:
        series.is_cancelled = True
        series.cancel_reason = reason
        _bump(series)
        _invite(series=series, method="CANCEL", actor=actor, now=now, reason=reason)
    elif following:
        head, _ = core.split_series(core_series(series), occurrence.original_start)
        assert head is not None and head.recurrence is not None
        series.until, series.count = head.recurrence.until, head.recurrence.count
        _bump(series)
        _invite(
            series=series,
            method="REQUEST",
            actor=actor,
            now=now,
            reason=reason,
            cancelled_from=occurrence.start,
        )
    else:
        _bump(series)
        _invite(
            series=series,
            method="CANCEL",
            actor=actor,
            now=now,
            reason=reason,
            occurrence=occurrence.original_start,
        )
    from trellis.scheduling.services.bookings import release_booking

    release_booking(occurrence=occurrence)
    occurrence.refresh_from_db()
    return occurrence


def occurrence_reschedule(
    *,
    actor: Membership,
    occurrence: ScheduledSession,
    start: datetime,
    reason: str,
    duration_minutes: int | None = None,
    following: bool = False,
) -> ScheduledSession:
    """Move one occurrence, or it and every later one (the rest become a series of their own,
    unless the first one moves, which moves the whole series)."""
    now = timezone.now()
    start = start.replace(second=0, microsecond=0)
    with transaction.atomic(durable=True):
        occurrence, series = _lock(occurrence)
        _check_change(occurrence, reason, now)
        minutes = duration_minutes or int(occurrence.duration.total_seconds() // 60)
        if not 5 <= minutes <= MAX_MINUTES:
            raise ValidationError({"duration_minutes": ERROR_DURATION.format(minutes=minutes)})
        if following and not series.repeats:
            following = False
        if not following:
            moved = _move_one(series, occurrence, start, minutes, reason, actor, now)
        else:
            moved = _move_following(series, occurrence, start, minutes, reason, actor, now)
    return moved


def _move_one(
    series: SessionSeries,
    occurrence: ScheduledSession,
    start: datetime,
    minutes: int,
    reason: str,
    actor: Membership,
    now: datetime,
) -> ScheduledSession:
    end = start + timedelta(minutes=minutes)
    try:
        core.move_occurrence(core_series(series), occurrence.original_start, start=start, end=end)
    except ValueError as exc:
        raise ValidationError({"start": str(exc)}) from None
    fields = {
        "start": start,
        "end": end,
        "reason": reason,
        "changed_at": now,
        "changed_by": actor,
        "timed_at": now,
    }
    if not series.repeats:
        # A single session simply has a new time: no RECURRENCE-ID to keep.
        series.starts_at, series.duration_minutes = start, minutes
        ScheduledSession.objects.filter(pk=occurrence.pk).update(original_start=start, **fields)
        _bump(series)
        _invite(series=series, method="REQUEST", actor=actor, now=now, reason=reason)
    else:
        ScheduledSession.objects.filter(pk=occurrence.pk).update(moved=True, **fields)
        _bump(series)
        _invite(
            series=series,
            method="REQUEST",
            actor=actor,
            now=now,
            reason=reason,
            occurrence=occurrence.original_start,
        )
    from trellis.scheduling.services.bookings import release_booking

    release_booking(occurrence=occurrence)
    return ScheduledSession.objects.get(pk=occurrence.pk)


def _move_following(
    series: SessionSeries,
    occurrence: ScheduledSession,
    start: datetime,
    minutes: int,
    reason: str,
    actor: Membership,
    now: datetime,
) -> ScheduledSession:
    at = occurrence.original_start
    try:
        head, tail = core.reschedule_following(
            core_series(series), at, start=start, duration=timedelta(minutes=minutes)
        )
    except ValueError as exc:
        raise ValidationError({"start": str(exc)}) from None
    later = series.occurrences.filter(original_start__gte=at)
    cancelled_later = sorted(
        later.filter(status=ScheduledSession.Status.CANCELLED), key=lambda o: o.original_start
    )
    shifted = sorted(tail.cancelled)
    later.filter(status=ScheduledSession.Status.SCHEDULED).delete()
    target = series
    if head is None:
        series.starts_at = tail.start
        series.duration_minutes = minutes
        _bump(series)
    else:
        assert head.recurrence is not None and tail.recurrence is not None
        series.until, series.count = head.recurrence.until, head.recurrence.count
        _bump(series)
        target = SessionSeries.objects.create(
            org_id=series.org_id,
            engagement_id=series.engagement_id,
            coach_id=series.coach_id,
            coachee_id=series.coachee_id,
            sponsor_id=series.sponsor_id,
            organizer=actor,
            created_by=actor,
            kind=series.kind,
            title=series.title,
            location=series.location,
            timezone=series.timezone,
            starts_at=tail.start,
            duration_minutes=minutes,
            freq=series.freq,
            interval=tail.recurrence.interval,
            until=tail.recurrence.until,
            count=tail.recurrence.count,
            career_event_id=series.career_event_id,
        )
    # Cancelled dates follow the shift on the wall clock and stay cancelled.
    for row, new_start in zip(cancelled_later, shifted, strict=False):
        ScheduledSession.objects.filter(pk=row.pk).update(
            series=target,
            original_start=new_start,
            start=new_start,
            end=new_start + timedelta(minutes=minutes),
        )
    materialize(series, now=now)
    if target is not series:
        materialize(target, now=now)
        _invite(series=series, method="REQUEST", actor=actor, now=now, reason=reason)
    _invite(series=target, method="REQUEST", actor=actor, now=now, reason=reason)
    first = (
        target.occurrences.filter(status=ScheduledSession.Status.SCHEDULED)
        .order_by("start")
        .first()
    )
    assert first is not None
    ScheduledSession.objects.filter(pk=first.pk).update(
        reason=reason, changed_at=now, changed_by=actor
    )
    first.refresh_from_db()
    return first


def cadence_set(
    *,
    actor: Membership,
    engagement: Engagement,
    every_weeks: int,
    first: datetime,
    duration_minutes: int = 45,
) -> SessionSeries:
    """A review every N weeks: an endless review series; a new cadence replaces the old one from
    its first review on."""
    if not 1 <= every_weeks <= 26:
        raise ValidationError({"every_weeks": ERROR_CADENCE.format(weeks=every_weeks)})
    with transaction.atomic(durable=True):
        return _cadence(actor, engagement, every_weeks, first, duration_minutes)


def _cadence(
    actor: Membership, engagement: Engagement, every_weeks: int, first: datetime, minutes: int
) -> SessionSeries:
    now = timezone.now()
    old = (
        SessionSeries.objects.filter(
            engagement=engagement, kind=SessionKind.REVIEW, is_cancelled=False
        )
        .exclude(freq="")
        .first()
    )
    if old is not None:
        nxt = (
            old.occurrences.filter(status=ScheduledSession.Status.SCHEDULED, start__gte=now)
            .order_by("original_start")
            .first()
        )
        if nxt is not None:
            cancel_in_transaction(
                actor=actor, occurrence=nxt, reason=CADENCE_CHANGED, following=True
            )
    return schedule_in_transaction(
        actor=actor,
        engagement=engagement,
        start=first,
        duration_minutes=minutes,
        freq="weekly",
        interval=every_weeks,
        title="",  # shown as the kind's name, "Review", in the reader's language
        kind=SessionKind.REVIEW,
    )
