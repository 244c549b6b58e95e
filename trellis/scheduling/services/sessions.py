"""Writes for sessions on the calendar: schedule once or as a series, materialize, invite.
(Cancelling, rescheduling and cadences are in changes.py.)

The rule lives on SessionSeries and the schedule core computes everything about it; occurrences
are rows, created here up to a horizon ("materialized") and changed one by one or from one on.
"""

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trellis.accounts.language import in_language_of
from trellis.accounts.models import Membership
from trellis.core import schedule as core
from trellis.core.ical import CalendarEvent, Person, Status, build_invitation, event_from_series
from trellis.core.schedule.times import zone
from trellis.engagements.models import GROUP_SESSION_KINDS, Engagement, EngagementParticipant
from trellis.scheduling.models import (
    CareerEvent,
    Reminder,
    ScheduledSession,
    SchedulingSettings,
    SessionKind,
    SessionSeries,
)
from trellis.scheduling.services import outbox
from trellis.scheduling.services.text import describe_rule, when_for

# An endless series has rows this far ahead; each reminder pass extends it.
HORIZON = timedelta(days=400)
MAX_OCCURRENCES = 260
MAX_MINUTES = 8 * 60

ERROR_ENGAGEMENT_NOT_ACTIVE = gettext_lazy(
    "Sessions can be scheduled only in an active engagement."
)
ERROR_TOO_MANY = gettext_lazy("A series may have at most {max} sessions; end it earlier.")
ERROR_DURATION = gettext_lazy("A session lasts from 5 minutes to 8 hours; got {minutes} minutes.")
ERROR_FREQ = gettext_lazy("Repeat is one of: once, weekly, monthly.")
ERROR_ZONE = gettext_lazy("Unknown time zone {zone!r}; use an IANA name such as Europe/London.")


def settings_of(org_id: int) -> SchedulingSettings:
    found = SchedulingSettings.objects.filter(org_id=org_id).first()
    return found or SchedulingSettings(org_id=org_id)


def scheduling_settings_save(
    *, actor: Membership, cancellation_window_hours: int
) -> SchedulingSettings:
    with transaction.atomic(durable=True):
        found, _ = SchedulingSettings.objects.update_or_create(
            org_id=actor.org_id, defaults={"cancellation_window_hours": cancellation_window_hours}
        )
    return found


def _rule(series: SessionSeries) -> core.Series:
    return core.Series(
        start=series.starts_at,
        duration=series.duration,
        timezone=series.timezone,
        recurrence=series.recurrence,
    )


def core_series(
    series: SessionSeries, occurrences: list[ScheduledSession] | None = None
) -> core.Series:
    """The series as the schedule core sees it: the rule, its cancelled and moved occurrences."""
    rule = _rule(series)
    rows = list(series.occurrences.all()) if occurrences is None else occurrences
    special = [o for o in rows if o.is_cancelled or o.moved]
    if not special or not series.repeats:
        return rule
    # Rows left over after a series was cut short are history, not exceptions of the rule.
    last = max(o.original_start for o in special)
    in_rule = set(core.original_starts(rule, before=last + timedelta(seconds=1)))
    cancelled = frozenset(
        o.original_start for o in special if o.is_cancelled and o.original_start in in_rule
    )
    overrides = tuple(
        core.Override(o.original_start, o.start, o.end)
        for o in special
        if o.moved and not o.is_cancelled and o.original_start in in_rule
    )
    return replace(rule, cancelled=cancelled, overrides=overrides)


def session_url(occurrence: ScheduledSession | None, series: SessionSeries) -> str:
    from django.conf import settings
    from django.urls import reverse

    if occurrence is None:
        occurrence = series.occurrences.order_by("start").first()
    if occurrence is None:
        return ""
    path = reverse("scheduling:session", args=[series.org.slug, occurrence.uuid])
    return f"{settings.SITE_URL}{path}"


