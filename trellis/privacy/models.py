"""People's rights: an erasure asked for and confirmed, and how long an organization keeps the content
of ended engagements."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership, Organization, User
from trellis.engagements.models import Engagement


class ErasureRequest(models.Model):
    """A person asks for their account to be erased; an admin of each of their organizations confirms."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        DONE = "done", _("Erased")
        CANCELLED = "cancelled", _("Cancelled")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="erasure_requests")
    # a keyed hash of the address: the trace the audit log keeps once the person is gone
    pseudonym = models.CharField(max_length=24)
    reason = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)  # what was deleted, detached and kept

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="one_pending_erasure_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"Erasure {self.pseudonym} ({self.status})"


class ErasureConfirmation(models.Model):
    request = models.ForeignKey(
        ErasureRequest, on_delete=models.CASCADE, related_name="confirmations"
    )
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    confirmed_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "org"], name="one_confirmation_per_org")
        ]


class RetentionPolicy(models.Model):
    """How long the content of an ended engagement is kept (None: until someone deletes it)."""

    org = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="retention")
    ended_content_months = models.PositiveSmallIntegerField(null=True, blank=True)
    updated_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)


class PurgeRun(models.Model):
    """One retention pass over an organization: what it removed (counts only)."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="purge_runs")
    ran_at = models.DateTimeField(auto_now_add=True)
    ended_before = models.DateField()
    engagements = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-ran_at", "-id"]


class PurgedEngagement(models.Model):
    """An ended engagement whose content the retention policy removed (its facts stay)."""

    engagement = models.OneToOneField(Engagement, on_delete=models.CASCADE, related_name="purge")
    run = models.ForeignKey(PurgeRun, on_delete=models.CASCADE, related_name="purged")
    purged_on = models.DateField()
