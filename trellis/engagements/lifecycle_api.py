"""API operations for an engagement's people and life: answer, pause, resume, end, reopen, change
the coach or the sponsor, the history, the agreement and the closing review. Mounted under
`/engagements` beside the operations in api.py. Each one resolves the caller, asks the policy,
then calls one service; a refused change answers 400 with the service's message."""

from datetime import date, datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.engagements import contracts, history, leaving, lifecycle, selectors
from trellis.engagements.models import Agreement, Engagement

router = Router(tags=["engagements"])

NO_MEMBER = _("No member of this organization has that id.")
NO_AGREEMENT = _("This engagement has no agreement yet.")


class ReasonIn(Schema):
    reason: str = Field("", max_length=300)


class EndIn(Schema):
    reason: str = Field(..., max_length=300, description="Why it ends (kept in the history).")
    ended_on: date | None = Field(None, description="Today by default; not in the future.")


class PersonChangeIn(Schema):
    member_id: UUID | None = Field(
        None, description="The new coach or sponsor; null removes the sponsor."
    )
    reason: str = Field("", max_length=300)


class ParticipantOut(Schema):
    id: UUID
    member_id: UUID
    name: str
    role: str
    acceptance: str
    approved_by_coachee: bool | None
    grants_access: bool


class LifecycleOut(Schema):
    id: UUID
    kind: str
    status: str
    topic: str
    started_on: date
    ended_on: date | None
    end_reason: str
    participants: list[ParticipantOut]
    waiting_for_you: list[UUID] = Field(
        ..., description="Places (participant ids) waiting for the caller's answer."
    )


class TransitionOut(Schema):
    id: UUID
    action: str = Field(..., description="What happened, as a code: propose, accept, pause, ...")
    text: str = Field(
        ...,
        description="What happened and whom it names, in the reader's language "
        "(the action's label, then the detail in brackets).",
    )
    from_status: str
    to_status: str
    by: str | None
    at: datetime
    reason: str = Field(
        ...,
        description="Why, as the person typed it; a reason Trellis gave is in the reader's "
        "language, and a leave's reason the reader may not read is `(private)` in it.",
    )
    detail: str = Field(
        ...,
        description="Whom the change names (places, the old and new coach or sponsor, the "
        "rotation's order), in the reader's language.",
    )


class AgreementIn(Schema):
    goals: str = Field(..., max_length=4000)
    length: str = Field(..., max_length=200)
    cadence: str = Field(..., max_length=200)
    sponsor_sees: list[str] = Field(
        default_factory=list,
        description="From: " + ", ".join(Agreement.SPONSOR_ITEMS) + ".",
        max_length=len(Agreement.SPONSOR_ITEMS),
    )
    confidentiality_limits: str = Field(..., max_length=4000)


class PartyOut(Schema):
    member_id: UUID
    name: str
    role: str
    accepted_at: datetime | None


class AgreementOut(Schema):
    id: UUID
    version: int
    goals: str
    length: str
    cadence: str
    sponsor_sees: list[str]
    confidentiality_limits: str
    parties: list[PartyOut]
    in_force_version: int | None


class ClosingReviewIn(Schema):
    what_changed: str = Field("", max_length=4000)
    what_next: str = Field("", max_length=4000)
    scores: dict[UUID, int] = Field(
        default_factory=dict, description="GAS score (-2..+2) per goal id of the engagement."
    )


class ClosingReviewOut(Schema):
    id: UUID
    what_changed: str
    what_next: str
    goal_review_id: UUID | None
    created_at: datetime


def _engagement(request: HttpRequest, engagement_id: UUID, action: str) -> Engagement:
    member = member_of(request)
    engagement = selectors.engagement_get(member=member, uuid=str(engagement_id))
    if engagement is None:
        raise Http404
    policy.require(member, "engagement.view", engagement)
    policy.require(member, action, engagement)
    return engagement


def _out(member: Membership, engagement: Engagement) -> dict[str, object]:
    engagement = selectors.engagement_get(member=member, uuid=str(engagement.uuid)) or engagement
    waiting = selectors.engagement_waiting_for(engagement=engagement, member=member)
    return {
        "id": engagement.uuid,
        "kind": engagement.kind,
        "status": engagement.status,
        "topic": engagement.topic,
        "started_on": engagement.started_on,
        "ended_on": engagement.ended_on,
        "end_reason": history.end_reason_shown(engagement),
        "participants": [
            {
                "id": p.uuid,
                "member_id": p.member.uuid,
                "name": p.member.user.display_name,
                "role": p.role,
                "acceptance": p.acceptance,
                "approved_by_coachee": (
                    p.coachee_approved_at is not None if p.needs_coachee_approval else None
                ),
                "grants_access": p.grants and engagement.grants_access,
            }
            for p in selectors.engagement_people(engagement=engagement)
        ],
        "waiting_for_you": [p.uuid for p in waiting],
    }


