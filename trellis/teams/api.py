"""Team coaching in the API: team engagements, the charter (current, history, a new version),
pulse results (aggregates per dimension only, with trend and spread; never one member's answers),
sending a pulse, a team session on the weakest dimension, actions and check-ins."""

from datetime import date, datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.engagements.models import Engagement
from trellis.goals.models import Goal
from trellis.teams import selectors, services
from trellis.teams.models import CharterVersion, TeamAction, TeamCheckIn, TeamSpace

router = Router(tags=["teams"])

UNKNOWN_GOALS = _("No goal of this organization has the id(s): {ids}.")
UNKNOWN_MEMBER = _("No member of this organization has the id {id}.")


class TeamPersonOut(Schema):
    id: str = Field(description="The membership id")
    name: str


class TeamOut(Schema):
    uuid: UUID
    topic: str
    status: str
    started_on: date


class TeamDetailOut(TeamOut):
    members: list[TeamPersonOut]
    coaches: list[TeamPersonOut]
    leader: str | None = Field(description="The leader's membership id")
    pulse_every_weeks: int
    pulse_threshold: int
    pulse_answer_days: int
    next_pulse_on: date | None


class TeamGoalLinkOut(Schema):
    uuid: UUID
    title: str
    level: str
    parent: UUID | None = Field(description="The goal it sits under in the goal tree")
    parent_title: str | None


class TeamCharterOut(Schema):
    version: int
    purpose: str
    goals: list[TeamGoalLinkOut]
    working_agreements: str
    roles: str
    decision_rules: str
    note: str
    saved_by: str | None
    saved_at: datetime


class TeamCharterIn(Schema):
    purpose: str = Field(min_length=1, max_length=2000)
    goals: list[UUID] = Field(default_factory=list, max_length=50)
    working_agreements: str = Field("", max_length=4000)
    roles: str = Field("", max_length=4000)
    decision_rules: str = Field("", max_length=4000)
    note: str = Field("", max_length=300)


class TeamDimensionOut(Schema):
    key: str
    name: str
    mean: float
    spread: float = Field(description="Standard deviation of the members' scores")
    change: float | None = Field(description="Against the previous pulse with figures")


class TeamPulseOut(Schema):
    number: int
    opened_on: date
    closes_on: date
    invited: int
    answered: int
    over: bool
    threshold: int
    total: float | None
    dimensions: list[TeamDimensionOut] = Field(description="Empty while withheld")
    withheld: str


class TeamPulseResultsOut(Schema):
    pulses: list[TeamPulseOut] = Field(description="Oldest first: the trend")
    weakest: str | None = Field(
        description="The weakest dimension of the latest pulse with figures"
    )


class TeamSettingsIn(Schema):
    leader: str | None = Field(None, max_length=64, description="A member's membership id")
    pulse_every_weeks: int = Field(0, description="0 (by hand), 2 or 4")
    pulse_threshold: int = Field(5, ge=5, le=100)
    pulse_answer_days: int = Field(
        7, ge=1, le=28, description="Days to answer a pulse (at most the cadence's days)"
    )


class TeamSessionIn(Schema):
    framework: str = Field("team-clear", max_length=60)


class TeamSessionOut(Schema):
    session: UUID
    topic: str
    framework: str


class TeamActionIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    owner: str = Field(max_length=64, description="A team member's membership id")
    due_on: date | None = None


class TeamActionOut(Schema):
    uuid: UUID
    title: str
    owner: TeamPersonOut
    due_on: date | None
    status: str


class TeamCheckInIn(Schema):
    text: str = Field(min_length=1, max_length=1000)


class TeamCheckInOut(Schema):
    uuid: UUID
    by: TeamPersonOut
    text: str
    created_at: datetime


def _person(member: Membership) -> dict[str, str]:
    return {"id": str(member.uuid), "name": member.user.display_name}


def _team(member: Membership, uuid: UUID, action: str) -> tuple[Engagement, TeamSpace]:
    engagement = selectors.team_get(member=member, uuid=str(uuid))
    if engagement is None:
        raise Http404
    space = selectors.space_of(engagement)
    policy.require(member, action, space)
    return engagement, space


def _member(member: Membership, value: str | None, field: str) -> Membership | None:
    if not value:
        return None
    try:
        found = Membership.objects.filter(org=member.org, uuid=UUID(value)).first()
    except ValueError:
        found = None
    if found is None:
        raise ValidationError({field: [UNKNOWN_MEMBER.format(id=value)]})
    return found


def team_out(engagement: Engagement) -> dict[str, object]:
    return {
        "uuid": engagement.uuid,
        "topic": engagement.topic,
        "status": engagement.status,
        "started_on": engagement.started_on,
    }


