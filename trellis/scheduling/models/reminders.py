"""Reminders (each sent exactly once), a person's reminder settings, and calendar feeds."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership
from trellis.core.schedule import DEFAULT_DELIVERY, Delivery, ReminderKind

REMINDER_KINDS = [(kind.value, kind.value.replace("_", " ").capitalize()) for kind in ReminderKind]


DELIVERY_CHOICES = [
    (Delivery.IMMEDIATELY.value, _("Immediately")),
    (Delivery.DIGEST.value, _("In a daily digest")),
    (Delivery.OFF.value, _("Not at all")),
]


class HomeDigest(models.TextChoices):
    """How often a person gets their home page by email (the web app's digest), at digest_time."""

    OFF = "off", _("Never")
    DAILY = "daily", _("Every day")
    WEEKLY = "weekly", _("Every Monday")


class ReminderSettings(models.Model):
    """A person's quiet hours and digest time, on their own clock."""

    member = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    quiet_start = models.TimeField(null=True, blank=True)
    quiet_end = models.TimeField(null=True, blank=True)
    digest_time = models.TimeField()
    home_digest = models.CharField(max_length=8, choices=HomeDigest.choices, default=HomeDigest.OFF)

    def __str__(self) -> str:
        return f"Reminder settings of {self.member.user}"


class ReminderPreference(models.Model):
    """How a person wants one kind of reminder; without a row, DEFAULT_DELIVERY applies."""

    member = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="reminder_preferences"
    )
    kind = models.CharField(max_length=30, choices=REMINDER_KINDS)
    delivery = models.CharField(max_length=12, choices=DELIVERY_CHOICES)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.delivery}"

    @staticmethod
    def default_for(kind: str) -> str:
        return DEFAULT_DELIVERY[ReminderKind(kind)].value


class Reminder(models.Model):
    """One message to one person, sent exactly once.

    The unique key (recipient, kind, object, occurrence) makes planning idempotent: every pass may
    plan the same reminders again and the database keeps one row. Sending claims the row with a
    lock that other workers skip, sends, and marks it sent in the same transaction.
    """

    INVITATION = "invitation"  # a REQUEST or CANCEL .ics for a session; not a preference kind

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Skipped")

    recipient = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=30)
    object_uuid = models.UUIDField()
    occurrence = models.CharField(max_length=64)
    anchor_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The session start or event it is about, to spot stale ones.",
    )
    due_at = models.DateTimeField()
    send_at = models.DateTimeField()
    digest = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    subject = models.CharField(max_length=250)
    body = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    ics = models.TextField(blank=True)
    ics_method = models.CharField(max_length=10, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    skip_reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "object_uuid", "occurrence"],
                name="one_reminder_per_occurrence",
            ),
        ]
        indexes = [
            models.Index(
                fields=["send_at"], condition=Q(status="pending"), name="reminder_pending_due"
            ),
            # "is this action or session already reminded of?" (an anti-join in the planner)
            models.Index(fields=["object_uuid", "kind"], name="reminder_object_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.recipient_id} at {self.send_at:%Y-%m-%d %H:%M}"


class DispatchTick(models.Model):
    """A planned reminder pass, one per minute at most, so that passes never pile up."""

    run_at = models.DateTimeField(unique=True)

    def __str__(self) -> str:
        return f"Reminder pass at {self.run_at:%Y-%m-%d %H:%M}"


class CalendarFeedToken(models.Model):
    """A person's private calendar address. The secret is derived from SECRET_KEY and this row's
    id, so a copy of the database alone does not reveal it; revoking ends it for good."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="feed_tokens")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(revoked_at=None), name="one_live_feed_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"Calendar feed of {self.member.user}"
