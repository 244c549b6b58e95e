"""Stakeholder feedback in the API: the leadership goals one may see feedback on, a goal's
stakeholders (the coachee adds and removes them), its rounds (per behaviour version: mean, count
and feed-forward texts shuffled, only at the threshold; never who said what), its 360s per audience
and competency, sending a 360 (the coach), and the organization's threshold (admins)."""

from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext
from ninja import Field, Query, Router, Schema, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.leadership.models import LeadershipGoal
from trellis.stakeholders import selectors, services
from trellis.stakeholders.models import Stakeholder, StakeholderPlan

router = Router(tags=["stakeholders"])


class StakeholderGoalOut(Schema):
    uuid: UUID = Field(description="The leadership goal")
    title: str
    coachee: str


class StakeholderOut(Schema):
    uuid: UUID
    name: str
    email: str
    relation: str


class StakeholderAddIn(Schema):
    name: str = Field(min_length=1, max_length=150)
    email: str = Field(min_length=3, max_length=254)
    relation: str = Field(description="manager, peer or direct_report")


class BehaviourFiguresOut(Schema):
    behaviour: UUID
    text: str
    version: int
    count: int
    mean: float = Field(description="Mean improvement, -3 to +3")
    feedforward: list[str] = Field(description="Shuffled, without names")
    examples: list[str] = Field(
        description="Examples seen (a behaviour's third question); shuffled, without names"
    )


class RoundOut(Schema):
    number: int
    opened_on: date
    asked: int
    answered: int
    shown: bool
    withheld: str
    behaviours: list[BehaviourFiguresOut] = Field(description="Empty while withheld")


class AudienceOut(Schema):
    audience: str
    answered: int
    competencies: dict[str, float] | None = Field(description="null while withheld")


class ThreeSixtyOut(Schema):
    uuid: UUID
    phase: str
    administration: UUID
    invited: int
    answered: int
    closed: bool
    audiences: list[AudienceOut]


class CompetencyChangeOut(Schema):
    key: str
    name: str
    start: float | None
    end: float | None
    change: float | None


class StakeholderPlanOut(Schema):
    goal: StakeholderGoalOut
    cadence_days: int
    threshold: int
    stakeholders: list[StakeholderOut]
    rounds: list[RoundOut] = Field(description="Oldest first: the trend")
    threesixties: list[ThreeSixtyOut]
    change: list[CompetencyChangeOut] = Field(description="Start to end 360, all others together")


class ThreeSixtyIn(Schema):
    phase: str = Field(description="start or end")


class SettingsOut(Schema):
    threshold: int


class SettingsIn(Schema):
    threshold: int = Field(ge=3, le=50)


def _plan(member: Membership, uuid: UUID, action: str) -> StakeholderPlan:
    leadership_goal = selectors.leadership_goal_get(member=member, uuid=str(uuid))
    if leadership_goal is None:
        raise Http404
    plan = selectors.plan_find(leadership_goal)
    policy.require(member, action, plan)
    return plan


def goal_out(leadership_goal: LeadershipGoal) -> dict[str, object]:
    owner = leadership_goal.goal.owner
    return {
        "uuid": leadership_goal.uuid,
        "title": leadership_goal.goal.title,
        "coachee": owner.user.display_name if owner else "",
    }


def stakeholder_out(row: Stakeholder) -> dict[str, object]:
    return {"uuid": row.uuid, "name": row.name, "email": row.email, "relation": row.relation}


def plan_out(plan: StakeholderPlan, member: Membership) -> dict[str, object]:
    threesixties, changes = selectors.threesixties_of(plan, member=member)
    return {
        "goal": goal_out(plan.leadership_goal),
        "cadence_days": plan.cadence_days,
        "threshold": services.threshold_of(plan.org_id),
        "stakeholders": [stakeholder_out(s) for s in selectors.stakeholders_of(plan)],
        "rounds": [
            {
                "number": r.number,
                "opened_on": r.opened_on,
                "asked": r.asked,
                "answered": r.answered,
                "shown": r.shown,
                "withheld": r.withheld,
                "behaviours": [
                    {
                        "behaviour": f.behaviour.uuid,
                        "text": f.behaviour.text,
                        "version": f.behaviour.version,
                        "count": f.count,
                        "mean": f.mean,
                        "feedforward": f.feedforward,
                        "examples": f.examples,
                    }
                    for f in r.behaviours
                ],
            }
            for r in selectors.rounds_of(plan)
        ],
        "threesixties": [
            {
                "uuid": v.threesixty.uuid,
                "phase": v.threesixty.phase,
                "administration": v.threesixty.administration.uuid,
                "invited": v.invited,
                "answered": v.answered,
                "closed": v.closed,
                "audiences": [
                    {"audience": a.audience, "answered": a.answered, "competencies": a.competencies}
                    for a in v.audiences
                ],
            }
            for v in threesixties
        ],
        "change": [
            {"key": c.key, "name": c.name, "start": c.start, "end": c.end, "change": c.change}
            for c in changes
        ],
    }


