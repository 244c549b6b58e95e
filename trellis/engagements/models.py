"""Coaching relationships (engagements) between a coach and a coachee, optionally with a sponsor."""

import uuid

from django.db import models
from django.utils import timezone

from trellis.accounts.models import Membership, Organization


class Engagement(models.Model):
    class Kind(models.TextChoices):
        ONE_TO_ONE = "one_to_one", "1:1 coaching"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        ENDED = "ended", "Ended"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="engagements")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ONE_TO_ONE)
    coach = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="coaching")
    coachee = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="coached_in")
    sponsor = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="sponsoring"
    )
    topic = models.CharField(
        max_length=200, blank=True, help_text="What the coaching is about, in a line."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    started_on = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return f"{self.coach.user} coaching {self.coachee.user}"