def _member(org_member: Membership, member_id: UUID | None) -> Membership | None:
    if member_id is None:
        return None
    found = (
        Membership.objects.filter(org=org_member.org, uuid=member_id).select_related("user").first()
    )
    if found is None:
        raise ValidationError({"member_id": NO_MEMBER})
    return found


@router.get(
    "/{engagement_id}/lifecycle",
    response=LifecycleOut,
    summary="An engagement's participants, their answers and its status",
)
def engagement_lifecycle(request: HttpRequest, engagement_id: UUID) -> dict[str, object]:
    engagement = _engagement(request, engagement_id, "engagement.view")
    return _out(member_of(request), engagement)


@router.post("/{engagement_id}/accept", response=LifecycleOut, summary="Accept your place")
def engagement_accept(request: HttpRequest, engagement_id: UUID) -> dict[str, object]:
    engagement = _engagement(request, engagement_id, "engagement.respond")
    member = member_of(request)
    return _out(member, lifecycle.engagement_accept(actor=member, engagement=engagement))


@router.post("/{engagement_id}/decline", response=LifecycleOut, summary="Decline your place")
def engagement_decline(
    request: HttpRequest, engagement_id: UUID, payload: ReasonIn
) -> dict[str, object]:
    engagement = _engagement(request, engagement_id, "engagement.respond")
    member = member_of(request)
    done = lifecycle.engagement_decline(actor=member, engagement=engagement, reason=payload.reason)
    return _out(member, done)


@router.post("/{engagement_id}/pause", response=LifecycleOut, summary="Pause (coach, coachee)")
def engagement_pause(
    request: HttpRequest, engagement_id: UUID, payload: ReasonIn
) -> dict[str, object]:
    engagement = _engagement(request, engagement_id, "engagement.pause")
    member = member_of(request)
    done = lifecycle.engagement_pause(actor=member, engagement=engagement, reason=payload.reason)
    return _out(member, done)


class LeaveIn(Schema):
    reason: str = Field(
        ...,
        max_length=300,
        description="Why you leave: kept in the history, read only by you and the coaches.",
    )


@router.post(
    "/{engagement_id}/leave",
    response=LifecycleOut,
    summary="Leave your own place (coach, coachee or member, sponsor, observer)",
)
def engagement_leave(
    request: HttpRequest, engagement_id: UUID, payload: LeaveIn
) -> dict[str, object]:
    """The caller leaves their own accepted place. A member of a team, group or peer engagement
    leaves and it goes on for the others; a co-coach, a sponsor or an observer leaves and it goes
    on; the lead coach leaving hands it to a co-coach. The coachee of a one-to-one engagement, or
    its only coach, leaving ends it. Everyone else in it is told by email; the reason is read only
    by the caller and the coaches. A second call is refused (the place is closed)."""
    engagement = _engagement(request, engagement_id, "engagement.leave")
    member = member_of(request)
    done = leaving.engagement_leave(actor=member, engagement=engagement, reason=payload.reason)
    return _out(member, done)


@router.post("/{engagement_id}/resume", response=LifecycleOut, summary="Resume a paused one")
def engagement_resume(
    request: HttpRequest, engagement_id: UUID, payload: ReasonIn
) -> dict[str, object]:
    engagement = _engagement(request, engagement_id, "engagement.resume")
    member = member_of(request)
    done = lifecycle.engagement_resume(actor=member, engagement=engagement, reason=payload.reason)
    return _out(member, done)


@router.post("/{engagement_id}/end", response=LifecycleOut, summary="End (coach, coachee, admin)")
def engagement_end(request: HttpRequest, engagement_id: UUID, payload: EndIn) -> dict[str, object]:
    engagement = _engagement(request, engagement_id, "engagement.end")
    member = member_of(request)
    done = lifecycle.engagement_end(
        actor=member, engagement=engagement, reason=payload.reason, ended_on=payload.ended_on
    )
    return _out(member, done)


@router.post("/{engagement_id}/reopen", response=LifecycleOut, summary="Reopen an ended one")
def engagement_reopen(
    request: HttpRequest, engagement_id: UUID, payload: ReasonIn
) -> dict[str, object]:
    engagement = _engagement(request, engagement_id, "engagement.reopen")
    member = member_of(request)
    done = lifecycle.engagement_reopen(actor=member, engagement=engagement, reason=payload.reason)
    return _out(member, done)


@router.post(
    "/{engagement_id}/coach",
    response=LifecycleOut,
    summary="Hand over to another lead coach (admin, lead coach); the coachee is told",
)
def engagement_coach_change(
    request: HttpRequest, engagement_id: UUID, payload: PersonChangeIn
) -> dict[str, object]:
    engagement = _engagement(request, engagement_id, "engagement.people.change")
    member = member_of(request)
    coach = _member(member, payload.member_id)
    if coach is None:
        raise ValidationError({"member_id": gettext("Name the new lead coach.")})
    lifecycle.engagement_change_coach(
        actor=member, engagement=engagement, coach=coach, reason=payload.reason
    )
    return _out(member, engagement)


