"""Leadership development in the API: competency models (list, show, an admin imports their own),
the mission and values, leadership goals (a competency, one or two observable behaviours; a
rated behaviour's new wording is a new version), experiments, and decision records with their
review. Goal and decision content is the coachee's and their coach's only."""

from datetime import date, datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext
from ninja import Field, Query, Router, Schema, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.core.datafiles import DataFileError
from trellis.core.leadership import CompetencyModel
from trellis.engagements import selectors as engagement_selectors
from trellis.frameworks.services import problems_by_path
from trellis.leadership import selectors, services
from trellis.leadership.models import (
    Behaviour,
    DecisionRecord,
    Experiment,
    LeadershipGoal,
    MissionPart,
)

router = Router(tags=["leadership"])


class CompetencyModelOut(Schema):
    key: str
    name: str
    version: int
    own: bool = Field(description="The organization's own model (not a built-in)")
    competencies: int


class BehaviourLevelOut(Schema):
    level: str
    text: str


class CompetencyOut(Schema):
    key: str
    name: str
    description: str
    behaviours: list[BehaviourLevelOut]


class CompetencyModelDetailOut(Schema):
    key: str
    name: str
    version: int
    summary: str
    sources: list[str]
    competencies: list[CompetencyOut]


class CompetencyModelIn(Schema):
    text: str = Field(max_length=2_000_000, description="The competency model's TOML")
    filename: str = Field("upload.toml", max_length=200)


class MissionPartOut(Schema):
    uuid: UUID
    kind: str = Field(description="mission or value")
    name: str
    description: str
    position: int


class MissionPartIn(Schema):
    kind: str = Field(description="mission or value")
    name: str = Field(min_length=1, max_length=120)
    description: str = Field("", max_length=2000)
    position: int = Field(1, ge=1, le=99)


class BehaviourOut(Schema):
    uuid: UUID
    position: int
    version: int
    text: str
    questions: int = Field(description="Questions stakeholders answer about it, 1 to 3")
    frozen: bool
    current: bool
    replaces: UUID | None


class ExperimentOut(Schema):
    uuid: UUID
    hypothesis: str
    test: str
    learnt: str
    concluded_at: datetime | None


class LeadershipGoalOut(Schema):
    uuid: UUID
    goal: UUID = Field(description="The goal (see /goals)")
    title: str
    model_key: str
    competency_key: str
    behaviours: list[BehaviourOut] = Field(description="Every version, the current ones first")
    gas: list[str] = Field(description="GAS levels -2..+2, as others would see them")
    gas_warnings: list[str] = Field(
        description="Each level that may not describe what others can see, named, and why"
    )
    serves: list[UUID] = Field(description="The mission parts and values it serves")
    experiments: list[ExperimentOut]


class LeadershipGoalIn(Schema):
    engagement: UUID
    model_key: str = Field(max_length=80)
    competency_key: str = Field(max_length=80)
    title: str = Field(min_length=1, max_length=200)
    behaviours: list[str] = Field(min_length=1, max_length=2)
    questions: int = Field(
        default=2,
        description="Questions stakeholders answer per behaviour (1 to 3): how much they "
        "improved, a feed-forward suggestion, an example they saw",
    )
    gas: list[str] = Field(default_factory=list, max_length=5)
    serves: list[UUID] = Field(default_factory=list, max_length=20)


class BehaviourIn(Schema):
    text: str = Field(min_length=1, max_length=300)
    questions: int | None = Field(default=None, description="1 to 3; left out keeps them")


class ExperimentIn(Schema):
    hypothesis: str = Field(min_length=1, max_length=500)
    test: str = Field(min_length=1, max_length=500)


class DecisionOut(Schema):
    uuid: UUID
    owner: str = Field(description="The leader's membership id")
    engagement: UUID | None
    question: str
    options: list[str]
    consequences: list[str]
    values: list[UUID]
    values_note: str
    decision: str
    why: str
    review_on: date | None
    outcome: str
    reviewed_at: datetime | None


class DecisionIn(Schema):
    question: str = Field(min_length=1, max_length=300)
    options: list[str] = Field(min_length=1, max_length=20)
    consequences: list[str] = Field(default_factory=list, max_length=40)
    values: list[UUID] = Field(default_factory=list, max_length=20)
    values_note: str = Field("", max_length=2000)
    decision: str = Field("", max_length=4000)
    why: str = Field("", max_length=4000)
    review_on: date | None = None
    session: UUID | None = Field(None, description="The session it came from")


class RevisitIn(Schema):
    outcome: str = Field(min_length=1, max_length=4000)


class SessionMissionIn(Schema):
    parts: list[UUID] = Field(
        max_length=40, description="The mission parts and values the session worked on (all)"
    )


class SessionMissionOut(Schema):
    session: UUID
    parts: list[MissionPartOut]


def model_out(pair: tuple[CompetencyModel, int | None]) -> dict[str, object]:
    model, version = pair
    return {
        "key": model.key,
        "name": model.name,
        "version": version or model.version,
        "own": version is not None,
        "competencies": len(model.competencies),
    }


