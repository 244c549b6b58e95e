from datetime import datetime
from uuid import UUID

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status

from trellis.accounts import policy, selectors, services
from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership
from trellis.api.pagination import PageQuery, page_of, paginate

router = Router(tags=["organization"])


class OrgOut(Schema):
    slug: str
    name: str
    require_mfa: bool


class MeOut(Schema):
    email: str
    name: str
    time_zone: str
    org: OrgOut
    roles: list[str]


class PersonOut(Schema):
    id: UUID
    email: str
    name: str
    roles: list[str]
    team: str | None
    manager_email: str | None


class InvitationIn(Schema):
    email: str
    roles: list[str]


class InvitationOut(Schema):
    id: UUID
    email: str
    roles: list[str]
    expires_at: datetime


class AuditEventOut(Schema):
    kind: str
    actor: str | None
    at: datetime
    detail: dict[str, object]


class TokenOut(Schema):
    id: UUID
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked: bool


@router.get("/me", response=MeOut, summary="Who the token speaks for")
def me(request: HttpRequest) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "org.view")
    user = member.user
    return {
        "email": user.email,
        "name": user.name,
        "time_zone": user.time_zone,
        "org": member.org,
        "roles": member.roles,
    }


def _person_out(p: Membership) -> dict[str, object]:
    return {
        "id": p.uuid,
        "email": p.user.email,
        "name": p.user.name,
        "roles": p.roles,
        "team": p.team.name if p.team else None,
        "manager_email": p.manager.user.email if p.manager else None,
    }


@router.get("/people", response=page_of(PersonOut), summary="People of the organization (admins)")
def people(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "people.list")
    return paginate(selectors.org_people(org=member.org), page, _person_out)


@router.get("/invitations", response=page_of(InvitationOut), summary="Pending invitations (admins)")
def invitations(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "invitation.manage")
    return paginate(
        selectors.invitations_pending(org=member.org),
        page,
        lambda i: {"id": i.uuid, "email": i.email, "roles": i.roles, "expires_at": i.expires_at},
    )


@router.post(
    "/invitations", response={201: InvitationOut}, summary="Invite someone by email (admins)"
)
def invitation_create(request: HttpRequest, payload: InvitationIn) -> Status[dict[str, object]]:
    member = member_of(request)
    policy.require(member, "invitation.manage")
    invitation, _ = services.invitation_create(
        actor=member, email=payload.email, roles=payload.roles
    )
    return Status(
        201,
        {
            "id": invitation.uuid,
            "email": invitation.email,
            "roles": invitation.roles,
            "expires_at": invitation.expires_at,
        },
    )


@router.delete(
    "/invitations/{invitation_id}", response={204: None}, summary="Withdraw an invitation (admins)"
)
def invitation_revoke(request: HttpRequest, invitation_id: UUID) -> Status[None]:
    member = member_of(request)
    policy.require(member, "invitation.manage")
    invitation = selectors.invitation_get(org=member.org, uuid=str(invitation_id))
    if invitation is None:
        raise Http404
    services.invitation_revoke(actor=member, invitation=invitation)
    return Status(204, None)


@router.get(
    "/audit", response=page_of(AuditEventOut), summary="Security audit log, newest first (admins)"
)
def audit(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "audit.read")
    return paginate(
        selectors.audit_events(org=member.org, limit=None),
        page,
        lambda e: {
            "kind": e.kind,
            "actor": e.actor.email if e.actor else None,
            "at": e.created_at,
            "detail": e.detail,
        },
    )


@router.get("/tokens", response=page_of(TokenOut), summary="Your API tokens in this organization")
def tokens(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "token.list")
    return paginate(
        selectors.tokens_of(member=member),
        page,
        lambda t: {
            "id": t.uuid,
            "name": t.name,
            "prefix": t.prefix,
            "created_at": t.created_at,
            "last_used_at": t.last_used_at,
            "revoked": t.revoked_at is not None,
        },
    )


@router.delete("/tokens/{token_id}", response={204: None}, summary="Revoke one of your API tokens")
def token_revoke(request: HttpRequest, token_id: UUID) -> Status[None]:
    member = member_of(request)
    token = selectors.token_get(member=member, uuid=str(token_id))
    if token is None:
        raise Http404
    policy.require(member, "token.revoke", token)
    services.api_token_revoke(member=member, token=token)
    return Status(204, None)
