"""Career events and trigger rules."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Query, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.scheduling import selectors, services
from trellis.scheduling.api.common import ERROR_NO_MEMBER, event_for, event_out, router, trigger_out
from trellis.scheduling.api.schemas import (
    EventImportIn,
    EventIn,
    EventOut,
    EventSessionIn,
    FiringOut,
    TriggerIO,
    TriggerOut,
)

# career events and trigger rules


@router.get("/events", response=page_of(EventOut), summary="Career events you may see")
def events(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "event.list")
    # The policy reads each event's engagement participants (who may read the title and notes):
    # prefetched with the page, not asked per row.
    rows = selectors.events_visible_to(member=member).prefetch_related(
        "firings", "engagement__participants"
    )
    return paginate(rows, page, lambda e: event_out(e, member))


@router.post("/events", response={201: EventOut}, summary="Log a career event")
def event_log(request: HttpRequest, payload: EventIn) -> Status[dict[str, object]]:
    member = member_of(request)
    policy.require(member, "event.log")
    coachee = (
        Membership.objects.filter(org=member.org, uuid=payload.coachee_id)
        .select_related("user")
        .first()
    )
    if coachee is None:
        raise ValidationError({"coachee_id": ERROR_NO_MEMBER})
    event = services.career_event_log(
        actor=member,
        coachee=coachee,
        type=payload.type,
        date=payload.date,
        title=payload.title,
        notes=payload.notes,
        custom_type=payload.custom_type,
    )
    return Status(201, event_out(event_for(member, event.uuid, "event.view"), member))


@router.post(
    "/events/import",
    response={201: list[EventOut]},
    summary="Import career events from CSV text (admins)",
)
def events_import(request: HttpRequest, payload: EventImportIn) -> Status[list[dict[str, object]]]:
    member = member_of(request)
    policy.require(member, "event.import")
    try:
        made = services.career_events_import(actor=member, data=payload.csv)
    except services.EventImportError as exc:
        raise ValidationError({"csv": exc.errors}) from None
    return Status(201, [event_out(event_for(member, e.uuid, "event.view"), member) for e in made])


@router.get("/events/{event_id}", response=EventOut, summary="One career event")
def event_detail(request: HttpRequest, event_id: UUID) -> dict[str, object]:
    member = member_of(request)
    return event_out(event_for(member, event_id, "event.view"), member)


@router.delete("/events/{event_id}", response={204: None}, summary="Delete a career event")
def event_delete(request: HttpRequest, event_id: UUID) -> Status[None]:
    member = member_of(request)
    services.career_event_delete(actor=member, event=event_for(member, event_id, "event.change"))
    return Status(204, None)


@router.post(
    "/events/{event_id}/sessions",
    response={201: FiringOut},
    summary="Start a focused session about the event (coach, coachee)",
)
def event_session(
    request: HttpRequest, event_id: UUID, payload: EventSessionIn
) -> Status[dict[str, object]]:
    member = member_of(request)
    found = event_for(member, event_id, "event.session.start")
    firing = services.event_session_start(
        actor=member, event=found, framework_key=payload.framework_key, style=payload.style
    )
    return Status(
        201,
        {
            "id": firing.uuid,
            "framework_key": firing.framework_key,
            "by_rule": False,
            "coaching_session_id": firing.coaching_session_uuid,
            "error": firing.error,
        },
    )


@router.get("/triggers", response=page_of(TriggerOut), summary="Trigger rules (admins)")
def triggers(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "trigger.manage")
    return paginate(selectors.trigger_rules(member=member), page, trigger_out)


@router.post("/triggers", response={201: TriggerOut}, summary="Add a trigger rule (admins)")
def trigger_create(request: HttpRequest, payload: TriggerIO) -> Status[dict[str, object]]:
    member = member_of(request)
    policy.require(member, "trigger.manage")
    rule = services.trigger_rule_create(actor=member, **payload.dict())
    return Status(201, trigger_out(rule))


@router.delete(
    "/triggers/{rule_id}", response={204: None}, summary="Remove a trigger rule (admins)"
)
def trigger_delete(request: HttpRequest, rule_id: UUID) -> Status[None]:
    member = member_of(request)
    policy.require(member, "trigger.manage")
    rule = selectors.trigger_rule_get(member=member, uuid=rule_id)
    if rule is None:
        raise Http404
    services.trigger_rule_delete(actor=member, rule=rule)
    return Status(204, None)