def series_summary(series: SessionSeries) -> str:
    """The calendar apps' line: the session and its people; a team or group session names the
    group (the team or the engagement's topic), not its primary coachee."""
    engagement = series.engagement
    group = engagement.group_name if engagement is not None else ""
    names = f"{series.coach.user.display_name} & {group or series.coachee.user.display_name}"
    return f"{series.summary}: {names}"


def series_people(series: SessionSeries) -> list[Membership]:
    """Who a series' invitations and .ics name: its coach, its coachee and, in a team or group
    engagement (one session for everyone), every member holding an accepted, current place, in
    the order they joined. Reads the engagement's places from a prefetch when there is one."""
    people = [series.coach, series.coachee]
    engagement = series.engagement if series.engagement_id is not None else None
    if engagement is None or engagement.kind not in GROUP_SESSION_KINDS:
        return people
    cache = getattr(engagement, "_prefetched_objects_cache", {})
    places = (
        list(cache["participants"])
        if "participants" in cache
        else list(engagement.participants.select_related("member__user").order_by("added_at", "id"))
    )
    seen = {person.pk for person in people}
    for place in places:
        member_place = place.role == EngagementParticipant.Role.COACHEE and place.grants
        if member_place and place.member_id not in seen:
            seen.add(place.member_id)
            people.append(place.member)
    return people


def calendar_event(
    series: SessionSeries,
    occurrences: list[ScheduledSession] | None = None,
    people: list[Membership] | None = None,
) -> CalendarEvent:
    """The series as an iCalendar event: the same UID for its whole life, SEQUENCE raised on change."""
    organizer = series.organizer
    people = series_people(series) if people is None else people
    attendees = tuple(
        Person(
            m.user.email,
            m.user.display_name,
            role="REQ-PARTICIPANT",
            partstat="ACCEPTED" if m.pk == organizer.pk else "NEEDS-ACTION",
        )
        for m in people
    )
    return event_from_series(
        core_series(series, occurrences),
        uid=series.uid,
        summary=series_summary(series),
        sequence=series.sequence,
        status=Status.CANCELLED if series.is_cancelled else Status.CONFIRMED,
        location=series.location,
        # the first of the rows given (no query), else the first on the database
        url=session_url(min(occurrences, key=lambda o: o.start) if occurrences else None, series),
        organizer=Person(organizer.user.email, organizer.user.display_name, role="CHAIR"),
        attendees=attendees,
    )


def _invite(
    *,
    series: SessionSeries,
    method: Literal["REQUEST", "CANCEL"],
    actor: Membership,
    now: datetime,
    reason: str = "",
    occurrence: datetime | None = None,
    cancelled_from: datetime | None = None,
    message: str | Promise = "",
) -> None:
    """Queue an invitation (REQUEST) or cancellation (CANCEL) with its .ics to the other people.
    `cancelled_from`: the series was cut short there ("cancel this and following"); the .ics is
    the shortened series (a REQUEST), and the email says what was cancelled."""
    first = series.occurrences.filter(original_start=occurrence).first() if occurrence else None
    first = first or series.occurrences.order_by("start").first()
    for row in invitation_messages(
        series=series,
        method=method,
        actor=actor,
        now=now,
        first=first,
        reason=reason,
        occurrence=occurrence,
        cancelled_from=cancelled_from,
        message=message,
    ):
        outbox.queue(**row)


