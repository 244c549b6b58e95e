"""Scheduling many series at once (a program's cohort): a constant number of queries per batch.

Each series is checked like `schedule_in_transaction` checks one (an active engagement, a valid
rule), then the batch's series, their occurrences and their invitations are written with one
bulk insert each, instead of a save, a materialization and two outbox rows per series.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects

from trellis.accounts.models import Membership
from trellis.core import schedule as core
from trellis.engagements.models import GROUP_SESSION_KINDS, Engagement, EngagementParticipant
from trellis.scheduling.models import Reminder, ScheduledSession, SessionKind, SessionSeries
from trellis.scheduling.services.outbox import send_soon
from trellis.scheduling.services.sessions import (
    ERROR_ENGAGEMENT_NOT_ACTIVE,
    HORIZON,
    _check_rule,
    _rule,
    invitation_messages,
    occurrence_rows,
)


@dataclass(frozen=True)
class SeriesSpec:
    """One series to schedule (the keywords of `schedule_in_transaction` that programs use)."""

    actor: Membership
    engagement: Engagement  # with coach, coachee (and their users) and org loaded
    start: datetime
    duration_minutes: int
    timezone_name: str
    freq: str = ""
    interval: int = 1
    count: int | None = None
    title: str = ""


def schedule_many(specs: Sequence[SeriesSpec], *, now: datetime) -> list[SessionSeries]:
    """Schedule every spec's series with its invitations, inside the caller's transaction. Raises
    ValidationError for the first spec that `schedule_in_transaction` would refuse."""
    series_list: list[SessionSeries] = []
    for spec in specs:
        engagement = spec.engagement
        if engagement.status != Engagement.Status.ACTIVE:
            raise ValidationError({"engagement": ERROR_ENGAGEMENT_NOT_ACTIVE})
        series = SessionSeries(
            org=engagement.org,
            engagement=engagement,
            coach=engagement.coach,
            coachee=engagement.coachee,
            sponsor_id=engagement.sponsor_id,
            organizer=spec.actor,
            created_by=spec.actor,
            kind=SessionKind.REGULAR,
            title=spec.title,
            timezone=spec.timezone_name or spec.actor.user.time_zone,
            starts_at=spec.start.replace(second=0, microsecond=0),
            duration_minutes=spec.duration_minutes,
            freq=spec.freq,
            interval=spec.interval if spec.freq else 1,
            count=spec.count if spec.freq else None,
        )
        _check_rule(series)
        rule = _rule(series)
        series.materialized_until = None if rule.bounded else now + HORIZON
        series_list.append(series)
    SessionSeries.objects.bulk_create(series_list)
    # a team or group session invites every accepted member: their places in one query
    several = [s.engagement for s in series_list if s.engagement.kind in GROUP_SESSION_KINDS]
    several = [
        e for e in several if "participants" not in getattr(e, "_prefetched_objects_cache", {})
    ]
    if several:
        places = EngagementParticipant.objects.select_related("member__user").order_by(
            "added_at", "id"
        )
        prefetch_related_objects(several, Prefetch("participants", queryset=places))
    occurrences: dict[int, list[ScheduledSession]] = {}
    for series in series_list:
        rule = _rule(series)
        starts = list(core.original_starts(rule, before=series.materialized_until))
        occurrences[id(series)] = occurrence_rows(series, starts)
    ScheduledSession.objects.bulk_create([o for rows in occurrences.values() for o in rows])
    invitations = [
        Reminder(**{**row, "subject": row["subject"][:250]})
        for series in series_list
        for row in invitation_messages(
            series=series,
            method="REQUEST",
            actor=series.organizer,
            now=now,
            first=min(occurrences[id(series)], key=lambda o: o.start, default=None),
            occurrences=occurrences[id(series)],
        )
    ]
    Reminder.objects.bulk_create(invitations, ignore_conflicts=True)
    if invitations:
        transaction.on_commit(send_soon)
    return series_list
