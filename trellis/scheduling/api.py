"""The scheduling API: calendars, scheduled sessions and series, availability and bookings, career
events and trigger rules, reminder preferences and the private feed. Times are ISO 8601 with an
offset; answers are in UTC."""

from datetime import date, datetime, time, timedelta
from typing import Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership
from trellis.api.fields import Day, LocalTime, Moment
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.engagements.models import Engagement
from trellis.scheduling import selectors, services
from trellis.scheduling.forms import REPEAT_RULES
from trellis.scheduling.models import CareerEvent, ScheduledSession, SessionSeries, TriggerRule
from trellis.scheduling.services.bookings import BOOK_AHEAD
from trellis.scheduling.services.feeds import feed_token_of, feed_url

router = Router(tags=["scheduling"])

ERROR_AWARE = "Give a date and time with its UTC offset, e.g. 2026-03-03T09:00:00+00:00."
ERROR_NO_MEMBER = "No coachee of this organization has that id."
ERROR_RANGE = "The range is at most 92 days and ends after it starts."


class CalendarPersonOut(Schema):
    id: UUID
    name: str


class CalendarSessionOut(Schema):
    id: UUID
    series_id: UUID
    engagement_id: UUID
    kind: str
    title: str | None = Field(description="Only for the coach and the coachee.")
    start: datetime
    end: datetime
    status: str
    moved: bool
    late_cancellation: bool
    reason: str | None = Field(description="Why it was moved or cancelled (coach and coachee).")
    coach: CalendarPersonOut
    coachee: CalendarPersonOut
    attendance: str = Field(
        "",
        description="held, no_show_coachee, no_show_coach, late_cancellation, cancelled; "
        "to_log once past and not logged; upcoming before its start.",
    )


class OutcomeIn(Schema):
    outcome: Literal["held", "no_show_coachee", "no_show_coach", "late_cancellation", "cancelled"]


class SeriesOut(Schema):
    id: UUID
    engagement_id: UUID
    kind: str
    title: str
    timezone: str
    starts_at: datetime
    duration_minutes: int
    repeat: str
    until: date | None
    count: int | None
    sequence: int
    cancelled: bool
    sessions: list[CalendarSessionOut]


class ScheduleIn(Schema):
    start: Moment = Field(description="The first session, with its UTC offset.")
    duration_minutes: int = 60
    timezone: str = Field("", description="The organizer's zone; yours when empty.")
    repeat: Literal["", "weekly", "fortnightly", "monthly"] = ""
    until: Day | None = None
    count: int | None = None
    title: str = ""
    location: str = ""


class CancelIn(Schema):
    reason: str
    following: bool = Field(False, description="Also cancel every later session of the series.")


class RescheduleIn(Schema):
    start: Moment
    reason: str
    duration_minutes: int | None = None
    following: bool = Field(False, description="Move every later session of the series too.")


class CadenceIn(Schema):
    every_weeks: int
    first: Moment
    duration_minutes: int = 45


class WindowIO(Schema):
    weekday: int = Field(description="0 is Monday, 6 is Sunday.")
    start: LocalTime
    end: LocalTime


class AvailabilityIO(Schema):
    timezone: str
    slot_minutes: int = 60
    buffer_before_minutes: int = 0
    buffer_after_minutes: int = 15
    notice_hours: int = 24
    windows: list[WindowIO] = []


class ExceptionIn(Schema):
    kind: Literal["blocked", "extra"] = "blocked"
    start: Moment
    end: Moment
    note: str = ""


class ExceptionOut(ExceptionIn):
    id: UUID


class SlotOut(Schema):
    start: datetime
    end: datetime


class BookingIn(Schema):
    start: Moment


class BookingOut(Schema):
    id: UUID
    start: datetime
    end: datetime
    session: CalendarSessionOut


