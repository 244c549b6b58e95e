"""Reads for scheduling, within the caller's organization (the policy decides the rest)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from django.db.models import Max, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.core.schedule import DEFAULT_DIGEST_TIME, ReminderKind
from trellis.core.schedule.times import from_wall_clock, zone
from trellis.engagements import selectors as engagement_selectors
from trellis.engagements import visibility
from trellis.engagements.models import GRANTING_STATUSES, GROUP_SESSION_KINDS, Engagement
from trellis.scheduling.models import (
    Availability,
    AvailabilityException,
    AvailabilityWindow,
    CalendarFeedToken,
    CareerEvent,
    HomeDigest,
    MemberAttendance,
    Outcome,
    ReminderPreference,
    ReminderSettings,
    ScheduledSession,
    SessionSeries,
    TriggerRule,
)
from trellis.scheduling.services.reminders import DEFAULT_QUIET
from trellis.scheduling.taking_part import taking_part


def viewer_zone(member: Membership) -> str:
    name = member.user.time_zone or "UTC"
    try:
        zone(name)
    except ValueError:
        return "UTC"
    return name


def local_day_bounds(day: date, zone_name: str, days: int = 1) -> tuple[datetime, datetime]:
    return (
        from_wall_clock(datetime.combine(day, time()), zone_name),
        from_wall_clock(datetime.combine(day + timedelta(days=days), time()), zone_name),
    )


def _occurrences() -> QuerySet[ScheduledSession]:
    return ScheduledSession.objects.select_related(
        "series", "series__org", "coach__user", "coachee__user"
    ).order_by("start", "id")


def occurrences_of(
    *, member: Membership, start: datetime, end: datetime
) -> QuerySet[ScheduledSession]:
    """The sessions the member takes part in (coach, coachee, or a member of a team, group or
    peer engagement) overlapping [start, end)."""
    return _occurrences().filter(taking_part(member, "series__"), start__lt=end, end__gt=start)


def member_marks(occurrence: ScheduledSession) -> list[MemberAttendance]:
    """Who attended a group session, as the coach marked it (empty until then)."""
    return list(occurrence.member_attendance.select_related("member__user").order_by("id"))


def member_marks_for(occurrence: ScheduledSession, viewer: Membership) -> list[MemberAttendance]:
    """The per-member marks of a team or group session that `viewer` may read (attendance,
    docs/confidentiality.md): a coach of the engagement and an admin read every member's; a
    member reads their own; a sponsor reads only their coachee's (the members who report to them
    in the people data), and none when the agreement in force leaves attendance out; anyone else
    none. The session's own outcome is read as before (attendance_of)."""
    engagement = occurrence.series.engagement
    if engagement is None or engagement.kind not in GROUP_SESSION_KINDS:
        return []
    if viewer.org_id != occurrence.org_id:
        return []
    relations = engagement.participant_relations(viewer)
    marks = member_marks(occurrence)
    if "coach" in relations or viewer.is_admin:
        return marks
    if "sponsor" in relations:
        if policy.withheld_from_sponsor(viewer, engagement, "attendance"):
            return []
        return [m for m in marks if m.member.manager_id == viewer.pk]
    return [m for m in marks if m.member_id == viewer.pk]


def occurrences_coached(
    *, member: Membership, start: datetime, end: datetime
) -> QuerySet[ScheduledSession]:
    """The sessions the member coaches overlapping [start, end): `occurrences_of` narrowed to
    those they coach, without reading their team, group and peer engagements first."""
    return _occurrences().filter(coach=member, start__lt=end, end__gt=start)


def occurrences_as_coachee(
    *, member: Membership, start: datetime, end: datetime
) -> QuerySet[ScheduledSession]:
    """The sessions whose coachee is the member overlapping [start, end): `occurrences_of`
    narrowed to those, without reading the member's team, group and peer series first."""
    return _occurrences().filter(coachee=member, start__lt=end, end__gt=start)


