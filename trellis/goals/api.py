"""Goals, actions, check-ins, reviews and revision history under /api/v1/goals, with the same
access rules as the pages. A save based on an old `version` answers 409 and changes nothing."""

from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership, Team
from trellis.api import problems
from trellis.api.fields import OMITTED, Day
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.api.problems import Problem
from trellis.core.goals import LEVELS
from trellis.core.goals import smart_check as run_smart_check
from trellis.engagements.models import Engagement
from trellis.goals import selectors, services
from trellis.goals.models import GAS_FIELDS, Action, CheckIn, Goal, Review, Revision

router = Router(tags=["goals"])

NO_SUCH = "No {what} of this organization has that id."
COACHEE_ONLY = "Only a coachee has a plan of their own."
GAS_KEYS = "GAS levels are keyed -2, -1, 0, 1 and 2; got {key!r}."


class GoalPerson(Schema):
    id: UUID
    name: str


class GoalOut(Schema):
    id: UUID
    level: str
    title: str
    why: str
    success_measure: str
    due_text: str
    due_date: date | None
    weight: int
    visibility: str
    status: str
    status_reason: str
    owner: GoalPerson | None
    engagement_id: UUID | None
    parent_id: UUID | None
    team: str | None
    gas_levels: dict[str, str] = Field(
        description="Level (-2 to 2) -> what that outcome looks like"
    )
    progress: float | None = Field(description="Weighted progress of the goal's actions, 0-100")
    version: int = Field(description="Send it back when changing the goal (optimistic locking)")
    wording_version: int
    wording_frozen: bool
    created_at: datetime
    updated_at: datetime


class GoalIn(Schema):
    title: str
    engagement_id: UUID | None = Field(None, description="The coaching the goal belongs to")
    coachee_id: UUID | None = Field(
        None, description="Whose goal; default: the engagement's coachee, or you"
    )
    level: str = Field("person", description="person, team or organization")
    team: str | None = Field(None, description="The team's name, for a team goal")
    parent_id: UUID | None = None
    why: str = ""
    success_measure: str = ""
    due_text: str = Field("", description="A date or words: 'by the end of March'")
    due_date: Day | None = None
    weight: int = 1
    visibility: str = "private"
    gas_levels: dict[str, str] = {}


class GoalPatch(Schema):
    """Send only what changes; null clears `due_date` and `parent_id` and is refused elsewhere."""

    version: int = Field(description="The version you last read; a newer one answers 409")
    why_changed: str = Field("", description="Kept in the goal's history")
    title: str = OMITTED
    why: str = OMITTED
    success_measure: str = OMITTED
    due_text: str = OMITTED
    due_date: Day | None = None
    weight: int = OMITTED
    visibility: str = OMITTED
    status: str = OMITTED
    status_reason: str = OMITTED
    parent_id: UUID | None = None
    gas_levels: dict[str, str] | None = None


class EditConflictOut(Problem):
    """A problem (409) that also carries the version saved first and what it changed."""

    current_version: int
    changes: list[dict[str, Any]]


class GoalActionOut(Schema):
    id: UUID
    goal_id: UUID
    what: str
    owner: GoalPerson
    due_date: date | None
    due_history: list[str]
    due_state: str
    slipped_days: int
    accountability_partner: GoalPerson | None
    cadence: str
    support: str
    obstacles: str
    commitment: int | None
    weight: int
    status: str
    drop_reason: str
    percent: int
    version: int


class GoalActionIn(Schema):
    what: str
    owner_id: UUID | None = Field(None, description="The coachee (default) or their coach")
    due_date: Day | None = None
    accountability_partner_id: UUID | None = None
    cadence: str = "weekly"
    support: str = ""
    obstacles: str = ""
    commitment: int | None = None
    weight: int = 1


class GoalActionPatch(Schema):
    """Send only what changes; null clears `due_date`, `accountability_partner_id` and `commitment`
    and is refused elsewhere."""

    version: int
    why_changed: str = ""
    what: str = OMITTED
    owner_id: UUID = OMITTED
    due_date: Day | None = None
    accountability_partner_id: UUID | None = None
    cadence: str = OMITTED
    support: str = OMITTED
    obstacles: str = OMITTED
    commitment: int | None = None
    weight: int = OMITTED
    status: str = OMITTED
    drop_reason: str = OMITTED


class GoalCheckInIn(Schema):
    percent: int | None = None
    done: bool = False
    note: str = ""
    blockers: str = ""