@router.get(
    "/goals",
    response=page_of(StakeholderGoalOut),
    summary="Leadership goals whose stakeholder feedback you see (as coachee or coach)",
)
def goal_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "stakeholder.list")
    goals = [
        g
        for g in selectors.leadership_goals_for(member=member)[:200]
        if policy.allows(member, "stakeholder.view", selectors.plan_find(g))
    ]
    return paginate(goals, page, goal_out)


@router.get(
    "/goals/{uuid}",
    response=StakeholderPlanOut,
    summary="A leadership goal's stakeholders, rounds (aggregates at the threshold) and 360s",
)
def plan_detail(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    member = member_of(request)
    return plan_out(_plan(member, uuid, "stakeholder.view"), member)


@router.post(
    "/goals/{uuid}/stakeholders",
    response={201: StakeholderOut},
    summary="Name a stakeholder (the coachee); they are asked from the next round, by email",
)
def stakeholder_add(request: HttpRequest, uuid: UUID, payload: StakeholderAddIn) -> Status[object]:
    member = member_of(request)
    plan = _plan(member, uuid, "stakeholder.manage")
    if payload.relation not in Stakeholder.Relation.values:
        raise ValidationError(
            {
                "relation": [
                    gettext("Expected one of: %(values)s.")
                    % {"values": ", ".join(Stakeholder.Relation.values)}
                ]
            }
        )
    row = services.stakeholder_add(
        actor=member,
        leadership_goal=plan.leadership_goal,
        name=payload.name,
        email=payload.email,
        relation=payload.relation,
    )
    return Status(201, stakeholder_out(row))


@router.delete(
    "/goals/{uuid}/stakeholders/{person}",
    response={204: None},
    summary="Stop asking a stakeholder (the coachee); answers given stay in the aggregates",
)
def stakeholder_remove(request: HttpRequest, uuid: UUID, person: UUID) -> Status[None]:
    member = member_of(request)
    plan = _plan(member, uuid, "stakeholder.manage")
    found = plan.stakeholders.filter(uuid=person, removed_at=None).first() if plan.pk else None
    if found is None:
        raise Http404
    services.stakeholder_remove(actor=member, stakeholder=found)
    return Status(204, None)


@router.post(
    "/goals/{uuid}/360",
    response={201: ThreeSixtyOut},
    summary="Send the Leadership 360 at the start or end of the track (the coach)",
)
def threesixty_start(request: HttpRequest, uuid: UUID, payload: ThreeSixtyIn) -> Status[object]:
    member = member_of(request)
    plan = _plan(member, uuid, "stakeholder.threesixty")
    if plan.pk is None:
        raise ValidationError({"__all__": [services.NO_STAKEHOLDERS]})
    threesixty = services.threesixty_start(actor=member, plan=plan, phase=payload.phase)
    view = selectors.threesixty_view(
        threesixty, member=member, threshold=services.threshold_of(plan.org_id)
    )
    return Status(
        201,
        {
            "uuid": threesixty.uuid,
            "phase": threesixty.phase,
            "administration": threesixty.administration.uuid,
            "invited": view.invited,
            "answered": view.answered,
            "closed": view.closed,
            "audiences": [
                {"audience": a.audience, "answered": a.answered, "competencies": a.competencies}
                for a in view.audiences
            ],
        },
    )


@router.get("/settings", response=SettingsOut, summary="The organization's threshold (admins)")
def settings_get(request: HttpRequest) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "stakeholder.settings")
    return {"threshold": services.threshold_of(member.org)}


@router.put("/settings", response=SettingsOut, summary="Set the organization's threshold (admins)")
def settings_put(request: HttpRequest, payload: SettingsIn) -> dict[str, object]:
    member = member_of(request)
    row = services.settings_save(actor=member, threshold=payload.threshold)
    return {"threshold": row.threshold}
