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

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from trellis.accounts.models import Membership
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