def part_out(part: MissionPart) -> dict[str, object]:
    return {
        "uuid": part.uuid,
        "kind": part.kind,
        "name": part.name,
        "description": part.description,
        "position": part.position,
    }


def behaviour_out(behaviour: Behaviour) -> dict[str, object]:
    return {
        "uuid": behaviour.uuid,
        "position": behaviour.position,
        "version": behaviour.version,
        "text": behaviour.text,
        "questions": behaviour.questions,
        "frozen": behaviour.is_frozen,
        "current": behaviour.is_current,
        "replaces": behaviour.replaces.uuid if behaviour.replaces_id else None,  # type: ignore[union-attr]
    }


def experiment_out(experiment: Experiment) -> dict[str, object]:
    return {
        "uuid": experiment.uuid,
        "hypothesis": experiment.hypothesis,
        "test": experiment.test,
        "learnt": experiment.learnt,
        "concluded_at": experiment.concluded_at,
    }


def goal_out(leadership: LeadershipGoal) -> dict[str, object]:
    goal = leadership.goal
    behaviours = sorted(
        leadership.behaviours.select_related("replaces"),
        key=lambda b: (b.retired_at is not None, b.position, -b.version),
    )
    return {
        "uuid": leadership.uuid,
        "goal": goal.uuid,
        "title": goal.title,
        "model_key": leadership.model_key,
        "competency_key": leadership.competency_key,
        "behaviours": [behaviour_out(b) for b in behaviours],
        "gas": [
            goal.gas_much_less,
            goal.gas_less,
            goal.gas_expected,
            goal.gas_more,
            goal.gas_much_more,
        ],
        "gas_warnings": [str(h) for h in selectors.hidden_gas_levels(goal)],
        "serves": [link.part.uuid for link in leadership.links.select_related("part")],
        "experiments": [experiment_out(e) for e in leadership.experiments.all()],
    }


def decision_out(record: DecisionRecord) -> dict[str, object]:
    return {
        "uuid": record.uuid,
        "owner": str(record.owner.uuid),
        "engagement": record.engagement.uuid if record.engagement_id else None,  # type: ignore[union-attr]
        "question": record.question,
        "options": record.option_lines(),
        "consequences": record.consequence_lines(),
        "values": [v.uuid for v in record.values.all()],
        "values_note": record.values_note,
        "decision": record.decision,
        "why": record.why,
        "review_on": record.review_on,
        "outcome": record.outcome,
        "reviewed_at": record.reviewed_at,
    }


def _parts(member: Membership, uuids: list[UUID], field: str) -> list[MissionPart]:
    found = list(selectors.mission_of(member.org).filter(uuid__in=uuids))
    if len(found) != len(set(uuids)):
        raise ValidationError(
            {field: [gettext("Name the organization's own mission parts and values.")]}
        )
    return found


def _goal(member: Membership, uuid: UUID, action: str) -> LeadershipGoal:
    leadership = selectors.leadership_goal_get(org=member.org, uuid=str(uuid))
    if leadership is None:
        raise Http404
    policy.require(member, action, leadership)
    return leadership


def _decision(member: Membership, uuid: UUID, action: str) -> DecisionRecord:
    record = selectors.decision_get(org=member.org, uuid=str(uuid))
    if record is None:
        raise Http404
    policy.require(member, action, record)
    return record


# -- competency models ---------------------------------------------------------------------------


@router.get("/models", response=page_of(CompetencyModelOut), summary="Competency models")
def model_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "leadership.models")
    return paginate(selectors.models_for(org=member.org), page, model_out)


@router.get(
    "/models/{key}",
    response=CompetencyModelDetailOut,
    summary="A competency model: its competencies and observable behaviours at levels",
)
def model_detail(request: HttpRequest, key: str) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "leadership.models")
    model = selectors.model_for(org=member.org, key=key)
    if model is None:
        raise Http404
    return model.model_dump(
        include={"key", "name", "version", "summary", "sources", "competencies"}
    )


@router.post(
    "/models",
    response={200: CompetencyModelOut, 201: CompetencyModelOut},
    summary="Import the organization's own competency model (admins); the same text is a no-op",
)
def model_import(request: HttpRequest, payload: CompetencyModelIn) -> Status[object]:
    member = member_of(request)
    policy.require(member, "leadership.models.import")
    try:
        row, created = services.model_import(
            org=member.org, text=payload.text, source=payload.filename, actor=member
        )
    except DataFileError as exc:
        raise ValidationError(problems_by_path(exc.problems, "text")) from exc
    model = services.model_check(text=row.text, source=payload.filename)
    return Status(201 if created else 200, model_out((model, row.version)))


# -- mission and values --------------------------------------------------------------------------


@router.get("/mission", response=page_of(MissionPartOut), summary="The mission and values")
def mission_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "mission.read")
    return paginate(selectors.mission_of(member.org), page, part_out)


