"""API operations for team, group and peer engagements: propose each kind, invite one more person,
read and change the peers' rotation. Mounted under `/engagements` beside api.py and lifecycle_api.py.
Each answers 400 naming the field (`team`, `coachee_ids`, `peer_ids`, `order`, ...) when refused."""

from collections.abc import Callable
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership, Team
from trellis.engagements import kinds, lifecycle_api
from trellis.engagements.lifecycle_api import LifecycleOut
from trellis.engagements.models import Engagement

router = Router(tags=["engagements"])

NO_TEAM = _("No team of this organization is called {name!r}.")


class CoachesIn(Schema):
    coach_id: UUID = Field(..., description="The lead coach (a coach proposes themselves).")
    co_coach_ids: list[UUID] = Field(default_factory=list, max_length=20)
    sponsor_id: UUID | None = None
    topic: str = Field("", max_length=200)


class TeamEngagementIn(CoachesIn):
    team: str = Field(..., min_length=1, max_length=120, description="The team's name.")
    with_leader: bool = Field(
        True, description="Also ask the team's leader (the manager its members report to)."
    )


class GroupEngagementIn(CoachesIn):
    coachee_ids: list[UUID] = Field(..., min_length=1, max_length=500)


class PeerEngagementIn(Schema):
    coach_id: UUID = Field(..., description="The facilitator, a coach.")
    peer_ids: list[UUID] = Field(
        ..., min_length=1, max_length=100, description="The peers, in rotation order."
    )
    topic: str = Field("", max_length=200)


class InviteIn(Schema):
    member_id: UUID


class RotationIn(Schema):
    order: list[UUID] = Field(
        ...,
        min_length=1,
        max_length=100,
        description="Every accepted peer once: each coaches the next.",
    )


class PeerRef(Schema):
    id: UUID
    name: str


class RotationOut(Schema):
    order: list[PeerRef]
    turn: int = Field(..., description="The number of the next peer session.")
    next_coach: PeerRef | None
    next_coachee: PeerRef | None
    next_observers: list[PeerRef] = Field(
        default_factory=list, description="The circle's other peers, who observe the next session."
    )


def _one(org_member: Membership, value: UUID | None, field: str) -> Membership | None:
    if value is None:
        return None
    return kinds.members_by_id(org_id=org_member.org_id, ids=[value], field=field)[0]


def _coaches(member: Membership, payload: CoachesIn) -> dict[str, object]:
    return {
        "coach": _one(member, payload.coach_id, "coach_id"),
        "co_coaches": kinds.members_by_id(
            org_id=member.org_id, ids=payload.co_coach_ids, field="co_coach_ids"
        ),
        "sponsor": _one(member, payload.sponsor_id, "sponsor_id"),
        "topic": payload.topic,
    }


def _named(exc: ValidationError, names: dict[str, str]) -> ValidationError:
    """The service's field names as the API's (coach -> coach_id, ...)."""
    return ValidationError({names.get(k, k): v for k, v in exc.message_dict.items()})


API_NAMES = {"coach": "coach_id", "co_coaches": "co_coach_ids", "sponsor": "sponsor_id"}


def _propose(
    request: HttpRequest,
    propose: Callable[[Membership], Engagement],
    names: dict[str, str],
) -> Status[dict[str, object]]:
    """The one way the three kinds are proposed: the caller may create engagements, the people
    are looked up in the caller's organization (inside `propose`), the service's refusals come
    back under the API's field names, and the engagement answers 201 as its lifecycle."""
    member = member_of(request)
    policy.require(member, "engagement.create")
    try:
        engagement = propose(member)
    except ValidationError as exc:
        raise _named(exc, API_NAMES | names) from exc
    return Status(201, lifecycle_api._out(member, engagement))


@router.post(
    "/team",
    response={201: LifecycleOut},
    summary="Propose team coaching: a team's members and leader, each accepting",
)
def engagement_propose_team(
    request: HttpRequest, payload: TeamEngagementIn
) -> Status[dict[str, object]]:
    def propose(member: Membership) -> Engagement:
        team = Team.objects.filter(org=member.org, name=payload.team.strip()).first()
        if team is None:
            raise ValidationError({"team": NO_TEAM.format(name=payload.team)})
        return kinds.engagement_propose_team(
            actor=member,
            team=team,
            with_leader=payload.with_leader,
            **_coaches(member, payload),  # type: ignore[arg-type]
        )

    return _propose(request, propose, {})


