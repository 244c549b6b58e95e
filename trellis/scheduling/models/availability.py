"""A coach's availability (weekly windows, exceptions) and the slots taken from it."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership, Organization
from trellis.scheduling.models.sessions import ScheduledSession


class Availability(models.Model):
    """A coach's booking rules; weekly windows and exceptions hang off it."""

    coach = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="availability")
    timezone = models.CharField(max_length=64)
    slot_minutes = models.PositiveIntegerField(default=60)
    buffer_before_minutes = models.PositiveIntegerField(default=0)
    buffer_after_minutes = models.PositiveIntegerField(default=15)
    notice_hours = models.PositiveIntegerField(
        default=24, help_text="How far ahead a coachee must book."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "availability"

    def __str__(self) -> str:
        return f"Availability of {self.coach.user}"


class AvailabilityWindow(models.Model):
    WEEKDAYS = [
        (0, _("Monday")),
        (1, _("Tuesday")),
        (2, _("Wednesday")),
        (3, _("Thursday")),
        (4, _("Friday")),
        (5, _("Saturday")),
        (6, _("Sunday")),
    ]

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    availability = models.ForeignKey(Availability, on_delete=models.CASCADE, related_name="windows")
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS)
    start = models.TimeField()
    end = models.TimeField()

    class Meta:
        ordering = ["weekday", "start"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}-{self.end:%H:%M}"


class AvailabilityException(models.Model):
    class Kind(models.TextChoices):
        BLOCKED = "blocked", _("Not available")
        EXTRA = "extra", _("Extra time")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    availability = models.ForeignKey(
        Availability, on_delete=models.CASCADE, related_name="exceptions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.BLOCKED)
    start = models.DateTimeField()
    end = models.DateTimeField()
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["start"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start:%Y-%m-%d %H:%M}"


class Booking(models.Model):
    """A slot a coachee took from a coach's availability.

    The database refuses a second active booking of the same coach at the same start, whatever
    the application does; the booking service also locks the coach's availability row, so that
    overlapping slots cannot be taken at the same moment either.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    coach = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    coachee = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    start = models.DateTimeField()
    end = models.DateTimeField()
    session = models.OneToOneField(
        ScheduledSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="booking"
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # A slot held for something that is not a session of an engagement (a program's chemistry
    # conversation): the calendars and feeds of both people show it under its own title and link,
    # and, once cancelled, as cancelled.
    purpose = models.CharField(max_length=20, blank=True, help_text="Empty: a session's booking.")
    title = models.CharField(max_length=200, blank=True)
    link = models.CharField(max_length=500, blank=True, help_text="The page it belongs to.")
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["coachee", "start"], name="booking_coachee_start")]
        constraints = [
            models.UniqueConstraint(
                fields=["coach", "start"], condition=Q(is_active=True), name="one_booking_per_slot"
            ),
        ]

    def __str__(self) -> str:
        return f"Booking with {self.coach.user} at {self.start:%Y-%m-%d %H:%M} UTC"
