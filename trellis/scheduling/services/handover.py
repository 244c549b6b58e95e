"""When an engagement changes hands: its future calendar goes to the new coach (or sponsor).

Past sessions keep the coach who held them (attendance and history stay true). Every occurrence
from now on, and each series that still has one (so that the occurrences an endless series makes
later follow it too), names the new coach; the old coach's pending reminders about them are
skipped and the reminder passes plan the new coach's. The new coach and the coachee get an updated
invitation (.ics REQUEST) and the old coach a cancellation (.ics CANCEL), through the same outbox
as every invitation. Connected to `trellis.engagements.signals.people_changed` in apps.py.
"""

from datetime import datetime
from typing import Any

from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

from trellis.accounts.language import in_language_of
from trellis.accounts.models import Membership
from trellis.core.ical import build_invitation
from trellis.engagements.models import Engagement
from trellis.scheduling.models import Reminder, ScheduledSession, SessionSeries
from trellis.scheduling.services import outbox
from trellis.scheduling.services.sessions import (
    _invite,
    calendar_event,
    invitation_messages,
    series_people,
    session_url,
)
from trellis.scheduling.services.text import when_for

HANDED_OVER = "The engagement was handed to another {role}."


def on_people_changed(
    sender: Any,
    *,
    engagement: Engagement,
    role: str,
    old: Membership | None,
    new: Membership | None,
    actor: Membership,
    now: datetime,
    **_: Any,
) -> None:
    if role == "coach" and old is not None and new is not None:
        calendar_hand_over(engagement=engagement, old=old, new=new, actor=actor, now=now)
    elif role == "coachee" and old is not None and new is not None:
        # a member left a team, group or peer engagement: its future sessions name another
        # member as the primary coachee (past ones keep who was there)
        ScheduledSession.objects.filter(
            series__engagement=engagement, coachee=old, start__gte=now
        ).update(coachee=new)
        SessionSeries.objects.filter(engagement=engagement, coachee=old).update(coachee=new)
    elif role == "sponsor":
        # the copy on the future series follows the engagement (None until a new sponsor is
        # accepted); the policy reads the accepted participants in any case
        SessionSeries.objects.filter(engagement=engagement).filter(
            Q(occurrences__start__gte=now) | Q(materialized_until__isnull=True)
        ).update(sponsor=new)


def on_place_accepted(
    sender: Any, *, engagement: Engagement, member: Membership, now: datetime, **_: Any
) -> None:
    """A member said yes to their place in a team or group engagement: they get the invitation
    (.ics REQUEST, the series as it is now, under its UID) to each of its series that still has a
    session to come, as the others got it when it was scheduled. Nobody else is written to."""
    series_list = _upcoming_series(engagement, now)
    for series in series_list:
        occurrences = list(series.occurrences.all())
        upcoming = [
            o
            for o in occurrences
            if o.start >= now and o.status == ScheduledSession.Status.SCHEDULED
        ]
        if not upcoming:
            continue
        for row in invitation_messages(
            series=series,
            method="REQUEST",
            actor=series.organizer,
            now=now,
            first=min(upcoming, key=lambda o: o.start),
            occurrences=occurrences,
        ):
            if row["recipient"].pk != member.pk:
                continue
            # their own key: joining again later (after leaving) is a new message
            row["occurrence"] = f"JOINED-{series.sequence}@{now:%Y%m%dT%H%M%SZ}"
            first = min(upcoming, key=lambda o: o.start)
            lines = row["body"].split("\n")
            with in_language_of(member.user):  # an invitation, not an update, for the newcomer
                row["subject"] = gettext("Invitation: %(summary)s on %(when)s") % {
                    "summary": series.summary,
                    "when": when_for(first.start, member.user.time_zone),
                }
                lines[0] = gettext("You said yes to your place in %(group)s: its sessions.") % {
                    "group": engagement.group_name
                }
            row["body"] = "\n".join(lines)
            outbox.queue(**row)


def _upcoming_series(engagement: Engagement, now: datetime) -> list[SessionSeries]:
    return list(
        SessionSeries.objects.filter(
            engagement=engagement,
            is_cancelled=False,
            occurrences__start__gte=now,
            occurrences__status=ScheduledSession.Status.SCHEDULED,
        )
        .distinct()
        .select_related("coach__user", "coachee__user", "organizer__user", "org", "engagement")
        .order_by("starts_at", "id")
    )


