"""Writes for organizations, memberships, invitations, API tokens and the audit log."""

import hashlib
import re
import secrets
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from trellis.accounts.language import in_language_of
from trellis.accounts.models import (
    ROLE_KEYS,
    ApiToken,
    AuditEvent,
    Invitation,
    Membership,
    Organization,
    Team,
    User,
)
from trellis.core.datafiles import shown_lines
from trellis.core.people_csv import PersonRow, parse_people_csv

INVITATION_NOT_FOUND = gettext_noop(
    "This invitation link is not valid. Ask your administrator for a new one."
)
INVITATION_EXPIRED = gettext_noop(
    "This invitation has expired. Ask your administrator to send a new one."
)
INVITATION_USED = gettext_noop("This invitation has already been used.")
INVITATION_REVOKED = gettext_noop("This invitation was withdrawn by your administrator.")
INVITATION_WRONG_EMAIL = _("This invitation was sent to {invited}; you are signed in as {current}.")
ROLES_REQUIRED = gettext_noop("Choose at least one role.")
UNKNOWN_ROLE = _("Unknown role {role!r}: expected one of admin, coach, coachee, sponsor.")
LAST_ADMIN = gettext_noop(
    "An organization needs at least one admin: give another member the admin role first."
)
TOKEN_PREFIX = "trl"


