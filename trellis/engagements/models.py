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


class CoachingSession(models.Model):
    """One coaching conversation run over a framework version, by a coach with a coachee in an
    engagement, or by a coachee alone (self-coaching). `state` is the session engine's to_dict()."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        FINISHED = "finished", "Finished"

    class Kind(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        EVENT = "event", "Event-driven"
        SELF = "self", "Self-coaching"

    class Style(models.TextChoices):
        NON_DIRECTIVE = "non-directive", "Non-directive"
        DIALOGICAL = "dialogical", "Dialogical"
        DIRECTIVE = "directive", "Directive"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="coaching_sessions"
    )
    engagement = models.ForeignKey(
        Engagement, null=True, blank=True, on_delete=models.CASCADE, related_name="sessions"
    )
    coachee = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="sessions_as_coachee"
    )
    coach = models.ForeignKey(
        Membership,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions_as_coach",
    )
    framework_version = models.ForeignKey(
        "frameworks.FrameworkVersion", on_delete=models.PROTECT, related_name="sessions"
    )
    style = models.CharField(max_length=16, choices=Style.choices, default=Style.NON_DIRECTIVE)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.SCHEDULED)
    topic = models.CharField(max_length=200, blank=True)
    state = models.JSONField(default=dict)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    artifacts = models.JSONField(null=True, blank=True)
    artifacts_moved_at = models.DateTimeField(
        null=True, blank=True, help_text="When the goals app turned the artifacts into goals."
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["org", "coachee", "-started_at"])]

    def __str__(self) -> str:
        return f"{self.framework_version.name} session of {self.coachee.user}"

    @property
    def sponsor_id(self) -> int | None:
        """The engagement's sponsor, for the access policy (they see that a session happened)."""
        return self.engagement.sponsor_id if self.engagement_id else None  # type: ignore[union-attr]

    @property
    def is_finished(self) -> bool:
        return self.status == self.Status.FINISHED


class SessionNote(models.Model):
    """A note on a session: private to the coach, or shared between coach and coachee. Only the
    coachee may also share a shared note with the engagement's sponsor."""

    class Visibility(models.TextChoices):
        PRIVATE = "private", "Private to the coach"
        SHARED = "shared", "Shared with the coachee"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(CoachingSession, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(max_length=60, blank=True)
    text = models.TextField()
    visibility = models.CharField(max_length=8, choices=Visibility.choices)
    shared_with_sponsor = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_visibility_display()} note on {self.session_id}"

    # The access policy reads the session's people from the note itself.
    @property
    def org_id(self) -> int:
        return self.session.org_id

    @property
    def coach_id(self) -> int | None:
        return self.session.coach_id

    @property
    def coachee_id(self) -> int:
        return self.session.coachee_id

    @property
    def sponsor_id(self) -> int | None:
        return self.session.sponsor_id
