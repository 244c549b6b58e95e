"""Stakeholder-centred feedback on a leadership goal, and the 360 at the start and end of a track.

The coachee names a few stakeholders (inside or outside Trellis: a name, an email and how they
relate). Each round (monthly by default) every stakeholder gets a signed single-use link asking
how much the coachee has improved on each chosen behaviour (-3..+3) and for a feed-forward
suggestion. A `Rating` is stored without any link to the `Ask` or the stakeholder that gave it:
the database itself cannot tell who said what. Aggregates show only at the organization's
threshold (three answers by default).
"""

import secrets
import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership, Organization
from trellis.instruments.models import Administration
from trellis.leadership.models import Behaviour, LeadershipGoal

DEFAULT_THRESHOLD = 3
DEFAULT_CADENCE_DAYS = 30
SCALE_MIN, SCALE_MAX = -3, 3


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


class StakeholderSettings(models.Model):
    """The organization's setting: how many stakeholders must answer before anyone sees a figure."""

    org = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="stakeholder_settings"
    )
    threshold = models.PositiveSmallIntegerField(
        default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(3), MaxValueValidator(50)],
        help_text=_("Answers needed in a round (or an audience of a 360) before aggregates show."),
    )

    def __str__(self) -> str:
        return f"Stakeholder settings of {self.org}"


class StakeholderPlan(models.Model):
    """A leadership goal's stakeholder feedback: who is asked and how often."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    leadership_goal = models.OneToOneField(
        LeadershipGoal, on_delete=models.CASCADE, related_name="stakeholder_plan"
    )
    cadence_days = models.PositiveSmallIntegerField(
        default=DEFAULT_CADENCE_DAYS, validators=[MinValueValidator(7), MaxValueValidator(120)]
    )
    next_round_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Stakeholder feedback on {self.leadership_goal}"

    @property
    def org_id(self) -> int:
        return self.leadership_goal.goal.org_id

    def relations_of(self, member: Membership) -> set[str]:
        """The goal's coachee and coach; a sponsor the goal is shared with gets nothing here."""
        return self.leadership_goal.relations_of(member) & {"coachee", "coach"}


class Stakeholder(models.Model):
    class Relation(models.TextChoices):
        MANAGER = "manager", _("Their manager")
        PEER = "peer", _("A colleague")
        DIRECT_REPORT = "direct_report", _("A direct report")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(StakeholderPlan, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(max_length=150)
    email = models.EmailField()
    relation = models.CharField(max_length=16, choices=Relation.choices)
    member = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "email"],
                condition=Q(removed_at__isnull=True),
                name="stakeholder_once_per_plan",
            )
        ]

    def __str__(self) -> str:
        return self.name


class FeedbackRound(models.Model):
    """One month's asking: which behaviour versions were asked and to whom."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(StakeholderPlan, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveIntegerField()
    opened_at = models.DateTimeField()
    behaviours = models.ManyToManyField(Behaviour, related_name="+")

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="feedback_round_unique")
        ]

    def __str__(self) -> str:
        return f"Round {self.number}"


class Ask(models.Model):
    """A stakeholder's single-use link for one round. It records that they answered, never what."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    round = models.ForeignKey(FeedbackRound, on_delete=models.CASCADE, related_name="asks")
    stakeholder = models.ForeignKey(
        Stakeholder, null=True, blank=True, on_delete=models.SET_NULL, related_name="asks"
    )
    nonce = models.CharField(max_length=40, default=new_nonce, editable=False)
    sent_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When the one reminder before the link expires went out."),
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Ask {self.uuid}"

    @property
    def has_answered(self) -> bool:
        return self.answered_at is not None


class Rating(models.Model):
    """One answer about one behaviour version, kept apart from who gave it."""

    round = models.ForeignKey(FeedbackRound, on_delete=models.CASCADE, related_name="ratings")
    behaviour = models.ForeignKey(Behaviour, on_delete=models.PROTECT, related_name="+")
    improvement = models.SmallIntegerField(
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]
    )
    feedforward = models.TextField(blank=True, max_length=1000)
    example = models.TextField(
        blank=True,
        max_length=1000,
        help_text=_("An example they saw (a behaviour's third question)."),
    )

    class Meta:
        ordering = ["round", "behaviour"]
        constraints = [
            models.CheckConstraint(
                condition=Q(improvement__gte=SCALE_MIN, improvement__lte=SCALE_MAX),
                name="rating_improvement_in_scale",
            )
        ]

    def __str__(self) -> str:
        return f"Rating in {self.round}"


class ThreeSixty(models.Model):
    """A 360 at the start or the end of a track: an instruments administration about the coachee,
    answered by themselves and their stakeholders. Who answers as which audience is the
    administration's own record (each respondent's `role`, from the instrument's schema)."""

    class Audience(models.TextChoices):
        SELF = "self", _("Self")
        MANAGER = "manager", _("Manager")
        PEER = "peer", _("Peers")
        DIRECT_REPORT = "direct_report", _("Direct reports")

    # the instrument's respondent roles (leadership-360.toml `respondents`) as audiences
    AUDIENCE_OF_ROLE = {
        "self": Audience.SELF,
        "manager": Audience.MANAGER,
        "peer": Audience.PEER,
        "report": Audience.DIRECT_REPORT,
    }

    class Phase(models.TextChoices):
        START = "start", _("Start of the track")
        END = "end", _("End of the track")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(StakeholderPlan, on_delete=models.CASCADE, related_name="threesixties")
    phase = models.CharField(max_length=5, choices=Phase.choices)
    administration = models.OneToOneField(
        Administration, on_delete=models.CASCADE, related_name="threesixty"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "phase"], name="threesixty_once_per_phase")
        ]

    def __str__(self) -> str:
        return f"360 ({self.phase})"