def coach_schedule(
    *, member: Membership, start: datetime, end: datetime
) -> QuerySet[ScheduledSession]:
    # the coach's own rows: each names its coachee or group, its kind or title (not the coach)
    return (
        ScheduledSession.objects.select_related("series__engagement__team", "coachee__user")
        .filter(coach=member, org=member.org, start__lt=end, end__gt=start)
        .order_by("start", "id")
    )


def occurrence_get(*, member: Membership, uuid: UUID | str) -> ScheduledSession | None:
    return (
        _occurrences()
        .select_related("series__organizer__user", "changed_by__user")
        .filter(org=member.org, uuid=uuid)
        .first()
    )


def engagement_occurrences(
    *, engagement: Engagement, since: datetime, member: Membership | None = None
) -> QuerySet[ScheduledSession]:
    """The engagement's sessions from `since`; none for a sponsor whose agreement in force does
    not show them attendance (trellis/engagements/visibility.py)."""
    if member is not None and policy.withheld_from_sponsor(member, engagement, "attendance"):
        return ScheduledSession.objects.none()
    return _occurrences().filter(series__engagement=engagement, end__gte=since)


def _held() -> QuerySet[ScheduledSession]:
    """Sessions recorded as held (attendance): the only ones that count as activity."""
    return ScheduledSession.objects.filter(outcome=Outcome.HELD).exclude(
        status=ScheduledSession.Status.CANCELLED
    )


def last_held_by_engagement(*, engagement_ids: list[int], now: datetime) -> dict[int, datetime]:
    """When each engagement's latest held session began, up to `now`."""
    return dict(
        _held()
        .filter(series__engagement__in=engagement_ids, start__lte=now)
        .values_list("series__engagement_id")
        .annotate(last=Max("start"))
    )


def last_held_of_outer(*, now: datetime) -> QuerySet[ScheduledSession, Any]:
    """When the engagement of the outer query (`OuterRef("pk")`) last held a session, up to
    `now`: a one-value subquery, for a list of engagements read in one query."""
    rows = _held().filter(series__engagement=OuterRef("pk"), start__lte=now)
    return rows.order_by("-start").values("start")[:1]


def held_times(*, engagement: Engagement, since: datetime, now: datetime) -> list[datetime]:
    """When the engagement's held sessions began (what goals counts against "stalled")."""
    rows = _held().filter(series__engagement=engagement, start__gte=since, start__lte=now)
    return list(rows.values_list("start", flat=True))


@dataclass(frozen=True)
class Attendance:
    """What became of a scheduled session, as everyone who may see attendance sees it."""

    key: str  # an Outcome value, or "upcoming" / "to_log"
    label: str
    occurrence: ScheduledSession | None = None

    @property
    def by(self) -> Membership | None:
        """Who recorded the outcome or the cancellation: read only when asked (a query per
        session), as most callers want the key or the label alone."""
        o = self.occurrence
        if o is None:
            return None
        if o.outcome:
            return o.outcome_by
        return o.changed_by if o.is_cancelled else None


def attendance_of(occurrence: ScheduledSession, *, now: datetime) -> Attendance:
    """The recorded outcome; a cancellation made on the calendar counts as one (late or not);
    a past session nobody logged yet is "to log"; a future one "upcoming"."""
    if occurrence.outcome:
        return Attendance(occurrence.outcome, str(Outcome(occurrence.outcome).label), occurrence)
    if occurrence.is_cancelled:
        key = Outcome.LATE_CANCELLATION if occurrence.late else Outcome.CANCELLED
        return Attendance(key, str(Outcome(key).label), occurrence)
    if occurrence.start > now:
        return Attendance("upcoming", "Upcoming")
    return Attendance("to_log", "Not logged yet")


def attendance_counts(*, engagement: Engagement, now: datetime) -> dict[str, int]:
    """How many of the engagement's sessions came to each outcome (sponsors and admins see this)."""
    counts: dict[str, int] = {}
    for occurrence in _occurrences().filter(series__engagement=engagement, start__lte=now):
        key = attendance_of(occurrence, now=now).key
        counts[key] = counts.get(key, 0) + 1
    return counts


