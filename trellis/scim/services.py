"""SCIM 2.0 (RFC 7643 and 7644) over Trellis's people: a User is a member of the organization
(userName is their email), a Group is a team. Creating a user who already has a Trellis account
elsewhere invites them (as the people import does): their membership is inactive until they accept.
Deactivating a user (active false, or DELETE) is the same offboarding as an admin's."""

import re
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from trellis.accounts.models import AuditEvent, Invitation, Membership, User
from trellis.accounts.services import audit_record, invitation_build, secret_digest
from trellis.privacy import offboarding
from trellis.scim.models import ScimExternalId, ScimToken

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ROLES = ("coachee", "coach", "sponsor", "admin")
DEPROVISIONED = "Deprovisioned by the identity provider (SCIM)"


class ScimError(Exception):
    """An error as RFC 7644 section 3.12 words it: a status, a scimType and a detail."""

    def __init__(self, status: int, detail: str, scim_type: str = "") -> None:
        super().__init__(detail)
        self.status, self.detail, self.scim_type = status, detail, scim_type


def invalid(detail: str) -> ScimError:
    return ScimError(400, detail, "invalidValue")


# tokens


def token_create(*, actor: Membership, name: str) -> tuple[ScimToken, str]:
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ScimToken.objects.create(
            org=actor.org,
            name=name.strip() or "Identity provider",
            prefix=prefix,
            secret_hash=secret_digest(secret),
            created_by=actor,
        )
        audit_record(
            kind=AuditEvent.Kind.TOKEN_CREATED,
            actor=actor.user,
            org=actor.org,
            name=token.name,
            scim=True,
        )
    return token, f"scim_{prefix}_{secret}"


def token_revoke(*, actor: Membership, token: ScimToken) -> None:
    with transaction.atomic():
        ScimToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=timezone.now())
        audit_record(
            kind=AuditEvent.Kind.TOKEN_REVOKED,
            actor=actor.user,
            org=actor.org,
            name=token.name,
            scim=True,
        )


def token_authenticate(*, org_slug: str, header: str) -> ScimToken | None:
    """The live token of this organization that the Authorization header carries, or None."""
    match = re.fullmatch(r"Bearer scim_([0-9a-f]{8})_([\w-]{20,100})", header.strip())
    if match is None:
        return None
    token = (
        ScimToken.objects.select_related("org", "created_by__user", "created_by__org")
        .filter(prefix=match[1], revoked_at=None, org__slug=org_slug)
        .first()
    )
    if token is None or not secrets.compare_digest(token.secret_hash, secret_digest(match[2])):
        return None
    if not token.created_by.is_active or not token.created_by.is_admin:
        return None  # the admin who made it left or is no longer an admin: it stops with them
    ScimToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


# reading a User body


@dataclass
class UserIn:
    email: str
    name: str
    active: bool
    external_id: str | None
    roles: list[str] | None
    user_name: str = ""


def _text(value: Any, where: str, limit: int) -> str:
    if not isinstance(value, str):
        raise invalid(f"{where}: expected a string, found {type(value).__name__}.")
    value = value.strip()
    if "\x00" in value or len(value) > limit:
        raise invalid(f"{where}: expected at most {limit} characters without NUL.")
    return value


EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _email_of(body: dict[str, Any], user_name: str) -> str:
    """The address they sign in with: the primary (else first) of `emails`, else `userName`."""
    emails = body.get("emails")
    if emails is not None and not isinstance(emails, list):
        raise invalid("emails: expected a list of {value, type, primary}.")
    values = []
    for i, item in enumerate(emails or []):
        if not isinstance(item, dict):
            raise invalid(f"emails[{i}]: expected an object with a value.")
        value = _text(item.get("value", ""), f"emails[{i}].value", 254)
        values.append((item.get("primary") is True, value))
    values.sort(key=lambda pair: not pair[0])
    for _, value in values:
        if EMAIL.fullmatch(value):
            return value
    if EMAIL.fullmatch(user_name):
        return user_name
    raise invalid(
        f"emails: expected an email address (Trellis signs people in with one); userName {user_name!r} is not one."
    )