class GoalCheckInOut(Schema):
    id: UUID
    action_id: UUID
    by: GoalPerson | None
    percent: int | None
    done: bool
    note: str
    blockers: str
    created_at: datetime


class GoalRevisionOut(Schema):
    id: UUID
    at: datetime
    actor: GoalPerson | None
    kind: str
    goal_id: UUID
    action_id: UUID | None
    review_id: UUID | None
    why: str
    changes: dict[str, Any]
    version: int


class GoalVersionOut(Schema):
    number: int
    title: str
    why: str
    success_measure: str
    replaced_at: datetime
    replaced_by: GoalPerson | None


class GoalFeedbackIn(Schema):
    text: str
    stakeholder: str = ""


class GoalFeedbackOut(Schema):
    id: UUID
    goal_id: UUID
    stakeholder: str
    text: str
    wording_version: int
    created_at: datetime


class GoalHistoryOut(Schema):
    revisions: list[GoalRevisionOut]
    versions: list[GoalVersionOut]
    feedback: list[GoalFeedbackOut]


class ReviewGoalDecisionIn(Schema):
    goal_id: UUID
    score: int | None = Field(None, description="-2 to 2, or null when not scored")
    decision: str = Field("keep", description="keep, change, complete or drop")
    changes: dict[str, Any] = Field(
        {}, description="For change: title, success_measure, due_text ..."
    )
    why: str = ""
    version: int | None = None


class ReviewActionDecisionIn(Schema):
    action_id: UUID
    decision: str = Field("keep", description="keep, change, done or drop")
    due_date: Day | None = Field(None, description="For change: the new due date")
    why: str = ""
    version: int | None = None


class ReviewNewGoalIn(Schema):
    title: str
    success_measure: str = ""
    due_text: str = ""
    why: str = ""
    weight: int = 1


class GoalReviewIn(Schema):
    engagement_id: UUID | None = Field(None, description="Null: the coachee's own goals")
    reviewed_on: Day | None = None
    note: str = ""
    goals: list[ReviewGoalDecisionIn] = []
    actions: list[ReviewActionDecisionIn] = []
    new_goals: list[ReviewNewGoalIn] = []


class GasScoreOut(Schema):
    goal_id: UUID
    title: str
    score: int | None
    weight: int
    decision: str


class GoalReviewOut(Schema):
    id: UUID
    reviewed_on: date
    coachee: GoalPerson
    engagement_id: UUID | None
    by: GoalPerson | None
    note: str
    t_score: float | None
    scores: list[GasScoreOut]


class SmartCheckIn(Schema):
    title: str
    success_measure: str = ""
    due_text: str = ""
    within_control: bool | None = None


class SmartFindingOut(Schema):
    criterion: str
    ok: bool
    message: str
    suggestion: str


class GasTrendPointOut(Schema):
    on: date
    t_score: float
    goals: int


class PlanAttentionOut(Schema):
    overdue: int
    stalled: bool
    lowest_commitment: int | None
    needs_attention: bool


class PlanGoalOut(Schema):
    id: UUID
    title: str
    status: str
    due_date: date | None
    progress: float | None
    last_score: int | None = Field(description="Latest GAS score; null for sponsors")


class PlanOut(Schema):
    coachee: GoalPerson
    engagement_id: UUID | None
    summary_only: bool = Field(description="True for a sponsor: shared goals, no actions or scores")
    progress: float | None
    t_score: float | None
    direction: str | None
    trend: list[GasTrendPointOut]
    attention: PlanAttentionOut
    goals: list[PlanGoalOut]
    actions: list[GoalActionOut] = Field(description="Open actions, overdue and due soon first")


# conversions


def _person(m: Membership | None) -> dict[str, Any] | None:
    return None if m is None else {"id": m.uuid, "name": m.user.display_name}


def _goal_out(goal: Goal) -> dict[str, Any]:
    return {
        **{f: getattr(goal, f) for f in ("level", "title", "why", "success_measure", "due_text")},
        **{
            f: getattr(goal, f)
            for f in ("due_date", "weight", "visibility", "status", "status_reason")
        },
        "id": goal.uuid,
        "owner": _person(goal.owner),
        "engagement_id": goal.engagement.uuid if goal.engagement else None,
        "parent_id": goal.parent.uuid if goal.parent else None,
        "team": goal.team.name if goal.team else None,
        "gas_levels": {str(k): v for k, v in goal.gas_levels.as_mapping().items() if v},
        "progress": selectors.goal_progress_of(goal=goal),
        "version": goal.version,
        "wording_version": goal.wording_version,
        "wording_frozen": goal.wording_frozen,
        "created_at": goal.created_at,
        "updated_at": goal.updated_at,
    }