def secret_digest(secret: str) -> str:
    """The stored fingerprint of a token or invitation secret (the secret itself is never kept)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def clean_roles(roles: list[str] | tuple[str, ...]) -> list[str]:
    cleaned = []
    for role in roles:
        role = role.strip().lower()
        if role == "owner":  # "owner/admin" in the brief: one role here
            role = "admin"
        if role not in ROLE_KEYS:
            raise ValidationError(UNKNOWN_ROLE.format(role=role))
        if role not in cleaned:
            cleaned.append(role)
    if not cleaned:
        raise ValidationError(gettext(ROLES_REQUIRED))
    return cleaned


def audit_record(
    *,
    kind: str,
    actor: User | None = None,
    org: Organization | None = None,
    ip_address: str | None = None,
    **detail: Any,
) -> AuditEvent:
    return AuditEvent.objects.create(
        kind=kind, actor=actor, org=org, ip_address=ip_address, detail=detail
    )


def unique_org_slug(name: str) -> str:
    base = slugify(name)[:50] or "org"
    slug, n = base, 1
    while Organization.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def organization_create(
    *,
    name: str,
    owner: User,
    slug: str = "",
    personal: bool = False,
    owner_roles: list[str] | None = None,
) -> Organization:
    with transaction.atomic():
        org = Organization(name=name, slug=slug or unique_org_slug(name), is_personal=personal)
        org.full_clean()
        org.save()
        roles = owner_roles or ["admin"]
        Membership.objects.create(
            org=org, user=owner, **{f"is_{r}": True for r in clean_roles(roles)}
        )
    return org


def personal_organization_create(*, user: User) -> Organization:
    """An independent coach gets an organization of their own on sign-up."""
    name = f"{user.display_name}'s coaching practice"
    return organization_create(name=name, owner=user, personal=True, owner_roles=["admin", "coach"])


def organization_create_with_admin(
    *, name: str, admin_email: str, admin_name: str = "", slug: str = ""
) -> tuple[Organization, User]:
    """`trellis create-org`: an organization and its first admin, whose email counts as verified.

    A new admin has no password yet: they set one through a password-reset link.
    """
    from allauth.account.models import EmailAddress

    email = User.objects.normalize_email(admin_email.strip())
    with transaction.atomic(durable=True):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User(email=email, name=admin_name.strip())
            user.set_unusable_password()
            user.full_clean()
            user.save()
        EmailAddress.objects.update_or_create(
            user=user,
            email__iexact=email,
            defaults={"email": email, "verified": True, "primary": True},
        )
        org = organization_create(name=name.strip(), owner=user, slug=slug, owner_roles=["admin"])
    return org, user


def membership_set_roles(*, actor: Membership, member: Membership, roles: list[str]) -> Membership:
    new_roles = clean_roles(roles)
    with transaction.atomic(durable=True):
        member = Membership.objects.select_for_update().get(pk=member.pk)
        old_roles = member.roles
        if "admin" in old_roles and "admin" not in new_roles:
            others = Membership.objects.filter(org=member.org, is_admin=True, is_active=True)
            if not others.exclude(pk=member.pk).exists():
                raise ValidationError(gettext(LAST_ADMIN))
        for role in ROLE_KEYS:
            setattr(member, f"is_{role}", role in new_roles)
        member.save(update_fields=[f"is_{r}" for r in ROLE_KEYS])
        if old_roles != member.roles:
            audit_record(
                kind=AuditEvent.Kind.ROLES_CHANGED,
                actor=actor.user,
                org=member.org,
                member=member.user.email,
                before=old_roles,
                after=member.roles,
            )
    return member


def organization_update_settings(
    *, actor: Membership, require_mfa: bool, language_insight_enabled: bool
) -> Organization:
    with transaction.atomic(durable=True):
        org = Organization.objects.select_for_update().get(pk=actor.org_id)
        before = {
            "require_mfa": org.require_mfa,
            "language_insight_enabled": org.language_insight_enabled,
        }
        org.require_mfa = require_mfa
        org.language_insight_enabled = language_insight_enabled
        org.save(update_fields=["require_mfa", "language_insight_enabled"])
        after = {"require_mfa": require_mfa, "language_insight_enabled": language_insight_enabled}
        if before != after:
            audit_record(
                kind=AuditEvent.Kind.SETTINGS_CHANGED,
                actor=actor.user,
                org=org,
                before=before,
                after=after,
            )
    return org


# Invitations ------------------------------------------------------------------------------------


def invitation_create(*, actor: Membership, email: str, roles: list[str]) -> tuple[Invitation, str]:
    """Create an invitation and email its single-use link. Returns the invitation and the raw token."""
    with transaction.atomic(durable=True):
        return invitation_build(org=actor.org, invited_by=actor.user, email=email, roles=roles)


def invitation_build(
    *, org: Organization, invited_by: User | None, email: str, roles: list[str]
) -> tuple[Invitation, str]:
    """An invitation inside the caller's transaction; its email leaves once that commits."""
    email = User.objects.normalize_email(email).strip()
    cleaned_roles = clean_roles(roles)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        org=org,
        email=email,
        roles=cleaned_roles,
        invited_by=invited_by,
        token_hash=secret_digest(token),
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
    )
    invitation.full_clean(exclude=["invited_by"])  # None when the CLI imports people
    invitation.save()
    audit_record(
        kind=AuditEvent.Kind.INVITATION_SENT,
        actor=invited_by,
        org=org,
        email=email,
        roles=cleaned_roles,
    )
    transaction.on_commit(lambda: _send_invitation_email(invitation, token))
    return invitation, token


def invitation_url(token: str) -> str:
    return settings.SITE_URL + reverse("accounts:invitation_accept", args=[token])


def _send_invitation_email(invitation: Invitation, token: str) -> None:
    context = {
        "invitation": invitation,
        "url": invitation_url(token),
        "days": settings.INVITATION_DAYS,
    }
    # someone with an account reads it in their language; a newcomer in the inviter's
    known = User.objects.filter(email__iexact=invitation.email).first()
    with in_language_of(known) if known else nullcontext():
        send_mail(
            subject=gettext("You're invited to %(org)s on Trellis") % {"org": invitation.org.name},
            message=render_to_string("accounts/email/invitation.txt", context),
            from_email=None,
            recipient_list=[invitation.email],
        )


