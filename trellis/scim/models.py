"""SCIM 2.0 provisioning: an organization's tokens for its identity provider, and the identity
provider's own id (externalId) for each member it provisions."""

import uuid

from django.db import models

from trellis.accounts.models import Membership, Organization, Team


class ScimToken(models.Model):
    """A bearer token an identity provider uses to keep one organization's people in sync."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="scim_tokens")
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    # who created it: SCIM changes (ending engagements of a person who left, say) act as them
    created_by = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"


class ScimExternalId(models.Model):
    """How the identity provider names a member: its own id (externalId) and its userName, which
    may be something other than the email address Trellis signs them in with (a UPN, say)."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    member = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="scim")
    external_id = models.CharField(max_length=200, blank=True)
    user_name = models.CharField(max_length=254, blank=True)
    # DELETE over SCIM: the member is deactivated and kept, and SCIM answers 404 for them
    # (RFC 7644 section 3.6) until the identity provider creates them again
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["org", "external_id"],
                condition=~models.Q(external_id=""),
                name="scim_external_id_unique",
            )
        ]


class ScimTeamExternalId(models.Model):
    """The identity provider's own id (externalId) for a team it keeps as a Group."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="scim")
    external_id = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["org", "external_id"],
                condition=~models.Q(external_id=""),
                name="scim_team_external_id_unique",
            )
        ]