def series_of_engagement(*, engagement: Engagement) -> QuerySet[SessionSeries]:
    return SessionSeries.objects.filter(engagement=engagement).order_by("-starts_at")


def engagement_get(*, member: Membership, uuid: UUID | str) -> Engagement | None:
    return (
        Engagement.objects.filter(org=member.org, uuid=uuid)
        .select_related("coach__user", "coachee__user", "sponsor__user", "org")
        .first()
    )


def engagements_to_schedule(*, member: Membership, coached: bool = False) -> QuerySet[Engagement]:
    """Active engagements the member coaches or is coached in; `coached`: those they coach, each
    with its coachee and team only (the coach's schedule lists them by coachee or group)."""
    active = Engagement.objects.filter(org=member.org, status=Engagement.Status.ACTIVE)
    if coached:
        return (
            active.filter(coach=member)
            .select_related("coachee__user", "team")
            .order_by("coachee__user__name")
        )
    return (
        active.filter(Q(coach=member) | Q(coachee=member))
        .select_related("coach__user", "coachee__user", "team")
        .order_by("coachee__user__name")
    )


def bookable_engagements(*, member: Membership) -> QuerySet[Engagement]:
    return engagements_to_schedule(member=member).filter(coachee=member)


def availability_of(*, member: Membership) -> Availability | None:
    return Availability.objects.filter(coach=member).first()


def window_get(*, member: Membership, uuid: UUID | str) -> AvailabilityWindow | None:
    return AvailabilityWindow.objects.filter(availability__coach=member, uuid=uuid).first()


def exception_get(*, member: Membership, uuid: UUID | str) -> AvailabilityException | None:
    return AvailabilityException.objects.filter(availability__coach=member, uuid=uuid).first()


def events_visible_to(*, member: Membership) -> QuerySet[CareerEvent]:
    return events_visible_by_ids(**events_visible_values(member))


def events_visible_values(member: Membership) -> dict[str, Any]:
    """What decides which career events the member sees, as ids (for a kept query): an admin
    their organization's; anyone else their own, their coachees' and, where the agreement in
    force shows a sponsor career events, their sponsees' (visibility.py)."""
    if member.is_admin:
        return {"org_id": member.org_id}
    values: dict[str, Any] = {"member_id": member.pk}
    coached = engagement_selectors.coached_engagement_ids(member)
    if coached:
        values["coached"] = coached
    seen = visibility.sponsored_seeing(member, "career_events")
    if seen:
        values["seen"] = seen
    return values


def events_visible_by_ids(
    org_id: int | None = None,
    member_id: int | None = None,
    coached: Sequence[int] = (),
    seen: Sequence[int] = (),
) -> QuerySet[CareerEvent]:
    # its lists, calendars and API name the coachee; the policy reads the engagement's places
    # (prefetched by the caller) and the event's own ids: no coach or logger models per row
    qs = CareerEvent.objects.select_related("coachee__user", "engagement")
    if org_id is not None:
        return qs.filter(org_id=org_id)
    # the engagement's coach and sponsor of today (the copies on the event are of the day it was
    # logged): someone who handed over no longer lists the coachee's events
    # a sponsor: only where the agreement in force shows them career events (visibility.py)
    # (`seen` holds only engagements the member sponsors). `engagement IN (...)` lets the
    # database use an index for each side, where an OR across the join to the engagement scanned
    # every event of the organization. A membership is one organization's, so naming the member
    # keeps to it; an organization condition beside the OR made SQLite read every event (and
    # every engagement) of the organization instead. The coached engagements are named by id
    # too: as a subquery, PostgreSQL estimated half the events and read them all (2 ms a query
    # at 10,000 coachees) where each id is an index lookup.
    rule = Q(coachee_id=member_id)
    if coached or seen:
        rule |= Q(engagement_id__in=[*coached, *seen])
    return qs.filter(rule)


def event_label(*, member: Membership, event: CareerEvent) -> str:
    """What the member may call the event: its title for the coachee and their coach, its type
    for everyone else (docs/confidentiality.md)."""
    if policy.allows(member, "event.details.read", event):
        return event.label
    return event.type_label