def charter_out(version: CharterVersion) -> dict[str, object]:
    return {
        "version": version.version,
        "purpose": version.purpose,
        "goals": [
            {
                "uuid": g.uuid,
                "title": g.title,
                "level": g.level,
                "parent": g.parent.uuid if g.parent else None,
                "parent_title": g.parent.title if g.parent else None,
            }
            for g in version.goals.all()
        ],
        "working_agreements": version.working_agreements,
        "roles": version.roles,
        "decision_rules": version.decision_rules,
        "note": version.note,
        "saved_by": version.saved_by.user.display_name if version.saved_by else None,
        "saved_at": version.saved_at,
    }


def action_out(action: TeamAction) -> dict[str, object]:
    return {
        "uuid": action.uuid,
        "title": action.title,
        "owner": _person(action.owner),
        "due_on": action.due_on,
        "status": action.status,
    }


def check_in_out(check_in: TeamCheckIn) -> dict[str, object]:
    return {
        "uuid": check_in.uuid,
        "by": _person(check_in.by),
        "text": check_in.text,
        "created_at": check_in.created_at,
    }


@router.get("", response=page_of(TeamOut), summary="Team engagements you are in (all: admins)")
def team_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "team.list")
    return paginate(selectors.team_engagements_for(member=member), page, team_out)