def invitation_check(token: str) -> Invitation:
    """Return the invitation for a raw token or raise ValidationError with the reason."""
    invitation = (
        Invitation.objects.select_related("org").filter(token_hash=secret_digest(token)).first()
    )
    if invitation is None:
        raise ValidationError(gettext(INVITATION_NOT_FOUND))
    if invitation.revoked_at:
        raise ValidationError(gettext(INVITATION_REVOKED))
    if invitation.accepted_at:
        raise ValidationError(gettext(INVITATION_USED))
    if invitation.expires_at <= timezone.now():
        raise ValidationError(gettext(INVITATION_EXPIRED))
    return invitation


def invitation_accept(*, token: str, user: User) -> Membership:
    with transaction.atomic(durable=True):
        invitation = invitation_check(token)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at:  # a second tab accepted it in the meantime
            raise ValidationError(gettext(INVITATION_USED))
        if invitation.email.lower() != user.email.lower():
            raise ValidationError(
                INVITATION_WRONG_EMAIL.format(invited=invitation.email, current=user.email)
            )
        member, _ = Membership.objects.get_or_create(org=invitation.org, user=user)
        for role in invitation.roles:
            setattr(member, f"is_{role}", True)
        member.is_active = True
        member.save()
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        audit_record(
            kind=AuditEvent.Kind.INVITATION_ACCEPTED,
            actor=user,
            org=invitation.org,
            email=user.email,
            roles=member.roles,
        )
    return member


def invitation_revoke(*, actor: Membership, invitation: Invitation) -> None:
    with transaction.atomic(durable=True):
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit_record(
            kind=AuditEvent.Kind.INVITATION_REVOKED,
            actor=actor.user,
            org=actor.org,
            email=invitation.email,
        )


# API tokens -------------------------------------------------------------------------------------


def api_token_create(*, member: Membership, name: str) -> tuple[ApiToken, str]:
    """Create a token; the raw value is returned once and never stored."""
    name = name.strip() or "API token"
    for _attempt in range(5):
        prefix = secrets.token_hex(4)
        secret = secrets.token_urlsafe(32)
        try:
            with transaction.atomic(durable=True):
                token = ApiToken.objects.create(
                    user=member.user,
                    org=member.org,
                    name=name,
                    prefix=prefix,
                    secret_hash=secret_digest(secret),
                )
                audit_record(
                    kind=AuditEvent.Kind.TOKEN_CREATED,
                    actor=member.user,
                    org=member.org,
                    name=name,
                    prefix=prefix,
                )
            return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"
        except IntegrityError:  # prefix collision: try another
            continue
    raise RuntimeError("could not allocate a unique token prefix")


def api_token_revoke(*, member: Membership, token: ApiToken) -> None:
    with transaction.atomic(durable=True):
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            kind=AuditEvent.Kind.TOKEN_REVOKED,
            actor=member.user,
            org=token.org,
            name=token.name,
            prefix=token.prefix,
        )


def api_tokens_revoke_all(*, user: User, reason: str) -> int:
    """Revoke every API token of a person (their password was reset or changed: a token taken with
    the old password must not outlive it). Each revocation goes in the audit log with the reason."""
    now = timezone.now()
    with transaction.atomic(durable=True):
        tokens = list(ApiToken.objects.select_for_update().filter(user=user, revoked_at=None))
        for token in tokens:
            token.revoked_at = now
            token.save(update_fields=["revoked_at"])
            audit_record(
                kind=AuditEvent.Kind.TOKEN_REVOKED,
                actor=user,
                org=token.org,
                name=token.name,
                prefix=token.prefix,
                reason=reason,
            )
    return len(tokens)


def api_token_authenticate(raw: str) -> Membership | None:
    """The active membership a raw token speaks for, or None."""
    parts = raw.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    token = (
        ApiToken.objects.select_related("org", "user")
        .filter(prefix=parts[1], revoked_at=None)
        .first()
    )
    if token is None or not secrets.compare_digest(token.secret_hash, secret_digest(parts[2])):
        return None
    member = (
        Membership.objects.select_related("org", "user")
        .filter(org=token.org, user=token.user, is_active=True, user__is_active=True)
        .first()
    )
    if member is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return member


