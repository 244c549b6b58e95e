"""Leadership development: a leadership goal (a goals.Goal that names a competency of a competency
model and one or two observable behaviours), the organization's mission and values, decision records
and innovation experiments.

The behaviour contract (other apps, e.g. trellis.stakeholders, build on it):

- `LeadershipGoal` is one-to-one with `goals.Goal` (`goal.leadership`). It names
  `model_key` (a competency model, trellis/core/leadership) and `competency_key`.
- `Behaviour` rows hang off a leadership goal: `position` 1 or 2 (one or two behaviours), `version`
  1, 2, ... per position, `text` (wording another person can see), `frozen_at` (set once the first
  stakeholder rating arrives), `replaces` (the earlier version it supersedes) and `retired_at` (set
  when a newer version replaced it). The current behaviours are `retired_at IS NULL`
  (`LeadershipGoal.current_behaviours()`); at most one current row per position.
- `services.freeze_behaviours(goal)` freezes the current wording (call it when the first rating for
  a behaviour is stored). `services.revise_behaviour(behaviour, text)` edits an unfrozen behaviour
  in place; a frozen one is never edited: a new version is created (old row kept, retired, linked
  through `replaces`), so ratings stored against a `Behaviour` row stay with the wording rated and
  trends keep versions apart.
- Access: a leadership goal and its behaviours are seen by whoever may see the goal
  (`relations_of` delegates to the goal: coachee, coach, shared_sponsor).

Demo (trellis/leadership/demo.py): Greg Hollis (greg@northwind.example, Northwind's engineering
manager, coached by Marcus Chen) on the new-manager track, with the leadership goal
"Bring my team into the decisions that affect them" (`DEMO_GOAL_TITLE`; Adair's action-centred
leadership, competency "team") and two behaviours (`DEMO_BEHAVIOURS`).
"""

import hashlib
import uuid
from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership, Organization
from trellis.engagements.models import CoachingSession, Engagement
from trellis.goals.models import Goal

DEMO_LEADER_EMAIL = "greg@northwind.example"
DEMO_GOAL_TITLE = "Bring my team into the decisions that affect them"
DEMO_BEHAVIOURS = (
    "Asks the team for options before announcing a decision that affects them",
    "Says in the team meeting what was decided, why, and who owns the next step",
)


class LeadershipGoal(models.Model):
    """The leadership side of a goal: which competency it develops."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    goal = models.OneToOneField(Goal, on_delete=models.CASCADE, related_name="leadership")
    model_key = models.SlugField(
        max_length=80, help_text="The competency model, e.g. 'action-centred-leadership'."
    )
    competency_key = models.SlugField(max_length=80, help_text="The competency within the model.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.goal} ({self.model_key}/{self.competency_key})"

    @property
    def org_id(self) -> int:
        return self.goal.org_id

    def current_behaviours(self) -> models.QuerySet["Behaviour"]:
        return self.behaviours.filter(retired_at__isnull=True).order_by("position")

    def relations_of(self, member: Membership) -> set[str]:
        return self.goal.relations_of(member)


class Behaviour(models.Model):
    """One observable behaviour of a leadership goal, in one wording (a version)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    leadership_goal = models.ForeignKey(
        LeadershipGoal, on_delete=models.CASCADE, related_name="behaviours"
    )
    position = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(2)],
        help_text="First or second behaviour of the goal.",
    )
    version = models.PositiveIntegerField(default=1)
    text = models.CharField(
        max_length=300, help_text="What another person can see the leader do, in plain words."
    )
    questions = models.PositiveSmallIntegerField(
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
        help_text="How many questions stakeholders answer about it: 1 how much they improved, "
        "2 and a feed-forward suggestion, 3 and an example they saw.",
    )
    frozen_at = models.DateTimeField(
        null=True, blank=True, help_text="Stakeholders rated this wording: it no longer changes."
    )
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
        help_text="The earlier version this wording supersedes.",
    )
    retired_at = models.DateTimeField(
        null=True, blank=True, help_text="A newer version replaced this wording."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["leadership_goal", "position", "version"], name="behaviour_version_unique"
            ),
            models.UniqueConstraint(
                fields=["leadership_goal", "position"],
                condition=models.Q(retired_at__isnull=True),
                name="behaviour_one_current_per_position",
            ),
            models.CheckConstraint(
                condition=models.Q(position__gte=1, position__lte=2),
                name="behaviour_position_1_or_2",
            ),
            models.CheckConstraint(
                condition=models.Q(questions__gte=1, questions__lte=3),
                name="behaviour_questions_1_to_3",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text} (v{self.version})"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    @property
    def is_current(self) -> bool:
        return self.retired_at is None

    def relations_of(self, member: Membership) -> set[str]:
        return self.leadership_goal.relations_of(member)


