"""Goals: the list, setting one, and the SMART check."""

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext as _
from ninja import Query, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership, Team
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.api.problems import CONTENT_TYPE
from trellis.core.goals import smart_check as run_smart_check
from trellis.engagements.models import Engagement
from trellis.goals import selectors, services
from trellis.goals.api.common import NO_SUCH, find_in_org, gas_levels_of, goal_out, router
from trellis.goals.api.schemas import GoalIn, GoalOut, SmartCheckIn, SmartFindingOut
from trellis.goals.models import Goal
from trellis.insights.selectors import writes_english

# The check's lexicon (core's smart.toml) is English: it stays off for other languages (the goal
# form's note says the same).
SMART_ENGLISH_ONLY = gettext_noop(
    "The SMART check reads English only: it stays off while you use Trellis in another language, "
    "until it has word lists for it."
)

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
    return paginate(goals, page, goal_out)


@router.post("", response={201: GoalOut}, summary="Set a goal")
def goal_create(request: HttpRequest, payload: GoalIn) -> Status[dict[str, Any]]:
    member = member_of(request)
    policy.require(member, "goal.write")
    engagement = find_in_org(
        member, "engagement_id", "engagement", payload.engagement_id, Engagement
    )
    owner = find_in_org(member, "coachee_id", "member", payload.coachee_id, Membership)
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
                {"engagement_id": _("Set a goal for someone else within their engagement.")}
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
        parent=find_in_org(member, "parent_id", "goal", payload.parent_id, Goal),
        title=payload.title,
        why=payload.why,
        success_measure=payload.success_measure,
        due_text=payload.due_text,
        due_date=payload.due_date,
        weight=payload.weight,
        visibility=payload.visibility,
        gas_levels=gas_levels_of(payload.gas_levels),
    )
    return Status(201, goal_out(goal))


@router.post(
    "/smart-check",
    response=list[SmartFindingOut],
    summary="SMART check of a goal's wording",
    description=(
        "The check reads English words only: for a member who uses Trellis in another language "
        "(their language setting, else the request's `Accept-Language`) it stays off and answers "
        "400, a problem whose `title` error says the check reads English only."
    ),
    openapi_extra={
        "responses": {
            400: {
                "description": "The SMART check reads English only, and the member uses Trellis "
                "in another language; or the service refused a value.",
                "content": {CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
            }
        }
    },
)
def goal_smart_check(request: HttpRequest, payload: SmartCheckIn) -> list[dict[str, Any]]:
    member = member_of(request)
    policy.require(member, "goal.write")
    if not writes_english(member=member):
        raise ValidationError({"title": gettext(SMART_ENGLISH_ONLY)})
    findings = run_smart_check(
        payload.title,
        payload.success_measure,
        payload.due_text,
        today=services.local_today(member),
        coachee_controls=payload.within_control,
    )
    return [vars(f) for f in findings]