def invitation_messages(
    *,
    series: SessionSeries,
    method: Literal["REQUEST", "CANCEL"],
    actor: Membership,
    now: datetime,
    first: ScheduledSession | None,
    reason: str = "",
    occurrence: datetime | None = None,
    cancelled_from: datetime | None = None,
    message: str | Promise = "",
    occurrences: list[ScheduledSession] | None = None,
) -> list[dict[str, Any]]:
    """The outbox rows (as `outbox.queue` keywords) of an invitation or cancellation to the people
    of the series (`series_people`: in a team or group, every accepted member) other than the actor. Reads nothing more when `first` and `occurrences` are
    given and the series' people are loaded (the bulk scheduler's case)."""
    people = series_people(series)
    event = calendar_event(series, occurrences, people)
    ics = build_invitation(event, method=method, now=now, occurrence=occurrence).decode()
    key = f"{method}-{series.sequence}"
    if occurrence is not None:
        key += f"@{occurrence:%Y%m%dT%H%M%SZ}"
    url = session_url(first, series) if first is not None else ""
    messages: list[dict[str, Any]] = []
    for person in people:
        if person.pk == actor.pk:
            continue
        with in_language_of(person.user):  # written in the recipient's language
            subject, lines = _invitation_text(
                series=series,
                method=method,
                actor=actor,
                when=when_for(first.start if first else series.starts_at, person.user.time_zone),
                reason=reason,
                occurrence=occurrence,
                cancelled_from=when_for(cancelled_from, person.user.time_zone)
                if cancelled_from is not None
                else None,
                message=str(message),
            )
        messages.append(
            {
                "recipient": person,
                "kind": Reminder.INVITATION,
                "object_uuid": series.uuid,
                "occurrence": key,
                "due_at": now,
                "send_at": now,
                "subject": subject,
                "body": "\n".join(lines),
                "url": url,
                "ics": ics,
                "ics_method": method,
            }
        )
    return messages


def _invitation_text(
    *,
    series: SessionSeries,
    method: Literal["REQUEST", "CANCEL"],
    actor: Membership,
    when: str,
    reason: str,
    occurrence: datetime | None,
    cancelled_from: str | None,
    message: str,
) -> tuple[str, list[str]]:
    """The subject and lines of one invitation, in the active language."""
    names = {"summary": series.summary, "when": when, "actor": actor.user.display_name}
    if cancelled_from:
        names["when"] = cancelled_from
        subject = _("Cancelled from %(when)s on: %(summary)s") % names
        lines = [
            _(
                "%(actor)s cancelled the session on %(when)s "
                "and all the following sessions of this series."
            )
            % names
        ]
    elif method == "CANCEL":
        subject = _("Cancelled: %(summary)s on %(when)s") % names
        if occurrence is not None or not series.repeats:
            lines = [_("%(actor)s cancelled this session.") % names]
        else:
            lines = [_("%(actor)s cancelled the series.") % names]
    elif series.sequence == 0:
        subject = _("Invitation: %(summary)s on %(when)s") % names
        lines = [_("%(actor)s scheduled a session with you.") % names]
    else:
        subject = _("Updated: %(summary)s on %(when)s") % names
        lines = [message or _("%(actor)s changed the time.") % names]
    if not cancelled_from:
        lines.append(_("When: %(when)s") % names)
    if series.repeats and occurrence is None:
        lines.append(_("Repeats: %(rule)s") % {"rule": describe_rule(series)})
    if reason:
        # a reason Trellis wrote (e.g. the cadence changed) reads in their language; a person's, as typed
        lines.append(_("Reason: %(reason)s") % {"reason": _(reason)})
    return subject, lines


def occurrence_rows(series: SessionSeries, starts: list[datetime]) -> list[ScheduledSession]:
    """New occurrence rows of a series at these rule starts (not saved)."""
    return [
        ScheduledSession(
            series=series,
            org_id=series.org_id,
            coach_id=series.coach_id,
            coachee_id=series.coachee_id,
            original_start=start,
            start=start,
            end=start + series.duration,
            status=ScheduledSession.Status.CANCELLED
            if series.is_cancelled
            else ScheduledSession.Status.SCHEDULED,
        )
        for start in starts
    ]


