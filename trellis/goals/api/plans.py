"""Plans: your own, and an engagement's."""

from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.goals import selectors, services
from trellis.goals.api.common import COACHEE_ONLY, action_out, person_out, router
from trellis.goals.api.schemas import (
    PlanOut,
)


def _plan_out(plan: selectors.Plan, summary_only: bool, today: date) -> dict[str, Any]:
    attention = plan.attention
    return {
        "coachee": person_out(plan.coachee),
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
        "actions": [action_out(line.action, today) for line in plan.actions],
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
