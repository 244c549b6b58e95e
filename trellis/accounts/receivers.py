"""Connect account signals to the audit log and to invitation acceptance (the work is in services)."""

from typing import Any

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.http import HttpRequest

from trellis.accounts import services
from trellis.accounts.models import AuditEvent, User

PENDING_INVITATION = "trellis_pending_invitation"
TOKENS_REVOKED_CHANGE = "password changed"
TOKENS_REVOKED_RESET = "password reset"


def _ip(request: HttpRequest | None) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


@receiver(auth_signals.user_logged_in)
def on_login(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    services.audit_record(kind=AuditEvent.Kind.LOGIN, actor=user, ip_address=_ip(request))


@receiver(auth_signals.user_logged_out)
def on_logout(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        services.audit_record(kind=AuditEvent.Kind.LOGOUT, actor=user, ip_address=_ip(request))


@receiver(auth_signals.user_login_failed)
def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    email = str(credentials.get("email") or credentials.get("username") or "")
    actor = User.objects.filter(email__iexact=email).first() if email else None
    services.audit_record(
        kind=AuditEvent.Kind.LOGIN_FAILED, actor=actor, ip_address=_ip(request), email=email
    )


@receiver(mfa_signals.authenticator_added)
def on_mfa_added(
    sender: Any, request: HttpRequest, user: User, authenticator: Any, **kwargs: Any
) -> None:
    services.audit_record(
        kind=AuditEvent.Kind.MFA_ADDED, actor=user, ip_address=_ip(request), type=authenticator.type
    )


@receiver(mfa_signals.authenticator_removed)
def on_mfa_removed(
    sender: Any, request: HttpRequest, user: User, authenticator: Any, **kwargs: Any
) -> None:
    services.audit_record(
        kind=AuditEvent.Kind.MFA_REMOVED,
        actor=user,
        ip_address=_ip(request),
        type=authenticator.type,
    )


@receiver(mfa_signals.authenticator_reset)
def on_mfa_reset(
    sender: Any, request: HttpRequest, user: User, authenticator: Any, **kwargs: Any
) -> None:
    services.audit_record(
        kind=AuditEvent.Kind.MFA_RESET, actor=user, ip_address=_ip(request), type=authenticator.type
    )


@receiver(account_signals.password_changed)
def on_password_changed(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    services.audit_record(
        kind=AuditEvent.Kind.PASSWORD_CHANGED, actor=user, ip_address=_ip(request)
    )
    services.api_tokens_revoke_all(user=user, reason=TOKENS_REVOKED_CHANGE)


@receiver(account_signals.password_set)
def on_password_set(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    services.audit_record(
        kind=AuditEvent.Kind.PASSWORD_CHANGED, actor=user, ip_address=_ip(request), how="set"
    )
    services.api_tokens_revoke_all(user=user, reason=TOKENS_REVOKED_CHANGE)


@receiver(account_signals.password_reset)
def on_password_reset(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    services.audit_record(
        kind=AuditEvent.Kind.PASSWORD_CHANGED, actor=user, ip_address=_ip(request), how="reset"
    )
    services.api_tokens_revoke_all(user=user, reason=TOKENS_REVOKED_RESET)


@receiver(account_signals.user_signed_up)
def on_signed_up(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    """Someone who signed up through an invitation joins that organization; anyone else gets their own."""
    token = request.session.pop(PENDING_INVITATION, None) if request is not None else None
    if token:
        try:
            services.invitation_accept(token=token, user=user)
            return
        except ValidationError:
            pass  # expired or withdrawn meanwhile: fall through to a personal organization
    if kwargs.get("sociallogin") is not None:
        return  # signed up by their organization's identity provider: they join it (trellis.sso)
    services.personal_organization_create(user=user)
