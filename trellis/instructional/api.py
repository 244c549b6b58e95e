"""Instructional coaching in the API: Impact Cycles (list, start, read, write, stage, student
checks), visits (add, read), an observation's notes (PUT by the note's own id: sending it again
updates it), ratings and tallies, the PEERS check, and rubrics (list, import). A cycle's content
is null for whoever may see only that it runs (a sponsor, an admin)."""

from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict, StrictInt

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.api.problems import CONTENT_TYPE
from trellis.core.instructional.peers import PeersGoal, peers_check
from trellis.core.instructional.rubric import RubricError
from trellis.engagements.models import Engagement
from trellis.insights.selectors import writes_english
from trellis.instructional import selectors, services
from trellis.instructional.models import Cycle, StudentCheck, Visit
from trellis.instruments.services import problems_by_path

router = Router(tags=["instructional"])

UNKNOWN_ENGAGEMENT = _("No instructional engagement of yours has the id {id}.")
# The PEERS check's lexicon (core's peers.toml) is English: it stays off for other languages (the
# Impact Cycle page's note says the same).
PEERS_ENGLISH_ONLY = gettext_noop(
    "The PEERS check reads English only: it stays off while you use Trellis in another language, "
    "until it has word lists for it."
)


class Strict(Schema):
    """Unknown fields are refused: student data has no place for a name."""

    model_config = ConfigDict(extra="forbid")


class CycleOut(Schema):
    uuid: UUID
    engagement: UUID
    teacher: str
    coach: str
    stage: str
    started_on: date
    goal_met_on: date | None


class CheckOut(Schema):
    uuid: UUID
    taken_on: date
    students: int
    reached: int
    percent: float
    is_baseline: bool


class VisitOut(Schema):
    uuid: UUID
    kind: str
    stage: str
    on: date
    minutes: int
    rubric: str | None


class CycleContentOut(Schema):
    subject: str
    reality_source: str
    reality: str
    reality_link: str
    goal_text: str
    standard: str
    group: str
    target_percent: int | None
    teacher_cares: bool | None
    strategy: str
    checklist: list[dict[str, Any]]
    checks: list[CheckOut]


class CycleDetailOut(CycleOut):
    visits: list[VisitOut]
    content: CycleContentOut | None = Field(
        description="Null for whoever sees only that the cycle runs (a sponsor, an admin)"
    )


class CycleStartIn(Strict):
    engagement: UUID
    subject: str = Field("", max_length=80)


class CycleIn(Strict):
    subject: str | None = Field(None, max_length=80)
    reality_source: str | None = Field(None, max_length=20)
    reality: str | None = Field(None, max_length=4000)
    reality_link: str | None = Field(None, max_length=500)
    goal_text: str | None = Field(None, max_length=300)
    standard: str | None = Field(None, max_length=200)
    group: str | None = Field(None, max_length=10)
    target_percent: StrictInt | None = Field(None, ge=1, le=100)
    teacher_cares: bool | None = None
    strategy: str | None = Field(None, max_length=150)
    checklist: list[str] | None = Field(None, max_length=20)


class StageIn(Strict):
    stage: str = Field(max_length=10, description="identify, learn, improve or done")


class CheckIn(Strict):
    students: StrictInt = Field(ge=1, le=1000, description="Students in the group")
    reached: StrictInt = Field(ge=0, le=1000, description="How many reached the standard")
    taken_on: date | None = None
    is_baseline: bool = False


class VisitIn(Strict):
    kind: str = Field(
        max_length=12, description="planning, observation, modelling, co_teaching, debrief"
    )
    minutes: StrictInt = Field(ge=1, le=600)
    on: date | None = None
    rubric: str = Field("", max_length=60, description="A rubric's key (observations)")
    video_url: str = Field("", max_length=500)
    observation: UUID | None = Field(None, description="The observation a debrief talks about")
    summary: str = Field("", max_length=4000)
    next_step: str = Field("", max_length=2000)


class ObservationNoteIn(Strict):
    at_seconds: StrictInt = Field(ge=0, le=86400)
    text: str = Field(max_length=4000, description="Empty removes the note")


class ObservationNoteOut(Schema):
    id: UUID = Field(description="The note's own id, chosen by the client")
    at_seconds: int
    text: str


class RatingIn(Strict):
    level: StrictInt | None = Field(None, description="One of the rubric's levels; null clears it")


class RatingOut(Schema):
    indicator: str
    level: int | None


class TallyIn(Strict):
    id: UUID = Field(description="Chosen by the client: the same id sent again counts once")
    at_seconds: StrictInt = Field(ge=0, le=86400)
    engaged: StrictInt = Field(ge=0, le=1000)
    present: StrictInt = Field(ge=1, le=1000)


class TallyOut(Schema):
    at_seconds: int
    engaged: int
    present: int


class VisitDetailOut(VisitOut):
    cycle: UUID
    video_url: str | None
    summary: str | None
    next_step: str | None
    notes: list[ObservationNoteOut] | None
    ratings: list[RatingOut] | None
    tallies: list[TallyOut] | None