def materialize(series: SessionSeries, *, now: datetime) -> int:
    """Create the occurrence rows the rule asks for up to the horizon; drop scheduled rows the rule
    no longer has (a series cut short keeps its cancelled rows as history). Returns rows created."""
    rule = _rule(series)
    limit = None if rule.bounded else now + HORIZON
    expected = list(core.original_starts(rule, before=limit))
    existing = {o.original_start: o for o in series.occurrences.all()}
    wanted = set(expected)
    stale = [o.pk for start, o in existing.items() if start not in wanted and not o.is_cancelled]
    if stale:
        ScheduledSession.objects.filter(pk__in=stale).delete()
    new = occurrence_rows(series, [start for start in expected if start not in existing])
    ScheduledSession.objects.bulk_create(new)
    series.materialized_until = limit
    series.save(update_fields=["materialized_until", "updated_at"])
    return len(new)


def _check_rule(series: SessionSeries) -> None:
    errors: dict[str, str] = {}
    if not 5 <= series.duration_minutes <= MAX_MINUTES:
        errors["duration_minutes"] = ERROR_DURATION.format(minutes=series.duration_minutes)
    if series.freq not in ("", "weekly", "monthly"):
        errors["freq"] = str(ERROR_FREQ)
    try:
        zone(series.timezone)
    except ValueError:
        errors["timezone"] = ERROR_ZONE.format(zone=series.timezone)
    if errors:
        raise ValidationError(errors)
    try:
        rule = _rule(series)
    except ValueError as exc:
        raise ValidationError({"until" if series.until else "count": str(exc)}) from None
    if rule.bounded:
        n = sum(
            1 for _ in zip(core.original_starts(rule), range(MAX_OCCURRENCES + 1), strict=False)
        )
        if n > MAX_OCCURRENCES:
            raise ValidationError(
                {"until" if series.until else "count": ERROR_TOO_MANY.format(max=MAX_OCCURRENCES)}
            )


def session_schedule(**kwargs: object) -> SessionSeries:
    """Schedule one session or a series in the organizer's zone (the actor's, unless given).

    Keyword arguments are those of `schedule_in_transaction`.
    """
    with transaction.atomic(durable=True):
        return schedule_in_transaction(**kwargs)  # type: ignore[arg-type]


def schedule_in_transaction(
    *,
    actor: Membership,
    engagement: Engagement,
    start: datetime,
    duration_minutes: int = 60,
    timezone_name: str = "",
    freq: str = "",
    interval: int = 1,
    until: date | None = None,
    count: int | None = None,
    title: str = "",
    location: str = "",
    kind: str = SessionKind.REGULAR,
    career_event: CareerEvent | None = None,
    invite: bool = True,
) -> SessionSeries:
    """session_schedule's work, for services that already hold a transaction (bookings, cadences)."""
    if engagement.status != Engagement.Status.ACTIVE:
        raise ValidationError({"engagement": ERROR_ENGAGEMENT_NOT_ACTIVE})
    now = timezone.now()
    series = SessionSeries(
        org_id=engagement.org_id,
        engagement=engagement,
        coach_id=engagement.coach_id,
        coachee_id=engagement.coachee_id,
        sponsor_id=engagement.sponsor_id,
        organizer=actor,
        created_by=actor,
        kind=kind,
        title=title,
        location=location,
        timezone=timezone_name or actor.user.time_zone,
        starts_at=start.replace(second=0, microsecond=0),
        duration_minutes=duration_minutes,
        freq=freq,
        interval=interval if freq else 1,
        until=until if freq else None,
        count=count if freq else None,
        career_event=career_event,
    )
    _check_rule(series)
    series.full_clean()
    series.save()
    materialize(series, now=now)
    if invite:
        _invite(series=series, method="REQUEST", actor=actor, now=now)
    return series


def series_extend(*, now: datetime, batch: int = 500) -> int:
    """Grow endless series to the horizon; run by every reminder pass."""
    made = 0
    due = SessionSeries.objects.filter(
        is_cancelled=False, materialized_until__lt=now + HORIZON - timedelta(days=7)
    ).exclude(freq="")
    for series in due.iterator(chunk_size=batch):
        with transaction.atomic():
            made += materialize(series, now=now)
    return made