def event_get(*, member: Membership, uuid: UUID | str) -> CareerEvent | None:
    return (
        CareerEvent.objects.filter(org=member.org, uuid=uuid)
        .select_related(
            "coachee__user", "coach__user", "sponsor__user", "logged_by__user", "engagement", "org"
        )
        .first()
    )


def coachees_for_events(*, member: Membership) -> QuerySet[Membership]:
    """Whom the member may log an event for: themself, their coachees and sponsees; anyone (admin)."""
    qs = Membership.objects.filter(is_active=True, is_coachee=True).select_related("user")
    if member.is_admin:
        qs = qs.filter(org=member.org)
    else:
        # their engagements' coachees are of their organization; an organization condition
        # beside these made SQLite read every membership of the organization. Their ids are
        # read first: PostgreSQL estimates `pk = me OR pk IN (subquery)` at half the table and
        # joins every person before it keeps a coach's few (4 ms -> 0.3 ms at 10,000 coachees).
        linked = Engagement.objects.filter(
            Q(coach=member) | Q(sponsor=member), status__in=GRANTING_STATUSES
        ).values_list("coachee_id", flat=True)
        qs = qs.filter(pk__in={member.pk, *linked})
    return qs.order_by("user__name", "user__email")


def trigger_rules(*, member: Membership) -> QuerySet[TriggerRule]:
    return TriggerRule.objects.filter(org=member.org)


def trigger_rule_get(*, member: Membership, uuid: UUID | str) -> TriggerRule | None:
    return TriggerRule.objects.filter(org=member.org, uuid=uuid).first()


@dataclass(frozen=True)
class PreferenceRow:
    kind: str
    label: str
    help: str
    delivery: str
    default: str


KIND_TEXT = {
    ReminderKind.SESSION: (
        gettext_lazy("Sessions"),
        gettext_lazy("A day and an hour before each session."),
    ),
    ReminderKind.ACTION_DUE_SOON: (
        gettext_lazy("Actions due soon"),
        gettext_lazy("Actions on your plan due in the next two days."),
    ),
    ReminderKind.ACTION_OVERDUE: (
        gettext_lazy("Overdue actions"),
        gettext_lazy("Actions past their due date."),
    ),
    ReminderKind.LOG_SESSION: (
        gettext_lazy("Log your session"),
        gettext_lazy("Right after a session, while it is fresh."),
    ),
    ReminderKind.REVIEW_DUE: (
        gettext_lazy("Reviews due"),
        gettext_lazy("Two days before a review of your goals."),
    ),
    ReminderKind.EVENT_PREPARATION: (
        gettext_lazy("Career events"),
        gettext_lazy("Two days before an event, and when a focused session opens for one."),
    ),
}


@dataclass(frozen=True)
class ReminderChoices:
    rows: list[PreferenceRow]
    quiet_start: time | None
    quiet_end: time | None
    digest_time: time
    home_digest: str = HomeDigest.OFF


def reminder_choices(*, member: Membership) -> ReminderChoices:
    chosen = dict(ReminderPreference.objects.filter(member=member).values_list("kind", "delivery"))
    rows = [
        PreferenceRow(
            kind.value,
            str(KIND_TEXT[kind][0]),
            str(KIND_TEXT[kind][1]),
            chosen.get(kind.value, ReminderPreference.default_for(kind.value)),
            ReminderPreference.default_for(kind.value),
        )
        for kind in ReminderKind
    ]
    found = ReminderSettings.objects.filter(member=member).first()
    if found is None:
        return ReminderChoices(rows, DEFAULT_QUIET[0], DEFAULT_QUIET[1], DEFAULT_DIGEST_TIME)
    return ReminderChoices(
        rows, found.quiet_start, found.quiet_end, found.digest_time, found.home_digest
    )


def feed_token_of(*, member: Membership) -> CalendarFeedToken | None:
    return CalendarFeedToken.objects.filter(member=member, revoked_at=None).first()
