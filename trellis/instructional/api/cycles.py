"""Impact Cycles: the list, starting one, reading and writing one, its stage, student checks and
recording a visit."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext
from ninja import Query, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.engagements.models import Engagement
from trellis.instructional import selectors, services
from trellis.instructional.api.common import (
    _cycle,
    _detail,
    check_out,
    cycle_out,
    router,
    visit_out,
)
from trellis.instructional.api.schemas import (
    CheckIn,
    CheckOut,
    CycleDetailOut,
    CycleIn,
    CycleOut,
    CycleStartIn,
    StageIn,
    VisitIn,
    VisitOut,
)
from trellis.instructional.models import Visit


@router.get(
    "/cycles", response=page_of(CycleOut), summary="Impact Cycles you take part in (all: admins)"
)
def cycle_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "cycle.list")
    return paginate(selectors.cycles_for(member=member), page, cycle_out)


@router.post(
    "/cycles",
    response={201: CycleDetailOut},
    summary="Start an Impact Cycle (the engagement's coach)",
)
def cycle_start(request: HttpRequest, payload: CycleStartIn) -> Status[object]:
    member = member_of(request)
    policy.require(member, "cycle.list")
    engagement = Engagement.objects.filter(org=member.org, uuid=payload.engagement).first()
    if engagement is None:
        raise Http404
    cycle = services.cycle_start(actor=member, engagement=engagement, subject=payload.subject)
    return Status(201, _detail(member, cycle))


@router.get(
    "/cycles/{uuid}",
    response=CycleDetailOut,
    summary="A cycle: its stage and visits; its content for the teacher, the coach and whom the teacher shared it with",
)
def cycle_detail(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    member = member_of(request)
    return _detail(member, _cycle(member, uuid, "cycle.view"))


@router.put(
    "/cycles/{uuid}",
    response=CycleDetailOut,
    summary="Write the picture of reality, the PEERS goal or the strategy (fields left out stay)",
)
def cycle_write(request: HttpRequest, uuid: UUID, payload: CycleIn) -> dict[str, object]:
    member = member_of(request)
    cycle = _cycle(member, uuid, "cycle.write")
    fields = {k: v for k, v in payload.dict().items() if v is not None}
    cycle = services.cycle_save(actor=member, cycle=cycle, **fields)
    return _detail(member, cycle)


@router.post("/cycles/{uuid}/stage", response=CycleDetailOut, summary="Move the cycle to a stage")
def cycle_stage(request: HttpRequest, uuid: UUID, payload: StageIn) -> dict[str, object]:
    member = member_of(request)
    cycle = services.cycle_advance(
        actor=member, cycle=_cycle(member, uuid, "cycle.write"), stage=payload.stage
    )
    return _detail(member, cycle)


@router.post(
    "/cycles/{uuid}/checks",
    response={201: CheckOut},
    summary="Count the students who reach the standard (whole numbers only, never names)",
)
def check_add(request: HttpRequest, uuid: UUID, payload: CheckIn) -> Status[object]:
    member = member_of(request)
    check = services.check_add(
        actor=member,
        cycle=_cycle(member, uuid, "cycle.write"),
        students=payload.students,
        reached=payload.reached,
        taken_on=payload.taken_on,
        is_baseline=payload.is_baseline,
    )
    return Status(201, check_out(check))


@router.post(
    "/cycles/{uuid}/visits",
    response={201: VisitOut},
    summary="Record a visit (counted as the teacher's professional learning)",
)
def visit_add(request: HttpRequest, uuid: UUID, payload: VisitIn) -> Status[object]:
    member = member_of(request)
    cycle = _cycle(member, uuid, "cycle.write")
    observation = None
    if payload.observation is not None:
        observation = Visit.objects.filter(cycle=cycle, uuid=payload.observation).first()
        if observation is None:
            raise ValidationError(
                {"observation": [gettext("No observation of this cycle has that id.")]}
            )
    if payload.kind not in Visit.Kind.values:
        raise ValidationError(
            {"kind": [gettext("One of %(values)s.") % {"values": ", ".join(Visit.Kind.values)}]}
        )
    visit = services.visit_add(
        actor=member,
        cycle=cycle,
        kind=payload.kind,
        minutes=payload.minutes,
        on=payload.on,
        rubric_key=payload.rubric,
        video_url=payload.video_url,
        of_visit=observation,
        summary=payload.summary,
        next_step=payload.next_step,
    )
    return Status(201, visit_out(visit))
