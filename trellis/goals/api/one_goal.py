"""One goal: read, edit, history, stakeholder feedback and its actions."""

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Query, Status

from trellis.accounts.models import Membership
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.goals import selectors, services
from trellis.goals.api.common import (
    action_out,
    conflict_answer,
    find_in_org,
    gas_levels_of,
    goal_for,
    goal_out,
    person_out,
    revision_out,
    router,
)
from trellis.goals.api.schemas import (
    EditConflictOut,
    GoalActionIn,
    GoalActionOut,
    GoalFeedbackIn,
    GoalFeedbackOut,
    GoalHistoryOut,
    GoalOut,
    GoalPatch,
)
from trellis.goals.models import GAS_FIELDS, Goal

# one goal


@router.get("/{goal_id}", response=GoalOut, summary="One goal")
def goal_detail(request: HttpRequest, goal_id: UUID) -> dict[str, Any]:
    _member, goal = goal_for(request, goal_id, "goal.read")
    return goal_out(goal)


@router.patch(
    "/{goal_id}",
    response={200: GoalOut, 409: EditConflictOut},
    summary="Change a goal (send the version you read)",
)
def goal_update(request: HttpRequest, goal_id: UUID, payload: GoalPatch) -> Any:
    member, goal = goal_for(request, goal_id, "goal.edit")
    data = payload.model_dump(exclude_unset=True)
    version, why = data.pop("version"), data.pop("why_changed", "")
    if "parent_id" in data:
        data["parent"] = find_in_org(member, "parent_id", "goal", data.pop("parent_id"), Goal)
    if "gas_levels" in data:
        gas = gas_levels_of(data.pop("gas_levels") or {})
        data.update({GAS_FIELDS[level + 2]: text for level, text in gas.items()})
    try:
        goal = services.goal_update(actor=member, goal=goal, changes=data, version=version, why=why)
    except services.EditConflict as exc:
        return conflict_answer(exc)
    return goal_out(goal)


@router.get(
    "/{goal_id}/history", response=GoalHistoryOut, summary="Every change to a goal and its actions"
)
def goal_history(request: HttpRequest, goal_id: UUID) -> dict[str, Any]:
    _member, goal = goal_for(request, goal_id, "goal.read")
    history = selectors.goal_history(goal=goal)
    return {
        "revisions": [revision_out(r) for r in history.revisions],
        "versions": [
            {
                **{
                    f: getattr(v, f)
                    for f in ("number", "title", "why", "success_measure", "replaced_at")
                },
                "replaced_by": person_out(v.replaced_by),
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
    member, goal = goal_for(request, goal_id, "goal.feedback")
    feedback = services.goal_feedback_add(actor=member, goal=goal, **payload.model_dump())
    return Status(201, _feedback_out(feedback))


@router.get("/{goal_id}/actions", response=page_of(GoalActionOut), summary="A goal's actions")
def action_list(request: HttpRequest, goal_id: UUID, page: Query[PageQuery]) -> dict[str, Any]:
    member, goal = goal_for(request, goal_id, "goal.read")
    today = services.local_today(member)
    return paginate(selectors.actions_of(goal=goal), page, lambda a: action_out(a, today))


@router.post("/{goal_id}/actions", response={201: GoalActionOut}, summary="Add an action to a goal")
def action_create(
    request: HttpRequest, goal_id: UUID, payload: GoalActionIn
) -> Status[dict[str, Any]]:
    member, goal = goal_for(request, goal_id, "goal.edit")
    data = payload.model_dump()
    data["owner"] = find_in_org(member, "owner_id", "member", data.pop("owner_id"), Membership)
    data["accountability_partner"] = find_in_org(
        member,
        "accountability_partner_id",
        "member",
        data.pop("accountability_partner_id"),
        Membership,
    )
    action = services.action_create(actor=member, goal=goal, **data)
    return Status(201, action_out(action, services.local_today(member)))
