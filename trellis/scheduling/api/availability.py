"""Availability, exceptions, free slots and bookings."""

from uuid import UUID

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.scheduling import selectors, services
from trellis.scheduling.api.common import aware, engagement_for, router, session_out
from trellis.scheduling.api.schemas import (
    AvailabilityIO,
    BookingIn,
    BookingOut,
    ExceptionIn,
    ExceptionOut,
    SlotOut,
)
from trellis.scheduling.services.bookings import BOOK_AHEAD

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
        start=aware(payload.start, "start"),
        end=aware(payload.end, "end"),
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
    engagement = engagement_for(member, engagement_id, "calendar.session.schedule")
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
    engagement = engagement_for(member, engagement_id, "booking.create")
    booking = services.slot_book(
        actor=member, engagement=engagement, start=aware(payload.start, "start")
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
            "session": session_out(session, member),
        },
    )