class EventIn(Schema):
    coachee_id: UUID
    type: Literal[
        "performance_review",
        "promotion_decision",
        "role_change",
        "new_project",
        "job_interview",
        "offer",
        "setback",
        "custom",
    ]
    date: Day
    title: str = ""
    notes: str = ""
    custom_type: str = ""


class FiringOut(Schema):
    id: UUID
    framework_key: str
    by_rule: bool
    coaching_session_id: UUID | None
    error: str


class EventOut(Schema):
    id: UUID
    coachee: CalendarPersonOut
    type: str
    label: str
    date: date
    title: str | None = Field(description="Only for the coachee and their coach.")
    notes: str | None = Field(description="Only for the coachee and their coach.")
    source: str
    sessions: list[FiringOut]


class EventImportIn(Schema):
    csv: str = Field(description="email, type, date, title, notes; all rows or none are imported.")


class EventSessionIn(Schema):
    framework_key: str = "tgrow"
    style: Literal["non-directive", "dialogical", "directive"] = "non-directive"


class TriggerIO(Schema):
    event_type: str
    when: Literal["on_log", "before", "after"] = "on_log"
    days: int = 0
    framework_key: str = "tgrow"
    style: Literal["non-directive", "dialogical", "directive"] = "non-directive"
    notify_coachee: bool = True
    notify_coach: bool = True
    notify_sponsor: bool = False


class TriggerOut(TriggerIO):
    id: UUID


class PreferencesIO(Schema):
    delivery: dict[str, Literal["immediately", "digest", "off"]] = Field(
        description="Per kind: session, action_due_soon, action_overdue, log_session, review_due, event_preparation."
    )
    quiet_start: LocalTime | None = None
    quiet_end: LocalTime | None = None
    digest_time: LocalTime = time(7, 30)


class FeedOut(Schema):
    url: str | None


# helpers


def _aware(value: datetime, field: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError({field: ERROR_AWARE})
    return value


def _person(m: Membership) -> dict[str, object]:
    return {"id": m.uuid, "name": m.user.display_name}


def _session(o: ScheduledSession, member: Membership) -> dict[str, object]:
    details = policy.allows(member, "calendar.session.details", o.series)
    return {
        "id": o.uuid,
        "series_id": o.series.uuid,
        "engagement_id": o.series.engagement.uuid,
        "kind": o.series.kind,
        "title": o.series.summary if details else None,
        "start": o.start,
        "end": o.end,
        "status": o.status,
        "moved": o.moved,
        "late_cancellation": o.late,
        "reason": o.reason if details else None,
        "coach": _person(o.coach),
        "coachee": _person(o.coachee),
        "attendance": selectors.attendance_of(o, now=timezone.now()).key,
    }


def _series(s: SessionSeries, member: Membership) -> dict[str, object]:
    repeat = next((k for k, v in REPEAT_RULES.items() if v == (s.freq, s.interval)), s.freq)
    rows = s.occurrences.select_related(
        "series__engagement", "coach__user", "coachee__user"
    ).order_by("start")[:60]
    return {
        "id": s.uuid,
        "engagement_id": s.engagement.uuid,
        "kind": s.kind,
        "title": s.summary,
        "timezone": s.timezone,
        "starts_at": s.starts_at,
        "duration_minutes": s.duration_minutes,
        "repeat": repeat,
        "until": s.until,
        "count": s.count,
        "sequence": s.sequence,
        "cancelled": s.is_cancelled,
        "sessions": [_session(o, member) for o in rows],
    }


def _engagement(member: Membership, engagement_id: UUID, action: str) -> Engagement:
    engagement = selectors.engagement_get(member=member, uuid=engagement_id)
    if engagement is None:
        raise Http404
    policy.require(member, action, engagement)
    return engagement


def _occurrence(member: Membership, session_id: UUID, action: str) -> ScheduledSession:
    found = selectors.occurrence_get(member=member, uuid=session_id)
    if found is None:
        raise Http404
    policy.require(member, action, found.series)
    return found


def _event(member: Membership, event_id: UUID, action: str) -> CareerEvent:
    found = selectors.event_get(member=member, uuid=event_id)
    if found is None:
        raise Http404
    policy.require(member, action, found)
    return found


def _event_out(e: CareerEvent, member: Membership) -> dict[str, object]:
    return {
        "id": e.uuid,
        "coachee": _person(e.coachee),
        "type": e.type,
        "label": e.type_label,
        "date": e.date,
        "title": e.title if policy.allows(member, "event.details.read", e) else None,
        "notes": e.notes if policy.allows(member, "event.notes.read", e) else None,
        "source": e.source,
        "sessions": [
            {
                "id": f.uuid,
                "framework_key": f.framework_key,
                "by_rule": f.rule_id is not None,
                "coaching_session_id": f.coaching_session_uuid,
                "error": f.error,
            }
            for f in e.firings.all()
        ],
    }


def _trigger_out(r: TriggerRule) -> dict[str, object]:
    fields = TriggerIO.model_fields
    return {"id": r.uuid, **{name: getattr(r, name) for name in fields}}


# calendars and sessions


@router.get(
    "/calendar",
    response=page_of(CalendarSessionOut),
    summary="Your sessions between two moments (default: the next four weeks)",
)
def calendar(
    request: HttpRequest,
    page: Query[PageQuery],
    start: Moment | None = None,
    end: Moment | None = None,
) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "calendar.view")
    start = _aware(start, "start") if start else timezone.now()
    end = _aware(end, "end") if end else start + BOOK_AHEAD
    if end <= start or end - start > timedelta(days=92):
        raise ValidationError({"end": ERROR_RANGE})
    rows = selectors.occurrences_of(member=member, start=start, end=end).select_related(
        "series__engagement"
    )
    return paginate(rows, page, lambda o: _session(o, member))