# People import ----------------------------------------------------------------------------------

UNKNOWN_MANAGER = _(
    "{source}: line {line}, manager_email: expected someone in this file or a member of {org}, "
    "found {value}"
)


class PeopleImportError(Exception):
    """Nothing was imported. `errors` shows at most the first 100 problems and a line counting
    the rest; `count` is how many there are."""

    def __init__(self, errors: list[str] | tuple[str, ...]):
        self.count = len(errors)
        self.errors = shown_lines(errors)
        super().__init__("\n".join(self.errors))


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int
    unchanged: int
    invited: int = 0  # people who already have a Trellis account elsewhere: invited, not added
    deactivated: int = 0  # `active` no: offboarded as an admin's deactivation
    reactivated: int = 0  # `active` yes for someone deactivated

    @property
    def summary(self) -> str:
        text = gettext("%(created)s added, %(updated)s updated, %(unchanged)s unchanged") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        if self.invited:
            text += ", " + gettext("%(invited)s invited to join (they already have an account)") % {
                "invited": self.invited
            }
        if self.deactivated:
            text += ", " + gettext("%(n)s deactivated") % {"n": self.deactivated}
        if self.reactivated:
            text += ", " + gettext("%(n)s reactivated") % {"n": self.reactivated}
        return text


def people_import(
    *,
    org: Organization,
    actor: User | None,
    data: bytes | str,
    source: str = "people.csv",
    max_bytes: int | None = None,
) -> ImportReport:
    """Import people from CSV. All or nothing: any bad row means nothing is written.

    Roles are added, never removed, so a partial file cannot demote anyone. An empty cell leaves
    the field as it is (a manager or a team is removed on the person's page, never by a blank).
    Someone who already has a Trellis account and is not in this organization is never added
    silently: they get an invitation naming the organization, which they accept or ignore.
    """
    from trellis.privacy import offboarding  # leaving is the admins' offboarding (a layer above)

    limit = settings.TRELLIS_UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    parsed = parse_people_csv(data, source, max_bytes=limit)
    errors = list(parsed.errors)
    acting = (
        Membership.objects.filter(org=org, user=actor, is_active=True, is_admin=True).first()
        if actor is not None
        else None
    )
    leavers, leaving_problems = offboarding.import_leavers(
        org=org, actor=acting, rows=parsed.rows, source=source
    )
    errors.extend(leaving_problems)
    in_file = {row.email for row in parsed.rows}
    existing_members = set(
        Membership.objects.filter(org=org).values_list("user__email", flat=True).iterator()
    )
    existing_members = {email.lower() for email in existing_members}
    for row in parsed.rows:
        if row.manager_email and row.manager_email not in in_file | existing_members:
            errors.append(
                UNKNOWN_MANAGER.format(
                    source=source, line=row.line, value=row.manager_email, org=org.name
                )
            )
    if errors:
        raise PeopleImportError(sorted(errors, key=_line_of))

    outsiders = _accounts_outside(org, [row.email for row in parsed.rows])
    with transaction.atomic():
        members: dict[str, Membership] = {}
        states: dict[str, str] = {}
        for row in parsed.rows:
            if row.active is False:  # someone leaving is never added nor invited
                states[row.email] = "unchanged"
                continue
            if row.email in outsiders:
                states[row.email] = _invite_person(org, actor, row)
                continue
            members[row.email], states[row.email] = _import_person(org, row)
        for row in parsed.rows:  # managers second: they may appear later in the file
            member = members.get(row.email)
            if member is None or not row.manager_email:
                continue  # invited (not a member yet), or no manager given: left as it is
            manager = (
                members.get(row.manager_email)
                or Membership.objects.filter(org=org, user__email__iexact=row.manager_email).first()
            )
            if manager is None:
                continue  # the manager was invited: set once they joined and the file is re-run
            if member.manager_id != manager.pk:
                member.manager = manager
                member.save(update_fields=["manager"])
                if states[row.email] == "unchanged":
                    states[row.email] = "updated"
        returned = offboarding.import_returners(org=org, rows=parsed.rows)
        counts = Counter(states.values())
        report = ImportReport(
            created=counts["created"],
            updated=counts["updated"],
            unchanged=counts["unchanged"],
            invited=counts["invited"],
            deactivated=len(leavers),
            reactivated=returned,
        )
        if report.created or report.updated or report.invited or returned or leavers:
            audit_record(
                kind=AuditEvent.Kind.PEOPLE_IMPORTED,
                actor=actor,
                org=org,
                created=report.created,
                updated=report.updated,
                invited=report.invited,
                deactivated=report.deactivated,
                reactivated=report.reactivated,
            )
    if leavers and acting is not None:
        # after the import's transaction: each hand-over is its own (the lifecycle's) transaction
        offboarding.import_leave(org=org, actor=acting, leavers=leavers, source=source)
    return report