@router.post(
    "/mission", response={201: MissionPartOut}, summary="Add a part of the mission or a value"
)
def mission_add(request: HttpRequest, payload: MissionPartIn) -> Status[object]:
    member = member_of(request)
    policy.require(member, "mission.manage")
    part = services.mission_part_save(org=member.org, **payload.dict())
    return Status(201, part_out(part))


# -- leadership goals ----------------------------------------------------------------------------


@router.get("/goals", response=page_of(LeadershipGoalOut), summary="Your leadership goals")
def goal_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "leadership.mine")
    return paginate(selectors.leadership_goals_of(member), page, goal_out)


@router.post(
    "/goals",
    response={201: LeadershipGoalOut},
    summary="A leadership goal for an engagement's coachee (its coach or coachee)",
)
def goal_create(request: HttpRequest, payload: LeadershipGoalIn) -> Status[object]:
    member = member_of(request)
    engagement = engagement_selectors.engagement_get(member=member, uuid=str(payload.engagement))
    if engagement is None:
        raise Http404
    policy.require(member, "leadership.goal.create", engagement)
    leadership = services.leadership_goal_create(
        actor=member,
        engagement=engagement,
        model_key=payload.model_key,
        competency_key=payload.competency_key,
        title=payload.title,
        behaviours=payload.behaviours,
        questions=payload.questions,
        gas=payload.gas,
        parts=_parts(member, payload.serves, "serves"),
    )
    return Status(201, goal_out(leadership))


@router.get("/goals/{uuid}", response=LeadershipGoalOut, summary="A leadership goal")
def goal_detail(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    member = member_of(request)
    return goal_out(_goal(member, uuid, "leadership.goal.read"))


@router.put(
    "/goals/{uuid}/behaviours/{behaviour}",
    response=BehaviourOut,
    summary="Reword a behaviour: in place until rated, then as a new version (the old one kept)",
)
def behaviour_revise(
    request: HttpRequest, uuid: UUID, behaviour: UUID, payload: BehaviourIn
) -> dict[str, object]:
    member = member_of(request)
    leadership = _goal(member, uuid, "leadership.goal.write")
    found = Behaviour.objects.filter(leadership_goal=leadership, uuid=behaviour).first()
    if found is None:
        raise Http404
    return behaviour_out(services.revise_behaviour(found, payload.text, payload.questions))


@router.post(
    "/goals/{uuid}/experiments",
    response={201: ExperimentOut},
    summary="An innovation experiment: a hypothesis and a test",
)
def experiment_add(request: HttpRequest, uuid: UUID, payload: ExperimentIn) -> Status[object]:
    member = member_of(request)
    leadership = _goal(member, uuid, "leadership.goal.write")
    experiment = services.experiment_add(leadership=leadership, **payload.dict())
    return Status(201, experiment_out(experiment))


# -- decision records ----------------------------------------------------------------------------


@router.get(
    "/decisions",
    response=page_of(DecisionOut),
    summary="Your decision records and those of engagements you coach",
)
def decision_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "decision.create")
    return paginate(selectors.decisions_for(member), page, decision_out)


@router.post("/decisions", response={201: DecisionOut}, summary="Record a difficult decision")
def decision_create(request: HttpRequest, payload: DecisionIn) -> Status[object]:
    member = member_of(request)
    policy.require(member, "decision.create")
    session = None
    if payload.session is not None:
        session = engagement_selectors.session_get(member=member, uuid=str(payload.session))
        if session is None:
            raise Http404
        policy.require(member, "session.content.read", session)
    values = _parts(member, payload.values, "values")
    record = services.decision_create(
        actor=member,
        session=session,
        question=payload.question,
        options="\n".join(payload.options),
        consequences="\n".join(payload.consequences),
        values=values,
        values_note=payload.values_note,
        decision=payload.decision,
        why=payload.why,
        review_on=payload.review_on,
    )
    return Status(201, decision_out(record))


@router.get("/decisions/{uuid}", response=DecisionOut, summary="A decision record")
def decision_detail(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    member = member_of(request)
    return decision_out(_decision(member, uuid, "decision.read"))


@router.post(
    "/decisions/{uuid}/revisit",
    response=DecisionOut,
    summary="Revisit a decision at its review date: what happened",
)
def decision_revisit(request: HttpRequest, uuid: UUID, payload: RevisitIn) -> dict[str, object]:
    member = member_of(request)
    record = _decision(member, uuid, "decision.write")
    return decision_out(services.decision_revisit(record=record, outcome=payload.outcome))


@router.put(
    "/sessions/{uuid}/mission",
    response=SessionMissionOut,
    summary="Say which parts of the mission and values a session worked on (its coach, coachee)",
)
def session_mission_set(
    request: HttpRequest, uuid: UUID, payload: SessionMissionIn
) -> dict[str, object]:
    member = member_of(request)
    session = engagement_selectors.session_get(member=member, uuid=str(uuid))
    if session is None:
        raise Http404
    policy.require(member, "session.run", session)
    parts = _parts(member, payload.parts, "parts")
    services.session_links_set(actor=member, session=session, parts=parts)
    return {"session": session.uuid, "parts": [part_out(p) for p in parts]}
