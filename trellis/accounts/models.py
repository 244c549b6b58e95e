"""Organizations, people, memberships with roles, invitations, API tokens and the audit log."""

import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    COACH = "coach", _("Coach")
    COACHEE = "coachee", _("Coachee")
    SPONSOR = "sponsor", _("Sponsor")


ROLE_KEYS = tuple(Role.values)


class EmailUserManager(UserManager["User"]):
    use_in_migrations = True

    def create_user(  # type: ignore[override]  # email, not username, identifies a person
        self, email: str | None = None, password: str | None = None, **extra_fields: Any
    ) -> "User":
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(  # type: ignore[override]
        self, email: str | None = None, password: str | None = None, **extra_fields: Any
    ) -> "User":
        extra_fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person. Logs in with an email address; belongs to organizations through memberships."""

    username = None  # type: ignore[assignment]  # no user names: people sign in with email
    email = models.EmailField("email address", unique=True)
    name = models.CharField(max_length=150, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    # The interface's language for this person; blank follows the browser (Accept-Language).
    language = models.CharField(max_length=10, blank=True, default="", choices=settings.LANGUAGES)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []
    objects = EmailUserManager()  # type: ignore[misc]

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]
        # People lists sort by name, then email: PostgreSQL walks this index and stops at the page
        # where it sorted every person first (the admin's People page at 10,000: 17.6 -> 0.2 ms)
        indexes = [models.Index(fields=["name", "email"], name="user_name_email")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or self.email


class Organization(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=150)
    is_personal = models.BooleanField(default=False)
    require_mfa = models.BooleanField(
        default=False, help_text=_("Admins and coaches must use multi-factor authentication.")
    )
    language_insight_enabled = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=120)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["org", "name"], name="team_name_unique_in_org")
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person in an organization, with one or more roles."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    is_admin = models.BooleanField(default=False)
    is_coach = models.BooleanField(default=False)
    is_coachee = models.BooleanField(default=False)
    is_sponsor = models.BooleanField(default=False)
    manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    is_active = models.BooleanField(default=True)
    # The organization's own descriptors of the person (department, location, grade...): name ->
    # value, set by the people import's `attribute:<name>` columns; dashboards filter on them.
    attributes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["org", "user"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.org}"

    @property
    def roles(self) -> list[str]:
        return [role for role in ROLE_KEYS if getattr(self, f"is_{role}")]

    def has_role(self, role: str) -> bool:
        return bool(getattr(self, f"is_{role}"))


class Invitation(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    roles = models.JSONField(default=list)
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.org}"


class ApiToken(models.Model):
    """A personal API token, scoped to one organization. Only a hash of the secret is stored."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    secret_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"


# the audit log's details as a reader reads them (AuditEvent.details_shown): each key's label, and
# Trellis's own values in the reader's language; names, addresses, identifiers and counts as stored
DETAIL_LABELS = {
    "email": _("email"),
    "name": _("name"),
    "prefix": _("prefix"),
    "roles": _("roles"),
    "before": _("before"),
    "after": _("after"),
    "member": _("member"),
    "reason": _("reason"),
    "what": _("what"),
    "type": _("type"),
    "via": _("via"),
    "scim": "SCIM",
    "sso": _("single sign-on"),
    "tokens_revoked": _("API tokens revoked"),
    "handed_over": _("engagements handed over"),
    "created": _("created"),
    "updated": _("updated"),
    "invited": _("invited"),
    "deactivated": _("deactivated"),
    "reactivated": _("reactivated"),
    "pseudonym": _("pseudonym"),
    "item": _("item"),
    "comment": _("comment"),
    "group": _("group"),
    "kind_of_item": _("kind of item"),
    "comments_kept": _("comments kept"),
    "engagements": _("engagements"),
    "ended_before": _("ended before"),
    "require_mfa": _("multi-factor authentication required"),
    "language_insight_enabled": _("language insight on"),
    "enabled": _("on"),
    "sso_required": _("single sign-on required"),
    "allowed_domains": _("allowed email domains"),
    "protocol": _("protocol"),
}
DETAIL_VALUES = {
    "password changed": _("password changed"),
    "password reset": _("password reset"),
    "personal archive": _("personal archive"),
    "group item": _("group item"),
    "group comment": _("group comment"),
    "scim": "SCIM",
}


def _detail_value(value: Any) -> str:
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list):  # roles, most often
        return ", ".join(
            str(Role(v).label) if v in Role.values else _detail_value(v) for v in value
        )
    if isinstance(value, dict):
        return (
            "(" + "; ".join(f"{_detail_key(k)}: {_detail_value(v)}" for k, v in value.items()) + ")"
        )
    if isinstance(value, str) and value in DETAIL_VALUES:
        return str(DETAIL_VALUES[value])
    return str(value)


def _detail_key(key: str) -> str:
    return str(DETAIL_LABELS.get(key, key))


class AuditEvent(models.Model):
    class Kind(models.TextChoices):
        LOGIN = "login", _("Logged in")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOGOUT = "logout", _("Logged out")
        MFA_ADDED = "mfa_added", _("MFA method added")
        MFA_REMOVED = "mfa_removed", _("MFA method removed")
        MFA_RESET = "mfa_reset", _("Recovery codes regenerated")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        ROLES_CHANGED = "roles_changed", _("Roles changed")
        MEMBER_ADDED = "member_added", _("Member added")
        INVITATION_SENT = "invitation_sent", _("Invitation sent")
        INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")
        INVITATION_REVOKED = "invitation_revoked", _("Invitation revoked")
        TOKEN_CREATED = "token_created", _("API token created")
        TOKEN_REVOKED = "token_revoked", _("API token revoked")
        EXPORT = "export", _("Data exported")
        PEOPLE_IMPORTED = "people_imported", _("People imported")
        SETTINGS_CHANGED = "settings_changed", _("Organization settings changed")
        ERASURE_REQUESTED = "erasure_requested", _("Erasure asked for")
        PERSON_ERASED = "person_erased", _("Person erased")
        CONTENT_PURGED = "content_purged", _("Old content removed (retention)")
        MEMBER_DEACTIVATED = "member_deactivated", _("Member deactivated")
        CONTENT_DELETED = "content_deleted", _("Content deleted by its author")

    org = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="audit_events"
    )
    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    detail = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def details_shown(self) -> list[tuple[str, str]]:
        """(label, value) pairs of the detail, in the reader's language where Trellis wrote them."""
        return [(_detail_key(k), _detail_value(v)) for k, v in self.detail.items()]