class VisitEditIn(Strict):
    on: date
    minutes: StrictInt = Field(ge=1, le=600)
    video_url: str = Field("", max_length=500)
    summary: str = Field("", max_length=4000)
    next_step: str = Field("", max_length=2000)


class VisitChecklistIn(Strict):
    done: list[str] = Field(
        max_length=20, description="The texts of the strategy's checklist items ticked in the visit"
    )


class VisitChecklistOut(Schema):
    items: list[dict[str, Any]] = Field(description="Each item's text and whether it is ticked")


class PeersIn(Strict):
    goal_text: str = Field(max_length=300)
    target_percent: StrictInt | None = Field(None, ge=1, le=100)
    baseline_percent: StrictInt | None = Field(None, ge=0, le=100)
    has_strategy: bool = False
    teacher_cares: bool | None = None


class PeersFindingOut(Schema):
    criterion: str
    ok: bool
    message: str
    suggestion: str


class RubricOut(Schema):
    key: str
    name: str
    version: int
    builtin: bool
    indicators: int
    levels: list[int]


class RubricIn(Strict):
    text: str = Field(max_length=300_000, description="The rubric file (TOML)")
    filename: str = Field("rubric.toml", max_length=120)


def _cycle(member: Membership, uuid: UUID, action: str) -> Cycle:
    cycle = selectors.cycle_get(member=member, uuid=str(uuid))
    if cycle is None:
        raise Http404
    policy.require(member, action, cycle)
    return cycle


def _visit(member: Membership, uuid: UUID, action: str) -> Visit:
    visit = selectors.visit_get(member=member, uuid=str(uuid))
    if visit is None:
        raise Http404
    policy.require(member, action, visit)
    return visit


def cycle_out(cycle: Cycle) -> dict[str, object]:
    return {
        "uuid": cycle.uuid,
        "engagement": cycle.engagement.uuid,
        "teacher": cycle.engagement.coachee.user.display_name,
        "coach": cycle.engagement.coach.user.display_name,
        "stage": cycle.stage,
        "started_on": cycle.started_on,
        "goal_met_on": cycle.goal_met_on,
    }


def check_out(check: StudentCheck) -> dict[str, object]:
    return {
        "uuid": check.uuid,
        "taken_on": check.taken_on,
        "students": check.students,
        "reached": check.reached,
        "percent": round(check.percent, 1),
        "is_baseline": check.is_baseline,
    }


def visit_out(visit: Visit) -> dict[str, object]:
    return {
        "uuid": visit.uuid,
        "kind": visit.kind,
        "stage": visit.stage,
        "on": visit.on,
        "minutes": visit.minutes,
        "rubric": visit.rubric_key or None,
    }


def _detail(member: Membership, cycle: Cycle) -> dict[str, object]:
    content = None
    if policy.allows(member, "cycle.content.read", cycle):
        names = [
            "subject",
            "reality_source",
            "reality",
            "reality_link",
            "goal_text",
            "standard",
            "group",
            "target_percent",
            "teacher_cares",
            "strategy",
            "checklist",
        ]
        content = {name: getattr(cycle, name) for name in names}
        content["checks"] = [check_out(c) for c in cycle.checks.all()]
    return {
        **cycle_out(cycle),
        "visits": [visit_out(v) for v in cycle.visits.all()],
        "content": content,
    }


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