def user_in(body: Any) -> UserIn:
    """A User resource's attributes Trellis keeps, or a ScimError naming the attribute."""
    if not isinstance(body, dict):
        raise invalid("body: expected a JSON object (a SCIM User).")
    user_name = _text(body.get("userName", ""), "userName", 254)
    if not user_name:
        raise invalid("userName: expected the person's user name.")
    email = _email_of(body, user_name)
    name = body.get("displayName")
    given = body.get("name") if isinstance(body.get("name"), dict) else {}
    if not name and given:
        name = given.get("formatted") or " ".join(
            str(p) for p in (given.get("givenName"), given.get("familyName")) if p
        )
    name = _text(name or "", "displayName", 150)
    active = body.get("active", True)
    if not isinstance(active, bool):
        raise invalid(f"active: expected true or false, found {active!r}.")
    external = body.get("externalId")
    external = _text(external, "externalId", 200) if external is not None else None
    roles = None
    if "roles" in body:
        raw = body["roles"]
        if not isinstance(raw, list):
            raise invalid('roles: expected a list of {"value": role}.')
        roles = []
        for i, item in enumerate(raw):
            value = item.get("value") if isinstance(item, dict) else item
            if value not in ROLES:
                raise invalid(
                    f"roles[{i}].value: expected one of {', '.join(ROLES)}, found {value!r}."
                )
            roles.append(value)
    return UserIn(email, name, active, external, roles, user_name)


# users


def _set_identity(member: Membership, data: UserIn) -> None:
    """Keep the identity provider's externalId and userName (unique within the organization)."""
    defaults: dict[str, Any] = {"org": member.org}
    if data.external_id is not None:  # "" forgets it
        clash = ScimExternalId.objects.filter(org=member.org, external_id=data.external_id)
        if data.external_id and clash.exclude(member=member).exists():
            raise ScimError(
                409, f"externalId: {data.external_id!r} already names another user.", "uniqueness"
            )
        defaults["external_id"] = data.external_id
    if data.user_name:
        clash = ScimExternalId.objects.filter(org=member.org, user_name__iexact=data.user_name)
        if clash.exclude(member=member).exists():
            raise ScimError(409, f"userName: {data.user_name!r} is taken.", "uniqueness")
        defaults["user_name"] = (
            "" if data.user_name.lower() == data.email.lower() else data.user_name
        )
    ScimExternalId.objects.update_or_create(member=member, defaults=defaults)


def _set_roles(member: Membership, roles: list[str] | None) -> None:
    if roles is None:
        return
    for role in ROLES:
        setattr(member, f"is_{role}", role in roles)
    if not member.roles:
        member.is_coachee = True


def user_delete(*, token: ScimToken, member: Membership) -> None:
    """DELETE: the admins' deactivation; SCIM then answers 404 for them (the records stay)."""
    user_replace(token=token, member=member, data=UserIn(member.user.email, "", False, None, None))
    ScimExternalId.objects.filter(member=member).update(
        deleted_at=timezone.now(), external_id="", user_name=""
    )


def user_create(*, token: ScimToken, data: UserIn) -> Membership:
    org = token.org
    deleted = Membership.objects.filter(
        org=org, user__email__iexact=data.email, scim__deleted_at__isnull=False
    ).first()
    if deleted is not None:  # created again after a DELETE: the same membership comes back
        ScimExternalId.objects.filter(member=deleted).update(deleted_at=None)
        return user_replace(token=token, member=deleted, data=data)
    with transaction.atomic():
        user = User.objects.filter(email__iexact=data.email).first()
        if user is not None and Membership.objects.filter(org=org, user=user).exists():
            raise ScimError(409, f"userName: {data.email} is already a member.", "uniqueness")
        invite = user is not None  # someone with a Trellis life elsewhere says yes themselves
        if user is None:
            user = User(email=data.email, name=data.name)
            user.set_unusable_password()  # they sign in through SSO or set one by "forgot password"
            user.save()
        member = Membership(org=org, user=user, is_active=data.active and not invite)
        _set_roles(member, data.roles or ["coachee"])
        member.save()
        _set_identity(member, data)
        if invite:
            invitation_build(
                org=org, invited_by=token.created_by.user, email=user.email, roles=member.roles
            )
        audit_record(
            kind=AuditEvent.Kind.MEMBER_ADDED,
            actor=token.created_by.user,
            org=org,
            email=user.email,
            roles=member.roles,
            via="scim",
            invited=invite,
        )
    return member


