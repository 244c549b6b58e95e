"""Group and sales coaching in the API: group engagements, the items the caller may read (the
level decides), writing an item, changing its level, commenting on group-shared items, the
group's counts at the threshold; deals (seller, coach, a named sales manager) and the pipeline as
aggregates only."""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.core.outcomes import Dashboard
from trellis.engagements.models import Engagement
from trellis.groups import sales_selectors, sales_services, selectors, services
from trellis.groups.models import Deal, DealChange, GroupComment, GroupItem, Visibility

router = Router(tags=["groups"])
deals_router = Router(tags=["sales"])

UNKNOWN_MEMBER = _("No member of this organization has the id {id}.")
NOT_A_MANAGER = _("{id} manages none of the sellers your pipeline counts.")


# a named enum for the API document (the models' choices are all called `Kind`)
GroupItemKind = StrEnum("GroupItemKind", {v: v for v in GroupItem.Kind.values})  # type: ignore[misc]


class GroupOut(Schema):
    uuid: UUID
    topic: str
    status: str
    started_on: date


class GroupCommentOut(Schema):
    uuid: UUID
    author: str
    text: str
    created_at: datetime


class GroupItemOut(Schema):
    uuid: UUID
    kind: str
    text: str
    visibility: str
    author: str
    mine: bool
    created_at: datetime
    goal: UUID | None = Field(
        None, description="The goal in the author's plan it became (shown to the author only)"
    )
    deleted: bool = Field(
        description="Its author deleted it; kept, without its words, for others' comments"
    )
    comments: list[GroupCommentOut] = Field(description="Only on items shared with the group")


class GroupItemIn(Schema):
    kind: GroupItemKind
    text: str = Field(min_length=1, max_length=2000)
    visibility: Visibility = Visibility.COACH


class GroupGoalOut(Schema):
    goal: UUID = Field(description="The new goal in your plan (GET /api/v1/goals/{goal})")
    title: str


class VisibilityIn(Schema):
    visibility: Visibility


class CommentIn(Schema):
    text: str = Field(min_length=1, max_length=1000)


class PipelineCellOut(Schema):
    key: str
    label: str
    value: float | None = Field(description="None: withheld (fewer than the threshold)")
    people: int | None


class PipelinePanelOut(Schema):
    metric: str
    title: str
    cells: list[PipelineCellOut]


class AggregatesOut(Schema):
    threshold: int
    people: int | None
    panels: list[PipelinePanelOut]


class CoachTimeOut(Schema):
    coach: str
    group_minutes: int = Field(description="Group sessions held (at least one member attended)")
    one_to_one_minutes: int = Field(description="1:1 sessions with the group's members, held")
    missed_minutes: int = Field(
        description="Sessions nobody came to (no-shows, late cancellations)"
    )
    to_come_minutes: int = Field(description="Scheduled, not yet held or not yet logged")


class GroupTotalsOut(AggregatesOut):
    coach_time: list[CoachTimeOut]


class DealIn(Schema):
    engagement: UUID = Field(description="The seller's coaching engagement")
    name: str = Field(min_length=1, max_length=200)
    stage: Deal.Stage = Deal.Stage.QUALIFY
    value: Decimal = Field(Decimal(0), ge=0, max_digits=14, decimal_places=2)
    close_on: date | None = None
    next_step: str = Field("", max_length=300)