@router.get(
    "/visits/{uuid}",
    response=VisitDetailOut,
    summary="A visit; its notes, ratings and tallies for the teacher and the coach",
)
def visit_detail(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    member = member_of(request)
    visit = _visit(member, uuid, "cycle.view")
    content = policy.allows(member, "cycle.content.read", visit)
    return {
        **visit_out(visit),
        "cycle": visit.cycle.uuid,
        "video_url": visit.video_url if content else None,
        "summary": visit.summary if content else None,
        "next_step": visit.next_step if content else None,
        "notes": [
            {"id": n.client_id, "at_seconds": n.at_seconds, "text": n.text}
            for n in visit.notes.all()
        ]
        if content
        else None,
        "ratings": [{"indicator": r.indicator, "level": r.level} for r in visit.ratings.all()]
        if content
        else None,
        "tallies": [
            {"at_seconds": t.at_seconds, "engaged": t.engaged, "present": t.present}
            for t in visit.tallies.all()
        ]
        if content
        else None,
    }


@router.put(
    "/visits/{uuid}",
    response=VisitDetailOut,
    summary="Change a visit's date, minutes, video link, summary and next step (the teacher or the coach)",
)
def visit_edit(request: HttpRequest, uuid: UUID, payload: VisitEditIn) -> dict[str, object]:
    member = member_of(request)
    visit = _visit(member, uuid, "cycle.write")
    services.visit_update(actor=member, visit=visit, **payload.dict())
    return visit_detail(request, uuid)


@router.put(
    "/visits/{uuid}/checklist",
    response=VisitChecklistOut,
    summary="Tick the strategy's checklist items the teacher did in this visit (the rest unticked)",
)
def visit_checklist(
    request: HttpRequest, uuid: UUID, payload: VisitChecklistIn
) -> dict[str, object]:
    member = member_of(request)
    visit = _visit(member, uuid, "cycle.write")
    found = services.visit_checklist(actor=member, visit=visit, done=payload.done)
    done = set(found.checklist_done)
    return {
        "items": [
            {"text": item["text"], "done": item["text"] in done} for item in visit.cycle.checklist
        ]
    }


@router.put(
    "/visits/{uuid}/notes/{note}",
    response={200: ObservationNoteOut, 204: None},
    summary="Save a time-stamped note under its own id (again: it is updated, never doubled); empty text removes it",
)
def note_put(
    request: HttpRequest, uuid: UUID, note: UUID, payload: ObservationNoteIn
) -> Status[object]:
    member = member_of(request)
    visit = _visit(member, uuid, "cycle.write")
    saved = services.note_save(
        actor=member, visit=visit, client_id=note, at_seconds=payload.at_seconds, text=payload.text
    )
    if saved is None:
        return Status(204, None)
    return Status(200, {"id": saved.client_id, "at_seconds": saved.at_seconds, "text": saved.text})


@router.put(
    "/visits/{uuid}/ratings/{indicator}",
    response=RatingOut,
    summary="Rate one of the rubric's indicators",
)
def rating_put(
    request: HttpRequest, uuid: UUID, indicator: str, payload: RatingIn
) -> dict[str, object]:
    member = member_of(request)
    visit = _visit(member, uuid, "cycle.write")
    rating = services.rating_save(
        actor=member, visit=visit, indicator=indicator, level=payload.level
    )
    return {"indicator": indicator, "level": rating.level if rating else None}


@router.post(
    "/visits/{uuid}/tallies",
    response={201: TallyOut},
    summary="A sweep of the room: students on task of those present",
)
def tally_add(request: HttpRequest, uuid: UUID, payload: TallyIn) -> Status[object]:
    member = member_of(request)
    visit = _visit(member, uuid, "cycle.write")
    tally = services.tally_add(
        actor=member,
        visit=visit,
        client_id=payload.id,
        at_seconds=payload.at_seconds,
        engaged=payload.engaged,
        present=payload.present,
    )
    return Status(
        201, {"at_seconds": tally.at_seconds, "engaged": tally.engaged, "present": tally.present}
    )


@router.post(
    "/peers-check",
    response=list[PeersFindingOut],
    summary="The PEERS check of a goal as written (nothing is saved)",
    description=(
        "The check reads English words only: for a member who uses Trellis in another language "
        "(their language setting, else the request's `Accept-Language`) it stays off and answers "
        "400, a problem whose `goal_text` error says the check reads English only."
    ),
    openapi_extra={
        "responses": {
            400: {
                "description": "The PEERS check reads English only, and the member uses Trellis "
                "in another language.",
                "content": {CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
            }
        }
    },
)
def peers(request: HttpRequest, payload: PeersIn) -> list[dict[str, object]]:
    member = member_of(request)
    policy.require(member, "cycle.list")
    if not writes_english(member=member):
        raise ValidationError({"goal_text": gettext(PEERS_ENGLISH_ONLY)})
    goal = PeersGoal(
        text=payload.goal_text,
        target_percent=payload.target_percent,
        baseline_percent=payload.baseline_percent,
        has_strategy=payload.has_strategy,
        teacher_cares=payload.teacher_cares,
    )
    return [
        {"criterion": f.criterion, "ok": f.ok, "message": f.message, "suggestion": f.suggestion}
        for f in peers_check(goal)
    ]


def rubric_out(entry: selectors.RubricEntry) -> dict[str, object]:
    return {
        "key": entry.key,
        "name": entry.name,
        "version": entry.version,
        "builtin": entry.is_builtin,
        "indicators": len(entry.rubric.indicators()),
        "levels": entry.rubric.level_values(),
    }


@router.get(
    "/rubrics", response=page_of(RubricOut), summary="The rubrics your organization can rate with"
)
def rubric_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "rubric.list")
    return paginate(selectors.rubrics_for(org=member.org), page, rubric_out)


@router.post(
    "/rubrics",
    response={200: RubricOut, 201: RubricOut},
    summary="Import a rubric file (admins, coaches); the same content is a no-op",
)
def rubric_import(request: HttpRequest, payload: RubricIn) -> Status[object]:
    member = member_of(request)
    policy.require(member, "rubric.import")
    try:
        stored, created = services.rubric_import(
            actor=member, org=member.org, text=payload.text.encode(), source=payload.filename
        )
    except RubricError as exc:
        raise ValidationError(problems_by_path(exc.problems, "text")) from exc
    entry = selectors.rubric_entry(org=member.org, key=stored.key)
    assert entry is not None
    return Status(201 if created else 200, rubric_out(entry))