@router.post(
    "/{engagement_id}/sponsor",
    response=LifecycleOut,
    summary="Change or remove the sponsor (admin, lead coach); the coachee accepts a new one",
)
def engagement_sponsor_change(
    request: HttpRequest, engagement_id: UUID, payload: PersonChangeIn
) -> dict[str, object]:
    engagement = _engagement(request, engagement_id, "engagement.people.change")
    member = member_of(request)
    lifecycle.engagement_change_sponsor(
        actor=member,
        engagement=engagement,
        sponsor=_member(member, payload.member_id),
        reason=payload.reason,
    )
    return _out(member, engagement)


def _transition(line: history.Line) -> dict[str, object]:
    t = line.transition
    return {
        "id": t.uuid,
        "action": t.action,
        "text": line.text,
        "from_status": t.from_status,
        "to_status": t.to_status,
        "by": t.by.user.display_name if t.by is not None else None,
        "at": t.at,
        "reason": line.reason,
        "detail": line.detail,
    }


@router.get(
    "/{engagement_id}/history",
    response=page_of(TransitionOut),
    summary="Every change: who, when, why, from and to",
)
def engagement_history(
    request: HttpRequest, engagement_id: UUID, page: Query[PageQuery]
) -> dict[str, object]:
    engagement = _engagement(request, engagement_id, "engagement.view")
    member = member_of(request)
    found = paginate(selectors.engagement_history(engagement=engagement), page, lambda t: t)
    found["items"] = [_transition(line) for line in history.lines_for(found["items"], member)]
    return found


# -- agreement -----------------------------------------------------------------------------------


def _agreement_out(engagement: Engagement, agreement: Agreement) -> dict[str, object]:
    in_force = selectors.agreement_in_force(engagement=engagement)
    return {
        "id": agreement.uuid,
        "version": agreement.version,
        "goals": agreement.goals,
        "length": agreement.length,
        "cadence": agreement.cadence,
        "sponsor_sees": agreement.sponsor_sees,
        "confidentiality_limits": agreement.confidentiality_limits,
        "parties": [
            {
                "member_id": party.member.uuid,
                "name": party.member.user.display_name,
                "role": party.role,
                "accepted_at": party.accepted_at,
            }
            for party in selectors.agreement_state(engagement=engagement, agreement=agreement)
        ],
        "in_force_version": in_force.version if in_force is not None else None,
    }


@router.get(
    "/{engagement_id}/agreement",
    response=AgreementOut,
    summary="The latest version of the agreement, and who accepted it",
)
def engagement_agreement_get(request: HttpRequest, engagement_id: UUID) -> dict[str, object]:
    engagement = _engagement(request, engagement_id, "agreement.read")
    agreement = selectors.agreement_latest(engagement=engagement)
    if agreement is None:
        raise Http404(NO_AGREEMENT)
    return _agreement_out(engagement, agreement)


@router.post(
    "/{engagement_id}/agreement",
    response={201: AgreementOut},
    summary="Write a new version of the agreement (lead coach)",
)
def engagement_agreement_write(
    request: HttpRequest, engagement_id: UUID, payload: AgreementIn
) -> Status[dict[str, object]]:
    engagement = _engagement(request, engagement_id, "agreement.write")
    agreement = contracts.agreement_write(
        actor=member_of(request), engagement=engagement, **payload.dict()
    )
    return Status(201, _agreement_out(engagement, agreement))


@router.post(
    "/{engagement_id}/agreement/accept",
    response=AgreementOut,
    summary="Accept the latest version (coachee, sponsor)",
)
def engagement_agreement_accept(request: HttpRequest, engagement_id: UUID) -> dict[str, object]:
    engagement = _engagement(request, engagement_id, "agreement.accept")
    agreement = selectors.agreement_latest(engagement=engagement)
    if agreement is None:
        raise Http404(NO_AGREEMENT)
    contracts.agreement_accept(actor=member_of(request), agreement=agreement)
    return _agreement_out(engagement, agreement)


@router.post(
    "/{engagement_id}/closing-review",
    response={201: ClosingReviewOut},
    summary="The closing review of an ended engagement (coach, coachee)",
)
def engagement_closing_review(
    request: HttpRequest, engagement_id: UUID, payload: ClosingReviewIn
) -> Status[dict[str, object]]:
    engagement = _engagement(request, engagement_id, "engagement.closing_review")
    review = contracts.closing_review_record(
        actor=member_of(request),
        engagement=engagement,
        what_changed=payload.what_changed,
        what_next=payload.what_next,
        scores={str(k): v for k, v in payload.scores.items()},
    )
    return Status(
        201,
        {
            "id": review.uuid,
            "what_changed": review.what_changed,
            "what_next": review.what_next,
            "goal_review_id": review.goal_review_uuid,
            "created_at": review.created_at,
        },
    )
