"""Team coaching: the team side of a team engagement (Engagement kind=team). Its charter, stored
with versions; its pulse on a cadence (an instrument administration per pulse, aggregates only);
its actions with owners from the team; and its check-ins. Access comes from the engagement's
accepted places (see accounts.policy, `team.*`)."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership, Organization
from trellis.engagements.models import Engagement
from trellis.goals.models import Goal
from trellis.instruments.models import Administration

PULSE_KEY = "team-pulse"


MAX_ANSWER_DAYS = 28


class TeamSpace(models.Model):
    """How a team engagement runs: who leads the team, and the pulse's cadence and threshold.
    Readers get an unsaved default (the engagement's primary coachee leads) until a coach saves."""

    class Every(models.IntegerChoices):
        OFF = 0, _("No cadence (send a pulse by hand)")
        TWO = 2, _("Every 2 weeks")
        FOUR = 4, _("Every 4 weeks")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    engagement = models.OneToOneField(
        Engagement, on_delete=models.CASCADE, related_name="team_space"
    )
    leader = models.ForeignKey(
        Membership,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The team's leader: a member of the team; edits the charter with the coaches.",
    )
    pulse_every_weeks = models.PositiveSmallIntegerField(choices=Every.choices, default=Every.OFF)
    pulse_threshold = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(5), MaxValueValidator(100)],
        help_text="Answers needed before anyone sees the team's aggregate (at least the instrument's 5).",
    )
    pulse_answer_days = models.PositiveSmallIntegerField(
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ANSWER_DAYS)],
        help_text=_("Days the team has to answer a pulse; it closes after them (1 to 28)."),
    )
    next_pulse_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Team space of {self.engagement.topic or self.engagement_id}"

    @property
    def access_engagement(self) -> Engagement:
        return self.engagement

    def relations_of(self, member: Membership) -> set[str]:
        if self.leader_id == member.pk and "member" in self.engagement.participant_relations(
            member
        ):
            return {"team_lead"}
        return set()


class CharterVersion(models.Model):
    """One saved version of a team's charter; each save is a new row (who, when), never an edit."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="charter_versions"
    )
    version = models.PositiveIntegerField(help_text="1, 2, 3, ... per team engagement.")
    purpose = models.TextField(max_length=2000)
    working_agreements = models.TextField(max_length=4000, blank=True)
    roles = models.TextField(max_length=4000, blank=True)
    decision_rules = models.TextField(max_length=4000, blank=True)
    goals = models.ManyToManyField(
        Goal,
        blank=True,
        related_name="+",
        help_text="The team's goals in the goal tree (linked, not copied), each under an organization goal.",
    )
    note = models.CharField(max_length=300, blank=True, help_text="What changed, in a line.")
    saved_by = models.ForeignKey(Membership, null=True, on_delete=models.SET_NULL, related_name="+")
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "version"], name="charter_version_unique")
        ]

    def __str__(self) -> str:
        return f"Charter version {self.version}"

    @property
    def access_engagement(self) -> Engagement:
        return self.engagement


class TeamPulse(models.Model):
    """One pulse of a team: the team-pulse instrument sent to the team's accepted members. Its
    figures show only as aggregates, once it is over and at least the threshold answered."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="pulses")
    administration = models.OneToOneField(
        Administration, on_delete=models.PROTECT, related_name="team_pulse"
    )
    number = models.PositiveIntegerField(help_text="1, 2, 3, ... per team engagement.")
    threshold = models.PositiveSmallIntegerField(default=5)
    opened_on = models.DateField(default=timezone.localdate)
    closes_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "number"], name="team_pulse_unique")
        ]

    def __str__(self) -> str:
        return f"Team pulse {self.number}"

    @property
    def access_engagement(self) -> Engagement:
        return self.engagement


class TeamAction(models.Model):
    """A step the team agreed, owned by one member of the team."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="team_actions"
    )
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        Membership, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["status", "due_on", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def access_engagement(self) -> Engagement:
        return self.engagement


class TeamCheckIn(models.Model):
    """A member's short update to the team, visible to the team and its coaches."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="team_check_ins"
    )
    by = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Check-in by {self.by_id}"

    @property
    def access_engagement(self) -> Engagement:
        return self.engagement
