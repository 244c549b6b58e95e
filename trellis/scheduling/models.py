"""Sessions on the calendar, availability and bookings, career events and triggers, reminders, feeds.

Times are stored in UTC. A series keeps its rule (start on the organizer's wall clock, zone, RRULE
parts) and its occurrences are materialized as rows, so that calendars, bookings and reminders are
plain indexed queries; the rule is what the feed publishes.
"""

import uuid
from datetime import timedelta

from django.db import models
from django.db.models import Q

from trellis.accounts.models import Membership, Organization
from trellis.core.schedule import DEFAULT_DELIVERY, Delivery, Recurrence, ReminderKind
from trellis.core.schedule.recurrence import Freq
from trellis.engagements.models import Engagement


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
    REGULAR = "regular", "Coaching session"
    REVIEW = "review", "Review"
    EVENT = "event", "Event-driven session"
    BOOKED = "booked", "Booked session"


class CareerEvent(models.Model):
    """Something that happened or is about to in a coachee's career: a reason for a focused session."""

    class Type(models.TextChoices):
        PERFORMANCE_REVIEW = "performance_review", "Performance review"
        PROMOTION_DECISION = "promotion_decision", "Promotion decision"
        ROLE_CHANGE = "role_change", "Role change"
        NEW_PROJECT = "new_project", "New project or launch"
        JOB_INTERVIEW = "job_interview", "Job interview"
        OFFER = "offer", "Offer"
        SETBACK = "setback", "Setback or missed deadline"
        CUSTOM = "custom", "Other"

    class Source(models.TextChoices):
        LOGGED = "logged", "Logged by hand"
        IMPORTED = "imported", "Imported from CSV"
        OVERDUE_ACTION = "overdue_action", "An overdue action"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="career_events")
    coachee = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="career_events")
    # The engagement it belongs to (its coach and sponsor are copied so the policy can read them).
    engagement = models.ForeignKey(
        Engagement, null=True, blank=True, on_delete=models.SET_NULL, related_name="career_events"
    )
    coach = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sponsor = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    type = models.CharField(max_length=30, choices=Type.choices)
    custom_type = models.CharField(
        max_length=80, blank=True, help_text="What kind of event, when the type is Other."
    )
    title = models.CharField(max_length=200, blank=True)
    date = models.DateField()
    notes = models.TextField(blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.LOGGED)
    # The overdue action an event came from, so that it is logged only once.
    source_uuid = models.UUIDField(null=True, blank=True, unique=True)
    logged_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["org", "type", "date"])]

    def __str__(self) -> str:
        return f"{self.type_label} on {self.date}"

    @property
    def access_engagement(self) -> Engagement | None:
        """The policy takes coach and sponsor from the engagement's accepted participants."""
        return self.engagement

    @property
    def type_label(self) -> str:
        if self.type == self.Type.CUSTOM and self.custom_type:
            return self.custom_type
        return str(self.get_type_display())

    @property
    def label(self) -> str:
        return self.title or self.type_label


class SessionSeries(models.Model):
    """A session, or a series of them, of one engagement, on the organizer's wall clock."""

    FREQ_CHOICES = [("", "Once"), (Freq.WEEKLY.value, "Weekly"), (Freq.MONTHLY.value, "Monthly")]

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
        return self.title or str(SessionKind(self.kind).label)

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

    HELD = "held", "Held"
    NO_SHOW_COACHEE = "no_show_coachee", "No-show (coachee)"
    NO_SHOW_COACH = "no_show_coach", "No-show (coach)"
    LATE_CANCELLATION = "late_cancellation", "Late cancellation"
    CANCELLED = "cancelled", "Cancelled"


class ScheduledSession(models.Model):
    """One occurrence of a series: where it is now, and whether it still happens."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"

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
        HELD = "held", "Attended"
        NO_SHOW = "no_show", "No-show"
        LATE_CANCELLATION = "late_cancellation", "Late cancellation"

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
        (0, "Monday"),
        (1, "Tuesday"),
        (2, "Wednesday"),
        (3, "Thursday"),
        (4, "Friday"),
        (5, "Saturday"),
        (6, "Sunday"),
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
        BLOCKED = "blocked", "Not available"
        EXTRA = "extra", "Extra time"

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


class TriggerRule(models.Model):
    """When an event of a type is logged, or some days before or after it, open a focused session."""

    class When(models.TextChoices):
        ON_LOG = "on_log", "When it is logged"
        BEFORE = "before", "Days before the event"
        AFTER = "after", "Days after the event"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="trigger_rules")
    event_type = models.CharField(max_length=30, choices=CareerEvent.Type.choices)
    when = models.CharField(max_length=10, choices=When.choices, default=When.ON_LOG)
    days = models.PositiveSmallIntegerField(default=0)
    framework_key = models.CharField(max_length=40, default="tgrow")
    style = models.CharField(max_length=20, default="non-directive")
    notify_coachee = models.BooleanField(default=True)
    notify_coach = models.BooleanField(default=True)
    notify_sponsor = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event_type", "when", "days"]

    def __str__(self) -> str:
        return f"{self.get_event_type_display()}: {self.timing}"

    @property
    def timing(self) -> str:
        if self.when == self.When.ON_LOG:
            return "when logged"
        unit = "day" if self.days == 1 else "days"
        return f"{self.days} {unit} {self.when}"


class TriggerFiring(models.Model):
    """A focused session opened for an event, by a rule or by hand. A rule fires once per event."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(CareerEvent, on_delete=models.CASCADE, related_name="firings")
    rule = models.ForeignKey(
        TriggerRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="firings"
    )
    framework_key = models.CharField(max_length=40)
    started_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    coaching_session_uuid = models.UUIDField(null=True, blank=True)
    coaching_session_url = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "event"], name="rule_fires_once_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.framework_key} session for {self.event}"


REMINDER_KINDS = [(kind.value, kind.value.replace("_", " ").capitalize()) for kind in ReminderKind]
DELIVERY_CHOICES = [
    (Delivery.IMMEDIATELY.value, "Immediately"),
    (Delivery.DIGEST.value, "In a daily digest"),
    (Delivery.OFF.value, "Not at all"),
]


class HomeDigest(models.TextChoices):
    """How often a person gets their home page by email (the web app's digest), at digest_time."""

    OFF = "off", "Never"
    DAILY = "daily", "Every day"
    WEEKLY = "weekly", "Every Monday"


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
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        SKIPPED = "skipped", "Skipped"

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