@router.get(
    "/engagements/{engagement_id}/sessions",
    response=page_of(CalendarSessionOut),
    summary="Sessions of an engagement (from 30 days ago)",
)
def engagement_sessions(
    request: HttpRequest, engagement_id: UUID, page: Query[PageQuery]
) -> dict[str, object]:
    member = member_of(request)
    engagement = _engagement(member, engagement_id, "engagement.view")
    since = timezone.now() - BOOK_AHEAD
    rows = selectors.engagement_occurrences(engagement=engagement, since=since).select_related(
        "series__engagement"
    )
    return paginate(rows, page, lambda o: _session(o, member))


@router.post(
    "/engagements/{engagement_id}/sessions",
    response={201: SeriesOut},
    summary="Schedule a session or a series (coach, coachee)",
)
def session_schedule(
    request: HttpRequest, engagement_id: UUID, payload: ScheduleIn
) -> Status[dict[str, object]]:
    member = member_of(request)
    engagement = _engagement(member, engagement_id, "calendar.session.schedule")
    freq, interval = REPEAT_RULES[payload.repeat]
    series = services.session_schedule(
        actor=member,
        engagement=engagement,
        start=_aware(payload.start, "start"),
        duration_minutes=payload.duration_minutes,
        timezone_name=payload.timezone,
        freq=freq,
        interval=interval,
        until=payload.until,
        count=payload.count,
        title=payload.title,
        location=payload.location,
    )
    return Status(201, _series(series, member))


@router.put(
    "/engagements/{engagement_id}/cadence",
    response=SeriesOut,
    summary="Set the review cadence: a review every N weeks (coach)",
)
def cadence_set(request: HttpRequest, engagement_id: UUID, payload: CadenceIn) -> dict[str, object]:
    member = member_of(request)
    engagement = _engagement(member, engagement_id, "calendar.cadence.set")
    series = services.cadence_set(
        actor=member,
        engagement=engagement,
        every_weeks=payload.every_weeks,
        first=_aware(payload.first, "first"),
        duration_minutes=payload.duration_minutes,
    )
    return _series(series, member)