@router.post(
    "/group",
    response={201: LifecycleOut},
    summary="Propose group coaching: people from anywhere, each accepting",
)
def engagement_propose_group(
    request: HttpRequest, payload: GroupEngagementIn
) -> Status[dict[str, object]]:
    def propose(member: Membership) -> Engagement:
        coachees = kinds.members_by_id(
            org_id=member.org_id, ids=payload.coachee_ids, field="coachee_ids"
        )
        return kinds.engagement_propose_group(
            actor=member,
            coachees=coachees,
            **_coaches(member, payload),  # type: ignore[arg-type]
        )

    return _propose(request, propose, {"coachees": "coachee_ids"})


@router.post(
    "/peer",
    response={201: LifecycleOut},
    summary="Propose a peer-coaching circle: the peers coach each other in turn",
)
def engagement_propose_peer(
    request: HttpRequest, payload: PeerEngagementIn
) -> Status[dict[str, object]]:
    def propose(member: Membership) -> Engagement:
        peers = kinds.members_by_id(org_id=member.org_id, ids=payload.peer_ids, field="peer_ids")
        coach = _one(member, payload.coach_id, "coach_id")
        assert coach is not None
        return kinds.engagement_propose_peer(
            actor=member, coach=coach, peers=peers, topic=payload.topic
        )

    return _propose(request, propose, {"peers": "peer_ids", "coachees": "peer_ids"})


@router.post(
    "/{engagement_id}/invite",
    response=LifecycleOut,
    summary="Invite one more person to a team, group or peer engagement (a proposed place)",
)
def engagement_invite(
    request: HttpRequest, engagement_id: UUID, payload: InviteIn
) -> dict[str, object]:
    engagement = lifecycle_api._engagement(request, engagement_id, "engagement.people.change")
    member = member_of(request)
    person = _one(member, payload.member_id, "member_id")
    assert person is not None
    try:
        kinds.engagement_invite(actor=member, engagement=engagement, member=person)
    except ValidationError as exc:
        raise _named(exc, {"member": "member_id"}) from exc
    return lifecycle_api._out(member, engagement)


def _rotation_out(engagement: Engagement) -> dict[str, object]:
    def ref(m: Membership | None) -> dict[str, object] | None:
        return None if m is None else {"id": m.uuid, "name": m.user.display_name}

    turn = kinds.rotation_turn(engagement)
    return {
        "order": [ref(m) for m in kinds.rotation_peers(engagement)],
        "turn": turn.number if turn else engagement.rotation_turn + 1,
        "next_coach": ref(turn.coach) if turn else None,
        "next_coachee": ref(turn.coachee) if turn else None,
        "next_observers": [ref(m) for m in turn.observers] if turn else [],
    }


@router.get(
    "/{engagement_id}/rotation",
    response=RotationOut,
    summary="A peer engagement's rotation: who coaches whom next",
)
def engagement_rotation(request: HttpRequest, engagement_id: UUID) -> dict[str, object]:
    engagement = lifecycle_api._engagement(request, engagement_id, "engagement.view")
    if engagement.kind != Engagement.Kind.PEER:
        raise ValidationError({"engagement_id": kinds.NOT_PEER_KIND})
    return _rotation_out(engagement)


@router.post(
    "/{engagement_id}/rotation",
    response=RotationOut,
    summary="Change a peer engagement's rotation (its coaches and accepted peers)",
)
def engagement_rotation_set(
    request: HttpRequest, engagement_id: UUID, payload: RotationIn
) -> dict[str, object]:
    engagement = lifecycle_api._engagement(request, engagement_id, "engagement.rotation.change")
    member = member_of(request)
    order = kinds.members_by_id(org_id=member.org_id, ids=payload.order, field="order")
    engagement = kinds.rotation_set(actor=member, engagement=engagement, order=order)
    return _rotation_out(engagement)
