"""Plan reviews with GAS scores."""

from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest
from ninja import Query, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.engagements.models import Engagement
from trellis.goals import selectors, services
from trellis.goals.api.common import conflict_answer, find_in_org, gas_levels_of, review_out, router
from trellis.goals.api.schemas import EditConflictOut, GoalReviewIn, GoalReviewOut
from trellis.goals.models import GAS_FIELDS, Action, Goal

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
    return paginate(reviews, page, review_out)


@router.post(
    "/reviews", response={201: GoalReviewOut, 409: EditConflictOut}, summary="Review a plan"
)
def review_create(request: HttpRequest, payload: GoalReviewIn) -> Any:
    member = member_of(request)
    engagement = find_in_org(
        member, "engagement_id", "engagement", payload.engagement_id, Engagement
    )
    if engagement is not None:
        policy.require(member, "plan.content.read", engagement)
        coachee = engagement.coachee
    else:
        policy.require(member, "plan.mine")
        coachee = member
    goals = []
    for i, d in enumerate(payload.goals):
        goal = find_in_org(member, f"goals.{i}.goal_id", "goal", d.goal_id, Goal)
        changes = dict(d.changes)
        if "gas_levels" in changes:
            gas = gas_levels_of(changes.pop("gas_levels"), f"goals.{i}.changes")
            changes.update({GAS_FIELDS[level + 2]: text for level, text in gas.items()})
        goals.append(services.GoalDecision(goal, d.score, d.decision, changes, d.why, d.version))
    actions = []
    for i, a in enumerate(payload.actions):
        action = find_in_org(member, f"actions.{i}.action_id", "action", a.action_id, Action)
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
        return conflict_answer(exc)
    found = selectors.review_get(member=member, uuid=review.uuid)
    assert found is not None
    return Status(201, review_out(found))


@router.get(
    "/reviews/{review_id}", response=GoalReviewOut, summary="One review with its GAS scores"
)
def review_detail(request: HttpRequest, review_id: UUID) -> dict[str, Any]:
    member = member_of(request)
    review = selectors.review_get(member=member, uuid=review_id)
    if review is None:
        raise Http404
    policy.require(member, "review.read", review)
    return review_out(review)