def _action_out(action: Action, today: date) -> dict[str, Any]:
    line = selectors.action_line(action, today)
    return {
        **{
            f: getattr(action, f) for f in ("what", "due_date", "due_history", "cadence", "support")
        },
        **{f: getattr(action, f) for f in ("obstacles", "commitment", "weight", "status")},
        "drop_reason": action.drop_reason,
        "percent": action.percent,
        "version": action.version,
        "id": action.uuid,
        "goal_id": action.goal.uuid,
        "owner": _person(action.owner),
        "accountability_partner": _person(action.accountability_partner),
        "due_state": line.state.value,
        "slipped_days": line.slipped_days,
    }


def _check_in_out(c: CheckIn) -> dict[str, Any]:
    return {
        "id": c.uuid,
        "action_id": c.action.uuid,
        "by": _person(c.by),
        **{f: getattr(c, f) for f in ("percent", "done", "note", "blockers", "created_at")},
    }


def _revision_out(r: Revision) -> dict[str, Any]:
    return {
        "id": r.uuid,
        "at": r.at,
        "actor": _person(r.actor),
        "kind": r.kind,
        "goal_id": r.goal.uuid,
        "action_id": r.action.uuid if r.action else None,
        "review_id": r.review.uuid if r.review else None,
        "why": r.why,
        "changes": r.changes,
        "version": r.version,
    }


def _review_out(review: Review) -> dict[str, Any]:
    return {
        "id": review.uuid,
        "reviewed_on": review.reviewed_on,
        "coachee": _person(review.coachee),
        "engagement_id": review.engagement.uuid if review.engagement else None,
        "by": _person(review.by),
        "note": review.note,
        "t_score": review.t_score,
        "scores": [
            {
                "goal_id": s.goal.uuid,
                "title": s.goal.title,
                "score": s.score,
                "weight": s.weight,
                "decision": s.decision,
            }
            for s in review.scores.all()
        ],
    }


def _conflict(exc: services.EditConflict) -> Status[dict[str, Any]]:
    body = problems.problem_body(status=409, detail=exc.message)
    return Status(409, {**body, "current_version": exc.current_version, "changes": exc.changes})


# lookups within the caller's organization


def _find(member: Membership, field: str, what: str, value: UUID | None, model: Any) -> Any:
    if value is None:
        return None
    filters = {"goal__org": member.org} if model is Action else {"org": member.org}
    found = model.objects.filter(uuid=value, **filters).first()
    if found is None:
        raise ValidationError({field: NO_SUCH.format(what=what)})
    return found


def _gas(levels: dict[str, str], field: str = "gas_levels") -> dict[int, str]:
    parsed = {}
    for key, text in levels.items():
        try:
            level = int(key)
        except ValueError:
            level = 99
        if level not in LEVELS:
            raise ValidationError({field: GAS_KEYS.format(key=key)})
        parsed[level] = text
    return parsed


def _goal(request: HttpRequest, goal_id: UUID, action: str) -> tuple[Membership, Goal]:
    member = member_of(request)
    goal = selectors.goal_get(member=member, uuid=goal_id)
    if goal is None:
        raise Http404
    if action == "goal.edit" and goal.is_aligned_level:
        action = "goal.align.manage"
    policy.require(member, action, goal)
    return member, goal


def _action(request: HttpRequest, action_id: UUID, rule: str) -> tuple[Membership, Action]:
    member = member_of(request)
    action = selectors.action_get(member=member, uuid=action_id)
    if action is None:
        raise Http404
    policy.require(member, rule, action)
    return member, action


# goals


@router.get("", response=page_of(GoalOut), summary="Goals you may read")
def goal_list(
    request: HttpRequest,
    page: Query[PageQuery],
    engagement_id: UUID | None = None,
    status: str | None = None,
) -> dict[str, Any]:
    member = member_of(request)
    policy.require(member, "plan.mine")
    goals = selectors.goals_visible_to(member=member)
    if engagement_id is not None:
        goals = goals.filter(engagement__uuid=engagement_id)
    if status is not None:
        goals = goals.filter(status=status)
    return paginate(goals, page, _goal_out)


