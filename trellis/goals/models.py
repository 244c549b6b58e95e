"""Goals (organization -> team -> person), actions, check-ins, reviews with GAS scores, revisions.

The plan belongs to the coachee. A person's goal is seen by the coachee and the coach of its
engagement; a sponsor sees a summary of the goals the coachee shares. `relations_of` tells the
access policy how a member stands to a goal or an action.
"""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership, Organization, Team
from trellis.core.goals import GasLevels
from trellis.engagements.models import Engagement

WORDING_FIELDS = ("title", "why", "success_measure")
GAS_FIELDS = ("gas_much_less", "gas_less", "gas_expected", "gas_more", "gas_much_more")


# A plan reads many goals' actions, actions' check-ins and reviews' scores: prefetched into these
# attributes (lists), each row costs a list, where a prefetch into the manager builds a query set
# for every row (about 200 Python calls: a coach's Plans page 25 rows, 150 goals and actions).
ACTION_ROWS = "_action_rows"
CHECK_IN_ROWS = "_check_in_rows"
SCORE_ROWS = "_score_rows"


class Goal(models.Model):
    class Level(models.TextChoices):
        PERSON = "person", _("Person")
        TEAM = "team", _("Team")
        ORGANIZATION = "organization", _("Organization")

    class Visibility(models.TextChoices):
        PRIVATE = "private", _("Coachee and coach only")
        SHARED = "shared", _("Summary shared with the sponsor")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        DROPPED = "dropped", _("Dropped")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="goals")
    level = models.CharField(max_length=12, choices=Level.choices, default=Level.PERSON)
    owner = models.ForeignKey(
        Membership,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="goals",
        help_text="The coachee whose goal it is (person-level goals).",
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.CASCADE, related_name="goals"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    engagement = models.ForeignKey(
        Engagement, null=True, blank=True, on_delete=models.SET_NULL, related_name="goals"
    )
    title = models.CharField(max_length=200)
    why = models.TextField("why it matters", blank=True)
    success_measure = models.CharField(max_length=300, blank=True)
    due_text = models.CharField(
        max_length=100, blank=True, help_text="The due date as the person wrote it."
    )
    due_date = models.DateField(null=True, blank=True)
    weight = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    # Consent goes to a person: the sponsor the coachee shared the summary with. A sponsor who
    # takes over the engagement later does not inherit it.
    shared_with = models.ForeignKey(
        Membership,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The sponsor the coachee shared this goal's summary with.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    status_reason = models.CharField(max_length=300, blank=True)
    gas_much_less = models.CharField("-2: much less than expected", max_length=300, blank=True)
    gas_less = models.CharField("-1: somewhat less than expected", max_length=300, blank=True)
    gas_expected = models.CharField("0: the expected outcome", max_length=300, blank=True)
    gas_more = models.CharField("+1: somewhat more than expected", max_length=300, blank=True)
    gas_much_more = models.CharField("+2: much more than expected", max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, help_text="Optimistic lock: +1 per save.")
    wording_version = models.PositiveIntegerField(default=1)
    wording_frozen = models.BooleanField(
        default=False, help_text="Stakeholders gave feedback on this wording."
    )
    source_session_uuid = models.UUIDField(null=True, blank=True)
    created_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_date", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(level="person") | models.Q(owner__isnull=False),
                name="goal_person_has_owner",
            )
        ]
        indexes = [
            # the organization's and teams' goals, a few among thousands of person goals
            models.Index(
                fields=["org"], condition=~models.Q(level="person"), name="goal_aligned_of_org"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def action_rows(self) -> list["Action"]:
        """Its actions, from a `Prefetch("actions", to_attr=ACTION_ROWS)` when there is one,
        else as `actions.all()` gives them (from a prefetch into the manager, or read)."""
        rows = getattr(self, ACTION_ROWS, None)
        return rows if rows is not None else list(self.actions.all())

    @property
    def is_aligned_level(self) -> bool:
        """An organization or team goal: visible to everyone in the organization."""
        return self.level != self.Level.PERSON

    @property
    def gas_levels(self) -> GasLevels:
        return GasLevels(*(getattr(self, name) for name in GAS_FIELDS))

    def is_shared_with(self, member: Membership) -> bool:
        """The coachee shared this goal's summary with this very person."""
        return self.visibility == self.Visibility.SHARED and self.shared_with_id == member.pk

    def relations_of(self, member: Membership) -> set[str]:
        found: set[str] = set()
        if self.is_aligned_level:
            found.add("colleague")
            return found
        if self.owner_id == member.pk:
            found.add("coachee")
        engagement = self.engagement
        if engagement is not None:
            # from the engagement's accepted participants: a proposed engagement grants nothing
            related = engagement.participant_relations(member)
            if "coach" in related:
                found.add("coach")
            if "sponsor" in related and self.is_shared_with(member):
                found.add("shared_sponsor")
        return found


class GoalVersion(models.Model):
    """Wording a goal had before it changed after stakeholders commented on it."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    why = models.TextField(blank=True)
    success_measure = models.CharField(max_length=300, blank=True)
    replaced_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "number"], name="goal_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.goal} (version {self.number})"


class StakeholderFeedback(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="feedback")
    wording_version = models.PositiveIntegerField()
    by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stakeholder = models.CharField(
        max_length=150, help_text="Who gave the feedback, e.g. 'Greg, my manager'."
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Feedback from {self.stakeholder} on {self.goal}"


class Action(models.Model):
    class Cadence(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        FORTNIGHTLY = "fortnightly", _("Fortnightly")
        MONTHLY = "monthly", _("Monthly")
        AT_SESSIONS = "at_sessions", _("At sessions")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    what = models.CharField(max_length=300)
    owner = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="goal_actions")
    due_date = models.DateField(null=True, blank=True)
    due_history = models.JSONField(
        default=list, blank=True, help_text="Every due date set, oldest first (ISO dates)."
    )
    accountability_partner = models.ForeignKey(
        Membership,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partnered_actions",
    )
    cadence = models.CharField(max_length=12, choices=Cadence.choices, default=Cadence.WEEKLY)
    support = models.TextField("support needed", blank=True)
    obstacles = models.TextField(blank=True)
    commitment = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    weight = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    drop_reason = models.CharField(max_length=300, blank=True)
    percent = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_date", "created_at", "id"]

    def __str__(self) -> str:
        return self.what

    def check_in_rows(self) -> list["CheckIn"]:
        """Its check-ins, newest first: from `Prefetch("check_ins", to_attr=CHECK_IN_ROWS)`
        when there is one, else as `check_ins.all()` gives them."""
        rows = getattr(self, CHECK_IN_ROWS, None)
        return rows if rows is not None else list(self.check_ins.all())

    @property
    def org_id(self) -> int:
        return self.goal.org_id

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.IN_PROGRESS)

    def relations_of(self, member: Membership) -> set[str]:
        found = self.goal.relations_of(member) - {"colleague", "shared_sponsor"}
        if self.owner_id == member.pk:
            found.add("owner")
        if self.accountability_partner_id == member.pk:
            found.add("partner")
        return found


class CheckIn(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="check_ins")
    by = models.ForeignKey(Membership, null=True, on_delete=models.SET_NULL, related_name="+")
    percent = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    done = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    blockers = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Check-in on {self.action}"


class Review(models.Model):
    """A walk through the plan: each goal scored on its GAS levels, then kept or changed."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="goal_reviews")
    coachee = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="goal_reviews")
    engagement = models.ForeignKey(
        Engagement, null=True, blank=True, on_delete=models.SET_NULL, related_name="goal_reviews"
    )
    reviewed_on = models.DateField()
    by = models.ForeignKey(Membership, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)
    t_score = models.FloatField(null=True, blank=True)
    source_session_uuid = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["reviewed_on", "created_at", "id"]

    def __str__(self) -> str:
        return f"Review of {self.coachee.user} on {self.reviewed_on}"

    def score_rows(self) -> list["GoalScore"]:
        """Its scores: from `Prefetch("scores", to_attr=SCORE_ROWS)` when there is one, else as
        `scores.all()` gives them."""
        rows = getattr(self, SCORE_ROWS, None)
        return rows if rows is not None else list(self.scores.all())

    @property
    def note_shown(self) -> str:
        """The note, with the words Trellis wrote for a closing review in the reader's language."""
        return gettext(CLOSING_REVIEW) if self.note == CLOSING_REVIEW else self.note

    def relations_of(self, member: Membership) -> set[str]:
        found: set[str] = set()
        if self.coachee_id == member.pk:
            found.add("coachee")
        if self.engagement is not None and "coach" in self.engagement.participant_relations(member):
            found.add("coach")
        return found


class GoalScore(models.Model):
    class Decision(models.TextChoices):
        KEEP = "keep", _("Keep")
        CHANGE = "change", _("Change")
        COMPLETE = "complete", _("Complete")
        DROP = "drop", _("Drop")
        ADD = "add", _("Added at this review")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="scores")
    score = models.SmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(-2), MaxValueValidator(2)]
    )
    weight = models.PositiveSmallIntegerField(default=1)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.KEEP)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "goal"], name="one_score_per_goal_per_review")
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.score}"