def on_place_left(
    sender: Any, *, engagement: Engagement, member: Membership, now: datetime, **_: Any
) -> None:
    """A member left their place in a team or group engagement: each series still to come leaves
    their calendar program (.ics CANCEL under its UID, naming them among its attendees). The
    others are not written to; the next change they get no longer names the one who left."""
    member = Membership.objects.select_related("user").get(pk=member.pk)
    for series in _upcoming_series(engagement, now):
        people = [*series_people(series), member]
        ics = build_invitation(
            calendar_event(series, people=people), method="CANCEL", now=now
        ).decode()
        first = series.occurrences.filter(start__gte=now).order_by("start").first()
        with in_language_of(member.user):
            names = {
                "summary": series.summary,
                "group": engagement.group_name,
                "when": when_for(first.start if first else series.starts_at, member.user.time_zone),
            }
            subject = gettext("Cancelled for you: %(summary)s from %(when)s") % names
            body = (
                gettext("You left %(group)s: its sessions from %(when)s on leave your calendar.")
                % names
            )
        outbox.queue(
            recipient=member,
            kind=Reminder.INVITATION,
            object_uuid=series.uuid,
            occurrence=f"LEFT-{series.sequence}@{now:%Y%m%dT%H%M%SZ}",
            due_at=now,
            send_at=now,
            subject=subject,
            body=body,
            url=session_url(first, series),
            ics=ics,
            ics_method="CANCEL",
        )


def calendar_hand_over(
    *, engagement: Engagement, old: Membership, new: Membership, actor: Membership, now: datetime
) -> int:
    """Move the engagement's future sessions from `old` to `new`; returns the series moved."""
    future = ScheduledSession.objects.filter(
        series__engagement=engagement, coach=old, start__gte=now
    )
    series_ids = set(future.values_list("series_id", flat=True))
    moved_uuids = list(future.values_list("uuid", flat=True))
    future.update(coach=new)
    series_list = list(
        SessionSeries.objects.filter(pk__in=series_ids, is_cancelled=False)
        .select_related("coach__user", "coachee__user", "organizer__user", "org")
        .order_by("starts_at", "id")
    )
    Reminder.objects.filter(
        recipient=old,
        status=Reminder.Status.PENDING,
        object_uuid__in=[*moved_uuids, *(s.uuid for s in series_list)],
    ).update(status=Reminder.Status.SKIPPED, skip_reason=HANDED_OVER.format(role="coach"))
    for series in series_list:
        series.coach = new
        if series.organizer_id == old.pk:
            series.organizer = new
        series.sequence += 1
        series.save(update_fields=["coach", "organizer", "sequence", "updated_at"])
        _invite(
            series=series,
            method="REQUEST",
            actor=actor,
            now=now,
            # lazy: each recipient reads it in their own language
            message=format_lazy(
                gettext_lazy(
                    "{new} takes over these sessions from {old} (the engagement changed coach)."
                ),
                new=new.user.display_name,
                old=old.user.display_name,
            ),
        )
        _cancel_for(series, old, actor, now)
    return len(series_list)


def _cancel_for(series: SessionSeries, old: Membership, actor: Membership, now: datetime) -> None:
    """The old coach's calendar drops the series (same UID, a CANCEL)."""
    ics = build_invitation(calendar_event(series), method="CANCEL", now=now).decode()
    first = series.occurrences.filter(start__gte=now).order_by("start").first()
    with in_language_of(old.user):
        names = {
            "summary": series.summary,
            "actor": actor.user.display_name,
            "coach": series.coach.user.display_name,
            "when": when_for(first.start if first else series.starts_at, old.user.time_zone),
        }
        subject = gettext("Handed over: %(summary)s from %(when)s") % names
        body = (
            gettext(
                "%(actor)s handed this engagement to %(coach)s; "
                "the sessions from %(when)s on are theirs now and leave your calendar."
            )
            % names
        )
    outbox.queue(
        recipient=old,
        kind=Reminder.INVITATION,
        object_uuid=series.uuid,
        occurrence=f"HANDOVER-{series.sequence}",
        due_at=now,
        send_at=now,
        subject=subject,
        body=body,
        url=session_url(first, series),
        ics=ics,
        ics_method="CANCEL",
    )