@router.get("/{uuid}", response=TeamDetailOut, summary="A team engagement: its people and settings")
def team_detail(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    member = member_of(request)
    engagement, space = _team(member, uuid, "team.view")
    leader = space.leader
    return {
        **team_out(engagement),
        "members": [_person(m) for m in selectors.members_of(engagement)],
        "coaches": [_person(m) for m in selectors.coaches_of(engagement)],
        "leader": str(leader.uuid) if leader else None,
        "pulse_every_weeks": space.pulse_every_weeks,
        "pulse_threshold": space.pulse_threshold,
        "pulse_answer_days": space.pulse_answer_days,
        "next_pulse_on": space.next_pulse_on,
    }


@router.put(
    "/{uuid}/settings",
    response=TeamDetailOut,
    summary="Set the team's leader and pulse cadence (the team's coaches)",
)
def team_settings(request: HttpRequest, uuid: UUID, payload: TeamSettingsIn) -> dict[str, object]:
    member = member_of(request)
    engagement, _space = _team(member, uuid, "team.manage")
    if payload.pulse_every_weeks not in TeamSpace.Every.values:
        raise ValidationError({"pulse_every_weeks": [gettext("Expected 0, 2 or 4.")]})
    services.team_settings_save(
        actor=member,
        engagement=engagement,
        leader=_member(member, payload.leader, "leader"),
        pulse_every_weeks=payload.pulse_every_weeks,
        pulse_threshold=payload.pulse_threshold,
        pulse_answer_days=payload.pulse_answer_days,
    )
    return team_detail(request, uuid)


@router.get(
    "/{uuid}/charter",
    response={200: TeamCharterOut, 204: None},
    summary="The team charter's current version (204 before the first)",
)
def charter_get(request: HttpRequest, uuid: UUID) -> Status[object]:
    member = member_of(request)
    engagement, _space = _team(member, uuid, "team.charter.read")
    current = selectors.charter_current(engagement)
    if current is None:
        return Status(204, None)
    return Status(200, charter_out(current))


@router.get(
    "/{uuid}/charter/versions",
    response=page_of(TeamCharterOut),
    summary="Every version of the team charter, newest first, with who saved it and when",
)
def charter_versions(request: HttpRequest, uuid: UUID, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    engagement, _space = _team(member, uuid, "team.charter.read")
    return paginate(selectors.charter_history(engagement), page, charter_out)


@router.post(
    "/{uuid}/charter",
    response={201: TeamCharterOut},
    summary="Save the team charter as a new version (the team's coaches and leader)",
)
def charter_save(request: HttpRequest, uuid: UUID, payload: TeamCharterIn) -> Status[object]:
    member = member_of(request)
    engagement, _space = _team(member, uuid, "team.charter.write")
    goals = list(Goal.objects.filter(org=member.org, uuid__in=payload.goals))
    missing = {str(u) for u in payload.goals} - {str(g.uuid) for g in goals}
    if missing:
        raise ValidationError({"goals": [UNKNOWN_GOALS.format(ids=", ".join(sorted(missing)))]})
    version = services.charter_save(
        actor=member,
        engagement=engagement,
        purpose=payload.purpose,
        working_agreements=payload.working_agreements,
        roles=payload.roles,
        decision_rules=payload.decision_rules,
        goals=goals,
        note=payload.note,
    )
    return Status(201, charter_out(selectors.charter_current(engagement) or version))


@router.get(
    "/{uuid}/pulse",
    response=TeamPulseResultsOut,
    summary="The team pulse's results: aggregates per dimension only, once a pulse is over and at the threshold",
)
def pulse_results(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    member = member_of(request)
    engagement, space = _team(member, uuid, "team.pulse.results")
    views = selectors.pulse_views(engagement, space)
    pulses = []
    for view in views:
        shown = view.figures
        pulses.append(
            {
                "number": view.pulse.number,
                "opened_on": view.pulse.opened_on,
                "closes_on": view.pulse.closes_on,
                "invited": view.invited,
                "answered": view.answered,
                "over": view.is_over,
                "threshold": max(view.pulse.threshold, space.pulse_threshold),
                "total": shown.total if shown else None,
                "dimensions": [d.__dict__ for d in shown.dimensions] if shown else [],
                "withheld": view.withheld,
            }
        )
    latest = [v.figures for v in views if v.figures is not None]
    return {"pulses": pulses, "weakest": latest[-1].weakest.key if latest else None}


@router.post(
    "/{uuid}/pulse",
    response={201: TeamPulseOut},
    summary="Send the team pulse to the team's members now (the team's coaches)",
)
def pulse_send(request: HttpRequest, uuid: UUID) -> Status[object]:
    member = member_of(request)
    engagement, _space = _team(member, uuid, "team.manage")
    pulse = services.pulse_send(actor=member, engagement=engagement)
    invited = pulse.administration.respondents.count()
    return Status(
        201,
        {
            "number": pulse.number,
            "opened_on": pulse.opened_on,
            "closes_on": pulse.closes_on,
            "invited": invited,
            "answered": 0,
            "over": False,
            "threshold": pulse.threshold,
            "total": None,
            "dimensions": [],
            "withheld": str(selectors.WITHHELD_OPEN),
        },
    )


@router.post(
    "/{uuid}/pulse/session",
    response={201: TeamSessionOut},
    summary="Open a team session on the latest pulse's weakest dimension, with a team framework",
)
def pulse_session(request: HttpRequest, uuid: UUID, payload: TeamSessionIn) -> Status[object]:
    member = member_of(request)
    engagement, _space = _team(member, uuid, "team.manage")
    session = services.pulse_session_open(
        actor=member, engagement=engagement, framework_key=payload.framework
    )
    return Status(
        201,
        {"session": session.uuid, "topic": session.topic, "framework": payload.framework},
    )


@router.get("/{uuid}/actions", response=page_of(TeamActionOut), summary="The team's actions")
def action_list(request: HttpRequest, uuid: UUID, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    engagement, _space = _team(member, uuid, "team.work.read")
    return paginate(selectors.actions_of(engagement), page, action_out)


@router.post(
    "/{uuid}/actions",
    response={201: TeamActionOut},
    summary="Add a team action owned by a team member",
)
def action_create(request: HttpRequest, uuid: UUID, payload: TeamActionIn) -> Status[object]:
    member = member_of(request)
    engagement, _space = _team(member, uuid, "team.work.write")
    owner = _member(member, payload.owner, "owner")
    assert owner is not None
    action = services.action_add(
        actor=member, engagement=engagement, title=payload.title, owner=owner, due_on=payload.due_on
    )
    return Status(201, action_out(action))


@router.post(
    "/{uuid}/actions/{action}/done", response=TeamActionOut, summary="Mark a team action done"
)
def action_done(request: HttpRequest, uuid: UUID, action: UUID) -> dict[str, object]:
    member = member_of(request)
    engagement, _space = _team(member, uuid, "team.work.write")
    found = selectors.action_get(member=member, engagement=engagement, uuid=str(action))
    if found is None:
        raise Http404
    return action_out(services.action_done(actor=member, action=found))


@router.get(
    "/{uuid}/check-ins",
    response=page_of(TeamCheckInOut),
    summary="The team's check-ins, newest first",
)
def check_in_list(request: HttpRequest, uuid: UUID, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    engagement, _space = _team(member, uuid, "team.work.read")
    return paginate(selectors.check_ins_of(engagement), page, check_in_out)


@router.post(
    "/{uuid}/check-ins", response={201: TeamCheckInOut}, summary="Post your update to the team"
)
def check_in_create(request: HttpRequest, uuid: UUID, payload: TeamCheckInIn) -> Status[object]:
    member = member_of(request)
    engagement, _space = _team(member, uuid, "team.work.write")
    check_in = services.check_in_add(actor=member, engagement=engagement, text=payload.text)
    return Status(201, check_in_out(check_in))


business_router = Router(tags=["teams"])


class BusinessPointOut(Schema):
    starts_on: date = Field(description="The quarter's first day")
    people: int
    t_score: float | None = Field(description="Mean GAS T-score; null below the threshold")


class BusinessGoalOut(Schema):
    uuid: UUID
    title: str
    team_goals: int
    person_goals: int
    people: int
    trend: list[BusinessPointOut]


@business_router.get(
    "",
    response=page_of(BusinessGoalOut),
    summary="The organization's business goals: goals under each and their GAS trend, aggregated (admins, sponsors)",
)
def business_goal_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "business.view")
    rows = selectors.business_goals(member=member)
    return paginate(
        rows,
        page,
        lambda row: {
            "uuid": row.goal.uuid,
            "title": row.goal.title,
            "team_goals": row.team_goals,
            "person_goals": row.person_goals,
            "people": row.people,
            "trend": [p.__dict__ for p in row.trend],
        },
    )