@router.post("", response={201: GoalOut}, summary="Set a goal")
def goal_create(request: HttpRequest, payload: GoalIn) -> Status[dict[str, Any]]:
    member = member_of(request)
    policy.require(member, "goal.write")
    engagement = _find(member, "engagement_id", "engagement", payload.engagement_id, Engagement)
    owner = _find(member, "coachee_id", "member", payload.coachee_id, Membership)
    if payload.level != Goal.Level.PERSON:
        policy.require(member, "goal.align.manage")
        owner = None
    elif engagement is not None:
        policy.require(member, "plan.content.read", engagement)
        owner = owner or engagement.coachee
    else:
        owner = owner or member
        if owner.pk != member.pk:
            raise ValidationError(
                {"engagement_id": "Set a goal for someone else within their engagement."}
            )
    team = None
    if payload.team:
        team = Team.objects.filter(org=member.org, name=payload.team).first()
        if team is None:
            raise ValidationError({"team": NO_SUCH.format(what="team")})
    goal = services.goal_create(
        actor=member,
        owner=owner,
        level=payload.level,
        engagement=engagement,
        team=team,
        parent=_find(member, "parent_id", "goal", payload.parent_id, Goal),
        title=payload.title,
        why=payload.why,
        success_measure=payload.success_measure,
        due_text=payload.due_text,
        due_date=payload.due_date,
        weight=payload.weight,
        visibility=payload.visibility,
        gas_levels=_gas(payload.gas_levels),
    )
    return Status(201, _goal_out(goal))


@router.post(
    "/smart-check", response=list[SmartFindingOut], summary="SMART check of a goal's wording"
)
def goal_smart_check(request: HttpRequest, payload: SmartCheckIn) -> list[dict[str, Any]]:
    member = member_of(request)
    policy.require(member, "goal.write")
    findings = run_smart_check(
        payload.title,
        payload.success_measure,
        payload.due_text,
        today=services.local_today(member),
        coachee_controls=payload.within_control,
    )
    return [vars(f) for f in findings]


def _plan_out(plan: selectors.Plan, summary_only: bool, today: date) -> dict[str, Any]:
    attention = plan.attention
    return {
        "coachee": _person(plan.coachee),
        "engagement_id": plan.engagement.uuid if plan.engagement else None,
        "summary_only": summary_only,
        "progress": plan.progress,
        "t_score": plan.t_score,
        "direction": plan.direction,
        "trend": [vars(p) for p in plan.trend],
        "attention": {
            "overdue": attention.overdue,
            "stalled": attention.stalled,
            "lowest_commitment": attention.lowest_commitment,
            "needs_attention": attention.needs_attention,
        },
        "goals": [
            {
                "id": line.goal.uuid,
                "title": line.goal.title,
                "status": line.goal.status,
                "due_date": line.goal.due_date,
                "progress": line.progress,
                "last_score": line.last_score,
            }
            for line in plan.goals
        ],
        "actions": [_action_out(line.action, today) for line in plan.actions],
    }


@router.get("/my-plan", response=PlanOut, summary="Your own plan, across your engagements")
def my_plan(request: HttpRequest) -> dict[str, Any]:
    member = member_of(request)
    policy.require(member, "plan.mine")
    if not member.is_coachee:
        raise PermissionDenied(COACHEE_ONLY)
    today = services.local_today(member)
    return _plan_out(selectors.plan_build(coachee=member, today=today, whole=True), False, today)


@router.get(
    "/plans/{engagement_id}",
    response=PlanOut,
    summary="An engagement's plan (sponsors: a summary of shared goals)",
)
def engagement_plan(request: HttpRequest, engagement_id: UUID) -> dict[str, Any]:
    member = member_of(request)
    engagement = selectors.engagement_get(member=member, uuid=engagement_id)
    if engagement is None:
        raise Http404
    policy.require(member, "plan.view", engagement)
    today = services.local_today(member)
    if policy.allows(member, "plan.content.read", engagement):
        plan = selectors.plan_build(coachee=engagement.coachee, engagement=engagement, today=today)
        return _plan_out(plan, False, today)
    out = _plan_out(selectors.sponsor_plan(engagement=engagement, today=today), True, today)
    for goal in out["goals"]:
        goal["last_score"] = None
    return out


# actions (declared before /{goal_id} so that the paths do not collide)


@router.get("/actions/{action_id}", response=GoalActionOut, summary="One action")
def action_detail(request: HttpRequest, action_id: UUID) -> dict[str, Any]:
    member, action = _action(request, action_id, "action.read")
    return _action_out(action, services.local_today(member))


