"""Career events and the trigger rules that open a focused session for them."""

import uuid

from django.db import models
from django.utils.translation import gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership, Organization
from trellis.engagements.models import Engagement

# What Trellis writes on the event an overdue action becomes (scheduling.services.events): stored in
# English, as written, and said in the reader's language when shown (CareerEvent.title_shown,
# notes_shown). The title never names the action (docs/confidentiality.md); the notes do.
OVERDUE_TITLE = gettext_noop("Missed deadline")
OVERDUE_NOTES = gettext_noop("The action that went overdue: {what}")


def shown_title(title: str, source: str) -> str:
    """An event's title as the reader reads it: Trellis's own title of an overdue action's event
    in their language, any other title as it was written."""
    if source == CareerEvent.Source.OVERDUE_ACTION and title == OVERDUE_TITLE:
        return gettext(OVERDUE_TITLE)
    return title


class CareerEvent(models.Model):
    """Something that happened or is about to in a coachee's career: a reason for a focused session."""

    class Type(models.TextChoices):
        PERFORMANCE_REVIEW = "performance_review", _("Performance review")
        PROMOTION_DECISION = "promotion_decision", _("Promotion decision")
        ROLE_CHANGE = "role_change", _("Role change")
        NEW_PROJECT = "new_project", _("New project or launch")
        JOB_INTERVIEW = "job_interview", _("Job interview")
        OFFER = "offer", _("Offer")
        SETBACK = "setback", _("Setback or missed deadline")
        CUSTOM = "custom", _("Other")

    class Source(models.TextChoices):
        LOGGED = "logged", _("Logged by hand")
        IMPORTED = "imported", _("Imported from CSV")
        OVERDUE_ACTION = "overdue_action", _("An overdue action")

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
        indexes = [
            models.Index(fields=["org", "type", "date"]),
            # an organization's events newest first (the admin's Events page and the API, paged):
            # PostgreSQL walks it and stops at the page instead of sorting every event
            models.Index(fields=["org", "-date", "-id"], name="careerevent_org_newest"),
        ]

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
    def title_shown(self) -> str:
        """The title in the reader's language when Trellis wrote it (see shown_title)."""
        return shown_title(self.title, self.source)

    @property
    def notes_shown(self) -> str:
        """The notes, with the words Trellis wrote for an overdue action in the reader's
        language and the action's own text as it is."""
        opening = OVERDUE_NOTES.split("{what}")[0]
        if self.source == self.Source.OVERDUE_ACTION and self.notes.startswith(opening):
            return gettext(OVERDUE_NOTES).format(what=self.notes.removeprefix(opening))
        return self.notes

    @property
    def label(self) -> str:
        return self.title_shown or self.type_label


class TriggerRule(models.Model):
    """When an event of a type is logged, or some days before or after it, open a focused session."""

    class When(models.TextChoices):
        ON_LOG = "on_log", _("When it is logged")
        BEFORE = "before", _("Days before the event")
        AFTER = "after", _("Days after the event")

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
            return gettext("when logged")
        if self.when == self.When.BEFORE:
            return ngettext("%(n)d day before", "%(n)d days before", self.days) % {"n": self.days}
        return ngettext("%(n)d day after", "%(n)d days after", self.days) % {"n": self.days}


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