@router.get("/sessions/{session_id}", response=CalendarSessionOut, summary="One scheduled session")
def session_detail(request: HttpRequest, session_id: UUID) -> dict[str, object]:
    member = member_of(request)
    return _session(_occurrence(member, session_id, "calendar.session.view"), member)


@router.post(
    "/sessions/{session_id}/outcome",
    response=CalendarSessionOut,
    summary="Record what became of a session once it started (coach, coachee): attendance",
)
def session_outcome(
    request: HttpRequest, session_id: UUID, payload: OutcomeIn
) -> dict[str, object]:
    member = member_of(request)
    found = _occurrence(member, session_id, "attendance.record")
    services.attendance_record(actor=member, occurrence=found, outcome=payload.outcome)
    return _session(selectors.occurrence_get(member=member, uuid=found.uuid), member)  # type: ignore[arg-type]


@router.post(
    "/sessions/{session_id}/cancel",
    response=CalendarSessionOut,
    summary="Cancel a session, or it and the rest of its series, with a reason",
)
def session_cancel(request: HttpRequest, session_id: UUID, payload: CancelIn) -> dict[str, object]:
    member = member_of(request)
    found = _occurrence(member, session_id, "calendar.session.change")
    changed = services.occurrence_cancel(
        actor=member, occurrence=found, reason=payload.reason, following=payload.following
    )
    return _session(selectors.occurrence_get(member=member, uuid=changed.uuid), member)  # type: ignore[arg-type]


@router.post(
    "/sessions/{session_id}/reschedule",
    response=CalendarSessionOut,
    summary="Move a session, or it and the rest of its series, with a reason",
)
def session_reschedule(
    request: HttpRequest, session_id: UUID, payload: RescheduleIn
) -> dict[str, object]:
    member = member_of(request)
    found = _occurrence(member, session_id, "calendar.session.change")
    changed = services.occurrence_reschedule(
        actor=member,
        occurrence=found,
        start=_aware(payload.start, "start"),
        reason=payload.reason,
        duration_minutes=payload.duration_minutes,
        following=payload.following,
    )
    return _session(selectors.occurrence_get(member=member, uuid=changed.uuid), member)  # type: ignore[arg-type]


# availability and bookings


def _availability_out(member: Membership) -> dict[str, object]:
    found = selectors.availability_of(member=member)
    if found is None:
        return {"timezone": selectors.viewer_zone(member), "windows": []}
    return {
        "timezone": found.timezone,
        "slot_minutes": found.slot_minutes,
        "buffer_before_minutes": found.buffer_before_minutes,
        "buffer_after_minutes": found.buffer_after_minutes,
        "notice_hours": found.notice_hours,
        "windows": [
            {"weekday": w.weekday, "start": w.start, "end": w.end} for w in found.windows.all()
        ],
    }


@router.get("/availability", response=AvailabilityIO, summary="Your availability (coaches)")
def availability(request: HttpRequest) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "availability.manage")
    return _availability_out(member)


@router.put(
    "/availability", response=AvailabilityIO, summary="Set your booking rules and weekly windows"
)
def availability_set(request: HttpRequest, payload: AvailabilityIO) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "availability.manage")
    services.availability_set(
        actor=member,
        timezone_name=payload.timezone,
        slot_minutes=payload.slot_minutes,
        buffer_before_minutes=payload.buffer_before_minutes,
        buffer_after_minutes=payload.buffer_after_minutes,
        notice_hours=payload.notice_hours,
        windows=[(w.weekday, w.start, w.end) for w in payload.windows],
    )
    return _availability_out(member)


@router.post(
    "/availability/exceptions",
    response={201: ExceptionOut},
    summary="Block time off, or add extra time, outside the weekly pattern",
)
def exception_add(request: HttpRequest, payload: ExceptionIn) -> Status[dict[str, object]]:
    member = member_of(request)
    policy.require(member, "availability.manage")
    found = services.availability_exception_add(
        actor=member,
        kind=payload.kind,
        start=_aware(payload.start, "start"),
        end=_aware(payload.end, "end"),
        note=payload.note,
    )
    return Status(
        201,
        {
            "id": found.uuid,
            "kind": found.kind,
            "start": found.start,
            "end": found.end,
            "note": found.note,
        },
    )


