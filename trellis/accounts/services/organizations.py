"""Organizations (made, with a first admin, settings) and a member's roles."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_noop

from trellis.accounts.models import ROLE_KEYS, AuditEvent, Membership, Organization, User
from trellis.accounts.services.common import audit_record, clean_roles

LAST_ADMIN = gettext_noop(
    "An organization needs at least one admin: give another member the admin role first."
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
