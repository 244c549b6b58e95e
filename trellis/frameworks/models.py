"""Stored coaching frameworks: every version a session ran with, built-in or an organization's own."""

import uuid

from django.db import models
from django.db.models import Q

from trellis.accounts.models import Organization, User


class FrameworkVersion(models.Model):
    """One version of a framework's TOML. Built-ins have no organization; they are snapshotted
    the first time a session uses them, and again whenever their content changes."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="framework_versions",
    )
    key = models.SlugField(max_length=60)
    name = models.CharField(max_length=150)
    version = models.PositiveIntegerField(help_text="1, 2, 3, ... per organization and key.")
    content_hash = models.CharField(max_length=64)
    text = models.TextField(help_text="The framework's TOML, exactly as it was stored.")
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "key", "version"],
                condition=Q(org__isnull=False),
                name="framework_version_unique_in_org",
            ),
            models.UniqueConstraint(
                fields=["key", "version"],
                condition=Q(org__isnull=True),
                name="framework_version_unique_builtin",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} version {self.version}"

    @property
    def is_builtin(self) -> bool:
        return self.org_id is None