@router.delete(
    "/availability/exceptions/{exception_id}", response={204: None}, summary="Remove an exception"
)
def exception_remove(request: HttpRequest, exception_id: UUID) -> Status[None]:
    member = member_of(request)
    policy.require(member, "availability.manage")
    found = selectors.exception_get(member=member, uuid=exception_id)
    if found is None:
        raise Http404
    services.availability_exception_remove(actor=member, exception=found)
    return Status(204, None)


@router.get(
    "/engagements/{engagement_id}/slots",
    response=page_of(SlotOut),
    summary="Free slots with the engagement's coach in the next four weeks",
)
def slots(request: HttpRequest, engagement_id: UUID, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    engagement = _engagement(member, engagement_id, "calendar.session.schedule")
    now = timezone.now()
    found = services.free_slots(engagement=engagement, start=now, end=now + BOOK_AHEAD, now=now)
    return paginate(found, page, lambda s: {"start": s.start, "end": s.end})


@router.post(
    "/engagements/{engagement_id}/bookings",
    response={201: BookingOut},
    summary="Book a free slot (the coachee)",
)
def book(
    request: HttpRequest, engagement_id: UUID, payload: BookingIn
) -> Status[dict[str, object]]:
    member = member_of(request)
    engagement = _engagement(member, engagement_id, "booking.create")
    booking = services.slot_book(
        actor=member, engagement=engagement, start=_aware(payload.start, "start")
    )
    assert booking.session is not None
    session = selectors.occurrence_get(member=member, uuid=booking.session.uuid)
    assert session is not None
    return Status(
        201,
        {
            "id": booking.uuid,
            "start": booking.start,
            "end": booking.end,
            "session": _session(session, member),
        },
    )


# career events and trigger rules


@router.get("/events", response=page_of(EventOut), summary="Career events you may see")
def events(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "event.list")
    rows = selectors.events_visible_to(member=member).prefetch_related("firings")
    return paginate(rows, page, lambda e: _event_out(e, member))


@router.post("/events", response={201: EventOut}, summary="Log a career event")
def event_log(request: HttpRequest, payload: EventIn) -> Status[dict[str, object]]:
    member = member_of(request)
    policy.require(member, "event.log")
    coachee = (
        Membership.objects.filter(org=member.org, uuid=payload.coachee_id)
        .select_related("user")
        .first()
    )
    if coachee is None:
        raise ValidationError({"coachee_id": ERROR_NO_MEMBER})
    event = services.career_event_log(
        actor=member,
        coachee=coachee,
        type=payload.type,
        date=payload.date,
        title=payload.title,
        notes=payload.notes,
        custom_type=payload.custom_type,
    )
    return Status(201, _event_out(_event(member, event.uuid, "event.view"), member))


@router.post(
    "/events/import",
    response={201: list[EventOut]},
    summary="Import career events from CSV text (admins)",
)
def events_import(request: HttpRequest, payload: EventImportIn) -> Status[list[dict[str, object]]]:
    member = member_of(request)
    policy.require(member, "event.import")
    try:
        made = services.career_events_import(actor=member, data=payload.csv)
    except services.EventImportError as exc:
        raise ValidationError({"csv": exc.errors}) from None
    return Status(201, [_event_out(_event(member, e.uuid, "event.view"), member) for e in made])


@router.get("/events/{event_id}", response=EventOut, summary="One career event")
def event_detail(request: HttpRequest, event_id: UUID) -> dict[str, object]:
    member = member_of(request)
    return _event_out(_event(member, event_id, "event.view"), member)


@router.delete("/events/{event_id}", response={204: None}, summary="Delete a career event")
def event_delete(request: HttpRequest, event_id: UUID) -> Status[None]:
    member = member_of(request)
    services.career_event_delete(actor=member, event=_event(member, event_id, "event.change"))
    return Status(204, None)


@router.post(
    "/events/{event_id}/sessions",
    response={201: FiringOut},
    summary="Start a focused session about the event (coach, coachee)",
)
def event_session(
    request: HttpRequest, event_id: UUID, payload: EventSessionIn
) -> Status[dict[str, object]]:
    member = member_of(request)
    found = _event(member, event_id, "event.session.start")
    firing = services.event_session_start(
        actor=member, event=found, framework_key=payload.framework_key, style=payload.style
    )
    return Status(
        201,
        {
            "id": firing.uuid,
            "framework_key": firing.framework_key,
            "by_rule": False,
            "coaching_session_id": firing.coaching_session_uuid,
            "error": firing.error,
        },
    )


@router.get("/triggers", response=page_of(TriggerOut), summary="Trigger rules (admins)")
def triggers(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "trigger.manage")
    return paginate(selectors.trigger_rules(member=member), page, _trigger_out)


@router.post("/triggers", response={201: TriggerOut}, summary="Add a trigger rule (admins)")
def trigger_create(request: HttpRequest, payload: TriggerIO) -> Status[dict[str, object]]:
    member = member_of(request)
    policy.require(member, "trigger.manage")
    rule = services.trigger_rule_create(actor=member, **payload.dict())
    return Status(201, _trigger_out(rule))


@router.delete(
    "/triggers/{rule_id}", response={204: None}, summary="Remove a trigger rule (admins)"
)
def trigger_delete(request: HttpRequest, rule_id: UUID) -> Status[None]:
    member = member_of(request)
    policy.require(member, "trigger.manage")
    rule = selectors.trigger_rule_get(member=member, uuid=rule_id)
    if rule is None:
        raise Http404
    services.trigger_rule_delete(actor=member, rule=rule)
    return Status(204, None)


# reminders and the feed


def _preferences_out(member: Membership) -> dict[str, object]:
    choices = selectors.reminder_choices(member=member)
    return {
        "delivery": {row.kind: row.delivery for row in choices.rows},
        "quiet_start": choices.quiet_start,
        "quiet_end": choices.quiet_end,
        "digest_time": choices.digest_time,
    }


@router.get("/reminders", response=PreferencesIO, summary="Your reminder choices")
def preferences(request: HttpRequest) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "calendar.view")
    return _preferences_out(member)


