"""API tokens: made, revoked (one or all of a person's), and the token a request presents."""

import secrets
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from trellis.accounts.models import ApiToken, AuditEvent, Membership, User
from trellis.accounts.services.common import audit_record, secret_digest

TOKEN_PREFIX = "trl"


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