# the generic names of the GAS levels (trellis/core/goals/gas.py), for a score without the goal's words
LEVEL_NAMES = {
    -2: gettext_noop("much less than expected"),
    -1: gettext_noop("somewhat less than expected"),
    0: gettext_noop("the expected outcome"),
    1: gettext_noop("somewhat more than expected"),
    2: gettext_noop("much more than expected"),
}
# reasons Trellis gives for a revision itself, by code (Revision.params["because"])
BECAUSE = {
    "review": gettext_noop("Added at a review"),
    "group": gettext_noop("Made from a goal written in a group"),
    "session": gettext_noop("From a {framework} session"),  # params["framework"]: GROW, ...
}
# the note of the review an engagement's closing review records (engagements.contracts): stored
# in English, as written, and shown in the reader's language (Review.note_shown)
CLOSING_REVIEW = gettext_noop("Closing review")


class Revision(models.Model):
    """One change to a goal or an action: who, when, why, and each field's old and new value."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        CHANGED = "changed", _("Changed")
        NEW_VERSION = "new_version", _("New wording version")
        CHECK_IN = "check_in", _("Check-in")
        REVIEWED = "reviewed", _("Reviewed")
        FEEDBACK = "feedback", _("Stakeholder feedback")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="revisions")
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    review = models.ForeignKey(
        Review, null=True, blank=True, on_delete=models.SET_NULL, related_name="revisions"
    )
    actor = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    why = models.TextField(blank=True)  # as the person typed it
    # what Trellis says around it, put into words in the reader's language (why_shown):
    # {"because": code}, {"score": -2..2, "level": the goal's words or ""}, {"blockers": as typed}
    params = models.JSONField(default=dict, blank=True)
    changes = models.JSONField(default=dict, blank=True)  # field -> {"from": old, "to": new}
    version = models.PositiveIntegerField(help_text="The goal's or action's version after it.")
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["at", "id"]

    @property
    def why_shown(self) -> str:
        """Why, as the reader reads it: what people typed, with Trellis's words in their language."""
        params, parts = self.params, []
        if params.get("because") in BECAUSE:
            framework = str(params.get("framework", ""))
            parts.append(gettext(BECAUSE[params["because"]]).format(framework=framework))
        if params.get("score") in LEVEL_NAMES:
            score = params["score"]
            level = params.get("level") or gettext(LEVEL_NAMES[score])
            shown = f"{score:+d}" if score else "0"
            parts.append(gettext("Scored %(score)s: %(level)s") % {"score": shown, "level": level})
        if self.why:
            parts.append(self.why)
        if params.get("blockers"):
            parts.append(gettext("Blockers: %(blockers)s") % {"blockers": params["blockers"]})
        return " ".join(parts)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.action or self.goal} at {self.at:%Y-%m-%d %H:%M}"
