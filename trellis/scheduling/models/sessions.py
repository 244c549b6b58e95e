"""Sessions on the calendar: a series on the organizer's wall clock, its occurrences as rows,
and what became of each once its time came (attendance, per member for a group).

Times are stored in UTC. A series keeps its rule (start on the organizer's wall clock, zone, RRULE
parts) and its occurrences are materialized as rows, so that calendars, bookings and reminders are
plain indexed queries; the rule is what the feed publishes.
"""

import uuid
from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership, Organization
from trellis.core.schedule import Recurrence
from trellis.core.schedule.recurrence import Freq
from trellis.engagements.models import Engagement
from trellis.scheduling.models.events import CareerEvent


class SchedulingSettings(models.Model):
    """An organization's scheduling rules."""

    org = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="scheduling_settings"
    )
    cancellation_window_hours = models.PositiveIntegerField(
        default=24,
        help_text="A session cancelled less than this many hours before it starts counts as a late cancellation.",
    )

    def __str__(self) -> str:
        return f"Scheduling rules of {self.org}"

    @property
    def cancellation_window(self) -> timedelta:
        return timedelta(hours=self.cancellation_window_hours)


class SessionKind(models.TextChoices):
    REGULAR = "regular", _("Coaching session")
    REVIEW = "review", _("Review")
    EVENT = "event", _("Event-driven session")
    BOOKED = "booked", _("Booked session")


class SessionSeries(models.Model):
    """A session, or a series of them, of one engagement, on the organizer's wall clock."""

    FREQ_CHOICES = [
        ("", _("Once")),
        (Freq.WEEKLY.value, _("Weekly")),
        (Freq.MONTHLY.value, _("Monthly")),
    ]

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="session_series")
    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="session_series"
    )
    # Copied from the engagement so that the policy and the calendars read them directly.
    coach = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    coachee = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    sponsor = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organizer = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=SessionKind.choices, default=SessionKind.REGULAR)
    title = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=200, blank=True)
    timezone = models.CharField(max_length=64)
    starts_at = models.DateTimeField(help_text="The first occurrence, in UTC.")
    duration_minutes = models.PositiveIntegerField(default=60)
    freq = models.CharField(max_length=10, choices=FREQ_CHOICES, blank=True)
    interval = models.PositiveSmallIntegerField(default=1)
    until = models.DateField(null=True, blank=True, help_text="Last local date of the series.")
    count = models.PositiveIntegerField(null=True, blank=True)
    sequence = models.PositiveIntegerField(default=0)
    is_cancelled = models.BooleanField(default=False)
    cancel_reason = models.TextField(blank=True)
    # Occurrences exist as rows up to here (an endless series grows as time passes).
    materialized_until = models.DateTimeField(null=True, blank=True)
    career_event = models.ForeignKey(
        CareerEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    created_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name_plural = "session series"

    def __str__(self) -> str:
        return self.summary

    @property
    def summary(self) -> str:
        return self.summary_of(self.title, self.kind)

    @staticmethod
    def summary_of(title: str, kind: str) -> str:
        """The summary from the two columns, for rows read without the series."""
        return title or str(SessionKind(kind).label)

    @property
    def access_engagement(self) -> Engagement:
        """The policy takes coach, coachee and sponsor from the engagement's participants."""
        return self.engagement

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)

    @property
    def recurrence(self) -> Recurrence | None:
        if not self.freq:
            return None
        return Recurrence(Freq(self.freq), self.interval, self.until, self.count)

    @property
    def repeats(self) -> bool:
        return bool(self.freq)

    @property
    def uid(self) -> str:
        return f"session-{self.uuid}@trellis"


class Outcome(models.TextChoices):
    """What became of a scheduled session once its time came (attendance)."""

    HELD = "held", _("Held")
    NO_SHOW_COACHEE = "no_show_coachee", _("No-show (coachee)")
    NO_SHOW_COACH = "no_show_coach", _("No-show (coach)")
    LATE_CANCELLATION = "late_cancellation", _("Late cancellation")
    CANCELLED = "cancelled", _("Cancelled")


class ScheduledSession(models.Model):
    """One occurrence of a series: where it is now, and whether it still happens."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    series = models.ForeignKey(SessionSeries, on_delete=models.CASCADE, related_name="occurrences")
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    coach = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    coachee = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    original_start = models.DateTimeField(help_text="Its start under the rule (RECURRENCE-ID).")
    start = models.DateTimeField()
    end = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    moved = models.BooleanField(default=False)
    reason = models.TextField(blank=True, help_text="Why it was rescheduled or cancelled.")
    late = models.BooleanField(default=False, help_text="Cancelled inside the cancellation window.")
    changed_at = models.DateTimeField(null=True, blank=True)
    changed_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When this time was set: a session booked at short notice gets no "tomorrow" reminder.
    timed_at = models.DateTimeField(auto_now_add=True)
    # Attendance, recorded after its start (see selectors.attendance_of for the outcome shown).
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome_at = models.DateTimeField(null=True, blank=True)
    # The coaching conversation (framework runner) held on this occasion.
    coaching_session = models.ForeignKey(
        "engagements.CoachingSession",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calendar_entries",
    )

    class Meta:
        ordering = ["start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "original_start"], name="one_row_per_occurrence"
            ),
        ]
        indexes = [
            models.Index(fields=["coach", "start"]),
            models.Index(fields=["coachee", "start"]),
            models.Index(fields=["status", "start"]),
            models.Index(fields=["status", "end"]),
        ]

    def __str__(self) -> str:
        return f"{self.series.summary} at {self.start:%Y-%m-%d %H:%M} UTC"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def access_engagement(self) -> Engagement:
        return self.series.engagement

    @property
    def duration(self) -> timedelta:
        return self.end - self.start


class MemberAttendance(models.Model):
    """One member's attendance at a group session: a team or group engagement meets as one
    calendar occurrence for everyone, and the coach marks each accepted member as attended, a
    no-show, or a late cancellation (they called off inside the cancellation window). The
    occurrence's own outcome is held when anyone was there, so the coach's hours and the
    engagement's activity count the session once."""

    class Mark(models.TextChoices):
        HELD = "held", _("Attended")
        NO_SHOW = "no_show", _("No-show")
        LATE_CANCELLATION = "late_cancellation", _("Late cancellation")

    occurrence = models.ForeignKey(
        ScheduledSession, on_delete=models.CASCADE, related_name="member_attendance"
    )
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    mark = models.CharField(max_length=20, choices=Mark.choices)
    by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["occurrence", "id"]
        constraints = [
            models.UniqueConstraint(fields=["occurrence", "member"], name="one_mark_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.get_mark_display()}: {self.member_id} at {self.occurrence_id}"
