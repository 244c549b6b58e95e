"""API for chemistry conversations: a pool coach's free 20-minute slots, and booking one."""

from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.programs import chemistry, selectors
from trellis.programs.doors import own_enrolment
from trellis.programs.models import Enrolment, Program

router = Router(tags=["programs"])

NOT_ENROLLED = _("You are not enrolled in this program.")


class ChemistrySlotOut(Schema):
    start: datetime
    end: datetime


class ChemistryIn(Schema):
    coach: UUID = Field(description="A pool coach's membership id")
    start: datetime = Field(description="One of the coach's free slots (GET .../slots)")


class ChemistryOut(Schema):
    coach: UUID
    start: datetime
    end: datetime


def _place(member: Membership, slug: str, coach_id: UUID) -> tuple[Program, Enrolment, Membership]:
    program, enrolment = own_enrolment(member, slug)
    coach = next(
        (
            e.place.coach
            for e in selectors.pool_of(program=program)
            if e.place.coach.uuid == coach_id
        ),
        None,
    )
    if coach is None:
        raise ValidationError({"coach": [NOT_POOL.format(coach=coach_id)]})
    return program, enrolment, coach


NOT_POOL = _("{coach} is not one of this program's coaches.")


@router.get(
    "/{slug}/chemistry/{coach_id}/slots",
    response=page_of(ChemistrySlotOut),
    summary="A pool coach's free 20-minute chemistry slots over the next two weeks (enrolled)",
)
def chemistry_slots(
    request: HttpRequest, slug: str, coach_id: UUID, page: Query[PageQuery]
) -> dict[str, Any]:
    member = member_of(request)
    _, enrolment, coach = _place(member, slug, coach_id)
    slots = list(chemistry.chemistry_slots(enrolment=enrolment, coach=coach))
    return paginate(slots, page, lambda s: {"start": s.start, "end": s.end})


@router.post(
    "/{slug}/chemistry",
    response={201: ChemistryOut},
    summary="Book a 20-minute chemistry conversation with a pool coach (enrolled; invitations to both)",
)
def chemistry_book(
    request: HttpRequest, slug: str, payload: ChemistryIn
) -> Status[dict[str, object]]:
    member = member_of(request)
    _, enrolment, coach = _place(member, slug, payload.coach)
    enrolment = chemistry.chemistry_book(
        actor=member, enrolment=enrolment, coach=coach, start=payload.start
    )
    booking = chemistry.chemistry_of(enrolment)
    assert booking is not None
    return Status(201, {"coach": coach.uuid, "start": booking.start, "end": booking.end})


@router.post(
    "/{slug}/chemistry/cancel",
    response={204: None},
    summary="Cancel your booked chemistry conversation (enrolled; cancellations to both)",
)
def chemistry_cancel(request: HttpRequest, slug: str) -> Status[None]:
    member = member_of(request)
    _, enrolment = own_enrolment(member, slug)
    chemistry.chemistry_cancel(actor=member, enrolment=enrolment)
    return Status(204, None)
