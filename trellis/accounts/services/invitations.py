"""Invitations: made and emailed, checked, accepted and withdrawn."""

import secrets
from contextlib import nullcontext
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from trellis.accounts.language import in_language_of
from trellis.accounts.models import AuditEvent, Invitation, Membership, Organization, User
from trellis.accounts.services.common import audit_record, clean_roles, secret_digest

INVITATION_NOT_FOUND = gettext_noop(
    "This invitation link is not valid. Ask your administrator for a new one."
)
INVITATION_EXPIRED = gettext_noop(
    "This invitation has expired. Ask your administrator to send a new one."
)
INVITATION_USED = gettext_noop("This invitation has already been used.")
INVITATION_REVOKED = gettext_noop("This invitation was withdrawn by your administrator.")
INVITATION_WRONG_EMAIL = _("This invitation was sent to {invited}; you are signed in as {current}.")


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