class DealChangeIn(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    stage: Deal.Stage | None = None
    value: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    close_on: date | None = None
    next_step: str | None = Field(None, max_length=300)


class DealShareIn(Schema):
    shared_with: str | None = Field(
        None, description="The sales manager's membership id; null: nobody"
    )


class DealChangeOut(Schema):
    at: datetime
    by: str | None = Field(description="Who changed it (None: that person has left)")
    field: str = Field(description="stage, value or close_on")
    before: str = Field(description="Empty when the deal was opened with this value")
    after: str


class PipelineQuery(Schema):
    manager: UUID | None = Field(
        None, description="Only the deals of this manager's sellers (a membership id)"
    )


class DealOut(Schema):
    uuid: UUID
    name: str
    stage: str
    value: Decimal
    close_on: date | None
    next_step: str
    seller: str
    coach: str | None
    shared_with: str | None


def _group(member: Membership, uuid: UUID, action: str) -> Engagement:
    engagement = selectors.group_get(member=member, uuid=str(uuid))
    if engagement is None:
        raise Http404
    policy.require(member, action, engagement)
    return engagement


def _item(engagement: Engagement, uuid: UUID) -> GroupItem:
    item = selectors.item_get(engagement=engagement, uuid=str(uuid))
    if item is None:
        raise Http404
    return item


def group_out(engagement: Engagement) -> dict[str, object]:
    return {
        "uuid": engagement.uuid,
        "topic": engagement.topic,
        "status": engagement.status,
        "started_on": engagement.started_on,
    }


def comment_out(comment: GroupComment) -> dict[str, object]:
    return {
        "uuid": comment.uuid,
        "author": comment.author.user.display_name,
        "text": comment.text,
        "created_at": comment.created_at,
    }


def item_out(item: GroupItem, member: Membership) -> dict[str, object]:
    shared = item.visibility == Visibility.GROUP
    return {
        "uuid": item.uuid,
        "kind": item.kind,
        "text": item.text,
        "visibility": item.visibility,
        "author": item.author.user.display_name,
        "mine": item.author_id == member.pk,
        "created_at": item.created_at,
        "goal": item.goal.uuid if item.goal_id and item.author_id == member.pk else None,  # type: ignore[union-attr]
        "deleted": item.deleted_at is not None,
        "comments": [comment_out(c) for c in item.comments.all()] if shared else [],
    }


def board_out(board: Dashboard) -> dict[str, object]:
    return {
        "threshold": board.threshold,
        "people": board.people,
        "panels": [
            {
                "metric": p.metric.key,
                "title": p.metric.title,
                "cells": [
                    {"key": c.key, "label": c.label, "value": c.value, "people": c.people}
                    for c in p.cells
                ],
            }
            for p in board.panels
        ],
    }


def deal_out(deal: Deal) -> dict[str, object]:
    return {
        "uuid": deal.uuid,
        "name": deal.name,
        "stage": deal.stage,
        "value": deal.value,
        "close_on": deal.close_on,
        "next_step": deal.next_step,
        "seller": deal.seller.user.display_name,
        "coach": deal.coach.user.display_name if deal.coach else None,
        "shared_with": deal.shared_with.user.display_name if deal.shared_with else None,
    }


@router.get("", response=page_of(GroupOut), summary="Group engagements you are in (all: admins)")
def group_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "group.list")
    return paginate(selectors.group_engagements_for(member=member), page, group_out)


