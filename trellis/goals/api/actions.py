"""Actions, their check-ins and history (declared before /{goal_id} so that the paths do not collide)."""

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Query, Status

from trellis.accounts.models import Membership
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.goals import selectors, services
from trellis.goals.api.common import (
    action_for,
    action_out,
    check_in_out,
    conflict_answer,
    find_in_org,
    revision_out,
    router,
)
from trellis.goals.api.schemas import (
    EditConflictOut,
    GoalActionOut,
    GoalActionPatch,
    GoalCheckInIn,
    GoalCheckInOut,
    GoalRevisionOut,
)

# actions (declared before /{goal_id} so that the paths do not collide)


@router.get("/actions/{action_id}", response=GoalActionOut, summary="One action")
def action_detail(request: HttpRequest, action_id: UUID) -> dict[str, Any]:
    member, action = action_for(request, action_id, "action.read")
    return action_out(action, services.local_today(member))


@router.patch(
    "/actions/{action_id}",
    response={200: GoalActionOut, 409: EditConflictOut},
    summary="Change an action (send the version you read)",
)
def action_update(request: HttpRequest, action_id: UUID, payload: GoalActionPatch) -> Any:
    member, action = action_for(request, action_id, "action.edit")
    data = payload.model_dump(exclude_unset=True)
    version, why = data.pop("version"), data.pop("why_changed", "")
    if "owner_id" in data:
        data["owner"] = find_in_org(member, "owner_id", "member", data.pop("owner_id"), Membership)
    if "accountability_partner_id" in data:
        data["accountability_partner"] = find_in_org(
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
        return conflict_answer(exc)
    return action_out(action, services.local_today(member))


@router.get(
    "/actions/{action_id}/check-ins",
    response=page_of(GoalCheckInOut),
    summary="An action's check-ins",
)
def check_in_list(request: HttpRequest, action_id: UUID, page: Query[PageQuery]) -> dict[str, Any]:
    _member, action = action_for(request, action_id, "action.read")
    return paginate(selectors.check_ins_of(action=action), page, check_in_out)


@router.post(
    "/actions/{action_id}/check-ins",
    response={201: GoalCheckInOut},
    summary="Report progress on an action (its owner or the coachee)",
)
def check_in_create(
    request: HttpRequest, action_id: UUID, payload: GoalCheckInIn
) -> Status[dict[str, Any]]:
    member, action = action_for(request, action_id, "action.check_in")
    check_in = services.check_in_record(actor=member, action=action, **payload.model_dump())
    return Status(201, check_in_out(check_in))


@router.get(
    "/actions/{action_id}/history",
    response=page_of(GoalRevisionOut),
    summary="Every change to an action",
)
def action_history(request: HttpRequest, action_id: UUID, page: Query[PageQuery]) -> dict[str, Any]:
    _member, action = action_for(request, action_id, "action.read")
    return paginate(selectors.action_history(action=action), page, revision_out)