@router.put("/reminders", response=PreferencesIO, summary="Set your reminder choices")
def preferences_set(request: HttpRequest, payload: PreferencesIO) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "calendar.view")
    current = {row.kind: row.delivery for row in selectors.reminder_choices(member=member).rows}
    services.preferences_save(
        member=member,
        delivery={**current, **payload.delivery},
        quiet_start=payload.quiet_start,
        quiet_end=payload.quiet_end,
        digest_time=payload.digest_time,
    )
    return _preferences_out(member)


@router.get("/feed", response=FeedOut, summary="Your private calendar address, if any")
def feed(request: HttpRequest) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "calendar.view")
    token = feed_token_of(member=member)
    return {"url": feed_url(token) if token else None}


@router.post(
    "/feed", response={201: FeedOut}, summary="Make a new private calendar address (the old stops)"
)
def feed_create(request: HttpRequest) -> Status[dict[str, object]]:
    member = member_of(request)
    policy.require(member, "calendar.view")
    return Status(201, {"url": feed_url(services.feed_token_create(member=member))})


@router.delete("/feed", response={204: None}, summary="Switch your calendar feed off")
def feed_revoke(request: HttpRequest) -> Status[None]:
    member = member_of(request)
    policy.require(member, "calendar.view")
    services.feed_token_revoke(member=member)
    return Status(204, None)