@router.patch(
    "/actions/{action_id}",
    response={200: GoalActionOut, 409: EditConflictOut},
    summary="Change an action (send the version you read)",
)
def action_update(request: HttpRequest, action_id: UUID, payload: GoalActionPatch) -> Any:
    member, action = _action(request, action_id, "action.edit")
    data = payload.model_dump(exclude_unset=True)
    version, why = data.pop("version"), data.pop("why_changed", "")
    if "owner_id" in data:
        data["owner"] = _find(member, "owner_id", "member", data.pop("owner_id"), Membership)
    if "accountability_partner_id" in data:
        data["accountability_partner"] = _find(
            member,
            "accountability_partner_id",
            "member",
            data.pop("accountability_partner_id"),
            Membership,
        )
    try:
        action = services.action_update(
            actor=member, action=action, changes=data, version=version, why=why
        )
    except services.EditConflict as exc:
        return _conflict(exc)
    return _action_out(action, services.local_today(member))


@router.get(
    "/actions/{action_id}/check-ins",
    response=page_of(GoalCheckInOut),
    summary="An action's check-ins",
)
def check_in_list(request: HttpRequest, action_id: UUID, page: Query[PageQuery]) -> dict[str, Any]:
    _member, action = _action(request, action_id, "action.read")
    return paginate(selectors.check_ins_of(action=action), page, _check_in_out)


@router.post(
    "/actions/{action_id}/check-ins",
    response={201: GoalCheckInOut},
    summary="Report progress on an action (its owner or the coachee)",
)
def check_in_create(
    request: HttpRequest, action_id: UUID, payload: GoalCheckInIn
) -> Status[dict[str, Any]]:
    member, action = _action(request, action_id, "action.check_in")
    check_in = services.check_in_record(actor=member, action=action, **payload.model_dump())
    return Status(201, _check_in_out(check_in))


@router.get(
    "/actions/{action_id}/history",
    response=page_of(GoalRevisionOut),
    summary="Every change to an action",
)
def action_history(request: HttpRequest, action_id: UUID, page: Query[PageQuery]) -> dict[str, Any]:
    _member, action = _action(request, action_id, "action.read")
    return paginate(selectors.action_history(action=action), page, _revision_out)


# reviews


@router.get(
    "/reviews", response=page_of(GoalReviewOut), summary="Reviews of plans you coach or own"
)
def review_list(
    request: HttpRequest, page: Query[PageQuery], engagement_id: UUID | None = None
) -> dict[str, Any]:
    member = member_of(request)
    policy.require(member, "plan.mine")
    reviews = selectors.reviews_visible_to(member=member)
    if engagement_id is not None:
        reviews = reviews.filter(engagement__uuid=engagement_id)
    return paginate(reviews, page, _review_out)


@router.post(
    "/reviews", response={201: GoalReviewOut, 409: EditConflictOut}, summary="Review a plan"
)
def review_create(request: HttpRequest, payload: GoalReviewIn) -> Any:
    member = member_of(request)
    engagement = _find(member, "engagement_id", "engagement", payload.engagement_id, Engagement)
    if engagement is not None:
        policy.require(member, "plan.content.read", engagement)
        coachee = engagement.coachee
    else:
        policy.require(member, "plan.mine")
        coachee = member
    goals = []
    for i, d in enumerate(payload.goals):
        goal = _find(member, f"goals.{i}.goal_id", "goal", d.goal_id, Goal)
        changes = dict(d.changes)
        if "gas_levels" in changes:
            gas = _gas(changes.pop("gas_levels"), f"goals.{i}.changes")
            changes.update({GAS_FIELDS[level + 2]: text for level, text in gas.items()})
        goals.append(services.GoalDecision(goal, d.score, d.decision, changes, d.why, d.version))
    actions = []
    for i, a in enumerate(payload.actions):
        action = _find(member, f"actions.{i}.action_id", "action", a.action_id, Action)
        changes = {"due_date": a.due_date} if a.decision == "change" else {}
        actions.append(services.ActionDecision(action, a.decision, changes, a.why, a.version))
    try:
        review = services.review_record(
            actor=member,
            coachee=coachee,
            engagement=engagement,
            goals=goals,
            actions=actions,
            new_goals=[services.NewGoal(**n.model_dump()) for n in payload.new_goals],
            reviewed_on=payload.reviewed_on,
            note=payload.note,
        )
    except services.EditConflict as exc:
        return _conflict(exc)
    found = selectors.review_get(member=member, uuid=review.uuid)
    assert found is not None
    return Status(201, _review_out(found))