def _line_of(error: str) -> int:
    match = re.search(r": line (\d+)", error)
    return int(match.group(1)) if match else 0


def _accounts_outside(org: Organization, emails: list[str]) -> set[str]:
    """The file's emails (lower case) that belong to an existing account with no membership in
    the organization: people with a Trellis life elsewhere, whom an import may only invite."""
    lowered = {email.lower() for email in emails}
    accounts = {
        email.lower()
        for email in User.objects.filter(email__in=emails).values_list("email", flat=True)
    }
    for email in lowered - accounts:  # exact lookups first, then case-insensitive for the rest
        if User.objects.filter(email__iexact=email).exists():
            accounts.add(email)
    members = {
        email.lower()
        for email in Membership.objects.filter(
            org=org, user__email__in=[e for e in emails if e.lower() in accounts]
        ).values_list("user__email", flat=True)
    }
    for email in accounts - members:
        if Membership.objects.filter(org=org, user__email__iexact=email).exists():
            members.add(email)
    return {email for email in emails if email.lower() in accounts - members}


def _invite_person(org: Organization, actor: User | None, row: PersonRow) -> str:
    """Invite an existing account to join: "invited", or "unchanged" when an invitation from this
    organization is still waiting for them."""
    waiting = Invitation.objects.filter(
        org=org,
        email__iexact=row.email,
        accepted_at=None,
        revoked_at=None,
        expires_at__gt=timezone.now(),
    ).exists()
    if waiting:
        return "unchanged"
    invitation_build(org=org, invited_by=actor, email=row.email, roles=list(row.roles))
    return "invited"


def _import_person(org: Organization, row: PersonRow) -> tuple[Membership, str]:
    user = User.objects.filter(email__iexact=row.email).first()
    if user is None:
        user = User(email=row.email, name=row.name, time_zone=row.time_zone)
        user.set_unusable_password()  # they set one through "forgot password" or an invitation
        user.save()
    elif not user.name:
        user.name = row.name
        user.save(update_fields=["name"])
    team = Team.objects.get_or_create(org=org, name=row.team)[0] if row.team else None
    member, made = Membership.objects.get_or_create(org=org, user=user, defaults={"team": team})
    changed = made
    for role in row.roles:
        if not member.has_role(role):
            setattr(member, f"is_{role}", True)
            changed = True
    if team and member.team_id != team.pk:
        member.team = team
        changed = True
    attributes = {**member.attributes, **dict(row.attributes)}  # a blank cell changes nothing
    if attributes != member.attributes:
        member.attributes = attributes
        changed = True
    if changed:
        member.save()
    return member, "created" if made else ("updated" if changed else "unchanged")
