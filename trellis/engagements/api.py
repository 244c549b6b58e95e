from datetime import date
from uuid import UUID

from django.http import Http404, HttpRequest
from django.utils.translation import gettext
from ninja import Query, Router, Schema, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.engagements import selectors, services
from trellis.engagements.models import Engagement
from trellis.engagements.people_api import PersonRef, _person

router = Router(tags=["engagements"])


class PlaceOut(Schema):
    """One person's place: their role and their own answer (a place grants only once accepted)."""

    member_id: UUID
    name: str
    role: str
    acceptance: str


class EngagementOut(Schema):
    id: UUID
    kind: str
    status: str
    topic: str
    started_on: date
    coach: PersonRef
    coachee: PersonRef
    sponsor: PersonRef | None
    participants: list[PlaceOut]


class EngagementIn(Schema):
    coach_id: UUID
    coachee_id: UUID
    sponsor_id: UUID | None = None
    topic: str = ""


def _out(e: Engagement) -> dict[str, object]:
    return {
        "id": e.uuid,
        "kind": e.kind,
        "status": e.status,
        "topic": e.topic,
        "started_on": e.started_on,
        "coach": _person(e.coach),
        "coachee": _person(e.coachee),
        "sponsor": _person(e.sponsor),
        "participants": [
            {
                "member_id": p.member.uuid,
                "name": p.member.user.display_name,
                "role": p.role,
                "acceptance": p.acceptance,
            }
            for p in e.participant_list()
            if p.left_at is None
        ],
    }


@router.get("", response=page_of(EngagementOut), summary="Engagements you may see")
def engagement_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "engagement.list")
    return paginate(selectors.engagements_visible_to(member=member), page, _out)


@router.post("", response={201: EngagementOut}, summary="Open a 1:1 engagement (admins, coaches)")
def engagement_create(request: HttpRequest, payload: EngagementIn) -> Status[dict[str, object]]:
    member = member_of(request)
    policy.require(member, "engagement.create")
    people = {
        m.uuid: m
        for m in Membership.objects.filter(
            org=member.org, uuid__in=[payload.coach_id, payload.coachee_id, payload.sponsor_id]
        ).select_related("user")
    }
    missing = {
        field: gettext("No member of this organization has that id.")
        for field, value in (
            ("coach_id", payload.coach_id),
            ("coachee_id", payload.coachee_id),
            ("sponsor_id", payload.sponsor_id),
        )
        if value is not None and value not in people
    }
    if missing:
        raise services.ValidationError(missing)
    engagement = services.engagement_create(
        actor=member,
        coach=people[payload.coach_id],
        coachee=people[payload.coachee_id],
        sponsor=people.get(payload.sponsor_id) if payload.sponsor_id else None,
        topic=payload.topic,
    )
    return Status(201, _out(engagement))


@router.get("/{engagement_id}", response=EngagementOut, summary="One engagement")
def engagement_detail(request: HttpRequest, engagement_id: UUID) -> dict[str, object]:
    member = member_of(request)
    engagement = selectors.engagement_get(member=member, uuid=str(engagement_id))
    if engagement is None:
        raise Http404
    policy.require(member, "engagement.view", engagement)
    return _out(engagement)
