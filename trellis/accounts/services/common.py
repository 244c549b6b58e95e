"""What the account services share: role names checked, secrets fingerprinted, the audit log."""

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import ROLE_KEYS, AuditEvent, Organization, User

ROLES_REQUIRED = gettext_noop("Choose at least one role.")
UNKNOWN_ROLE = _("Unknown role {role!r}: expected one of admin, coach, coachee, sponsor.")


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