@router.get("/{uuid}", response=GroupOut, summary="A group engagement")
def group_detail(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    return group_out(_group(member_of(request), uuid, "group.view"))


@router.get(
    "/{uuid}/items",
    response=page_of(GroupItemOut),
    summary="The group's items you may read: yours, group-shared ones, coach-shared (coaches)",
)
def item_list(request: HttpRequest, uuid: UUID, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    engagement = _group(member, uuid, "group.content.read")
    rows = selectors.items_for(member=member, engagement=engagement)
    return paginate(rows, page, lambda item: item_out(item, member))


@router.post(
    "/{uuid}/items",
    response={201: GroupItemOut},
    summary="Write an item in your group (default: shared with the coach only)",
)
def item_create(
    request: HttpRequest, uuid: UUID, payload: GroupItemIn
) -> Status[dict[str, object]]:
    member = member_of(request)
    engagement = _group(member, uuid, "group.item.write")
    item = services.item_add(
        actor=member,
        engagement=engagement,
        kind=payload.kind,
        text=payload.text,
        visibility=payload.visibility,
    )
    return Status(201, item_out(item, member))


@router.put(
    "/{uuid}/items/{item}/visibility",
    response=GroupItemOut,
    summary="Change who reads your item",
)
def item_visibility(
    request: HttpRequest, uuid: UUID, item: UUID, payload: VisibilityIn
) -> dict[str, object]:
    member = member_of(request)
    engagement = _group(member, uuid, "group.view")
    found = _item(engagement, item)
    policy.require(member, "group.item.edit", found)
    return item_out(
        services.item_change(actor=member, item=found, visibility=payload.visibility), member
    )


@router.post(
    "/{uuid}/items/{item}/comments",
    response={201: GroupCommentOut},
    summary="Comment on an item shared with the group",
)
def comment_create(
    request: HttpRequest, uuid: UUID, item: UUID, payload: CommentIn
) -> Status[dict[str, object]]:
    member = member_of(request)
    engagement = _group(member, uuid, "group.view")
    found = _item(engagement, item)
    policy.require(member, "group.item.read", found)
    policy.require(member, "group.item.comment", found)
    return Status(
        201, comment_out(services.comment_add(actor=member, item=found, text=payload.text))
    )


@router.delete(
    "/{uuid}/items/{item}",
    response={204: None},
    summary="Delete your item (others' comments on it stay under a 'deleted' mark); audited",
)
def item_delete(request: HttpRequest, uuid: UUID, item: UUID) -> Status[None]:
    member = member_of(request)
    engagement = _group(member, uuid, "group.view")
    found = _item(engagement, item)
    policy.require(member, "group.item.read", found)
    services.item_delete(actor=member, item=found)
    return Status(204, None)


@router.delete(
    "/{uuid}/items/{item}/comments/{comment}",
    response={204: None},
    summary="Delete your comment; audited",
)
def comment_delete(request: HttpRequest, uuid: UUID, item: UUID, comment: UUID) -> Status[None]:
    member = member_of(request)
    engagement = _group(member, uuid, "group.view")
    found = _item(engagement, item)
    policy.require(member, "group.item.read", found)
    chosen = selectors.comment_get(item=found, uuid=str(comment))
    if chosen is None:
        raise Http404
    services.comment_delete(actor=member, comment=chosen)
    return Status(204, None)


@router.post(
    "/{uuid}/items/{item}/goal",
    response={201: GroupGoalOut},
    summary="Make your group goal a goal of your own plan (GAS levels, SMART check, actions)",
)
def item_goal(request: HttpRequest, uuid: UUID, item: UUID) -> Status[dict[str, object]]:
    member = member_of(request)
    engagement = _group(member, uuid, "group.view")
    found = _item(engagement, item)
    policy.require(member, "group.item.goal", found)
    goal = services.item_make_goal(actor=member, item=found)
    return Status(201, {"goal": goal.uuid, "title": goal.title})


@router.get(
    "/{uuid}/totals",
    response=GroupTotalsOut,
    summary="The group's counts at the threshold and the coaches' time (coaches, admins)",
)
def group_totals(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    member = member_of(request)
    engagement = _group(member, uuid, "group.aggregates")
    times = selectors.coach_time(engagement=engagement)
    return {
        **board_out(selectors.aggregates(engagement=engagement)),
        "coach_time": [
            {
                "coach": t.coach.user.display_name,
                "group_minutes": int(t.group.total_seconds() // 60),
                "one_to_one_minutes": int(t.one_to_one.total_seconds() // 60),
                "missed_minutes": int(t.missed.total_seconds() // 60),
                "to_come_minutes": int(t.to_come.total_seconds() // 60),
            }
            for t in times
        ],
    }


def _deal(member: Membership, uuid: UUID, action: str) -> Deal:
    deal = sales_selectors.deal_get(member=member, uuid=str(uuid))
    if deal is None:
        raise Http404
    policy.require(member, action, deal)
    return deal


@deals_router.get("", response=page_of(DealOut), summary="Deals you sell, coach or were shown")
def deal_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "deal.list")
    return paginate(sales_selectors.deals_for(member=member), page, deal_out)


@deals_router.get(
    "/pipeline", response=AggregatesOut, summary="Deals and value by stage, at the threshold"
)
def pipeline(request: HttpRequest, query: Query[PipelineQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "pipeline.view")
    manager = None
    if query.manager is not None:
        managers = sales_selectors.pipeline_managers(member=member)
        manager = next((m for m in managers if m.uuid == query.manager), None)
        if manager is None:
            raise ValidationError({"manager": [NOT_A_MANAGER.format(id=query.manager)]})
    return board_out(sales_selectors.pipeline(member=member, manager=manager))


@deals_router.post("", response={201: DealOut}, summary="Add a deal to your coaching engagement")
def deal_create(request: HttpRequest, payload: DealIn) -> Status[dict[str, object]]:
    member = member_of(request)
    engagement = Engagement.objects.filter(org=member.org, uuid=payload.engagement).first()
    if engagement is None:
        raise Http404
    fields = payload.dict(exclude={"engagement"})
    deal = sales_services.deal_create(actor=member, engagement=engagement, **fields)
    return Status(201, deal_out(deal))


@deals_router.get("/{uuid}", response=DealOut, summary="A deal")
def deal_detail(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    return deal_out(_deal(member_of(request), uuid, "deal.read"))


def change_out(change: DealChange) -> dict[str, object]:
    return {
        "at": change.at,
        "by": change.by.user.display_name if change.by else None,
        "field": change.field,
        "before": change.before,
        "after": change.after,
    }


@deals_router.get(
    "/{uuid}/history",
    response=page_of(DealChangeOut),
    summary="Every change of the deal's stage, value or close date, with who and when",
)
def deal_history(request: HttpRequest, uuid: UUID, page: Query[PageQuery]) -> dict[str, object]:
    found = _deal(member_of(request), uuid, "deal.read")
    return paginate(sales_selectors.deal_history(deal=found), page, change_out)


@deals_router.patch("/{uuid}", response=DealOut, summary="Update a deal (seller, coach)")
def deal_change(request: HttpRequest, uuid: UUID, payload: DealChangeIn) -> dict[str, object]:
    member = member_of(request)
    deal = _deal(member, uuid, "deal.edit")
    fields = payload.dict(exclude_unset=True)
    return deal_out(sales_services.deal_update(actor=member, deal=deal, **fields))


@deals_router.put("/{uuid}/share", response=DealOut, summary="Share with a sales manager (seller)")
def deal_share(request: HttpRequest, uuid: UUID, payload: DealShareIn) -> dict[str, object]:
    member = member_of(request)
    deal = _deal(member, uuid, "deal.share")
    manager = None
    if payload.shared_with:
        try:
            manager = Membership.objects.filter(
                org=member.org, uuid=UUID(payload.shared_with), is_active=True
            ).first()
        except ValueError:
            manager = None
        if manager is None:
            raise ValidationError({"shared_with": [UNKNOWN_MEMBER.format(id=payload.shared_with)]})
    return deal_out(sales_services.deal_share(actor=member, deal=deal, manager=manager))
