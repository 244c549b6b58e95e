"""Calendars, scheduled sessions and series, outcomes, cancelling and rescheduling."""

from datetime import timedelta
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy
from ninja import Query, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.api.fields import Moment
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.engagements.models import GROUP_SESSION_KINDS
from trellis.scheduling import selectors, services
from trellis.scheduling.api.common import (
    ERROR_RANGE,
    aware,
    engagement_for,
    occurrence_for,
    router,
    series_out,
    session_out,
)
from trellis.scheduling.api.schemas import (
    CadenceIn,
    CalendarSessionOut,
    CancelIn,
    MemberMarksOut,
    MembersPresentIn,
    OutcomeIn,
    RescheduleIn,
    ScheduleIn,
    SeriesOut,
)
from trellis.scheduling.forms import REPEAT_RULES
from trellis.scheduling.models import MemberAttendance
from trellis.scheduling.services.attendance import group_members
from trellis.scheduling.services.bookings import BOOK_AHEAD

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
    start = aware(start, "start") if start else timezone.now()
    end = aware(end, "end") if end else start + BOOK_AHEAD
    if end <= start or end - start > timedelta(days=92):
        raise ValidationError({"end": ERROR_RANGE})
    # The policy reads each session's engagement participants (who may read its title and
    # reason): prefetched with the page, not asked per row.
    rows = (
        selectors.occurrences_of(member=member, start=start, end=end)
        .select_related("series__engagement")
        .prefetch_related("series__engagement__participants")
    )
    return paginate(rows, page, lambda o: session_out(o, member))


@router.get(
    "/engagements/{engagement_id}/sessions",
    response=page_of(CalendarSessionOut),
    summary="Sessions of an engagement (from 30 days ago)",
)
def engagement_sessions(
    request: HttpRequest, engagement_id: UUID, page: Query[PageQuery]
) -> dict[str, object]:
    member = member_of(request)
    engagement = engagement_for(member, engagement_id, "engagement.view")
    since = timezone.now() - BOOK_AHEAD
    rows = selectors.engagement_occurrences(
        engagement=engagement, since=since, member=member
    ).select_related("series__engagement")
    return paginate(rows, page, lambda o: session_out(o, member))


@router.post(
    "/engagements/{engagement_id}/sessions",
    response={201: SeriesOut},
    summary="Schedule a session or a series (coach, coachee)",
)
def session_schedule(
    request: HttpRequest, engagement_id: UUID, payload: ScheduleIn
) -> Status[dict[str, object]]:
    member = member_of(request)
    engagement = engagement_for(member, engagement_id, "calendar.session.schedule")
    freq, interval = REPEAT_RULES[payload.repeat]
    series = services.session_schedule(
        actor=member,
        engagement=engagement,
        start=aware(payload.start, "start"),
        duration_minutes=payload.duration_minutes,
        timezone_name=payload.timezone,
        freq=freq,
        interval=interval,
        until=payload.until,
        count=payload.count,
        title=payload.title,
        location=payload.location,
    )
    return Status(201, series_out(series, member))


@router.put(
    "/engagements/{engagement_id}/cadence",
    response=SeriesOut,
    summary="Set the review cadence: a review every N weeks (coach)",
)
def cadence_set(request: HttpRequest, engagement_id: UUID, payload: CadenceIn) -> dict[str, object]:
    member = member_of(request)
    engagement = engagement_for(member, engagement_id, "calendar.cadence.set")
    series = services.cadence_set(
        actor=member,
        engagement=engagement,
        every_weeks=payload.every_weeks,
        first=aware(payload.first, "first"),
        duration_minutes=payload.duration_minutes,
    )
    return series_out(series, member)


@router.get("/sessions/{session_id}", response=CalendarSessionOut, summary="One scheduled session")
def session_detail(request: HttpRequest, session_id: UUID) -> dict[str, object]:
    member = member_of(request)
    found = occurrence_for(member, session_id, "calendar.session.view")
    out = session_out(found, member)
    engagement = found.series.engagement
    if engagement is not None and engagement.kind in GROUP_SESSION_KINDS:
        out["member_attendance"] = [_mark(m) for m in selectors.member_marks_for(found, member)]
    return out


def _mark(m: MemberAttendance) -> dict[str, object]:
    return {"member_id": m.member.uuid, "name": m.member.user.display_name, "mark": m.mark}


@router.post(
    "/sessions/{session_id}/outcome",
    response=CalendarSessionOut,
    summary="Record what became of a session once it started (coach, coachee): attendance",
)
def session_outcome(
    request: HttpRequest, session_id: UUID, payload: OutcomeIn
) -> dict[str, object]:
    member = member_of(request)
    found = occurrence_for(member, session_id, "attendance.record")
    services.attendance_record(actor=member, occurrence=found, outcome=payload.outcome)
    return session_out(selectors.occurrence_get(member=member, uuid=found.uuid), member)  # type: ignore[arg-type]


@router.post(
    "/sessions/{session_id}/attendance",
    response=MemberMarksOut,
    summary="A team or group session: mark who of the members attended (coach)",
)
def session_member_attendance(
    request: HttpRequest, session_id: UUID, payload: MembersPresentIn
) -> dict[str, object]:
    """One calendar session for the whole team or group; each accepted member named in
    `late_cancelled` cancelled late, each one not named at all is a no-show. The session itself is
    held when anyone attended, so it counts once (a late cancellation when everyone cancelled
    late)."""
    member = member_of(request)
    found = occurrence_for(member, session_id, "attendance.record")
    members = {str(m.uuid): m for m in group_members(found.series.engagement)}
    for field, named in (("present", payload.present), ("late_cancelled", payload.late_cancelled)):
        unknown = [str(u) for u in named if str(u) not in members]
        if unknown:
            raise ValidationError({field: [NOT_A_MEMBER_ID.format(id=u) for u in unknown]})
    marks = services.group_attendance_record(
        actor=member,
        occurrence=found,
        present=[members[str(u)] for u in payload.present],
        late_cancelled=[members[str(u)] for u in payload.late_cancelled],
    )
    found.refresh_from_db(fields=["outcome"])
    return {"outcome": found.outcome, "marks": [_mark(m) for m in marks]}


NOT_A_MEMBER_ID = gettext_lazy("{id} is not an accepted member of this engagement.")


@router.post(
    "/sessions/{session_id}/cancel",
    response=CalendarSessionOut,
    summary="Cancel a session, or it and the rest of its series, with a reason",
)
def session_cancel(request: HttpRequest, session_id: UUID, payload: CancelIn) -> dict[str, object]:
    member = member_of(request)
    found = occurrence_for(member, session_id, "calendar.session.change")
    changed = services.occurrence_cancel(
        actor=member, occurrence=found, reason=payload.reason, following=payload.following
    )
    return session_out(selectors.occurrence_get(member=member, uuid=changed.uuid), member)  # type: ignore[arg-type]


@router.post(
    "/sessions/{session_id}/reschedule",
    response=CalendarSessionOut,
    summary="Move a session, or it and the rest of its series, with a reason",
)
def session_reschedule(
    request: HttpRequest, session_id: UUID, payload: RescheduleIn
) -> dict[str, object]:
    member = member_of(request)
    found = occurrence_for(member, session_id, "calendar.session.change")
    changed = services.occurrence_reschedule(
        actor=member,
        occurrence=found,
        start=aware(payload.start, "start"),
        reason=payload.reason,
        duration_minutes=payload.duration_minutes,
        following=payload.following,
    )
    return session_out(selectors.occurrence_get(member=member, uuid=changed.uuid), member)  # type: ignore[arg-type]