def user_replace(*, token: ScimToken, member: Membership, data: UserIn) -> Membership:
    with transaction.atomic():
        user = member.user
        if data.email.lower() != user.email.lower():
            if User.objects.filter(email__iexact=data.email).exclude(pk=user.pk).exists():
                raise ScimError(
                    409, f"userName: {data.email} belongs to another account.", "uniqueness"
                )
            user.email = data.email
        if data.name:
            user.name = data.name
        user.save()
        _set_roles(member, data.roles)
        member.save()
        _set_identity(member, data)
    return _set_active(token, member, data.active)


def _set_active(token: ScimToken, member: Membership, active: bool) -> Membership:
    if member.is_active and not active:
        offboarding.member_deactivate(
            actor=token.created_by, member=member, hand_to=None, reason=DEPROVISIONED
        )
    elif active and not member.is_active:
        waiting = Invitation.objects.filter(
            org=member.org, email__iexact=member.user.email, accepted_at=None, revoked_at=None
        ).exists()
        if not waiting:  # an invited person becomes active when they accept, not before
            Membership.objects.filter(pk=member.pk).update(is_active=True)
            member.is_active = True
    return member


def user_patch(*, token: ScimToken, member: Membership, body: Any) -> Membership:
    """PATCH as RFC 7644 3.5.2 says, for the attributes Trellis keeps (what Okta and Entra ID send)."""
    current = user_out(member, base="")
    touched: set[str] = set()
    for i, op in enumerate(_operations(body)):
        kind, path, value = op
        if path is None:
            if not isinstance(value, dict):
                raise invalid(f"Operations[{i}].value: expected an object of attributes.")
            current.update(value)
            touched |= set(value)
        elif kind == "remove" and path == "externalId":
            current[path] = ""  # the identity provider's id is forgotten
            touched.add(path)
        elif kind == "remove":
            current.pop(path, None)
            touched.add(path)
        else:
            current[path] = value
            touched.add(path)
    if (
        "userName" in touched
        and "emails" not in touched
        and EMAIL.fullmatch(str(current.get("userName")))
    ):
        current.pop("emails", None)  # a new address as userName is the new sign-in address
    return user_replace(token=token, member=member, data=user_in(current))


def _operations(body: Any) -> list[tuple[str, str | None, Any]]:
    if not isinstance(body, dict) or not isinstance(body.get("Operations"), list):
        raise invalid("Operations: expected a list of {op, path, value}.")
    found = []
    for i, op in enumerate(body["Operations"]):
        if not isinstance(op, dict) or str(op.get("op", "")).lower() not in (
            "add",
            "replace",
            "remove",
        ):
            raise invalid(f"Operations[{i}].op: expected add, replace or remove.")
        path = op.get("path")
        if path is not None and not isinstance(path, str):
            raise ScimError(400, f"Operations[{i}].path: expected a string.", "invalidPath")
        found.append((str(op["op"]).lower(), path, op.get("value")))
    return found


def user_out(member: Membership, base: str) -> dict[str, Any]:
    user = member.user
    external = getattr(member, "scim", None)
    body: dict[str, Any] = {
        "schemas": [USER_SCHEMA],
        "id": str(member.uuid),
        "userName": (external.user_name if external and external.user_name else user.email),
        "displayName": user.name,
        "name": {"formatted": user.name},
        "emails": [{"value": user.email, "type": "work", "primary": True}],
        "active": member.is_active,
        "roles": [{"value": role} for role in member.roles],
        "meta": {
            "resourceType": "User",
            "created": member.created_at.isoformat(),
            "location": f"{base}/Users/{member.uuid}",
        },
    }
    if external is not None and external.external_id:
        body["externalId"] = external.external_id
    if member.team is not None:
        body["groups"] = [{"value": str(member.team.pk), "display": member.team.name}]
    return body