@router.get(
    "/reviews/{review_id}", response=GoalReviewOut, summary="One review with its GAS scores"
)
def review_detail(request: HttpRequest, review_id: UUID) -> dict[str, Any]:
    member = member_of(request)
    review = selectors.review_get(member=member, uuid=review_id)
    if review is None:
        raise Http404
    policy.require(member, "review.read", review)
    return _review_out(review)


# one goal


@router.get("/{goal_id}", response=GoalOut, summary="One goal")
def goal_detail(request: HttpRequest, goal_id: UUID) -> dict[str, Any]:
    _member, goal = _goal(request, goal_id, "goal.read")
    return _goal_out(goal)


@router.patch(
    "/{goal_id}",
    response={200: GoalOut, 409: EditConflictOut},
    summary="Change a goal (send the version you read)",
)
def goal_update(request: HttpRequest, goal_id: UUID, payload: GoalPatch) -> Any:
    member, goal = _goal(request, goal_id, "goal.edit")
    data = payload.model_dump(exclude_unset=True)
    version, why = data.pop("version"), data.pop("why_changed", "")
    if "parent_id" in data:
        data["parent"] = _find(member, "parent_id", "goal", data.pop("parent_id"), Goal)
    if "gas_levels" in data:
        gas = _gas(data.pop("gas_levels") or {})
        data.update({GAS_FIELDS[level + 2]: text for level, text in gas.items()})
    try:
        goal = services.goal_update(actor=member, goal=goal, changes=data, version=version, why=why)
    except services.EditConflict as exc:
        return _conflict(exc)
    return _goal_out(goal)


@router.get(
    "/{goal_id}/history", response=GoalHistoryOut, summary="Every change to a goal and its actions"
)
def goal_history(request: HttpRequest, goal_id: UUID) -> dict[str, Any]:
    _member, goal = _goal(request, goal_id, "goal.read")
    history = selectors.goal_history(goal=goal)
    return {
        "revisions": [_revision_out(r) for r in history.revisions],
        "versions": [
            {
                **{
                    f: getattr(v, f)
                    for f in ("number", "title", "why", "success_measure", "replaced_at")
                },
                "replaced_by": _person(v.replaced_by),
            }
            for v in history.versions
        ],
        "feedback": [_feedback_out(f) for f in history.feedback],
    }


def _feedback_out(f: Any) -> dict[str, Any]:
    return {
        "id": f.uuid,
        "goal_id": f.goal.uuid,
        **{k: getattr(f, k) for k in ("stakeholder", "text", "wording_version", "created_at")},
    }


@router.post(
    "/{goal_id}/feedback",
    response={201: GoalFeedbackOut},
    summary="Record a stakeholder's feedback (freezes the wording)",
)
def goal_feedback(
    request: HttpRequest, goal_id: UUID, payload: GoalFeedbackIn
) -> Status[dict[str, Any]]:
    member, goal = _goal(request, goal_id, "goal.feedback")
    feedback = services.goal_feedback_add(actor=member, goal=goal, **payload.model_dump())
    return Status(201, _feedback_out(feedback))


@router.get("/{goal_id}/actions", response=page_of(GoalActionOut), summary="A goal's actions")
def action_list(request: HttpRequest, goal_id: UUID, page: Query[PageQuery]) -> dict[str, Any]:
    member, goal = _goal(request, goal_id, "goal.read")
    today = services.local_today(member)
    return paginate(selectors.actions_of(goal=goal), page, lambda a: _action_out(a, today))


@router.post("/{goal_id}/actions", response={201: GoalActionOut}, summary="Add an action to a goal")
def action_create(
    request: HttpRequest, goal_id: UUID, payload: GoalActionIn
) -> Status[dict[str, Any]]:
    member, goal = _goal(request, goal_id, "goal.edit")
    data = payload.model_dump()
    data["owner"] = _find(member, "owner_id", "member", data.pop("owner_id"), Membership)
    data["accountability_partner"] = _find(
        member,
        "accountability_partner_id",
        "member",
        data.pop("accountability_partner_id"),
        Membership,
    )
    action = services.action_create(actor=member, goal=goal, **data)
    return Status(201, _action_out(action, services.local_today(member)))