class CompetencyModelVersion(models.Model):
    """An organization's own competency model, one row per version (built-ins are files)."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(max_length=60)
    version = models.PositiveIntegerField()
    name = models.CharField(max_length=120)
    text = models.TextField()
    content_hash = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "key", "version"], name="one_competency_model_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    @staticmethod
    def hash_of(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()


class MissionPart(models.Model):
    """One part of the organization's mission, or one of its values. Everyone in the organization
    reads them; admins write them. Leadership goals and decision records link to them."""

    class Kind(models.TextChoices):
        MISSION = "mission", _("Part of the mission")
        VALUE = "value", _("Value")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=1)
    archived = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "position", "id"]

    def __str__(self) -> str:
        return self.name

    def relations_of(self, member: Membership) -> set[str]:
        return {"colleague"} if member.org_id == self.org_id else set()


class LeadershipLink(models.Model):
    """A leadership goal serves a part of the mission or lives a value."""

    leadership_goal = models.ForeignKey(
        LeadershipGoal, on_delete=models.CASCADE, related_name="links"
    )
    part = models.ForeignKey(MissionPart, on_delete=models.CASCADE, related_name="goal_links")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["leadership_goal", "part"], name="one_mission_link")
        ]


class SessionLink(models.Model):
    """A coaching session worked on a part of the mission or lived a value (its coach or coachee
    says so); read with the session's content, by who may read it."""

    session = models.ForeignKey(
        "engagements.CoachingSession", on_delete=models.CASCADE, related_name="mission_links"
    )
    part = models.ForeignKey(MissionPart, on_delete=models.CASCADE, related_name="session_links")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "part"], name="one_session_mission_link")
        ]


class Experiment(models.Model):
    """An innovation experiment on a leadership goal: what they expect, how they test it, and what
    they learnt. Seen by whoever sees the goal."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    leadership_goal = models.ForeignKey(
        LeadershipGoal, on_delete=models.CASCADE, related_name="experiments"
    )
    hypothesis = models.CharField(max_length=500, help_text="What you expect to happen, and why.")
    test = models.CharField(max_length=500, help_text="The small, cheap test that would show it.")
    learnt = models.TextField(blank=True, help_text=_("What the test showed and what you learnt."))
    created_at = models.DateTimeField(default=timezone.now)
    concluded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.hypothesis

    def relations_of(self, member: Membership) -> set[str]:
        return self.leadership_goal.relations_of(member)


class DecisionRecord(models.Model):
    """A difficult decision, thought through (often in a session) and revisited at its review
    date with what happened. The leader's own content: seen by the leader and, when it belongs to
    an engagement, its coach. Sponsors and admins see nothing of it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="decisions")
    engagement = models.ForeignKey(
        Engagement, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    session = models.ForeignKey(
        CoachingSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    question = models.CharField(max_length=300, help_text="The decision to make, as a question.")
    options = models.TextField(help_text=_("The options considered, one a line."))
    consequences = models.TextField(
        blank=True, help_text="For each stakeholder, what each option means for them (one a line)."
    )
    values = models.ManyToManyField(MissionPart, blank=True, related_name="decisions")
    values_note = models.TextField(_("values at stake"), blank=True)
    decision = models.TextField(_("what was decided"), blank=True)
    why = models.TextField(_("why"), blank=True)
    review_on = models.DateField(null=True, blank=True, help_text=_("When to look at it again."))
    outcome = models.TextField(_("what happened"), blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reminded_on = models.DateField(
        null=True, blank=True, help_text="When the owner was emailed that the review date came."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.question

    def option_lines(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    def consequence_lines(self) -> list[str]:
        return [line.strip() for line in self.consequences.splitlines() if line.strip()]

    def is_due(self, today: date) -> bool:
        return self.review_on is not None and self.reviewed_at is None and self.review_on <= today

    def relations_of(self, member: Membership) -> set[str]:
        found: set[str] = set()
        if self.owner_id == member.pk:
            found.add("coachee")
        if self.engagement is not None and "coach" in self.engagement.participant_relations(member):
            found.add("coach")
        return found
